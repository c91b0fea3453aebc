"""Spreadsheet import of countries, sites and centres: their own columns and rules.

The shared rules (whole file or nothing, roles, round trip) are tested in
tests/unesco_office/test_import_export.py, whose helpers these tests use.
"""

from decimal import Decimal

import pytest

from countries.models import Centre, Country, Site
from tests.unesco_office.test_import_export import (
    csv_file,
    import_file,
    preview,
    problems,
    variety,
)

pytestmark = pytest.mark.django_db

RESERVE = {
    "slug": "khustain-nuruu",
    "name_en": "Khustain Nuruu",
    "name_fr": "Khustain Nuruu (fr)",
    "designation": "biosphere-reserve",
    "countries": "mongolia",
    "sector": "natural-sciences",
    "year_designated": "2002",
    "latitude": "47.7",
    "longitude": "105.9",
    "area_ha": "50620.5",
    "status": "published",
}


def test_a_biosphere_reserve_is_added_with_its_countries_and_sector(publisher_client):
    variety()
    shared = RESERVE | {"slug": "altai", "name_en": "Great Altai", "countries": "mongolia,russia"}

    import_file(publisher_client, Site, csv_file([RESERVE, shared]))

    reserve = Site.objects.get(slug="khustain-nuruu")
    assert reserve.designation == Site.Designation.BIOSPHERE_RESERVE
    assert (reserve.latitude, reserve.area_ha) == (Decimal("47.7"), Decimal("50620.5"))
    assert reserve.sector.slug == "natural-sciences" and reserve.is_public
    assert reserve.name_zh_hans is None
    altai = Site.objects.get(slug="altai")
    assert sorted(altai.countries.values_list("slug", flat=True)) == ["mongolia", "russia"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"countries": ""}, "row 2, countries: Give at least one slug."),
        ({"countries": "mongolia, narnia"}, "There is no country with the slug “narnia”."),
        ({"sector": "sport"}, "row 2, sector: There is no sector with the slug “sport”."),
        ({"latitude": "47,7"}, "“47,7” is not a number (write decimals with a point: 40.5)."),
        ({"latitude": ""}, "Give both latitude and longitude, or neither."),
        ({"latitude": "91"}, "row 2, latitude: Ensure this value is less than or equal to 90."),
        ({"year_designated": "1900"}, "greater than or equal to 1945"),
        ({"year_designated": "2002.5"}, "“2002.5” is not a whole number."),
        ({"wh_category": "natural"}, "Only World Heritage sites have a category."),
        ({"designation": "park"}, "row 2, designation: Value 'park' is not a valid choice."),
        ({"is_in_danger": "maybe"}, "row 2, is_in_danger: “maybe” is not yes or no."),
        ({"criteria": "(xi)"}, "Write criteria as roman numerals in brackets"),
        ({"in_danger_since": "2010"}, "“In danger since” needs “in danger” ticked"),
    ],
)
def test_a_site_row_the_model_refuses_is_named(publisher_client, values, message):
    variety()
    before = Site.objects.count()

    text = problems(preview(publisher_client, Site, csv_file([RESERVE | values])))

    assert "Nothing was imported: row 2 has problems." in text
    assert message in text
    assert Site.objects.count() == before


def test_the_official_id_stays_unique_per_designation(publisher_client):
    variety()
    row = RESERVE | {"designation": "world-heritage", "official_id": "769", "countries": "japan"}

    text = problems(preview(publisher_client, Site, csv_file([row])))

    assert "Another site of this designation has this official id." in text


def test_a_country_row_is_checked_like_the_form(publisher_client):
    variety()
    rows = [
        {"slug": "france", "name_en": "France", "iso2": "FR", "iso3": "FRA"},
        {"slug": "germany", "name_en": "Germany", "iso2": "DE", "iso3": "FRA"},
        {"slug": "japan-again", "name_en": "Japan", "iso2": "JP", "iso3": "JPN"},
        {
            "slug": "atlantis",
            "name_en": "Atlantis",
            "iso2": "QQ",
            "iso3": "QQQ",
            "time_zone": "Mars/Olympus",
        },
    ]

    text = problems(preview(publisher_client, Country, csv_file(rows)))

    assert "Nothing was imported: rows 3, 4, 5 have problems." in text
    assert "row 3, iso3:" in text
    assert "row 4, iso2: Country with this ISO alpha-2 already exists." in text
    assert "row 4, name_en: Country with this Name [en] already exists." in text
    assert "row 5, time_zone:" in text
    assert not Country.objects.filter(slug="france").exists()


def test_untranslated_country_names_are_stored_empty_so_they_never_clash(publisher_client):
    rows = [
        {"slug": s, "name_en": n, "name_fr": "", "iso2": a2, "iso3": a3}
        for s, n, a2, a3 in [("chile", "Chile", "CL", "CHL"), ("peru", "Peru", "PE", "PER")]
    ]

    import_file(publisher_client, Country, csv_file(rows))

    assert list(Country.objects.values_list("name_fr", flat=True)) == [None, None]


def test_a_centre_is_added_and_a_bad_website_refused(publisher_client):
    variety()
    row = {
        "slug": "crihap",
        "name_en": "International Training Centre for Intangible Cultural Heritage",
        "acronym": "CRIHAP",
        "country": "mongolia",
        "sector": "culture",
        "year_established": "2012",
        "website": "https://www.crihap.cn/",
    }

    bad = problems(preview(publisher_client, Centre, csv_file([row | {"website": "crihap"}])))
    import_file(publisher_client, Centre, csv_file([row]))

    assert "row 2, website: Enter a valid URL." in bad
    centre = Centre.objects.get(slug="crihap")
    assert (centre.acronym, centre.country.slug, centre.year_established) == (
        "CRIHAP",
        "mongolia",
        2012,
    )
    assert centre.status == Centre.Status.DRAFT  # no status column: a draft
