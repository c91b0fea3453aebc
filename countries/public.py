"""What the public site knows of countries, sites and centres beyond their pages (see
unesco_office.public.records): their sitemap sections, their descriptions and schema.org data
for search engines, and what the site search reads."""

from django.db.models import Q
from django.utils.translation import gettext as _

from unesco_office.core.models import is_published
from unesco_office.public.records import PublicRecord, register
from unesco_office.public.search.sources import Source
from unesco_office.public.seo import SCHEMA, compact, describe, image_object, one_or_many

from .models import Centre, Country, Site, place_name

# A centre is shown where its country is: the list, the office's numbers, the sitemap and the
# search agree.
IN_PUBLIC_COUNTRY = is_published("country__")


def public_centres():
    """The centres visitors see: published, in a published country (the centre list shows
    them, with their country as a facet, and the office's numbers count them)."""
    return Centre.objects.published().filter(IN_PUBLIC_COUNTRY)


def site_related_names(site):
    """What a site's search document holds of what it belongs to: its designation, category,
    sector and countries, in the active language."""
    names = [site.get_designation_display(), site.get_wh_category_display()]
    names += [country.name for country in site.countries.all()]
    if site.sector_id:
        names.append(site.sector.name)
    return {"B": names}


def centre_related_names(centre):
    names = [_("Category 2 centre"), centre.country.name if centre.country_id else ""]
    if centre.sector_id:
        names.append(centre.sector.name)
    return {"B": names}


def describe_country(country):
    return _("UNESCO in %(name)s: designated sites, Category 2 centres and events.") % {
        "name": country.name
    }


def describe_site(site):
    # The view prefetches the site's published countries only.
    countries = ", ".join(country.name for country in site.countries.all())
    values = {
        "designation": site.get_designation_display(),
        "countries": countries,
        "year": site.year_designated,
    }
    if countries:
        return _("%(designation)s in %(countries)s since %(year)s.") % values
    return _("%(designation)s since %(year)s.") % values


def describe_centre(centre):
    place = place_name(centre.city, centre.country.name)
    return _("Category 2 centre under the auspices of UNESCO in %(place)s.") % {"place": place}


def site_data(site, request, office):
    """schema.org LandmarksOrHistoricalBuildings for cultural and mixed World Heritage, Place
    for the others."""
    is_landmark = site.designation == Site.Designation.WORLD_HERITAGE and site.wh_category in {
        Site.Category.CULTURAL,
        Site.Category.MIXED,
    }
    geo = None
    if site.latitude is not None and site.longitude is not None:
        geo = {
            "@type": "GeoCoordinates",
            "latitude": float(site.latitude),
            "longitude": float(site.longitude),
        }
    addresses = [
        {"@type": "PostalAddress", "addressCountry": country.iso2}
        for country in site.countries.all()
    ]
    return compact(
        {
            "@context": SCHEMA,
            "@type": "LandmarksOrHistoricalBuildings" if is_landmark else "Place",
            "name": site.name,
            "url": request.build_absolute_uri(site.get_absolute_url()),
            "description": describe(site),
            "geo": geo,
            "address": one_or_many(addresses) if addresses else None,
            "sameAs": site.official_url,
            "image": image_object(site, request),
        }
    )


register(
    PublicRecord(
        Country,
        # The office's own countries; partners of transboundary sites have no page of their
        # own for search engines (they show as partners on the sites' pages).
        sitemap_section="countries",
        listed=Q(is_covered=True),
        describe=describe_country,
        search=Source(
            "country",
            Country,
            "name",
            {"A": ["name"], "B": ["summary"], "C": ["body"]},
            related=lambda country: {"B": [_("Country")]},
            # The office's own countries, as in the country list; not the partners of its sites.
            only=Q(is_covered=True),
        ),
    )
)
register(
    PublicRecord(
        Site,
        sitemap_section="sites",
        describe=describe_site,
        structured_data=site_data,
        search=Source(
            "site",
            Site,
            "name",
            {"A": ["name"], "B": ["summary"], "C": ["body"]},
            related=site_related_names,
            joins=("sector",),
            prefetch=("countries",),
            names_from=("countries", "sector"),
            shown=("designation",),
        ),
    )
)
register(
    PublicRecord(
        Centre,
        sitemap_section="centres",
        listed=IN_PUBLIC_COUNTRY,
        describe=describe_centre,
        search=Source(
            "centre",
            Centre,
            "name",
            {"A": ["name", "acronym"], "B": ["summary", "city"], "C": ["body"]},
            related=centre_related_names,
            joins=("country", "sector"),
            names_from=("country", "sector"),
            only=IN_PUBLIC_COUNTRY,
        ),
    )
)
