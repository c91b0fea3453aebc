"""Faceted filters for the public lists, and the view that pages them.

A facet is a filter a visitor may give several values of, by slug
(`?country=mongolia&country=japan`), each choice shown with the number of results it gives
together with the *other* active filters (counted by unesco_office.core.facet_counts).

Nothing a visitor puts in the address fails the page. An unknown value is left out of its
facet (a facet left with none is not applied); a bad date or year, too many values or an
over-long search is ignored. Each of these is described in `problems`, which the page shows.
"""

import datetime
from functools import cached_property
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
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from unesco_office.core.cache import serves_parameters
from unesco_office.core.facet_counts import FacetCounter, model_of
from unesco_office.core.i18n import untranslated
from unesco_office.core.paging import CountedPaginator, NearestPageMixin

SEARCH_MAX_LENGTH = 100
FACET_MAX_VALUES = 50


# --- Helpers ---------------------------------------------------------------------------------


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
    """A facet: several values by slug. The filter set counts the facets first, which finds
    what each value in the address stands for in the query (a pk, a stored value), and
    filters by those (`targets`)."""

    field_class = SlugsField
    # Whether the choices are records of another model (RelatedFacet), else fixed values.
    is_related = False

    def __init__(self, field_name, *, label, collapsible=True, **kwargs):
        super().__init__(field_name=field_name, label=label, **kwargs)
        self.collapsible = collapsible

    def filter(self, queryset, targets):
        if not targets:
            return queryset
        return queryset.filter(self.condition(queryset.model, targets))

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


class RelatedFacet(FacetFilter):
    """A facet on a foreign key or many-to-many field, its choices a model's published rows
    (with `slug`, `order` and `name`): `choices` returns them."""

    is_related = True

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

    Subclasses name `search_class` (what reads the `q` search), `total_facet` (the facet
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
    # What reads the `q` search: search_class(text) has .filter(queryset) and .problems (the
    # site search's engine, unesco_office.public.search.engine.Search).
    search_class = None
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
        if self.request is not None:
            serves_parameters(self.request, [*self.filters, "page", "format"])
        # Without counts (a feed, a download), counting only finds which values exist: no
        # choice has a count and the total is unknown (None).
        self.counted = counted

    @staticmethod
    def count_text(count):
        raise NotImplementedError

    @property
    def facet_filters(self):
        return {name: f for name, f in self.filters.items() if isinstance(f, FacetFilter)}

    @property
    def plain_filters(self):
        return {name: f for name, f in self.filters.items() if not isinstance(f, FacetFilter)}

    @cached_property
    def counts(self):
        """The facets counted under the address's filters (see facet_counts.FacetCounter):
        one query, or none when the list's summary is kept."""
        self.is_valid()  # cleans the form, once
        data = self.form.cleaned_data
        counter = FacetCounter(
            facets=self.facet_filters,
            total_facet=self.total_facet,
            count_text=self.count_text,
            plain_filters=tuple(self.plain_filters),
            summary_filters=self.summary_filters,
            summary_name=f"{type(self).__module__}.{type(self).__qualname__}",
            summary_extras=self.summary_extras,
            counted=self.counted,
        )
        return counter.count(self.queryset.model, data, lambda: self.rows(self.queryset, data))

    def rows(self, queryset, data):
        """The list under its plain filters (a search, dates, a period), as counted."""
        counted = queryset.select_related(None).prefetch_related(None)
        for name in self.plain_filters:
            counted = self.filter_plain(counted, name, data.get(name), summary=None)
        return untranslated(counted)

    def filter_queryset(self, queryset):
        counts = self.counts
        for name, value in self.form.cleaned_data.items():
            if name in self.facet_filters:
                queryset = self.filters[name].filter(queryset, counts.targets[name])
            else:
                queryset = self.filter_plain(queryset, name, value, summary=counts.summary)
        return queryset

    def filter_plain(self, queryset, name, value, *, summary):
        """The queryset under one plain filter (not a facet). `summary` is the list's facet
        summary when the counts came from one (None while counting): a filter may bound its
        query with what the summary knows (see EventFilter)."""
        return self.filters[name].filter(queryset, value)

    def summary_extras(self, rows):
        """Other figures of the summarised rows that the list may use (see EventFilter)."""
        return {}

    # What the counts found, for the page.

    @property
    def facets(self):
        return self.counts.facets

    @property
    def facets_by_name(self):
        return {facet.name: facet for facet in self.facets}

    @property
    def total(self):
        return self.counts.total

    @property
    def summary(self):
        return self.counts.summary

    @property
    def problems(self):
        """What in the address could not be used, and what was done instead."""
        self.is_valid()
        errors = [str(error) for errors in self.form.errors.values() for error in errors]
        searched = self.text_search.problems if self.text_search is not None else []
        return errors + searched + self.counts.unknown

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
        facets = self.facets
        data = self.form.cleaned_data
        applied = []
        if data.get("q"):
            words = pgettext("a search's words, quoted", "“%(words)s”") % {"words": data["q"]}
            applied.append((pgettext("a list's search, as a noun", "Search"), words))
        for facet in facets:
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

    @cached_property
    def text_search(self):
        """The `q` search (an instance of `search_class`), or None without one."""
        self.is_valid()
        text = self.form.cleaned_data.get("q") if hasattr(self.form, "cleaned_data") else None
        return self.search_class(text) if text else None

    def filter_text(self, queryset, name, value):
        return self.text_search.filter(queryset) if self.text_search is not None else queryset


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

    def get_context_data(self, **kwargs):
        return super().get_context_data(suggestion=self.suggestion(), **kwargs)

    def suggestion(self):
        """(text, address) of the list under a search spelt as the records' names are, when
        the list's search finds nothing and some of its words are no name's (see the search
        class's suggestion()); else None."""
        search = self.filterset.text_search
        if search is None or self.filterset.total or not (text := search.suggestion()):
            return None
        query = self.request.GET.copy()
        query["q"] = text
        query.pop(self.page_kwarg, None)
        return text, f"?{query.urlencode()}"
