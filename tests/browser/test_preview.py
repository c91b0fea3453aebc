"""Preview in a real browser: change a title without saving, choose Preview, and read the
public page with the banner and the new title in a new tab; a share link for a partner.

Set SCREENSHOT_DIR to keep screenshots of the preview and the shared page.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from events.models import Event
from tests.factories import EventFactory, SectorFactory
from unesco_office.core.models import Publishable
from unesco_office.models import ShareLink

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def logged_in(page, live_server, admin_user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def screenshot(page, name):
    if shots := os.environ.get("SCREENSHOT_DIR"):
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def assert_accessible(page, name):
    results = Axe().run(page)
    assert results.response["passes"], f"{name}: axe-core did not run its checks"
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"


def test_preview_shows_the_unsaved_title_with_the_banner(logged_in, live_server):
    page = logged_in
    event = EventFactory(
        title="Saved title",
        sectors=[SectorFactory(name="Culture")],
        status=Publishable.Status.DRAFT,
        published_at=None,
    )
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.fill("#id_title_en", "A title typed but not saved")
    screenshot(page, "preview-change-form")

    with page.context.expect_page() as opened:
        page.click("input[name=_preview]")
    preview = opened.value
    preview.wait_for_load_state()

    banner = preview.locator(".preview-banner")
    assert banner.is_visible()
    assert "Preview, not published" in banner.inner_text()
    assert preview.locator("h1").inner_text() == "A title typed but not saved"
    assert preview.locator("meta[name=robots]").get_attribute("content") == "noindex"
    screenshot(preview, "preview-event")
    assert_accessible(preview, "preview")
    preview.close()
    assert page.input_value("#id_title_en") == "A title typed but not saved"  # the form stays
    assert Event.objects.get(pk=event.pk).title == "Saved title"
    assert page.console_errors == []


def test_a_partner_reads_a_draft_through_its_share_link(logged_in, live_server, browser):
    page = logged_in
    event = EventFactory(
        title="Draft for the ministry", status=Publishable.Status.DRAFT, published_at=None
    )
    page.goto(f"{live_server.url}/admin/events/event/{event.pk}/change/")
    page.click("text=Share links")
    page.fill("#id_label", "Ministry of Culture")
    page.select_option("#id_days", "3")
    page.click("input[name=create]")
    address = page.locator(".share-url input").first.input_value()
    screenshot(page, "share-links-admin")
    assert address == live_server.url + ShareLink.objects.get().get_absolute_url()

    partner = browser.new_context().new_page()  # no admin session
    response = partner.goto(address)

    assert response.status == 200
    assert "no-store" in response.headers["cache-control"]
    assert partner.locator("h1").inner_text() == "Draft for the ministry"
    assert "This link works until" in partner.locator(".preview-banner").inner_text()
    screenshot(partner, "share-link-event")
    assert_accessible(partner, "share link")

    page.click("button[name=revoke]")
    assert partner.goto(address).status == 404
    assert "This link does not open a page" in partner.locator("h1").inner_text()
    assert_accessible(partner, "revoked share link")
    partner.context.close()
