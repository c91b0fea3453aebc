"""What the public site knows of events beyond their pages (see
unesco_office.public.records): their sitemap section, their description and schema.org data
for search engines, and what the site search reads."""

from django.utils import translation
from django.utils.translation import gettext as _

from unesco_office.core.i18n import fallback_language
from unesco_office.public.records import PublicRecord, register
from unesco_office.public.search.sources import Source
from unesco_office.public.seo import (
    SCHEMA,
    compact,
    describe,
    image_object,
    one_or_many,
    organization,
)

from .dates import date_range
from .models import Event

EVENT_STATUS = {
    Event.EventStatus.SCHEDULED: "EventScheduled",
    Event.EventStatus.CANCELLED: "EventCancelled",
    Event.EventStatus.POSTPONED: "EventPostponed",
    Event.EventStatus.RESCHEDULED: "EventRescheduled",
    Event.EventStatus.MOVED_ONLINE: "EventMovedOnline",
}


def related_names(event):
    """What an event's search document holds of what it belongs to: its kind, country and
    sectors, in the active language."""
    names = [event.get_kind_display(), *(sector.name for sector in event.sectors.all())]
    if event.country_id:
        names.append(event.country.name)
    return {"B": names}


def describe_event(event):
    # The dates as the When line (components/event_when.html) writes them.
    dates = date_range(event.start_date, event.end_date)
    values = {"kind": event.get_kind_display(), "dates": dates, "place": event.place}
    if event.place:
        return _("%(kind)s, %(dates)s, %(place)s.") % values
    return _("%(kind)s, %(dates)s.") % values


def event_data(event, request, office):
    """schema.org Event: dates with the venue's UTC offset when times are set."""
    url = request.build_absolute_uri(event.get_absolute_url())
    has_place = event.has_venue
    country = event.public_country
    locations = []
    if has_place:
        address = compact(
            {
                "@type": "PostalAddress",
                "addressLocality": event.city,
                "addressCountry": country.iso2 if country else "",
            }
        )
        name = event.venue or event.city or (country.name if country else "")
        locations.append(compact({"@type": "Place", "name": name, "address": address}))
    online = event.is_held_online
    if online:
        locations.append({"@type": "VirtualLocation", "url": event.registration_url or url})
    if online and has_place:
        mode = "MixedEventAttendanceMode"
    elif online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    previous = event.previous_dates
    offers = {"@type": "Offer", "url": event.registration_url} if event.registration_url else None
    return compact(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": event.title,
            "url": url,
            "description": describe(event),
            "startDate": (event.starts_at or event.start_date).isoformat(),
            "endDate": (event.ends_at or event.end_date).isoformat(),
            "eventAttendanceMode": f"{SCHEMA}/{mode}",
            "eventStatus": f"{SCHEMA}/{EVENT_STATUS[event.event_status]}",
            "previousStartDate": previous.start_date.isoformat() if previous else None,
            "location": one_or_many(locations) if locations else None,
            "organizer": organization(office, request) if office.name else None,
            "image": image_object(event, request),
            "offers": offers,
            # The language of its title: the English one where no translation exists.
            "inLanguage": fallback_language(event, "title") or translation.get_language(),
        }
    )


register(
    PublicRecord(
        Event,
        # Past events keep their pages.
        sitemap_section="events",
        describe=describe_event,
        structured_data=event_data,
        search=Source(
            "event",
            Event,
            "title",
            {"A": ["title"], "B": ["summary", "city", "venue"], "C": ["body"]},
            related=related_names,
            joins=("country",),
            prefetch=("sectors",),
            names_from=("country", "sectors"),
            shown=(
                "start_date",
                "end_date",
                "start_time",
                "end_time",
                "time_zone",
                "is_online",
                "city",
                "country_id",
                "event_status",
            ),
            with_country=True,
        ),
    )
)
