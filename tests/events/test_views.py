"""The public event list at /events/: form, counts, pagination, bad addresses, query budget."""

import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

URL = reverse("events:list")
TODAY = datetime.date(2026, 6, 10)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def places():
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "japan": CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN", order=1),
        "korea": CountryFactory(
            name="Republic of Korea",
            slug="republic-of-korea",
            iso2="KR",
            iso3="KOR",
            time_zone="Asia/Seoul",
            order=2,
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT"),
        "education": SectorFactory(name="Education", slug="education", code="ED"),
    }


def text_of(html):
    return " ".join(strip_tags(html).split())


def status_of(html):
    return text_of(re.search(r'<p class="result-count" role="status">(.*?)</p>', html, re.S)[1])


def problems_of(html):
    box = re.search(r'<div class="message message--error filter-problems".*?</div>', html, re.S)
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", box[0], re.S)] if box else []


def card_titles(html):
    return [text_of(t) for t in re.findall(r'<h2 class="card__title">(.*?)</h2>', html, re.S)]


# --- The page ------------------------------------------------------------------------------


def test_list_has_a_plain_get_form_with_a_count_beside_each_choice(client, places):
    EventFactory.create_batch(2, country=places["mongolia"], sectors=[places["culture"]])
    EventFactory(country=places["japan"], kind=Event.Kind.FORUM)

    response = client.get(URL)
    html = response.text

    assert response.templates[0].name == "events/event_filter.html"
    assert re.search(r'<form class="filter" method="get" action="/events/"', html)
    assert '<input type="search" name="q" id="filter-q" value="" maxlength="100">' in html
    assert re.search(
        r'<input type="checkbox" name="country" value="mongolia"> Mongolia '
        r'<span class="filter__count" aria-hidden="true">2</span>'
        r'<span class="visually-hidden">, 2 events</span>',
        html,
    )
    assert (
        'name="country" value="japan"> Japan <span class="filter__count" aria-hidden="true">1<'
        in html
    )
    assert (
        'name="sector" value="culture"> Culture <span class="filter__count" aria-hidden="true">2<'
        in html
    )
    assert (
        'name="kind" value="forum"> Forum <span class="filter__count" aria-hidden="true">1<' in html
    )
    assert '<input type="radio" name="when" value="upcoming" checked> Upcoming' in html
    assert '<input type="date" name="from" id="filter-from" value="">' in html
    assert '<button class="button" type="submit">Show events</button>' in html
    assert status_of(html) == "3 events"
    assert "Clear filters" not in html
    assert 'name="robots"' not in html


def test_filtered_list_keeps_the_choices_announces_the_count_and_offers_a_reset(client, places):
    EventFactory(title="Steppe Forum", country=places["mongolia"], sectors=[places["culture"]])
    EventFactory(title="Tokyo Forum", country=places["japan"], sectors=[places["culture"]])
    EventFactory(title="Seoul Forum", country=places["korea"])

    html = client.get(URL, {"country": ["mongolia", "japan"], "sector": "culture"}).text

    assert sorted(card_titles(html)) == ["Steppe Forum", "Tokyo Forum"]
    assert status_of(html) == "2 events"
    assert 'name="country" value="mongolia" checked> Mongolia' in html
    assert 'name="country" value="japan" checked> Japan' in html
    assert 'name="country" value="republic-of-korea"> Republic of Korea' in html
    assert '<a href="/events/">Clear filters</a>' in html
    # Shareable, but not a page for search engines to index once per combination.
    assert '<meta name="robots" content="noindex">' in html
    assert problems_of(html) == []


def test_events_show_when_and_where_in_unesco_form(client, places):
    EventFactory(
        title="Heritage Forum",
        start_date=day(134),
        end_date=day(137),
        country=places["korea"],
        city="Seoul",
    )

    html = client.get(URL).text

    assert "22–25 October 2026 · Seoul, Republic of Korea" in text_of(html)


@pytest.mark.parametrize(
    ("when", "heading"),
    [("upcoming", "Upcoming events"), ("past", "Past events"), ("all", "Events")],
)
def test_heading_names_the_period(client, when, heading):
    html = client.get(URL, {"when": when}).text

    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading} ·" in html


def test_no_match_offers_all_dates_and_a_reset(client, places):
    EventFactory(country=places["mongolia"], start_date=day(-30))

    html = client.get(URL, {"country": "mongolia"}).text

    assert status_of(html) == "0 events"
    assert "No events match these filters." in html
    assert '<a href="?country=mongolia&amp;when=all">Look at all dates</a>' in html


def test_empty_site_says_there_are_no_upcoming_events(client):
    html = client.get(URL).text

    assert "No upcoming events yet." in html
    assert status_of(html) == "0 events"


