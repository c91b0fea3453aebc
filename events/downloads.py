"""The event list as open data (see unesco_office.public.downloads): its columns and rows.

One query gives every row: the event's own columns, its texts in the active language (with
the pages' fallback to English), its country's name, code and time zone (joined) and the ids
of its sectors (a subquery on the link table). The sectors' names come from the filter's
choices, which are read anyway to find which slugs exist and hold every public sector's
name in this language: a download runs no query for them, however many rows it holds.
"""

import datetime

from django.db.models import F

from unesco_office.core.i18n import in_active_language, untranslated
from unesco_office.core.models import if_published
from unesco_office.public.downloads import (
    CHUNK_SIZE,
    in_order_of,
    related_ids,
    url_maker,
)

from .models import Event, aware, held_online, planned_dates, venue_time_zone

COLUMNS = (
    "id",
    "title",
    "url",
    "kind",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "time_zone",
    "starts_at",
    "ends_at",
    "event_status",
    "previous_start_date",
    "previous_end_date",
    "online",
    "country",
    "country_iso3",
    "city",
    "venue",
    "sectors",
    "summary",
    "registration_url",
    "updated_at",
)


def public_sector_names(filterset):
    """{id: name} of the public sectors, in their order, from the sector facet's choices."""
    ids = filterset.counts.ids["sector"]
    return {
        ids[choice.value]: choice.label for choice in filterset.facets_by_name["sector"].choices
    }


def event_rows(filterset, request):
    """Each event of the filtered list, in the list's order, as a dict of COLUMNS."""
    queryset = (
        untranslated(filterset.qs)
        .select_related(None)
        .prefetch_related(None)
        .annotate(
            text_title=in_active_language("title"),
            text_venue=in_active_language("venue"),
            text_city=in_active_language("city"),
            text_summary=in_active_language("summary"),
            country_name=if_published("country", in_active_language("country__name")),
            country_code=if_published("country", F("country__iso3")),
            country_zone=F("country__time_zone"),
            sector_ids=related_ids(Event, "sectors"),
        )
        .values_list(
            "pk",
            "text_title",
            "slug",
            "kind",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "time_zone",
            "country_zone",
            "event_status",
            "previous_start_date",
            "previous_end_date",
            "is_online",
            "country_name",
            "country_code",
            "text_city",
            "text_venue",
            "sector_ids",
            "text_summary",
            "registration_url",
            "updated_at",
        )
    )
    sectors = in_order_of(public_sector_names(filterset))
    url = url_maker(request, "events:detail")
    for (
        pk,
        title,
        slug,
        kind,
        start_date,
        end_date,
        start_time,
        end_time,
        own_zone,
        country_zone,
        event_status,
        previous_start,
        previous_end,
        is_online,
        country,
        country_code,
        city,
        venue,
        sector_ids,
        summary,
        registration_url,
        updated_at,
    ) in queryset.iterator(chunk_size=CHUNK_SIZE):
        zone = venue_time_zone(own_zone, country_zone)
        # The dates it was first planned for, while it is rescheduled (as on its page).
        previous = planned_dates(event_status, previous_start, previous_end)
        yield {
            "id": pk,
            "title": title,
            "url": url(slug),
            "kind": kind,
            "start_date": start_date,
            "end_date": end_date,
            "start_time": start_time,
            "end_time": end_time,
            "time_zone": zone.key,
            "starts_at": aware(start_date, start_time, zone),
            "ends_at": aware(end_date, end_time, zone),
            "event_status": event_status,
            "previous_start_date": previous.start_date if previous else None,
            "previous_end_date": previous.end_date if previous else None,
            "online": held_online(is_online, event_status),
            "country": country or None,
            "country_iso3": country_code,
            "city": city or None,
            "venue": venue or None,
            "sectors": sectors(sector_ids),
            "summary": summary or None,
            "registration_url": registration_url or None,
            "updated_at": updated_at.astimezone(datetime.UTC),
        }
