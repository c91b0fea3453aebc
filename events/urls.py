from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    # Before the events' own addresses: "calendar" is a reserved slug (see models).
    path("calendar.ics", views.EventCalendarView.as_view(), name="calendar-ics"),
    path("calendar/", views.EventMonthView.as_view(), name="calendar"),
    path("<slug:slug>.ics", views.EventICalendarView.as_view(), name="ics"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
