"""What visitors narrow the event list by, and how many events each choice would leave.

Country, sector and kind are facets: several values each, by slug
(`?country=mongolia&country=japan`), every choice shown with the number of events it gives
together with the *other* active filters. One SQL query counts the three facets; the same
query lists the choices (covered, published countries; published sectors), and its kind counts
add up to the length of the list, so the page needs no COUNT query of its own.

Nothing a visitor puts in the address fails the page. An unknown slug is left out of its facet
(a facet left with none is not applied); a bad date, an unknown period, too many values or an
over-long search is ignored. Each of these is described in `problems`, which the page shows.
"""

import operator
import re
from dataclasses import dataclass
from functools import cache, reduce

import django_filters
from django import forms
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from countries.models import Country
from sectors.models import Sector

from .models import Event

SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 10
FACET_MAX_VALUES = 50
FACETS = ("country", "sector", "kind")
# What every slug looks like; other values cannot match, so they never reach the database.
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
EventSector = Event.sectors.through


class Period(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PAST = "past", _("Past")
    ALL = "all", _("All dates")


@dataclass
class Choice:
    value: str
    label: str
    selected: bool
    count: int | None = None

    @property
    def count_text(self):
        """“3 events”, for screen readers: the number alone is ambiguous when heard."""
        return ngettext("%(count)s event", "%(count)s events", self.count) % {"count": self.count}


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


class SlugsField(forms.Field):
    """Every value of a repeated parameter, once each; EventFilter decides which exist."""

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
    """A facet by slug, several values allowed: `?country=mongolia&country=japan`."""

    field_class = SlugsField


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        if "when" in self.errors:
            cleaned["when"] = Period.UPCOMING
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            del cleaned["from"], cleaned["to"]
            self.add_error(
                None, _("The “from” date is after the “to” date, so the dates were not used.")
            )
        return cleaned


def as_query_dict(data):
    if isinstance(data, QueryDict):
        return data
    query = QueryDict(mutable=True)
    for key, value in (data or {}).items():
        query.setlist(key, value if isinstance(value, list | tuple) else [value])
    return query


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


def untranslated(queryset):
    """The queryset with field names taken as they are written, not as the active language's.

    django-modeltranslation rewrites `values_list("name")` into several columns in no fixed
    order, which a UNION cannot line up; the facet query names its columns itself."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


@cache
def searched_columns():
    """Where a search looks: the title, summary and venue in every language, and the city."""
    return [
        column
        for name in ("title", "summary", "venue", "city")
        for column in language_columns(Event, name)
    ]


def facet_query(events, conditions, countries, sectors):
    """The rows of the facet counts, all in one UNION.

    Rows are shaped (part, count, id, slug, order, *name columns). The parts: the country and
    sector choices; then the events counted by country, by sector and by kind, each under the
    conditions of the *other* facets. Every part names its columns alike, so that the UNION
    lines them up.
    """
    width = max(len(name_columns(Country)), len(name_columns(Sector)))
    names = [f"facet_name{i}" for i in range(width)]
    shape = ["facet_part", "facet_count", "facet_id", "facet_slug", "facet_order", *names]

    def others(facet):
        return events.filter(*(q for name, q in conditions.items() if name != facet))

    def choice_rows(part, choices):
        columns = [F(column) for column in name_columns(choices.model)]
        columns += [Value("")] * (width - len(columns))
        return (
            choices.order_by()
            .annotate(
                facet_part=Value(part),
                facet_count=Value(0),
                facet_id=F("pk"),
                facet_slug=F("slug"),
                facet_order=F("order"),
                **dict(zip(names, columns, strict=True)),
            )
            .values_list(*shape)
        )

    def count_rows(part, counted, key, by_id=True):
        return (
            counted.order_by()
            .values(key)
            .annotate(facet_count=Count("pk"))
            .annotate(
                facet_part=Value(part),
                facet_id=F(key) if by_id else Value(0),
                facet_slug=Value("") if by_id else F(key),
                facet_order=Value(0),
                **dict.fromkeys(names, Value("")),
            )
            .values_list(*shape)
        )

    sector_links = EventSector.objects.filter(event__in=others("sector"))
    return (
        choice_rows("country", countries)
        .union(
            choice_rows("sector", sectors),
            count_rows("country count", others("country"), "country"),
            count_rows("sector count", sector_links, "sector"),
            count_rows("kind count", others("kind"), "kind", by_id=False),
            all=True,
        )
        .order_by()
    )


class EventFilter(django_filters.FilterSet):
    """The public event list's filters; `from` and `to` are added below the class."""

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
    country = FacetFilter(label=_("Country"), method="filter_country")
    sector = FacetFilter(label=_("Sector"), method="filter_sector")
    kind = FacetFilter(label=_("Kind of event"), method="filter_kind")
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=Period.choices,
        empty_label=None,
        method="filter_when",
        error_messages={
            "invalid_choice": _(
                "The period in the address is unknown, so upcoming events are shown."
            )
        },
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def __init__(self, data=None, *args, **kwargs):
        self.given = as_query_dict(data)
        data = self.given.copy()
        if not data.get("when"):
            data["when"] = Period.UPCOMING
        super().__init__(data, *args, **kwargs)
        self.facets = []
        self.selected_ids = {}
        self.total = 0
        self.unknown = []

    @property
    def is_active(self):
        """Whether the address holds any filter, even one that could not be used."""
        return any(value.strip() for name in self.filters for value in self.given.getlist(name))

    @property
    def facets_by_name(self):
        return {facet.name: facet for facet in self.facets}

    @property
    def period(self):
        self.is_valid()  # cleans the form, once
        return self.form.cleaned_data.get("when") or Period.UPCOMING

    @property
    def problems(self):
        """What in the address could not be used, and what was done instead."""
        self.qs  # noqa: B018 (the unknown slugs are known once the facets are counted)
        errors = [str(error) for errors in self.form.errors.values() for error in errors]
        return errors + self.unknown

    # --- Filters ----------------------------------------------------------------------------

    def filter_text(self, queryset, name, value):
        # Every word must appear somewhere, in any language.
        for word in value.split()[:SEARCH_MAX_WORDS]:
            queryset = queryset.filter(
                reduce(
                    operator.or_,
                    (Q(**{f"{column}__icontains": word}) for column in searched_columns()),
                )
            )
        return queryset

    def filter_when(self, queryset, name, value):
        match value:
            case Period.PAST:
                queryset = queryset.past()
            case Period.ALL:
                upcoming = Q(end_date__gte=timezone.localdate())
                queryset = queryset.order_by(
                    Case(When(upcoming, then=Value(0)), default=Value(1)),  # upcoming first,
                    Case(When(upcoming, then=F("start_date"))),  # soonest first;
                    "-start_date",  # then the past, newest first
                    "start_time",
                    "title",
                )
            case _:
                queryset = queryset.upcoming()
        return queryset.order_by(*queryset.query.order_by, "pk")

    def filter_from(self, queryset, name, value):
        return queryset.filter(end_date__gte=value)

    def filter_to(self, queryset, name, value):
        return queryset.filter(start_date__lte=value)

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__in=self.selected_ids["country"])

    def filter_sector(self, queryset, name, value):
        links = EventSector.objects.filter(
            event=OuterRef("pk"), sector__in=self.selected_ids["sector"]
        )
        return queryset.filter(Exists(links))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value)

    def filter_queryset(self, queryset):
        self.count_facets(queryset)
        return super().filter_queryset(queryset)

    # --- Facets -----------------------------------------------------------------------------

    def count_facets(self, queryset):
        """Count each facet's choices under the other filters, in one query; then keep only
        the values that exist, and add up the total."""
        data = self.form.cleaned_data
        events = queryset.select_related(None).prefetch_related(None)
        for name in ("q", "from", "to", "when"):
            events = self.filters[name].filter(events, data.get(name))
        countries = untranslated(Country.objects.published().filter(is_covered=True))
        sectors = untranslated(Sector.objects.published())

        # Each facet's condition from the values as given: the query itself finds which exist,
        # and a facet none of whose values exists is not applied (`~Exists(valid)`).
        conditions = {}
        if slugs := [v for v in data.get("country", []) if SLUG.fullmatch(v)]:
            valid = countries.filter(slug__in=slugs)
            conditions["country"] = Q(country__in=valid) | ~Exists(valid)
        if slugs := [v for v in data.get("sector", []) if SLUG.fullmatch(v)]:
            valid = sectors.filter(slug__in=slugs)
            links = EventSector.objects.filter(event=OuterRef("pk"), sector__in=valid)
            conditions["sector"] = Q(Exists(links)) | ~Exists(valid)
        if kinds := [v for v in data.get("kind", []) if v in Event.Kind.values]:
            conditions["kind"] = Q(kind__in=kinds)

        rows = facet_query(untranslated(events.order_by()), conditions, countries, sectors)
        choices, ids, kind_counts = self.read_facet_rows(rows)

        for name in FACETS:
            given = data.get(name, [])
            data[name] = [value for value in given if value in ids[name]]
            self.selected_ids[name] = [ids[name][value] for value in data[name]]
            if unknown := [value for value in given if value not in ids[name]]:
                self.report_unknown(self.filters[name].label, unknown)
            for choice in choices[name]:
                choice.selected = choice.value in data[name]
            label = self.filters[name].label
            self.facets.append(Facet(name, label, choices[name], collapsible=name != "country"))

        self.total = sum(
            n for kind, n in kind_counts.items() if not data["kind"] or kind in data["kind"]
        )

    def read_facet_rows(self, rows):
        """Each facet's choices in order with their counts; for each facet, what its slugs
        stand for in the list's query; and the count of each kind."""
        ranked = {"country": [], "sector": []}  # (order, label, slug, id, choice)
        ids = {name: {} for name in FACETS}
        counts = {"country count": {}, "sector count": {}, "kind count": {}}
        for part, n, pk, slug, order, *labels in rows:
            if part in counts:
                counts[part][slug if part == "kind count" else pk] = n
            else:
                choice = Choice(slug, self.label_of(part, pk, labels), selected=False)
                ranked[part].append((order, str(choice.label), slug, pk, choice))
                ids[part][slug] = pk
        choices = {}
        for facet, found in ranked.items():
            found.sort(key=lambda row: row[:3])
            for *_sort_key, pk, choice in found:
                choice.count = counts[f"{facet} count"].get(pk, 0)
            choices[facet] = [row[-1] for row in found]
        kind_counts = counts["kind count"]
        choices["kind"] = [Choice(k, k.label, False, kind_counts.get(k, 0)) for k in Event.Kind]
        ids["kind"] = {kind: kind for kind in Event.Kind.values}
        return choices, ids, kind_counts

    @staticmethod
    def label_of(facet, pk, names):
        """A choice's name in the active language, falling back as the model's field does."""
        model = {"country": Country, "sector": Sector}.get(facet)
        if model is None:
            return ""
        columns = name_columns(model)
        return model.from_db(None, ["id", *columns], [pk, *names[: len(columns)]]).name

    def report_unknown(self, label, values):
        shown = ", ".join(
            "“{}”".format(Truncator("".join(c for c in v if c.isprintable())).chars(40))
            for v in values[:5]
        )
        self.unknown.append(
            _("%(label)s: nothing matches %(values)s, so it was left out.")
            % {"label": label, "values": shown + (", …" if len(values) > 5 else "")}
        )

    @property
    def period_facet(self):
        return Facet(
            "when",
            self.filters["when"].label,
            [Choice(value, label, value == self.period) for value, label in Period.choices],
            multiple=False,
        )


def date_filter(label, method):
    return django_filters.DateFilter(
        label=label,
        method=method,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": format_lazy(
                _("“{label}” is not a date such as 2026-10-22, so it was not used."), label=label
            )
        },
    )


# `from` and `to` are Python keywords, so these two filters are added under their URL names.
EventFilter.base_filters["from"] = date_filter(_("From"), "filter_from")
EventFilter.base_filters["to"] = date_filter(_("To"), "filter_to")
