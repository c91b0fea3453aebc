"""Maps of designated sites (see unesco_office.maps.drawing): the site list's, a country's, a site's."""

from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils.translation import gettext, ngettext

from unesco_office.core.cache import remember
from unesco_office.core.i18n import (
    fallback_language,
    fallback_language_of,
    in_active_language,
    untranslated,
)
from unesco_office.maps.drawing import (
    PLACE_MIN_SPAN,
    Marker,
    MarkerKind,
    draw_map,
    openstreetmap_url,
    slug_urls,
)

from .filters import covered_countries
from .models import Site

# One colour (static/css/site.css) and one shape per designation, so that the map reads
# without colour too.
DESIGNATION_MARKERS = {
    Site.Designation.WORLD_HERITAGE: MarkerKind(
        "world-heritage", Site.Designation.WORLD_HERITAGE.label, "circle"
    ),
    Site.Designation.BIOSPHERE_RESERVE: MarkerKind(
        "biosphere-reserve", Site.Designation.BIOSPHERE_RESERVE.label, "diamond"
    ),
    Site.Designation.GEOPARK: MarkerKind("geopark", Site.Designation.GEOPARK.label, "triangle"),
}
DESIGNATION_KINDS = list(DESIGNATION_MARKERS.values())


def selected_countries(filterset):
    """The ISO alpha-3 codes of the countries a list's `country` filter selects (once the
    filterset has run: unknown slugs are left out by then), for its map to show them whole
    and tinted. The codes of the filter's choices are kept with the page cache's values (see
    unesco_office.core.cache.remember): a query when the content has changed, none after."""
    slugs = getattr(filterset.form, "cleaned_data", {}).get("country")
    if not slugs:
        return []
    codes = remember("map-country-codes", country_codes)
    if codes is None:  # the cache does not answer
        codes = country_codes()
    return [codes[slug] for slug in slugs if slug in codes]


def country_codes():
    """{slug: ISO alpha-3 code} of the country filters' choices."""
    return dict(untranslated(covered_countries().order_by()).values_list("slug", "iso3"))


def map_rows(sites):
    """The columns a map needs of every site of a filtered queryset, in one query: each
    site once (the filters never join another table) whatever its number of countries. The
    name comes in the active language and the coordinates as floats, ready to use."""
    return (
        untranslated(sites.select_related(None).prefetch_related(None).order_by())
        .annotate(
            map_name=in_active_language("name"),
            map_language=fallback_language_of("name"),
            map_latitude=Cast("latitude", FloatField()),
            map_longitude=Cast("longitude", FloatField()),
        )
        .values_list(
            "slug", "map_name", "designation", "map_latitude", "map_longitude", "map_language"
        )
    )


def records_rows(sites):
    """map_rows' rows, of site records already read (a country's page)."""
    return [
        (s.slug, s.name, s.designation, s.latitude, s.longitude, fallback_language(s, "name"))
        for s in sites
    ]


def site_markers(rows):
    """Markers for (slug, name, designation, latitude, longitude, language of the name)
    rows, and the number of rows without coordinates."""
    url = slug_urls("countries:site-detail")
    markers, missing = [], 0
    for slug, name, designation, latitude, longitude, language in rows:
        if latitude is None:
            missing += 1
            continue
        markers.append(
            Marker(latitude, longitude, name, url(slug), DESIGNATION_MARKERS[designation], language)
        )
    return markers, missing


def missing_note(missing):
    if not missing:
        return ""
    return ngettext(
        "%(count)s site has no coordinates.", "%(count)s sites have no coordinates.", missing
    ) % {"count": missing}


def sites_map(rows, *, highlight=(), region=()):
    """The map of a list of sites, coloured by designation, with a legend, holding the
    countries of `region` whole and tinting those of `highlight`; None when there is
    nothing to show."""
    markers, missing = site_markers(rows)
    if not markers and not region:
        return None
    caption = ngettext(
        "%(count)s site on the map, by designation.",
        "%(count)s sites on the map, by designation.",
        len(markers),
    ) % {"count": len(markers)}
    return draw_map(
        markers,
        name="sites",
        caption=caption,
        kinds=DESIGNATION_KINDS,
        notes=[missing_note(missing)],
        highlight=highlight,
        region=region,
    )


def site_location_map(site):
    """Where one site is, in its countries (tinted): the office's own among them shown
    whole (a partner of a transboundary site, Russia say, would dwarf it). Its marker opens
    OpenStreetMap there. Reads site.countries.all(): prefetch them."""
    if site.latitude is None:
        return None
    marker = Marker(
        site.latitude,
        site.longitude,
        gettext("%(name)s on OpenStreetMap") % {"name": site.name},
        openstreetmap_url(site.latitude, site.longitude),
        DESIGNATION_MARKERS[site.designation],
    )
    countries = site.countries.all()
    covered = [country.iso3 for country in countries if country.is_covered]
    return draw_map(
        [marker],
        name="site",
        caption=gettext("%(name)s on the map.") % {"name": site.name},
        kinds=[marker.kind],
        highlight=[country.iso3 for country in countries],
        region=covered or [country.iso3 for country in countries],
        min_span=PLACE_MIN_SPAN,
    )
