"""/events/?<filters>&format=csv|json: the whole filtered event list as open data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import translation

from events.filters import EventFilter
from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory
from tests.opendata import body, read_csv, read_json
from unesco_office.core.models import Publishable
from unesco_office.public import downloads

pytestmark = pytest.mark.django_db

URL = reverse("events:list")
NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()
COLUMNS = [
    "id",
    "title",
    "url",
    "kind",
    "start_date",
    "end_date",
    "start_time",
    "end_time",
    "time_zone",
    "starts_at",
    "ends_at",
    "event_status",
    "previous_start_date",
    "previous_end_date",
    "online",
    "country",
    "country_iso3",
    "city",
    "venue",
    "sectors",
    "summary",
    "registration_url",
    "updated_at",
]


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def places():
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "korea": CountryFactory(
            name="Republic of Korea",
            slug="republic-of-korea",
            iso2="KR",
            iso3="KOR",
            time_zone="Asia/Seoul",
            order=1,
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT"),
        "education": SectorFactory(name="Education", slug="education", code="ED", order=1),
        "hidden": SectorFactory(
            name="Hidden", slug="hidden", code="HID", status=Publishable.Status.DRAFT
        ),
    }


@pytest.fixture
def forum(places):
    """A timed event on two days in Seoul, in two sectors (and a draft one)."""
    return EventFactory(
        title="Heritage Forum",
        slug="heritage-forum",
        kind=Event.Kind.FORUM,
        start_date=day(2),
        end_date=day(3),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
        country=places["korea"],
        city="Seoul",
        venue="National Museum",
        summary="Site managers meet.",
        registration_url="https://example.org/register",
        sectors=[places["education"], places["hidden"], places["culture"]],
    )


# --- CSV -------------------------------------------------------------------------------------


def test_csv_has_a_header_and_a_row_for_each_event(client, forum):
    rows = read_csv(client.get(URL, {"format": "csv"}))

    assert list(rows[0]) == COLUMNS
    assert rows == [
        {
            "id": str(forum.pk),
            "title": "Heritage Forum",
            "url": "http://testserver/events/heritage-forum/",
            "kind": "forum",
            "start_date": "2026-06-12",
            "end_date": "2026-06-13",
            "start_time": "09:30",
            "end_time": "17:00",
            "time_zone": "Asia/Seoul",
            "starts_at": "2026-06-12T09:30:00+09:00",
            "ends_at": "2026-06-13T17:00:00+09:00",
            "event_status": "scheduled",
            "previous_start_date": "",
            "previous_end_date": "",
            "online": "false",
            "country": "Republic of Korea",
            "country_iso3": "KOR",
            "city": "Seoul",
            "venue": "National Museum",
            # Published sectors only, in their order, as on the page.
            "sectors": "Culture; Education",
            "summary": "Site managers meet.",
            "registration_url": "https://example.org/register",
            "updated_at": "2026-06-10T09:00:00+00:00",
        }
    ]


def test_csv_leaves_empty_what_is_not_known(client, places):
    EventFactory(title="Online talk", country=None, city="", is_online=True, start_date=day(1))

    (row,) = read_csv(client.get(URL, {"format": "csv"}))

    assert row["online"] == "true"
    assert row["time_zone"] == "UTC"  # no country: the site's own time zone
    for column in ("start_time", "starts_at", "country", "country_iso3", "city", "sectors"):
        assert row[column] == "", column


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]
)
def test_a_title_that_looks_like_a_formula_is_neutralised_in_csv_only(client, places, title):
    EventFactory(title=title, summary="=1+1", city="-Seoul", start_date=day(1))

    (row,) = read_csv(client.get(URL, {"format": "csv"}))
    (record,) = read_json(client.get(URL, {"format": "json"}))["events"]

    assert row["title"] == "'" + title
    assert row["summary"] == "'=1+1"
    assert row["city"] == "'-Seoul"
    assert record["title"] == title


def test_a_harmless_title_is_left_as_it_is(client, places):
    EventFactory(title='A "quoted", comma; and = sign', start_date=day(1))

    (row,) = read_csv(client.get(URL, {"format": "csv"}))

    assert row["title"] == 'A "quoted", comma; and = sign'


# --- JSON ------------------------------------------------------------------------------------


def test_json_is_one_document_with_typed_values(client, forum):
    document = read_json(client.get(URL, {"format": "json", "country": "republic-of-korea"}))

    assert document["title"] == "Upcoming events"
    assert document["url"] == "http://testserver/events/?country=republic-of-korea"
    assert document["language"] == "en"
    (event,) = document["events"]
    assert list(event) == COLUMNS
    assert event["id"] == forum.pk
    assert event["online"] is False
    assert event["sectors"] == ["Culture", "Education"]
    assert event["starts_at"] == "2026-06-12T09:30:00+09:00"
    assert event["start_date"] == "2026-06-12"
    assert event["url"] == "http://testserver/events/heritage-forum/"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"event_status": "cancelled"}, ("cancelled", "", "", "false")),
        ({"event_status": "postponed"}, ("postponed", "", "", "false")),
        (
            {
                "event_status": "rescheduled",
                "previous_start_date": day(-20),
                "previous_end_date": day(-19),
            },
            ("rescheduled", "2026-05-21", "2026-05-22", "false"),
        ),
        (
            {"event_status": "rescheduled", "previous_start_date": day(-20)},
            ("rescheduled", "2026-05-21", "2026-05-21", "false"),
        ),
        # Dates kept from an earlier rescheduling are not shown once it is held as announced.
        (
            {"event_status": "scheduled", "previous_start_date": day(-20)},
            ("scheduled", "", "", "false"),
        ),
        # Held online since it moved; its city and venue stay: where it was planned.
        ({"event_status": "moved-online"}, ("moved-online", "", "", "true")),
        ({"is_online": True}, ("scheduled", "", "", "true")),
    ],
)
def test_downloads_say_whether_an_event_is_held_as_announced(client, places, fields, expected):
    EventFactory(city="Seoul", venue="City Hall", country=places["korea"], **fields)

    (row,) = read_csv(client.get(URL, {"format": "csv"}))
    (record,) = read_json(client.get(URL, {"format": "json"}))["events"]

    columns = ("event_status", "previous_start_date", "previous_end_date", "online")
    assert tuple(row[column] for column in columns) == expected
    assert (row["city"], row["venue"]) == ("Seoul", "City Hall")
    assert record["event_status"] == expected[0]
    assert record["previous_start_date"] == (expected[1] or None)
    assert record["online"] is (expected[3] == "true")


def test_json_uses_null_for_what_is_not_known(client, places):
    EventFactory(title="Online talk", country=None, city="", is_online=True, start_date=day(1))

    (event,) = read_json(client.get(URL, {"format": "json"}))["events"]

    assert event["country"] is event["starts_at"] is event["registration_url"] is None
    assert event["sectors"] == []


def test_an_empty_list_is_an_empty_array(client, places):
    document = read_json(client.get(URL, {"format": "json"}))

    assert document["events"] == []


# --- The list it comes from ------------------------------------------------------------------


def test_download_holds_the_whole_filtered_list_in_its_order(client, places):
    for i in range(30):
        EventFactory(
            title=f"Steppe {i:02}", country=places["mongolia"], start_date=day(30 - i), kind="forum"
        )
    EventFactory(title="Seoul", country=places["korea"])
    EventFactory(title="Gone", country=places["mongolia"], start_date=day(-3))
    query = {"country": "mongolia", "kind": "forum", "page": "2"}

    rows = read_csv(client.get(URL, {**query, "format": "csv"}))
    records = read_json(client.get(URL, {**query, "format": "json"}))["events"]

    expected = [e.title for e in EventFilter(query, queryset=Event.objects.published()).qs]
    assert len(expected) == 30  # more than one page of the list, which shows 12
    assert [row["title"] for row in rows] == expected == [r["title"] for r in records]
    assert expected[0] == "Steppe 29"  # soonest first, as on the page


def test_drafts_scheduled_and_expired_events_are_left_out_until_their_time(client, places):
    EventFactory(title="Live", start_date=day(5))
    EventFactory(title="Draft", status=Publishable.Status.DRAFT, published_at=None)
    EventFactory(title="Scheduled", published_at=NOW + datetime.timedelta(hours=1))
    EventFactory(title="Expiring", unpublish_at=NOW + datetime.timedelta(hours=1))

    now = [row["title"] for row in read_csv(client.get(URL, {"format": "csv"}))]
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        later = [row["title"] for row in read_csv(client.get(URL, {"format": "csv"}))]

    assert sorted(now) == ["Expiring", "Live"]
    assert sorted(later) == ["Live", "Scheduled"]


def test_french_download_has_french_texts_and_falls_back_to_english(client, places, forum):
    korea, culture = places["korea"], places["culture"]
    korea.name_fr = "République de Corée"
    korea.save()
    culture.name_fr = "Culture (fr)"
    culture.save()
    forum.title_fr = "Forum du patrimoine"
    forum.save()

    with translation.override("fr"):
        url = reverse("events:list")
    (row,) = read_csv(client.get(url, {"format": "csv"}))
    document = read_json(client.get(url, {"format": "json"}))

    assert row["title"] == "Forum du patrimoine"
    assert row["url"] == "http://testserver/fr/events/heritage-forum/"
    assert row["country"] == "République de Corée"
    assert row["sectors"] == "Culture (fr); Education"  # Education has no French name
    assert row["summary"] == "Site managers meet."  # no French summary: the English one
    assert row["venue"] == "National Museum"
    assert document["language"] == "fr"
    assert document["title"] == "Événements à venir"


def test_chinese_download_is_utf8(client, places):
    EventFactory(title="Forum", title_zh_hans="遗产论坛", start_date=day(1))

    (row,) = read_csv(client.get("/zh-hans/events/", {"format": "csv"}))

    assert row["title"] == "遗产论坛"


def test_downloads_are_attachments_named_for_the_list(client, places):
    csv_response = client.get(URL, {"format": "csv"})
    json_response = client.get(URL, {"format": "json"})

    assert csv_response["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert json_response["Content-Disposition"] == 'attachment; filename="events.json"'


# --- Bad addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize("data_format", ["csv", "json"])
def test_filters_it_cannot_use_give_a_400_that_says_why(client, places, data_format):
    EventFactory(country=places["mongolia"])

    response = client.get(URL, {"format": data_format, "country": ["mongolia", "atlantis"]})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text == (
        "Part of this address cannot be used, so no feed or download was made from it. The "
        "list page with the same address says:\n"
        "\n"
        "- Country: nothing matches “atlantis”, so it was left out.\n"
        "\n"
        "A feed or a download is made only from an address that can be used whole, so that it "
        "never holds more than was asked for. The list page: "
        "http://testserver/events/?country=mongolia&country=atlantis\n"
    )


def test_an_unknown_format_shows_the_page_and_says_so(client, places):
    EventFactory(title="Soon", start_date=day(1))

    response = client.get(URL, {"format": "<xlsx>"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert (
        "The format “&lt;xlsx&gt;” is unknown (CSV and JSON can be downloaded), so the page is shown."
        in response.text
    )


def test_list_page_offers_both_downloads_of_its_own_filters(client, places):
    html = client.get(URL, {"country": "mongolia", "page": "2", "format": ""}).text

    assert (
        'Download: <a href="/events/?country=mongolia&amp;format=csv" rel="nofollow">CSV</a> · '
        '<a href="/events/?country=mongolia&amp;format=json" rel="nofollow">JSON</a>'
    ) in html


# --- Streaming and queries -------------------------------------------------------------------


def make_events(n, places):
    for i in range(n):
        EventFactory(
            title=f"Forum {i}",
            country=[places["mongolia"], places["korea"]][i % 2],
            start_date=day(i % 20 - 3),
            sectors=[places["culture"], places["education"]][: i % 2 + 1],
        )


@pytest.mark.parametrize("data_format", ["csv", "json"])
@pytest.mark.parametrize("query", ["", "country=mongolia&sector=culture&when=all&q=forum"])
def test_download_runs_four_queries_for_5_or_50_events(
    client, places, django_assert_num_queries, data_format, query
):
    make_events(5, places)
    # The change stamp (ETag), the filters' choices (and sector names), the size (counted
    # up to DOWNLOAD_STREAM_ROWS + 1), the rows; with a search, the editors' synonyms and how
    # long the cache may keep them (the next scheduled change), read once after a change of
    # content, as here.
    expected = 6 if "q=" in query else 4
    with django_assert_num_queries(expected):
        few = body(client.get(f"{URL}?{query}&format={data_format}"))
    make_events(45, places)
    with django_assert_num_queries(expected):
        many = body(client.get(f"{URL}?{query}&format={data_format}"))

    assert len(many) > len(few) * 5


def test_download_is_streamed_from_a_chunked_cursor(client, places, monkeypatch):
    make_events(25, places)
    monkeypatch.setattr(downloads, "CHUNK_SIZE", 10)
    monkeypatch.setattr("events.downloads.CHUNK_SIZE", 10)
    cursors = []
    original = connection.chunked_cursor
    monkeypatch.setattr(connection, "chunked_cursor", lambda: cursors.append(1) or original())

    response = client.get(URL, {"format": "csv", "when": "all"})
    chunks = list(response.streaming_content)

    assert response.streaming
    # The rows are written out ten at a time, as the cursor gives them: 10, 10 and 5.
    assert len(chunks) == 3
    assert [chunk.count(b"\r\n") for chunk in chunks] == [11, 10, 5]
    assert cursors == [1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="server-side cursors: PostgreSQL")
def test_postgresql_reads_the_rows_through_a_named_server_side_cursor(client, places, monkeypatch):
    make_events(30, places)
    monkeypatch.setattr(downloads, "CHUNK_SIZE", 10)
    monkeypatch.setattr("events.downloads.CHUNK_SIZE", 10)

    response = client.get(URL, {"format": "json", "when": "all"})
    stream = iter(response.streaming_content)
    next(stream)  # the first ten rows
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
        open_cursors = cursor.fetchall()
    rest = list(stream)

    # While the download is half written, its query is still open on the server.
    assert len(open_cursors) == 1
    assert len(rest) == 3
