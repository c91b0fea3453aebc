"""Maps of sites: the site list's (every site the filters select), a country's and a site's."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from countries.models import Site
from tests.factories import CountryFactory, SectorFactory, SiteFactory
from tests.map_svg import frame, holds_tinted_whole, tinted_bounds
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db

GREAT_WALL = {"latitude": Decimal("40.4"), "longitude": Decimal("116.6")}
MOUNT_FUJI = {"latitude": Decimal("35.36"), "longitude": Decimal("138.73")}
ORKHON_VALLEY = {"latitude": Decimal("47.48"), "longitude": Decimal("102.68")}
DAURIA = {"latitude": Decimal("49.93"), "longitude": Decimal("115.43")}


def links(html):
    """(url, title) of every point of the page's map."""
    svg = re.search(r'<svg class="map__svg".*?</svg>', html, re.S)
    if not svg:
        return []
    return re.findall(r'<a href="([^"]+)"[^>]*><title[^>]*>([^<]*)</title>', svg.group())


def figure(html):
    match = re.search(r'<figure class="map".*?</figure>', html, re.S)
    return match.group() if match else ""


@pytest.fixture
def places():
    sector = SectorFactory()
    return {
        "china": CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN"),
        "japan": CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN"),
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "sector": sector,
    }


def spread_sites(places, n, country="china", **fields):
    """n sites scattered over northern China, each with its own coordinates."""
    return [
        SiteFactory(
            countries=[places[country]],
            sector=places["sector"],
            latitude=Decimal(f"{34 + (k % 70) / 10:.4f}"),
            longitude=Decimal(f"{105 + (k // 70) / 2:.4f}"),
            **fields,
        )
        for k in range(n)
    ]


# --- The site list -------------------------------------------------------------------------


def test_site_list_maps_every_site_the_filters_select_not_only_the_page(client, places):
    spread_sites(places, 30)

    html = client.get("/sites/").content.decode()

    assert html.count('class="card"') == 24  # the page
    assert len(links(html)) == 30  # the whole list
    assert "30 sites on the map, by designation." in figure(html)


@pytest.mark.parametrize("number", [5, 500])
def test_site_list_map_costs_one_query_however_many_sites(client, places, number, uncached):
    Site.objects.bulk_create(
        Site(
            name=f"Site {k}",
            slug=f"site-{k}",
            designation=Site.Designation.GEOPARK if k % 3 else Site.Designation.WORLD_HERITAGE,
            sector=places["sector"],
            year_designated=2000,
            latitude=Decimal(f"{30 + k % 20}"),
            longitude=Decimal(f"{100 + k % 40}"),
            status=Publishable.Status.PUBLISHED,
            published_at="2020-01-01T00:00Z",
        )
        for k in range(number)
    )
    Site.countries.through.objects.bulk_create(
        Site.countries.through(site=site, country=places["china"]) for site in Site.objects.all()
    )

    client.get("/sites/?country=china")  # summarises the list (its facet counts)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/sites/?country=china").content.decode()

    assert len(links(html)) == number
    # The office profile, the page, its countries, and the map's one query.
    assert len(queries) == 4
    (map_query,) = [q["sql"] for q in queries.captured_queries if '"map_latitude"' in q["sql"]]
    selected = set(re.findall(r'"countries_site"\."(\w+)"', map_query.split(" FROM ")[0]))
    # Only what the map shows: no body, summary, image or timestamps.
    assert selected - {"name_en", "name_fr", "name_zh_hans"} == {
        "slug",
        "designation",
        "latitude",
        "longitude",
    }
    # Every site the filters select, unsorted (EXISTS subqueries aside, nothing is limited).
    assert not re.search(r"LIMIT \d+( OFFSET \d+)?$", map_query) and "ORDER BY" not in map_query


def test_site_list_map_follows_the_filters(client, places):
    spread_sites(places, 3)
    spread_sites(places, 2, country="japan")
    spread_sites(places, 4, designation=Site.Designation.BIOSPHERE_RESERVE, wh_category="")

    html = client.get("/sites/?country=china&designation=world-heritage").content.decode()

    assert len(links(html)) == 3
    assert 'class="map__pts map__pts--world-heritage"' in html
    assert "map__pts--biosphere-reserve" not in html.split("<figcaption")[0]


def test_site_list_shows_the_countries_the_filters_select_whole_and_tinted(client, places):
    SiteFactory(name="Orkhon Valley", countries=[places["mongolia"]], **ORKHON_VALLEY)
    SiteFactory(name="The Great Wall", countries=[places["china"]], **GREAT_WALL)

    filtered = client.get("/sites/?country=mongolia&country=nowhere").content.decode()
    unfiltered = client.get("/sites/").content.decode()

    assert [title for _url, title in links(filtered)] == ["Orkhon Valley"]
    assert holds_tinted_whole(filtered)  # Mongolia's west and east ends too
    assert tinted_bounds(unfiltered) is None  # no filter, no tint


