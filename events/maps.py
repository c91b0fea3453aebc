"""Maps of events (see unesco_office.maps): a list's (a page of /events/, or any list of
events such as a month's) and an event's own.

An event is placed at its own coordinates (staff give them for the venue), else at those of
its first public related site that has some; online events and events without either are
left off the map and counted in a note. For a list, `with_located_sites(queryset)` fetches
those sites in one query, whatever the number of events.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext, gettext_lazy, ngettext

from countries.maps import DESIGNATION_KINDS, DESIGNATION_MARKERS
from countries.models import Site
from unesco_office.maps import (
    PLACE_MIN_SPAN,
    Marker,
    MarkerKind,
    draw_map,
    openstreetmap_url,
    slug_urls,
)

EVENT_MARKER = MarkerKind("event", gettext_lazy("Event"), "square")


def with_located_sites(events):
    """The queryset, with each event's public related sites that have coordinates (by
    name) in `located_sites`: what Event.map_location reads."""
    return events.prefetch_related(
        Prefetch(
            "sites",
            queryset=Site.objects.published()
            .filter(latitude__isnull=False)
            .only("name", "latitude", "longitude")
            .order_by("name"),
            to_attr="located_sites",
        )
    )


def events_map(events, *, caption=None, countries=()):
    """The map of a list of events (each linking to its page), holding the `countries`
    (ISO alpha-3 codes: those the list's filters select) whole and tinted, or None when
    none of the events has a place; the note counts the events left off."""
    url = slug_urls("events:detail")
    markers, missing = [], 0
    for event in events:
        location = event.map_location
        if location is None:
            missing += 1
            continue
        label = f"{event.title} · {event.place}" if event.place else event.title
        markers.append(Marker(*location, label, url(event.slug), EVENT_MARKER))
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
    if caption is None:
        caption = ngettext(
            "Where the %(count)s event on the map takes place.",
            "Where the %(count)s events on the map take place.",
            len(markers),
        ) % {"count": len(markers)}
    return draw_map(
        markers,
        name="events",
        caption=caption,
        kinds=[EVENT_MARKER],
        notes=[note],
        highlight=countries,
        region=countries,
    )


def event_map(event):
    """Where one event takes place (its marker opens OpenStreetMap there) and its public
    related sites with coordinates, in its country (whole and tinted); None without a
    place. Reads event.sites.all()."""
    markers = []
    if event.latitude is not None:
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
        Marker(s.latitude, s.longitude, s.name, url(s.slug), DESIGNATION_MARKERS[s.designation])
        for s in sites
    ]
    if not markers:
        return None
    if event.latitude is None:
        caption = gettext("The event's related sites.")
    elif sites:
        caption = gettext("Where the event takes place, and its related sites.")
    else:
        caption = gettext("Where the event takes place.")
    used = {marker.kind for marker in markers}
    country = [event.country.iso3] if event.country_id else []
    return draw_map(
        markers,
        name="event",
        caption=caption,
        kinds=[kind for kind in [EVENT_MARKER, *DESIGNATION_KINDS] if kind in used],
        highlight=country,
        region=country,
        min_span=PLACE_MIN_SPAN,
    )
