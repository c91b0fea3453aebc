"""A record that is not published is named nowhere public: not by a page, a card, a feed, a
download, a calendar, a map or JSON-LD of a published record related to it."""

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import CentreFactory, CountryFactory, EventFactory, SectorFactory, SiteFactory
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT


@pytest.fixture
def world():
    """Published records, each related to hidden sectors, countries, sites and centres."""
    public_country = CountryFactory(name="Openland", slug="openland", iso2="MN", iso3="MNG")
    public_sector = SectorFactory(name="Opensector", slug="opensector", code="CLT")
    secret_countries = [
        CountryFactory(name=f"Secretland {way}", slug=f"secretland-{way}", iso2=iso2, iso3=iso3)
        for way, iso2, iso3 in [
            ("draft", "JP", "JPN"),
            ("scheduled", "KR", "KOR"),
            ("expired", "KP", "PRK"),
        ]
    ]
    for country, state in zip(secret_countries, hidden_states(), strict=True):
        type(country).objects.filter(pk=country.pk).update(**state)
    secret_sectors = [
        SectorFactory(name=f"Secretsector {way}", slug=f"secretsector-{way}", code=code)
        for way, code in [("draft", "ED"), ("scheduled", "SC"), ("expired", "CI")]
    ]
    for sector, state in zip(secret_sectors, hidden_states(), strict=True):
        type(sector).objects.filter(pk=sector.pk).update(**state)
    secret_sites = []
    for way, state in zip(["draft", "scheduled", "expired"], hidden_states(), strict=True):
        site = SiteFactory(
            name=f"Secretsite {way}", sector=public_sector, latitude=47, longitude=106
        )
        site.countries.set([public_country])
        type(site).objects.filter(pk=site.pk).update(**state)
        secret_sites.append(site)

    site = SiteFactory(
        name="Opensite", slug="opensite", sector=secret_sectors[0], latitude=47.9, longitude=106.9
    )
    site.countries.set([public_country, *secret_countries])
    centres = [
        CentreFactory(
            name=f"Opencentre {i}", slug=f"opencentre-{i}", country=public_country, sector=sector
        )
        for i, sector in enumerate(secret_sectors)
    ]
    event = EventFactory(
        title="Openevent",
        slug="openevent",
        country=secret_countries[0],
        start_date=timezone.localdate() + datetime.timedelta(days=5),
    )
    event.sectors.set([public_sector, *secret_sectors])
    event.sites.set([site, *secret_sites])
    return {"site": site, "centres": centres, "event": event, "country": public_country}


def hidden_states():
    now = timezone.now()
    return [
        {"status": DRAFT, "published_at": None},
        {"published_at": now + datetime.timedelta(days=3)},
        {
            "published_at": now - datetime.timedelta(days=9),
            "unpublish_at": now - datetime.timedelta(days=1),
        },
    ]


SECRET = re.compile(r"Secret(land|sector|site)|secret(land|sector|site)-")


def urls(world):
    event, site = world["event"], world["site"]
    return [
        "/",
        "/about/",
        "/sectors/",
        "/sectors/opensector/",
        "/countries/",
        "/countries/openland/",
        "/sites/",
        "/sites/?format=csv",
        "/sites/?format=json",
        "/sites/feed/",
        site.get_absolute_url(),
        "/centres/",
        *(centre.get_absolute_url() for centre in world["centres"]),
        "/events/",
        "/events/?when=all&format=csv",
        "/events/?when=all&format=json",
        "/events/feed/",
        "/events/calendar.ics",
        f"/events/calendar/?month={event.start_date:%Y-%m}",
        event.get_absolute_url(),
        event.get_absolute_url().rstrip("/") + ".ics",
        "/search/?q=open",
        "/search/?q=openevent",
        "/sitemap.xml",
    ]


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans"])
def test_no_public_page_names_a_hidden_related_record(client, world, language):
    seen = {}
    for url in urls(world):
        prefixed = url if language == "en" or url.startswith("/sitemap") else f"/{language}{url}"
        response = client.get(prefixed)
        assert response.status_code == 200, prefixed
        body = b"".join(response.streaming_content if response.streaming else [response.content])
        found = sorted({match.group(0) for match in SECRET.finditer(body.decode())})
        if found:
            seen[prefixed] = found
    assert seen == {}, "\n".join(f"{url}: {found}" for url, found in seen.items())


@pytest.mark.parametrize("state", hidden_states(), ids=["draft", "scheduled", "expired"])
def test_a_centre_s_page_is_not_found_while_its_country_is_hidden(client, state):
    country = CountryFactory(name="Hiddenland", iso2="JP", iso3="JPN")
    centre = CentreFactory(country=country)
    assert client.get(centre.get_absolute_url()).status_code == 200

    for name, value in state.items():  # saved as staff do: the cached page is dropped
        setattr(country, name, value)
    country.save()

    assert client.get(centre.get_absolute_url()).status_code == 404


def test_an_event_in_a_hidden_country_keeps_its_country_s_time_zone(client):
    country = CountryFactory(name="Secretland", iso2="JP", iso3="JPN", time_zone="Asia/Tokyo")
    event = EventFactory(country=country, start_time=datetime.time(9), time_zone="")
    type(country).objects.filter(pk=country.pk).update(**hidden_states()[0])
    event.refresh_from_db()

    assert event.public_country is None
    assert event.tzinfo.key == "Asia/Tokyo"
    assert "Secretland" not in client.get(event.get_absolute_url()).text
