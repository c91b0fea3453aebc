"""The .ics addresses: one event's file at /events/<slug>.ics and the filtered calendar at
/events/calendar.ics?<the list's filters>: what they hold, bad addresses, queries, and
conditional requests for clients that poll."""

import datetime
import re

import hypothesis
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from hypothesis import HealthCheck

from events.models import Event
from events.views import EventCalendarView
from tests.events.test_ical import parse_valid
from tests.factories import CountryFactory, EventFactory, SectorFactory, SiteFactory
from tests.strategies import query_strings
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

URL = reverse("events:calendar-ics")
NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()
DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def places():
    return {
        "mongolia": CountryFactory(
            name="Mongolia", name_fr="Mongolie", slug="mongolia", iso2="MN", iso3="MNG"
        ),
        "japan": CountryFactory(
            name="Japan", slug="japan", iso2="JP", iso3="JPN", time_zone="Asia/Tokyo"
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT"),
        "education": SectorFactory(name="Education", slug="education", code="ED"),
    }


def summaries(response):
    assert response.status_code == 200, response.text
    return sorted(str(e["SUMMARY"]) for e in parse_valid(response.content).walk("VEVENT"))


# --- One event -----------------------------------------------------------------------------


def test_an_event_file_downloads_under_its_slug(client):
    event = EventFactory(slug="heritage-forum")

    response = client.get("/events/heritage-forum.ics")

    assert response["Content-Disposition"] == 'attachment; filename="heritage-forum.ics"'
    cal = parse_valid(response.content)
    assert str(cal["X-WR-CALNAME"]) == event.title


@pytest.mark.parametrize(
    "fields",
    [DRAFT, {"published_at": NOW + datetime.timedelta(days=1)}, {"unpublish_at": NOW}],
    ids=["draft", "scheduled", "expired"],
)
def test_an_event_visitors_cannot_see_has_no_file(client, fields):
    EventFactory(slug="hidden", **fields)

    assert client.get("/events/hidden.ics").status_code == 404


def test_an_unknown_event_has_no_file_whatever_its_address(client):
    assert client.get("/events/nothing-here.ics").status_code == 404
    assert client.get("/events/calendar.ics.ics").status_code == 404


# --- The filtered calendar -----------------------------------------------------------------


def test_the_calendar_takes_the_lists_own_filters(client, places):
    EventFactory(title="Steppe Forum", country=places["mongolia"], sectors=[places["culture"]])
    EventFactory(title="Steppe School", country=places["mongolia"], sectors=[places["education"]])
    EventFactory(title="Tokyo Forum", country=places["japan"], sectors=[places["culture"]])
    EventFactory(title="Hidden", country=places["mongolia"], **DRAFT)

    assert summaries(client.get(URL, {"country": "mongolia"})) == ["Steppe Forum", "Steppe School"]
    assert summaries(client.get(URL, {"country": "mongolia", "sector": "culture"})) == [
        "Steppe Forum"
    ]
    assert summaries(client.get(URL, {"q": "forum", "kind": "conference"})) == [
        "Steppe Forum",
        "Tokyo Forum",
    ]


def test_the_default_window_is_what_is_not_over_and_the_last_twelve_months(client):
    EventFactory(title="Soon", start_date=day(10))
    EventFactory(title="Going on", start_date=day(-3), end_date=day(3))
    EventFactory(title="Last autumn", start_date=day(-250))
    EventFactory(title="Just in", start_date=day(-365))
    EventFactory(title="Too old", start_date=day(-366))

    assert summaries(client.get(URL)) == ["Going on", "Just in", "Last autumn", "Soon"]
    assert summaries(client.get(URL, {"when": "upcoming"})) == ["Going on", "Soon"]
    assert summaries(client.get(URL, {"when": "past"})) == ["Just in", "Last autumn"]


def test_a_from_date_replaces_the_window(client):
    EventFactory(title="Too old", start_date=day(-800))
    EventFactory(title="Older", start_date=day(-700))

    response = client.get(URL, {"from": day(-750).isoformat(), "to": day(-1).isoformat()})

    assert summaries(response) == ["Older"]


def test_the_calendar_keeps_the_nearest_events_when_there_are_too_many(client, monkeypatch):
    monkeypatch.setattr(EventCalendarView, "max_events", 4)
    for offset in (-200, -10, 5, 40, 300):
        EventFactory(title=f"Day {offset}", start_date=day(offset))

    # Upcoming ones first, soonest first; then the most recent past ones.
    assert summaries(client.get(URL)) == ["Day -10", "Day 300", "Day 40", "Day 5"]


def test_cancelled_events_stay_in_the_calendar(client):
    EventFactory(title="Called Off", event_status=Event.EventStatus.CANCELLED)

    assert summaries(client.get(URL)) == ["Cancelled: Called Off"]


def test_the_calendar_is_named_after_the_office_and_the_filters(client, places):
    OfficeProfile.objects.create(name="UNESCO Beijing Cluster Office", short_name="UNESCO Beijing")
    EventFactory(country=places["mongolia"])

    plain = parse_valid(client.get(URL).content)
    filtered = parse_valid(
        client.get(URL, {"country": "mongolia", "sector": "culture", "q": "steppe"}).content
    )
    upcoming = parse_valid(client.get(URL, {"when": "upcoming"}).content)

    assert str(plain["X-WR-CALNAME"]) == "UNESCO Beijing: events"
    assert str(filtered["X-WR-CALNAME"]) == "UNESCO Beijing: events (Mongolia, Culture, “steppe”)"
    assert str(upcoming["NAME"]) == "UNESCO Beijing: events (Upcoming)"
    assert str(plain["X-WR-TIMEZONE"]) == "UTC"


def test_the_french_calendar_names_the_filters_in_french(client, places):
    OfficeProfile.objects.create(name="Office", short_name="UNESCO", short_name_fr="UNESCO FR")
    EventFactory(title="Forum", title_fr="Le forum", country=places["mongolia"])

    with translation.override("fr"):
        url = reverse("events:calendar-ics")
    cal = parse_valid(client.get(url, {"country": "mongolia"}).content)

    assert url == "/fr/events/calendar.ics"
    assert "UNESCO FR" in str(cal["X-WR-CALNAME"]) and "Mongolie" in str(cal["X-WR-CALNAME"])
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Le forum"
    assert str(event["URL"]).startswith("http://testserver/fr/events/")


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("country=atlantis", "Country: nothing matches “atlantis”"),
        ("from=2026-13-01", "“From” is not a date such as 2026-10-22"),
        ("from=2026-09-01&to=2026-08-01", "The “from” date is after the “to” date"),
        ("when=%00", "The period in the address is unknown"),
        ("q=" + "x" * 500, "The search is longer than 100 characters"),
        ("&".join(f"sector=s{i}" for i in range(60)), "Sector: more than 50 values"),
    ],
)
def test_a_filter_it_cannot_use_is_a_400_that_says_why(client, places, query, problem):
    EventFactory(country=places["mongolia"])

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert problem in response.text
    assert response.text.startswith(
        "Part of this calendar's address cannot be used, so no calendar was made from it. "
        "The event list with the same filters says:\n\n- "
    )
    assert response.text.endswith(
        "\n\nThe calendar of every event: http://testserver/events/calendar.ics\n"
    )


