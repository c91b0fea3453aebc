"""Anything at all in the address of a feed or a download: a feed, a file or a 400 that says
why, never a server error."""

import hypothesis
import pytest
from hypothesis import HealthCheck

from tests.factories import CountryFactory, EventFactory, SectorFactory, SiteFactory
from tests.opendata import read_atom, read_csv, read_json
from tests.strategies import query_strings

pytestmark = pytest.mark.django_db

EVENT_PARAMETERS = ["country", "sector", "kind", "when", "from", "to", "q", "page"]
SITE_PARAMETERS = ["country", "designation", "category", "sector", "danger", "from", "to", "q"]
KNOWN_VALUES = ["mongolia", "culture", "world-heritage", "natural", "yes", "forum", "past", "2004"]
URLS = {
    "event-feed": ("/events/feed/", EVENT_PARAMETERS, read_atom),
    "event-csv": ("/events/?format=csv", EVENT_PARAMETERS, read_csv),
    "event-json": ("/fr/events/?format=json", EVENT_PARAMETERS, read_json),
    "site-feed": ("/zh-hans/sites/feed/", SITE_PARAMETERS, read_atom),
    "site-csv": ("/sites/?format=csv", SITE_PARAMETERS, read_csv),
    "site-json": ("/sites/?format=json", SITE_PARAMETERS, read_json),
}


@pytest.fixture
def world():
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    for i in range(6):
        EventFactory(country=mongolia, sectors=[culture], kind="forum", title=f"=Forum {i}")
        SiteFactory(countries=[mongolia], sector=culture, name=f"+Site {i}")


@pytest.mark.parametrize("name", URLS)
def test_no_query_string_makes_a_feed_or_download_fail(client, world, name):
    url, parameters, read = URLS[name]
    separator = "&" if "?" in url else "?"
    checked = {200: 0, 400: 0}

    @hypothesis.settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @hypothesis.given(query=query_strings(parameters, KNOWN_VALUES))
    def check(query):
        response = client.get(f"{url}{separator}{query}")
        assert response.status_code in checked, (query, response.status_code)
        if response.status_code == 200:
            read(response)
        else:
            assert response["Content-Type"] == "text/plain; charset=utf-8"
            assert "\n- " in response.text, query
        checked[response.status_code] += 1

    check()

    assert sum(checked.values()) >= 50
