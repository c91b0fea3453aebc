"""Event status, and the revision number (iCalendar's SEQUENCE) that grows with every change
visitors can see, whatever path the change takes: a save, the admin's form, its bulk
actions, a restore from the history, a spreadsheet import (the demo data: see
tests/unesco_office/test_demo_data.py)."""

import datetime

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from reversion.models import Version

from events.models import Event
from tests.events.test_ical import ics, only_event
from tests.factories import EventFactory, image_file
from tests.unesco_office.test_admin import admin_url, form_data
from tests.unesco_office.test_import_export import csv_file, import_file
from unesco_office.core.models import Publishable

pytestmark = pytest.mark.django_db

DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}


def sequence_of(event):
    return Event.objects.get(pk=event.pk).sequence


# --- Status --------------------------------------------------------------------------------


def test_a_rescheduled_event_keeps_the_dates_it_was_planned_for():
    event = EventFactory()
    event.event_status = Event.EventStatus.RESCHEDULED

    with pytest.raises(ValidationError, match="keeps the dates it was first planned for"):
        event.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_previous_dates_are_in_order_and_a_one_day_plan_needs_no_end():
    event = EventFactory(
        event_status=Event.EventStatus.RESCHEDULED,
        previous_start_date=datetime.date(2026, 5, 4),
    )
    assert event.previous_end_date == datetime.date(2026, 5, 4)
    assert event.previous_dates.start_date == event.previous_dates.end_date

    event.previous_end_date = datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError, match="previous end date is before"):
        event.full_clean()


def test_previous_dates_are_shown_only_while_the_event_is_rescheduled():
    event = EventFactory(
        event_status=Event.EventStatus.RESCHEDULED,
        previous_start_date=datetime.date(2026, 5, 4),
    )
    event.event_status = Event.EventStatus.CANCELLED

    assert event.previous_dates is None


@pytest.mark.parametrize("slug", ["calendar", "feed"])
def test_slugs_of_the_event_lists_own_pages_are_refused(slug):
    with pytest.raises(ValidationError) as error:
        EventFactory.build(slug=slug).full_clean(exclude=["country"])
    assert "is already the address of another page" in error.value.message_dict["slug"][0]

    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(slug=slug)


def test_an_unknown_status_is_refused_by_the_database():
    event = EventFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(event_status="abandoned")


# --- The revision number, on save ----------------------------------------------------------


def test_a_new_event_starts_at_revision_zero():
    assert EventFactory().sequence == 0


def test_every_visible_change_of_a_published_event_counts_once():
    event = EventFactory()

    event.title = "Renamed"
    event.save()
    event.start_date = event.end_date = event.start_date + datetime.timedelta(days=7)
    event.save()
    event.event_status = Event.EventStatus.CANCELLED
    event.save()

    assert sequence_of(event) == 3


def test_saving_without_a_change_or_with_changes_no_calendar_shows_counts_nothing():
    event = EventFactory()

    event.save()
    event.image = image_file()
    event.image_alt = "A photo"
    event.image_credit = "© Someone"
    event.unpublish_at = event.published_at + datetime.timedelta(days=400)
    event.save()

    assert sequence_of(event) == 0


def test_a_draft_counts_nothing_until_it_is_published_and_counts_when_unpublished():
    event = EventFactory(**DRAFT)
    event.title = "Still a draft"
    event.save()
    assert sequence_of(event) == 0

    event.status = Publishable.Status.PUBLISHED
    event.save()
    assert sequence_of(event) == 1

    event.status = Publishable.Status.DRAFT
    event.save()
    assert sequence_of(event) == 2


def test_a_translation_counts_as_a_change():
    event = EventFactory()

    event.title_fr = "Forum du patrimoine"
    event.save()

    assert sequence_of(event) == 1


def test_an_instance_loaded_before_another_change_still_counts_one_more():
    event = EventFactory()
    first, second = Event.objects.get(pk=event.pk), Event.objects.get(pk=event.pk)

    first.city = "Seoul"
    first.save()
    second.venue = "City Hall"
    second.save()

    assert sequence_of(event) == 2


def test_saving_some_fields_only_also_saves_the_new_revision():
    event = EventFactory(**DRAFT)
    event.status = Publishable.Status.PUBLISHED

    event.save(update_fields=["status", "published_at", "updated_at"])

    assert sequence_of(event) == 1


# --- The revision number, through every way staff change events -----------------------------


def test_the_admin_form_counts_a_change(publisher_client):
    event = EventFactory()
    url = admin_url(Event, "change", event.pk)

    response = publisher_client.post(
        url, form_data(publisher_client.get(url)) | {"city_en": "Seoul"}
    )

    assert response.status_code == 302
    assert sequence_of(event) == 1


def test_the_admin_form_keeps_the_old_dates_of_an_event_it_reschedules(publisher_client):
    event = EventFactory(start_date=datetime.date(2026, 10, 5), end_date=datetime.date(2026, 10, 6))
    url = admin_url(Event, "change", event.pk)
    data = form_data(publisher_client.get(url)) | {
        "event_status": "rescheduled",
        "start_date": "2026-11-02",
        "end_date": "2026-11-03",
    }

    response = publisher_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    event.refresh_from_db()
    assert (event.previous_start_date, event.previous_end_date) == (
        datetime.date(2026, 10, 5),
        datetime.date(2026, 10, 6),
    )
    assert (event.start_date, event.sequence) == (datetime.date(2026, 11, 2), 1)


