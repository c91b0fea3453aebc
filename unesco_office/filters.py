"""Faceted filters for the public lists, and the view that pages them.

A facet is a filter a visitor may give several values of, by slug
(`?country=mongolia&country=japan`), each choice shown with the number of results it gives
together with the *other* active filters. One SQL query (a UNION) lists the choices of the
facets that come from the database (published countries, sectors) and counts every facet. One
facet of each list is on a field every row has exactly one value of (an event's kind, a site's
designation): its counts add up to the length of the list, so the page needs no COUNT query.

Nothing a visitor puts in the address fails the page. An unknown value is left out of its
facet (a facet left with none is not applied); a bad date or year, too many values or an
over-long search is ignored. Each of these is described in `problems`, which the page shows.
"""

import datetime
import operator
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache, reduce
from typing import ClassVar
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.http import QueryDict
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, override, pgettext
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from .cache import remember, serves_parameters
from .paging import CountedPaginator, NearestPageMixin

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 10
FACET_MAX_VALUES = 50
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


@dataclass
class FacetSummary:
    """What a list's facet counts are computed from without counting rows in the database:
    its rows grouped by the value of every facet (an event's country, kind and set of
    sectors), a few hundred groups however many rows there are. It is kept in the cache for
    as long as the content does not change (unesco_office.cache.remember), one summary for
    each value of the list's summary filters (the event list's period), and used whenever the
    address filters by facets alone."""

    # Part of the summary's name in the cache: changed with the fields below, so that a
    # new version of the site never reads a summary an older one kept.
    LAYOUT: ClassVar[int] = 2

    # The rows of facet_query's choice parts: (facet, 0, pk, slug, order, *names).
    choice_rows: list
    # For each facet, the values its bits stand for: a related record's pk, or a value.
    values: list
    # One group after another: for each facet the bits of the values its rows hold, then the
    # number of rows. Plain numbers, so that reading the summary from the cache is quick.
    groups: array
    extras: dict = field(default_factory=dict)


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


# --- Text columns in every language ---------------------------------------------------------


def language_columns(model, name):
    """The columns of a text field: one a language when the field is translated
    (django-modeltranslation's `title_en`, `title_fr`…), else the field's own."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if getattr(getattr(field, "translated_field", None), "name", None) == name
    ] or [name]


def name_columns(model):
    """Every column a choice's `name` is read from, the model's own first."""
    return list(dict.fromkeys(["name", *language_columns(model, "name")]))


@cache
def text_columns(model, names):
    """Every column of the fields `names`, in every language."""
    return [column for name in names for column in language_columns(model, name)]


def untranslated(queryset):
    """The queryset with field names taken as they are written, not as the active language's.

    django-modeltranslation rewrites `values_list("name")` into several columns in no fixed
    order, which a UNION cannot line up; the facet query names its columns itself."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def filtered_url(list_name, **filters):
    """A list's address with filters in its query string: `/events/?country=mongolia`."""
    return f"{reverse(list_name)}?{urlencode(filters, doseq=True)}"


def as_query_dict(data):
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in (data or {}).items():
        query.setlist(key, value if isinstance(value, list | tuple) else [value])
    return query


# --- Filters --------------------------------------------------------------------------------


class SlugsField(forms.Field):
    """Every value of a repeated parameter, once each; the filter set decides which exist."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "too_many": _("%(label)s: more than %(max)s values, so this filter was not used."),
    }

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        return list(dict.fromkeys(str(v).strip() for v in values if v and str(v).strip()))

    def validate(self, value):
        if len(value) > FACET_MAX_VALUES:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"label": self.label, "max": FACET_MAX_VALUES},
            )


class FacetFilter(django_filters.Filter):
    """A facet: several values by slug. The filter set finds which values exist (`ids`, from
    each value in the address to what it stands for in the query) before filtering."""

    field_class = SlugsField

    def __init__(self, field_name, *, label, collapsible=True, **kwargs):
        super().__init__(field_name=field_name, label=label, **kwargs)
        self.collapsible = collapsible
        self.ids = {}

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(self.condition(queryset.model, [self.ids[v] for v in value]))

    def given_condition(self, model, values, choices):
        """The facet's condition for the values as given, unknown ones among them."""
        raise NotImplementedError

    def count_rows(self, counted, part, blank):
        """Rows (part, count, id, slug, 0, *blank names) counting `counted` by choice."""
        raise NotImplementedError

    def summary_key(self, model):
        """What a row of `model` holds for this facet, as the summary groups rows by it."""
        return F(self.field_name)

    def summary_values(self, model, key):
        """The values that `key` (a row's summary_key) stands for: none, one or several."""
        return () if key is None else (key,)


@cache
def model_of(choices):
    """The model of the rows a RelatedFacet's `choices` function returns: found once (it
    never changes) instead of building the choices' query for it on every request."""
    return choices().model


class RelatedFacet(FacetFilter):
    """A facet on a foreign key or many-to-many field, its choices a model's published rows
    (with `slug`, `order` and `name`): `choices` returns them."""

    def __init__(self, field_name, *, choices, **kwargs):
        super().__init__(field_name, **kwargs)
        self.choices = choices

    @property
    def choice_model(self):
        return model_of(self.choices)

    def link(self, model):
        """For a many-to-many field: its table, and the names of its two sides."""
        field = model._meta.get_field(self.field_name)
        if not field.many_to_many:
            return None
        return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()

    def condition(self, model, targets):
        if link := self.link(model):
            through, source, target = link
            return Exists(
                through.objects.filter(**{source: OuterRef("pk"), f"{target}__in": targets})
            )
        return Q(**{f"{self.field_name}__in": targets})

    def summary_key(self, model):
        # A row's choices of a many-to-many field, as one text: "2,5".
        if link := self.link(model):
            through, source, target = link
            return Subquery(
                through.objects.filter(**{source: OuterRef("pk")})
                .order_by()
                .values(source)
                .annotate(
                    # In any order: SQLite before 3.44 cannot order an aggregate.
                    summary_ids=StringAgg(Cast(f"{target}_id", CharField()), Value(","))
                )
                .values("summary_ids")
            )
        return super().summary_key(model)

    def summary_values(self, model, key):
        if self.link(model):
            return [int(pk) for pk in (key or "").split(",") if pk]
        return super().summary_values(model, key)

    def given_condition(self, model, values, choices):
        # The query itself finds which slugs exist; when none does, the facet is not applied.
        valid = choices.filter(slug__in=values)
        return self.condition(model, valid) | ~Exists(valid)

    def count_rows(self, counted, part, blank):
        key = self.field_name
        if link := self.link(counted.model):
            through, source, key = link
            counted = through.objects.filter(**{f"{source}__in": counted})
        return (
            counted.order_by()
            .values(key)
            .annotate(facet_count=Count("pk"))
            .annotate(facet_id=F(key), facet_slug=Value(""), **blank)
            .values_list("facet_part", "facet_count", "facet_id", "facet_slug", *part)
        )


class ValueFacet(FacetFilter):
    """A facet on a field with fixed values: `choices` are (value in the address, value in
    the database, label), all of them shown."""

    def __init__(self, field_name, *, choices, **kwargs):
        super().__init__(field_name, **kwargs)
        self.choices = choices
        self.ids = {slug: value for slug, value, _label in choices}

    def condition(self, model, values):
        return Q(**{f"{self.field_name}__in": values})

    def given_condition(self, model, values, choices):
        known = [self.ids[v] for v in values if v in self.ids]
        return self.condition(model, known) if known else None

    def count_rows(self, counted, part, blank):
        slug = Case(
            *(When(**{self.field_name: value}, then=Value(s)) for s, value, _ in self.choices),
            default=Value(""),
        )
        return (
            counted.order_by()
            .annotate(facet_slug=slug)
            .values("facet_slug")
            .annotate(facet_count=Count("pk"))
            .annotate(facet_id=Value(0), **blank)
            .values_list("facet_part", "facet_count", "facet_id", "facet_slug", *part)
        )


def text_choices(choices):
    """A ValueFacet's choices from a model field's TextChoices."""
    return [(value, value, label) for value, label in choices.choices]


