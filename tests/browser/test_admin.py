"""The admin works in a real browser under the strict Content Security Policy."""

import pytest

from sectors.models import Sector

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def logged_in(page, live_server, admin_user):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def test_rich_text_editor_loads_and_saves_under_csp(logged_in, live_server):
    page = logged_in
    page.goto(f"{live_server.url}/admin/sectors/sector/add/")

    # One editor per language of the body: English, French, Chinese.
    editors = page.locator(".prose-editor [contenteditable=true]")
    editors.first.wait_for(state="visible", timeout=10_000)
    assert editors.count() == 3
    page.locator("#id_name_en").press_sequentially("Communication and Information")
    assert page.input_value("#id_slug") == "communication-and-information"
    page.locator("#id_name_fr").press_sequentially("Communication et information")
    assert page.input_value("#id_slug") == "communication-and-information"
    page.fill("#id_code", "CI")
    editors.nth(0).click()
    page.keyboard.type("Free flow of ideas")
    page.keyboard.press("Control+b")
    page.keyboard.type(" by word and image")
    editors.nth(1).click()
    page.keyboard.type("Libre circulation des idées")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/sectors/sector/")

    sector = Sector.objects.get(code="CI")
    assert sector.body_en == "<p>Free flow of ideas<strong> by word and image</strong></p>"
    assert sector.body_fr == "<p>Libre circulation des idées</p>"
    assert sector.body_zh_hans == ""
    assert (sector.name_en, sector.name_fr) == (
        "Communication and Information",
        "Communication et information",
    )
    assert sector.status == Sector.Status.DRAFT
    assert page.console_errors == []
