"""The site list as open data (see unesco_office.public.downloads): its columns and rows.

One query gives every row: the site's own columns, its texts in the active language (with
the pages' fallback to English), its sector's name (joined) and the ids of its countries (a
subquery on the link table). One more query reads the published countries' names and codes
(a few hundred rows at most, partners of transboundary sites included), so the rows need no
query of their own.
"""

import datetime

from unesco_office.core.i18n import in_active_language, untranslated
from unesco_office.core.models import if_published
from unesco_office.public.downloads import (
    CHUNK_SIZE,
    in_order_of,
    related_ids,
    url_maker,
)

from .models import Country, Site

COLUMNS = (
    "id",
    "name",
    "url",
    "designation",
    "category",
    "countries",
    "country_iso3",
    "sector",
    "criteria",
    "year_designated",
    "extension_years",
    "in_danger",
    "in_danger_since",
    "latitude",
    "longitude",
    "area_ha",
    "official_id",
    "official_url",
    "summary",
    "updated_at",
)


def site_rows(filterset, request):
    """Each site of the filtered list, in the list's order, as a dict of COLUMNS."""
    queryset = (
        untranslated(filterset.qs)
        .select_related(None)
        .prefetch_related(None)
        .annotate(
            text_name=in_active_language("name"),
            text_summary=in_active_language("summary"),
            sector_name=if_published("sector", in_active_language("sector__name")),
            country_ids=related_ids(Site, "countries"),
        )
        .values_list(
            "pk",
            "text_name",
            "slug",
            "designation",
            "wh_category",
            "country_ids",
            "sector_name",
            "criteria",
            "year_designated",
            "extension_years",
            "is_in_danger",
            "in_danger_since",
            "latitude",
            "longitude",
            "area_ha",
            "official_id",
            "official_url",
            "text_summary",
            "updated_at",
        )
    )
    # As on the site pages, only published countries are named.
    countries = in_order_of({country.pk: country for country in Country.objects.published()})
    url = url_maker(request, "countries:site-detail")
    for (
        pk,
        name,
        slug,
        designation,
        category,
        country_ids,
        sector,
        criteria,
        year_designated,
        extension_years,
        in_danger,
        in_danger_since,
        latitude,
        longitude,
        area_ha,
        official_id,
        official_url,
        summary,
        updated_at,
    ) in queryset.iterator(chunk_size=CHUNK_SIZE):
        named = countries(country_ids)
        yield {
            "id": pk,
            "name": name,
            "url": url(slug),
            "designation": designation,
            "category": category or None,
            "countries": [country.name for country in named],
            "country_iso3": [country.iso3 for country in named],
            "sector": sector,
            "criteria": criteria or None,
            "year_designated": year_designated,
            "extension_years": [int(year) for year in extension_years.split(", ") if year],
            "in_danger": in_danger,
            "in_danger_since": in_danger_since,
            "latitude": latitude,
            "longitude": longitude,
            "area_ha": area_ha,
            "official_id": official_id or None,
            "official_url": official_url or None,
            "summary": summary or None,
            "updated_at": updated_at.astimezone(datetime.UTC),
        }