class FacetedFilterForm(forms.Form):
    """Leaves out a `from`/`to` range given the wrong way round, and says so."""

    range_error = _("The “from” date is after the “to” date, so the dates were not used.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start is not None and end is not None and start > end:
            del cleaned["from"], cleaned["to"]
            self.add_error(None, self.range_error)
        return cleaned


class FacetedFilterSet(django_filters.FilterSet):
    """A list's filters: facets (FacetFilter) and plain filters.

    Subclasses name `text_fields` (what the `q` search looks in), `total_facet` (the facet
    whose counts add up to the length of the list), `count_text(n)` ("3 events") and may
    give `defaults`."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.SearchInput,
        error_messages={
            "max_length": _(
                "The search is longer than %(limit_value)s characters, so it was not used."
            ),
            "null_characters_not_allowed": _(
                "The search holds characters that cannot be searched for, so it was not used."
            ),
        },
    )
    text_fields = ()
    total_facet = None
    # Values used when the address gives none: {"when": "upcoming"}.
    defaults = {}
    # Plain filters with a few values each (a period), by which the counts' summary is kept:
    # the summary serves every address that gives no other plain filter (see FacetSummary).
    summary_filters = ()

    class Meta:
        fields = []
        form = FacetedFilterForm

    def __init__(self, data=None, *args, counted=True, **kwargs):
        self.given = as_query_dict(data)
        data = self.given.copy()
        for name, value in self.defaults.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, *args, **kwargs)
        self.facets = []
        self.total = 0
        self.unknown = []
        if self.request is not None:
            serves_parameters(self.request, [*self.filters, "page", "format"])
        self.summary = None
        # Without counts (a feed, a download), the facet query only finds which values exist:
        # no choice has a count and the total is unknown (None).
        self.counted = counted

    @staticmethod
    def count_text(count):
        raise NotImplementedError

    @property
    def facet_filters(self):
        return {name: f for name, f in self.filters.items() if isinstance(f, FacetFilter)}

    @property
    def is_active(self):
        """Whether the address holds any filter, even one that could not be used."""
        return any(value.strip() for name in self.filters for value in self.given.getlist(name))

    @property
    def applied(self):
        """What the list is filtered by, as (label, what was chosen) in the form's order: the
        search, each facet's chosen values, the dates or years. Values that could not be used
        are not among them; the period (upcoming, past) is the page's heading. For the
        printed page, which leaves the form out."""
        self.qs  # noqa: B018 (the facets and their chosen values are known once counted)
        data = self.form.cleaned_data
        applied = []
        if data.get("q"):
            words = pgettext("a search's words, quoted", "“%(words)s”") % {"words": data["q"]}
            applied.append((pgettext("a list's search, as a noun", "Search"), words))
        for facet in self.facets:
            if chosen := [str(choice.label) for choice in facet.choices if choice.selected]:
                applied.append((facet.label, ", ".join(chosen)))
        for name in ("from", "to"):
            if (value := data.get(name)) is not None:
                if isinstance(value, datetime.date):
                    value = date_format(value, pgettext("date format: a whole date", "j F Y"))
                applied.append((self.filters[name].label, str(value)))
        return applied

    @property
    def applied_summary(self):
        """The printed line that says what the list is filtered by (see `applied`):
        “Filtered by: Country: Mongolia; Sector: Culture”, or "" when nothing is."""
        if not (applied := self.applied):
            return ""
        between = pgettext("between the filters of a list", "; ")
        filters = between.join(
            pgettext("a filter and what was chosen in it", "%(label)s: %(value)s")
            % {"label": label, "value": value}
            for label, value in applied
        )
        return gettext("Filtered by: %(filters)s") % {"filters": filters}

    @property
    def facets_by_name(self):
        return {facet.name: facet for facet in self.facets}

    @property
    def problems(self):
        """What in the address could not be used, and what was done instead."""
        self.qs  # noqa: B018 (the unknown values are known once the facets are counted)
        errors = [str(error) for errors in self.form.errors.values() for error in errors]
        return errors + self.unknown

    def filter_text(self, queryset, name, value):
        # Every word must appear somewhere, in any language; the words are not wildcards.
        columns = text_columns(queryset.model, self.text_fields)
        for word in value.split()[:SEARCH_MAX_WORDS]:
            queryset = queryset.filter(
                reduce(operator.or_, (Q(**{f"{column}__icontains": word}) for column in columns))
            )
        return queryset

    def filter_queryset(self, queryset):
        self.count_facets(queryset)
        return super().filter_queryset(queryset)

    # --- Facets -----------------------------------------------------------------------------

    def count_facets(self, queryset):
        """Count each facet's choices under the other filters; then keep only the values
        that exist, and add up the total.

        The counts come from the list's summary (see FacetSummary) when the address filters
        by facets and summary filters alone, else from one query."""
        data = self.form.cleaned_data

        def rows():
            """The list under its plain filters, as counted: built only when a query is
            run, not when the counts come from a summary already kept."""
            counted = queryset.select_related(None).prefetch_related(None)
            for name, filter_ in self.filters.items():
                if not isinstance(filter_, FacetFilter):
                    counted = filter_.filter(counted, data.get(name))
            return untranslated(counted)

        facets = self.facet_filters

        def related_choices():
            return {
                name: untranslated(f.choices())
                for name, f in facets.items()
                if isinstance(f, RelatedFacet)
            }

        key = self.summary_key(data) if self.counted else None
        if key is not None:
            self.summary = remember(key, lambda: self.summarise(rows(), related_choices()))
        if self.summary is not None:
            counts = self.read_facet_rows(
                [*self.summary.choice_rows, *self.summary_count_rows(data)]
            )
        else:
            choices = related_choices()
            conditions = {}
            for name, f in facets.items():
                if values := [v for v in data.get(name, []) if SLUG.fullmatch(v)]:
                    condition = f.given_condition(queryset.model, values, choices.get(name))
                    if condition is not None:
                        conditions[name] = condition
            counts = self.read_facet_rows(self.facet_query(rows(), conditions, choices))

        for name, f in facets.items():
            given = data.get(name, [])
            data[name] = [value for value in given if value in f.ids]
            if unknown := [value for value in given if value not in f.ids]:
                self.report_unknown(f.label, unknown)
            for choice in counts[name]:
                choice.selected = choice.value in data[name]
            self.facets.append(Facet(name, f.label, counts[name], collapsible=f.collapsible))

        if not self.counted:
            self.total = None
            return
        total_choices = counts[self.total_facet]
        selected = data[self.total_facet]
        self.total = sum(c.count for c in total_choices if not selected or c.value in selected)

    # --- The summary ------------------------------------------------------------------------

    def summary_key(self, data):
        """The name the list's summary is kept under, or None when a plain filter other than
        the summary filters has a value (a search, dates): the counts then depend on more
        than the summary holds."""
        plain = [name for name, f in self.filters.items() if not isinstance(f, FacetFilter)]
        if any(data.get(name) for name in plain if name not in self.summary_filters):
            return None
        values = "&".join(f"{name}={data.get(name)}" for name in self.summary_filters)
        name = f"{type(self).__module__}.{type(self).__qualname__}"
        return f"facet-summary:{FacetSummary.LAYOUT}:{name}?{values}"

    def summarise(self, rows, choices):
        """The summary of `rows` (the list under its plain filters): three queries."""
        facets = self.facet_filters
        keys = {f"summary_{name}": f.summary_key(rows.model) for name, f in facets.items()}
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
        bits = [{} for _ in facets]
        summed = defaultdict(int)
        for *values, n in grouped:
            masks = []
            for f, key, positions in zip(facets.values(), values, bits, strict=True):
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

    def summary_extras(self, rows):
        """Other figures of the summarised rows that the list may use (see EventFilter)."""
        return {}

    def summary_count_rows(self, data):
        """The facet query's count rows, computed from the summary instead: each facet's
        choices counted under the selections of the *other* facets, as facet_query does."""
        facets = self.facet_filters
        summary = self.summary
        ids = {name: f.ids for name, f in facets.items() if isinstance(f, ValueFacet)}
        for name in facets.keys() - ids.keys():
            ids[name] = {}
        for part, _n, pk, slug, *_rest in summary.choice_rows:
            ids[part][slug] = pk
        # What each facet selects, as a mask of its values' bits, and which facets apply (a
        # facet applies when one of its values is chosen, even one that no row holds).
        selected, applied = [], []
        for i, (name, values) in enumerate(zip(facets, summary.values, strict=True)):
            chosen = {ids[name][v] for v in data.get(name, []) if v in ids[name]}
            selected.append(sum(1 << bit for bit, value in enumerate(values) if value in chosen))
            if chosen:
                applied.append(i)
        width = len(facets) + 1
        tests = [(i, selected[i]) for i in applied]
        by_mask = [defaultdict(int) for _ in facets]
        groups = summary.groups
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
        rows = []
        for (name, f), values, counted in zip(facets.items(), summary.values, by_mask, strict=True):
            per_value = defaultdict(int)
            for mask, n in counted.items():
                for bit, value in enumerate(values):
                    if mask >> bit & 1:
                        per_value[value] += n
            if isinstance(f, RelatedFacet):
                rows += [(f"{name} count", n, pk, "") for pk, n in per_value.items()]
            else:
                slugs = {value: slug for slug, value, _label in f.choices}
                rows += [
                    (f"{name} count", n, 0, slugs[value])
                    for value, n in per_value.items()
                    if value in slugs
                ]
        return [(*row, 0) for row in rows]

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

    def facet_query(self, rows, conditions, choices):
        """The rows of the choices and counts, all in one UNION.

        Rows are shaped (part, count, id, slug, order, *name columns). The parts: the choices
        of each related facet; then the rows counted by each facet's choices, under the
        conditions of the *other* facets. Every part names its columns alike, so that the
        UNION lines them up."""
        names = self.name_columns_width(choices)
        part = ("facet_order", *names)

        def others(facet):
            return rows.order_by().filter(*(q for n, q in conditions.items() if n != facet))

        parts = self.choice_parts(choices)
        for name, f in self.facet_filters.items() if self.counted else ():
            blank = {
                "facet_part": Value(f"{name} count"),
                "facet_order": Value(0),
                **dict.fromkeys(names, Value("")),
            }
            parts.append(f.count_rows(others(name), part, blank))
        first, *rest = parts
        return first.union(*rest, all=True).order_by()

    def read_facet_rows(self, rows):
        """Each facet's choices in order with their counts; each related facet's ids."""
        facets = self.facet_filters
        ranked = {name: [] for name, f in facets.items() if isinstance(f, RelatedFacet)}
        counts = {name: {} for name in facets}
        for part, n, pk, slug, order, *labels in rows:
            if part in ranked:
                label = self.label_of(self.filters[part], pk, labels)
                ranked[part].append((order, str(label), slug, pk))
            else:
                name = part.removesuffix(" count")
                key = pk if isinstance(facets[name], RelatedFacet) else slug
                counts[name][key] = n
        choices = {}
        for name, f in facets.items():
            if name in ranked:
                found = sorted(ranked[name])
                f.ids = {slug: pk for *_sort, slug, pk in found}
                entries = [(slug, label, counts[name].get(pk, 0)) for _, label, slug, pk in found]
            else:
                entries = [(s, label, counts[name].get(s, 0)) for s, _, label in f.choices]
            choices[name] = [
                Choice(slug, label, count=n, count_text=self.count_text(n))
                for slug, label, n in entries
            ]
        return choices

    @staticmethod
    def label_of(facet, pk, names):
        """A choice's name in the active language, falling back as the model's field does."""
        return choice_label(facet.choice_model, pk, tuple(names), get_language())

    def report_unknown(self, label, values):
        shown = ", ".join(
            "“{}”".format(Truncator("".join(c for c in v if c.isprintable())).chars(40))
            for v in values[:5]
        )
        self.unknown.append(
            _("%(label)s: nothing matches %(values)s, so it was left out.")
            % {"label": label, "values": shown + (", …" if len(values) > 5 else "")}
        )


@lru_cache(maxsize=1024)
def choice_label(model, pk, names, language):
    """The name the model's field gives in `language` for these stored names (read through
    the model, which knows the fallbacks); the same names give the same label, so it is
    worked out once."""
    columns = name_columns(model)
    with override(language):
        return str(model.from_db(None, ["id", *columns], [pk, *names[: len(columns)]]).name)


# --- The list view --------------------------------------------------------------------------


class FacetedListView(NearestPageMixin, FilterView):
    """A list filtered by a FacetedFilterSet from the query string, and paged.

    Values that cannot be used are left out and reported, instead of emptying the list. The
    count comes from the facets."""

    paginator_class = CountedPaginator
    strict = False

    def get_paginator_kwargs(self):
        return {"count": self.filterset.total}

    def get_problems(self):
        return self.filterset.problems