# --- Pagination ------------------------------------------------------------------------------


def test_pages_of_twelve_keep_every_filter(client, places):
    for i in range(26):
        EventFactory(
            title=f"Forum {i:02}",
            country=places["mongolia"],
            sectors=[places["culture"]],
            start_date=day(i + 1),
        )
    EventFactory(title="Elsewhere", country=places["japan"])
    params = "country=mongolia&sector=culture&q=forum"

    first = client.get(f"{URL}?{params}").text
    second = client.get(f"{URL}?{params}&page=2")
    html = second.text

    assert card_titles(first) == [f"Forum {i:02}" for i in range(12)]
    assert f'href="?{params.replace("&", "&amp;")}&amp;page=2" rel="next"' in first
    assert card_titles(html) == [f"Forum {i:02}" for i in range(12, 24)]
    assert f'href="?{params.replace("&", "&amp;")}&amp;page=3" rel="next"' in html
    assert f'href="?{params.replace("&", "&amp;")}&amp;page=1" rel="prev"' in html
    assert status_of(html) == "26 events, page 2 of 3"
    assert "<title>Upcoming events · page 2 ·" in html


@pytest.mark.parametrize(
    ("page", "shown", "problem"),
    [
        ("999", 3, "There is no such page, so page 3 of 3 is shown."),
        ("9" * 5000, 1, "The page number is not a number, so the first page is shown."),
        ("0", 1, "There is no such page, so page 1 of 3 is shown."),
        ("-2", 1, "There is no such page, so page 1 of 3 is shown."),
        ("abc", 1, "The page number is not a number, so the first page is shown."),
        ("2.5", 1, "The page number is not a number, so the first page is shown."),
        ("last", 3, None),
        ("", 1, None),
    ],
)
def test_a_page_that_does_not_exist_shows_the_nearest_one_and_says_so(client, page, shown, problem):
    for i in range(30):
        EventFactory(title=f"Event {i:02}", start_date=day(i + 1))

    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert card_titles(response.text)[0] == f"Event {(shown - 1) * 12:02}"
    assert problems_of(response.text) == ([problem] if problem else [])


# --- Values it cannot use --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("country=atlantis", "Country: nothing matches “atlantis”, so it was left out."),
        ("sector=astrology", "Sector: nothing matches “astrology”, so it was left out."),
        ("kind=picnic", "Kind of event: nothing matches “picnic”, so it was left out."),
        ("from=2026-13-01", "“From” is not a date such as 2026-10-22, so it was not used."),
        ("to=99999999999999999999", "“To” is not a date such as 2026-10-22, so it was not used."),
        (
            "from=2026-09-01&to=2026-08-01",
            "The “from” date is after the “to” date, so the dates were not used.",
        ),
        ("when=%00", "The period in the address is unknown, so upcoming events are shown."),
        ("q=" + "x" * 5000, "The search is longer than 100 characters, so it was not used."),
        (
            "q=forum%00",
            "The search holds characters that cannot be searched for, so it was not used.",
        ),
        ("country=%00%FF%FE", "Country: nothing matches “��”, so it was left out."),
        ("country=" + "a" * 5000, f"Country: nothing matches “{'a' * 39}…”, so it was left out."),
        (
            "&".join(f"sector=s{i}" for i in range(200)),
            "Sector: more than 50 values, so this filter was not used.",
        ),
    ],
)
def test_a_value_it_cannot_use_shows_a_message_and_the_unfiltered_list(
    client, places, query, problem
):
    EventFactory(title="Soon", country=places["mongolia"], start_date=day(5))
    EventFactory(title="Over", country=places["mongolia"], start_date=day(-5))

    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert problems_of(response.text) == [problem]
    assert card_titles(response.text) == ["Soon"]


@pytest.mark.parametrize(
    "name", ["country", "sector", "kind", "when", "from", "to", "q", "page", "id"]
)
def test_a_huge_number_in_any_parameter_is_harmless(client, places, name):
    EventFactory(title="Soon", country=places["mongolia"])
    huge = str(2**64 + 1)

    response = client.get(URL, {name: huge})

    assert response.status_code == 200
    # A search for the number finds nothing; everywhere else it is an unknown value.
    assert card_titles(response.text) == ([] if name == "q" else ["Soon"])


def test_repeated_parameters_are_read_once(client, places):
    EventFactory(title="Soon", country=places["mongolia"])

    response = client.get(
        f"{URL}?country=mongolia&country=mongolia&when=past&when=upcoming&page=7&page=1"
    )

    assert response.status_code == 200
    assert card_titles(response.text) == ["Soon"]
    assert problems_of(response.text) == []


def test_unknown_parameters_are_ignored(client, places):
    EventFactory(title="Soon", country=places["mongolia"])

    html = client.get(URL, {"utm_source": "newsletter", "country__id": "1"}).text

    assert card_titles(html) == ["Soon"]
    assert problems_of(html) == []


# --- Query budget ----------------------------------------------------------------------------


def make_events(n, places):
    kinds = [Event.Kind.FORUM, Event.Kind.WORKSHOP, Event.Kind.CONFERENCE]
    for i in range(n):
        EventFactory(
            title=f"Forum {i}",
            country=[places["mongolia"], places["japan"]][i % 2],
            kind=kinds[i % 3],
            start_date=day(i * 7 % 40 - 10),
            sectors=[places["culture"], places["education"]][: i % 2 + 1],
        )


FILTERED = (
    "country=mongolia&country=japan&sector=culture&sector=atlantis&kind=forum&kind=workshop"
    "&when=all&from=2026-01-01&to=2026-12-31&q=forum"
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The office profile and the page's events (with their sectors' ids and the
        # coordinates of the related sites that place them on the map): the counts come from
        # the list's summary, kept until the content changes.
        ("", 2),
        ("country=japan&sector=culture&when=all", 2),
        # A search or dates: the facet counts (with the total) are one more query, and for
        # all dates the upcoming events' count another (the page reads them before the past).
        (FILTERED, 4),
    ],
    ids=["unfiltered", "facets", "filtered"],
)
def test_queries_are_fixed_whatever_the_rows_and_filters(client, places, query, expected, uncached):
    OfficeProfile.objects.create(name="UNESCO Testing")
    make_events(5, places)
    client.get(f"{URL}?{query}")  # summarises the list
    with CaptureQueriesContext(connection) as few:
        small = client.get(f"{URL}?{query}")
    make_events(50, places)
    client.get(f"{URL}?{query}")

    with CaptureQueriesContext(connection) as many:
        large = client.get(f"{URL}?{query}")

    assert len(few) == len(many) == expected, [q["sql"] for q in many.captured_queries]
    assert len(large.context["object_list"]) == 12
    assert large.context["paginator"].count > small.context["paginator"].count


def test_after_a_change_the_list_is_summarised_once(client, places, uncached):
    OfficeProfile.objects.create(name="UNESCO Testing")
    make_events(5, places)

    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    with CaptureQueriesContext(connection) as second:
        client.get(URL)

    # The profile; the facets' choices, the rows grouped by facet values, the longest event
    # and the next scheduled change (the summary); the page's events (with their sectors'
    # ids and the coordinates of the sites that place them on the map).
    assert len(first) == 6, [q["sql"] for q in first.captured_queries]
    assert len(second) == 2


def test_the_list_kept_per_process_is_not_changed_by_the_requests_it_serves(
    client, places, uncached
):
    """The list's queryset is built once per process (events.views.list_events): the SQL of
    a page stays the same whatever other pages were served in between."""
    make_events(5, places)
    query = f"{URL}?country=mongolia&sector=culture&page=1"

    def page_sql():
        with CaptureQueriesContext(connection) as queries:
            client.get(query)
        # The times the query compares with are those at which it ran.
        return [re.sub(r"'\d{4}-\d\d-\d\d[ T][\d:.+]+'", "<time>", q["sql"]) for q in queries]

    client.get(query)  # summarises the list
    before = page_sql()
    for other in ["?q=forum", f"?{FILTERED}", "?when=past&page=2", "?q=forum&when=all&kind=forum"]:
        for language in ["", "/fr", "/zh-hans"]:
            assert client.get(f"{language}{URL}{other}").status_code == 200

    assert page_sql() == before


def test_the_form_works_from_a_real_query_string(client, places):
    """What a browser sends when the form is submitted unchanged, plus one ticked country."""
    EventFactory(title="Steppe Forum", country=places["mongolia"])
    EventFactory(title="Tokyo Forum", country=places["japan"])
    query = urlencode({"q": "", "country": "mongolia", "when": "upcoming", "from": "", "to": ""})

    html = client.get(f"{URL}?{query}").text

    assert card_titles(html) == ["Steppe Forum"]
    assert problems_of(html) == []


def filter_summary_of(html):
    found = re.search(r'<p class="filter-summary">(.*?)</p>', html, re.S)
    return text_of(found[1]) if found else None


