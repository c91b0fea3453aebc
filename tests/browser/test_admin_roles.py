"""Editors and publishers at work in the admin, in a real browser under the strict CSP."""

import io

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from events.models import Event
from tests.factories import EventFactory, image_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DRAFT, PUBLISHED = Event.Status.DRAFT, Event.Status.PUBLISHED


def log_in(page, live_server, user):
    """Hand the browser a session for `user` (the login form is covered elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def event_url(live_server, event, view="change"):
    return f"{live_server.url}/admin/events/event/{event.pk}/{view}/"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_publisher_bulk_publishes_drafts_from_the_list(page, live_server, publisher):
    drafts = EventFactory.create_batch(2, status=DRAFT, published_at=None)
    live = EventFactory()
    log_in(page, live_server, publisher)

    page.goto(f"{live_server.url}/admin/events/event/?visibility=draft")
    assert page.locator("#result_list tbody tr").count() == 2
    page.check("#action-toggle")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")

    assert page.locator(".messagelist .success").inner_text() == "2 events published."
    assert page.locator("#result_list").count() == 0  # no drafts left under this filter
    for event in drafts:
        event.refresh_from_db()
        assert event.status == PUBLISHED
        assert event.is_public
    assert Event.objects.get(pk=live.pk).published_at == live.published_at
    assert page.console_errors == []


def test_editor_sees_status_read_only_and_saving_keeps_a_draft(page, live_server, editor):
    event = EventFactory(status=DRAFT, published_at=None, summary="Programme to follow.")
    log_in(page, live_server, editor)

    page.goto(event_url(live_server, event))
    assert page.locator(".field-status .readonly").inner_text() == "Draft"
    assert page.locator("#id_status, [name^=published_at]").count() == 0
    assert page.locator("a.deletelink").count() == 0
    # The English summary: the first of the per-language fields where texts are translated.
    page.locator("textarea[name^=summary]").first.fill("Speakers from five countries confirmed.")
    page.click("input[name=_continue]")

    assert "changed successfully" in page.locator(".messagelist .success").inner_text()
    assert page.locator(".field-status .readonly").inner_text() == "Draft"
    event.refresh_from_db()
    assert event.summary == "Speakers from five countries confirmed."
    assert event.status == DRAFT
    assert event.published_at is None
    assert page.console_errors == []


def test_image_upload_refuses_a_wrong_format_with_its_reason(page, live_server, editor):
    event = EventFactory(status=DRAFT, published_at=None)
    log_in(page, live_server, editor)
    page.goto(event_url(live_server, event))
    page.click("summary:has-text('Image')")
    page.fill("#id_image_alt_en", "Delegates in the meeting room")
    page.set_input_files(
        "#id_image", {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": png_bytes()}
    )
    page.click("input[name=_continue]")

    # The form comes back with the Image fieldset open and the reason by the file input.
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-image .errorlist")).to_have_text(
        "This file is a PNG image but its name ends in “.jpg”."
    )
    event.refresh_from_db()
    assert not event.image

    # Choosing the right file on the same page saves it, and its preview loads.
    jpeg = image_file("delegates.jpg", size=(600, 400)).read()
    page.set_input_files(
        "#id_image", {"name": "delegates.jpg", "mimeType": "image/jpeg", "buffer": jpeg}
    )
    page.click("input[name=_continue]")

    expect(page.locator(".messagelist .success")).to_contain_text("changed successfully")
    page.click("summary:has-text('Image')")
    preview = page.locator(".field-image_preview img")
    assert preview.get_attribute("alt") == "Delegates in the meeting room"
    page.wait_for_function("document.querySelector('.field-image_preview img').complete")
    assert page.evaluate("document.querySelector('.field-image_preview img').naturalWidth") > 0
    event.refresh_from_db()
    assert event.image.name.endswith(".jpg")
    assert event.image_alt == "Delegates in the meeting room"
    assert page.console_errors == []
