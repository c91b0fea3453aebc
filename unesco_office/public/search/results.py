"""The site search's page of results (/search/?q=): events, sites, sectors, covered countries
and centres at once, best first (the engine: engine.py).

One UNION query reads a page of results from the five tables, each joined to its records'
search documents and ranked by its best one, and a second counts them, so the page runs the
same queries whatever the number of matches. Each result is shown in the visitor's language,
English where it has no translation, with the words searched for marked.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django import forms
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    Q,
    TimeField,
    Value,
    When,
)
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, override

from unesco_office.core.analysis import RUNS, chunks, script_of, simplified
from unesco_office.core.facets import FacetedFilterSet
from unesco_office.core.i18n import fallback_language, in_active_language
from unesco_office.core.kept import kept_per_process

from .engine import PROMOTED, Search
from .query import Phrase, Term
from .sources import LANGUAGES, by_language, sources

SUMMARY_LENGTH = 200
DOCUMENTS = "search_documents__"
# Of results that rank alike, the records that say most about a place or a subject first.
KIND_ORDER = ("country", "sector", "site", "centre", "event")


class SearchForm(forms.Form):
    # The event list's search field: the same length limit, and the same messages.
    q = FacetedFilterSet.base_filters["q"].field


def source(kind):
    return next(source for source in sources() if source.kind == kind)


# The columns of the UNION, in order. Each source fills the ones it has and leaves the others
# NULL; the event's country comes along for its time zone and place.
TITLES = [f"search_title_{i}" for i in range(len(LANGUAGES))]
SUMMARIES = [f"search_summary_{i}" for i in range(len(LANGUAGES))]
COUNTRY_NAMES = [f"search_country_name_{i}" for i in range(len(LANGUAGES))]
# The event's country's other columns: its time zone, and whether visitors may see it (a
# hidden country is not named: Event.public_country).
COUNTRY_COLUMNS = {
    "time_zone": CharField(),
    "status": CharField(),
    "published_at": DateTimeField(),
    "unpublish_at": DateTimeField(),
}
SHOWN = {
    "start_date": DateField(),
    "end_date": DateField(),
    "start_time": TimeField(),
    "end_time": TimeField(),
    "time_zone": CharField(),
    "is_online": BooleanField(),
    "city": CharField(),
    "country_id": IntegerField(),
    "event_status": CharField(),
    "designation": CharField(),
}
SHAPE = [
    "search_kind",
    "search_id",
    "search_slug",
    *TITLES,
    *SUMMARIES,
    "search_rank",
    "search_kind_order",
    "search_sort",
    *(f"search_{name}" for name in SHOWN),
    *COUNTRY_NAMES,
    *(f"search_country_{name}" for name in COUNTRY_COLUMNS),
]
ORDER = (
    "-search_rank",
    "search_kind_order",
    F("search_start_date").desc(nulls_last=True),
    "search_sort",
    "search_kind",
    "search_id",
)


@dataclass
class Result:
    kind: str
    record: object  # an Event, Site, Sector, Country or Centre, with the columns shown only
    title: str
    summary: str
    # "en" where the title or the summary is the English for a missing translation.
    title_language: str | None = None
    summary_language: str | None = None

    @property
    def url(self):
        return self.record.get_absolute_url()

    @property
    def label(self):
        """What the result is: “Event”, “World Heritage site”, “Sector”…"""
        if self.kind == "site":
            return self.record.get_designation_display()
        return capfirst(self.record._meta.verbose_name)

    @property
    def event(self):
        return self.record if self.kind == "event" else None


def instance(model, values):
    """A record of `model` built from some of its columns (by attname); the others deferred."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, names, [values[name] for name in names])


@kept_per_process
def public_records(kind):
    """The published records of a kind that search lists (see Source.queryset), built once
    per process (see unesco_office.core.kept)."""
    return source(kind).queryset()


@kept_per_process
def shaped_records(kind, language):
    """The published records of a kind with the columns of SHAPE that do not depend on the
    search (all but the rank), in `language`: built once per process and language, as
    building them costs the ORM more than the database takes to run the query."""
    with override(language):
        return _shaped(source(kind), public_records(kind))


def _shaped(source, records):
    shown = {
        f"search_{name}": source.shown_value(name)
        if name in source.shown
        else Value(None, output_field=column)
        for name, column in SHOWN.items()
    }
    if source.with_country:
        names = by_language(source.country_model, "name")
        country = [F(f"country__{column}") for column in [*names, *COUNTRY_COLUMNS]]
    else:
        country = [Value(None, output_field=CharField())] * len(COUNTRY_NAMES)
        country += [Value(None, output_field=column) for column in COUNTRY_COLUMNS.values()]
    return records.annotate(
        search_kind=Value(source.kind),
        search_kind_order=Value(KIND_ORDER.index(source.kind)),
        search_id=F("pk"),
        search_slug=F("slug"),
        **dict(zip(TITLES, map(F, source.by_language(source.title)), strict=True)),
        **dict(zip(SUMMARIES, map(F, source.by_language("summary")), strict=True)),
        search_sort=in_active_language(source.title),
        **shown,
        **dict(
            zip(
                [*COUNTRY_NAMES, *(f"search_country_{name}" for name in COUNTRY_COLUMNS)],
                country,
                strict=True,
            )
        ),
    )


