"""Counting a list's facets: how many results each choice gives together with the *other*
active filters, which values in the address exist, and how long the list is.

FacetCounter is given a list's facets and how to read its rows, and returns FacetCounts; it
changes nothing it is given. The counts come from one of two places:

- the list's *summary* (FacetSummary), kept in the cache until the content changes, when the
  address filters by facets and summary filters alone (the event list's period): no query
  counts rows at all;
- otherwise one SQL query (a UNION) that lists the choices of the facets that come from the
  database (published countries, sectors) and counts every facet.

One facet of each list is on a field every row has exactly one value of (an event's kind, a
site's designation): its counts add up to the length of the list, so a page needs no COUNT
query.
"""

import re
from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import ClassVar

from django.db.models import Count, F, Value
from django.utils.text import Truncator
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from unesco_office.core.cache import remember
from unesco_office.core.collation import sort_key
from unesco_office.core.i18n import fallback_language, language_columns, untranslated

# What every slug looks like; other values cannot match, so they never reach the database.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


@dataclass
class Choice:
    value: str
    label: str
    selected: bool = False
    count: int | None = None
    # “3 events”, for screen readers: the number alone is ambiguous when heard.
    count_text: str = ""
    # "en" when the label is the English name for a missing translation (see
    # core.i18n.fallback_language); None otherwise.
    language: str | None = None


@dataclass
class Facet:
    name: str
    label: str
    choices: list[Choice]
    multiple: bool = True
    # Shown folded (a <details>) until one of its choices is selected: keeps the form short.
    collapsible: bool = False

    @property
    def selected_count(self):
        return sum(choice.selected for choice in self.choices)


@dataclass
class FacetSummary:
    """What a list's facet counts are computed from without counting rows in the database:
    its rows grouped by the value of every facet (an event's country, kind and set of
    sectors), a few hundred groups however many rows there are. It is kept in the cache for
    as long as the content does not change (unesco_office.core.cache.remember), one summary
    for each value of the list's summary filters (the event list's period), and used
    whenever the address filters by facets alone."""

    # Part of the summary's name in the cache: changed with the fields below, so that a
    # new version of the site never reads a summary an older one kept.
    LAYOUT: ClassVar[int] = 2

    # The rows of the facet query's choice parts: (facet, 0, pk, slug, order, *names).
    choice_rows: list
    # For each facet, the values its bits stand for: a related record's pk, or a value.
    values: list
    # One group after another: for each facet the bits of the values its rows hold, then the
    # number of rows. Plain numbers, so that reading the summary from the cache is quick.
    groups: array
    extras: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FacetCounts:
    """What counting a list's facets found."""

    # Each facet with its choices in order, counted, the address's ones selected.
    facets: list[Facet]
    # For each facet, what its chosen values stand for in the database (pks, or values):
    # what the list is filtered by. Empty: the facet is not applied.
    targets: dict[str, list]
    # For each facet, each choice's value in the address and what it stands for.
    ids: dict[str, dict]
    # What in the address matched nothing, as sentences for the page.
    unknown: list[str]
    # How long the list is; None when not counted (a feed, a download).
    total: int | None
    summary: FacetSummary | None


