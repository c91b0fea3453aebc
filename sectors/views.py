from django.views.generic import ListView

from unesco_office.core.facets import filtered_url
from unesco_office.public.preview import PublicDetailView

from .models import Sector


class SectorListView(ListView):
    def get_queryset(self):
        return Sector.objects.published().in_name_order("order")


class SectorDetailView(PublicDetailView):
    """A sector: its next events, its sites by designation and its centres, each read
    through the sector's reverse relations (from later apps, which this one does not import)."""

    def get_records(self):
        return Sector.objects.all()

    def get_context_data(self, **kwargs):
        sector = self.object
        return super().get_context_data(
            upcoming_events=sector.events.published()
            .upcoming_bounded()
            .select_related("country")[:6],
            events_url=filtered_url("events:list", sector=sector.slug),
            sites=sector.sites.published().in_name_order(),
            centres=sector.centres.published().select_related("country").in_name_order(),
            **kwargs,
        )
