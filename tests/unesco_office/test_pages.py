"""The public pages: every URL renders, shows only what is public, and keeps to the CSP."""

import datetime
import gzip
import itertools
import re
from decimal import Decimal

import hypothesis
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from hypothesis import HealthCheck

from countries.models import Country, Site
from events.models import Event
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
    image_file,
)
from tests.strategies import query_strings
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

_sector_numbers = itertools.count()


def new_sector(**fields):
    """A sector with a code of our own: the factory's sequence outgrows the 6-letter limit."""
    n = next(_sector_numbers)
    fields.setdefault("code", "T" + "".join(chr(65 + n // 26**i % 26) for i in range(3)))
    return SectorFactory(**fields)


DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}


def scheduled():
    return {"published_at": timezone.now() + datetime.timedelta(days=3)}


def expired():
    """Published last week, unpublished an hour ago."""
    now = timezone.now()
    return {
        "published_at": now - datetime.timedelta(days=7),
        "unpublish_at": now - datetime.timedelta(hours=1),
    }


def illustrated(name, size=(360, 240)):
    return {
        "image": image_file(f"{name}.jpg", size=size),
        "image_alt": f"Photo of {name}",
        "image_caption": f"Caption of {name}",
        "image_credit": f"© Photographer of {name}",
    }


@pytest.fixture
def world():
    """One published record of each kind, linked as the office's real ones are."""
    OfficeProfile.objects.create(
        name="UNESCO Regional Office for Testing",
        short_name="UNESCO Testing",
        head_of_office="Ada Head",
        intro="<p>We work in <strong>five</strong> countries.</p>",
        history="<p>Founded to test.</p>",
    )
    culture = new_sector(
        name="Culture",
        slug="culture",
        code="CLT",
        tagline="Heritage",
        **illustrated("culture", (1000, 600)),
    )
    korea = CountryFactory(
        name="Republic of Korea", slug="korea", iso2="KR", iso3="KOR", time_zone="Asia/Seoul"
    )
    partner = CountryFactory(
        name="Partnerland", slug="partner", iso2="FR", iso3="FRA", is_covered=False
    )
    site = SiteFactory(
        name="Jongmyo Shrine",
        slug="jongmyo",
        sector=culture,
        countries=[korea, partner],
        criteria="(iv)",
        year_designated=1995,
        extension_years="2003, 2014",
        is_in_danger=True,
        in_danger_since=2001,
        area_ha=Decimal("19.40"),
        latitude=Decimal("37.574444"),
        longitude=Decimal("126.994444"),
        official_id="738",
        official_url="https://whc.unesco.org/en/list/738",
        is_featured=True,
        **illustrated("jongmyo"),
    )
    centre = CentreFactory(
        name="Centre for Testing", slug="ct", acronym="CT", country=korea, sector=culture
    )
    event = EventFactory(
        title="Heritage Forum",
        slug="heritage-forum",
        kind=Event.Kind.FORUM,
        country=korea,
        city="Seoul",
        venue="City Hall",
        registration_url="https://example.org/register",
        sectors=[culture],
        **illustrated("forum"),
    )
    event.sites.set([site, SiteFactory(name="Draft Site", sector=culture, **DRAFT)])
    return {
        "sector": culture,
        "country": korea,
        "partner": partner,
        "site": site,
        "centre": centre,
        "event": event,
    }


PAGES = {
    "home": lambda w: reverse("home"),
    "about": lambda w: reverse("about"),
    "sector-list": lambda w: reverse("sectors:list"),
    "sector-detail": lambda w: w["sector"].get_absolute_url(),
    "country-list": lambda w: reverse("countries:list"),
    "country-detail": lambda w: w["country"].get_absolute_url(),
    "site-list": lambda w: reverse("countries:site-list"),
    "site-detail": lambda w: w["site"].get_absolute_url(),
    "centre-list": lambda w: reverse("countries:centre-list"),
    "centre-detail": lambda w: w["centre"].get_absolute_url(),
    "event-list": lambda w: reverse("events:list"),
    "event-detail": lambda w: w["event"].get_absolute_url(),
    "search": lambda w: reverse("search") + "?q=heritage",
}


def text_of(html):
    return " ".join(strip_tags(html).split())


def facts_of(html):
    """The page's fact list as {term: text of its description}."""
    return {
        text_of(term): text_of(description)
        for term, description in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, re.S)
    }


def heading_levels(html):
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


@pytest.mark.parametrize("page", list(PAGES))
def test_public_page_renders_with_landmarks_and_ordered_headings(client, world, page):
    response = client.get(PAGES[page](world))

    assert response.status_code == 200
    html = response.text
    assert '<html lang="en"' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert re.search(r'<header class="site-header">', html)
    assert re.search(r'<nav class="site-nav" aria-label="[^"]+">', html)
    assert "<footer" in html
    levels = heading_levels(html)
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert not re.search(r"<img\b(?![^>]*\balt=)", html)


@pytest.mark.parametrize("page", list(PAGES))
def test_public_page_has_no_inline_style_or_script(client, world, page):
    html = client.get(PAGES[page](world)).text

    assert not re.search(r"<[^>]+\sstyle\s*=", html)
    assert "<style" not in html
    # Scripts come from files; data blocks (JSON-LD) are never run. No nonce is needed, so
    # the page is the same for every visitor.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert re.search(r'\ssrc=|type="application/ld\+json"', tag), tag
    assert "nonce" not in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/site\.css">', html)
    assert "https://fonts." not in html


def test_html_lang_follows_the_active_language(client, world):
    with translation.override("fr"):
        html = client.get(reverse("home")).text

    assert '<html lang="fr"' in html


def test_header_names_the_office_on_every_page(client, world):
    home = client.get(reverse("home")).text
    sectors = client.get(reverse("sectors:list")).text

    assert '<span class="brand__name">UNESCO Testing</span>' in home
    assert '<span class="brand__name">UNESCO Testing</span>' in sectors


def test_header_falls_back_to_a_generic_name_before_the_profile_exists(client):
    html = client.get(reverse("sectors:list")).text

    assert '<span class="brand__name">UNESCO office</span>' in html


def test_nav_marks_the_current_section(client, world):
    html = client.get(world["site"].get_absolute_url()).text

    assert re.search(r'<a href="/sites/" aria-current="true">', html)
    assert not re.search(r'<a href="/events/" aria-current', html)


def test_home_shows_intro_sectors_with_renditions_events_and_featured_sites(client, world):
    html = client.get(reverse("home")).text

    assert "We work in <strong>five</strong> countries." in html
    sector = world["sector"]
    img = re.search(r'<img src="[^"]+" srcset="([^"]+)"[^>]*alt="Photo of culture"[^>]*>', html)
    assert img, "the sector card shows its photo"
    assert f'src="{sector.image_medium.url}"' in img.group(0)
    assert img.group(1) == (f"{sector.image_small.url} 480w, {sector.image_medium.url} 960w"), (
        "only the renditions that the 1000 px original can fill"
    )
    assert 'width="1000" height="600" loading="lazy"' in img.group(0)
    assert "Caption of culture" in html and "© Photographer of culture" in html
    assert "Heritage Forum" in html
    assert "Jongmyo Shrine" in html


def test_site_cards_leave_out_unpublished_countries(client, world):
    world["site"].countries.add(CountryFactory(name="Draftland", iso2="DE", iso3="DEU", **DRAFT))

    home = client.get(reverse("home")).text
    sites = client.get(reverse("countries:site-list")).text

    assert '<span class="card__country">Republic of Korea</span>' in home
    assert '<span class="card__country">Republic of Korea</span>' in sites
    assert "Draftland" not in home and "Draftland" not in sites


def test_home_shows_empty_states(client):
    text = text_of(client.get(reverse("home")).text)

    assert "No upcoming events yet." in text
    assert "No sectors published yet." in text


def test_about_lists_covered_countries_only(client, world):
    html = client.get(reverse("about")).text

    assert "Ada Head" in html and "Founded to test." in html
    assert 'href="/countries/korea/">Republic of Korea</a>' in html
    assert "Partnerland" not in html


def test_site_detail_shows_the_facts(client, world):
    html = client.get(world["site"].get_absolute_url()).text

    assert facts_of(html) == {
        "Designation": "World Heritage site",
        "Countries": "Partnerland (partner), Republic of Korea",
        "Category": "Cultural",
        "Criteria": "(iv)",
        "Inscribed": "1995",
        "Extensions": "2003, 2014",
        "In danger": "Since 2001",
        "Area": "19.40 ha",
        "Coordinates": "37.5744° N, 126.9944° E",
        "Sector": "Culture",
        "Official reference": "738",
    }
    assert '<a href="https://whc.unesco.org/en/list/738">738</a>' in html


def test_coordinates_south_and_west_read_without_a_minus_sign(client, world):
    site = world["site"]
    Site.objects.filter(pk=site.pk).update(latitude=Decimal("-22.9"), longitude=Decimal("-43.2"))

    html = client.get(site.get_absolute_url()).text

    assert facts_of(html)["Coordinates"] == "22.9000° S, 43.2000° W"


@pytest.mark.parametrize(
    ("prefix", "coordinates", "area"),
    [
        ("", "40.4167° N, 116.0833° E", "23,392.50 ha"),
        ("/fr", "40,4167° N, 116,0833° E", "23\u202f392,50 ha"),
        ("/zh-hans", "北纬 40.4167°，东经 116.0833°", "23,392.50 公顷"),
    ],
)
def test_coordinates_and_areas_are_written_as_each_language_writes_them(
    client, world, prefix, coordinates, area
):
    site = world["site"]
    Site.objects.filter(pk=site.pk).update(
        latitude=Decimal("40.41667"), longitude=Decimal("116.08333"), area_ha=Decimal("23392.5")
    )

    html = client.get(prefix + site.get_absolute_url()).text

    assert coordinates in html
    assert area in html


def test_event_detail_shows_kind_sectors_registration_and_public_related_sites(client, world):
    html = client.get(world["event"].get_absolute_url()).text
    facts = facts_of(html)

    assert facts["Kind"] == "Forum"
    assert facts["Venue"] == "City Hall, Seoul"
    assert facts["Sectors"] == "Culture"
    assert '<a href="/sectors/culture/">Culture</a>' in html
    assert '<a class="button" href="https://example.org/register">Register' in html
    assert '<a href="/sites/jongmyo/">Jongmyo Shrine</a>' in html
    assert "Draft Site" not in html


def test_country_detail_groups_its_sites_and_lists_its_events(client, world):
    SiteFactory(
        name="Seorak",
        designation=Site.Designation.BIOSPHERE_RESERVE,
        wh_category="",
        sector=world["sector"],
        countries=[world["country"]],
    )
    text = text_of(client.get(world["country"].get_absolute_url()).text)

    assert "World Heritage sites (1) Jongmyo Shrine" in text
    assert "Biosphere Reserves (1) Seorak" in text
    assert "Centre for Testing (CT)" in text
    assert "Heritage Forum" in text


def test_country_detail_links_to_its_filtered_lists_when_covered(client, world):
    covered = client.get(world["country"].get_absolute_url()).text
    partner = client.get(world["partner"].get_absolute_url()).text

    assert '<a href="/events/?country=korea">All events in Republic of Korea</a>' in covered
    assert '<a href="/sites/?country=korea">Filter the sites in Republic of Korea</a>' in covered
    # A partner country is no choice of the filters: its page lists its sites, no links.
    assert "Jongmyo Shrine" in partner
    assert "?country=partner" not in partner


def test_country_detail_leaves_out_what_is_not_public(client, world):
    korea, culture = world["country"], world["sector"]
    SiteFactory(name="Draft Reserve", countries=[korea], sector=culture, **DRAFT)
    CentreFactory(name="Scheduled Centre", country=korea, sector=culture, **scheduled())
    EventFactory(title="Draft Event", country=korea, **DRAFT)
    EventFactory(
        title="Past Event", country=korea, start_date=datetime.date(2001, 1, 1), end_date=None
    )

    text = text_of(client.get(korea.get_absolute_url()).text)

    for hidden in ("Draft Reserve", "Scheduled Centre", "Draft Event", "Past Event"):
        assert hidden not in text


def test_sector_detail_lists_its_events_sites_and_centres(client, world):
    culture = world["sector"]
    EventFactory(title="Draft Event", sectors=[culture], **DRAFT)
    SiteFactory(name="Draft Reserve", sector=culture, **DRAFT)

    html = client.get(culture.get_absolute_url()).text
    text = text_of(html)

    assert "Upcoming events Heritage Forum" in text
    assert '<a href="/events/?sector=culture">All events in Culture</a>' in html
    assert "Designated sites Jongmyo Shrine World Heritage site, 1995" in text
    assert '<a href="/sites/?sector=culture">The 1 site in the list of sites</a>' in html
    assert "Centre for Testing (CT) Seoul" not in text  # the centre has no city
    assert "Centre for Testing (CT)" in text
    assert "Draft Event" not in text and "Draft Reserve" not in text


@pytest.mark.parametrize("page", ["country", "sector"])
def test_upcoming_events_of_a_country_or_sector_show_their_status(client, world, page):
    EventFactory(
        title="Called Off",
        country=world["country"],
        sectors=[world["sector"]],
        event_status=Event.EventStatus.CANCELLED,
    )
    EventFactory(
        title="On Screens",
        country=world["country"],
        city="Seoul",
        sectors=[world["sector"]],
        event_status=Event.EventStatus.MOVED_ONLINE,
    )

    html = client.get(world[page].get_absolute_url()).text

    items = re.findall(r"<li><a href=\"[^\"]+\">([^<]+)</a>(.*?)</li>", html, re.S)
    shown = {title: text_of(rest) for title, rest in items}
    assert shown["Called Off"].startswith("Cancelled ")
    assert shown["On Screens"].startswith("Moved online ") and shown["On Screens"].endswith(
        "· Online"
    )
    assert "badge--status" not in re.search(r"Heritage Forum</a>(.*?)</li>", html, re.S)[1]


def test_home_counts_what_is_published_in_the_covered_countries(client, world):
    korea, partner, culture = world["country"], world["partner"], world["sector"]
    designation = Site.Designation
    reserve = {"designation": designation.BIOSPHERE_RESERVE, "wh_category": ""}
    SiteFactory(countries=[korea], sector=culture, **reserve)
    SiteFactory(countries=[korea, partner], sector=culture, **reserve)  # counted once
    SiteFactory(countries=[korea], sector=culture, **reserve, **DRAFT)
    SiteFactory(countries=[partner], sector=culture)  # a partner's own site
    SiteFactory(countries=[korea], sector=culture, designation=designation.GEOPARK, wh_category="")
    CentreFactory(country=korea, sector=culture, **scheduled())
    CentreFactory(country=partner, sector=culture)  # the office's centre all the same
    # Korea is then the only covered country in public (the world's draft site made another).
    Country.objects.exclude(pk__in=[korea.pk, partner.pk]).update(**DRAFT)

    home = client.get(reverse("home")).text
    about = text_of(client.get(reverse("about")).text)

    numbers = (
        "1 World Heritage site 2 Biosphere Reserves 1 Global Geopark 2 Category 2 centres 1 country"
    )
    assert f"The office in numbers {numbers}" in text_of(home)
    assert numbers in about
    # Each number links to a list that shows as many.
    links = dict(re.findall(r'<li><a href="([^"]+)"><span class="numbers__n">(\d+)</span>', home))
    assert len(links) == 5
    for link, number in links.items():
        context = client.get(link.replace("&amp;", "&")).context
        shown = context["paginator"].count if context["paginator"] else len(context["object_list"])
        assert shown == int(number), link


RECORDS = {
    "sector": (SectorFactory, "sectors:list"),
    "country": (CountryFactory, "countries:list"),
    "site": (SiteFactory, "countries:site-list"),
    "centre": (CentreFactory, "countries:centre-list"),
    "event": (EventFactory, "events:list"),
}


HIDDEN = {"draft": lambda: DRAFT, "scheduled": scheduled, "expired": expired}


@pytest.mark.parametrize("kind", list(RECORDS))
@pytest.mark.parametrize("hidden", list(HIDDEN))
def test_unpublished_records_404_and_stay_out_of_every_page(client, world, kind, hidden):
    """Drafts, records not yet published and records whose unpublish time has passed: no
    page of their own, and on no list, home, about, search, sitemap or related page."""
    factory, list_url = RECORDS[kind]
    fields = {"title" if kind == "event" else "name": "Hidden record", "slug": "hidden-record"}
    if kind == "country":
        fields |= {"iso2": "NZ", "iso3": "NZL"}  # a code no other test uses
    if kind == "sector":
        fields["code"] = "HID"
    if kind in {"site", "centre"}:
        fields["sector"] = world["sector"]
    if kind == "site":
        fields["countries"] = [world["country"]]
    if kind in {"centre", "event"}:
        fields["country"] = world["country"]
    if kind == "event":
        fields["sectors"] = [world["sector"]]
    record = factory(**fields, **HIDDEN[hidden]())
    if kind == "site":
        world["event"].sites.add(record)

    assert client.get(record.get_absolute_url()).status_code == 404
    pages = [
        reverse(list_url),
        reverse("home"),
        reverse("about"),
        reverse("search") + "?q=hidden",
        reverse("sitemap"),
        reverse("sitemap-section", args=[f"{kind}s" if kind != "country" else "countries"]),
        world["country"].get_absolute_url(),
        world["sector"].get_absolute_url(),
        world["event"].get_absolute_url(),
        reverse("events:list") + "?period=all",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Hidden record" not in response.text, url
        assert "hidden-record" not in response.text, url


def test_unknown_url_gives_our_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert '<header class="site-header">' in response.text
    assert "<h1>Page not found</h1>" in response.text


def test_500_page_renders_without_a_request():
    html = render_to_string("500.html")

    assert "<h1>Something went wrong</h1>" in html
    assert '<header class="site-header">' in html


def test_pagination_keeps_the_query_string(client):
    country = CountryFactory()
    EventFactory.create_batch(13, country=country)

    html = client.get(reverse("events:list"), {"country": "mongolia"}).text

    assert 'href="?country=mongolia&amp;page=2" rel="next"' in html
    assert "Page 1 of 2" in html
    assert "13 events" in html


# --- When and where ----------------------------------------------------------------------


def when(**fields):
    korea = CountryFactory(
        name="Republic of Korea", slug="korea", iso2="KR", iso3="KOR", time_zone="Asia/Seoul"
    )
    fields.setdefault("end_date", fields["start_date"])
    event = Event(title="E", slug="e", country=korea, city="Seoul", **fields)
    return render_to_string("components/event_when.html", {"event": event})


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2013, 10, 28), (2013, 10, 28), "28 October 2013 · Seoul, Republic of Korea"),
        ((2013, 10, 22), (2013, 10, 25), "22–25 October 2013 · Seoul, Republic of Korea"),
        ((2013, 9, 30), (2013, 10, 2), "30 September – 2 October 2013 · Seoul, Republic of Korea"),
        (
            (2013, 12, 30),
            (2014, 1, 2),
            "30 December 2013 – 2 January 2014 · Seoul, Republic of Korea",
        ),
    ],
    ids=["one-day", "same-month", "across-months", "across-years"],
)
def test_when_where_follows_unesco_form(start, end, expected):
    html = when(start_date=datetime.date(*start), end_date=datetime.date(*end))

    assert text_of(html) == expected
    assert f'<time datetime="{datetime.date(*start):%Y-%m-%d}">' in html
    assert f'<time datetime="{datetime.date(*end):%Y-%m-%d}">' in html


