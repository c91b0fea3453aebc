"""Maps in a real browser: axe-core on every page with a map (desktop and phone), points as
links, the skip link, a phone's tap size, printing, and screenshots.

`SCREENSHOT_DIR=test-results/screenshots make test PYTEST_ARGS=tests/browser/test_maps.py`
keeps a screenshot of each page's map (desktop, phone, print, Chinese).
"""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from django.utils.text import slugify

from countries.models import Site
from tests.browser.screens import WIDTHS, page_at
from tests.factories import CountryFactory, EventFactory, SectorFactory, SiteFactory
from unesco_office.demo.data.events import CITY_COORDINATES
from unesco_office.demo.data.sites import OTHER_SITES, WORLD_HERITAGE
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def atlas(live_server):
    """The demo office's real sites (coordinates as on UNESCO's lists), three without
    coordinates, and an event in each demo city, a few at related sites or online."""
    OfficeProfile.objects.create(name="UNESCO Testing")
    countries = {
        iso2: CountryFactory(
            name=name, slug=slugify(name), iso2=iso2, iso3=iso3, is_covered=covered
        )
        for iso2, iso3, name, covered in [
            ("CN", "CHN", "China", True),
            ("JP", "JPN", "Japan", True),
            ("KR", "KOR", "Republic of Korea", True),
            ("KP", "PRK", "Democratic People's Republic of Korea", True),
            ("MN", "MNG", "Mongolia", True),
            ("RU", "RUS", "Russian Federation", False),
            ("KG", "KGZ", "Kyrgyzstan", False),
            ("KZ", "KAZ", "Kazakhstan", False),
        ]
    }
    sector = SectorFactory(name="Culture", slug="culture", code="CLT")
    for _id, name, isos, year, *_facts, lat, lon, _area, _featured, summary in WORLD_HERITAGE:
        SiteFactory(
            name=name,
            slug=slugify(name)[:200],
            countries=[countries[iso] for iso in isos.split()],
            sector=sector,
            year_designated=year,
            latitude=Decimal(lat).quantize(Decimal("0.000001")),
            longitude=Decimal(lon).quantize(Decimal("0.000001")),
            summary=summary,
        )
    for spec in OTHER_SITES:
        SiteFactory(
            name=spec["name"],
            slug=slugify(spec["name"]),
            designation=spec["designation"],
            wh_category="",
            countries=[countries[spec["country"]]],
            sector=sector,
            year_designated=spec["year"],
            latitude=Decimal(spec["latitude"]),
            longitude=Decimal(spec["longitude"]),
            summary=spec["summary"],
        )
    for n in range(3):
        SiteFactory(
            name=f"Site without coordinates {n}", countries=[countries["MN"]], sector=sector
        )
    soon = timezone.localdate() + datetime.timedelta(days=3)
    for n, (city, (lat, lon)) in enumerate(CITY_COORDINATES.items()):
        EventFactory(
            title=f"Forum in {city}",
            slug=slugify(f"forum-in-{city}"),
            country=None,
            city=city,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            start_date=soon + datetime.timedelta(days=n),
        )
    at_sites = EventFactory(
        title="Heritage Day",
        slug="heritage-day",
        country=countries["CN"],
        city="Beijing",
        latitude=Decimal("39.9042"),
        longitude=Decimal("116.4074"),
        start_date=soon,
    )
    at_sites.sites.set(Site.objects.filter(slug__in=["the-great-wall", "mount-huangshan"]))
    EventFactory(title="Online Talk", country=None, city="", is_online=True, start_date=soon)
    return live_server.url


MAP_PAGES = {
    "sites": "/sites/",
    "sites-filtered": "/sites/?country=japan&country=republic-of-korea",
    "sites-mongolia": "/sites/?country=mongolia",
    "sites-zh": "/zh-hans/sites/",
    "country": "/countries/china/",
    "country-fr": "/fr/countries/mongolia/",
    "site": "/sites/the-great-wall/",
    "site-zh": "/zh-hans/sites/fujisan-sacred-place-and-source-of-artistic-inspiration/",
    "events": "/events/",
    "event": "/events/heritage-day/",
}


def shoot(page, name):
    if shots := os.environ.get("SCREENSHOT_DIR"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.locator(".map").screenshot(path=f"{shots}/map-{name}.png")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_with_a_map_passes_axe_and_fits_the_screen(browser, atlas, width):
    with page_at(browser, width) as page:
        w = page.viewport_size["width"]
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        for name, url in MAP_PAGES.items():
            assert page.goto(atlas + url).status == 200, name
            assert page.locator(".map__svg").count() == 1, name

            results = Axe().run(page)

            assert results.response["passes"], f"{name}: axe-core did not run its checks"
            assert results.violations_count == 0, f"{name}: {results.generate_report()}"
            assert page.evaluate("document.documentElement.scrollWidth") <= w, name
            shoot(page, f"{name}-{width}")
        assert errors == []  # a CSP violation would show here


def test_each_point_is_a_link_named_by_its_title(page, atlas):
    page.goto(atlas + "/sites/")
    points = page.locator(".map__svg").get_by_role("link")

    assert points.count() == len(WORLD_HERITAGE) + len(OTHER_SITES)
    assert "3 sites have no coordinates." in page.locator(".map figcaption").inner_text()
    page.locator(".map__svg").get_by_role("link", name="The Great Wall", exact=True).click()

    page.wait_for_url("**/sites/the-great-wall/")
    assert page.locator("h1").inner_text() == "The Great Wall"


def test_keyboard_users_can_skip_the_map(page, atlas):
    page.goto(atlas + "/sites/")
    skip = page.get_by_role("link", name="Skip the map")

    skip.focus()
    box = skip.bounding_box()
    assert box["width"] > 40 and box["height"] > 10  # shown while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.closest('.card h2') !== null")
    assert focused, "the next stop after the map is the first site of the list"


def test_markers_stay_large_enough_to_tap_on_a_phone(browser, atlas):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(atlas + "/sites/")
        sizes = [page.locator(".map__pts a").nth(n).bounding_box()["width"] for n in range(5)]
        assert min(sizes) >= 10
    finally:
        context.close()


def test_printing_keeps_the_map(page, atlas):
    page.emulate_media(media="print")
    for name, url in [("sites-print", "/sites/"), ("event-print", "/events/heritage-day/")]:
        page.goto(atlas + url)
        svg = page.locator(".map__svg").bounding_box()

        assert svg["height"] > 150 and svg["width"] > 300
        assert page.locator(".map__pts a").first.is_visible()
        assert page.locator(".map__legend, .map__caption").first.is_visible()
        assert not page.locator(".list-links").is_visible()  # a feed, downloads: no use on paper
        shoot(page, name)
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
