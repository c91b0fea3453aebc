"""What search engines and link previews read in each page's head: its canonical address,
description and Open Graph tags, and schema.org data for events, sites and the office."""

import datetime
import json
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from countries.models import Site
from tests.factories import (
    CountryFactory,
    EventFactory,
    SiteFactory,
    image_file,
)
from tests.unesco_office import test_pages
from tests.unesco_office.test_pages import DRAFT, PAGES, new_sector
from tests.unesco_office.test_sitemap import LANGUAGES, absolute, url_in
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

world = test_pages.world

DETAIL_PAGES = {page: page.removesuffix("-detail") for page in PAGES if page.endswith("-detail")}


class Head(HTMLParser):
    """The head's canonical link, meta tags (by name or property) and JSON-LD scripts."""

    def __init__(self):
        super().__init__()
        self.canonical = []
        self.meta = {}
        self.scripts = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs["content"])
        elif tag == "script":
            self._script = attrs | {"text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def one(self, key):
        (value,) = self.meta[key]
        return value

    def json_ld(self):
        return [json.loads(s["text"]) for s in self.scripts if s["type"] == "application/ld+json"]


def head_of(response):
    parser = Head()
    parser.feed(response.content.decode())
    return parser


# --------------------------------------------------------------------------------------------
# Canonical address, description and Open Graph on every page
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_has_a_canonical_address_description_and_open_graph(
    client, world, page, language
):
    path = url_in(language, page, world)
    head = head_of(client.get(path))

    # A search (`?q=`) is a filtered list: its canonical address is the page without it.
    canonical = absolute(path.split("?")[0])
    assert head.canonical == [canonical]
    assert head.one("og:url") == canonical
    assert head.one("og:type") == "website"
    assert head.one("og:site_name") == "UNESCO Regional Office for Testing"
    title = head.one("og:title")
    assert title.endswith(" · UNESCO Testing") and len(title) > len(" · UNESCO Testing")
    description = head.one("description")
    assert description.strip() and description == head.one("og:description")
    locales = {"en": "en_GB", "fr": "fr_FR", "zh-hans": "zh_CN"}
    assert head.one("og:locale") == locales.pop(language)
    assert sorted(head.meta["og:locale:alternate"]) == sorted(locales.values())
    assert head.one("twitter:card") in {"summary", "summary_large_image"}


def test_the_title_tag_and_og_title_agree(client, world):
    html = client.get(world["site"].get_absolute_url()).text

    assert "<title>Jongmyo Shrine · UNESCO Testing</title>" in html
    assert head_of(client.get(world["site"].get_absolute_url())).one("og:title") == (
        "Jongmyo Shrine · UNESCO Testing"
    )


def test_each_list_describes_itself(client, world):
    descriptions = {
        page: head_of(client.get(PAGES[page](world))).one("description")
        for page in PAGES
        if not page.endswith("-detail")
    }

    assert descriptions["sector-list"].startswith("The programme sectors")
    assert descriptions["event-list"].startswith("Conferences, workshops")
    assert descriptions["about"].startswith("Who we are")
    assert len(set(descriptions.values())) == len(descriptions)


def test_home_is_described_by_the_office_tagline(client, world):
    OfficeProfile.objects.filter(pk=1).update(tagline="Five countries, one office")

    head = head_of(client.get("/"))

    assert head.one("description") == "Five countries, one office"


def test_a_detail_page_is_described_by_its_summary_cut_short(client, world):
    event = world["event"]
    event.summary = " ".join(f"word{n}" for n in range(40))
    event.save()

    head = head_of(client.get(event.get_absolute_url()))

    assert head.one("description") == " ".join(f"word{n}" for n in range(30)) + "…"


def test_a_summary_without_spaces_is_cut_by_characters(client, world):
    site = world["site"]
    site.summary_zh_hans = "宗庙" * 300
    site.save()

    with translation.override("zh-hans"):
        head = head_of(client.get(site.get_absolute_url()))

    description = head.one("description")
    # Django's Chinese translation ends a cut text with "..." rather than "…".
    assert description.startswith("宗庙" * 95) and len(description) == 200


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("sector-detail", "Heritage"),
        (
            "country-detail",
            "UNESCO in Republic of Korea: designated sites, Category 2 centres and events.",
        ),
        ("site-detail", "World Heritage site in Partnerland, Republic of Korea since 1995."),
        (
            "centre-detail",
            "Category 2 centre under the auspices of UNESCO in Republic of Korea.",
        ),
    ],
)
def test_a_detail_page_without_summary_is_described_by_its_facts(client, world, page, expected):
    assert head_of(client.get(PAGES[page](world))).one("description") == expected