def test_when_shows_times_in_the_venue_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    html = when(
        start_date=datetime.date(2013, 10, 22),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
    )

    # Seoul shares CLDR's "Korean Standard Time" with Pyongyang: named by its city.
    assert text_of(html) == "22 October 2013, 09:30–17:00 Seoul time · Seoul, Republic of Korea"
    assert '<time datetime="2013-10-22T09:30:00+09:00">09:30</time>' in html


@pytest.mark.parametrize(
    ("language", "zone", "name"),
    [
        ("en", "Asia/Shanghai", "China Standard Time"),
        ("fr", "Asia/Shanghai", "heure normale de la Chine"),
        ("zh-hans", "Asia/Shanghai", "中国标准时间"),
        ("en", "Asia/Ulaanbaatar", "Ulaanbaatar Standard Time"),
        ("fr", "Asia/Ulaanbaatar", "heure normale d’Oulan-Bator"),
        ("zh-hans", "Asia/Tokyo", "日本标准时间"),
        ("en", "Asia/Pyongyang", "Pyongyang time"),
        ("fr", "Asia/Pyongyang", "heure de Pyongyang"),
        ("zh-hans", "Asia/Pyongyang", "平壤时间"),
    ],
)
def test_when_names_the_time_zone_as_cldr_does_never_by_an_abbreviation(language, zone, name):
    with translation.override(language):
        html = when(
            start_date=datetime.date(2013, 10, 22), start_time=datetime.time(10, 0), time_zone=zone
        )

    assert name in text_of(html)