@dataclass(frozen=True)
class FacetCounter:
    """Counts the facets of one list (see the module's docstring).

    `facets` are the list's facet filters by name (unesco_office.core.facets.FacetFilter),
    read and never changed. Without `counted` (a feed, a download) it only finds which values
    exist: no choice has a count and the total is unknown."""

    facets: dict
    total_facet: str
    count_text: Callable[[int], str]
    # The names of the list's plain filters, and of those the summary is kept by.
    plain_filters: tuple
    summary_filters: tuple
    # The list's name in the cache, and what else its summary holds (see EventFilter).
    summary_name: str
    summary_extras: Callable
    counted: bool = True

    def count(self, model, data, rows):
        """The counts for the cleaned values `data` of the list's filters. `rows()` gives the
        list under its plain filters: it is only called when a query needs it, not when the
        counts come from a summary already kept."""
        choices = self.related_choices
        key = self.summary_key(data) if self.counted else None
        summary = None
        if key is not None:
            summary = remember(key, lambda: self.summarise(rows(), choices()))
        if summary is not None:
            rows_read = [*summary.choice_rows, *self.summary_count_rows(summary, data)]
        else:
            rows_read = self.facet_query(model, rows(), choices(), data)
        choices_of, ids = self.read_facet_rows(rows_read)

        facets, targets, unknown = [], {}, []
        for name, facet in self.facets.items():
            given = data.get(name) or []
            chosen = [value for value in given if value in ids[name]]
            targets[name] = [ids[name][value] for value in chosen]
            if missing := [value for value in given if value not in ids[name]]:
                unknown.append(unknown_values(facet.label, missing))
            for choice in choices_of[name]:
                choice.selected = choice.value in chosen
            facets.append(Facet(name, facet.label, choices_of[name], collapsible=facet.collapsible))
        return FacetCounts(
            facets=facets,
            targets=targets,
            ids=ids,
            unknown=unknown,
            total=self.total(choices_of, data, ids) if self.counted else None,
            summary=summary,
        )

    def total(self, choices_of, data, ids):
        """The length of the list: the counts of the total facet's selected choices, or of
        all of them when none is selected."""
        selected = [
            value for value in data.get(self.total_facet) or [] if value in ids[self.total_facet]
        ]
        return sum(
            choice.count
            for choice in choices_of[self.total_facet]
            if not selected or choice.value in selected
        )

    def related_choices(self):
        """Each related facet's choices (a queryset of a model's published rows)."""
        return {
            name: untranslated(facet.choices())
            for name, facet in self.facets.items()
            if facet.is_related
        }

    # --- The summary ------------------------------------------------------------------------

    def summary_key(self, data):
        """The name the list's summary is kept under, or None when a plain filter other than
        the summary filters has a value (a search, dates): the counts then depend on more
        than the summary holds."""
        if any(data.get(name) for name in self.plain_filters if name not in self.summary_filters):
            return None
        values = "&".join(f"{name}={data.get(name)}" for name in self.summary_filters)
        return f"facet-summary:{FacetSummary.LAYOUT}:{self.summary_name}?{values}"

    def summarise(self, rows, choices):
        """The summary of `rows` (the list under its plain filters): three queries."""
        keys = {f"summary_{name}": f.summary_key(rows.model) for name, f in self.facets.items()}
        grouped = (
            rows.order_by()
            .annotate(**keys)
            .values_list(*keys)
            .annotate(summary_count=Count("pk"))
            .order_by()
        )
        choice_rows = []
        if choice_parts := self.choice_parts(choices):
            first, *rest = choice_parts
            choice_rows = list(first.union(*rest, all=True).order_by())
        # Each facet's values get a bit each, in the order they are met; a row's key is the
        # bits of the values it holds (one, or none; several for a many-to-many field).
        bits = [{} for _ in self.facets]
        summed = defaultdict(int)
        for *values, n in grouped:
            masks = []
            for f, key, positions in zip(self.facets.values(), values, bits, strict=True):
                mask = 0
                for value in f.summary_values(rows.model, key):
                    mask |= 1 << positions.setdefault(value, len(positions))
                masks.append(mask)
            summed[tuple(masks)] += n
        return FacetSummary(
            choice_rows=choice_rows,
            values=[list(positions) for positions in bits],
            groups=array("q", [number for masks, n in summed.items() for number in (*masks, n)]),
            extras=self.summary_extras(rows),
        )

    def summary_count_rows(self, summary, data):
        """The facet query's count rows, computed from the summary instead: each facet's
        choices counted under the selections of the *other* facets, as facet_query does."""
        facets = self.facets
        ids = {name: dict(f.ids) for name, f in facets.items() if not f.is_related}
        for name in facets.keys() - ids.keys():
            ids[name] = {}
        for part, _n, pk, slug, *_rest in summary.choice_rows:
            ids[part][slug] = pk
        # What each facet selects, as a mask of its values' bits, and which facets apply (a
        # facet applies when one of its values is chosen, even one that no row holds).
        selected, applied = [], []
        for i, (name, values) in enumerate(zip(facets, summary.values, strict=True)):
            chosen = {ids[name][v] for v in data.get(name) or [] if v in ids[name]}
            selected.append(sum(1 << bit for bit, value in enumerate(values) if value in chosen))
            if chosen:
                applied.append(i)
        by_mask = self.count_groups(summary.groups, [(i, selected[i]) for i in applied])
        rows = []
        for (name, f), values, counted in zip(facets.items(), summary.values, by_mask, strict=True):
            per_value = defaultdict(int)
            for mask, n in counted.items():
                for bit, value in enumerate(values):
                    if mask >> bit & 1:
                        per_value[value] += n
            if f.is_related:
                rows += [(f"{name} count", n, pk, "") for pk, n in per_value.items()]
            else:
                slugs = {value: slug for slug, value, _label in f.choices}
                rows += [
                    (f"{name} count", n, 0, slugs[value])
                    for value, n in per_value.items()
                    if value in slugs
                ]
        return [(*row, 0) for row in rows]

    def count_groups(self, groups, tests):
        """For each facet, the summary's rows counted by the mask of values they hold, under
        the selections (`tests`: facet, mask) of the other facets."""
        width = len(self.facets) + 1
        by_mask = [defaultdict(int) for _ in self.facets]
        for row in zip(*(groups[i::width] for i in range(width)), strict=True):
            missed = -1
            for i, mask in tests:
                if not row[i] & mask:
                    if missed >= 0:
                        break  # left out by two facets: counted nowhere
                    missed = i
            else:
                if missed < 0:
                    for i, counted in enumerate(by_mask):
                        counted[row[i]] += row[-1]
                else:
                    # Left out by one facet only: counted beside that facet's choices.
                    by_mask[missed][row[missed]] += row[-1]
        return by_mask

    # --- The facet query --------------------------------------------------------------------

    @staticmethod
    def name_columns_width(choices):
        """How many name columns the rows of the choices have: the most any facet's has."""
        width = max((len(name_columns(c.model)) for c in choices.values()), default=0)
        return [f"facet_name{i}" for i in range(width)]

    def choice_parts(self, choices):
        """A query for each related facet's choices, shaped as facet_query's rows."""
        names = self.name_columns_width(choices)
        parts = []
        for name, queryset in choices.items():
            columns = [F(column) for column in name_columns(queryset.model)]
            columns += [Value("")] * (len(names) - len(columns))
            parts.append(
                queryset.order_by()
                .annotate(
                    facet_part=Value(name),
                    facet_count=Value(0),
                    facet_id=F("pk"),
                    facet_slug=F("slug"),
                    facet_order=F("order"),
                    **dict(zip(names, columns, strict=True)),
                )
                .values_list(
                    "facet_part", "facet_count", "facet_id", "facet_slug", "facet_order", *names
                )
            )
        return parts

    def facet_query(self, model, rows, choices, data):
        """The rows of the choices and counts, all in one UNION.

        Rows are shaped (part, count, id, slug, order, *name columns). The parts: the choices
        of each related facet; then the rows counted by each facet's choices, under the
        conditions of the *other* facets. Every part names its columns alike, so that the
        UNION lines them up."""
        conditions = {}
        for name, f in self.facets.items():
            if values := [v for v in data.get(name) or [] if SLUG.fullmatch(v)]:
                condition = f.given_condition(model, values, choices.get(name))
                if condition is not None:
                    conditions[name] = condition
        names = self.name_columns_width(choices)
        part = ("facet_order", *names)

        def others(facet):
            return rows.order_by().filter(*(q for n, q in conditions.items() if n != facet))

        parts = self.choice_parts(choices)
        for name, f in self.facets.items() if self.counted else ():
            blank = {
                "facet_part": Value(f"{name} count"),
                "facet_order": Value(0),
                **dict.fromkeys(names, Value("")),
            }
            parts.append(f.count_rows(others(name), part, blank))
        first, *rest = parts
        return first.union(*rest, all=True).order_by()

    def read_facet_rows(self, rows):
        """Each facet's choices in order with their counts, and each choice's value in the
        address and what it stands for."""
        facets = self.facets
        ranked = {name: [] for name, f in facets.items() if f.is_related}
        counts = {name: {} for name in facets}
        for part, n, pk, slug, order, *labels in rows:
            if part in ranked:
                label = choice_label(facets[part].choice_model, pk, tuple(labels), get_language())
                text, language = label
                ranked[part].append(
                    (order, sort_key(text, get_language()), text, slug, pk, language)
                )
            else:
                name = part.removesuffix(" count")
                counts[name][pk if facets[name].is_related else slug] = n
        choices, ids = {}, {}
        for name, f in facets.items():
            if name in ranked:
                found = sorted(ranked[name])
                ids[name] = {slug: pk for *_sort, _label, slug, pk, _language in found}
                entries = [
                    (slug, label, counts[name].get(pk, 0), language)
                    for *_sort, label, slug, pk, language in found
                ]
            else:
                ids[name] = dict(f.ids)
                entries = [(s, label, counts[name].get(s, 0), None) for s, _, label in f.choices]
            choices[name] = [
                Choice(slug, label, count=n, count_text=self.count_text(n), language=language)
                for slug, label, n, language in entries
            ]
        return choices, ids


def name_columns(model):
    """Every column a choice's `name` is read from, the model's own first."""
    return list(dict.fromkeys(["name", *language_columns(model, "name")]))


@lru_cache(maxsize=1024)
def choice_label(model, pk, names, language):
    """(label, its language when it is the English for a missing translation): the name the
    model's field gives in `language` for these stored names (read through the model, which
    knows the fallbacks); the same names give the same label, so it is worked out once."""
    columns = name_columns(model)
    with override(language):
        record = model.from_db(None, ["id", *columns], [pk, *names[: len(columns)]])
        return str(record.name), fallback_language(record, "name")


@cache
def model_of(choices):
    """The model of the rows a related facet's `choices` function returns: found once (it
    never changes) instead of building the choices' query for it on every request."""
    return choices().model


def unknown_values(label, values):
    """What the page says of values of a facet that match nothing."""
    shown = ", ".join(
        "“{}”".format(Truncator("".join(c for c in v if c.isprintable())).chars(40))
        for v in values[:5]
    )
    return _("%(label)s: nothing matches %(values)s, so it was left out.") % {
        "label": label,
        "values": shown + (", …" if len(values) > 5 else ""),
    }