def test_an_event_without_summary_is_described_by_kind_dates_and_place(client, world):
    event = world["event"]
    event.start_date = datetime.date(2031, 9, 30)
    event.end_date = datetime.date(2031, 10, 2)
    event.save()

    english = head_of(client.get(event.get_absolute_url())).one("description")
    with translation.override("fr"):
        french = head_of(client.get(event.get_absolute_url())).one("description")
    with translation.override("zh-hans"):
        chinese = head_of(client.get(event.get_absolute_url())).one("description")

    assert english == "Forum, 30 September – 2 October 2031, Seoul, Republic of Korea."
    assert french.startswith("Forum, 30 septembre – 2 octobre 2031, Seoul")
    # The dates as the page's When line writes them, in the language's own punctuation.
    assert chinese.startswith("论坛，2031年9月30日至10月2日，Seoul，")


def test_a_sector_without_summary_or_tagline_is_described_as_a_sector(client, world):
    sector = world["sector"]
    sector.tagline = ""
    sector.save()

    description = head_of(client.get(sector.get_absolute_url())).one("description")

    assert description == (
        "Culture: a programme sector of UNESCO, its designated sites and its centres."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_detail_page_is_canonical_in_its_own_language_without_query_string(
    client, world, language
):
    path = url_in(language, "event-detail", world)

    head = head_of(client.get(path, {"utm_source": "newsletter"}))

    assert head.canonical == [absolute(path)]


def test_pages_of_a_list_are_their_own_canonical_and_page_one_has_no_parameter(client, world):
    SiteFactory.create_batch(25, sector=world["sector"], countries=[world["country"]])

    first = head_of(client.get("/sites/", {"page": 1}))
    second = head_of(client.get("/fr/sites/", {"page": 2}))

    assert first.canonical == ["http://testserver/sites/"]
    assert second.canonical == ["http://testserver/fr/sites/?page=2"]
    assert second.one("og:url") == "http://testserver/fr/sites/?page=2"


def test_a_filtered_list_points_to_the_unfiltered_list(client, world):
    EventFactory.create_batch(13, country=world["country"])

    filtered = head_of(client.get("/events/", {"country": "korea", "page": 2}))
    empty_filter = head_of(client.get("/events/", {"q": "", "page": 2}))
    last = head_of(client.get("/events/", {"page": "last"}))

    assert filtered.canonical == ["http://testserver/events/"]
    assert empty_filter.canonical == ["http://testserver/events/?page=2"]
    assert last.canonical == ["http://testserver/events/?page=2"]


@pytest.mark.parametrize("page", list(DETAIL_PAGES))
def test_a_record_with_a_photo_shares_its_largest_rendition(client, world, page):
    record = world[DETAIL_PAGES[page]]
    if not record.image:
        record.image = image_file("photo.jpg", size=(1001, 667))
        record.image_alt = "A photo"
        record.save()

    head = head_of(client.get(record.get_absolute_url()))

    rendition, width, height = record.largest_rendition
    assert head.one("og:image") == absolute(rendition.url)
    with Image.open(settings.MEDIA_ROOT / rendition.name) as stored:
        assert stored.size == (width, height)
    assert head.one("og:image:width") == str(width)
    assert head.one("og:image:height") == str(height)
    assert head.one("og:image:alt") == record.image_alt
    assert head.one("twitter:card") == "summary_large_image"


@pytest.mark.parametrize(
    ("size", "expected"),
    [((1000, 600), (960, 576)), ((2400, 1001), (1600, 667)), ((300, 200), (300, 200))],
    ids=["medium", "large", "smaller-than-any"],
)
def test_the_largest_rendition_is_the_biggest_that_the_original_fills(size, expected):
    sector = new_sector(image=image_file(size=size), image_alt="A photo")

    rendition, width, height = sector.largest_rendition

    assert (width, height) == expected
    with Image.open(settings.MEDIA_ROOT / rendition.name) as stored:
        assert stored.size == expected


def test_a_page_without_a_photo_has_no_share_image(client, world):
    head = head_of(client.get(world["centre"].get_absolute_url()))

    assert "og:image" not in head.meta
    assert head.one("twitter:card") == "summary"


def test_before_the_profile_exists_the_site_name_falls_back_and_home_has_no_office_data(client):
    head = head_of(client.get("/"))

    assert head.one("og:site_name") == "UNESCO office"
    assert head.json_ld() == []


# --------------------------------------------------------------------------------------------
# Error pages
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/no-such-page/", "/sectors/no-such-sector/"])
def test_a_missing_page_has_no_canonical_address_or_share_tags(client, world, path):
    response = client.get(path)
    head = head_of(response)

    assert response.status_code == 404
    assert '<link rel="stylesheet" href="/static/css/site.css">' in response.text
    assert head.canonical == []
    assert not [key for key in head.meta if key.startswith(("og:", "twitter:"))]


# --------------------------------------------------------------------------------------------
# schema.org data
# --------------------------------------------------------------------------------------------


def json_ld_of(response):
    """The page's one JSON-LD object, after checking its script needs no CSP nonce."""
    head = head_of(response)
    (script,) = [s for s in head.scripts if s["type"] == "application/ld+json"]
    assert "nonce" not in script
    assert "nonce-" not in response.headers["Content-Security-Policy"]
    (data,) = head.json_ld()
    return data


def test_event_page_describes_the_event_for_search_engines(client, world):
    event = world["event"]
    event.summary = "A forum on living heritage."
    event.save()

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Heritage Forum",
        "url": "http://testserver/events/heritage-forum/",
        "description": "A forum on living heritage.",
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {
            "@type": "Place",
            "name": "City Hall",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Seoul",
                "addressCountry": "KR",
            },
        },
        "organizer": {
            "@type": "Organization",
            "name": "UNESCO Regional Office for Testing",
            "url": "http://testserver/",
        },
        "image": {
            "@type": "ImageObject",
            "url": absolute(event.image_small.url),
            "width": 360,
            "height": 240,
            "caption": "Caption of forum",
            "creditText": "© Photographer of forum",
        },
        "offers": {"@type": "Offer", "url": "https://example.org/register"},
        "inLanguage": "en",
    }