def test_the_admin_form_explains_a_rescheduled_event_without_dates(publisher_client):
    event = EventFactory()
    url = admin_url(Event, "change", event.pk)

    response = publisher_client.post(
        url, form_data(publisher_client.get(url)) | {"event_status": "rescheduled"}
    )

    assert response.status_code == 200
    assert "keeps the dates it was first planned for" in response.text
    assert sequence_of(event) == 0


def test_the_admin_shows_uid_and_revision_and_filters_on_status(publisher_client):
    cancelled = EventFactory(title="Called Off", event_status=Event.EventStatus.CANCELLED)
    EventFactory(title="Still On")

    change = publisher_client.get(admin_url(Event, "change", cancelled.pk)).text
    listed = publisher_client.get(admin_url(Event, "changelist"), {"event_status": "cancelled"})

    assert str(cancelled.uid) in change and "Calendar UID" in change
    assert 'name="event_status"' in change and 'name="previous_start_date"' in change
    assert [e.title for e in listed.context["cl"].result_list] == ["Called Off"]


def test_bulk_publishing_and_unpublishing_count(publisher_client):
    event = EventFactory(**DRAFT)
    url = admin_url(Event, "changelist")

    publisher_client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    assert sequence_of(event) == 1
    publisher_client.post(url, {"action": "unpublish", "_selected_action": [event.pk]})
    assert sequence_of(event) == 2


def test_restoring_an_earlier_version_counts_on_from_the_current_revision(publisher_client):
    with reversion.create_revision():
        event = EventFactory(title="Heritage Forum")
    for title in ("Heritage Week", "Heritage Month"):
        with reversion.create_revision():
            event.title = title
            event.save()
    assert sequence_of(event) == 2
    first = Version.objects.get_for_object(event).order_by("pk").first()
    url = admin_url(Event, "revision", event.pk, first.pk)

    response = publisher_client.post(url, form_data(publisher_client.get(url)))

    assert response.status_code == 302
    restored = Event.objects.get(pk=event.pk)
    assert (restored.title, restored.sequence, restored.uid) == ("Heritage Forum", 3, event.uid)


def test_looking_at_an_earlier_version_changes_nothing(publisher_client):
    with reversion.create_revision():
        event = EventFactory(title="Heritage Forum")
    with reversion.create_revision():
        event.title = "Heritage Week"
        event.save()
    first = Version.objects.get_for_object(event).order_by("pk").first()

    publisher_client.get(admin_url(Event, "revision", event.pk, first.pk))

    assert Event.objects.get(pk=event.pk).title == "Heritage Week"
    assert sequence_of(event) == 1


def test_a_recovered_event_comes_back_with_its_uid_and_a_higher_revision(publisher_client):
    with reversion.create_revision():
        event = EventFactory(title="Heritage Forum")
    with reversion.create_revision():
        event.city = "Seoul"
        event.save()
    pk, uid = event.pk, event.uid
    publisher_client.post(admin_url(Event, "delete", pk), {"post": "yes"})
    version = Version.objects.get_deleted(Event).get(object_id=str(pk))
    url = admin_url(Event, "recover", version.pk)

    response = publisher_client.post(url, form_data(publisher_client.get(url)))

    assert response.status_code == 302
    recovered = Event.objects.get(pk=pk)
    assert (recovered.uid, recovered.sequence) == (uid, 2)


def test_an_import_counts_changed_rows_only(publisher_client):
    changed = EventFactory(slug="changed", title="Old title")
    same = EventFactory(slug="same", title="Same title")
    rows = [
        {"slug": "changed", "title_en": "New title"},
        {"slug": "same", "title_en": "Same title"},
    ]

    import_file(publisher_client, Event, csv_file(rows))

    assert (sequence_of(changed), sequence_of(same)) == (1, 0)


def test_an_import_sets_and_checks_the_event_status(publisher_client):
    event = EventFactory(slug="forum", start_date=datetime.date(2026, 11, 2))
    rows = [
        {
            "slug": "forum",
            "event_status": "rescheduled",
            "previous_start_date": "2026-10-05",
            "previous_end_date": "2026-10-06",
        }
    ]

    import_file(publisher_client, Event, csv_file(rows))

    event.refresh_from_db()
    assert event.event_status == Event.EventStatus.RESCHEDULED
    assert event.previous_dates.end_date == datetime.date(2026, 10, 6)
    assert event.sequence == 1


def test_a_subscribed_calendar_sees_the_cancellation_as_a_newer_revision(client):
    event = EventFactory()
    before = only_event(ics(client, event))

    event.event_status = Event.EventStatus.CANCELLED
    event.save()
    after = only_event(ics(client, event))

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["STATUS"]) == "CANCELLED"


def test_the_add_form_shows_no_uid_before_there_is_one(publisher_client):
    page = publisher_client.get(admin_url(Event, "add"))

    assert page.status_code == 200
    assert "calendar uid" not in page.text.lower() and 'name="event_status"' in page.text
