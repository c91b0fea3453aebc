"""Calendars in a real browser: subscribing to a filtered list, the event page's Add to
calendar menu and the month view, each checked with axe-core at desktop and phone width.

SCREENSHOT_DIR keeps a screenshot of each (see tests/browser/test_pages.py)."""

import datetime
import os
import re
from pathlib import Path

import icalendar
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events.models import Event
from tests.browser.screens import WIDTHS, page_at
from tests.factories import CountryFactory, EventFactory, SectorFactory
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server):
    OfficeProfile.objects.create(name="UNESCO Testing", short_name="UNESCO Testing")
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    japan = CountryFactory(
        name="Japan", slug="japan", iso2="JP", iso3="JPN", order=1, time_zone="Asia/Tokyo"
    )
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    soon = timezone.localdate() + datetime.timedelta(days=3)
    for i in range(5):
        EventFactory(
            title=f"Steppe Forum {i}",
            country=mongolia,
            city="Ulaanbaatar",
            sectors=[culture],
            start_date=soon + datetime.timedelta(days=i),
            start_time=datetime.time(9, 30) if i % 2 else None,
            end_time=datetime.time(12, 0) if i % 2 else None,
        )
    EventFactory(
        title="Tokyo Workshop",
        country=japan,
        city="Tokyo",
        start_date=soon,
        end_date=soon + datetime.timedelta(days=2),
    )
    event = EventFactory(
        title="Grassland Conference",
        slug="grassland-conference",
        country=mongolia,
        city="Ulaanbaatar",
        venue="Government Palace",
        start_date=soon,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 0),
        summary="Herders, scientists and officials talk about grasslands.",
        registration_url="https://example.org/register",
        event_status=Event.EventStatus.RESCHEDULED,
        previous_start_date=soon - datetime.timedelta(days=14),
        sectors=[culture],
    )
    EventFactory(
        title="Called-off Festival",
        country=mongolia,
        start_date=soon + datetime.timedelta(days=1),
        event_status=Event.EventStatus.CANCELLED,
    )
    return {"url": live_server.url, "event": event, "month": f"{soon:%Y-%m}"}


def shoot(page, name):
    if shots := os.environ.get("SCREENSHOT_DIR"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def assert_accessible(page, name, width):
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.response["passes"], f"{name}: axe-core did not run its checks"
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    shoot(page, f"{name}-{width}")


def test_visitor_filters_by_mongolia_and_subscribes(page, site):
    page.goto(f"{site['url']}/events/")
    page.get_by_role("checkbox", name="Mongolia").check()
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(re.compile(r"country=mongolia"))

    page.get_by_text("Subscribe", exact=True).click()
    webcal = page.get_by_role("link", name="Subscribe in your calendar app")
    https = page.get_by_role("link", name="Calendar address (https)")
    webcal.wait_for()

    assert re.fullmatch(
        r"webcal://[^/]+/events/calendar\.ics\?.*country=mongolia.*", webcal.get_attribute("href")
    )
    with page.expect_download() as download:
        https.click()
    body = Path(download.value.path()).read_bytes()
    cal = icalendar.Calendar.from_ical(body)
    titles = sorted(str(event["SUMMARY"]) for event in cal.walk("VEVENT"))
    assert titles == sorted(
        ["Cancelled: Called-off Festival", "Grassland Conference"]
        + [f"Steppe Forum {i}" for i in range(5)]
    )
    assert str(cal["X-WR-CALNAME"]) == "UNESCO Testing: events (Mongolia)"
    assert https.get_attribute("href").replace("webcal", "http") == webcal.get_attribute(
        "href"
    ).replace("webcal", "http")
    assert page.console_errors == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_open_subscribe_panel_leaves_the_download_links_visible(browser, site, width):
    """On a desktop the panel opens over the results; on a phone it opens in the page."""
    with page_at(browser, width) as page:
        page.goto(f"{site['url']}/events/?country=mongolia")
        page.get_by_text("Subscribe", exact=True).click()
        panel = page.locator(".subscribe__body").bounding_box()
        downloads = page.locator(".list-tools__downloads").bounding_box()

        overlap_x = min(panel["x"] + panel["width"], downloads["x"] + downloads["width"]) - max(
            panel["x"], downloads["x"]
        )
        overlap_y = min(panel["y"] + panel["height"], downloads["y"] + downloads["height"]) - max(
            panel["y"], downloads["y"]
        )
        assert overlap_x <= 0 or overlap_y <= 0, (panel, downloads)
        page.get_by_role("link", name="CSV").click(trial=True)  # nothing covers it


def test_a_printed_filtered_list_says_what_it_is_filtered_by(page, site):
    page.goto(f"{site['url']}/events/?country=mongolia&sector=culture")
    summary = page.locator(".filter-summary")
    assert not summary.is_visible()  # on screen, the form says it

    page.emulate_media(media="print")

    assert summary.is_visible()
    assert summary.inner_text() == "Filtered by: Country: Mongolia; Sector: Culture"
    assert not page.locator("form.filter").is_visible()
    shoot(page, "events-filtered-print")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_event_page_with_its_add_to_calendar_menu_passes_axe(browser, site, width):
    with page_at(browser, width) as page:
        w = page.viewport_size["width"]
        page.goto(f"{site['url']}/events/grassland-conference/")
        page.get_by_text("Add to calendar").click()
        assert page.get_by_role("link", name="Google Calendar").is_visible()
        assert page.get_by_role("link", name="Outlook.com").is_visible()
        assert page.get_by_text("This event has new dates.").is_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name="Download an .ics file").click()
        assert download.value.suggested_filename == "grassland-conference.ics"

        assert_accessible(page, "event-add-to-calendar", w)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_month_view_passes_axe_at_desktop_and_phone_width(browser, site, width):
    with page_at(browser, width) as page:
        w = page.viewport_size["width"]
        page.goto(f"{site['url']}/events/calendar/?month={site['month']}")
        table, agenda = page.locator("table.month"), page.locator(".month-agenda")
        # A grid from 40rem, a list of days on a phone.
        assert (table.is_visible(), agenda.is_visible()) == (width == "desktop", width == "phone")
        assert page.get_by_role("link", name="Grassland Conference").first.is_visible()

        assert_accessible(page, "event-month", w)


def test_month_view_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site['url']}/events/calendar/?month={site['month']}")
        page.get_by_role("checkbox", name="Japan").check()
        page.get_by_role("button", name="Show events").click()
        page.wait_for_url(re.compile(r"month=.*country=japan|country=japan.*month="))
        assert page.get_by_role("link", name="Tokyo Workshop").first.is_visible()
        assert page.get_by_role("link", name="Grassland Conference").count() == 0

        page.locator('.month-nav a[rel~="next"]').click()
        page.wait_for_url(re.compile(r"country=japan.*month="))
        assert page.get_by_role("checkbox", name="Japan").is_checked()
        assert site["month"] not in page.url
    finally:
        context.close()