def test_event_times_carry_the_venue_utc_offset(client, world):
    event = world["event"]
    event.start_date = datetime.date(2031, 1, 15)
    event.end_date = datetime.date(2031, 1, 16)
    event.start_time = datetime.time(9, 30)
    event.end_time = datetime.time(17, 0)
    event.save()

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["startDate"] == "2031-01-15T09:30:00+09:00"
    assert data["endDate"] == "2031-01-16T17:00:00+09:00"


def test_event_time_zone_of_its_own_wins_and_a_missing_end_time_gives_a_date(client, world):
    event = world["event"]
    event.start_date = event.end_date = datetime.date(2031, 7, 1)
    event.start_time = datetime.time(10, 0)
    event.time_zone = "Europe/Paris"
    event.save()

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["startDate"] == "2031-07-01T10:00:00+02:00"
    assert data["endDate"] == "2031-07-01"


def test_an_online_event_has_a_virtual_location(client, world):
    event = EventFactory(
        title="Webinar",
        country=None,
        city="",
        is_online=True,
        registration_url="https://example.org/join",
    )

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/join"}


def test_an_event_both_in_a_place_and_online_is_mixed(client, world):
    event = EventFactory(title="Hybrid", country=world["country"], city="Seoul", is_online=True)

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {
            "@type": "Place",
            "name": "Seoul",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Seoul",
                "addressCountry": "KR",
            },
        },
        {"@type": "VirtualLocation", "url": absolute(event.get_absolute_url())},
    ]
    assert "offers" not in data and "image" not in data


@pytest.mark.parametrize(
    ("status", "schema_status"),
    [
        ("cancelled", "EventCancelled"),
        ("postponed", "EventPostponed"),
        ("scheduled", "EventScheduled"),
    ],
)
def test_event_data_says_whether_it_still_takes_place(client, world, status, schema_status):
    event = world["event"]
    event.event_status = status
    event.save()

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventStatus"] == f"https://schema.org/{schema_status}"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert "previousStartDate" not in data


def test_a_rescheduled_event_gives_its_previous_start_date(client, world):
    event = world["event"]
    event.event_status = "rescheduled"
    event.previous_start_date = datetime.date(2026, 5, 4)
    event.save()

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2026-05-04"
    assert data["startDate"] == event.start_date.isoformat()


def test_an_event_moved_online_is_attended_online(client, world):
    event = world["event"]
    event.event_status = "moved-online"
    event.save()

    data = json_ld_of(client.get(event.get_absolute_url()))

    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/register"}


def test_event_data_follows_the_page_language(client, world):
    world["event"].title_fr = "Forum du patrimoine"
    world["event"].save()

    with translation.override("fr"):
        data = json_ld_of(client.get(world["event"].get_absolute_url()))

    assert data["name"] == "Forum du patrimoine"
    assert data["url"] == "http://testserver/fr/events/heritage-forum/"
    assert data["inLanguage"] == "fr"


def test_json_ld_cannot_be_closed_by_what_staff_write(client, world):
    title = '</script><script>alert("x")</script><!-- Forum & friends'
    event = EventFactory(title=title, summary="<b>bold</b> & </SCRIPT>", country=world["country"])

    response = client.get(event.get_absolute_url())
    html = response.text

    assert "<script>alert" not in html
    assert html.count("</script>") == html.count("<script")
    data = json_ld_of(response)
    assert data["name"] == title
    assert data["description"] == "<b>bold</b> & </SCRIPT>"
    assert "\\u003c/script\\u003e\\u003cscript\\u003e" in html
    assert "\\u0026 friends" in html


