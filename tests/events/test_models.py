import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event
from tests.factories import CountryFactory, EventFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@time_machine.travel(datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_upcoming_includes_events_still_running_soonest_first_and_past_is_the_rest():
    running = EventFactory(start_date=day(-2), end_date=day(1))
    later = EventFactory(start_date=day(5), end_date=day(5))
    today = EventFactory(start_date=day(0), end_date=day(0))
    ended = EventFactory(start_date=day(-3), end_date=day(-1))
    long_ago = EventFactory(start_date=day(-30), end_date=day(-30))

    assert list(Event.objects.upcoming()) == [running, today, later]
    assert list(Event.objects.past()) == [ended, long_ago]


@time_machine.travel(datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_upcoming_bounded_keeps_every_event_not_over_yet_however_long_it_lasts():
    """The bound is the longest event, kept until the content changes: a longer one added
    later widens it at once."""
    running = EventFactory(start_date=day(-100), end_date=day(10))
    later = EventFactory(start_date=day(5), end_date=day(5))
    EventFactory(start_date=day(-400), end_date=day(-300))  # the longest, over
    assert list(Event.objects.upcoming_bounded()) == [running, later]

    exhibition = EventFactory(start_date=day(-500), end_date=day(20))

    assert list(Event.objects.upcoming_bounded()) == [exhibition, running, later]


def test_end_date_defaults_to_start_date():
    event = EventFactory(end_date=None)

    assert event.end_date == event.start_date
    assert not event.is_multi_day


@pytest.mark.parametrize(
    "values",
    [
        {"start_date": day(3), "end_date": day(2)},
        {"start_time": datetime.time(14), "end_time": datetime.time(9)},
        {"start_date": datetime.date(1900, 1, 1), "end_date": datetime.date(1900, 1, 2)},
        {"kind": "party"},
        {"latitude": 91, "longitude": 0},
        {"latitude": 0, "longitude": -181},
        {"latitude": 40},
    ],
    ids=str,
)
def test_database_refuses_impossible_events(values):
    event = EventFactory(start_date=day(2), end_date=day(2))

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(**values)


def test_end_time_may_be_earlier_on_a_later_day():
    event = EventFactory(
        start_date=day(2),
        end_date=day(3),
        start_time=datetime.time(18),
        end_time=datetime.time(10),
    )

    event.full_clean()


def test_validation_explains_an_end_before_the_start():
    event = EventFactory.build(
        country=CountryFactory(), start_date=day(3), end_date=day(1), slug="x"
    )

    with pytest.raises(ValidationError, match="end date is before the start date"):
        event.full_clean()


def test_times_are_in_the_venue_time_zone():
    seoul = CountryFactory(iso2="KR", iso3="KOR", time_zone="Asia/Seoul")
    event = EventFactory(country=seoul, start_time=datetime.time(9, 30), end_time=datetime.time(17))

    assert event.starts_at.tzinfo == zoneinfo.ZoneInfo("Asia/Seoul")
    assert event.starts_at.utcoffset() == datetime.timedelta(hours=9)

    event.time_zone = "Asia/Tokyo"
    assert event.ends_at.tzinfo == zoneinfo.ZoneInfo("Asia/Tokyo")


def test_online_event_has_no_place_but_online():
    event = EventFactory(country=None, city="", is_online=True)

    assert event.place == "Online"
    assert event.starts_at is None


def test_place_reads_city_then_country():
    seoul = CountryFactory(iso2="KR", iso3="KOR", name="Republic of Korea")

    assert EventFactory(country=seoul, city="Seoul").place == "Seoul, Republic of Korea"
