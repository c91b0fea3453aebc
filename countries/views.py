from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

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
        return Country.objects.published().filter(is_covered=True)


class CountryDetailView(DetailView):
    def get_queryset(self):
        return Country.objects.published()


class SiteListView(ListView):
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
