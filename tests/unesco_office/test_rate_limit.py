"""The rate limit: what one client may make the servers render, counted in the shared cache."""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client

from tests.factories import EventFactory, SectorFactory
from unesco_office.core import cache

pytestmark = pytest.mark.django_db

# The middle of a window: a test's requests all fall in it.
NOON = datetime.datetime(2026, 12, 7, 12, 0, 20, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def limited(settings):
    settings.RATE_LIMIT_BUDGET = 10
    settings.RATE_LIMIT_WINDOW = 60
    settings.RATE_LIMIT_COSTS = {"page": 1, "search": 4, "feed": 5, "download": 10}
    caches["default"].clear()
    with time_machine.travel(NOON, tick=False) as clock:
        yield clock


def client_at(address):
    return Client(REMOTE_ADDR=address)


def uncached(client, n, path="/events/"):
    """`n` requests the cache cannot answer (each its own page number)."""
    return [client.get(path, {"page": i + 1}).status_code for i in range(n)]


def test_a_client_past_its_budget_is_asked_politely_to_wait(limited):
    SectorFactory(name="Culture")
    client = client_at("203.0.113.5")

    assert uncached(client, 10) == [200] * 10
    response = client.get("/events/", {"page": 11})

    assert response.status_code == 429
    assert response["Retry-After"] == "40"  # the window ends 40 seconds after NOON
    assert "no-store" in response["Cache-Control"]
    text = response.text
    assert "Please wait a moment" in text and "try again in 40 seconds" in text
    limited.shift(40)
    assert client.get("/events/", {"page": 12}).status_code == 200


def test_pages_from_the_cache_cost_nothing(limited):
    SectorFactory(name="Culture")
    client = client_at("203.0.113.5")
    client.get("/sectors/")

    assert [client.get("/sectors/").status_code for _ in range(30)] == [200] * 30
    assert uncached(client, 9) == [200] * 9  # one page rendered already


def test_each_client_has_its_own_budget(limited):
    uncached(client_at("203.0.113.5"), 11)

    assert client_at("203.0.113.6").get("/events/").status_code == 200


def test_searches_feeds_and_downloads_cost_more(limited):
    EventFactory(title="Steppe forum")
    searcher, subscriber, downloader = (client_at(f"198.51.100.{n}") for n in (1, 2, 3))

    searches = [searcher.get("/search/", {"q": f"steppe {n}"}).status_code for n in range(3)]
    feeds = [subscriber.get("/events/calendar.ics", {"q": f"x{n}"}).status_code for n in range(3)]
    downloads = [
        downloader.get("/events/", {"format": "csv", "q": n}).status_code
        for n in ("steppe", "forum")
    ]

    assert searches == [200, 200, 429]  # 4 + 4 + 4 > 10
    assert feeds == [200, 200, 429]  # a search in a feed is a feed: 5 + 5 + 5 > 10
    assert downloads == [200, 429]


def test_the_address_behind_proxies_is_the_one_the_proxy_saw(limited, settings):
    client = client_at("10.0.0.1")  # the proxy

    # Without trusted proxies, a forged header changes nothing: the client is REMOTE_ADDR.
    for n in range(10):
        client.get("/events/", {"page": n + 1}, headers={"x-forwarded-for": f"192.0.2.{n}"})
    assert client.get("/events/", {"page": 11}).status_code == 429

    settings.TRUSTED_PROXY_COUNT = 1
    visitor = {"x-forwarded-for": "6.6.6.6, 192.0.2.77"}
    statuses = [
        client.get("/events/", {"page": n + 20}, headers=visitor).status_code for n in range(11)
    ]
    assert statuses == [200] * 10 + [429]


def test_an_ipv6_client_is_counted_by_its_network(limited):
    uncached(client_at("2001:db8:1:2::1"), 10)

    assert client_at("2001:db8:1:2:ffff::9").get("/events/").status_code == 429
    assert client_at("2001:db8:1:3::1").get("/events/").status_code == 200


def test_staff_are_never_limited(limited, publisher_client):
    assert uncached(publisher_client, 15) == [200] * 15


def test_the_refusal_costs_no_query(limited, django_assert_num_queries):
    client = client_at("203.0.113.5")
    uncached(client, 10)

    with django_assert_num_queries(0):
        assert client.get("/events/", {"page": 11}).status_code == 429


def test_the_refusal_speaks_the_visitor_s_language(limited):
    client = client_at("203.0.113.5")
    uncached(client, 10, "/fr/events/")

    response = client.get("/fr/events/", {"page": 11})

    assert response.status_code == 429
    assert '<html lang="fr">' in response.text
    assert "Merci de patienter un instant" in response.text


def test_without_the_cache_server_nothing_is_limited(limited, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("no cache server")

    client = client_at("203.0.113.5")
    monkeypatch.setattr(cache, "page_cache", lambda: caches["default"])
    monkeypatch.setattr(caches["default"], "incr", down)

    assert uncached(client, 12) == [200] * 12


def test_a_budget_of_zero_turns_the_limit_off(limited, settings):
    settings.RATE_LIMIT_BUDGET = 0

    assert uncached(client_at("203.0.113.5"), 15) == [200] * 15


def test_the_refusal_links_to_the_home_page_in_the_visitor_s_language(limited):
    client = client_at("203.0.113.5")
    uncached(client, 10, "/zh-hans/events/")

    response = client.get("/zh-hans/events/", {"page": 11})

    assert response.status_code == 429
    assert response.text.count('href="/zh-hans/"') == 2
