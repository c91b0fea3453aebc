from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import CharField, OuterRef, Prefetch, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.http import HttpResponseBadRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, View
from django_filters.views import FilterMixin, FilterView

from countries.maps import selected_countries
from countries.models import Country, Site
from sectors.models import Sector
from unesco_office.core.cache import serves_parameters
from unesco_office.core.facets import FacetedListView
from unesco_office.core.i18n import language_columns
from unesco_office.core.kept import kept_per_process
from unesco_office.maps.drawing import maps_enabled
from unesco_office.models import OfficeProfile
from unesco_office.public.change_stamps import changed_with
from unesco_office.public.downloads import DownloadableListMixin, ListDownloadView, download_links
from unesco_office.public.preview import PublicDetailView

from . import ical, months
from .downloads import COLUMNS, event_rows
from .filters import EventCalendarFilter, EventFilter, Period, UpcomingThenPast
from .maps import event_map, events_map, of_this_page, with_located_sites
from .models import Event

# What Publishable.is_public reads.
PUBLISHING = ("status", "published_at", "unpublish_at")

# Parameters of the event list that a calendar or the month view sets itself.
PAGING = ("page",)
DATES = ("when", "from", "to")

HEADINGS = {
    Period.UPCOMING: gettext_lazy("Upcoming events"),
    Period.PAST: gettext_lazy("Past events"),
    Period.ALL: gettext_lazy("Events"),
}


# What an event's card does not show stays in the database: its long texts, what only its
# page and its calendar read, and all of its country but the name and time zone (its place,
# its times) and whether visitors may see it (Event.public_country).
UNSHOWN = [
    *{"body", *language_columns(Event, "body")},
    *("created_at", "updated_at", "uid", "sequence", "registration_url"),
    *("previous_start_date", "previous_end_date"),
    *(
        f"country__{field.attname}"
        for field in Country._meta.concrete_fields
        if field.attname
        not in {"id", "name", "time_zone", *PUBLISHING, *language_columns(Country, "name")}
    ),
]


def event_records():
    """Events with what their cards read, whatever their status: their published sectors."""
    return Event.objects.select_related("country").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.published())
    )


def public_events():
    return event_records().published()


@kept_per_process
def list_events(language, located):
    """The published events as the list's cards read them, for each language and for lists
    with or without a map (`located`): built once per process, a copy for each request (see
    unesco_office.core.kept).

    What a card does not show stays in the database (UNSHOWN). The sectors' names come from
    the sector filter's choices (the published sectors, named in the page's language), by
    the ids each event carries."""
    links = Event.sectors.through.objects.filter(event=OuterRef("pk")).order_by()
    events = (
        public_events()
        .defer(*UNSHOWN)
        .prefetch_related(None)
        .annotate(
            sector_ids=Subquery(
                links.values("event")
                .annotate(ids=StringAgg(Cast("sector_id", CharField()), Value(",")))
                .values("ids")
            )
        )
    )
    return with_located_sites(events) if located else events


def calendar_events():
    """Published events with what a calendar shows: the country, the published sectors
    (categories) and the published sites (with what Event.map_location reads of them)."""
    return (
        Event.objects.published()
        .select_related("country")
        .prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.published()),
            Prefetch(
                "sites",
                queryset=Site.objects.published().only(
                    "name", "latitude", "longitude", "updated_at", *PUBLISHING
                ),
            ),
        )
    )


def list_filters(query, *, without=()):
    """The list's filters in `query` (a QueryDict), less paging and the names `without`."""
    query = query.copy()
    for name in (*PAGING, "month", *without):
        query.pop(name, None)
    if query.get("when") == Period.UPCOMING:  # the list's default: no filter of its own
        query.pop("when")
    return query


def filtered(name, query):
    encoded = query.urlencode()
    return f"{reverse(name)}?{encoded}" if encoded else reverse(name)


def subscribe_urls(request, filters):
    """The calendar of these filters: its https address, and the same as webcal://, which
    opens the visitor's calendar app to subscribe."""
    url = request.build_absolute_uri(filtered("events:calendar-ics", filters))
    return {"calendar_url": url, "webcal_url": urlunsplit(("webcal", *urlsplit(url)[1:]))}


class EventDownloadView(ListDownloadView):
    """The filtered event list as CSV or JSON: `/events/?<filters>&format=csv`.

    Three queries whatever the number of events: the change stamp (ETag), the filters'
    choices (which say which slugs exist and name the sectors; not counted, see
    FacetedFilterSet), and the rows, read in chunks from one cursor.
    """

    filterset_class = EventFilter
    list_name = "events:list"
    name = "events"
    columns = COLUMNS

    def get_queryset(self):
        return Event.objects.published()

    def title(self, filterset):
        return HEADINGS[filterset.period]

    def rows(self, filterset, request):
        return event_rows(filterset, request)


