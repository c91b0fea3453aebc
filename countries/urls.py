from django.urls import path

from . import views

app_name = "countries"
urlpatterns = [
    path("countries/", views.CountryListView.as_view(), name="list"),
    path("countries/<slug:slug>/", views.CountryDetailView.as_view(), name="detail"),
    path("sites/", views.SiteListView.as_view(), name="site-list"),
    path("sites/<slug:slug>/", views.SiteDetailView.as_view(), name="site-detail"),
    path("centres/", views.CentreListView.as_view(), name="centre-list"),
    path("centres/<slug:slug>/", views.CentreDetailView.as_view(), name="centre-detail"),
]
