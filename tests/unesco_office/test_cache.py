"""The page cache (unesco_office/public/page_cache.py): pages stored once for anonymous visitors, never
served to staff, and never stale, whatever writes the change or however time passes."""

import datetime
import logging
import os
from io import StringIO

import pytest
import time_machine
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from events.models import Event
from sectors.models import Sector
from tests.countries.test_world_heritage_parser import write_csv
from tests.factories import CountryFactory, EventFactory, SectorFactory, SiteFactory
from tests.unesco_office.test_admin import admin_url, form_data
from tests.unesco_office.test_import_export import csv_file, import_file
from unesco_office.core import cache
from unesco_office.core.cache import project_models
from unesco_office.core.models import Publishable
from unesco_office.models import (
    AccountLock,
    AuditEntry,
    OfficeProfile,
    ReviewRequest,
    ShareLink,
    StaffPreference,
)
from unesco_office.public import page_cache

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT


@pytest.fixture
def visitor():
    return Client()


def served_from_cache(client, url, django_assert_num_queries):
    """The page, after checking it came from the cache: no query at all."""
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    return response


# --- What is cached, for whom ---------------------------------------------------------------


@pytest.fixture
def shared_reads(monkeypatch):
    """The keys each request reads from the shared cache, in order."""
    shared = caches["default"]
    keys, get = [], shared.get

    def recording(key, *args, **kwargs):
        keys.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(shared, "get", recording)
    return keys


def test_a_page_this_process_has_read_is_served_reading_only_the_generation(
    visitor, shared_reads, django_assert_num_queries
):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")
    shared_reads.clear()

    served_from_cache(visitor, "/sectors/", django_assert_num_queries)

    assert shared_reads == [cache.GENERATION_KEY]


def test_a_new_generation_from_another_server_is_never_served_this_process_s_copy(visitor):
    SectorFactory(name="Culture")
    first = visitor.get("/sectors/")
    Sector.objects.filter(name="Culture").update(name="Culture and Heritage")

    # Another server's change: only the shared generation says so.
    caches["default"].set(cache.GENERATION_KEY, "another-servers-generation", timeout=None)

    assert "Culture" in first.text
    assert "Culture and Heritage" in visitor.get("/sectors/").text


