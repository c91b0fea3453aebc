"""/sites/?<filters>&format=csv|json: the whole filtered site list as open data."""

from decimal import Decimal

import pytest
from django.urls import reverse

from countries.models import Site
from tests.factories import CountryFactory, SectorFactory, SiteFactory
from tests.opendata import body, read_csv, read_json
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db

URL = reverse("countries:site-list")
COLUMNS = [
    "id",
    "name",
    "url",
    "designation",
    "category",
    "countries",
    "country_iso3",
    "sector",
    "criteria",
    "year_designated",
    "extension_years",
    "in_danger",
    "in_danger_since",
    "latitude",
    "longitude",
    "area_ha",
    "official_id",
    "official_url",
    "summary",
    "updated_at",
]


@pytest.fixture
def places():
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "china": CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN", order=1),
        "russia": CountryFactory(
            name="Russian Federation",
            slug="russia",
            iso2="RU",
            iso3="RUS",
            is_covered=False,
            order=5,
        ),
        "hidden": CountryFactory(
            name="Hidden", slug="hidden", iso2="FR", iso3="FRA", status=Publishable.Status.DRAFT
        ),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT"),
        "science": SectorFactory(name="Natural Sciences", slug="science", code="SC", order=1),
    }


@pytest.fixture
def uvs(places):
    """A transboundary World Heritage site, in danger, with coordinates west and south."""
    return SiteFactory(
        name="Uvs Nuur Basin",
        slug="uvs-nuur-basin",
        countries=[places["russia"], places["hidden"], places["mongolia"]],
        sector=places["science"],
        wh_category=Site.Category.NATURAL,
        criteria="(ix)(x)",
        year_designated=2003,
        extension_years="2005, 2014",
        is_in_danger=True,
        in_danger_since=2010,
        latitude=Decimal("-50.283333"),
        longitude=Decimal("-92.716667"),
        area_ha=Decimal("898063.50"),
        official_id="769",
        official_url="https://whc.unesco.org/en/list/769/",
        summary="A closed lake basin.",
    )


def test_csv_has_a_header_and_a_row_for_each_site(client, uvs):
    rows = read_csv(client.get(URL, {"format": "csv"}))

    assert list(rows[0]) == COLUMNS
    row = rows[0]
    assert row | {"updated_at": ""} == {
        "id": str(uvs.pk),
        "name": "Uvs Nuur Basin",
        "url": "http://testserver/sites/uvs-nuur-basin/",
        "designation": "world-heritage",
        "category": "natural",
        # Published countries only, in their order, as on the site's page.
        "countries": "Mongolia; Russian Federation",
        "country_iso3": "MNG; RUS",
        "sector": "Natural Sciences",
        "criteria": "(ix)(x)",
        "year_designated": "2003",
        "extension_years": "2005; 2014",
        "in_danger": "true",
        "in_danger_since": "2010",
        # Numbers are never taken for formulas: a minus sign stays as it is.
        "latitude": "-50.283333",
        "longitude": "-92.716667",
        "area_ha": "898063.50",
        "official_id": "769",
        "official_url": "https://whc.unesco.org/en/list/769/",
        "summary": "A closed lake basin.",
        "updated_at": "",
    }
    assert row["updated_at"].endswith("+00:00")


def test_json_gives_numbers_lists_and_nulls(client, uvs, places):
    SiteFactory(name="Orkhon Valley", countries=[places["mongolia"]], sector=places["culture"])

    document = read_json(client.get(URL, {"format": "json"}))

    assert document["title"] == "Designated sites"
    assert len(document["sites"]) == 2
    orkhon, basin = document["sites"]
    assert list(basin) == COLUMNS
    assert basin["countries"] == ["Mongolia", "Russian Federation"]
    assert basin["country_iso3"] == ["MNG", "RUS"]
    assert basin["extension_years"] == [2005, 2014]
    assert basin["latitude"] == -50.283333
    assert basin["area_ha"] == 898063.5
    assert basin["in_danger"] is True
    assert orkhon["latitude"] is orkhon["official_url"] is orkhon["in_danger_since"] is None
    assert orkhon["extension_years"] == []


def test_download_holds_the_whole_filtered_list(client, places):
    for i in range(30):
        SiteFactory(name=f"Steppe {i:02}", countries=[places["mongolia"]], year_designated=2010)
    SiteFactory(name="Old", countries=[places["mongolia"]], year_designated=1990)
    SiteFactory(name="Wall", countries=[places["china"]], year_designated=2010)
    SiteFactory(name="Draft", countries=[places["mongolia"]], status=Publishable.Status.DRAFT)

    rows = read_csv(client.get(URL, {"format": "csv", "country": "mongolia", "from": "2000"}))

    assert [row["name"] for row in rows] == [f"Steppe {i:02}" for i in range(30)]


def test_a_name_that_looks_like_a_formula_is_neutralised(client, places):
    SiteFactory(name="@cmd", summary="+33 1 45 68 10 00", countries=[places["mongolia"]])

    (row,) = read_csv(client.get(URL, {"format": "csv"}))

    assert row["name"] == "'@cmd"
    assert row["summary"] == "'+33 1 45 68 10 00"


def test_french_download_names_in_french(client, uvs, places):
    places["mongolia"].name_fr = "Mongolie"
    places["mongolia"].save()
    uvs.name_fr = "Bassin d'Ubsunur"
    uvs.save()

    (row,) = read_csv(client.get("/fr/sites/", {"format": "csv"}))

    assert row["name"] == "Bassin d'Ubsunur"
    assert row["countries"] == "Mongolie; Russian Federation"
    assert row["url"] == "http://testserver/fr/sites/uvs-nuur-basin/"


def test_filters_it_cannot_use_give_a_400(client, places):
    response = client.get(URL, {"format": "json", "designation": "castle"})

    assert response.status_code == 400
    assert "- Designation: nothing matches “castle”, so it was left out.\n" in response.text


@pytest.mark.parametrize("data_format", ["csv", "json"])
@pytest.mark.parametrize("query", ["", "country=mongolia&designation=world-heritage&from=2000"])
def test_download_runs_five_queries_for_5_or_50_sites(
    client, places, django_assert_num_queries, data_format, query
):
    def grow(n):
        for i in range(n):
            SiteFactory(
                countries=[places["mongolia"], places["russia"]][: i % 2 + 1],
                sector=places["culture"],
                year_designated=2000 + i % 20,
            )

    grow(5)
    # The change stamp (ETag), the filters' choices, the size (counted up to
    # DOWNLOAD_STREAM_ROWS + 1), the published countries, the rows.
    with django_assert_num_queries(5):
        few = body(client.get(f"{URL}?{query}&format={data_format}"))
    grow(45)
    with django_assert_num_queries(5):
        many = body(client.get(f"{URL}?{query}&format={data_format}"))

    assert len(many) > len(few) * 5