# What a download or feed of events holds changes with these tables, and at midnight.
events_changed = changed_with(Event, Country, Sector, daily=True)


class EventListView(DownloadableListMixin, FacetedListView):
    """Events, filtered by the query string (see EventFilter), upcoming ones first.

    The page runs a fixed number of queries whatever the filters and the number of events:
    the office profile, the facet counts (which also give the total; none when they come
    from the list's summary), the page's events, their sectors, and the related sites that
    place them on the map (the page's events only). The map shows the countries the filters
    select whole and tinted; their codes cost one more query the first time after a change
    of content (see countries.maps.selected_countries).
    `?format=csv` or `json` gives the whole filtered list as a download instead.
    """

    filterset_class = EventFilter
    paginate_by = 12
    headings = HEADINGS
    download_view = staticmethod(events_changed(EventDownloadView.as_view()))
    feed_name = "events:feed"

    def get_queryset(self):
        return list_events(get_language(), maps_enabled())

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(self.all_dates(queryset) or queryset, page_size)

    def all_dates(self, events):
        """For all dates: the upcoming events then the past ones, each read in date order
        (see UpcomingThenPast), knowing how many upcoming events the filters give (from the
        upcoming list's summary, or its facet query with a search or dates) and how long the
        longest lasts (from the summary of every upcoming event)."""
        if self.filterset.period != Period.ALL:
            return None
        data = self.filterset.given.copy()
        data["when"] = Period.UPCOMING
        upcoming = EventFilter(data, queryset=self.get_queryset()).counts
        summary = upcoming.summary
        if summary is None:
            summary = EventFilter(QueryDict(), queryset=self.get_queryset()).counts.summary
        if summary is None:  # the cache does not answer: one sorted query
            return None
        return UpcomingThenPast(
            events,
            upcoming_count=upcoming.total,
            longest=summary.extras["longest"],
            today=timezone.localdate(),
        )

    def name_sectors(self, events):
        """Each event's published sectors (`sectors_named`: the sector filter's choices, with
        their names), in the sector filter's order."""
        ids = self.filterset.counts.ids["sector"]
        choices = [
            (ids[choice.value], choice)
            for choice in self.filterset.facets_by_name["sector"].choices
        ]
        for event in events:
            ids = {int(pk) for pk in (event.sector_ids or "").split(",") if pk}
            event.sectors_named = [choice for pk, choice in choices if pk in ids]

    def month_url(self, filters):
        """The month view of the list's filters (less its dates): the month of the `from`
        date when there is one, else the current month."""
        month = list_filters(filters, without=DATES)
        self.filterset.is_valid()  # cleans the form, once; a bad date is left out of it
        start = self.filterset.form.cleaned_data.get("from")
        if start is not None and months.FIRST_MONTH <= start <= months.LAST_DAY:
            month["month"] = start.strftime("%Y-%m")
        return filtered("events:calendar", month)

    def get_context_data(self, **kwargs):
        filters = list_filters(self.request.GET)
        context = super().get_context_data(
            heading=self.headings[self.filterset.period],
            month_url=self.month_url(filters),
            **subscribe_urls(self.request, filters),
            **kwargs,
        )
        self.name_sectors(context["event_list"])
        if maps_enabled() and context["event_list"]:
            context["map"] = events_map(
                context["event_list"],
                caption=of_this_page,
                countries=selected_countries(self.filterset),
            )
        return context


class EventDetailView(PublicDetailView):
    def get_records(self):
        return event_records().prefetch_related("sites")

    def add_links(self):
        """The Add to calendar menu's links, or None where the page offers none.

        A preview or a share link shows a record visitors cannot see: its .ics address is
        a 404 and a calendar would keep an event that may never be published. A cancelled
        event is not offered either: adding it would only put a dead entry in a calendar.
        Its .ics file still answers at its address, STATUS:CANCELLED, and it stays in the
        lists' calendars, so that calendars that already hold it learn of the
        cancellation."""
        if self.preview or self.object.is_cancelled:
            return None
        return ical.add_links(self.object, self.request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            add_links=self.add_links(),
            status_note=ical.status_note(self.object),
            map=event_map(self.object) if maps_enabled() else None,
            **kwargs,
        )


class EventICalendarView(DetailView):
    """One event as an .ics file: three queries (the event, its sectors, its sites)."""

    def get_queryset(self):
        return calendar_events()

    def render_to_response(self, context, **response_kwargs):
        event = self.object
        return ical.calendar_response(
            self.request,
            [event],
            name=event.title,
            time_zone=event.tzinfo.key,
            filename=f"{event.slug}.ics",
        )


