from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from unesco_office.filters import FacetedListView
from unesco_office.maps import maps_enabled

from .filters import EventFilter, Period
from .maps import event_map, events_map, with_located_sites
from .models import Event


def public_events():
    return Event.objects.published().select_related("country").prefetch_related("sectors")


class EventListView(FacetedListView):
    """Events, filtered by the query string (see EventFilter), upcoming ones first.

    The page runs five queries whatever the filters and the number of events: the office
    profile, the facet counts (which also give the total), the page's events, their sectors,
    and the related sites that place them on the map (the page's events only).
    """

    filterset_class = EventFilter
    paginate_by = 12
    headings = {
        Period.UPCOMING: _("Upcoming events"),
        Period.PAST: _("Past events"),
        Period.ALL: _("Events"),
    }

    def get_queryset(self):
        events = public_events()
        return with_located_sites(events) if maps_enabled() else events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(heading=self.headings[self.filterset.period], **kwargs)
        if maps_enabled():
            context["map"] = events_map(context["event_list"])
        return context


class EventDetailView(DetailView):
    def get_queryset(self):
        return public_events().prefetch_related("sites")

    def get_context_data(self, **kwargs):
        map_ = event_map(self.object) if maps_enabled() else None
        return super().get_context_data(map=map_, **kwargs)
