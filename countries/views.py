from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from unesco_office.filters import FacetedListView

from .filters import SiteFilter, covered_countries
from .models import Centre, Country, Site


def public_sites():
    return (
        Site.objects.published()
        .select_related("sector")
        .prefetch_related(Prefetch("countries", queryset=Country.objects.published()))
    )


def public_centres():
    return Centre.objects.published().select_related("country", "sector")


class CountryListView(ListView):
    def get_queryset(self):
        return covered_countries()


class CountryDetailView(DetailView):
    def get_queryset(self):
        return Country.objects.published()


class SiteListView(FacetedListView):
    """Sites, filtered by the query string (see SiteFilter), by name.

    Four queries whatever the filters and the number of sites: the office profile, the facet
    counts (which also give the total), the page's sites and their countries.
    """

    filterset_class = SiteFilter
    paginate_by = 24

    def get_queryset(self):
        return public_sites()


class SiteDetailView(DetailView):
    def get_queryset(self):
        return public_sites()


class CentreListView(ListView):
    paginate_by = 24

    def get_queryset(self):
        return public_centres()


class CentreDetailView(DetailView):
    def get_queryset(self):
        return public_centres()
