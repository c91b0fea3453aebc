"""Maps of events: where each event takes place, on the event list and on its own page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.maps import with_located_sites
from events.models import Event
from tests.factories import CountryFactory, EventFactory, SiteFactory
from tests.map_svg import holds_tinted_whole, tinted_bounds

pytestmark = pytest.mark.django_db

SEOUL = {"latitude": Decimal("37.5665"), "longitude": Decimal("126.9780")}
JONGMYO = {"latitude": Decimal("37.5747"), "longitude": Decimal("126.9936")}
FUJI = {"latitude": Decimal("35.36"), "longitude": Decimal("138.73")}
ULAANBAATAR = {"latitude": Decimal("47.9184"), "longitude": Decimal("106.9177")}


def links(html):
    svg = re.search(r'<svg class="map__svg".*?</svg>', html, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*><title>([^<]*)</title>', svg.group()) if svg else []


def figure(html):
    match = re.search(r'<figure class="map".*?</figure>', html, re.S)
    return match.group() if match else ""


@pytest.fixture
def korea():
    return CountryFactory(name="Republic of Korea", slug="korea", iso2="KR", iso3="KOR")


@pytest.fixture
def mongolia():
    return CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")


def test_an_event_is_at_its_own_coordinates_else_at_its_first_public_related_site(korea):
    own = EventFactory(country=korea, **SEOUL)
    own.sites.set([SiteFactory(name="Fujisan", **FUJI)])
    by_site = EventFactory(country=korea)
    by_site.sites.set(
        [
            SiteFactory(name="B Jongmyo Shrine", **JONGMYO),
            SiteFactory(name="A draft", status="draft", **FUJI),
            SiteFactory(name="A without coordinates"),
        ]
    )
    nowhere = EventFactory(country=None, city="", is_online=True)

    events = {e.pk: e for e in with_located_sites(Event.objects.all())}

    assert events[own.pk].map_location == (SEOUL["latitude"], SEOUL["longitude"])
    assert events[by_site.pk].map_location == (JONGMYO["latitude"], JONGMYO["longitude"])
    assert events[nowhere.pk].map_location is None
    # Without the prefetch, the same answer from sites.all().
    assert Event.objects.get(pk=by_site.pk).map_location == (
        JONGMYO["latitude"],
        JONGMYO["longitude"],
    )


def test_an_event_that_moved_online_is_on_no_map(korea):
    moved = EventFactory(country=korea, city="Seoul", event_status="moved-online", **SEOUL)
    moved.sites.set([SiteFactory(name="Jongmyo Shrine", **JONGMYO)])

    (event,) = with_located_sites(Event.objects.all())

    assert event.map_location is None
    assert Event.objects.get(pk=moved.pk).map_location is None


def test_event_list_maps_the_events_of_the_page_and_counts_those_left_off(client, korea):
    forum = EventFactory(title="Heritage Forum", country=korea, city="Seoul", **SEOUL)
    EventFactory(title="Online Talk", country=None, city="", is_online=True)
    EventFactory(title="Somewhere", country=korea, city="Busan")

    html = client.get("/events/").content.decode()

    assert links(html) == [(forum.get_absolute_url(), "Heritage Forum · Seoul, Republic of Korea")]
    assert "2 events are not on the map: online, or without a place." in figure(html)
    assert "The 1 event of this page that has a place." in figure(html)
    assert 'class="map__pts map__pts--event"' in html


def test_event_list_map_comes_after_the_results_and_names_what_it_shows(client, korea):
    for n in range(14):
        EventFactory(title=f"Event {n:02}", country=korea, city="Seoul", **SEOUL)
    EventFactory(title="Busan Forum", country=korea, city="Busan")

    html = client.get("/events/").content.decode()

    cards, pagination, map_at = (
        html.rindex('class="card card--event"'),
        html.index('class="pagination"'),
        html.index('<figure class="map"'),
    )
    assert cards < pagination < map_at
    # Busan Forum comes first (same day, by title) and has no place.
    assert "The 11 events of this page that have a place." in figure(html)
    assert "1 event is not on the map: online, or without a place." in figure(html)


def test_map_points_say_what_happened_to_an_event(client, korea):
    EventFactory(title="Called Off", country=korea, city="Seoul", event_status="cancelled", **SEOUL)
    EventFactory(
        title="Later",
        country=korea,
        city="Seoul",
        event_status="rescheduled",
        previous_start_date=datetime.date(2026, 1, 5),
        **SEOUL,
    )
    EventFactory(
        title="On Screens", country=korea, city="Seoul", event_status="moved-online", **SEOUL
    )

    html = client.get("/events/").content.decode()

    assert sorted(title for _url, title in links(html)) == [
        "Called Off · Cancelled · Seoul, Republic of Korea",
        "Later · Rescheduled · Seoul, Republic of Korea",
    ]
    assert "1 event is not on the map: online, or without a place." in figure(html)


def test_event_list_map_shows_only_the_page(client, korea):
    for n in range(15):
        EventFactory(title=f"Event {n:02}", country=korea, **SEOUL)

    first = client.get("/events/").content.decode()
    second = client.get("/events/?page=2").content.decode()

    assert len(links(first)) == 12 and len(links(second)) == 3
    # The twelve at one place are set apart around it, each still a link.
    assert len(set(re.findall(r"translate\((-?\d+ -?\d+)\)", first))) == 12


def test_event_list_shows_the_countries_the_filters_select_whole_and_tinted(
    client, korea, mongolia
):
    """Events in one city: the map still shows all Mongolia, not a blank stretch of it."""
    for n in range(3):
        EventFactory(title=f"Meeting {n}", country=mongolia, city="Ulaanbaatar", **ULAANBAATAR)
    EventFactory(title="Forum", country=korea, city="Seoul", **SEOUL)

    filtered = client.get("/events/?country=mongolia").content.decode()
    unfiltered = client.get("/events/").content.decode()

    assert len(links(filtered)) == 3
    assert holds_tinted_whole(filtered)
    assert tinted_bounds(unfiltered) is None


@pytest.mark.parametrize("number", [5, 50])
def test_filtered_event_list_places_its_events_in_one_query(
    client, korea, mongolia, number, uncached
):
    for n in range(number):
        EventFactory(title=f"Event {n:02}", country=mongolia, **ULAANBAATAR)
    client.get("/events/?country=mongolia")  # summarises the list, remembers the codes

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/events/?country=mongolia&country=korea").content.decode()

    assert len(links(html)) == min(number, 12)
    assert holds_tinted_whole(html)
    # The office profile and the page (with its sectors and the coordinates of the sites
    # placing it).
    assert len(queries) == 2


def test_event_list_without_any_place_has_no_map(client, korea):
    EventFactory(country=korea, city="Busan")

    assert figure(client.get("/events/").content.decode()) == ""


@pytest.mark.parametrize("number", [5, 50])
def test_event_list_places_its_events_in_one_query(client, korea, number, uncached):
    for n in range(number):
        event = EventFactory(title=f"Event {n:02}", country=korea)
        event.sites.set([SiteFactory(**JONGMYO)])
    client.get("/events/")  # summarises the list (its facet counts)

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/events/").content.decode()

    assert len(links(html)) == min(number, 12)
    # The office profile and the page (with its sectors and the coordinates of the sites
    # placing it).
    assert len(queries) == 2
    assert sum('"countries_site"' in q["sql"] for q in queries.captured_queries) == 1


def test_event_page_shows_where_it_takes_place_and_its_related_sites(client, korea):
    event = EventFactory(title="Heritage Forum", country=korea, city="Seoul", **SEOUL)
    site = SiteFactory(name="Jongmyo Shrine", **JONGMYO)
    event.sites.set([site, SiteFactory(name="Draft", status="draft", **FUJI)])

    html = figure(client.get(event.get_absolute_url()).content.decode())

    assert links(html) == [
        (
            "https://www.openstreetmap.org/?mlat=37.566500&amp;mlon=126.978000"
            "#map=11/37.566500/126.978000",
            "Seoul, Republic of Korea on OpenStreetMap",
        ),
        (site.get_absolute_url(), "Jongmyo Shrine"),
    ]
    assert "Where the event takes place, and its related sites." in html
    assert "Event (1)" in re.sub(r"<[^>]+>", "", html)  # the legend tells the two apart
    assert 'class="map__land map__land--focus"' in html


def test_event_page_holds_its_country_whole(client, mongolia):
    event = EventFactory(country=mongolia, city="Ulaanbaatar", **ULAANBAATAR)

    assert holds_tinted_whole(figure(client.get(event.get_absolute_url()).content.decode()))


def test_event_page_shows_its_map_after_its_text_and_before_its_related_sites(client, korea):
    event = EventFactory(
        country=korea,
        summary="A summary of the event.",
        body="<p>The body of the event.</p>",
        registration_url="https://example.org/register",
        **SEOUL,
    )
    event.sites.set([SiteFactory(name="Jongmyo Shrine", **JONGMYO)])

    html = client.get(event.get_absolute_url()).content.decode()
    page = html[html.index("<h1") :]  # not the head's description

    order = [
        page.index(text)
        for text in (
            'class="facts"',
            "https://example.org/register",
            "A summary",
            "The body",
            '<figure class="map"',
            'id="sites-title"',
        )
    ]
    assert order == sorted(order)


def test_event_page_without_coordinates_maps_its_related_sites(client, korea):
    event = EventFactory(country=korea)
    event.sites.set([SiteFactory(name="Jongmyo Shrine", **JONGMYO)])

    html = figure(client.get(event.get_absolute_url()).content.decode())

    assert [title for _url, title in links(html)] == ["Jongmyo Shrine"]
    assert "The event&#x27;s related sites." in html
    assert "map__legend" not in html


def test_a_moved_online_event_page_maps_its_related_sites_only(client, korea):
    event = EventFactory(country=korea, city="Seoul", event_status="moved-online", **SEOUL)
    event.sites.set([SiteFactory(name="Jongmyo Shrine", **JONGMYO)])
    bare = EventFactory(country=korea, city="Seoul", event_status="moved-online", **SEOUL)

    html = figure(client.get(event.get_absolute_url()).content.decode())

    assert [title for _url, title in links(html)] == ["Jongmyo Shrine"]
    assert "The event&#x27;s related sites." in html
    assert "openstreetmap" not in html
    assert figure(client.get(bare.get_absolute_url()).content.decode()) == ""


def test_online_event_page_has_no_map(client):
    event = EventFactory(country=None, city="", is_online=True)

    assert figure(client.get(event.get_absolute_url()).content.decode()) == ""
