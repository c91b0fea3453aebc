from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Centre, Country, Site

public_countries = Country.objects.published()


class CountryListView(ListView):
    queryset = public_countries.filter(is_covered=True)


class CountryDetailView(DetailView):
    queryset = public_countries


class SiteListView(ListView):
    paginate_by = 24
    queryset = (
        Site.objects.published()
        .select_related("sector")
        .prefetch_related(Prefetch("countries", queryset=public_countries))
    )


class SiteDetailView(DetailView):
    queryset = SiteListView.queryset


class CentreListView(ListView):
    paginate_by = 24
    queryset = Centre.objects.published().select_related("country", "sector")


class CentreDetailView(DetailView):
    queryset = CentreListView.queryset
