"""What visitors narrow the event list by, and how many events each choice would leave.

Country, sector and kind are facets (see unesco_office.core.facets): several values each, by slug,
every choice shown with the number of events it gives together with the other filters. The
kind counts add up to the length of the list.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from countries.filters import covered_countries, public_sectors
from unesco_office.core.facet_counts import Choice, Facet
from unesco_office.core.facets import (
    FacetedFilterForm,
    FacetedFilterSet,
    RelatedFacet,
    ValueFacet,
    text_choices,
)
from unesco_office.public.search.engine import Search

from .models import Event


class Period(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PAST = "past", _("Past")
    ALL = "all", _("All dates")


class EventFilterForm(FacetedFilterForm):
    def clean(self):
        cleaned = super().clean()
        if "when" in self.errors:
            cleaned["when"] = Period.UPCOMING
        return cleaned


class EventFilter(FacetedFilterSet):
    """The public event list's filters; `from` and `to` are added below the class."""

    country = RelatedFacet(
        "country", label=_("Country"), choices=covered_countries, collapsible=False
    )
    sector = RelatedFacet("sectors", label=_("Sector"), choices=public_sectors)
    kind = ValueFacet("kind", label=_("Kind of event"), choices=text_choices(Event.Kind))
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
    search_class = Search
    total_facet = "kind"
    range_label = _("Dates")
    defaults = {"when": Period.UPCOMING}
    summary_filters = ("when",)

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    @staticmethod
    def count_text(count):
        return ngettext("%(count)s event", "%(count)s events", count) % {"count": count}

    @property
    def period(self):
        self.is_valid()  # cleans the form, once
        return self.form.cleaned_data.get("when") or Period.UPCOMING

    @property
    def period_facet(self):
        return Facet(
            "when",
            self.filters["when"].label,
            [Choice(value, label, value == self.period) for value, label in Period.choices],
            multiple=False,
        )

    def summary_extras(self, rows):
        """How many days the longest event in the period lasts."""
        return {"longest": rows.longest()}

    def filter_plain(self, queryset, name, value, *, summary):
        if name == "when":
            return self.filter_when(queryset, name, value, summary=summary)
        return super().filter_plain(queryset, name, value, summary=summary)

    def filter_when(self, queryset, name, value, *, summary=None):
        match value:
            case Period.UPCOMING if summary is not None:
                # No upcoming event started longer ago than the longest one lasts: a bound
                # that lets the database read the events in order from a date index.
                queryset = queryset.upcoming(longest=summary.extras["longest"])
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


class UpcomingThenPast:
    """The event list of all dates, upcoming events first (soonest first) then past ones
    (latest first), read as two queries that each follow a date index, instead of one query
    that sorts every event. A page is sliced from the first, the second or both, knowing how
    many upcoming events there are."""

    def __init__(self, events, *, upcoming_count, longest, today):
        self.model = events.model
        self.upcoming_count = upcoming_count
        self.upcoming = events.filter(
            end_date__gte=today, start_date__gte=today - longest
        ).order_by("start_date", "start_time", "title", "pk")
        # As the one sorted query orders them (see EventFilter.filter_when).
        self.past = events.filter(end_date__lt=today, start_date__lt=today).order_by(
            "-start_date", "start_time", "title", "pk"
        )

    def __getitem__(self, key):
        start, stop = key.start or 0, key.stop
        count = self.upcoming_count
        events = list(self.upcoming[start : min(stop, count)]) if start < count else []
        if stop > count:
            events += self.past[max(start - count, 0) : stop - count]
        return events


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


class EventCalendarFilter(EventFilter):
    """The list's filters for the calendars (the month view, the .ics): without a period in
    the address, every date counts; the calendar sets its own window."""

    defaults = {"when": Period.ALL}


# `from` and `to` are Python keywords, so these two filters are added under their URL names.
for filterset in (EventFilter, EventCalendarFilter):
    filterset.base_filters["from"] = date_filter(_("From"), "filter_from")
    filterset.base_filters["to"] = date_filter(_("To"), "filter_to")