class Results:
    """The site search's results for a Search: the rows of a page and their count."""

    def __init__(self, search: Search):
        self.search = search

    @cached_property
    def source_of(self):
        return {source.kind: source for source in sources()}

    def rows(self):
        """The matching records, best first, as rows shaped SHAPE: one UNION query."""
        first, *others = (rows for source in sources() for rows in self.source_rows(source))
        return first.union(*others, all=True).order_by(*ORDER)

    def count(self):
        """How many records match: one query, which leaves the ranking out."""
        first, *others = (
            public_records(source.kind).filter(self.found(source)).values_list("pk")
            for source in sources()
        )
        return first.union(*others, all=True).count()

    def found(self, source):
        """The source's records that the search finds or that editors promoted for it."""
        condition = Q(pk__in=self.search.record_ids(source.model))
        if promoted := self.search.promoted_ids(source.model):
            condition |= Q(pk__in=promoted)
        return condition

    def source_rows(self, source):
        """The source's rows: those the search finds, ranked by their best document; then,
        apart, those that editors promoted for the search (found or not)."""
        promoted = self.search.promoted_ids(source.model)
        shaped = shaped_records(source.kind, get_language())
        found = shaped.filter(self.search.matches(DOCUMENTS)).exclude(pk__in=promoted)
        yield found.annotate(search_rank=Max(self.search.rank(DOCUMENTS))).values_list(*SHAPE)
        if promoted:
            ranks = [When(pk=pk, then=Value(PROMOTED - i)) for i, pk in enumerate(promoted)]
            pinned = shaped_records(source.kind, get_language()).filter(pk__in=promoted)
            yield pinned.annotate(search_rank=Case(*ranks)).values_list(*SHAPE)

    def results(self, rows):
        """Each row as a Result, its record built from the row alone (no further query)."""
        return [self.result(dict(zip(SHAPE, row, strict=True))) for row in rows]

    def result(self, row):
        source = self.source_of[row["search_kind"]]
        fields = {"id": row["search_id"], "slug": row["search_slug"]}
        fields |= zip(source.by_language(source.title), (row[c] for c in TITLES), strict=True)
        fields |= zip(source.by_language("summary"), (row[c] for c in SUMMARIES), strict=True)
        for name in source.shown:
            fields |= source.shown_fields(name, row[f"search_{name}"])
        record = instance(source.model, fields)
        if source.with_country and record.country_id is not None:
            country = {"id": record.country_id}
            country |= {name: row[f"search_country_{name}"] for name in COUNTRY_COLUMNS}
            names = by_language(source.country_model, "name")
            country |= zip(names, (row[c] for c in COUNTRY_NAMES), strict=True)
            record.country = instance(source.country_model, country)
        summary = Truncator(record.summary).chars(SUMMARY_LENGTH)
        title_language = fallback_language(record, source.title)
        summary_language = fallback_language(record, "summary")
        return Result(
            source.kind,
            record,
            title=self.highlight(getattr(record, source.title), title_language),
            summary=self.highlight(summary, summary_language),
            title_language=title_language,
            summary_language=summary_language,
        )

    def highlight(self, text, language=None):
        return highlight(text, self.search, language or get_language())


def highlight(text, search, language):
    """The text, escaped, with the words that the search found in it marked: a word whose
    stem is a searched one (or begins with it, where the search reads a word's start), and
    each Chinese word, Hangul or kana searched for where it stands in a run of characters."""
    q = search.questions.get(language)
    if not text or q is None:
        return escape(text or "")
    words, prefixes, unspaced = set(), set(), set()
    for term in terms(q):
        if script_of(term.word) != "alphabetic":
            unspaced.add(term.word)
        else:
            (prefixes if term.prefix else words).add(term.word)
    spans = []
    for match in RUNS.finditer(fold_compatible(text)):
        run, start = match.group(), match.start()
        if match.group(3):
            stems = stems_of(run, language)
            if any(s in words or s.startswith(tuple(prefixes)) for s in stems if prefixes or words):
                spans.append((start, match.end()))
            continue
        for word in unspaced:
            spans += [
                (start + m.start(), start + m.end()) for m in re.finditer(re.escape(word), run)
            ]
    return _marked(text, _merged(spans))


@lru_cache(maxsize=20_000)
def stems_of(word, language):
    """The words a search reads in one typed word (kept: results repeat their words)."""
    return tuple(stem for chunk in chunks(word, language) for stem in chunk.words)


def fold_compatible(text):
    """The text in simplified characters, character for character (a conversion that would
    change its length is not made: marks must fall where the words are)."""
    converted = simplified().convert(text)
    return converted if len(converted) == len(text) else text


def _merged(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text, spans):
    out, last = [], 0
    for start, end in spans:
        out += [escape(text[last:start]), format_html("<mark>{}</mark>", text[start:end])]
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(str(part) for part in out))  # noqa: S308 (every part is escaped)


def terms(node):
    """Every Term of a question or a node."""
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Phrase):
        yield from (Term(word) for word in node.words)
    else:
        for child in getattr(node, "groups", ()) or getattr(node, "nodes", ()):
            yield from terms(child)
