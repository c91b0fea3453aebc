from django.utils.translation import gettext_lazy as _

from unesco_office.filters import FacetedListView
from unesco_office.preview import PublicDetailView

from .filters import EventFilter, Period
from .models import Event


def event_records():
    """Events with what their cards read, whatever their status."""
    return Event.objects.select_related("country").prefetch_related("sectors")


def public_events():
    return event_records().published()


class EventListView(FacetedListView):
    """Events, filtered by the query string (see EventFilter), upcoming ones first.

    The page runs four queries whatever the filters and the number of events: the office
    profile, the facet counts (which also give the total), the page's events, their sectors.
    """

    filterset_class = EventFilter
    paginate_by = 12
    headings = {
        Period.UPCOMING: _("Upcoming events"),
        Period.PAST: _("Past events"),
        Period.ALL: _("Events"),
    }

    def get_queryset(self):
        return public_events()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.headings[self.filterset.period], **kwargs)


class EventDetailView(PublicDetailView):
    def get_records(self):
        return event_records().prefetch_related("sites")
