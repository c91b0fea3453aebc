from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from unesco_office.filters import FacetedListView, filtered_url
from unesco_office.maps import maps_enabled
from unesco_office.paging import PagedListView

from .filters import SiteFilter, covered_countries
from .maps import MAP_COLUMNS, map_rows, site_location_map, sites_map
from .models import Centre, Country, Site


def public_sites():
    return (
        Site.objects.published()
        .select_related("sector")
        .prefetch_related(Prefetch("countries", queryset=Country.objects.published()))
    )


def public_centres():
    return Centre.objects.published().select_related("country", "sector")


@dataclass
class DesignationGroup:
    designation: Site.Designation
    sites: list

    headings = {
        Site.Designation.WORLD_HERITAGE: _("World Heritage sites"),
        Site.Designation.BIOSPHERE_RESERVE: _("Biosphere Reserves"),
        Site.Designation.GEOPARK: _("UNESCO Global Geoparks"),
    }

    @property
    def label(self):
        return self.headings[self.designation]


def by_designation(sites):
    """Sites grouped by designation, in the designations' order, leaving out empty groups."""
    groups = {designation: DesignationGroup(designation, []) for designation in Site.Designation}
    for site in sites:
        groups[Site.Designation(site.designation)].sites.append(site)
    return [group for group in groups.values() if group.sites]


class CountryListView(ListView):
    def get_queryset(self):
        return covered_countries()


class CountryDetailView(DetailView):
    """A country: its sites by designation, its centres and its next events (read through
    the country's reverse relation `events`: that app comes later and is not imported here).

    Partners of transboundary sites have pages too, reached from their sites."""

    def get_queryset(self):
        return Country.objects.published()

    def get_context_data(self, **kwargs):
        country = self.object
        sites = list(Site.objects.published().filter(countries=country))
        return super().get_context_data(
            site_groups=by_designation(sites),
            map=self.site_map(country, sites),
            centres=Centre.objects.published().filter(country=country),
            upcoming_events=country.events.published().upcoming().select_related("country")[:6],
            # Only covered countries are choices of the event list's country filter.
            events_url=filtered_url("events:list", country=country.slug)
            if country.is_covered
            else "",
            **kwargs,
        )

    @staticmethod
    def site_map(country, sites):
        """The country's sites, or the country alone when none has coordinates."""
        if not maps_enabled():
            return None
        rows = [[getattr(site, column) for column in MAP_COLUMNS] for site in sites]
        return sites_map(rows, highlight=[country.iso3], region=[country.iso3])


class SiteListView(FacetedListView):
    """Sites, filtered by the query string (see SiteFilter), by name.

    Five queries whatever the filters and the number of sites: the office profile, the facet
    counts (which also give the total), the page's sites, their countries, and the map's
    columns of every site the filters select (not only the page's).
    """

    filterset_class = SiteFilter
    paginate_by = 24

    def get_queryset(self):
        return public_sites()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if maps_enabled() and self.filterset.total:
            context["map"] = sites_map(map_rows(self.filterset.qs))
        return context


class SiteDetailView(DetailView):
    def get_queryset(self):
        return public_sites()

    def get_context_data(self, **kwargs):
        map_ = site_location_map(self.object) if maps_enabled() else None
        return super().get_context_data(map=map_, **kwargs)


class CentreListView(PagedListView):
    paginate_by = 24

    def get_queryset(self):
        return public_centres()


class CentreDetailView(DetailView):
    def get_queryset(self):
        return public_centres()
