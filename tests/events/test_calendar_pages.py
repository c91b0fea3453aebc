"""Calendars on the pages: the month view at /events/calendar/, the event list's Subscribe
and month links, and the event page's status and Add to calendar menu."""

import datetime
import itertools
import re
from urllib.parse import parse_qs, urlsplit

import hypothesis
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck

from events.models import Event
from tests.events.test_views import card_titles, problems_of, status_of, text_of
from tests.factories import CountryFactory, EventFactory, SectorFactory
from tests.strategies import query_strings
from tests.unesco_office.test_admin import admin_url
from tests.unesco_office.test_pages import heading_levels
from tests.unesco_office.test_share_links import create_link
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

MONTH = reverse("events:calendar")
NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)


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
    }


def month_of(client, query=""):
    response = client.get(f"{MONTH}?{query}")
    assert response.status_code == 200
    return response


def table_of(html):
    return re.search(r'<table class="month">.*?</table>', html, re.S)[0]


def cells(html):
    """{day number: [event titles]} of the grid's days in the month."""
    found = {}
    for cell in re.findall(
        r'<td class="month__day(?![^"]*--other)[^"]*"[^>]*>(.*?)</td>', table_of(html), re.S
    ):
        date = re.search(r'<time[^>]*>(\d+)</time>|<span class="month__date">(\d+)', cell)
        number = int(date[1] or date[2])
        titles = re.findall(
            r'<li[^>]*><a href="[^"]+">(?:<span class="month__time">[^<]*</span> )?([^<]*)</a>',
            cell,
        )
        found[number] = titles
    return found


def headers_of(html):
    return re.findall(
        r'<th scope="col"><span aria-hidden="true">(.*?)</span><span class="visually-hidden">(.*?)</span></th>',
        html,
    )


# --- The month view ------------------------------------------------------------------------


def test_the_current_month_is_a_table_of_weeks_with_weekday_headers(client):
    EventFactory(title="Steppe Forum", start_date=datetime.date(2026, 6, 3))

    html = month_of(client).text

    assert "<h1>Events in June 2026</h1>" in html
    assert "<caption>June 2026</caption>" in html
    # English weeks start on Sunday.
    assert headers_of(html) == [
        ("Sun", "Sunday"),
        ("Mon", "Monday"),
        ("Tue", "Tuesday"),
        ("Wed", "Wednesday"),
        ("Thu", "Thursday"),
        ("Fri", "Friday"),
        ("Sat", "Saturday"),
    ]
    rows = re.findall(r"<tr>(.*?)</tr>", table_of(html), re.S)[1:]
    assert len(rows) == 5 and all(row.count("<td") == 7 for row in rows)
    assert cells(html)[3] == ["Steppe Forum"]
    assert 'class="month__day month__day--today" aria-current="date"' in html
    assert status_of(html) == "1 event in June 2026"


def test_each_day_with_events_links_to_them_in_the_list(client, places):
    EventFactory(
        title="Steppe Forum", country=places["mongolia"], start_date=datetime.date(2026, 6, 3)
    )

    html = month_of(client, "country=mongolia").text

    link = re.search(
        r'<a class="month__date" href="([^"]+)"><time datetime="2026-06-03">3</time>', html
    )[1]
    path, query = link.replace("&amp;", "&").split("?")
    assert path == "/events/"
    assert parse_qs(query) == {
        "country": ["mongolia"],
        "when": ["all"],
        "from": ["2026-06-03"],
        "to": ["2026-06-03"],
    }
    assert card_titles(client.get(link.replace("&amp;", "&")).text) == ["Steppe Forum"]
    assert '<span class="month__date">4</span>' in html