def test_when_says_online_without_a_place():
    event = Event(
        title="E", slug="e", start_date=datetime.date(2013, 10, 28), is_online=True, city=""
    )
    html = render_to_string("components/event_when.html", {"event": event})

    assert text_of(html) == "28 October 2013 · Online"


# --- Query counts --------------------------------------------------------------------------


def grow(world, n):
    """n more of everything, each linked to the world's records as a page would show it."""
    korea, culture, event = world["country"], world["sector"], world["event"]
    for _ in range(n):
        sector = new_sector()
        country = CountryFactory()
        site = SiteFactory(sector=culture, countries=[korea, country], is_featured=True)
        event.sites.add(site)
        event.sectors.add(sector)
        EventFactory(country=korea, sectors=[culture, sector])
        CentreFactory(country=korea, sector=culture)


LISTS = {"sector-list", "country-list", "site-list", "centre-list", "event-list"}
# Lists with a map run one query more: the map's columns of every site the filters select,
# or the related sites that place the page's events.
MAP_LISTS = {"site-list", "event-list"}


@pytest.mark.parametrize("page", list(PAGES))
def test_page_queries_are_the_same_for_5_and_50_rows(client, world, page, uncached):
    """Every public page runs a fixed number of queries, at most four for a list, five with
    a map (once the list's facet counts are summarised: see tests/events/test_views.py)."""
    grow(world, 5)
    url = PAGES[page](world)
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    grow(world, 45)
    client.get(url)

    with CaptureQueriesContext(connection) as fifty:
        assert client.get(url).status_code == 200

    assert len(fifty) == len(five), [q["sql"] for q in fifty.captured_queries]
    if page in LISTS:
        limit = 5 if page in MAP_LISTS else 4
        assert len(five) <= limit, [q["sql"] for q in five.captured_queries]