def test_site_list_shows_a_selected_country_whose_sites_have_no_coordinates(client, places):
    SiteFactory(countries=[places["mongolia"]])
    SiteFactory(countries=[places["china"]], **GREAT_WALL)

    html = figure(client.get("/sites/?country=mongolia").content.decode())

    assert links(html) == []
    assert holds_tinted_whole(html)
    assert "1 site has no coordinates." in html


def test_site_list_reads_the_codes_of_its_countries_once(client, places, uncached):
    """The codes of the countries the filters can select are remembered as the facet
    counts are: a query the first time after a change, none after."""
    SiteFactory(countries=[places["mongolia"]], **ORKHON_VALLEY)
    client.get("/sites/")  # summarises the list (its facet counts)

    def reads_codes(query):
        columns = query["sql"].split(" FROM ")[0]
        return set(re.findall(r'"countries_country"\."(\w+)"', columns)) == {"slug", "iso3"}

    counts, reads = [], []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/sites/?country=mongolia").content.decode()
        counts.append(len(queries))
        reads.append(sum(map(reads_codes, queries.captured_queries)))
        assert holds_tinted_whole(html)

    assert counts == [5, 4] and reads == [1, 0]
    places["mongolia"].save()  # a change of content: the codes are read again
    with CaptureQueriesContext(connection) as queries:
        client.get("/sites/?country=mongolia")
    assert sum(map(reads_codes, queries.captured_queries)) == 1


def test_site_list_colours_sites_by_designation_with_a_legend(client, places):
    spread_sites(places, 2)
    spread_sites(places, 3, designation=Site.Designation.BIOSPHERE_RESERVE, wh_category="")
    spread_sites(places, 1, designation=Site.Designation.GEOPARK, wh_category="")

    html = figure(client.get("/sites/").content.decode())

    groups = re.findall(r'<g class="map__pts map__pts--([\w-]+)">(.*?)</g>', html, re.S)
    assert [(key, body.count("<a ")) for key, body in groups] == [
        ("world-heritage", 2),
        ("biosphere-reserve", 3),
        ("geopark", 1),
    ]
    legend = re.sub(r"<[^>]+>|\s+", " ", html.split('class="map__legend"')[1].split("</ul>")[0])
    assert " ".join(legend.split()).endswith(
        "World Heritage site (2) Biosphere Reserve (3) UNESCO Global Geopark (1)"
    )


def test_transboundary_site_shows_once(client, places):
    SiteFactory(
        name="Landscapes of Dauria",
        countries=[places["china"], places["mongolia"]],
        latitude=Decimal("49.93"),
        longitude=Decimal("115.43"),
    )

    html = client.get("/sites/?country=china&country=mongolia").content.decode()

    assert [title for _url, title in links(html)] == ["Landscapes of Dauria"]


def test_sites_without_coordinates_are_counted_in_a_note(client, places):
    spread_sites(places, 2)
    for _ in range(3):
        SiteFactory(countries=[places["china"]], latitude=None, longitude=None)

    html = figure(client.get("/sites/").content.decode())

    assert len(links(html)) == 2
    assert "3 sites have no coordinates." in html


def test_site_list_without_any_coordinates_has_no_map(client, places):
    SiteFactory(countries=[places["china"]])

    html = client.get("/sites/").content.decode()

    assert figure(html) == ""
    assert "1 site" in html


def test_site_list_without_results_reads_no_map(client, places, uncached):
    spread_sites(places, 2)
    client.get("/sites/?q=steppe")  # the editors' synonyms, kept until the content changes

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/sites/?q=nothing-matches-this").content.decode()

    assert figure(html) == ""
    # The profile and the facet counts: with no site to show, nothing else is read.
    assert len(queries) == 2


def test_map_points_link_to_site_pages_in_the_page_language(client, places):
    site = SiteFactory(name="The Great Wall", countries=[places["china"]], **GREAT_WALL)
    Site.objects.filter(pk=site.pk).update(name_zh_hans="长城")
    untranslated = SiteFactory(name="Fujisan", countries=[places["japan"]], **MOUNT_FUJI)
    Site.objects.filter(pk=untranslated.pk).update(name_zh_hans="")

    html = client.get("/zh-hans/sites/").content.decode()

    # Without a Chinese name, the English one, as everywhere else on the page.
    assert sorted(links(html), key=lambda link: link[1]) == [
        (f"/zh-hans/sites/{untranslated.slug}/", "Fujisan"),
        (f"/zh-hans/sites/{site.slug}/", "长城"),
    ]


def test_maps_can_be_turned_off(client, places, settings, uncached):
    spread_sites(places, 3)
    settings.MAPS = False
    client.get("/sites/")  # summarises the list

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/sites/").content.decode()

    assert figure(html) == ""
    assert len(queries) == 3  # the profile, the page, its countries