def test_the_printed_list_says_what_it_is_filtered_by(client, places):
    """The form is not printed: a line says what it selected, without what it could not use."""
    EventFactory(title="Steppe Forum", country=places["mongolia"], sectors=[places["culture"]])
    query = "country=mongolia&country=atlantis&sector=culture&kind=forum&q=steppe&from=2026-06-01"

    html = client.get(f"{URL}?{query}").text

    assert filter_summary_of(html) == (
        "Filtered by: Search: “steppe”; Country: Mongolia; Sector: Culture; "
        "Kind of event: Forum; From: 1 June 2026"
    )
    assert filter_summary_of(client.get(URL).text) is None
    assert filter_summary_of(client.get(f"{URL}?when=past&country=atlantis").text) is None


def test_the_printed_list_says_it_in_the_page_language(client, places):
    places["mongolia"].name_fr = "Mongolie"
    places["mongolia"].save()
    EventFactory(title="Steppe Forum", country=places["mongolia"])

    html = client.get("/fr/events/?country=mongolia&q=steppe").text
    chinese = client.get("/zh-hans/events/?country=mongolia").text

    assert filter_summary_of(html) == "Filtré par : Recherche : « steppe » ; Pays : Mongolie"
    # French typography: never a line break before a colon, a semicolon or a closing «».
    line = re.search(r'<p class="filter-summary">(.*?)</p>', html, re.S)[1]
    assert line.count("\u00a0:") == 3 and line.count("\u00a0;") == 1
    assert "«\u00a0steppe\u00a0»" in line and " :" not in line and " ;" not in line
    # No space after a full-width colon.
    assert filter_summary_of(chinese) == "筛选条件：国家：Mongolia"


def test_french_page_names_the_choices_in_french_and_keeps_the_slugs(client, places):
    mongolia = places["mongolia"]
    mongolia.name_fr = "Mongolie"
    mongolia.save()
    EventFactory(title="Steppe Forum", country=mongolia)

    # The request switches the thread to French; the override switches it back afterwards.
    with translation.override("fr"):
        url = reverse("events:list")
        html = client.get(url, {"country": "mongolia"}).text

    assert url == "/fr/events/"
    assert 'name="country" value="mongolia" checked> Mongolie <span' in html
    assert f'<form class="filter" method="get" action="{url}"' in html
    assert card_titles(html) == ["Steppe Forum"]


@pytest.mark.parametrize("query", ["when=all", "when=all&country=japan&sector=culture"])
def test_all_dates_are_upcoming_then_past_on_every_page(client, places, query, uncached):
    """Read as two queries in date order (see UpcomingThenPast): the pages join up exactly as
    the one sorted query of a search gives them."""
    make_events(40, places)
    url = f"{URL}?{query}"
    client.get(url)  # summarises the list

    last = client.get(url).context["paginator"].num_pages
    pages = [client.get(f"{url}&page={n}").context["object_list"] for n in range(1, last + 1)]
    # A search (every event's title has "Forum") is sorted in one query: the same order.
    searched = [client.get(f"{url}&q=forum&page={n}").context["object_list"] for n in (1, 2, 3, 4)]

    events = [event for page in pages for event in page]
    today = TODAY
    upcoming = [e for e in events if e.end_date >= today]
    past = [e for e in events if e.end_date < today]
    assert events == upcoming + past
    assert upcoming == sorted(upcoming, key=lambda e: (e.start_date, e.title))
    assert past == sorted(past, key=lambda e: e.start_date, reverse=True)
    filters = {"country__slug": "japan", "sectors__slug": "culture"} if "japan" in query else {}
    assert len(events) == len(set(events)) == Event.objects.published().filter(**filters).count()
    assert [e for page in searched for e in page][: len(events)] == events


def test_a_page_of_all_dates_that_straddles_today_runs_one_query_more(client, places, uncached):
    make_events(20, places)
    url = f"{URL}?when=all&page=2"
    client.get(url)
    second = client.get(url).context["object_list"]
    assert second[0].end_date >= TODAY > second[-1].end_date  # today falls on page 2

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    # The profile, the upcoming and the past events of the page.
    assert len(queries) == 3, [q["sql"] for q in queries.captured_queries]


def test_cards_name_the_published_sectors_in_the_page_language_and_order(client, places):
    hidden = SectorFactory(name="Hidden", slug="hidden", status="draft", published_at=None)
    places["culture"].name_fr = "Culture FR"
    places["culture"].save()
    EventFactory(
        title="Forum",
        country=places["mongolia"],
        sectors=[places["culture"], hidden, places["education"]],
    )

    english = client.get(URL).text
    french = client.get(f"/fr{URL}").text

    # As the sector filter lists them (by order, then name), the draft one left out.
    assert re.findall(r'<span class="badge badge--quiet">([^<]*)</span>', english) == [
        "Culture",
        "Education",
    ]
    assert "Culture FR" in re.findall(r'<span class="badge badge--quiet">([^<]*)</span>', french)
