from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from sectors.models import Sector
from unesco_office.core.facets import FacetedListView, filtered_url
from unesco_office.maps.drawing import maps_enabled
from unesco_office.public.change_stamps import changed_with
from unesco_office.public.downloads import DownloadableListMixin, ListDownloadView
from unesco_office.public.preview import PublicDetailView

from .downloads import COLUMNS, site_rows
from .filters import CentreFilter, SiteFilter, covered_countries
from .maps import map_rows, records_rows, selected_countries, site_location_map, sites_map
from .models import Centre, Country, Site
from .public import IN_PUBLIC_COUNTRY, public_centres


def site_records():
    """Sites with what their pages and cards read, whatever their status."""
    return Site.objects.select_related("sector").prefetch_related(
        Prefetch("countries", queryset=Country.objects.published())
    )


def public_sites():
    return site_records().published()


def centre_records():
    return Centre.objects.select_related("country", "sector")


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
        return covered_countries().in_name_order("order")


class CountryDetailView(PublicDetailView):
    """A country: its sites by designation, its centres and its next events (read through
    the country's reverse relation `events`: that app comes later and is not imported here).

    Partners of transboundary sites have pages too, reached from their sites."""

    def get_records(self):
        return Country.objects.all()

    def get_context_data(self, **kwargs):
        country = self.object
        sites = list(Site.objects.published().filter(countries=country).in_name_order())
        return super().get_context_data(
            site_groups=by_designation(sites),
            map=self.site_map(country, sites),
            centres=Centre.objects.published().filter(country=country).in_name_order(),
            upcoming_events=country.events.published()
            .upcoming_bounded()
            .select_related("country")[:6],
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
        return sites_map(records_rows(sites), highlight=[country.iso3], region=[country.iso3])


class SiteDownloadView(ListDownloadView):
    """The filtered site list as CSV or JSON: `/sites/?<filters>&format=csv`.

    Four queries whatever the number of sites: the change stamp (ETag), the filters' choices
    (which say which slugs exist; not counted), the published countries' names, and the
    rows, read in chunks from one cursor.
    """

    filterset_class = SiteFilter
    list_name = "countries:site-list"
    name = "sites"
    columns = COLUMNS

    def get_queryset(self):
        return Site.objects.published()

    def title(self, filterset):
        return _("Designated sites")

    def rows(self, filterset, request):
        return site_rows(filterset, request)


class SiteListView(DownloadableListMixin, FacetedListView):
    """Sites, filtered by the query string (see SiteFilter), by name.

    Five queries whatever the filters and the number of sites: the office profile, the facet
    counts (which also give the total), the page's sites, their countries, and the map's
    columns of every site the filters select (not only the page's). The map shows the
    countries the filters select whole and tinted; their codes cost one more query the first
    time after a change of content (see countries.maps.selected_countries).
    `?format=csv` or `json` gives the whole filtered list as a download instead.
    """

    filterset_class = SiteFilter
    paginate_by = 24
    download_view = staticmethod(changed_with(Site, Country, Sector)(SiteDownloadView.as_view()))
    feed_name = "countries:site-feed"

    def get_queryset(self):
        return public_sites().in_name_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if maps_enabled() and self.filterset.total:
            selected = selected_countries(self.filterset)
            context["map"] = sites_map(
                map_rows(self.filterset.qs), highlight=selected, region=selected
            )
        return context


class SiteDetailView(PublicDetailView):
    def get_records(self):
        return site_records()

    def get_context_data(self, **kwargs):
        map_ = site_location_map(self.object) if maps_enabled() else None
        return super().get_context_data(map=map_, **kwargs)


class CentreListView(FacetedListView):
    """Centres by name, filtered by country, sector and the search (see CentreFilter). Three
    queries whatever the filters and the number of centres: the office profile, the facet
    counts (which also give the total) and the page of centres with their countries."""

    filterset_class = CentreFilter
    paginate_by = 24

    def get_queryset(self):
        return public_centres().select_related("country", "sector").in_name_order()


class CentreDetailView(PublicDetailView):
    def get_records(self):
        return centre_records()

    def get_queryset(self):
        # A centre is listed, counted and shown with its country: not while that is hidden.
        records = super().get_queryset()
        return records if self.preview else records.filter(IN_PUBLIC_COUNTRY)
