"""/sitemap.xml and /robots.txt: every public page in every language, nothing else, in a
fixed number of queries, at the address the request came to, in files of bounded size."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

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
from unesco_office.public.sitemaps import PublishedSitemap

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


def sitemap_files(response):
    """The addresses of the files a sitemap index lists, and their lastmod."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 (the site's own response)
    return {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in root.iter(f"{SITEMAP}sitemap")
    }


def whole_sitemap(client, **request):
    """sitemap_entries() of every file the index at /sitemap.xml lists, together."""
    entries, lastmods = {}, {}
    for address in sitemap_files(client.get("/sitemap.xml", **request)):
        parts = urlsplit(address)
        path = f"{parts.path}?{parts.query}" if parts.query else parts.path
        file_entries, file_lastmods = sitemap_entries(client.get(path, **request))
        assert not entries.keys() & file_entries.keys(), f"{address} repeats addresses"
        entries |= file_entries
        lastmods |= file_lastmods
    return entries, lastmods


def test_sitemap_lists_every_public_page_in_every_language(client, world):
    entries, _lastmods = whole_sitemap(client)

    # Every page but a search's results, which are no page of their own.
    pages = [page for page in PAGES if page != "search"]
    expected = {absolute(url_in(language, page, world)) for page in pages for language in LANGUAGES}
    # The office's own countries; the partners of transboundary sites have no page of their
    # own for search engines.
    expected |= {
        absolute(url_in(language, "country-detail", {"country": country}))
        for country in Country.objects.published().filter(is_covered=True)
        for language in LANGUAGES
    }
    assert set(entries) == expected
    assert "http://testserver/fr/countries/partner/" not in entries


def test_a_partner_country_s_page_is_noindex_and_its_sites_name_it_as_a_partner(client, world):
    partner, site = world["partner"], world["site"]

    page = client.get(partner.get_absolute_url()).content.decode()
    site_page = client.get(site.get_absolute_url()).content.decode()

    assert '<meta name="robots" content="noindex">' in page
    assert f"{partner.name} (partner)" in site_page
    assert f'href="{partner.get_absolute_url()}"' not in site_page


def test_every_address_in_the_sitemap_is_a_public_page(client, world):
    entries, _lastmods = whole_sitemap(client)

    for location in entries:
        response = client.get(location.removeprefix("http://testserver"))
        assert response.status_code == 200, location


def test_sitemap_names_each_language_version_and_english_as_the_default(client, world):
    entries, _lastmods = whole_sitemap(client)
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

    entries, _lastmods = whole_sitemap(client)

    assert entries["http://testserver/fr/sectors/en/"]["x-default"] == (
        "http://testserver/sectors/en/"
    )


def test_sitemap_leaves_out_drafts_and_scheduled_records(client, world):
    public, _lastmods = whole_sitemap(client)
    culture, korea = world["sector"], world["country"]
    for n, hidden in enumerate((DRAFT, scheduled())):
        new_sector(slug=f"hidden-sector-{n}", **hidden)
        CountryFactory(
            slug=f"hidden-country-{n}", iso2=f"Z{'YZ'[n]}", iso3=f"ZZ{'YZ'[n]}", **hidden
        )
        SiteFactory(slug=f"hidden-site-{n}", sector=culture, countries=[korea], **hidden)
        CentreFactory(slug=f"hidden-centre-{n}", country=korea, sector=culture, **hidden)
        EventFactory(slug=f"hidden-event-{n}", country=korea, **hidden)

    entries, _lastmods = whole_sitemap(client)

    assert not [location for location in entries if "hidden" in location]
    assert entries == public


def test_sitemap_gives_each_record_its_last_change(client, world):
    event = world["event"]
    Event.objects.filter(pk=event.pk).update(
        updated_at=datetime.datetime(2024, 5, 6, 23, 30, tzinfo=datetime.UTC)
    )

    _entries, lastmods = whole_sitemap(client)

    for language in LANGUAGES:
        assert lastmods[absolute(url_in(language, "event-detail", world))] == "2024-05-06"
    assert lastmods["http://testserver/"] is None


def test_sitemap_takes_the_domain_and_scheme_from_the_request(client, world, settings):
    settings.ALLOWED_HOSTS = ["office.example.org"]

    request = {"secure": True, "headers": {"host": "office.example.org"}}
    files = sitemap_files(client.get("/sitemap.xml", **request))
    entries, _lastmods = whole_sitemap(client, **request)

    assert all(address.startswith("https://office.example.org/sitemap-") for address in files)

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


def test_sitemap_runs_a_fixed_number_of_queries_however_many_records_there_are(
    client, django_assert_num_queries, uncached
):
    """The index: one query per kind of record; a file: two (how many, then its records)."""

    def queries(address):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    make_records(5)
    index, events = queries("/sitemap.xml"), queries("/sitemap-events.xml")
    entries, _lastmods = whole_sitemap(client)
    assert len(entries) == 3 * (7 + 5 * 5)
    make_records(45)

    with django_assert_num_queries(len(index)):
        client.get("/sitemap.xml")
    with django_assert_num_queries(len(events)):
        client.get("/sitemap-events.xml")

    entries, _lastmods = whole_sitemap(client)
    assert len(entries) == 3 * (7 + 5 * 50)
    assert len(index) == 5, index
    assert len(events) == 2, events


def test_a_section_too_long_for_one_file_is_split_into_files_of_bounded_size(
    client, monkeypatch, uncached
):
    """Each file holds at most `limit` addresses: with room for two records in three
    languages, five events take three files, which together list each event once."""
    monkeypatch.setattr(PublishedSitemap, "limit", 6)
    make_records(5)

    files = sitemap_files(client.get("/sitemap.xml"))
    event_files = [address for address in files if "/sitemap-events.xml" in address]
    assert event_files == [
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-events.xml?p=2",
        "http://testserver/sitemap-events.xml?p=3",
    ]
    listed = []
    for address in event_files:
        entries, _lastmods = sitemap_entries(client.get(address.removeprefix("http://testserver")))
        assert len(entries) <= 6
        listed += entries
    expected = {
        absolute(url_in(language, "event-detail", {"event": event}))
        for event in Event.objects.all()
        for language in LANGUAGES
    }
    assert len(listed) == len(expected) == 15
    assert set(listed) == expected
    # A record's three language versions stay together in one file.
    first_file, _lastmods = sitemap_entries(client.get("/sitemap-events.xml"))
    assert len(first_file) == 6
    for versions in first_file.values():
        assert {versions[language] for language in LANGUAGES} <= first_file.keys()


def test_the_index_gives_each_section_its_latest_change(client, world):
    Event.objects.update(updated_at=datetime.datetime(2024, 5, 6, 23, 30, tzinfo=datetime.UTC))

    files = sitemap_files(client.get("/sitemap.xml"))

    assert files["http://testserver/sitemap-events.xml"].startswith("2024-05-06")
    assert files["http://testserver/sitemap-pages.xml"] is None
    assert set(files) == {
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "sectors", "countries", "sites", "centres", "events")
    }


@pytest.mark.parametrize(
    "address",
    [
        "/sitemap-events.xml?p=0",
        "/sitemap-events.xml?p=2",
        "/sitemap-events.xml?p=-1",
        "/sitemap-events.xml?p=abc",
        "/sitemap-events.xml?p=1e5",
        "/sitemap-events.xml?p=99999999999999999999999",
        "/sitemap-pages.xml?p=2",
        "/sitemap-drafts.xml",
    ],
)
def test_a_file_that_does_not_exist_is_a_404(client, world, address):
    assert client.get(address).status_code == 404


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
