"""The /centres/ page: filtered by country, sector and the search, counted, in three queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CentreFactory, CountryFactory, SectorFactory
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db

DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}
URL = "/centres/"


@pytest.fixture
def centres():
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    china = CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN")
    CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN")  # hosts none
    # Not one of the office's countries, yet it hosts one of the office's centres.
    thailand = CountryFactory(
        name="Thailand", slug="thailand", iso2="TH", iso3="THA", is_covered=False
    )
    hidden = CountryFactory(name="Hidden", slug="hidden", iso2="HD", iso3="HDN", **DRAFT)
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    science = SectorFactory(name="Natural Sciences", slug="science", code="SC")
    return [
        CentreFactory(
            name="Centre for Nomadic Civilizations",
            country=mongolia,
            sector=culture,
            summary="Studies of the steppe",
        ),
        CentreFactory(name="Centre for Desert Research", country=china, sector=science),
        CentreFactory(name="Centre for Intangible Heritage", country=china, sector=culture),
        CentreFactory(name="Centre for Water Studies", country=thailand, sector=science),
        CentreFactory(name="Centre not yet public", country=mongolia, sector=science, **DRAFT),
        CentreFactory(name="Centre in a hidden country", country=hidden, sector=culture),
    ]


def shown(response):
    return [centre.name for centre in response.context["object_list"]]


def test_a_centre_of_a_draft_country_is_neither_searched_nor_in_the_sitemap(client, centres):
    found = client.get("/search/", {"q": "centre"}).context["results"]
    sitemap = client.get("/sitemap-centres.xml").text

    assert "Centre in a hidden country" not in [result.title for result in found]
    assert len(found) == 4
    assert centres[-1].get_absolute_url() not in sitemap
    assert centres[0].get_absolute_url() in sitemap


def test_the_list_shows_the_public_centres_of_public_countries_by_name(client, centres):
    response = client.get(URL)

    assert shown(response) == [
        "Centre for Desert Research",
        "Centre for Intangible Heritage",
        "Centre for Nomadic Civilizations",
        "Centre for Water Studies",
    ]
    assert '<p class="result-count" role="status">4 centres</p>' in response.text
    country = response.context["filter"].facets_by_name["country"]
    # The office's countries and the partner that hosts a centre, with their counts.
    assert {c.label: c.count for c in country.choices} == {
        "Mongolia": 1,
        "China": 2,
        "Japan": 0,
        "Thailand": 1,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "china"}, ["Centre for Desert Research", "Centre for Intangible Heritage"]),
        ({"country": "china", "sector": "culture"}, ["Centre for Intangible Heritage"]),
        ({"sector": "science"}, ["Centre for Desert Research", "Centre for Water Studies"]),
        ({"q": "steppe"}, ["Centre for Nomadic Civilizations"]),
        # The search reads a centre's country and sector too.
        ({"q": "Mongolia"}, ["Centre for Nomadic Civilizations"]),
        ({"q": "culture", "country": "china"}, ["Centre for Intangible Heritage"]),
        ({"country": "japan"}, []),
    ],
)
def test_each_filter_keeps_its_centres(client, centres, query, expected):
    response = client.get(URL, query)

    assert shown(response) == expected
    assert response.context["paginator"].count == len(expected)


def test_a_search_with_a_typo_offers_the_name_it_is_close_to(client, centres):
    response = client.get(URL, {"q": "Nomadik", "sector": "culture"})

    assert shown(response) == []
    assert response.context["suggestion"] == ("nomadic", "?q=nomadic&sector=culture")
    assert 'href="?q=nomadic&amp;sector=culture"' in response.text


def test_values_it_cannot_use_are_reported_and_the_page_never_fails(client, centres):
    response = client.get(URL, {"country": ["atlantis", "x" * 3000], "q": "\x00", "page": "9"})

    assert response.status_code == 200
    assert "There is no such page, so page 1 of 1 is shown." in response.text
    assert len(shown(response)) == 4


@pytest.mark.parametrize("rows", [3, 40])
def test_the_filtered_list_runs_three_queries_whatever_the_rows(client, centres, rows, uncached):
    china = centres[1].country
    for i in range(rows):
        CentreFactory(name=f"Centre of studies {i:02}", country=china, sector=centres[1].sector)
    query = {"country": "china", "sector": "science", "q": "studies"}
    client.get(URL, {"q": "studies"})  # the editors' synonyms and promoted results, once

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, query)

    assert len(shown(response)) == min(rows, 24)
    # The office profile, the facet counts (and the total), the page with countries.
    assert len(queries) == 3, [q["sql"] for q in queries.captured_queries]