def test_a_multi_day_event_is_on_each_of_its_days_and_listed_once_by_day(client):
    EventFactory(
        title="Exhibition",
        start_date=datetime.date(2026, 5, 20),
        end_date=datetime.date(2026, 6, 2),
    )
    EventFactory(
        title="Workshop",
        start_date=datetime.date(2026, 6, 2),
        end_date=datetime.date(2026, 6, 2),
        start_time=datetime.time(9, 30),
    )

    html = month_of(client).text

    grid = cells(html)
    assert grid[1] == ["Exhibition"] and grid[2] == ["Exhibition", "Workshop"]
    assert grid[3] == []
    assert '<span class="month__time">09:30</span> Workshop' in html
    # The days of May that fill the first week stay empty.
    assert (
        "Exhibition" not in re.findall(r"month__day--other[^>]*>.*?</td>", table_of(html), re.S)[0]
    )
    agenda = re.search(r'<div class="month-agenda">(.*)', html, re.S)[1]
    days = re.findall(
        r'<h3 class="month-agenda__day">.*?<time datetime="([-\d]+)">(.*?)</time>', agenda
    )
    assert days == [("2026-06-01", "Monday 1 June"), ("2026-06-02", "Tuesday 2 June")]
    assert agenda.count("Exhibition</a>") == 1


def test_a_busy_day_shows_four_events_and_links_to_the_others(client):
    for i in range(6):
        EventFactory(title=f"Event {i}", start_date=datetime.date(2026, 6, 15))

    html = month_of(client).text

    assert cells(html)[15] == [f"Event {i}" for i in range(4)]
    assert re.search(
        r'class="month__more" href="[^"]+">2 more<span class="visually-hidden"> events that day</span>',
        html,
    )


def test_previous_and_next_months_keep_the_filters(client, places):
    html = month_of(client, "country=mongolia&sector=culture&month=2026-01&page=4").text

    previous = re.search(r'<a href="([^"]+)" rel="prev nofollow">.*?December 2025</a>', html)[1]
    following = re.search(r'<a href="([^"]+)" rel="next nofollow">February 2026', html)[1]
    assert previous.replace("&amp;", "&") == "?country=mongolia&sector=culture&month=2025-12"
    assert following.replace("&amp;", "&") == "?country=mongolia&sector=culture&month=2026-02"


def test_the_filter_form_stays_and_keeps_the_month(client, places):
    EventFactory(country=places["mongolia"], start_date=datetime.date(2026, 9, 1))
    EventFactory(country=places["japan"], start_date=datetime.date(2026, 9, 2))

    html = month_of(client, "month=2026-09&country=mongolia").text

    assert re.search(r'<form class="filter" method="get" action="/events/calendar/"', html)
    assert '<input type="hidden" name="month" value="2026-09">' in html
    assert (
        'name="country" value="mongolia" checked> Mongolia <span class="filter__count" aria-hidden="true">1<'
        in html
    )
    assert 'name="when"' not in html and 'name="from"' not in html
    assert '<a href="/events/calendar/?month=2026-09">Clear filters</a>' in html
    assert status_of(html) == "1 event in September 2026"


def test_the_month_replaces_the_lists_dates(client):
    EventFactory(title="Past", start_date=datetime.date(2026, 6, 1))

    html = month_of(client, "when=upcoming&from=2026-06-05&to=2026-06-06").text

    assert cells(html)[1] == ["Past"]
    assert problems_of(html) == []


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2026-13", "“Month” is not a month such as 2026-12, so this month is shown."),
        ("2026-6", "“Month” is not a month such as 2026-12, so this month is shown."),
        ("december", "“Month” is not a month such as 2026-12, so this month is shown."),
        ("9" * 5000, "“Month” is not a month such as 2026-12, so this month is shown."),
        ("%00", "“Month” is not a month such as 2026-12, so this month is shown."),
        ("２０２６-１２", "“Month” is not a month such as 2026-12, so this month is shown."),
        (
            "1900-01",
            "Events have dates from 1945 to 2100: there are none in that month, so this month is shown.",
        ),
    ],
)
def test_a_bad_month_shows_a_message_and_the_current_month(client, value, problem):
    html = month_of(client, f"month={value}").text

    assert problems_of(html) == [problem]
    assert "<h1>Events in June 2026</h1>" in html


def test_the_first_and_last_months_have_no_link_beyond(client):
    first = month_of(client, "month=1945-01").text
    last = month_of(client, "month=2100-12").text

    assert 'rel="prev nofollow"' not in first and 'rel="next nofollow"' in first
    assert 'rel="next nofollow"' not in last and 'rel="prev nofollow"' in last


