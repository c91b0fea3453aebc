"""What search engines and link previews read about a page: its canonical address, its
description, its share image and schema.org data (JSON-LD) for events, sites and the office.

Everything here reads what the page's view has already loaded (an event's country is
selected with it, a site's countries are prefetched, the office profile is read once per
request), so it adds no query to any page.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from countries.models import Centre, Country, Site, place_name
from events.dates import date_range
from events.models import Event
from sectors.models import Sector

from .models import Illustrated, OfficeProfile

SCHEMA = "https://schema.org"

# Open Graph wants language_TERRITORY. The office writes British English (programme, centre)
# and Simplified Chinese as used in mainland China; other languages fall back to Django's
# own locale name.
OPEN_GRAPH_LOCALES = {"en": "en_GB", "fr": "fr_FR", "zh-hans": "zh_CN"}

# Meta descriptions are cut at 30 words and, for text without spaces (Chinese), at 200
# characters; search engines show the first 160 characters or so.
DESCRIPTION_WORDS = 30
DESCRIPTION_CHARS = 200


# --- Canonical address -------------------------------------------------------------------


def canonical_url(request, page_obj=None):
    """The absolute address search engines should index for this page, in its language.

    A detail page is its own path, without any query string. A list page is the list's
    path, and for pages 2 onwards of the unfiltered list `?page=N`: those pages show other
    records, so pointing them at page 1 would hide those records from search engines. A
    filtered list (any parameter other than `page` with a value) points to the unfiltered
    list's first page: it shows again records that the list and the sitemap already lead
    to, and each combination of filters must not become a page of its own for crawlers.
    """
    url = request.path
    filtered = any(value for key, value in request.GET.items() if key != "page")
    if page_obj is not None and page_obj.number > 1 and not filtered:
        url = f"{url}?page={page_obj.number}"
    return request.build_absolute_uri(url)


def open_graph_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code) or translation.to_locale(language_code)


# --- Descriptions ------------------------------------------------------------------------


def describe(obj):
    """The record's summary or, without one, a sentence built from its facts."""
    summary = " ".join(getattr(obj, "summary", "").split())
    if summary:
        return summary
    describer = DESCRIBERS.get(obj.__class__)
    return describer(obj) if describer else ""


def meta_description(obj):
    """describe(), cut to the length search engines show (words, or characters for Chinese)."""
    text = Truncator(describe(obj)).words(DESCRIPTION_WORDS)
    return Truncator(text).chars(DESCRIPTION_CHARS)


def _describe_sector(sector):
    if sector.tagline:
        return sector.tagline
    return _("%(name)s: a programme sector of UNESCO, its designated sites and its centres.") % {
        "name": sector.name
    }


def _describe_country(country):
    return _("UNESCO in %(name)s: designated sites, Category 2 centres and events.") % {
        "name": country.name
    }


def _describe_site(site):
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


def _describe_centre(centre):
    place = place_name(centre.city, centre.country.name)
    return _("Category 2 centre under the auspices of UNESCO in %(place)s.") % {"place": place}


def _describe_event(event):
    # The dates as the When line (components/event_when.html) writes them.
    dates = date_range(event.start_date, event.end_date)
    values = {"kind": event.get_kind_display(), "dates": dates, "place": event.place}
    if event.place:
        return _("%(kind)s, %(dates)s, %(place)s.") % values
    return _("%(kind)s, %(dates)s.") % values


DESCRIBERS = {
    Sector: _describe_sector,
    Country: _describe_country,
    Site: _describe_site,
    Centre: _describe_centre,
    Event: _describe_event,
}


# --- Share image -------------------------------------------------------------------------


def share_image(obj, request):
    """The record's largest rendition for link previews: url (absolute), width, height, alt."""
    if not isinstance(obj, Illustrated) or not (largest := obj.largest_rendition):
        return None
    rendition, width, height = largest
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": width,
        "height": height,
        "alt": obj.image_alt,
        "credit": obj.image_credit,
    }


# --- schema.org data ---------------------------------------------------------------------


