"""The site search in a real browser: the header's form without JavaScript, a phone, axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
)
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server):
    OfficeProfile.objects.create(name="UNESCO Testing")
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    SiteFactory(
        name="Orkhon Valley",
        summary="Pastures of the steppe.",
        sector=culture,
        countries=[mongolia],
    )
    for i in range(22):
        EventFactory(title=f"Steppe Forum {i:02}", country=mongolia, city="Ulaanbaatar")
    CentreFactory(name="Centre for Nomadic Studies", country=mongolia, sector=culture)
    return live_server.url


def test_the_header_form_searches_without_javascript(browser, site):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(f"{site}/countries/")
        page.get_by_role("searchbox", name="Words to search for").fill("steppe")
        page.get_by_role("button", name="Search").click()

        page.wait_for_url(re.compile(r"/search/\?q=steppe$"))
        assert page.get_by_role("status").inner_text() == "23 results for “steppe”, page 1 of 2"
        page.get_by_role("link", name="Next").click()
        page.wait_for_url(re.compile(r"\?q=steppe&page=2$"))
        assert page.locator(".card__title").all_inner_texts()[-1] == "Orkhon Valley"
    finally:
        context.close()


def test_phone_layout_has_no_horizontal_scroll(browser, site):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for url in (f"{site}/", f"{site}/search/?q=steppe", f"{site}/zh-hans/search/"):
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
            form = page.locator("form[role=search]").bounding_box()
            assert form["x"] >= 0 and form["x"] + form["width"] <= 360, url
    finally:
        context.close()


def test_a_misspelt_search_offers_the_names_spelling_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/search/?q=Orkon+Valey")
        assert "Nothing matches “Orkon Valey”. Did you mean: orkhon valley?" in page.inner_text(
            "main"
        )
        assert page.get_by_role("status").inner_text() == "1 result for “orkhon valley”"
        page.get_by_role("link", name="orkhon valley", exact=True).click()
        page.wait_for_url(re.compile(r"/search/\?q=orkhon%20valley$"))
        assert page.locator(".card__title").all_inner_texts() == ["Orkhon Valley"]

        page.goto(f"{site}/centres/?q=nomadik&country=mongolia")
        page.get_by_role("link", name="nomadic").click()
        page.wait_for_url(re.compile(r"/centres/\?q=nomadic&country=mongolia$"))
        assert page.get_by_role("status").inner_text() == "1 centre"
    finally:
        context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search/?q=steppe",
        "/search/?q=" + "x" * 101,
        "/search/?q=Orkon",
        "/centres/?q=nomadik",
        "/zh-hans/centres/?country=mongolia",
    ],
)
def test_search_and_header_have_no_axe_violations(page, site, path):
    page.goto(site + path)

    results = Axe().run(page)

    assert results.response["passes"], "axe-core did not run its checks"
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []
