"""Spreadsheet import of events: dates, times, places and scheduling.

The shared rules (whole file or nothing, roles, round trip, filtered export) are tested in
tests/unesco_office/test_import_export.py, whose helpers these tests use.
"""

import datetime
import io

import openpyxl
import pytest

from events.models import Event
from tests.unesco_office.test_import_export import (
    csv_file,
    import_file,
    preview,
    problems,
    variety,
)

pytestmark = pytest.mark.django_db

FORUM = {
    "slug": "youth-forum",
    "title_en": "Youth Forum",
    "title_zh_hans": "青年论坛",
    "kind": "forum",
    "start_date": "2026-11-02",
    "end_date": "2026-11-04",
    "start_time": "09:30",
    "end_time": "12:00",
    "country": "japan",
    "city_en": "Tokyo",
    "sectors": "culture",
}


def test_an_event_with_days_times_and_translations_is_added(publisher_client):
    variety()

    import_file(publisher_client, Event, csv_file([FORUM]))

    event = Event.objects.get(slug="youth-forum")
    assert (event.start_date, event.end_date) == (
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 4),
    )
    assert (event.start_time, event.end_time) == (datetime.time(9, 30), datetime.time(12))
    assert event.title_zh_hans == "青年论坛"
    assert event.country.slug == "japan" and event.tzinfo.key == "Asia/Tokyo"
    assert list(event.sectors.values_list("slug", flat=True)) == ["culture"]


def test_an_event_is_placed_on_the_maps_by_its_coordinates(publisher_client):
    variety()

    import_file(
        publisher_client,
        Event,
        csv_file([FORUM | {"latitude": "35.6762", "longitude": "139.6503"}]),
    )

    event = Event.objects.get(slug="youth-forum")
    assert (str(event.latitude), str(event.longitude)) == ("35.676200", "139.650300")


def test_a_one_day_event_needs_no_end_date(publisher_client):
    row = {"slug": "one-day", "title_en": "One Day", "start_date": "2026-11-02", "is_online": "yes"}

    import_file(publisher_client, Event, csv_file([row]))

    event = Event.objects.get(slug="one-day")
    assert event.end_date == event.start_date and event.is_online


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"start_date": "02/11/2026"}, "“02/11/2026” is not a date: write dates as YYYY-MM-DD"),
        ({"start_time": "9h30"}, "“9h30” is not a time: write times as HH:MM"),
        ({"end_date": "2026-11-01"}, "The end date is before the start date."),
        (
            {"end_date": "", "end_time": "08:00"},
            "On a one-day event the end time is before the start.",
        ),
        ({"start_date": "1900-01-01", "end_date": ""}, "Event dates lie between 1945 and 2100."),
        ({"time_zone": "Asia/Atlantis"}, "row 2, time_zone:"),
        (
            {"registration_url": "javascript:alert(1)"},
            "row 2, registration_url: Enter a valid URL.",
        ),
        ({"sites": "nowhere"}, "row 2, sites: There is no site with the slug “nowhere”."),
        ({"published_at": "soon"}, "“soon” is not a date and time"),
        ({"latitude": "35.68"}, "Give both latitude and longitude, or neither."),
        ({"latitude": "95", "longitude": "139.7"}, "row 2, latitude:"),
    ],
)
def test_an_event_row_the_model_refuses_is_named(publisher_client, values, message):
    variety()

    text = problems(preview(publisher_client, Event, csv_file([FORUM | values])))

    assert "Nothing was imported: row 2 has problems." in text
    assert message in text
    assert not Event.objects.filter(slug="youth-forum").exists()


def test_a_publisher_schedules_an_event_with_a_publication_time(publisher_client):
    variety()
    row = FORUM | {"status": "published", "published_at": "2030-01-01 09:00"}

    import_file(publisher_client, Event, csv_file([row]))

    event = Event.objects.get(slug="youth-forum")
    assert event.is_scheduled
    assert event.published_at == datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC)


def test_a_workbook_with_date_and_number_cells_is_read(publisher_client):
    variety()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["slug", "title_en", "start_date", "start_time", "is_online", "city_en"])
    sheet.append(
        ["typed", "Typed cells", datetime.datetime(2026, 11, 2), datetime.time(9, 30), True, 2026]
    )
    out = io.BytesIO()
    workbook.save(out)

    import_file(publisher_client, Event, out.getvalue(), "events.xlsx")

    event = Event.objects.get(slug="typed")
    assert (event.start_date, event.start_time) == (
        datetime.date(2026, 11, 2),
        datetime.time(9, 30),
    )
    assert event.is_online and event.city == "2026"


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(publisher_client):
    rows = [
        {"slug": "a", "title_en": "A", "start_date": "2026-11-02"},
        {},
        {"slug": "c", "title_en": "C", "start_date": "someday"},
    ]

    text = problems(
        preview(publisher_client, Event, csv_file(rows, ["slug", "title_en", "start_date"]))
    )

    assert "Nothing was imported: row 4 has problems." in text
    assert not Event.objects.exists()
