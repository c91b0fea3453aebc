"""Events as iCalendar (RFC 5545), for calendar apps: one event's .ics file, and the filtered
calendar a visitor subscribes to. Also the links that add one event to Google Calendar or
Outlook.com.

What calendar users complain about, and how each is avoided here:

- *Duplicates after an edit*: every event has a UID of its own (`Event.uid`, a UUID made
  once) that no change of title or slug touches, so an app updates the event it has.
- *Changes that never arrive*: SEQUENCE is `Event.sequence`, which grows with every change
  visitors can see; LAST-MODIFIED and DTSTAMP are the time of the last change. A calendar
  object without METHOD is a published copy, for which RFC 5545 defines DTSTAMP as that time,
  so the same data always gives the same file.
- *Cancelled events that never disappear*: a cancelled event stays in the calendar with
  STATUS:CANCELLED (and "Cancelled:" before its title), so subscribed apps update it.
- *Times shifted by an hour or a zone*: a timed event is written in the venue's zone (TZID)
  with a VTIMEZONE describing that zone over the years the calendar covers.
- *All-day events a day off*: all-day events are dates (VALUE=DATE) with the day after the
  last one as DTEND, which RFC 5545 makes exclusive.

The text follows the active language (the URL's): calendar name, titles, descriptions,
categories.
"""

import datetime
import hashlib
import html
import re
import zoneinfo
from functools import lru_cache
from urllib.parse import urlencode

import icalendar
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.html import strip_tags
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from unesco_office.core.text import one_line

from .dates import date_range
from .models import Event

PRODID = "-//unesco-office//Events//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often subscribed apps are asked to look again (RFC 7986 and Outlook's own property).
REFRESH_INTERVAL = datetime.timedelta(hours=1)
# Changed whenever the way a file is written changes, so that clients fetch it again.
FORMAT_VERSION = "1"

STATUS = {
    Event.EventStatus.CANCELLED: "CANCELLED",
    Event.EventStatus.POSTPONED: "TENTATIVE",
}


# --- Text --------------------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich_text):
    """Sanitised rich text (see unesco_office.core.richtext) as plain text: a line per paragraph,
    heading or list item, entities decoded."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", rich_text or "")))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def status_note(event):
    """A sentence on what happened to the event; empty while it is scheduled."""
    match event.event_status:
        case Event.EventStatus.CANCELLED:
            return _("This event is cancelled.")
        case Event.EventStatus.POSTPONED:
            return _("This event is postponed; its new dates are not known yet.")
        case Event.EventStatus.RESCHEDULED if (previous := event.previous_dates) is not None:
            return _("This event has new dates. It was first planned for %(dates)s.") % {
                "dates": date_range(previous.start_date, previous.end_date)
            }
        case Event.EventStatus.MOVED_ONLINE:
            return _("This event has moved online.")
    return ""


def summary_line(event):
    """The title, after “Cancelled:” or “Postponed:” where that is the news."""
    match event.event_status:
        case Event.EventStatus.CANCELLED:
            return _("Cancelled: %(title)s") % {"title": event.title}
        case Event.EventStatus.POSTPONED:
            return _("Postponed: %(title)s") % {"title": event.title}
    return event.title


def location(event):
    """Venue, city and country as far as known; “Online” for an event held only online."""
    if event.has_venue:
        country = event.public_country.name if event.public_country else ""
        return ", ".join(part for part in (event.venue, event.city, country) if part)
    return _("Online") if event.is_held_online else ""


def description(event, url):
    """What happened to it, its summary and body as plain text, and where to read more."""
    parts = [status_note(event), " ".join(event.summary.split()), plain_text(event.body)]
    if event.registration_url and not event.is_cancelled:
        parts.append(_("Registration: %(url)s") % {"url": event.registration_url})
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def categories(event):
    """The event's published sectors (prefetched) and its kind, in the active language."""
    return [*(str(sector.name) for sector in event.sectors.all()), str(event.get_kind_display())]


def coordinates(event):
    """(latitude, longitude) where the event is on the maps (Event.map_location: its own
    coordinates, else those of its first public related site that has some; none once it
    has moved online). A related site places only an event held at a place, not one held
    online only. Reads the prefetched sites."""
    if event.latitude is None and not event.has_venue:
        return None
    location = event.map_location
    return None if location is None else (float(location[0]), float(location[1]))


# --- When --------------------------------------------------------------------------------


def start_and_end(event):
    """DTSTART and DTEND values: aware datetimes in the venue's zone for a timed event,
    dates for an all-day one, DTEND exclusive (the day after the last day). A timed event
    without an end time has no DTEND on one day (RFC 5545: it ends as it starts) and ends
    at midnight after its last day when it runs over several."""
    if event.start_time is None:
        return event.start_date, event.end_date + datetime.timedelta(days=1)
    if event.end_time is not None:
        return event.starts_at, event.ends_at
    if event.is_multi_day:
        midnight = datetime.time(0, 0)
        after = event.end_date + datetime.timedelta(days=1)
        return event.starts_at, datetime.datetime.combine(after, midnight, tzinfo=event.tzinfo)
    return event.starts_at, None


