"""Events as iCalendar: every file parses back with `icalendar` and keeps RFC 5545's rules,
and each event says what calendar users need (see events/ical.py)."""

import datetime
import re
import zoneinfo
from decimal import Decimal

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from events.maps import with_located_sites
from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory, SiteFactory
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
STATUSES = {"TENTATIVE", "CONFIRMED", "CANCELLED"}


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def korea():
    return CountryFactory(
        name="Republic of Korea",
        name_fr="République de Corée",
        slug="republic-of-korea",
        iso2="KR",
        iso3="KOR",
        time_zone="Asia/Seoul",
    )


# --- RFC 5545, checked on any file ---------------------------------------------------------


def parse_valid(body):
    """The calendar in `body` (bytes), after checking each rule a calendar app relies on."""
    text = body.decode("utf-8")
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert "\n" not in "".join(lines), "every line ends with CRLF"
    for line in lines:
        assert len(line.encode()) <= 75, f"a line is folded at 75 octets: {line!r}"
    cal = icalendar.Calendar.from_ical(body)
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert len(re.findall(r"^PRODID:", text, re.M)) == 1
    assert str(cal["X-WR-CALNAME"]) == str(cal["NAME"]) and str(cal["NAME"]).strip()
    zoneinfo.ZoneInfo(str(cal["X-WR-TIMEZONE"]))  # a real IANA zone
    assert cal["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"

    timezones = {str(tz["TZID"]): tz for tz in cal.walk("VTIMEZONE")}
    used = set()
    uids = []
    for event in cal.walk("VEVENT"):
        used |= check_event(event)
        uids.append(str(event["UID"]))
    assert used == set(timezones), "a VTIMEZONE for each TZID, and only those"
    assert len(uids) == len(set(uids))
    return cal


def check_event(event):
    """Check one VEVENT as parse_valid does; the time zones its times name."""
    used = set()
    for name in ("UID", "DTSTAMP", "DTSTART", "SEQUENCE", "SUMMARY", "URL"):
        assert name in event and not isinstance(event[name], list), f"one {name}"
    for name in ("DTSTAMP", "LAST-MODIFIED", "CREATED"):
        moment = event[name].dt
        assert isinstance(moment, datetime.datetime) and moment.utcoffset() == datetime.timedelta()
    assert "DURATION" not in event
    start = event["DTSTART"]
    if "DTEND" in event:
        end = event["DTEND"]
        assert type(end.dt) is type(start.dt), "DTSTART and DTEND of one kind"
        assert end.dt > start.dt, "DTEND after DTSTART (exclusive for dates)"
    if not isinstance(start.dt, datetime.datetime):
        assert start.params["VALUE"] == "DATE"
        assert "DTEND" in event and event["DTEND"].params["VALUE"] == "DATE"
    for prop in (start, event.get("DTEND")):
        if prop is not None and "TZID" in prop.params:
            used.add(prop.params["TZID"])
    assert isinstance(event["SEQUENCE"], int) and event["SEQUENCE"] >= 0
    assert str(event["STATUS"]) in STATUSES
    assert "<" not in str(event.get("DESCRIPTION", "")), "plain text"
    if "GEO" in event:
        assert -90 <= event["GEO"].latitude <= 90 and -180 <= event["GEO"].longitude <= 180
    return used


def ics(client, event, language="en"):
    with translation.override(language):
        url = reverse("events:ics", args=[event.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return parse_valid(response.content)


def only_event(cal):
    (event,) = cal.walk("VEVENT")
    return event


def offset_in(vtimezone, local):
    """The UTC offset the VTIMEZONE itself gives the local time (not the zone database)."""
    return vtimezone.to_tz().utcoffset(local.replace(tzinfo=None))


# --- When ----------------------------------------------------------------------------------


def test_a_timed_event_is_in_the_venue_zone_with_its_vtimezone(client, korea):
    event = EventFactory(
        country=korea,
        start_date=datetime.date(2026, 10, 22),
        end_date=datetime.date(2026, 10, 22),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
    )

    cal = ics(client, event)

    vevent = only_event(cal)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert vevent["DTSTART"].to_ical() == b"20261022T093000"
    assert vevent["DTEND"].to_ical() == b"20261022T170000"
    assert vevent["DTSTART"].dt == event.starts_at
    assert vevent["DTSTART"].dt.astimezone(UTC) == datetime.datetime(
        2026, 10, 22, 0, 30, tzinfo=UTC
    )
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Asia/Seoul"
    assert offset_in(vtimezone, event.starts_at) == datetime.timedelta(hours=9)
    assert str(cal["X-WR-TIMEZONE"]) == "Asia/Seoul"


@pytest.mark.parametrize(
    ("zone", "day", "hours"),
    [
        ("Europe/Paris", datetime.date(2026, 7, 1), 2),
        ("Europe/Paris", datetime.date(2026, 12, 1), 1),
        ("America/New_York", datetime.date(2026, 3, 9), -4),
        ("Asia/Ulaanbaatar", datetime.date(2026, 3, 9), 8),
    ],
)
def test_the_vtimezone_gives_the_offset_of_summer_and_winter_time(client, zone, day, hours):
    event = EventFactory(
        time_zone=zone, start_date=day, end_date=day, start_time=datetime.time(10, 0)
    )

    cal = ics(client, event)

    (vtimezone,) = cal.walk("VTIMEZONE")
    assert offset_in(vtimezone, event.starts_at) == datetime.timedelta(hours=hours)
    assert only_event(cal)["DTSTART"].params["TZID"] == zone


def test_an_all_day_event_is_a_date_with_the_next_day_as_its_end(client):
    event = EventFactory(
        start_date=datetime.date(2026, 10, 22), end_date=datetime.date(2026, 10, 22)
    )

    cal = ics(client, event)

    vevent = only_event(cal)
    assert vevent["DTSTART"].dt == datetime.date(2026, 10, 22)
    assert vevent["DTEND"].dt == datetime.date(2026, 10, 23)
    assert b"DTSTART;VALUE=DATE:20261022" in cal.to_ical()
    assert cal.walk("VTIMEZONE") == []


def test_a_multi_day_event_ends_the_day_after_its_last_day(client):
    event = EventFactory(start_date=datetime.date(2026, 12, 30), end_date=datetime.date(2027, 1, 2))

    vevent = only_event(ics(client, event))

    assert (vevent["DTSTART"].dt, vevent["DTEND"].dt) == (
        datetime.date(2026, 12, 30),
        datetime.date(2027, 1, 3),
    )


def test_a_timed_event_without_an_end_time(client, korea):
    one_day = EventFactory(
        country=korea,
        start_date=datetime.date(2026, 10, 22),
        end_date=datetime.date(2026, 10, 22),
        start_time=datetime.time(9, 30),
    )
    days = EventFactory(
        country=korea,
        start_date=datetime.date(2026, 10, 22),
        end_date=datetime.date(2026, 10, 24),
        start_time=datetime.time(9, 30),
    )

    single = only_event(ics(client, one_day))
    several = only_event(ics(client, days))

    # RFC 5545: a date-time start without an end ends when it starts.
    assert "DTEND" not in single
    assert several["DTEND"].dt == datetime.datetime(
        2026, 10, 25, tzinfo=zoneinfo.ZoneInfo("Asia/Seoul")
    )


def test_an_event_in_the_utc_zone_is_written_in_utc_without_a_vtimezone(client, settings):
    settings.TIME_ZONE = "UTC"
    event = EventFactory(
        country=None,
        is_online=True,
        start_time=datetime.time(14, 0),
        end_time=datetime.time(15, 0),
    )

    cal = ics(client, event)

    assert only_event(cal)["DTSTART"].to_ical().endswith(b"Z")
    assert cal.walk("VTIMEZONE") == []


# --- Who the event is ----------------------------------------------------------------------


def test_uid_stays_when_title_and_slug_change(client):
    event = EventFactory(title="Heritage Forum", slug="heritage-forum")
    before = str(only_event(ics(client, event))["UID"])

    event.title = "Living Heritage Forum"
    event.slug = "living-heritage-forum"
    event.save()
    after = str(only_event(ics(client, event))["UID"])

    assert before == after == str(event.uid)
    assert client.get("/events/heritage-forum.ics").status_code == 404


def test_every_event_gets_a_uid_of_its_own():
    first, second = EventFactory(), EventFactory()

    assert first.uid != second.uid
    assert Event.objects.get(pk=first.pk).uid == first.uid


def test_dtstamp_and_last_modified_are_the_time_of_the_last_change(client):
    with time_machine.travel(NOW - datetime.timedelta(days=30), tick=False):
        event = EventFactory()
    with time_machine.travel(NOW - datetime.timedelta(days=2), tick=False):
        event.summary = "New programme."
        event.save()

    vevent = only_event(ics(client, event))

    two_days_ago = NOW - datetime.timedelta(days=2)
    assert vevent["DTSTAMP"].dt == vevent["LAST-MODIFIED"].dt == two_days_ago
    # The database's own clock stamps the creation: time_machine does not reach it.
    created = Event.objects.get(pk=event.pk).created_at
    assert vevent["CREATED"].dt == created.replace(microsecond=0)
    assert vevent["SEQUENCE"] == 1


def test_the_same_data_gives_the_same_file(client):
    event = EventFactory()
    url = reverse("events:ics", args=[event.slug])

    first = client.get(url).content
    with time_machine.travel(NOW + datetime.timedelta(hours=5), tick=False):
        second = client.get(url).content

    assert first == second


# --- What and where ------------------------------------------------------------------------


def test_location_url_categories_and_a_plain_text_description(client, korea):
    culture = SectorFactory(name="Culture", code="CLT")
    hidden = SectorFactory(name="Draft Sector", status=Publishable.Status.DRAFT, published_at=None)
    event = EventFactory(
        title="Heritage Forum",
        slug="heritage-forum",
        kind=Event.Kind.FORUM,
        country=korea,
        city="Seoul",
        venue="City Hall",
        sectors=[culture, hidden],
        summary="A forum on  living\nheritage.",
        body="<p>Day one: <strong>talks</strong> &amp; walks.</p><ul><li>Jongmyo</li><li>Changdeokgung</li></ul>",
        registration_url="https://example.org/register",
    )

    vevent = only_event(ics(client, event))

    assert str(vevent["LOCATION"]) == "City Hall, Seoul, Republic of Korea"
    assert str(vevent["URL"]) == "http://testserver/events/heritage-forum/"
    assert vevent["CATEGORIES"].cats == ["Culture", "Forum"]
    assert str(vevent["DESCRIPTION"]) == (
        "A forum on living heritage.\n\n"
        "Day one: talks & walks.\nJongmyo\nChangdeokgung\n\n"
        "Registration: https://example.org/register\n\n"
        "http://testserver/events/heritage-forum/"
    )
    assert str(vevent["SUMMARY"]) == "Heritage Forum"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["CLASS"]) == "PUBLIC"


def test_geo_comes_from_a_related_published_site(client, korea):
    event = EventFactory(country=korea, city="Seoul")
    draft = SiteFactory(
        name="A Draft Site",
        latitude=Decimal("10.5"),
        longitude=Decimal("20.5"),
        status=Publishable.Status.DRAFT,
        published_at=None,
    )
    site = SiteFactory(
        name="Jongmyo Shrine", latitude=Decimal("37.574444"), longitude=Decimal("126.994444")
    )
    event.sites.set([draft, site, SiteFactory(name="B Site without coordinates")])

    vevent = only_event(ics(client, event))

    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (37.574444, 126.994444)


def test_geo_comes_from_the_events_own_coordinates_first(client, korea):
    event = EventFactory(
        country=korea, city="Seoul", latitude=Decimal("37.5665"), longitude=Decimal("126.978")
    )
    event.sites.set(
        [SiteFactory(name="Jongmyo Shrine", latitude=Decimal("37.57"), longitude=Decimal("127"))]
    )

    vevent = only_event(ics(client, event))

    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (37.5665, 126.978)


def test_geo_of_an_event_with_coordinates_alone(client, settings):
    settings.TIME_ZONE = "UTC"
    event = EventFactory(
        country=None, city="", latitude=Decimal("47.9"), longitude=Decimal("106.9")
    )

    vevent = only_event(ics(client, event))

    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (47.9, 106.9)


def test_geo_follows_the_maps_choice_of_site(client, korea):
    """The first site linked (the lowest id), as on the event list's map."""
    event = EventFactory(country=korea, city="Seoul")
    first = SiteFactory(name="Zelkova Grove", latitude=Decimal("35"), longitude=Decimal("128"))
    second = SiteFactory(name="Amethyst Hill", latitude=Decimal("36"), longitude=Decimal("129"))
    event.sites.set([second, first])

    vevent = only_event(ics(client, event))

    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (35.0, 128.0)
    (listed,) = with_located_sites(Event.objects.filter(pk=event.pk))
    assert listed.map_location == (Decimal("35"), Decimal("128"))


def test_an_online_event_is_located_online_without_geo(client, settings):
    settings.TIME_ZONE = "UTC"
    event = EventFactory(country=None, city="", is_online=True)
    event.sites.set([SiteFactory(latitude=Decimal("37.5"), longitude=Decimal("127"))])

    vevent = only_event(ics(client, event))

    assert str(vevent["LOCATION"]) == "Online"
    assert "GEO" not in vevent


# --- Status ----------------------------------------------------------------------------------


def test_a_cancelled_event_stays_with_status_cancelled(client):
    event = EventFactory(title="Heritage Forum", registration_url="https://example.org/register")
    first = only_event(ics(client, event))

    event.event_status = Event.EventStatus.CANCELLED
    event.save()
    vevent = only_event(ics(client, event))

    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Cancelled: Heritage Forum"
    assert str(vevent["DESCRIPTION"]).startswith("This event is cancelled.")
    assert "Registration" not in str(vevent["DESCRIPTION"])
    assert str(vevent["UID"]) == str(first["UID"])
    assert vevent["SEQUENCE"] == first["SEQUENCE"] + 1


def test_a_postponed_event_is_tentative(client):
    event = EventFactory(title="Heritage Forum", event_status=Event.EventStatus.POSTPONED)

    vevent = only_event(ics(client, event))

    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert str(vevent["SUMMARY"]) == "Postponed: Heritage Forum"


def test_a_rescheduled_event_has_its_new_dates_and_names_the_old_ones(client):
    event = EventFactory(
        start_date=datetime.date(2026, 11, 2),
        end_date=datetime.date(2026, 11, 3),
        event_status=Event.EventStatus.RESCHEDULED,
        previous_start_date=datetime.date(2026, 10, 5),
        previous_end_date=datetime.date(2026, 10, 6),
    )

    vevent = only_event(ics(client, event))

    assert vevent["DTSTART"].dt == datetime.date(2026, 11, 2)
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["DESCRIPTION"]).startswith(
        "This event has new dates. It was first planned for 5–6 October 2026."
    )


@pytest.mark.parametrize("own", [{}, {"latitude": Decimal("37.5"), "longitude": Decimal("127")}])
def test_an_event_moved_online_is_located_online(client, korea, own):
    event = EventFactory(
        country=korea, city="Seoul", event_status=Event.EventStatus.MOVED_ONLINE, **own
    )
    event.sites.set([SiteFactory(latitude=Decimal("37.5"), longitude=Decimal("127"))])

    vevent = only_event(ics(client, event))

    assert str(vevent["LOCATION"]) == "Online"
    assert "GEO" not in vevent
    assert str(vevent["DESCRIPTION"]).startswith("This event has moved online.")


# --- Languages -----------------------------------------------------------------------------


def test_the_french_file_speaks_french(client, korea):
    culture = SectorFactory(name="Culture", name_fr="La Culture", code="CLT")
    event = EventFactory(
        title="Heritage Forum",
        title_fr="Forum du patrimoine",
        slug="heritage-forum",
        kind=Event.Kind.CONFERENCE,
        country=korea,
        city="Séoul",
        sectors=[culture],
        summary="A forum.",
        summary_fr="Un forum.",
    )

    vevent = only_event(ics(client, event, "fr"))

    assert str(vevent["SUMMARY"]) == "Forum du patrimoine"
    assert vevent["CATEGORIES"].cats == ["La Culture", "Conférence"]
    assert str(vevent["LOCATION"]) == "Séoul, République de Corée"
    assert str(vevent["URL"]) == "http://testserver/fr/events/heritage-forum/"
    assert str(vevent["DESCRIPTION"]) == "Un forum.\n\nhttp://testserver/fr/events/heritage-forum/"


def test_every_kind_of_event_together_makes_a_valid_calendar(client, korea):
    OfficeProfile.objects.create(name="UNESCO Testing")
    site = SiteFactory(latitude=Decimal("37.5"), longitude=Decimal("127"))
    day = datetime.date(2026, 7, 1)
    for fields in [
        {},
        {"start_time": datetime.time(9), "end_time": datetime.time(17)},
        {"start_time": datetime.time(9), "end_date": day + datetime.timedelta(days=2)},
        {"time_zone": "Europe/Paris", "start_time": datetime.time(10)},
        {
            "time_zone": "America/New_York",
            "start_time": datetime.time(22),
            "end_time": datetime.time(23),
        },
        {"country": None, "is_online": True, "start_time": datetime.time(8)},
        {"event_status": Event.EventStatus.CANCELLED},
        {"event_status": Event.EventStatus.POSTPONED},
        {"event_status": Event.EventStatus.MOVED_ONLINE},
        {"event_status": Event.EventStatus.RESCHEDULED, "previous_start_date": day},
        {"title": "Ünïcödé — 北京 " + "long title " * 20, "summary": "; , \\ : special"},
    ]:
        event = EventFactory(**{"country": korea, "start_date": day, **fields})
        event.sites.add(site)

    response = client.get(reverse("events:calendar-ics"))

    cal = parse_valid(response.content)
    assert len(cal.walk("VEVENT")) == 11
    zones = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    assert zones == sorted({"Asia/Seoul", "Europe/Paris", "America/New_York"})
