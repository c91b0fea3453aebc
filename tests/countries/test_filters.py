"""SiteFilter and the /sites/ page: what each filter keeps, the counts, values it cannot use."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from countries.filters import SiteFilter
from countries.models import Site
from tests.factories import CountryFactory, SectorFactory, SiteFactory
from unesco_office.core.models import Publishable
from unesco_office.public.search.engine import synonyms

pytestmark = pytest.mark.django_db

DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}
WH, BR, GEOPARK = Site.Designation


@pytest.fixture
def places():
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "china": CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN", order=1),
        "japan": CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN", order=2),
        # A partner of a transboundary site: not a choice.
        "russia": CountryFactory(
            name="Russian Federation", slug="russia", iso2="RU", iso3="RUS", is_covered=False
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT", order=4),
        "science": SectorFactory(name="Natural Sciences", slug="science", code="SC", order=2),
        "hidden": SectorFactory(name="Hidden", slug="hidden", code="HID", **DRAFT),
    }


@pytest.fixture
def sites(places):
    """Six sites: World Heritage of each category, one in danger, a transboundary one, a
    Biosphere Reserve, a Geopark, and a draft."""
    culture, science = places["culture"], places["science"]
    mongolia, china, japan, russia = (places[k] for k in ("mongolia", "china", "japan", "russia"))
    made = [
        SiteFactory(
            name="Orkhon Valley", countries=[mongolia], sector=culture, year_designated=2004
        ),
        SiteFactory(
            name="Great Wall",
            countries=[china],
            sector=culture,
            year_designated=1987,
            summary="A wall across northern China",
        ),
        SiteFactory(
            name="Uvs Nuur Basin",
            countries=[mongolia, russia],
            sector=science,
            wh_category=Site.Category.NATURAL,
            year_designated=2003,
        ),
        SiteFactory(
            name="Mount Taishan",
            countries=[china],
            sector=culture,
            wh_category=Site.Category.MIXED,
            year_designated=1987,
            is_in_danger=True,
        ),
        SiteFactory(
            name="Hustai",
            countries=[mongolia],
            sector=science,
            designation=BR,
            wh_category="",
            year_designated=2002,
        ),
        SiteFactory(
            name="Mount Apoi",
            countries=[japan],
            sector=science,
            designation=GEOPARK,
            wh_category="",
            year_designated=2015,
        ),
    ]
    SiteFactory(name="Draft site", countries=[mongolia], sector=culture, **DRAFT)
    return made


def run(params):
    """The filter over the published sites, for a query string like the page receives."""
    data = QueryDict(urlencode(params, doseq=True))
    found = SiteFilter(data, queryset=Site.objects.published())
    return found, list(found.qs)


def names(sites):
    return sorted(site.name for site in sites)


def facet(found, name):
    return {choice.value: choice.count for choice in found.facets_by_name[name].choices}


# --- What each filter keeps ----------------------------------------------------------------


def test_no_filter_lists_every_published_site_by_name(sites):
    found, shown = run({})

    assert [site.name for site in shown] == sorted(site.name for site in sites)
    assert found.total == 6 and found.problems == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": ["mongolia"]}, ["Hustai", "Orkhon Valley", "Uvs Nuur Basin"]),
        ({"country": ["china", "japan"]}, ["Great Wall", "Mount Apoi", "Mount Taishan"]),
        ({"designation": ["biosphere-reserve", "geopark"]}, ["Hustai", "Mount Apoi"]),
        ({"category": ["natural", "mixed"]}, ["Mount Taishan", "Uvs Nuur Basin"]),
        ({"sector": ["science"]}, ["Hustai", "Mount Apoi", "Uvs Nuur Basin"]),
        ({"danger": ["yes"]}, ["Mount Taishan"]),
        ({"from": "2003", "to": "2004"}, ["Orkhon Valley", "Uvs Nuur Basin"]),
        ({"from": "2005"}, ["Mount Apoi"]),
        ({"to": "1987"}, ["Great Wall", "Mount Taishan"]),
        ({"q": "WALL"}, ["Great Wall"]),
        ({"q": "northern wall"}, ["Great Wall"]),  # every word, in the name or the summary
        (
            {"country": ["mongolia"], "designation": ["world-heritage"], "sector": ["culture"]},
            ["Orkhon Valley"],
        ),
    ],
    ids=[
        "country",
        "countries",
        "designations",
        "categories",
        "sector",
        "danger",
        "years",
        "from-year",
        "to-year",
        "text",
        "words",
        "combined",
    ],
)
def test_each_filter_keeps_its_sites(sites, params, expected):
    found, shown = run(params)

    assert names(shown) == expected
    assert found.total == len(expected)


def test_a_transboundary_site_is_listed_once_under_both_its_countries(places):
    SiteFactory(name="Shared", countries=[places["mongolia"], places["china"]])

    found, shown = run({"country": ["mongolia", "china"]})

    assert names(shown) == ["Shared"]
    assert found.total == 1
    assert facet(found, "country") == {"mongolia": 1, "china": 1, "japan": 0}


def test_search_finds_a_name_in_another_language(places):
    SiteFactory(name="Great Wall", name_fr="La Grande Muraille", name_zh_hans="长城")

    assert names(run({"q": "muraille"})[1]) == ["Great Wall"]
    assert names(run({"q": "长城"})[1]) == ["Great Wall"]


# --- Counts beside each choice --------------------------------------------------------------


def test_each_facet_counts_its_choices_under_the_other_filters(sites):
    found, shown = run({"country": ["mongolia"], "sector": ["science"]})

    assert names(shown) == ["Hustai", "Uvs Nuur Basin"]
    # Countries under sector=science; sectors under country=mongolia.
    assert facet(found, "country") == {"mongolia": 2, "china": 0, "japan": 1}
    assert facet(found, "sector") == {"science": 2, "culture": 1}
    # Under both: every value is a choice, with 0 where nothing matches.
    assert facet(found, "designation") == {
        "world-heritage": 1,
        "biosphere-reserve": 1,
        "geopark": 0,
    }
    assert facet(found, "category") == {"cultural": 0, "natural": 1, "mixed": 0}
    assert facet(found, "danger") == {"yes": 0}


def test_choices_are_the_covered_countries_and_published_sectors_in_order(sites):
    found, _ = run({})

    assert [c.value for c in found.facets_by_name["country"].choices] == [
        "mongolia",
        "china",
        "japan",
    ]
    assert [c.value for c in found.facets_by_name["sector"].choices] == ["science", "culture"]
    assert found.facets_by_name["country"].choices[0].count_text == "3 sites"


def test_all_facets_are_counted_in_one_query(sites, django_assert_num_queries):
    found = SiteFilter(
        QueryDict(
            "country=mongolia&designation=world-heritage&category=natural&sector=science"
            "&danger=yes&q=site&from=1990&to=2020"
        ),
        queryset=Site.objects.published(),
    )

    synonyms()  # the editors' synonyms, kept until the content changes
    with django_assert_num_queries(1):
        found.qs  # noqa: B018
        assert len(found.facets) == 5


# --- Values it cannot use --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"country": ["atlantis"]}, "Country: nothing matches “atlantis”, so it was left out."),
        ({"country": ["russia"]}, "Country: nothing matches “russia”, so it was left out."),
        ({"designation": ["castle"]}, "Designation: nothing matches “castle”, so it was left out."),
        ({"danger": ["no"]}, "State of conservation: nothing matches “no”, so it was left out."),
        ({"from": "soon"}, "“From” is not a year from 1945 to 2100, so it was not used."),
        (
            {"to": "99999999999999999999999"},
            "“To” is not a year from 1945 to 2100, so it was not used.",
        ),
        ({"from": "-3"}, "“From” is not a year from 1945 to 2100, so it was not used."),
        (
            {"from": "2010", "to": "2000"},
            "The “from” year is after the “to” year, so the years were not used.",
        ),
        ({"q": "x" * 101}, "The search is longer than 100 characters, so it was not used."),
    ],
)
def test_a_value_it_cannot_use_is_reported_and_ignored(sites, params, problem):
    found, shown = run(params)

    assert found.problems == [problem]
    assert len(shown) == 6


# --- The page ------------------------------------------------------------------------------


def test_page_has_the_form_the_counts_and_a_status_line(client, sites):
    response = client.get(reverse("countries:site-list"), {"country": "mongolia", "danger": "yes"})
    html = response.text

    assert response.status_code == 200
    assert '<form class="filter" method="get"' in html
    assert 'name="country" value="mongolia" checked' in html
    assert 'name="danger" value="yes" checked' in html
    assert '<p class="result-count" role="status">0 sites</p>' in html
    assert "No sites match these filters." in html
    assert f'<a href="{reverse("countries:site-list")}">Clear filters</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'type="number" name="from" id="filter-from"' in html


def test_the_printed_page_says_what_it_is_filtered_by(client, sites):
    html = client.get(
        reverse("countries:site-list"),
        {"country": ["mongolia", "china"], "danger": "yes", "from": "2000", "to": "9999"},
    ).text

    found = re.search(r'<p class="filter-summary">(.*?)</p>', html, re.S)
    assert " ".join(found[1].split()) == (
        "Filtered by: Country: Mongolia, China; State of conservation: In danger; From: 2000"
    )


def test_page_shows_problems_and_never_fails(client, sites):
    response = client.get(
        reverse("countries:site-list"), {"from": "1e400", "country": "x" * 5000, "page": "2"}
    )

    assert response.status_code == 200
    assert "“From” is not a year from 1945 to 2100" in response.text
    assert "There is no such page, so page 1 of 1 is shown." in response.text


def test_pages_keep_every_filter(client, places):
    for i in range(30):
        SiteFactory(name=f"Site {i:02}", countries=[places["mongolia"]], year_designated=2000)

    response = client.get(
        reverse("countries:site-list"), {"country": "mongolia", "from": "1999", "page": "2"}
    )

    assert [site.name for site in response.context["site_list"]] == [
        f"Site {i:02}" for i in range(24, 30)
    ]
    assert "30 sites, page 2 of 2" in response.text
    assert 'href="?country=mongolia&amp;from=1999&amp;page=1"' in response.text


@pytest.mark.parametrize("rows", [5, 50])
def test_filtered_page_runs_five_queries_whatever_the_rows(client, places, rows, uncached):
    for _ in range(rows):
        SiteFactory(countries=[places["mongolia"], places["china"]], sector=places["culture"])
    url = reverse("countries:site-list")
    query = {
        "country": ["mongolia", "japan"],
        "sector": "culture",
        "designation": "world-heritage",
        "from": "2000",
        "q": "site",
    }
    # Remembers the codes of the countries for the map and the editors' synonyms, read once
    # after a change of content (see tests/countries/test_maps.py).
    client.get(url, {"country": "mongolia", "q": "site"})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)

    assert len(response.context["site_list"]) == min(rows, 24)
    # The office profile, the facet counts, the page, its countries, and the map (which
    # shows only the two countries here: these sites have no coordinates).
    assert len(queries) == 5, [q["sql"] for q in queries.captured_queries]
