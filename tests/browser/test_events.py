"""The event list in a real browser: filtering by country, paging, a phone, a keyboard, axe."""

import datetime
import re
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def events(live_server):
    OfficeProfile.objects.create(name="UNESCO Testing")
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    japan = CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN", order=1)
    CountryFactory(
        name="Democratic People's Republic of Korea", slug="dpr-korea", iso2="KP", iso3="PRK"
    )
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    SectorFactory(name="Communication and Information", slug="ci", code="CI")
    soon = timezone.localdate() + datetime.timedelta(days=3)
    for i in range(14):
        EventFactory(
            title=f"Steppe Forum {i:02}",
            country=mongolia,
            city="Ulaanbaatar",
            sectors=[culture],
            start_date=soon + datetime.timedelta(days=i),
            summary="Herders, scientists and officials talk about grasslands.",
        )
    for i in range(3):
        EventFactory(
            title=f"Tokyo Workshop {i}",
            country=japan,
            city="Tokyo",
            start_date=soon + datetime.timedelta(days=i),
        )
    return f"{live_server.url}/events/"


def places(page):
    return page.locator(".card .event-when__place").all_inner_texts()


def test_visitor_filters_by_country_through_the_form(page, events):
    page.goto(events)
    assert page.get_by_role("status").inner_text() == "17 events, page 1 of 2"

    page.get_by_role("checkbox", name="Mongolia").check()
    page.get_by_role("button", name="Show events").click()

    page.wait_for_url(re.compile(r"country=mongolia"))
    assert page.get_by_role("status").inner_text() == "14 events, page 1 of 2"
    assert len(places(page)) == 12
    assert set(places(page)) == {"Ulaanbaatar, Mongolia"}
    assert page.get_by_role("checkbox", name="Mongolia").is_checked()
    assert page.console_errors == []


def test_page_two_keeps_the_filter(page, events):
    page.goto(f"{events}?country=mongolia")

    page.get_by_role("link", name="Next").click()

    page.wait_for_url(re.compile(r"\?country=mongolia&page=2$"))
    assert page.get_by_role("status").inner_text() == "14 events, page 2 of 2"
    assert page.locator(".card__title").all_inner_texts() == ["Steppe Forum 12", "Steppe Forum 13"]
    assert page.get_by_role("checkbox", name="Mongolia").is_checked()


def test_phone_layout_has_no_horizontal_scroll(browser, events):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        for url in (events, f"{events}?country=dpr-korea&sector=ci&from=2026-01-01&q=x"):
            page.goto(url)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, url
            form = page.locator("form.filter").bounding_box()
            assert form["x"] >= 0 and form["x"] + form["width"] <= 360
    finally:
        context.close()


def tab_to(page, test, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_keyboard_alone_can_filter(page, events):
    page.goto(events)

    tab_to(page, "el.name === 'country' && el.value === 'mongolia'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"country=mongolia"))
    assert page.get_by_role("status").inner_text() == "14 events, page 1 of 2"
    assert set(places(page)) == {"Ulaanbaatar, Mongolia"}


@pytest.mark.parametrize(
    "query",
    ["?country=mongolia&sector=culture", "?country=atlantis&from=2026-02-31&page=9"],
    ids=["filtered", "with-problems"],
)
def test_filtered_list_has_no_axe_violations(page, events, query):
    page.goto(events + query)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")

    results = Axe().run(page)

    assert results.response["passes"], "axe-core did not run its checks"
    assert results.violations_count == 0, results.generate_report()
    assert page.console_errors == []


@pytest.fixture
def mapped_events(events):
    Event.objects.filter(city="Ulaanbaatar").update(
        latitude=Decimal("47.92"), longitude=Decimal("106.92")
    )
    return events


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)])
def test_results_come_first_and_the_map_after_them(browser, mapped_events, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(mapped_events)

        count, first_card = top(page, ".result-count"), top(page, ".card--event")
        assert first_card < top(page, ".pagination") < top(page, ".map")
        # One row of tools between the count and the first result (two on a phone).
        assert first_card - count < (60 if width > 600 else 130)
        if width > 600:
            assert first_card < height  # above the fold
            assert abs(top(page, ".list-tools__downloads") - count) < 10  # beside the count
        # The map's caption says it holds this page's events only.
        assert page.locator(".map__caption").inner_text() == (
            "The 9 events of this page that have a place."
        )
        assert page.locator(".map__note").inner_text() == (
            "3 events are not on the map: online, or without a place."
        )
        page.emulate_media(media="print")
        assert page.locator(".map__svg").is_visible()
        assert not page.locator(".list-tools").is_visible()
    finally:
        context.close()


def test_subscribe_opens_over_the_results_without_javascript(browser, events):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(events)
        downloads = top(page, ".list-tools__downloads")
        first_card = top(page, ".card--event")

        page.locator(".subscribe summary").click()

        feed = page.get_by_role("link", name="Atom feed")
        assert feed.is_visible() and feed.get_attribute("href") == "/events/feed/"
        assert page.get_by_role("link", name="Subscribe in your calendar app").is_visible()
        # The row and the results stay where they were: the menu lies over them.
        assert top(page, ".list-tools__downloads") == downloads
        assert top(page, ".card--event") == first_card
        page.get_by_role("link", name="Month").click()
        page.wait_for_url(re.compile(r"/events/calendar/$"))
        assert page.locator('.list-tools [aria-current="page"]').inner_text() == "Month"
    finally:
        context.close()
