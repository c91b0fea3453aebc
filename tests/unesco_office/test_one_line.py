"""One-line text: line breaks and other control characters are refused in every field of one
line (forms, imports, anything that validates), and those written before that are made one
line wherever text reaches an e-mail subject, iCal or a feed."""

import pytest
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends import locmem
from django.db import models

from events.models import Event
from tests.events.test_ical import parse_valid
from tests.factories import EventFactory, SectorFactory
from tests.unesco_office.test_admin import admin_url, form_data
from tests.unesco_office.test_import_export import csv_file, preview, problems, variety
from tests.unesco_office.test_review import emails, submit  # noqa: F401 (a fixture)
from unesco_office.core.models import OneLineFields, Publishable
from unesco_office.core.text import one_line, refuse_control_characters
from unesco_office.models import OfficeProfile, ReviewRequest, ShareLink
from unesco_office.staff import review

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT
HOSTILE = "A\nBcc: x@example.org"
PROJECT_APPS = {"sectors", "countries", "events", "unesco_office"}
# Logs the site writes itself, which staff only read.
LOGS = {"AccountLock", "AuditEntry", "SearchMiss"}


@pytest.mark.parametrize(
    "value",
    ["A\nB", "A\rB", "A\tB", "A\x00B", "A\x0bB", "A\x1bB", "A\x7fB", "A\x85B", "A\u2028B"],
    ids=repr,
)
def test_control_characters_are_refused_with_their_code_and_position(value):
    with pytest.raises(ValidationError) as refused:
        refuse_control_characters(value)

    (message,) = refused.value.messages
    assert message.startswith("Keep this on one line")
    assert f"(U+{ord(value[1]):04X} at position 2)" in message


@pytest.mark.parametrize("value", ["A\r\nB", "A\x00\x00B", "A\n\u2028\tB"], ids=repr)
def test_a_run_of_control_characters_is_refused_naming_its_first(value):
    with pytest.raises(ValidationError) as refused:
        refuse_control_characters(value)

    (message,) = refused.value.messages
    assert f"(U+{ord(value[1]):04X} at position 2)" in message


@pytest.mark.parametrize("value", ["", None, "Ulaanbaatar", "北京", "Oulan-Bator\xa0!", "É—ü"])
def test_text_of_one_line_passes(value):
    refuse_control_characters(value)
    assert one_line(value or "") == (value or "")


def test_one_line_makes_each_run_of_control_characters_a_space():
    assert one_line("Forum\r\n\ton water\x00") == "Forum on water "


def edited_models():
    """Every model of the project that staff edit in the admin and that has text of one line."""
    return sorted(
        (
            model
            for model in admin.site._registry
            if model._meta.app_label in PROJECT_APPS
            and model.__name__ not in LOGS
            and any(
                isinstance(field, models.CharField) and field.editable
                for field in model._meta.concrete_fields
            )
        ),
        key=lambda model: model.__name__,
    )


def test_every_model_staff_edit_checks_its_fields_of_one_line():
    assert len(edited_models()) == 7
    for model in edited_models():
        assert issubclass(model, OneLineFields), model


@pytest.mark.parametrize("model", edited_models(), ids=lambda model: model.__name__)
def test_each_field_of_one_line_names_its_line_break(model):
    fields = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and not field.choices
    ]
    record = model(**{field.attname: HOSTILE for field in fields})

    with pytest.raises(ValidationError) as refused:
        record.clean_fields()

    for field in fields:
        assert field.name in refused.value.message_dict, field.name
        # Slugs, addresses and codes say what they take instead.
        if type(field) is models.CharField and not field._validators:
            assert "Keep this on one line" in refused.value.message_dict[field.name][0]


def test_the_admin_form_refuses_a_title_with_a_line_break_and_changes_nothing(editor_client):
    event = EventFactory(status=DRAFT, published_at=None, title="Forum")
    url = admin_url(Event, "change", event.pk)

    response = editor_client.post(url, form_data(editor_client.get(url)) | {"title_en": HOSTILE})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Keep this on one line" in errors["title_en"][0]
    event.refresh_from_db()
    assert event.title == "Forum"


