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

from unesco_office.core.models import Illustrated
from unesco_office.models import OfficeProfile
from unesco_office.public.records import PublicRecord, public_record, register

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
    """The record's summary or, without one, a sentence built from its facts (as its app
    registered them, see unesco_office.public.records)."""
    summary = " ".join(getattr(obj, "summary", "").split())
    if summary:
        return summary
    record = public_record(obj.__class__)
    return record.describe(obj) if record and record.describe else ""


def meta_description(obj):
    """describe(), cut to the length search engines show (words, or characters for Chinese)."""
    text = Truncator(describe(obj)).words(DESCRIPTION_WORDS)
    return Truncator(text).chars(DESCRIPTION_CHARS)


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
    record = public_record(obj.__class__)
    if record is None or record.structured_data is None:
        return None
    return record.structured_data(obj, request, office)


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


def image_object(obj, request):
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


def office_url(request):
    return request.build_absolute_uri(reverse("home"))


def organization(office, request):
    """The office as organizer of an event: its name and the site's home page."""
    return {"@type": "Organization", "name": office.name, "url": office_url(request)}


def compact(data):
    """data without the keys whose value is empty (None, "", [] or {})."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def one_or_many(items):
    return items[0] if len(items) == 1 else items


def office_data(office, request, _organizer):
    """schema.org Organization for the home page; None before the profile is filled in."""
    if not office.name:
        return None
    return compact(
        {
            "@context": SCHEMA,
            "@type": "Organization",
            "name": office.name,
            "alternateName": office.short_name,
            "url": office_url(request),
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


register(PublicRecord(OfficeProfile, structured_data=office_data))