def test_this_process_keeps_the_pages_it_used_last(
    visitor, shared_reads, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(page_cache.local_pages, "size", 2)
    SectorFactory(name="Culture")
    for url in ("/sectors/", "/fr/sectors/", "/zh-hans/sectors/"):
        visitor.get(url)
    shared_reads.clear()

    served_from_cache(visitor, "/zh-hans/sectors/", django_assert_num_queries)
    kept = len(shared_reads)
    served_from_cache(visitor, "/sectors/", django_assert_num_queries)  # from the shared cache

    assert kept == 1
    assert len(shared_reads) == 3  # the generation, then the generation and the page


def test_second_visit_is_served_without_touching_the_database(visitor, django_assert_num_queries):
    SectorFactory(name="Culture")
    first = visitor.get("/sectors/")

    second = served_from_cache(visitor, "/sectors/", django_assert_num_queries)

    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"] == "text/html; charset=utf-8"
    assert second["ETag"] == first["ETag"]
    assert "Culture" in second.text


def test_each_language_and_query_string_is_its_own_page(visitor):
    SectorFactory(name_en="Culture", name_fr="Culture FR")
    visitor.get("/sectors/")

    french = visitor.get("/fr/sectors/")
    other = visitor.get("/events/?when=past")

    assert "Culture FR" in french.text
    assert french["Content-Language"] == "fr"
    assert "Past events" in other.text


def test_each_host_is_its_own_page(visitor, settings):
    settings.ALLOWED_HOSTS = ["one.example.org", "two.example.org"]
    visitor.get("/", HTTP_HOST="one.example.org")

    other = visitor.get("/", HTTP_HOST="two.example.org")

    assert 'href="http://two.example.org/"' in other.text  # the canonical address


def test_cached_page_carries_headers_for_browsers_and_proxies(visitor):
    response = visitor.get("/")
    cached = visitor.get("/")

    for page in (response, cached):
        assert page["Cache-Control"] == "public, max-age=0"
        assert page["ETag"]
        assert page["X-Frame-Options"] == "DENY"
        assert "nonce" not in page["Content-Security-Policy"]


def test_a_browser_asking_again_gets_not_modified(visitor):
    etag = visitor.get("/events/")["ETag"]

    again = visitor.get("/events/", HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""


# At noon: midnight, when the upcoming events move on, is no nearer than the page's lifetime.
@time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_http_max_age_is_configurable_and_capped_at_the_next_change(visitor, settings):
    settings.PAGE_CACHE_HTTP_MAX_AGE = 3600
    assert visitor.get("/sectors/")["Cache-Control"] == "public, max-age=600"

    SectorFactory(published_at=timezone.now() + datetime.timedelta(seconds=90))

    assert visitor.get("/sectors/")["Cache-Control"] in {
        "public, max-age=89",
        "public, max-age=90",
    }


def test_staff_are_never_served_a_cached_page_and_never_fill_one(
    visitor, publisher_client, django_assert_num_queries
):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")

    staff_page = publisher_client.get("/sectors/")
    assert staff_page["Cache-Control"] == "private"

    cache.new_generation()
    publisher_client.get("/sectors/")
    with django_assert_num_queries(3):  # the page is rendered for the visitor
        visitor.get("/sectors/")  # (the profile, the sectors, the next change)


def message_cookie(text):
    """A messages cookie as this site writes it."""
    storage = CookieStorage(HttpRequest())
    storage.add(messages.INFO, text)
    response = HttpResponse()
    storage.update(response)
    return response.cookies[CookieStorage.cookie_name].value


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(visitor):
    visitor.get("/")
    visitor.cookies["messages"] = message_cookie("Saved.")

    response = visitor.get("/")

    assert response["Cache-Control"] == "private"


@pytest.mark.parametrize(
    ("cookies", "queries"),
    [
        ({"sessionid": "x"}, 0),  # not a session key: not looked up
        ({"sessionid": "a" * 32}, 1),  # looked up, not found
        ({"messages": "something"}, 0),
        ({"messages": "W10:1tY2zA:forged"}, 0),
        ({"sessionid": "b" * 32, "messages": "x"}, 1),
    ],
    ids=["short-session", "unknown-session", "messages", "forged-signature", "both"],
)
def test_a_made_up_cookie_is_served_the_cached_page(
    visitor, cookies, queries, django_assert_num_queries
):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")
    for name, value in cookies.items():
        visitor.cookies[name] = value

    # At most the session store is read (a query with database sessions); nothing renders.
    with django_assert_num_queries(queries):
        response = visitor.get("/sectors/")

    assert response["Cache-Control"].startswith("public")


def test_a_session_of_no_one_signed_in_is_served_the_cached_page(
    visitor, django_assert_num_queries
):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")
    session = SessionStore()
    session["django_language"] = "fr"
    session.save()
    visitor.cookies["sessionid"] = session.session_key

    with django_assert_num_queries(1):
        response = visitor.get("/sectors/")

    assert response["Cache-Control"].startswith("public")


def test_responses_that_must_not_be_shared_are_never_stored(
    visitor, settings, django_assert_num_queries
):
    """No-store responses (healthz, previews), errors and cookie-setting responses."""
    for _ in range(2):
        with django_assert_num_queries(1):
            assert visitor.get(reverse("healthz")).status_code == 200
    for _ in range(2):
        assert visitor.get("/sectors/no-such-sector/").status_code == 404
    with django_assert_num_queries(2):
        visitor.get("/sectors/no-such-sector/")  # a 404 is rendered each time


def test_is_storable_refuses_private_streamed_cookie_and_varying_responses():
    middleware = page_cache.PageCacheMiddleware(lambda request: None)
    from django.http import HttpResponse

    def response(**headers):
        page = HttpResponse("page")
        for name, value in headers.items():
            page[name.replace("_", "-")] = value
        return page

    with_cookie = response()
    with_cookie.set_cookie("sessionid", "x")

    assert middleware.is_storable(response())
    assert middleware.is_storable(response(Vary="Cookie"))
    assert not middleware.is_storable(response(Cache_Control="private, no-store"))
    assert not middleware.is_storable(response(Cache_Control="no-cache"))
    assert not middleware.is_storable(response(Vary="Accept-Language"))
    assert not middleware.is_storable(with_cookie)
    assert not middleware.is_storable(StreamingHttpResponse(iter([b"a"])))


def test_the_page_cache_can_be_turned_off(visitor, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    visitor.get("/sectors/")

    with django_assert_num_queries(2):
        response = visitor.get("/sectors/")
    assert "ETag" in response  # browsers still get 304s


# --- Never stale: every way content changes -------------------------------------------------


def test_a_change_made_anywhere_drops_every_cached_page(visitor):
    sector = SectorFactory(name="Culture")
    visitor.get("/")
    visitor.get("/sectors/")

    sector.name = "Culture and heritage"
    sector.save()

    assert "Culture and heritage" in visitor.get("/").text
    assert "Culture and heritage" in visitor.get("/sectors/").text


def test_admin_save_shows_at_once(visitor, publisher_client):
    sector = SectorFactory(name="Culture")
    visitor.get("/sectors/")
    url = admin_url(Sector, "change", sector.pk)

    publisher_client.post(url, form_data(publisher_client.get(url)) | {"name_en": "Renamed"})

    assert "Renamed" in visitor.get("/sectors/").text


def test_bulk_unpublish_removes_the_records_at_once(visitor, publisher_client):
    sectors = [SectorFactory(name=f"Listed {n}") for n in range(2)]
    assert "Listed 1" in visitor.get("/sectors/").text

    publisher_client.post(
        admin_url(Sector, "changelist"),
        {"action": "unpublish", "_selected_action": [s.pk for s in sectors]},
    )

    assert "Listed" not in visitor.get("/sectors/").text


def test_deleting_removes_the_page_and_its_list_entry(visitor, publisher_client):
    event = EventFactory(title="Gone tomorrow")
    assert visitor.get(event.get_absolute_url()).status_code == 200
    assert "Gone tomorrow" in visitor.get("/events/").text

    publisher_client.post(admin_url(Event, "delete", event.pk), {"post": "yes"})

    assert visitor.get(event.get_absolute_url()).status_code == 404
    assert "Gone tomorrow" not in visitor.get("/events/").text


def test_restoring_an_earlier_version_shows_at_once(visitor, publisher_client):
    sector = SectorFactory(tagline="First words.")
    url = admin_url(Sector, "change", sector.pk)
    publisher_client.post(url, form_data(publisher_client.get(url)))
    publisher_client.post(url, form_data(publisher_client.get(url)) | {"tagline_en": "Second."})
    assert "Second." in visitor.get(sector.get_absolute_url()).text
    first = Version.objects.get_for_object(sector).order_by("pk").first()
    revision_url = admin_url(Sector, "revision", sector.pk, first.pk)

    publisher_client.post(revision_url, form_data(publisher_client.get(revision_url)))

    assert "First words." in visitor.get(sector.get_absolute_url()).text


def test_a_spreadsheet_import_shows_at_once(visitor, publisher_client):
    country = CountryFactory(slug="mongolia")
    SectorFactory(slug="culture")
    assert "Imported forum" not in visitor.get("/events/").text
    row = {
        "slug": "imported-forum",
        "title_en": "Imported forum",
        "start_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "country": country.slug,
        "sectors": "culture",
        "status": "published",
    }

    import_file(publisher_client, Event, csv_file([row]))

    assert "Imported forum" in visitor.get("/events/").text


def test_a_world_heritage_import_shows_at_once(visitor, office, tmp_path):
    assert "The Great Wall" not in visitor.get("/sites/").text

    call_command("import_world_heritage", str(write_csv(tmp_path / "whc.csv")), stdout=StringIO())

    assert "The Great Wall" in visitor.get("/sites/").text


def test_a_change_of_related_records_shows_at_once(visitor):
    event = EventFactory()
    culture = SectorFactory(name="Culture")
    assert "Culture" not in visitor.get(event.get_absolute_url()).text

    event.sectors.add(culture)

    assert "Culture" in visitor.get(event.get_absolute_url()).text


def test_the_office_profile_shows_at_once(visitor):
    profile = OfficeProfile.objects.create(name="UNESCO Office in Testing")
    assert "UNESCO Office in Testing" in visitor.get("/").text

    profile.name = "UNESCO Testing Office"
    profile.save()

    assert "UNESCO Testing Office" in visitor.get("/").text


def test_a_page_rendered_during_a_transaction_is_not_kept_after_it_commits(
    visitor, django_capture_on_commit_callbacks
):
    """A page stored between a change and its commit (from the data before the change, in
    another connection) is dropped again once the change commits."""
    sector = SectorFactory(name="Before")
    with django_capture_on_commit_callbacks(execute=True):
        sector.name = "After"
        sector.save()
        token_during = caches["default"].get(cache.GENERATION_KEY)

    assert caches["default"].get(cache.GENERATION_KEY) != token_during


# --- Never stale: time passing --------------------------------------------------------------


def test_a_scheduled_record_appears_at_its_time(visitor):
    now = timezone.now()
    SectorFactory(name="Scheduled sector", published_at=now + datetime.timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        assert "Scheduled sector" not in visitor.get("/sectors/").text
        assert "Scheduled sector" not in visitor.get("/sectors/").text

    with time_machine.travel(now + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assert "Scheduled sector" in visitor.get("/sectors/").text


def test_a_record_leaves_at_its_unpublish_time(visitor):
    now = timezone.now()
    SectorFactory(name="Leaving sector", unpublish_at=now + datetime.timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        assert "Leaving sector" in visitor.get("/sectors/").text

    with time_machine.travel(now + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assert "Leaving sector" not in visitor.get("/sectors/").text


@pytest.mark.parametrize("language", ["", "/fr"])
def test_the_event_list_built_once_per_process_follows_the_clock(visitor, language):
    """The event list's queryset is built once per process and language: events still
    appear and leave at their times in a process that served the list before."""
    now = timezone.now()
    soon = now + datetime.timedelta(minutes=5)
    EventFactory(title="Appearing event", published_at=soon)
    EventFactory(title="Leaving event", unpublish_at=soon)
    with time_machine.travel(now, tick=False):
        page = visitor.get(f"{language}/events/").text
        assert "Leaving event" in page and "Appearing event" not in page

    with time_machine.travel(soon + datetime.timedelta(seconds=1), tick=False):
        page = visitor.get(f"{language}/events/").text
        assert "Appearing event" in page and "Leaving event" not in page


def test_upcoming_events_move_on_at_midnight(visitor, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    evening = datetime.datetime(
        2026, 12, 6, 23, 50, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )
    with time_machine.travel(evening, tick=False):
        EventFactory(title="Ends today", start_date=datetime.date(2026, 12, 6))
        assert "Ends today" in visitor.get("/events/").text

    with time_machine.travel(evening + datetime.timedelta(minutes=11), tick=False):
        assert "Ends today" not in visitor.get("/events/").text


def test_next_change_is_the_soonest_scheduled_time_or_midnight(settings):
    settings.TIME_ZONE = "UTC"
    now = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        assert cache.next_change(now) == datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC)
        SiteFactory(unpublish_at=now + datetime.timedelta(hours=3))
        SectorFactory(status=DRAFT, published_at=now + datetime.timedelta(hours=1))  # a draft
        assert cache.next_change(now) == now + datetime.timedelta(hours=3)
        EventFactory(published_at=now + datetime.timedelta(hours=2))
        assert cache.next_change(now) == now + datetime.timedelta(hours=2)


# --- Shared between servers, and when a server fails -------------------------------------------


# Each pytest-xdist worker has a Redis database of its own (gw0: 15, gw1: 14…), since
# clearing the cache empties a whole database.
WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
REDIS = f"redis://127.0.0.1:6379/{15 - WORKER}"


def redis_cache(settings, location=REDIS):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "unesco-office-tests",
        }
    }


@pytest.fixture
def shared_redis(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    redis_cache(settings)
    caches["default"].clear()  # the database is this worker's own
    yield
    caches["default"].clear()


def test_a_change_on_one_server_drops_the_pages_of_every_server(
    shared_redis, visitor, django_assert_num_queries
):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")
    served_from_cache(visitor, "/sectors/", django_assert_num_queries)

    # Another server's process: its own connection to the same Redis.
    from django.core.cache.backends.redis import RedisCache

    RedisCache(REDIS, {"KEY_PREFIX": "unesco-office-tests"}).set(
        cache.GENERATION_KEY, "another-servers-generation", timeout=None
    )

    assert caches["default"].get(cache.GENERATION_KEY) == "another-servers-generation"
    with django_assert_num_queries(3):
        visitor.get("/sectors/")


def test_without_the_cache_server_pages_are_served_uncached_with_a_warning(
    settings, visitor, caplog
):
    redis_cache(settings, "redis://127.0.0.1:9/0")  # nothing listens there
    sector = SectorFactory(name="Culture")
    with caplog.at_level(logging.WARNING, logger="unesco_office.core.cache"):
        first = visitor.get("/sectors/")
    sector.name = "Renamed"
    sector.save()

    second = visitor.get("/sectors/")

    assert first.status_code == second.status_code == 200
    assert "Renamed" in second.text
    assert "the cache does not answer" in caplog.text


def test_without_the_database_cached_pages_still_serve_and_healthz_says_so(visitor, monkeypatch):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")

    def unavailable(self, *args, **kwargs):
        raise OperationalError("the database is not answering")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unavailable)

    assert "Culture" in visitor.get("/sectors/").text
    assert visitor.get(reverse("healthz")).status_code == 503


def test_healthz_and_the_admin_never_look_in_the_cache(settings, visitor, caplog):
    redis_cache(settings, "redis://127.0.0.1:9/0")  # nothing listens there
    with caplog.at_level(logging.WARNING, logger="unesco_office.core.cache"):
        assert visitor.get(reverse("healthz")).status_code == 200
        assert visitor.get(reverse("admin:login")).status_code == 200

    assert caplog.text == ""


def test_a_preview_or_a_dry_run_drops_no_page(visitor, office, tmp_path):
    """Their writes are rolled back: the cached pages are still the site's."""
    generation = caches["default"].get(cache.GENERATION_KEY)

    call_command(
        "import_world_heritage",
        str(write_csv(tmp_path / "whc.csv")),
        "--dry-run",
        stdout=StringIO(),
    )
    with cache.changes_discarded():
        SectorFactory()

    assert caches["default"].get(cache.GENERATION_KEY) == generation


def test_an_address_with_parameters_the_page_does_not_read_is_never_stored(
    visitor, django_assert_num_queries
):
    """Trackers' parameters and typos cannot fill the cache with copies of one page."""
    SectorFactory(name="Culture")
    for url in ("/sectors/?utm_source=news", "/events/?country=mongolia&utm_source=news"):
        visitor.get(url)
        assert visitor.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            visitor.get(url)
        assert len(queries) > 0, url  # rendered again

    for url in (
        "/events/?country=mongolia&page=2",
        "/search/?q=culture",
        "/events/calendar/",
        "/sitemap.xml",
        "/sitemap-sectors.xml?p=1",
    ):
        visitor.get(url)
        served_from_cache(visitor, url, django_assert_num_queries)


def test_staff_sign_in_needs_no_cache_server(settings, client, publisher):
    redis_cache(settings, "redis://127.0.0.1:9/0")  # nothing listens there

    response = client.post(
        reverse("admin:login"), {"username": "publisher", "password": "a-long-test-password"}
    )

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_drop_cached_pages_drops_every_page(visitor):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")
    out = StringIO()

    call_command("drop_cached_pages", stdout=out)

    with CaptureQueriesContext(connection) as queries:
        visitor.get("/sectors/")
    assert len(queries) > 0
    assert "Dropped the cached pages." in out.getvalue()


def test_staff_sign_ins_locks_reviews_and_share_links_leave_the_cached_pages_alone(
    visitor, editor_client, django_assert_num_queries
):
    SectorFactory(name="Culture")
    visitor.get("/sectors/")
    draft = EventFactory(status=Publishable.Status.DRAFT, published_at=None)
    visitor.get("/sectors/")
    editor = editor_client.get(admin_url(Event, "change", draft.pk)).wsgi_request.user

    # What staff's sign-ins, the login throttle and the editorial workflow write.
    StaffPreference.objects.update_or_create(user=editor, defaults={"language": "fr"})
    AccountLock.objects.create(username="someone", locked_until=timezone.now())
    ShareLink.objects.create(record=draft, created_by=editor, expires_at=timezone.now())
    ReviewRequest.objects.create(record=draft, requested_by=editor)
    AuditEntry.objects.create(action="submitted", object_id=draft.pk, object_repr=str(draft))

    with django_assert_num_queries(0):
        visitor.get("/sectors/")
    assert set(project_models()).isdisjoint(
        {StaffPreference, AccountLock, ShareLink, ReviewRequest, AuditEntry}
    )
