from django.urls import path

from countries.models import Country
from sectors.models import Sector
from unesco_office.conditional import changed_with
from unesco_office.models import OfficeProfile

from . import views
from .feeds import EventFeed
from .models import Event

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    # Before the events' own pages: "feed" is not an event's slug (Event.clean says so).
    path(
        "feed/",
        changed_with(Event, Country, Sector, OfficeProfile, daily=True)(EventFeed()),
        name="feed",
    ),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
