from django.urls import path

from sectors.models import Sector
from unesco_office.models import OfficeProfile
from unesco_office.public.change_stamps import changed_with

from . import views
from .feeds import SiteFeed
from .models import Country, Site

app_name = "countries"
urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="list"),
    path("countries/<slug:slug>/", views.CountryDetailView.as_view(), name="detail"),
    path("sites/", views.SiteListView.as_view(), name="site-list"),
    # Before the sites' own pages: "feed" is not a site's slug (Site.clean says so).
    path(
        "sites/feed/",
        changed_with(Site, Country, Sector, OfficeProfile)(SiteFeed()),
        name="site-feed",
    ),
    path("sites/<slug:slug>/", views.SiteDetailView.as_view(), name="site-detail"),
    path("centres/", views.CentreListView.as_view(), name="centre-list"),
    path("centres/<slug:slug>/", views.CentreDetailView.as_view(), name="centre-detail"),
]