@lru_cache(maxsize=64)
def vtimezone(key, first_year, last_year):
    """The zone `key` as a VTIMEZONE, exact from the first of January of `first_year` to the
    end of `last_year` (what the calendar's events need, so the definition stays short)."""
    return icalendar.Timezone.from_tzinfo(
        zoneinfo.ZoneInfo(key),
        tzid=key,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def timezones(events):
    """A VTIMEZONE for every zone a timed event is written in (UTC needs none), by name."""
    years = {}
    for event in events:
        for moment in start_and_end(event):
            if isinstance(moment, datetime.datetime) and not icalendar.is_utc(moment):
                first, last = years.get(moment.tzinfo.key, (moment.year, moment.year))
                years[moment.tzinfo.key] = (min(first, moment.year), max(last, moment.year))
    return [vtimezone(key, *years[key]) for key in sorted(years)]


# --- Components --------------------------------------------------------------------------


def vevent(event, request):
    url = request.build_absolute_uri(event.get_absolute_url())
    changed = event.updated_at.astimezone(datetime.UTC)
    start, end = start_and_end(event)
    component = icalendar.Event()
    component.add("uid", str(event.uid))
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    component.add("created", event.created_at.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    component.add("summary", one_line(summary_line(event)))
    component.add("dtstart", start)
    if end is not None:
        component.add("dtend", end)
    component.add("status", STATUS.get(event.event_status, "CONFIRMED"))
    if place := location(event):
        component.add("location", one_line(place))
    if geo := coordinates(event):
        component.add("geo", geo)
    component.add("url", url)
    component.add("categories", [one_line(category) for category in categories(event)])
    component.add("description", description(event, url))
    component.add("class", "PUBLIC")
    return component


def calendar(events, request, *, name, time_zone):
    """A VCALENDAR of `events` (with country, published sectors and sites loaded)."""
    name = one_line(name)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", time_zone)
    cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    for component in timezones(events):
        cal.add_component(component)
    for event in events:
        cal.add_component(vevent(event, request))
    return cal.to_ical()


# --- HTTP --------------------------------------------------------------------------------


def validators(events, *records):
    """(ETag, Last-Modified) of a calendar made of `events` and `records` (the office
    profile…), from what is already loaded.

    The ETag sums up everything the file is made of: each event's id, revision and last
    change, those of its country, sectors and sites, the other records, the language and
    this module's format. An event that is added, changed, removed, or that appears or
    expires as time passes (the events are those visible now) changes it.

    Last-Modified is the newest change among them, or the time an event became visible, and
    at least the past midnight: a client that only sends If-Modified-Since still gets the
    file again each day, so that a removal reaches it within a day.
    """
    digest = hashlib.sha256(f"{FORMAT_VERSION} {translation.get_language()}".encode())
    times = [timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))]

    def add(record):
        if record is None or record.pk is None:
            return
        digest.update(f"|{record._meta.label} {record.pk} {record.updated_at.isoformat()}".encode())
        times.append(record.updated_at)

    for event in events:
        digest.update(f"|{event.sequence}".encode())
        add(event)
        times.append(event.published_at)
        add(event.country if event.country_id else None)
        for related in (*event.sectors.all(), *event.sites.all()):
            add(related)
    for record in records:
        add(record)
    return f'"{digest.hexdigest()[:40]}"', max(times)


def calendar_response(request, events, *, name, time_zone, filename=None, records=()):
    """The calendar as a response; 304 Not Modified when the client's copy is current."""
    etag, last_modified = validators(events, *records)
    last_modified = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = calendar(events, request, name=name, time_zone=time_zone)
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if request.method in ("GET", "HEAD"):
        response.headers["ETag"] = quote_etag(etag)
        response.headers["Last-Modified"] = http_date(last_modified)
    return response


# --- Links that add one event to an online calendar ----------------------------------------


def _compact(moment, all_day_format, timed_format):
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(datetime.UTC).strftime(timed_format)
    return moment.strftime(all_day_format)


def add_links(event, request):
    """[(label, url)] that open Google Calendar and Outlook.com with the event filled in."""
    url = request.build_absolute_uri(event.get_absolute_url())
    start, end = start_and_end(event)
    end = end or start
    details = "\n\n".join(part for part in (status_note(event), event.summary, url) if part)
    timed = isinstance(start, datetime.datetime)
    google = {
        "action": "TEMPLATE",
        "text": summary_line(event),
        "dates": "/".join(_compact(m, "%Y%m%d", "%Y%m%dT%H%M%SZ") for m in (start, end)),
        "details": details,
        "location": location(event),
    }
    if timed:
        google["ctz"] = event.tzinfo.key
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": summary_line(event),
        "startdt": _compact(start, "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"),
        "enddt": _compact(end, "%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ"),
        "allday": "false" if timed else "true",
        "body": details,
        "location": location(event),
    }
    return [
        (
            pgettext(
                "Google's calendar, as the product is named in the language", "Google Calendar"
            ),
            f"https://calendar.google.com/calendar/render?{urlencode(google)}",
        ),
        (
            pgettext(
                "Microsoft's calendar, as the product is named in the language", "Outlook.com"
            ),
            f"https://outlook.live.com/calendar/0/deeplink/compose?{urlencode(outlook)}",
        ),
    ]
