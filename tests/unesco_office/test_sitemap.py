"""/sitemap.xml and /robots.txt: every public page in every language, nothing else, in a
fixed number of queries, at the address the request came to."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from countries.models import Country
from events.models import Event
from sectors.models import Sector
from tests.factories import CentreFactory, CountryFactory, EventFactory, SiteFactory
from tests.unesco_office import test_pages
from tests.unesco_office.test_pages import DRAFT, PAGES, new_sector, scheduled

pytestmark = pytest.mark.django_db

world = test_pages.world

LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def absolute(path):
    return f"http://testserver{path}"


def url_in(language, page, world):
    with translation.override(language):
        return PAGES[page](world)


def sitemap_entries(response):
    """{address: {hreflang: alternate address}} and {address: lastmod} of a sitemap."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 (the site's own response)
    entries, lastmods = {}, {}
    for url in root.iter(f"{SITEMAP}url"):
        location = url.findtext(f"{SITEMAP}loc")
        assert location not in entries, f"{location} is listed twice"
        entries[location] = {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        lastmods[location] = url.findtext(f"{SITEMAP}lastmod")
    return entries, lastmods


def test_sitemap_lists_every_public_page_in_every_language(client, world):
    entries, _lastmods = sitemap_entries(client.get("/sitemap.xml"))

    # Every page but a search's results, which are no page of their own.
    pages = [page for page in PAGES if page != "search"]
    expected = {absolute(url_in(language, page, world)) for page in pages for language in LANGUAGES}
    # Every published country has a page: partners of transboundary sites too.
    expected |= {
        absolute(url_in(language, "country-detail", {"country": country}))
        for country in Country.objects.published()
        for language in LANGUAGES
    }
    assert set(entries) == expected
    assert "http://testserver/fr/countries/partner/" in entries


def test_every_address_in_the_sitemap_is_a_public_page(client, world):
    entries, _lastmods = sitemap_entries(client.get("/sitemap.xml"))

    for location in entries:
        response = client.get(location.removeprefix("http://testserver"))
        assert response.status_code == 200, location


def test_sitemap_names_each_language_version_and_english_as_the_default(client, world):
    entries, _lastmods = sitemap_entries(client.get("/sitemap.xml"))
    versions = {
        "en": "http://testserver/sites/jongmyo/",
        "fr": "http://testserver/fr/sites/jongmyo/",
        "zh-hans": "http://testserver/zh-hans/sites/jongmyo/",
        "x-default": "http://testserver/sites/jongmyo/",
    }

    for language in ("en", "fr", "zh-hans"):
        assert entries[versions[language]] == versions
    assert entries["http://testserver/fr/"] == {
        "en": "http://testserver/",
        "fr": "http://testserver/fr/",
        "zh-hans": "http://testserver/zh-hans/",
        "x-default": "http://testserver/",
    }


def test_sitemap_default_version_of_a_page_with_en_in_its_address_is_that_address(client):
    new_sector(name="Energy", slug="en")

    entries, _lastmods = sitemap_entries(client.get("/sitemap.xml"))

    assert entries["http://testserver/fr/sectors/en/"]["x-default"] == (
        "http://testserver/sectors/en/"
    )


def test_sitemap_leaves_out_drafts_and_scheduled_records(client, world):
    public, _lastmods = sitemap_entries(client.get("/sitemap.xml"))
    culture, korea = world["sector"], world["country"]
    for n, hidden in enumerate((DRAFT, scheduled())):
        new_sector(slug=f"hidden-sector-{n}", **hidden)
        CountryFactory(
            slug=f"hidden-country-{n}", iso2=f"Z{'YZ'[n]}", iso3=f"ZZ{'YZ'[n]}", **hidden
        )
        SiteFactory(slug=f"hidden-site-{n}", sector=culture, countries=[korea], **hidden)
        CentreFactory(slug=f"hidden-centre-{n}", country=korea, sector=culture, **hidden)
        EventFactory(slug=f"hidden-event-{n}", country=korea, **hidden)

    response = client.get("/sitemap.xml")
    entries, _lastmods = sitemap_entries(response)

    assert "hidden" not in response.text
    assert entries == public


def test_sitemap_gives_each_record_its_last_change(client, world):
    event = world["event"]
    Event.objects.filter(pk=event.pk).update(
        updated_at=datetime.datetime(2024, 5, 6, 23, 30, tzinfo=datetime.UTC)
    )

    _entries, lastmods = sitemap_entries(client.get("/sitemap.xml"))

    for language in LANGUAGES:
        assert lastmods[absolute(url_in(language, "event-detail", world))] == "2024-05-06"
    assert lastmods["http://testserver/"] is None


def test_sitemap_takes_the_domain_and_scheme_from_the_request(client, world, settings):
    settings.ALLOWED_HOSTS = ["office.example.org"]

    response = client.get("/sitemap.xml", secure=True, headers={"host": "office.example.org"})
    entries, _lastmods = sitemap_entries(response)

    assert "https://office.example.org/zh-hans/events/heritage-forum/" in entries
    assert all(location.startswith("https://office.example.org/") for location in entries)


def make_records(n):
    """n published records of each kind in the sitemap, and a draft site."""
    start = Sector.objects.count()
    sectors = [new_sector() for _ in range(n)]
    countries = []
    for i in range(start, start + n):
        letters = f"{chr(65 + i // 26)}{chr(65 + i % 26)}"
        countries.append(CountryFactory(iso2=letters, iso3=f"Q{letters}"))
    for sector, country in zip(sectors, countries, strict=True):
        SiteFactory(sector=sector, countries=[country])
        CentreFactory(sector=sector, country=country)
        EventFactory(country=country, sectors=[sector])
    SiteFactory(sector=sectors[0], countries=countries[:1], **DRAFT)


def test_sitemap_runs_one_query_per_kind_of_record_however_many_there_are(
    client, django_assert_num_queries, uncached
):
    make_records(5)
    with CaptureQueriesContext(connection) as five:
        entries, _lastmods = sitemap_entries(client.get("/sitemap.xml"))
    assert len(entries) == 3 * (7 + 5 * 5)
    make_records(45)

    with django_assert_num_queries(len(five)):
        entries, _lastmods = sitemap_entries(client.get("/sitemap.xml"))

    assert len(entries) == 3 * (7 + 5 * 50)
    assert len(five) == 5, [query["sql"] for query in five.captured_queries]


# --------------------------------------------------------------------------------------------
# robots.txt
# --------------------------------------------------------------------------------------------


def test_robots_txt_opens_the_site_closes_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.text.splitlines() == [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "",
        "Sitemap: http://testserver/sitemap.xml",
    ]
    assert not response.cookies


def test_robots_txt_gives_the_sitemap_address_of_the_host_asked(client, settings):
    settings.ALLOWED_HOSTS = ["office.example.org"]

    response = client.get("/robots.txt", secure=True, headers={"host": "office.example.org"})

    assert "Sitemap: https://office.example.org/sitemap.xml" in response.text.splitlines()


def test_robots_txt_and_sitemap_exist_only_at_the_root(client):
    assert client.get("/fr/robots.txt").status_code == 404
    assert client.get("/fr/sitemap.xml").status_code == 404