def test_crawlers_are_not_led_from_month_to_month_nor_to_files(client, places):
    html = month_of(client, "month=1969-12&country=mongolia").text

    links = re.findall(r"<a [^>]*>", html)
    months = [link for link in links if "month=" in link and "/events/calendar/" not in link]
    files = [
        link
        for link in links
        if re.search(r'href="(webcal:|[^"]*calendar\.ics|[^"]*/feed/|[^"]*format=)', link)
    ]
    assert len(months) == 2 and len(files) == 5  # webcal, https, feed, CSV, JSON
    for link in months + files:
        assert re.search(r'rel="[^"]*\bnofollow\b', link), link


def test_a_bad_filter_is_named_and_left_out(client, places):
    EventFactory(
        title="Steppe Forum", country=places["mongolia"], start_date=datetime.date(2026, 6, 3)
    )

    html = month_of(client, "country=atlantis").text

    assert problems_of(html) == ["Country: nothing matches “atlantis”, so it was left out."]
    assert cells(html)[3] == ["Steppe Forum"]


def test_statuses_show_in_the_grid(client):
    EventFactory(
        title="Called Off",
        start_date=datetime.date(2026, 6, 3),
        event_status=Event.EventStatus.CANCELLED,
    )

    html = month_of(client).text

    assert re.search(
        r'<li class="month__event--cancelled"><a href="[^"]+">Called Off</a> '
        r'<span class="badge badge--status badge--danger">Cancelled</span>',
        html,
    )


def test_the_french_month_starts_on_monday_and_speaks_french(client, places):
    EventFactory(country=places["mongolia"], start_date=datetime.date(2026, 6, 3))
    with translation.override("fr"):
        url = reverse("events:calendar")

    html = client.get(url, {"country": "mongolia"}).text

    assert url == "/fr/events/calendar/"
    assert "<caption>juin 2026</caption>" in html
    assert [full for _abbr, full in headers_of(html)][:2] == ["lundi", "mardi"]
    assert 'value="mongolia" checked> Mongolie' in html
    assert (
        'href="/fr/events/?country=mongolia&amp;when=all&amp;from=2026-06-03&amp;to=2026-06-03"'
        in html
    )


def test_the_page_has_ordered_headings_and_no_inline_style(client):
    EventFactory(start_date=datetime.date(2026, 6, 3))

    html = month_of(client).text

    levels = heading_levels(html)
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert not re.search(r"<[^>]+\sstyle\s*=", html) and "<style" not in html
    assert '<meta name="robots" content="noindex">' not in html
    assert '<meta name="robots" content="noindex">' in month_of(client, "month=2026-07").text


def make_events(n, places):
    for i in range(n):
        EventFactory(
            country=[places["mongolia"], places["japan"]][i % 2],
            sectors=[places["culture"]],
            start_date=datetime.date(2026, 6, 1 + i % 28),
            end_date=datetime.date(2026, 6, 1 + i % 28) + datetime.timedelta(days=i % 4),
            start_time=datetime.time(9) if i % 3 else None,
        )


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # The office profile, the month's events: the list's summary gives the counts.
        ("", 2),
        ("country=mongolia&country=japan&sector=culture", 2),
        # With a search, the facet counts are a query of their own.
        ("country=mongolia&country=japan&sector=culture&q=event", 3),
    ],
)
def test_the_month_runs_a_fixed_number_of_queries_for_5_or_50_events(
    client, places, query, queries, uncached
):
    OfficeProfile.objects.create(name="UNESCO Testing")
    make_events(5, places)
    month_of(client, query)  # summarises the list
    with CaptureQueriesContext(connection) as few:
        small = month_of(client, query)
    make_events(45, places)
    month_of(client, query)

    with CaptureQueriesContext(connection) as many:
        large = month_of(client, query)

    assert len(few) == len(many) == queries, [q["sql"] for q in many.captured_queries]
    assert large.context["grid"].count > small.context["grid"].count