def year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class EventCalendarView(FilterMixin, View):
    """The events of the list's filters as a calendar to subscribe to.

    Without a `from` date: the events not over yet and those of the last twelve months; at
    most `max_events`, the soonest upcoming ones first, then the most recent past ones. A
    filter that cannot be used is a 400 that says which and why: a calendar app would
    otherwise keep a calendar quite different from the one asked for.

    Five queries whatever the filters and the number of events: the facet query (which
    tells known values from unknown ones), the events, their sectors, their sites, the
    office profile.
    """

    filterset_class = EventCalendarFilter
    max_events = 500

    def get_queryset(self):
        return calendar_events()

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        if problems := filterset.problems:
            return self.bad_address(problems)
        events = filterset.qs
        if filterset.form.cleaned_data.get("from") is None:
            events = events.filter(end_date__gte=year_before(timezone.localdate()))
        events = list(events[: self.max_events])
        office = OfficeProfile.load()
        return ical.calendar_response(
            request,
            events,
            name=self.calendar_name(office, filterset),
            time_zone=settings.TIME_ZONE,
            records=[office],
        )

    @staticmethod
    def calendar_name(office, filterset):
        """“UNESCO Beijing: events (Mongolia, Culture)” in the active language."""
        office_name = office.short_name or office.name
        name = _("%(office)s: events") % {"office": office_name} if office_name else _("Events")
        chosen = [str(c.label) for facet in filterset.facets for c in facet.choices if c.selected]
        # A calendar's name is one line of text: the search as typed, without line breaks or
        # other control characters.
        if search := " ".join(filterset.form.cleaned_data.get("q", "").split()):
            search = "".join(c for c in search if c.isprintable())
            chosen.append(f"“{search}”")
        if (period := filterset.form.cleaned_data.get("when")) and period != Period.ALL:
            chosen.append(str(Period(period).label))
        if not chosen:
            return name
        return _("%(calendar)s (%(filters)s)") % {"calendar": name, "filters": ", ".join(chosen)}

    def bad_address(self, problems):
        every_event = self.request.build_absolute_uri(reverse("events:calendar-ics"))
        # The problems are the event list's messages (“…, so it was left out.”).
        lines = [
            _(
                "Part of this calendar's address cannot be used, so no calendar was made from "
                "it. The event list with the same filters says:"
            ),
            "",
            *(f"- {problem}" for problem in problems),
            "",
            _("The calendar of every event: %(url)s") % {"url": every_event},
        ]
        return HttpResponseBadRequest(
            "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
        )


class EventMonthView(FilterView):
    """A month of events as a calendar, filtered as the list is (its dates aside: the month
    is the date filter). Three queries whatever the number of events: the office profile,
    the facet counts, the month's events."""

    filterset_class = EventCalendarFilter
    template_name = "events/event_month.html"
    strict = False

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        serves_parameters(request, ["month"])
        self.today = timezone.localdate()
        self.month, self.month_problem = months.month_from(request.GET.get("month"), self.today)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        return kwargs | {"data": list_filters(self.request.GET, without=DATES)}

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("country")
            .filter(start_date__lte=months.last_day(self.month), end_date__gte=self.month)
        )

    def get_context_data(self, **kwargs):
        filters = list_filters(self.request.GET, without=DATES)
        events = self.object_list.order_by("start_date", "start_time", "title", "pk")

        def day_url(date):
            day = filters.copy()
            day.update({"when": Period.ALL, "from": date.isoformat(), "to": date.isoformat()})
            return filtered("events:list", day)

        def month_url(month):
            if month is None:
                return ""
            query = filters.copy()
            query["month"] = month.strftime("%Y-%m")
            return f"?{query.urlencode()}"

        month_range = filters.copy()
        month_range.update(
            {
                "when": Period.ALL,
                "from": self.month.isoformat(),
                "to": months.last_day(self.month).isoformat(),
            }
        )
        problems = [*self.filterset.problems, *filter(None, [self.month_problem])]
        return super().get_context_data(
            grid=months.month_grid(self.month, events, today=self.today, day_url=day_url),
            month_value=self.month.strftime("%Y-%m"),
            previous_url=month_url(months.previous_month(self.month)),
            next_url=month_url(months.next_month(self.month)),
            previous_month=months.previous_month(self.month),
            next_month=months.next_month(self.month),
            list_url=filtered("events:list", month_range),
            # Following the month's filters, and downloading the month's events.
            feed_url=filtered("events:feed", filters),
            download_links=download_links(reverse("events:list"), month_range),
            problems=problems,
            **subscribe_urls(self.request, filters),
            **kwargs,
        )