def test_map_is_text_as_well_as_picture(client, places):
    spread_sites(places, 2)

    html = figure(client.get("/sites/").content.decode())

    assert '<svg class="map__svg"' in html and 'aria-labelledby="sites-map-caption"' in html
    assert re.search(r'<figcaption id="sites-map-caption"', html)
    assert '<a class="map__skip visually-hidden" href="#sites-map-caption">Skip the map</a>' in html
    assert "Natural Earth" in html
    assert "style=" not in html and "<style" not in html


# --- A country and a site -------------------------------------------------------------------


def test_country_page_maps_its_sites_on_its_tinted_outline(client, places):
    SiteFactory(name="The Great Wall", countries=[places["china"]], **GREAT_WALL)
    SiteFactory(name="Unpublished", countries=[places["china"]], status="draft", **GREAT_WALL)
    SiteFactory(name="Fujisan", countries=[places["japan"]], **MOUNT_FUJI)

    html = client.get("/countries/china/").content.decode()

    assert [title for _url, title in links(html)] == ["The Great Wall"]
    assert 'class="map__land map__land--focus"' in html


@pytest.mark.parametrize(
    ("slug", "site"),
    [("mongolia", ORKHON_VALLEY), ("japan", MOUNT_FUJI), ("china", GREAT_WALL)],
)
def test_country_page_map_holds_the_whole_country(client, places, slug, site):
    """Not only its sites: Mongolia's west and east ends, Japan's Hokkaido and Okinawa."""
    SiteFactory(countries=[places[slug]], **site)

    html = figure(client.get(f"/countries/{slug}/").content.decode())

    assert len(links(html)) == 1
    assert holds_tinted_whole(html)


def test_country_page_without_coordinates_shows_the_country(client, places):
    SiteFactory(countries=[places["mongolia"]])

    html = figure(client.get("/countries/mongolia/").content.decode())

    assert 'class="map__land map__land--focus"' in html
    assert links(html) == []
    assert "1 site has no coordinates." in html


def test_site_page_shows_where_it_is(client, places):
    site = SiteFactory(name="Fujisan", countries=[places["japan"]], **MOUNT_FUJI)

    html = figure(client.get(site.get_absolute_url()).content.decode())

    assert links(html) == [
        (
            "https://www.openstreetmap.org/?mlat=35.360000&amp;mlon=138.730000"
            "#map=11/35.360000/138.730000",
            "Fujisan on OpenStreetMap",
        )
    ]
    assert "Fujisan on the map." in html
    assert 'class="map__land map__land--focus"' in html
    assert "map__legend" not in html


def test_site_page_holds_its_country_whole(client, places):
    site = SiteFactory(name="Fujisan", countries=[places["japan"]], **MOUNT_FUJI)

    assert holds_tinted_whole(figure(client.get(site.get_absolute_url()).content.decode()))


def test_transboundary_site_page_holds_the_office_s_country_and_tints_its_partner(client, places):
    """Landscapes of Dauria, in Mongolia and Russia: its map is Mongolia's, with Russia
    tinted beside it, not a map of all Russia."""
    russia = CountryFactory(
        name="Russian Federation", slug="russia", iso2="RU", iso3="RUS", is_covered=False
    )
    shared = SiteFactory(countries=[places["mongolia"], russia], **DAURIA)
    alone = SiteFactory(countries=[places["mongolia"]], **DAURIA)

    shared_html = figure(client.get(shared.get_absolute_url()).content.decode())
    alone_html = figure(client.get(alone.get_absolute_url()).content.decode())

    assert frame(shared_html) == frame(alone_html)
    position = re.compile(r"translate\(-?\d+ -?\d+\)")
    assert position.findall(shared_html) == position.findall(alone_html)
    # Russia is tinted too, and reaches past the map's edge.
    assert not holds_tinted_whole(shared_html) and holds_tinted_whole(alone_html)


def test_site_page_shows_its_map_after_its_text(client, places):
    site = SiteFactory(
        countries=[places["japan"]],
        summary="A summary of the site.",
        body="<p>The body of the site.</p>",
        **MOUNT_FUJI,
    )

    html = client.get(site.get_absolute_url()).content.decode()
    page = html[html.index("<h1") :]  # not the head's description

    facts, summary, body, map_ = (
        page.index(text)
        for text in ('class="facts"', "A summary", "The body", '<figure class="map"')
    )
    assert facts < summary < body < map_


def test_site_page_without_coordinates_has_no_map(client, places):
    site = SiteFactory(countries=[places["japan"]])

    assert figure(client.get(site.get_absolute_url()).content.decode()) == ""


def test_country_and_site_pages_run_no_query_for_their_maps(client, places, settings, uncached):
    site = SiteFactory(countries=[places["japan"]], **MOUNT_FUJI)
    counts = {}
    for maps in (True, False):
        settings.MAPS = maps
        for url in (site.get_absolute_url(), "/countries/japan/"):
            client.get(url)  # values kept until the content changes (the longest event)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            counts[maps, url] = len(queries)

    assert counts[True, site.get_absolute_url()] == counts[False, site.get_absolute_url()]
    assert counts[True, "/countries/japan/"] == counts[False, "/countries/japan/"]
