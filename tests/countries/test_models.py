from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from countries.models import Country, Site
from tests.factories import CentreFactory, CountryFactory, SectorFactory, SiteFactory

pytestmark = pytest.mark.django_db


def refused_by_database(model, pk, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**values)
    return True


@pytest.mark.parametrize("field", ["name", "slug", "iso2", "iso3"])
def test_country_names_slugs_and_codes_are_unique(field):
    first = CountryFactory(iso2="JP", iso3="JPN")
    values = {"name": "Other", "slug": "other", "iso2": "MN", "iso3": "MNG"}
    values[field] = getattr(first, field)

    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(**values)


@pytest.mark.parametrize(("field", "value"), [("iso2", "mn"), ("iso2", "M1"), ("iso3", "mng")])
def test_database_refuses_malformed_iso_codes(field, value):
    country = CountryFactory(iso2="MN", iso3="MNG")

    assert refused_by_database(Country, country.pk, **{field: value})


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"iso2": "XX"}, "iso2", "not an ISO 3166-1 alpha-2"),
        ({"iso3": "XXX"}, "iso3", "not an ISO 3166-1 alpha-3"),
        ({"iso3": "JPN"}, "iso3", "whose alpha-3 code is MNG"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "not an IANA time zone"),
    ],
)
def test_country_validation_names_the_problem(values, field, message):
    country = Country(
        **{"name": "Mongolia", "slug": "mongolia", "iso2": "MN", "iso3": "MNG"} | values
    )

    with pytest.raises(ValidationError) as error:
        country.full_clean()

    assert message in " ".join(error.value.message_dict[field])


def test_country_codes_are_upper_cased_by_clean():
    country = Country(name="Mongolia", slug="mongolia", iso2="mn", iso3="mng")

    country.full_clean()

    assert (country.iso2, country.iso3) == ("MN", "MNG")


@pytest.mark.parametrize(
    "values",
    [
        {"latitude": Decimal("90.5"), "longitude": Decimal(0)},
        {"latitude": Decimal("-91"), "longitude": Decimal(0)},
        {"latitude": Decimal(0), "longitude": Decimal("180.1")},
        {"latitude": Decimal(10), "longitude": None},
        {"year_designated": 1900},
        {"year_designated": 2101},
        {"area_ha": Decimal("-1")},
        {"is_in_danger": True, "in_danger_since": 1990},
        {"is_in_danger": False, "in_danger_since": 2010},
        {"designation": "monument"},
        {"designation": Site.Designation.GEOPARK, "wh_category": Site.Category.CULTURAL},
        {"slug": ""},
    ],
    ids=str,
)
def test_database_refuses_impossible_sites(values):
    site = SiteFactory(year_designated=2000)

    assert refused_by_database(Site, site.pk, **values)


def test_official_id_is_unique_per_designation_but_may_be_blank_many_times():
    SiteFactory(official_id="439")
    SiteFactory(official_id="")
    SiteFactory(official_id="")
    SiteFactory(official_id="439", designation=Site.Designation.BIOSPHERE_RESERVE, wh_category="")

    with pytest.raises(IntegrityError), transaction.atomic():
        SiteFactory(official_id="439")


def test_site_validation_explains_constraint_breaches():
    site = SiteFactory.build(
        sector=SectorFactory(), latitude=Decimal("45"), longitude=None, criteria="(i)(xi)"
    )

    with pytest.raises(ValidationError) as error:
        site.full_clean()

    messages = str(error.value)
    assert "latitude and longitude, or neither" in messages
    assert "roman numerals" in messages


def test_transboundary_site_belongs_to_each_of_its_countries():
    china, kazakhstan = CountryFactory(iso2="CN", iso3="CHN"), CountryFactory(iso2="KZ", iso3="KAZ")
    site = SiteFactory(countries=[china, kazakhstan])

    assert list(china.sites.all()) == [site] == list(kazakhstan.sites.all())


def test_criteria_and_extension_years_are_listed():
    site = SiteFactory(criteria="(i)(ii)(iv)", extension_years="2003, 2014")

    assert site.criteria_list == ["i", "ii", "iv"]
    assert site.extension_year_list == [2003, 2014]


def test_deleting_a_sector_or_country_in_use_is_refused():
    centre = CentreFactory()

    with pytest.raises(ProtectedError):
        centre.sector.delete()
    with pytest.raises(ProtectedError):
        centre.country.delete()


def test_centre_year_must_be_plausible():
    centre = CentreFactory()

    assert refused_by_database(type(centre), centre.pk, year_established=1800)