def test_no_query_string_makes_the_month_fail(client, places):
    make_events(8, places)
    keys = ["month", "country", "sector", "kind", "q", "when", "from", "to", "page"]
    known = ["mongolia", "culture", "forum", "2026-06", "2100-12", "1945-01", "2026-02"]
    checked = []

    @hypothesis.settings(
        max_examples=120,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @hypothesis.given(query=query_strings(keys, known))
    def check(query):
        response = client.get(f"{MONTH}?{query}")
        assert response.status_code == 200, query
        checked.append(query)

    check()

    assert len(checked) >= 100


# --- The event list's links ----------------------------------------------------------------


def test_the_list_offers_to_subscribe_to_its_filters(client, places):
    EventFactory(country=places["mongolia"])

    html = client.get(
        "/events/", {"country": "mongolia", "when": "upcoming", "page": "1", "q": ""}
    ).text

    webcal = re.search(
        r'<a href="(webcal://[^"]+)" rel="nofollow">Subscribe in your calendar app</a>', html
    )[1]
    https = re.search(
        r'<a href="([^"]+)" type="text/calendar" rel="nofollow">Calendar address \(https\)</a>',
        html,
    )[1]
    assert (
        webcal.replace("&amp;", "&")
        == "webcal://testserver/events/calendar.ics?country=mongolia&q="
    )
    assert (
        https.replace("&amp;", "&") == "http://testserver/events/calendar.ics?country=mongolia&q="
    )
    assert "<summary>Subscribe</summary>" in html
    month = re.search(r'<a href="([^"]+)">Month</a>', html)[1]
    assert month.replace("&amp;", "&") == "/events/calendar/?country=mongolia&q="


def test_the_list_has_one_row_of_tools_above_its_results(client, places):
    EventFactory(country=places["mongolia"])

    html = client.get("/events/", {"country": "mongolia"}).text

    head = re.search(r'<div class="results-head">(.*?)</div>\s*</div>', html, re.S)[1]
    tools = text_of(re.sub(r"<div class=\"subscribe__body\">.*?</div>", "", head, flags=re.S))
    assert tools == "1 event Show these events as: List | Month Download: CSV · JSON Subscribe"
    assert '<span aria-current="page">List</span>' in head
    subscribe = re.search(r'<div class="subscribe__body">(.*?)</div>', head, re.S)[1]
    assert re.findall(r'<a href="([^"]+)"', subscribe) == [
        "webcal://testserver/events/calendar.ics?country=mongolia",
        "http://testserver/events/calendar.ics?country=mongolia",
        "/events/feed/?country=mongolia",
    ]
    # Nothing else between the tools and the first result but what the filters are, in print.
    assert re.search(
        r'</div>\s*</div>\s*<p class="filter-summary">Filtered by: Country: Mongolia</p>\s*'
        r'<div class="stack">\s*<article class="card',
        html,
    )
    assert "list-links" not in html


def test_the_list_keeps_a_past_period_in_its_calendar_and_opens_the_month_of_its_start(client):
    html = client.get("/events/", {"when": "past", "from": "2026-01-01", "to": "2026-03-31"}).text

    https = re.search(r'<a href="([^"]+)" type="text/calendar" rel="nofollow">', html)[1]
    assert (
        https.replace("&amp;", "&")
        == "http://testserver/events/calendar.ics?when=past&from=2026-01-01&to=2026-03-31"
    )
    assert '<a href="/events/calendar/?month=2026-01">Month</a>' in html


@pytest.mark.parametrize(
    ("query", "month"),
    [
        ("country=mongolia&from=2027-02-13", "/events/calendar/?country=mongolia&month=2027-02"),
        ("from=2026-02-31", "/events/calendar/"),  # not a date: named above the list
        ("from=2026-09-01&to=2026-03-01", "/events/calendar/"),  # the wrong way round
        ("to=2026-09-30", "/events/calendar/"),
        ("from=1900-01-01", "/events/calendar/"),  # before any month of the calendar
    ],
)
def test_the_month_link_opens_the_month_of_the_from_date(client, places, query, month):
    html = client.get(f"/events/?{query}").text

    link = re.search(r'<a href="([^"]+)">Month</a>', html)[1]
    assert link.replace("&amp;", "&") == month


def test_the_month_view_links_back_to_the_list_of_its_month(client, places):
    html = month_of(client, "month=2026-09&country=mongolia").text

    link = re.search(r'<a href="([^"]+)">List</a>', html)[1]
    month = {
        "country": ["mongolia"],
        "when": ["all"],
        "from": ["2026-09-01"],
        "to": ["2026-09-30"],
    }
    assert parse_qs(urlsplit(link.replace("&amp;", "&")).query) == month
    assert '<span aria-current="page">Month</span>' in html
    assert "webcal://testserver/events/calendar.ics?country=mongolia" in html


def test_the_month_view_offers_the_lists_tools_with_its_filters(client, places):
    html = month_of(client, "month=2026-09&country=mongolia&page=2").text

    tools = re.search(r'<div class="list-tools">(.*?)</div>\s*</div>', html, re.S)[1]
    feed = re.search(r'<a href="([^"]+)" type="application/atom\+xml" rel="nofollow">', tools)[1]
    assert feed == "/events/feed/?country=mongolia"
    downloads = re.findall(r'<a href="([^"]+)" rel="nofollow">(CSV|JSON)</a>', tools)
    assert [label for _url, label in downloads] == ["CSV", "JSON"]
    for url, label in downloads:
        parts = urlsplit(url.replace("&amp;", "&"))
        # The month's events, as its List link shows them.
        assert parts.path == "/events/"
        assert parse_qs(parts.query) == {
            "country": ["mongolia"],
            "when": ["all"],
            "from": ["2026-09-01"],
            "to": ["2026-09-30"],
            "format": [label.lower()],
        }


def test_cards_in_lists_show_the_status(client):
    EventFactory(title="Called Off", event_status=Event.EventStatus.CANCELLED)
    EventFactory(title="Still On")

    html = client.get("/events/").text

    assert '<span class="badge badge--status badge--danger">Cancelled</span>' in html
    assert html.count("badge--status") == 1


# --- The event page ------------------------------------------------------------------------


def test_the_event_page_offers_to_add_it_to_a_calendar(client):
    korea = CountryFactory(name="Republic of Korea", iso2="KR", iso3="KOR", time_zone="Asia/Seoul")
    event = EventFactory(
        title="Heritage Forum",
        slug="heritage-forum",
        country=korea,
        city="Seoul",
        start_date=datetime.date(2026, 10, 22),
        end_date=datetime.date(2026, 10, 22),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
        summary="Talks and walks.",
    )

    html = client.get(event.get_absolute_url()).text

    menu = re.search(r'<details class="add-to-calendar">(.*?)</details>', html, re.S)[1]
    assert "<summary>Add to calendar</summary>" in menu
    assert (
        '<a href="/events/heritage-forum.ics" type="text/calendar" download rel="nofollow">'
        "Download an .ics file</a>" in menu
    )
    links = {
        text: url.replace("&amp;", "&")
        for url, text in re.findall(r'<a href="(https://[^"]+)" rel="nofollow">(.*?)</a>', menu)
    }
    google = parse_qs(urlsplit(links["Google Calendar"]).query)
    assert google["text"] == ["Heritage Forum"]
    assert google["dates"] == ["20261022T003000Z/20261022T080000Z"]
    assert google["ctz"] == ["Asia/Seoul"]
    assert google["location"] == ["Seoul, Republic of Korea"]
    assert google["details"] == ["Talks and walks.\n\nhttp://testserver/events/heritage-forum/"]
    outlook = parse_qs(urlsplit(links["Outlook.com"]).query)
    assert outlook["startdt"] == ["2026-10-22T00:30:00Z"] and outlook["enddt"] == [
        "2026-10-22T08:00:00Z"
    ]
    assert outlook["allday"] == ["false"] and outlook["subject"] == ["Heritage Forum"]


def test_the_add_links_of_an_all_day_event_end_the_day_after(client):
    event = EventFactory(
        start_date=datetime.date(2026, 10, 22), end_date=datetime.date(2026, 10, 24)
    )

    html = client.get(event.get_absolute_url()).text.replace("&amp;", "&")

    assert "dates=20261022%2F20261025" in html
    assert "startdt=2026-10-22&enddt=2026-10-25&allday=true" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"event_status": "cancelled"}, "This event is cancelled."),
        (
            {"event_status": "postponed"},
            "This event is postponed; its new dates are not known yet.",
        ),
        (
            {
                "event_status": "rescheduled",
                "previous_start_date": datetime.date(2026, 5, 4),
                "previous_end_date": datetime.date(2026, 5, 5),
            },
            "This event has new dates. It was first planned for 4–5 May 2026.",
        ),
        (
            {
                "event_status": "rescheduled",
                "previous_start_date": datetime.date(2026, 4, 30),
                "previous_end_date": datetime.date(2026, 5, 2),
            },
            "This event has new dates. It was first planned for 30 April – 2 May 2026.",
        ),
        (
            {
                "event_status": "rescheduled",
                "previous_start_date": datetime.date(2026, 5, 4),
                "previous_end_date": None,
            },
            "This event has new dates. It was first planned for 4 May 2026.",
        ),
        ({"event_status": "moved-online"}, "This event has moved online."),
    ],
)
def test_the_event_page_says_what_happened(client, fields, message):
    event = EventFactory(**fields)

    html = client.get(event.get_absolute_url()).text

    box = re.search(r'<div class="message[^"]*event-status">(.*?)</div>', html, re.S)[1]
    assert text_of(box) == message