def test_an_import_row_with_a_line_break_is_named_and_nothing_is_imported(publisher_client):
    variety()
    row = {"slug": "forum", "title_en": HOSTILE, "start_date": "2026-11-02", "is_online": "yes"}

    text = problems(preview(publisher_client, Event, csv_file([row])))

    assert "Nothing was imported: row 2 has problems." in text
    assert (
        "row 2, title_en: Keep this on one line: it holds a line break or another control "
        "character (U+000A at position 2)."
    ) in text
    assert not Event.objects.filter(slug="forum").exists()


def test_the_share_link_s_label_is_one_line(editor_client):
    event = EventFactory(status=DRAFT, published_at=None)

    response = editor_client.post(
        admin_url(Event, "share", event.pk), {"create": "1", "label": "For\nthe jury", "days": "7"}
    )

    assert response.status_code == 200
    assert "Keep this on one line" in response.content.decode()
    assert not ShareLink.objects.exists()


def hostile_event(**values):
    """An event saved without validation, as one written before line breaks were refused."""
    event = EventFactory(**values)
    Event.objects.filter(pk=event.pk).update(title=HOSTILE, title_en=HOSTILE)
    event.sectors.add(SectorFactory(name="Cul\nture"))
    return Event.objects.get(pk=event.pk)


def test_an_old_title_with_a_line_break_makes_a_valid_calendar(client):
    event = hostile_event()

    response = client.get(event.get_absolute_url().rstrip("/") + ".ics")

    assert response.status_code == 200
    (component,) = parse_valid(response.content).walk("VEVENT")
    assert str(component["SUMMARY"]) == "A Bcc: x@example.org"
    assert "Cul ture" in [str(category) for category in component["CATEGORIES"].cats]


def test_an_office_name_with_a_line_break_makes_valid_calendar_feeds(client):
    OfficeProfile.objects.create(name="Office", short_name="UNESCO\nBeijing")
    hostile_event()

    response = client.get("/events/calendar.ics", {"when": "all", "q": "one\ntwo"})

    assert response.status_code == 200
    assert str(parse_valid(response.content)["X-WR-CALNAME"]).startswith("UNESCO Beijing: ")


def test_an_old_title_with_a_line_break_is_one_line_in_the_review_e_mail_subject(
    emails,  # noqa: F811
    rf,
):
    record = EventFactory(status=DRAFT, published_at=None)
    Event.objects.filter(pk=record.pk).update(title=HOSTILE, title_en=HOSTILE)
    record.refresh_from_db()
    decided = ReviewRequest.objects.create(
        record=record,
        requested_by=emails["editor"],
        decided_by=emails["publisher"],
        state=ReviewRequest.State.CHANGES_REQUESTED,
        comment="Put the title on one line.",
    )

    assert review.mail_editor(rf.get("/"), decided) == 1

    (message,) = mail.outbox
    assert message.subject.startswith("Changes requested: A Bcc: x@example.org (")
    assert message.message()["Bcc"] is None
    assert "Put the title on one line." in message.body


def test_a_mail_backend_that_fails_any_way_leaves_the_publication_done(
    editor_client,
    publisher_client,
    emails,  # noqa: F811
    monkeypatch,
):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)

    def fail(backend, messages):
        raise ValueError("a header the backend cannot write")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", fail)
    response = publisher_client.post(
        admin_url(Event, "review", draft.pk), {"_approve": "1"}, follow=True
    )

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.is_public
    assert draft.reviews.get().state == ReviewRequest.State.APPROVED
    assert "could not be sent" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/events/", "/events/feed/", "/events/?format=csv", "/events/?format=json"],
)
def test_pages_feeds_and_downloads_show_an_old_title_with_a_line_break(client, url):
    hostile_event()

    response = client.get(url, {"when": "all"})

    assert response.status_code == 200
    assert b"Bcc: x@example.org" in response.content
