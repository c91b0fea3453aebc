"""The site search (/search/?q=): events, sites, sectors, covered countries and centres at once.

One UNION query reads a page of results from the five tables, best match first, and a second
counts them, so the page runs the same queries whatever the number of matches. Every language's
columns are searched; each result is shown in the visitor's language, English where it has no
translation.

On PostgreSQL, full-text search with ranking. A record's text is one weighted document: title A,
summary B, body and place C. Each language's columns are read with that language's text search
configuration (English words stemmed as English, French as French) and the others word for word
('simple'), so that English stemming never mangles French or Chinese. The query is read as a
web search engine reads it (quoted phrases, "or", -word) in each of those configurations, any
of which may match. Rich text needs no stripping: PostgreSQL's parser knows HTML tags and
leaves them out. A GIN index on each table's document (migration unesco_office 0003) finds the
matches without reading every record; only the matches' rank is computed.

PostgreSQL does not split Chinese or Japanese into words (a run of characters is one token),
so a query holding such characters is answered as on other databases, below.

On other databases (SQLite, for development): every word must appear, ignoring the case of
ASCII letters on SQLite, in one of the same columns. The rank weighs where each word was found
as PostgreSQL weighs it. The body is searched as stored, markup included, so a word such as
"strong" can match a tag: acceptable for a development database.
"""

import operator
import re
from dataclasses import dataclass, field
from functools import cached_property, reduce

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    F,
    FloatField,
    IntegerField,
    Q,
    TimeField,
    Value,
    When,
)
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, ngettext
from modeltranslation.utils import build_localized_fieldname

from unesco_office.core.facets import SEARCH_MAX_WORDS, FacetedFilterSet
from unesco_office.core.i18n import (
    fallback_language,
    in_active_language,
    language_columns,
    untranslated,
)
from unesco_office.public.records import public_records

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# How much a match counts by where it is found: PostgreSQL's default weights for ts_rank.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}
# PostgreSQL's built-in configurations for the languages of the United Nations that it stems;
# any other language is searched word for word ('simple').
TEXT_SEARCH_CONFIGS = {
    "ar": "arabic",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "ru": "russian",
}
# The characters of languages written without spaces between words (Chinese, Japanese).
UNSPACED_CHARACTERS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SUMMARY_LENGTH = 200


class SearchForm(forms.Form):
    # The event list's search field: the same length limit, and the same messages.
    q = FacetedFilterSet.base_filters["q"].field


def text_search_config(language):
    """PostgreSQL's text search configuration for a language code; None: not translated."""
    return TEXT_SEARCH_CONFIGS.get(language.split("-")[0] if language else None, "simple")


@dataclass(frozen=True)
class Source:
    """A model the search reads: the fields searched at each weight, and what a result shows."""

    kind: str
    model: type
    title: str
    weighted: dict  # weight: field names
    shown: tuple = ()  # further columns that the result needs
    only: Q = field(default_factory=Q)  # which published records are searched
    # A result shows its `country`'s name (an event's place) and reads its time zone.
    with_country: bool = False

    def queryset(self):
        return untranslated(self.model.objects.published().filter(self.only).order_by())

    def columns(self, weight):
        """(column, language) of each column searched at a weight; None: not translated."""
        return [
            (column, getattr(self.model._meta.get_field(column), "language", None))
            for name in self.weighted.get(weight, ())
            for column in language_columns(self.model, name)
        ]

    def document(self):
        """The weighted full-text document of a record. Migration unesco_office 0003 indexes
        this same expression; the two must stay alike for PostgreSQL to use the index."""
        return reduce(
            operator.add,
            (
                SearchVector(column, config=text_search_config(language), weight=weight)
                for weight in WEIGHTS
                for column, language in self.columns(weight)
            ),
        )

    def by_language(self, name):
        return by_language(self.model, name)

    def is_translated(self, name):
        return language_columns(self.model, name) != [name]

    def shown_value(self, name):
        """A column a result shows: a translated one in the active language."""
        return in_active_language(name) if self.is_translated(name) else F(name)

    def shown_fields(self, name, value):
        """The attributes a result's record gets from a shown column: a translated field's
        text as the active language's and as the default language's, which the field reads
        (see shown_value), so that reading it runs no query."""
        if not self.is_translated(name):
            return {name: value}
        languages = {get_language(), settings.MODELTRANSLATION_DEFAULT_LANGUAGE}
        return {build_localized_fieldname(name, language): value for language in languages}

    @property
    def country_model(self):
        return self.model._meta.get_field("country").related_model


def by_language(model, name):
    """A translated field's column in each language of the site, in LANGUAGES order."""
    columns = {
        model._meta.get_field(column).language: column for column in language_columns(model, name)
    }
    return [columns[code] for code in LANGUAGES]


def sources():
    """The Source of each kind of record the search reads, as the apps registered them,
    those whose results show more columns first (the UNION reads the columns' types from
    its first query)."""
    found = [record.search for record in public_records() if record.search is not None]
    return sorted(found, key=lambda source: -len(source.shown))


def source(kind):
    return next(source for source in sources() if source.kind == kind)


# The columns of the UNION, in order. Each source fills the ones it has and leaves the others
# NULL; the event's country comes along for its time zone and place.
TITLES = [f"search_title_{i}" for i in range(len(LANGUAGES))]
SUMMARIES = [f"search_summary_{i}" for i in range(len(LANGUAGES))]
COUNTRY_NAMES = [f"search_country_name_{i}" for i in range(len(LANGUAGES))]
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
    "search_sort",
    *(f"search_{name}" for name in SHOWN),
    *COUNTRY_NAMES,
    "search_country_time_zone",
]
ORDER = (
    "-search_rank",
    F("search_start_date").desc(nulls_last=True),
    "search_sort",
    "search_kind",
    "search_id",
)


def any_of(conditions):
    return reduce(operator.or_, conditions)


def contains_match(words, columns):
    """Every word is in one of the columns (case-insensitive for ASCII on SQLite)."""
    return Q(*(any_of(Q(**{f"{column}__icontains": word}) for column in columns) for word in words))


def contains_rank(words, weighted_columns):
    """For each word, the weight of the best place it is found in; added up."""
    return reduce(
        operator.add,
        (
            Case(
                *(
                    When(
                        any_of(Q(**{f"{column}__icontains": word}) for column in columns),
                        then=Value(WEIGHTS[weight]),
                    )
                    for weight, columns in weighted_columns.items()
                    if columns
                ),
                default=Value(0.0),
                output_field=FloatField(),
            )
            for word in words
        ),
    )


def highlight(text, words):
    """The text, escaped, with each searched word in <mark> where a word starts with it (or
    anywhere, for a language written without spaces): “or” marks no “World”."""
    if not text or not words:
        return escape(text or "")
    pattern = "|".join(
        rf"(?<!\w){re.escape(word)}"
        if re.match(r"\w", word) and not UNSPACED_CHARACTERS.search(word)
        else re.escape(word)
        for word in sorted(words, key=len, reverse=True)
    )
    parts = re.split(f"({pattern})", text, flags=re.IGNORECASE)
    return mark_safe(  # noqa: S308 (every part is escaped)
        "".join(
            format_html("<mark>{}</mark>", part) if i % 2 else escape(part)
            for i, part in enumerate(parts)
        )
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


class Search:
    """A visitor's search text, and the queries that answer it."""

    def __init__(self, text):
        tokens = text.split()
        self.text = " ".join(tokens[:SEARCH_MAX_WORDS])
        self.words = [word for word in (t.strip('"') for t in tokens[:SEARCH_MAX_WORDS]) if word]
        self.problems = []
        if len(tokens) > SEARCH_MAX_WORDS:
            self.problems.append(
                ngettext(
                    "Only the first %(count)s word was searched for.",
                    "Only the first %(count)s words were searched for.",
                    SEARCH_MAX_WORDS,
                )
                % {"count": SEARCH_MAX_WORDS}
            )

    def __bool__(self):
        return bool(self.words)

    @property
    def marked_words(self):
        """The words to mark in results: not the search syntax (`or`, `-left-out`)."""
        return [w for w in self.words if w.lower() != "or" and not w.startswith("-")]

    @cached_property
    def source_of(self):
        return {source.kind: source for source in sources()}

    @cached_property
    def full_text(self):
        return connection.vendor == "postgresql"

    def rows(self):
        """The matching records, best first, as rows shaped SHAPE: one UNION query."""
        first, *others = (self.source_rows(source) for source in sources())
        return first.union(*others, all=True).order_by(*ORDER)

    def count(self):
        """How many records match: one query, which leaves the ranking out."""
        first, *others = (self.matching(source)[0].values_list("pk") for source in sources())
        return first.union(*others, all=True).count()

    def matching(self, source):
        """The source's matching records, and the expression of their rank."""
        if self.full_text and not UNSPACED_CHARACTERS.search(self.text):
            query = reduce(
                operator.or_,
                (
                    SearchQuery(self.text, config=config, search_type="websearch")
                    for config in dict.fromkeys(map(text_search_config, [*LANGUAGES, None]))
                ),
            )
            records = source.queryset().annotate(search_document=source.document())
            return records.filter(search_document=query), SearchRank(F("search_document"), query)
        weighted = {weight: [column for column, _ in source.columns(weight)] for weight in WEIGHTS}
        every_column = [column for columns in weighted.values() for column in columns]
        return (
            source.queryset().filter(contains_match(self.words, every_column)),
            contains_rank(self.words, weighted),
        )

    def source_rows(self, source):
        records, rank = self.matching(source)
        shown = {
            f"search_{name}": source.shown_value(name)
            if name in source.shown
            else Value(None, output_field=kind)
            for name, kind in SHOWN.items()
        }
        if source.with_country:
            names = by_language(source.country_model, "name")
            country = [F(f"country__{column}") for column in names]
            country.append(F("country__time_zone"))
        else:
            country = [Value(None, output_field=CharField())] * (len(COUNTRY_NAMES) + 1)
        titles = source.by_language(source.title)
        return records.annotate(
            search_kind=Value(source.kind),
            search_id=F("pk"),
            search_slug=F("slug"),
            **dict(zip(TITLES, map(F, titles), strict=True)),
            **dict(zip(SUMMARIES, map(F, source.by_language("summary")), strict=True)),
            search_rank=rank,
            search_sort=in_active_language(source.title),
            **shown,
            **dict(zip([*COUNTRY_NAMES, "search_country_time_zone"], country, strict=True)),
        ).values_list(*SHAPE)

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
            country = {"id": record.country_id, "time_zone": row["search_country_time_zone"]}
            names = by_language(source.country_model, "name")
            country |= zip(names, (row[c] for c in COUNTRY_NAMES), strict=True)
            record.country = instance(source.country_model, country)
        summary = Truncator(record.summary).chars(SUMMARY_LENGTH)
        return Result(
            source.kind,
            record,
            title=highlight(getattr(record, source.title), self.marked_words),
            summary=highlight(summary, self.marked_words),
            title_language=fallback_language(record, source.title),
            summary_language=fallback_language(record, "summary"),
        )