@pytest.mark.parametrize(
    ("designation", "category", "schema_type"),
    [
        (Site.Designation.WORLD_HERITAGE, Site.Category.CULTURAL, "LandmarksOrHistoricalBuildings"),
        (Site.Designation.WORLD_HERITAGE, Site.Category.MIXED, "LandmarksOrHistoricalBuildings"),
        (Site.Designation.WORLD_HERITAGE, Site.Category.NATURAL, "Place"),
        (Site.Designation.BIOSPHERE_RESERVE, "", "Place"),
        (Site.Designation.GEOPARK, "", "Place"),
    ],
)
def test_site_page_describes_the_place(client, world, designation, category, schema_type):
    site = world["site"]
    Site.objects.filter(pk=site.pk).update(designation=designation, wh_category=category)

    data = json_ld_of(client.get(site.get_absolute_url()))

    assert data["@type"] == schema_type


def test_site_data_has_coordinates_countries_and_official_page(client, world):
    site = world["site"]
    # A code outside the factory's cycle, which an earlier record may already hold, published.
    site.countries.add(CountryFactory(name="Draftland", iso2="LU", iso3="LUX", **DRAFT))
    site.summary = "Royal ancestral shrine."
    site.save()

    data = json_ld_of(client.get(site.get_absolute_url()))

    assert data == {
        "@context": "https://schema.org",
        "@type": "LandmarksOrHistoricalBuildings",
        "name": "Jongmyo Shrine",
        "url": "http://testserver/sites/jongmyo/",
        "description": "Royal ancestral shrine.",
        "geo": {"@type": "GeoCoordinates", "latitude": 37.574444, "longitude": 126.994444},
        "address": [
            {"@type": "PostalAddress", "addressCountry": "FR"},
            {"@type": "PostalAddress", "addressCountry": "KR"},
        ],
        "sameAs": "https://whc.unesco.org/en/list/738",
        "image": {
            "@type": "ImageObject",
            "url": absolute(site.image_small.url),
            "width": 360,
            "height": 240,
            "caption": "Caption of jongmyo",
            "creditText": "© Photographer of jongmyo",
        },
    }


def test_site_without_coordinates_or_official_page_leaves_them_out(client, world):
    site = SiteFactory(name="Seorak", countries=[world["country"]], sector=world["sector"])

    data = json_ld_of(client.get(site.get_absolute_url()))

    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "KR"}
    assert data["description"] == "World Heritage site in Republic of Korea since 2004."
    assert not {"geo", "sameAs", "image"} & set(data)


def test_home_page_describes_the_office(client, world):
    OfficeProfile.objects.filter(pk=1).update(
        tagline="Five countries, one office",
        year_established=1984,
        email="office@example.org",
        phone="+86 10 1234 5678",
        address="Jianguomenwai 5-15-3\nBeijing 100600",
        website="https://www.unesco.org/en/fieldoffice/beijing",
        x_url="https://x.com/unescobeijing",
        weibo_url="https://weibo.com/unescobeijing",
    )

    data = json_ld_of(client.get("/"))

    assert data == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "UNESCO Regional Office for Testing",
        "alternateName": "UNESCO Testing",
        "url": "http://testserver/",
        "description": "Five countries, one office",
        "foundingDate": "1984",
        "email": "office@example.org",
        "telephone": "+86 10 1234 5678",
        "address": "Jianguomenwai 5-15-3, Beijing 100600",
        "sameAs": [
            "https://www.unesco.org/en/fieldoffice/beijing",
            "https://x.com/unescobeijing",
            "https://weibo.com/unescobeijing",
        ],
        "parentOrganization": {
            "@type": "Organization",
            "name": "UNESCO",
            "url": "https://www.unesco.org/",
        },
    }


@pytest.mark.parametrize("page", ["sector-detail", "country-detail", "centre-detail", "about"])
def test_pages_without_schema_data_have_no_json_ld(client, world, page):
    assert head_of(client.get(PAGES[page](world))).json_ld() == []


def test_event_and_site_pages_run_as_many_queries_with_more_related_records(
    client, world, django_assert_max_num_queries
):
    site, event = world["site"], world["event"]
    counts = {}
    for url in (site.get_absolute_url(), event.get_absolute_url()):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries)
    for n in range(4):
        country = CountryFactory(name=f"More {n}", iso2=f"X{chr(65 + n)}", iso3=f"XX{chr(65 + n)}")
        site.countries.add(country)
        event.sectors.add(new_sector())
        event.sites.add(SiteFactory(sector=world["sector"], countries=[country]))

    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            response = client.get(url)
        assert json_ld_of(response)["url"] == absolute(url)
    assert len(json_ld_of(client.get(site.get_absolute_url()))["address"]) == 6
