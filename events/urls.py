from django.urls import path

from countries.models import Country
from sectors.models import Sector
from unesco_office.models import OfficeProfile
from unesco_office.public.change_stamps import changed_with

from . import views
from .feeds import EventFeed
from .models import Event

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    # Before the events' own addresses: "calendar" is a reserved slug (see models).
    path("calendar.ics", views.EventCalendarView.as_view(), name="calendar-ics"),
    path("calendar/", views.EventMonthView.as_view(), name="calendar"),
    path("<slug:slug>.ics", views.EventICalendarView.as_view(), name="ics"),
    # Before the events' own pages: "feed" is a reserved slug too.
    path(
        "feed/",
        changed_with(Event, Country, Sector, OfficeProfile, daily=True)(EventFeed()),
        name="feed",
    ),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
