"""The kinds of record that search reads, as each app registers them in its public.py."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from unesco_office.core.i18n import in_active_language, language_columns, untranslated
from unesco_office.public.records import public_record, public_records

LANGUAGES = [code for code, _name in settings.LANGUAGES]
WEIGHTS = ("A", "B", "C")  # the name, the summary and related names, the body


@dataclass(frozen=True)
class Source:
    """A model that search reads: what a record's document holds at each weight, and what a
    result shows."""

    kind: str
    model: type
    title: str
    weighted: dict  # weight: the record's own fields (translated or not)
    # A record's texts by weight that come from elsewhere: the names of its country, sectors,
    # designation… read in the active language (its labels translated).
    related: object = None  # callable(record) -> {weight: [text]}
    # What `related` reads, for select_related() and prefetch_related().
    joins: tuple = ()
    prefetch: tuple = ()
    # The relations whose names `related` reads: renaming one rebuilds these documents.
    names_from: tuple = ()
    shown: tuple = ()  # further columns that the result needs
    only: Q = field(default_factory=Q)  # which published records are searched
    # A result shows its `country`'s name (an event's place) and reads its time zone.
    with_country: bool = False

    def queryset(self):
        return untranslated(self.model.objects.published().filter(self.only).order_by())

    def for_documents(self):
        """Every record (drafts too: visibility is decided when searching), with what its
        document reads."""
        records = self.model.objects.prefetch_related(*self.prefetch)
        return records.select_related(*self.joins) if self.joins else records

    def texts(self, record, language):
        """{weight: [text]} of a record in a language: its own fields in that language only
        (no English standing in), then the related names."""
        texts = {weight: [] for weight in WEIGHTS}
        for weight, names in self.weighted.items():
            texts[weight] += [self.own_text(record, name, language) for name in names]
        for weight, found in (self.related(record) if self.related else {}).items():
            texts[weight].extend(str(text) for text in found if text)
        return texts

    def own_text(self, record, name, language):
        translated = self.is_translated(name)
        column = build_localized_fieldname(name, language) if translated else name
        return str(getattr(record, column) or "")

    def own_name(self, record, language):
        return self.own_text(record, self.title, language)

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


def source_of_model(model):
    """The Source of a model, or None: search does not read it."""
    record = public_record(model)
    return record.search if record is not None else None
