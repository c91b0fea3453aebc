"""Maps of events (see unesco_office.maps.drawing): a list's (a page of /events/, or any list of
events such as a month's) and an event's own.

An event is placed at its own coordinates (staff give them for the venue), else at those of
its first public related site that has some; online events and events without either are
left off the map and counted in a note. For a list, `with_located_sites(queryset)` reads
those sites' coordinates in the events' own query.
"""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext, gettext_lazy, ngettext

from countries.maps import DESIGNATION_KINDS, DESIGNATION_MARKERS
from unesco_office.core.i18n import fallback_language
from unesco_office.core.models import is_published
from unesco_office.maps.drawing import (
    PLACE_MIN_SPAN,
    Marker,
    MarkerKind,
    draw_map,
    openstreetmap_url,
    slug_urls,
)

from .models import Event

EVENT_MARKER = MarkerKind("event", gettext_lazy("Event"), "square")


def with_located_sites(events):
    """The queryset, with the coordinates of each event's first public related site that has
    some (the first linked, by id) in `site_latitude` and `site_longitude`: what
    Event.map_location reads. Read in the events' own query, for the events it returns only,
    along the links' index (event, site), without sorting."""
    located = (
        Event.sites.through.objects.filter(
            is_published("site__"), event=OuterRef("pk"), site__latitude__isnull=False
        )
        .order_by("site_id")
        .values("site__latitude", "site__longitude")
    )
    return events.annotate(
        site_latitude=Subquery(located.values("site__latitude")[:1]),
        site_longitude=Subquery(located.values("site__longitude")[:1]),
    )


def marker_label(event):
    """A point's name: the event's title, what happened to it if it is not held as
    announced, and its place: “Youth Dialogue · Cancelled · Changsha, China”."""
    parts = [event.title]
    if event.event_status != Event.EventStatus.SCHEDULED:
        parts.append(event.get_event_status_display())
    if event.place:
        parts.append(event.place)
    return " · ".join(map(str, parts))


def on_the_map(count):
    return ngettext(
        "Where the %(count)s event on the map takes place.",
        "Where the %(count)s events on the map take place.",
        count,
    ) % {"count": count}


def of_this_page(count):
    """The caption of the event list's map, which shows the page's events only."""
    return ngettext(
        "The %(count)s event of this page that has a place.",
        "The %(count)s events of this page that have a place.",
        count,
    ) % {"count": count}


def events_map(events, *, caption=on_the_map, countries=()):
    """The map of a list of events (each linking to its page), holding the `countries`
    (ISO alpha-3 codes: those the list's filters select) whole and tinted, or None when
    none of the events has a place; the note counts the events left off. `caption` gives
    the caption from the number of events on the map."""
    url = slug_urls("events:detail")
    markers, missing = [], 0
    for event in events:
        location = event.map_location
        if location is None:
            missing += 1
            continue
        language = fallback_language(event, "title")
        markers.append(
            Marker(*location, marker_label(event), url(event.slug), EVENT_MARKER, language)
        )
    if not markers:
        return None
    note = (
        ngettext(
            "%(count)s event is not on the map: online, or without a place.",
            "%(count)s events are not on the map: online, or without a place.",
            missing,
        )
        % {"count": missing}
        if missing
        else ""
    )
    return draw_map(
        markers,
        name="events",
        caption=caption(len(markers)),
        kinds=[EVENT_MARKER],
        notes=[note],
        highlight=countries,
        region=countries,
    )


def event_map(event):
    """Where one event takes place (its marker opens OpenStreetMap there; none once it has
    moved online) and its public related sites with coordinates, in its country (whole and
    tinted); None without a place. Reads event.sites.all()."""
    markers = []
    at_venue = event.latitude is not None and not event.has_moved_online
    if at_venue:
        markers.append(
            Marker(
                event.latitude,
                event.longitude,
                gettext("%(place)s on OpenStreetMap") % {"place": event.place or event.title},
                openstreetmap_url(event.latitude, event.longitude),
                EVENT_MARKER,
            )
        )
    url = slug_urls("countries:site-detail")
    sites = [s for s in event.sites.all() if s.is_public and s.latitude is not None]
    markers += [
        Marker(
            s.latitude,
            s.longitude,
            s.name,
            url(s.slug),
            DESIGNATION_MARKERS[s.designation],
            fallback_language(s, "name"),
        )
        for s in sites
    ]
    if not markers:
        return None
    if not at_venue:
        caption = gettext("The event's related sites.")
    elif sites:
        caption = gettext("Where the event takes place, and its related sites.")
    else:
        caption = gettext("Where the event takes place.")
    used = {marker.kind for marker in markers}
    country = [event.public_country.iso3] if event.public_country else []
    return draw_map(
        markers,
        name="event",
        caption=caption,
        kinds=[kind for kind in [EVENT_MARKER, *DESIGNATION_KINDS] if kind in used],
        highlight=country,
        region=country,
        min_span=PLACE_MIN_SPAN,
    )