# --- Anything at all in the address --------------------------------------------------------

LIST_PARAMETERS = {
    "sector-list": ["page"],
    "country-list": ["page"],
    "site-list": ["country", "designation", "category", "sector", "danger", "from", "to", "q"],
    "centre-list": ["country", "sector", "q", "page"],
    "event-list": ["country", "sector", "kind", "when", "from", "to", "q", "page"],
}
KNOWN_VALUES = ["korea", "partner", "culture", "world-heritage", "natural", "yes", "forum", "past"]


@pytest.mark.parametrize("page", list(LIST_PARAMETERS))
def test_no_query_string_makes_a_list_fail(client, world, page):
    grow(world, 30)
    url = PAGES[page](world)
    checked = []

    @hypothesis.settings(
        max_examples=120,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @hypothesis.given(query=query_strings(LIST_PARAMETERS[page] + ["page"], KNOWN_VALUES))
    def check(query):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, query
        checked.append(query)

    check()

    assert len(checked) >= 100


def test_stylesheet_is_small_self_contained_and_prints_event_links_and_maps():
    folder = django_settings.BASE_DIR / "static" / "css"
    css = (folder / "site.css").read_text()

    # What travels: every public stylesheet, compressed as whitenoise serves it.
    public = [path for path in folder.glob("*.css") if path.name != "admin.css"]
    assert sum(len(gzip.compress(path.read_bytes(), 9)) for path in public) < 6 * 1024
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    print_rules = css.split("@media print", 1)[1]
    assert re.search(r"\.site-nav,[^{]*\.site-footer,[^{]*\{\s*display: none;", print_rules)
    # Maps print, each on one page.
    assert re.search(r"\.map \{\s*break-inside: avoid;", print_rules)
    hidden = re.findall(r"([^{}]*)\{\s*display: none;", print_rules)
    assert not any(".map" in selectors for selectors in hidden)
    assert re.search(
        r'\.event-page a\[href\^="http"\]::after[^{]*\{\s*content: " \(" attr\(href\) "\)";',
        print_rules,
    )
