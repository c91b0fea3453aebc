"""ETag and Last-Modified of the feeds and downloads: a client polling every hour gets 304s,
and a fresh copy as soon as anything it holds may have changed, time passing included."""

import contextlib
import datetime

import pytest
import time_machine
from django.utils import timezone

from countries.models import Site
from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory, SiteFactory
from tests.opendata import body
from unesco_office.models import OfficeProfile
from unesco_office.public.change_stamps import ChangeStamp

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)
URLS = {
    "event-feed": ("events", "/events/feed/?country=mongolia"),
    "event-csv": ("events", "/events/?country=mongolia&format=csv"),
    "event-json": ("events", "/fr/events/?format=json&when=all"),
    "site-feed": ("sites", "/sites/feed/"),
    "site-csv": ("sites", "/sites/?country=mongolia&format=csv"),
    "site-json": ("sites", "/zh-hans/sites/?format=json"),
}


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def at(delta):
    return time_machine.travel(NOW + delta, tick=False)


@pytest.fixture
def world():
    """Of each kind: a live record, one scheduled for 05:00 tomorrow and one expiring an hour
    after that (after midnight, so that each moment below changes one thing only)."""
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    scheduled = {"published_at": NOW + datetime.timedelta(hours=20)}
    expiring = {"unpublish_at": NOW + datetime.timedelta(hours=21)}
    common = {"country": mongolia, "sectors": [culture]}
    site_common = {"countries": [mongolia], "sector": culture}
    return {
        "office": OfficeProfile.objects.create(name="UNESCO Testing"),
        "country": mongolia,
        "sector": culture,
        "events": [
            EventFactory(title="Live", **common),
            EventFactory(title="Scheduled", **common, **scheduled),
            EventFactory(title="Expiring", **common, **expiring),
        ],
        "sites": [
            SiteFactory(name="Live", **site_common),
            SiteFactory(name="Scheduled", **site_common, **scheduled),
            SiteFactory(name="Expiring", **site_common, **expiring),
        ],
    }


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    body(response)
    return response


# --- Changes ---------------------------------------------------------------------------------


@contextlib.contextmanager
def edit(world, kind):
    with at(datetime.timedelta(minutes=5)):
        record = world[kind][0]
        record.summary = "Changed."
        record.save()
        yield


@contextlib.contextmanager
def add(world, kind):
    with at(datetime.timedelta(minutes=5)):
        if kind == "events":
            EventFactory(country=world["country"])
        else:
            SiteFactory(countries=[world["country"]])
        yield


@contextlib.contextmanager
def delete(world, kind):
    world[kind][0].delete()
    yield


@contextlib.contextmanager
def publication(world, kind):
    with at(datetime.timedelta(hours=20, minutes=1)):
        yield


@contextlib.contextmanager
def expiry(world, kind):
    with at(datetime.timedelta(hours=21, minutes=1)):
        yield


@contextlib.contextmanager
def country_renamed(world, kind):
    with at(datetime.timedelta(minutes=5)):
        world["country"].name_fr = "Mongolie"
        world["country"].save()
        yield


@contextlib.contextmanager
def sector_renamed(world, kind):
    with at(datetime.timedelta(minutes=5)):
        world["sector"].name = "Culture and heritage"
        world["sector"].save()
        yield


CHANGES = {
    "edit": edit,
    "add": add,
    "delete": delete,
    "publication": publication,
    "expiry": expiry,
    "country": country_renamed,
    "sector": sector_renamed,
}


@pytest.mark.parametrize("name", URLS)
def test_polling_again_gets_304_while_nothing_changes(client, world, name):
    _kind, url = URLS[name]
    first = fetch(client, url)

    # An hour later, and another hour: nothing was edited, published or expired.
    with at(datetime.timedelta(hours=1)):
        again = fetch(client, url, if_none_match=first["ETag"])
    with at(datetime.timedelta(hours=2)):
        by_date = fetch(client, url, if_modified_since=first["Last-Modified"])

    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert again.status_code == by_date.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("name", URLS)
def test_a_change_gives_a_new_etag_and_a_fresh_copy(client, world, name, change):
    kind, url = URLS[name]
    before = fetch(client, url)

    with CHANGES[change](world, kind):
        after = fetch(client, url)
        revalidated = fetch(client, url, if_none_match=before["ETag"])

    assert after.status_code == revalidated.status_code == 200
    assert after["ETag"] != before["ETag"]


@pytest.mark.parametrize("name", ["event-feed", "event-csv", "event-json"])
def test_event_lists_change_at_midnight(client, world, name):
    _kind, url = URLS[name]
    before = fetch(client, url)

    # 00:01 the next day (the site's time zone is UTC): some events may have ended.
    with at(datetime.timedelta(hours=15, minutes=1)):
        after = fetch(client, url, if_none_match=before["ETag"])
        by_date = fetch(client, url, if_modified_since=before["Last-Modified"])

    assert after.status_code == by_date.status_code == 200
    assert after["Last-Modified"] == "Thu, 11 Jun 2026 00:00:00 GMT"


@pytest.mark.parametrize("name", ["site-feed", "site-csv", "site-json"])
def test_site_lists_do_not_change_at_midnight(client, world, name):
    _kind, url = URLS[name]
    before = fetch(client, url)

    with at(datetime.timedelta(hours=15, minutes=1)):
        after = fetch(client, url, if_none_match=before["ETag"])

    assert after.status_code == 304


@pytest.mark.parametrize("name", ["event-feed", "site-feed"])
def test_feeds_change_with_the_office_that_signs_them(client, world, name):
    _kind, url = URLS[name]
    before = fetch(client, url)

    with at(datetime.timedelta(minutes=5)):
        world["office"].short_name = "UNESCO Renamed"
        world["office"].save()
        after = fetch(client, url, if_none_match=before["ETag"])

    assert after.status_code == 200
    assert "UNESCO Renamed" in after.text


def test_last_modified_is_the_latest_change_publication_or_expiry(world):
    with at(datetime.timedelta(minutes=5)):
        world["sites"][0].save()
    with at(datetime.timedelta(hours=21, minutes=30)):
        stamp = ChangeStamp([Site, Event])

    # The expiry at 06:00 tomorrow is later than any edit or publication.
    assert stamp.last_modified == NOW + datetime.timedelta(hours=21)
    assert timezone.is_aware(stamp.last_modified)


def test_the_stamp_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        ChangeStamp([Event, Site, OfficeProfile], daily=True)


@pytest.mark.parametrize("name", URLS)
def test_a_304_runs_one_query(client, world, name, django_assert_max_num_queries):
    _kind, url = URLS[name]
    etag = fetch(client, url)["ETag"]

    # The change stamp (none where a page cache answers first).
    with django_assert_max_num_queries(1):
        assert fetch(client, url, if_none_match=etag).status_code == 304