def test_a_scheduled_event_page_has_no_status_message(client):
    event = EventFactory()

    assert "event-status" not in client.get(event.get_absolute_url()).text


def test_the_rescheduled_banner_writes_dates_in_the_language_of_the_page(client):
    event = EventFactory(
        event_status="rescheduled",
        previous_start_date=datetime.date(2027, 2, 13),
        previous_end_date=datetime.date(2027, 2, 14),
    )
    with translation.override("zh-hans"):
        url = event.get_absolute_url()

    html = client.get(url).text

    box = re.search(r'<div class="message[^"]*event-status">(.*?)</div>', html, re.S)[1]
    assert "2027年2月13日至14日" in text_of(box)


def test_a_cancelled_event_offers_no_add_to_calendar_but_keeps_its_file(client):
    event = EventFactory(slug="called-off", event_status=Event.EventStatus.CANCELLED)

    html = client.get(event.get_absolute_url()).text

    assert "add-to-calendar" not in html and "called-off.ics" not in html
    ics = client.get("/events/called-off.ics")
    assert ics.status_code == 200 and b"STATUS:CANCELLED" in ics.content


@pytest.mark.parametrize(
    "status", [s for s in Event.EventStatus if s != Event.EventStatus.CANCELLED]
)
def test_an_event_held_in_any_other_way_offers_add_to_calendar(client, status):
    event = EventFactory(event_status=status, previous_start_date=datetime.date(2026, 5, 4))

    assert 'class="add-to-calendar"' in client.get(event.get_absolute_url()).text


