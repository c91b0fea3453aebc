from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from countries.models import Country
from sectors.models import Sector
from unesco_office.conditional import changed_with
from unesco_office.downloads import DownloadableListMixin, ListDownloadView
from unesco_office.filters import FacetedListView

from .downloads import COLUMNS, event_rows
from .filters import EventFilter, Period
from .models import Event

HEADINGS = {
    Period.UPCOMING: _("Upcoming events"),
    Period.PAST: _("Past events"),
    Period.ALL: _("Events"),
}


def public_events():
    return Event.objects.published().select_related("country").prefetch_related("sectors")


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

    The page runs four queries whatever the filters and the number of events: the office
    profile, the facet counts (which also give the total), the page's events, their sectors.
    `?format=csv` or `json` gives the whole filtered list as a download instead.
    """

    filterset_class = EventFilter
    paginate_by = 12
    headings = HEADINGS
    download_view = staticmethod(events_changed(EventDownloadView.as_view()))
    feed_name = "events:feed"

    def get_queryset(self):
        return public_events()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.headings[self.filterset.period], **kwargs)


class EventDetailView(DetailView):
    def get_queryset(self):
        return public_events().prefetch_related("sites")