def structured_data(obj, request, office):
    """The schema.org description of a record as a dict, or None for records without one."""
    # __class__, not type(): the office profile comes wrapped in a SimpleLazyObject.
    builder = STRUCTURED_DATA.get(obj.__class__)
    return builder(obj, request, office) if builder else None


def json_ld_script(data):
    """A <script type="application/ld+json"> holding data, safe to put in any page.

    `<`, `>` and `&` are written as JSON escapes, so no text in the data (an event titled
    `</script>…`, say) can end the element or open a comment; JSON readers see the same
    characters. It carries no CSP nonce: browsers never run a data block, so the policy does
    not apply to it, and a page without a nonce is the same for every visitor (the page
    cache serves it to all of them).
    """
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
    )
    payload = mark_safe(payload)  # noqa: S308 (JSON with the characters HTML reads escaped)
    return format_html('<script type="application/ld+json">{}</script>', payload)


def _image_object(obj, request):
    image = share_image(obj, request)
    if image is None:
        return None
    data = {
        "@type": "ImageObject",
        "url": image["url"],
        "width": image["width"],
        "height": image["height"],
        "caption": obj.image_caption or obj.image_alt,
    }
    if image["credit"]:
        data["creditText"] = image["credit"]
    return data


def _office_url(request):
    return request.build_absolute_uri(reverse("home"))


def _organization(office, request):
    """The office as organizer of an event: its name and the site's home page."""
    return {"@type": "Organization", "name": office.name, "url": _office_url(request)}


def _compact(data):
    """data without the keys whose value is empty (None, "", [] or {})."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _one_or_many(items):
    return items[0] if len(items) == 1 else items


def office_data(office, request, _organizer):
    """schema.org Organization for the home page; None before the profile is filled in."""
    if not office.name:
        return None
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "Organization",
            "name": office.name,
            "alternateName": office.short_name,
            "url": _office_url(request),
            "description": office.tagline,
            "foundingDate": str(office.year_established or ""),
            "email": office.email,
            "telephone": office.phone,
            "address": ", ".join(
                line.strip() for line in office.address.splitlines() if line.strip()
            ),
            "sameAs": [
                url
                for url in (office.website, *(url for _label, url in office.social_links))
                if url
            ],
            "parentOrganization": {
                "@type": "Organization",
                "name": "UNESCO",
                "url": "https://www.unesco.org/",
            },
        }
    )


EVENT_STATUS = {
    Event.EventStatus.SCHEDULED: "EventScheduled",
    Event.EventStatus.CANCELLED: "EventCancelled",
    Event.EventStatus.POSTPONED: "EventPostponed",
    Event.EventStatus.RESCHEDULED: "EventRescheduled",
    Event.EventStatus.MOVED_ONLINE: "EventMovedOnline",
}


def event_data(event, request, office):
    """schema.org Event: dates with the venue's UTC offset when times are set."""
    url = request.build_absolute_uri(event.get_absolute_url())
    has_place = event.has_venue
    locations = []
    if has_place:
        address = _compact(
            {
                "@type": "PostalAddress",
                "addressLocality": event.city,
                "addressCountry": event.country.iso2 if event.country_id else "",
            }
        )
        name = event.venue or event.city or (event.country.name if event.country_id else "")
        locations.append(_compact({"@type": "Place", "name": name, "address": address}))
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
    return _compact(
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
            "location": _one_or_many(locations) if locations else None,
            "organizer": _organization(office, request) if office.name else None,
            "image": _image_object(event, request),
            "offers": offers,
            "inLanguage": translation.get_language(),
        }
    )


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
    return _compact(
        {
            "@context": SCHEMA,
            "@type": "LandmarksOrHistoricalBuildings" if is_landmark else "Place",
            "name": site.name,
            "url": request.build_absolute_uri(site.get_absolute_url()),
            "description": describe(site),
            "geo": geo,
            "address": _one_or_many(addresses) if addresses else None,
            "sameAs": site.official_url,
            "image": _image_object(site, request),
        }
    )


STRUCTURED_DATA = {
    OfficeProfile: office_data,
    Event: event_data,
    Site: site_data,
}
