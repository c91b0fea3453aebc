"""Every public page type in a real browser: axe-core, a phone's width, and screenshots.

Set SCREENSHOT_DIR to keep a full-page screenshot of each page at desktop and phone width
(`SCREENSHOT_DIR=test-results/screenshots make test PYTEST_ARGS="tests/browser/test_pages.py"`).
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.screens import WIDTHS, page_at
from tests.unesco_office.test_pages import PAGES, grow, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGE_TYPES = {
    **PAGES,
    "event-list-filtered": lambda w: "/events/?country=korea&sector=culture&when=all",
    "event-list-problems": lambda w: "/events/?country=atlantis&from=2026-02-31&page=9",
    "site-list-filtered": lambda w: "/sites/?country=korea&designation=world-heritage&from=1990",
    "country-detail-partner": lambda w: w["partner"].get_absolute_url(),
    "home-fr": lambda w: "/fr/",
    # Records without a Chinese or French text: the English shown instead is marked lang="en".
    "event-detail-zh": lambda w: f"/zh-hans{w['event'].get_absolute_url()}",
    "site-list-zh": lambda w: "/zh-hans/sites/",
    "site-detail-fr": lambda w: f"/fr{w['site'].get_absolute_url()}",
    "event-month": lambda w: f"/events/calendar/?month={w['event'].start_date:%Y-%m}",
    "event-month-fr": lambda w: "/fr/events/calendar/?country=korea&month=2026-13",
    "not-found": lambda w: "/no-such-page/",
}


@pytest.fixture
def pages(live_server, world):  # noqa: F811 (the fixture imported above)
    grow(world, 13)
    return {name: live_server.url + url(world) for name, url in PAGE_TYPES.items()}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_type_passes_axe_and_fits_the_screen(browser, pages, width):
    with page_at(browser, width) as page:
        w = page.viewport_size["width"]
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        shots = os.environ.get("SCREENSHOT_DIR")
        for name, url in pages.items():
            response = page.goto(url)
            assert response.status == (404 if name == "not-found" else 200), name
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

            results = Axe().run(page)

            assert results.response["passes"], f"{name}: axe-core did not run its checks"
            assert results.violations_count == 0, f"{name}: {results.generate_report()}"
            assert page.evaluate("document.documentElement.scrollWidth") <= w, name
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/{name}-{width}.png", full_page=True)
        # 404 responses log a console error of their own; anything else is a fault.
        assert [e for e in errors if "404" not in e] == []