def test_other_parameters_are_ignored(client):
    EventFactory(title="Soon")

    assert summaries(client.get(URL, {"utm_source": "newsletter", "page": "3"})) == ["Soon"]


# --- Queries -----------------------------------------------------------------------------


def make_events(n, places):
    site = SiteFactory(latitude="47.5", longitude="102.5", sector=places["culture"])
    for i in range(n):
        event = EventFactory(
            country=[places["mongolia"], places["japan"]][i % 2],
            start_date=day(i * 7 % 40 - 10),
            start_time=datetime.time(9) if i % 3 else None,
            sectors=[places["culture"], places["education"]][: i % 2 + 1],
        )
        event.sites.add(site)


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # The events, their sectors, their sites, the office profile: the list's summary
        # tells known filter values from unknown ones.
        ("", 4),
        ("country=mongolia&country=japan&sector=culture&kind=conference", 4),
        # With a search, the facet query does.
        ("country=mongolia&country=japan&sector=culture&kind=conference&q=event", 5),
    ],
    ids=["unfiltered", "facets", "searched"],
)
def test_the_calendar_runs_a_fixed_number_of_queries_for_5_or_50_events(
    client, places, query, queries, uncached
):
    OfficeProfile.objects.create(name="UNESCO Testing")
    make_events(5, places)
    client.get(f"{URL}?{query}")  # summarises the list
    with CaptureQueriesContext(connection) as few:
        small = client.get(f"{URL}?{query}")
    make_events(45, places)
    client.get(f"{URL}?{query}")

    with CaptureQueriesContext(connection) as many:
        large = client.get(f"{URL}?{query}")

    assert len(few) == len(many) == queries, [q["sql"] for q in many.captured_queries]
    assert len(summaries(large)) > len(summaries(small)) >= 1


def test_one_event_file_runs_three_queries(client, places, uncached):
    event = EventFactory(sectors=[places["culture"], places["education"]])
    event.sites.set([SiteFactory(), SiteFactory()])

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("events:ics", args=[event.slug])).status_code == 200

    # The event with its country, its sectors, its sites.
    assert len(queries) == 3, [q["sql"] for q in queries.captured_queries]


# --- Conditional requests ------------------------------------------------------------------


def validators(response):
    return response["ETag"], response["Last-Modified"]


def test_a_client_polling_an_unchanged_calendar_gets_304s(client):
    event = EventFactory()
    first = client.get(URL)
    etag, modified = validators(first)

    by_etag = client.get(URL, headers={"if-none-match": etag})
    by_date = client.get(URL, headers={"if-modified-since": modified})

    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b"" and by_etag["ETag"] == etag
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
    assert modified == http_date(event.updated_at.timestamp())
    one = reverse("events:ics", args=[event.slug])
    assert client.get(one, headers={"if-none-match": client.get(one)["ETag"]}).status_code == 304


def etag_after(client, change, url=URL):
    before = client.get(url)["ETag"]
    change()
    response = client.get(url, headers={"if-none-match": before})
    assert response.status_code == 200, "a changed calendar is sent again"
    assert response["ETag"] != before
    return response


def test_the_etag_changes_when_an_event_changes(client):
    event = EventFactory()

    def change():
        event.title += " (renamed)"
        event.save()

    etag_after(client, change)
    etag_after(client, change, reverse("events:ics", args=[event.slug]))


def test_the_etag_changes_when_an_event_is_added_or_removed(client, uncached):
    """Even when a change sends no signal (an SQL update): the page cache would not know."""
    event = EventFactory()
    other = EventFactory()

    etag_after(client, EventFactory)
    etag_after(client, event.delete)
    etag_after(client, lambda: Event.objects.filter(pk=other.pk).update(status="draft"))


def test_the_etag_changes_when_a_category_is_renamed(client, places):
    EventFactory(sectors=[places["culture"]])

    def rename():
        with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
            places["culture"].name = "Cultures"
            places["culture"].save()

    etag_after(client, rename)


@pytest.mark.parametrize(
    "fields",
    [
        {"published_at": NOW + datetime.timedelta(hours=2)},
        {"unpublish_at": NOW + datetime.timedelta(hours=2)},
        {"start_date": day(-364)},
    ],
    ids=["appears", "expires", "leaves-the-window"],
)
def test_the_etag_changes_when_time_alone_changes_the_calendar(client, fields):
    EventFactory(title="Stays")
    EventFactory(title="Moves", **fields)
    before = client.get(URL)

    with time_machine.travel(NOW + datetime.timedelta(days=2), tick=False):
        after = client.get(URL, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert summaries(before) != summaries(after)


def test_each_language_has_its_own_etag(client):
    EventFactory()
    with translation.override("fr"):
        french = reverse("events:calendar-ics")

    assert client.get(URL)["ETag"] != client.get(french)["ETag"]


def test_a_client_that_only_sends_if_modified_since_gets_the_file_again_the_next_day(client):
    EventFactory()
    modified = client.get(URL)["Last-Modified"]

    with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
        response = client.get(URL, headers={"if-modified-since": modified})

    assert response.status_code == 200


# --- Anything at all in the address --------------------------------------------------------


@pytest.mark.parametrize("url", [URL, "/fr/events/calendar.ics", "/events/forum.ics"])
def test_no_query_string_makes_a_calendar_fail(client, places, url):
    make_events(6, places)
    EventFactory(slug="forum", kind=Event.Kind.FORUM, country=places["mongolia"])
    keys = ["country", "sector", "kind", "when", "from", "to", "q", "page", "month"]
    known = ["mongolia", "japan", "culture", "forum", "past", "all", "2026-06-01"]
    checked = []
    # The refusal speaks the language of the address.
    refusal = (
        "Le calendrier de tous les événements\u00a0: "
        if url.startswith("/fr/")
        else "The calendar of every event: "
    )

    @hypothesis.settings(
        max_examples=100,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @hypothesis.given(query=query_strings(keys, known))
    def check(query):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 400), query
        if response.status_code == 200:
            parse_valid(response.content)
        else:
            assert refusal in response.text, query
        checked.append(query)

    check()

    assert len(checked) >= 90


@pytest.mark.parametrize("search", ["%01%0A%01", "forum%0Aheritage", "%0B%7F"])
def test_a_search_with_control_characters_names_the_calendar_on_one_line(client, search):
    EventFactory(title="Heritage forum")

    response = client.get(f"{URL}?q={search}&when=all")

    assert response.status_code == 200
    name = next(
        line for line in response.content.decode().splitlines() if line.startswith("X-WR-CALNAME")
    )
    assert all(c.isprintable() for c in name)