def test_a_moved_online_event_says_online_where_it_was_to_take_place(client):
    china = CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN")
    event = EventFactory(
        country=china,
        city="Beijing",
        venue="Friendship Hotel",
        event_status=Event.EventStatus.MOVED_ONLINE,
    )

    html = client.get(event.get_absolute_url()).text

    assert text_of(re.search(r'<p class="event-when">(.*?)</p>', html, re.S)[1]).endswith(
        "· Online"
    )
    facts = re.search(r'<dl class="facts">(.*?)</dl>', html, re.S)[1]
    assert "<dt>Venue</dt><dd>Online</dd>" in facts
    assert "Beijing" not in facts and "Friendship Hotel" not in facts
    # Still the country's event: its filter and its page list it.
    assert '<dd><a href="/countries/china/">China</a></dd>' in facts


def test_a_hybrid_event_shows_its_venue_and_online(client):
    event = EventFactory(city="Seoul", venue="City Hall", is_online=True)

    html = client.get(event.get_absolute_url()).text

    assert "<dt>Venue</dt><dd>City Hall, Seoul; Online</dd>" in html


def test_the_calendar_styles_are_small_and_only_on_the_pages_that_use_them(client, settings):
    css = (settings.BASE_DIR / "static" / "css" / "calendar.css").read_text()
    event = EventFactory()
    link = '<link rel="stylesheet" href="/static/css/calendar.css">'

    assert len(css.encode()) < 4 * 1024
    assert "@import" not in css and "url(" not in css
    for url in (MONTH, "/events/", event.get_absolute_url()):
        assert link in client.get(url).text, url
    assert link not in client.get("/").text


def test_previews_and_share_links_offer_no_add_to_calendar(editor_client, client):
    draft = EventFactory(slug="a-draft", status=Event.Status.DRAFT, published_at=None)
    preview = editor_client.get(admin_url(Event, "preview", draft.pk)).text
    shared = client.get(create_link(editor_client, draft).get_absolute_url()).text

    for html in (preview, shared):
        assert "Preview, not published" in html
        assert "add-to-calendar" not in html and "a-draft.ics" not in html
    assert client.get("/events/a-draft.ics").status_code == 404
