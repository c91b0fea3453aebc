"""Review: an editor submits a draft, publishers are emailed, one approves or asks for changes."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends import locmem
from django.urls import reverse
from django.utils import timezone

from countries.models import Site
from events.models import Event
from tests.factories import EventFactory, SiteFactory
from tests.unesco_office.test_admin import admin_url, form_data
from unesco_office.core.models import Publishable
from unesco_office.models import AuditEntry, ReviewRequest
from unesco_office.staff.roles import PUBLISHERS

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = Publishable.Status.DRAFT, Publishable.Status.PUBLISHED


@pytest.fixture
def emails(editor, publisher, django_user_model):
    """The editor and two publishers have addresses; a third publisher has none."""
    editor.email = "editor@example.org"
    editor.save()
    publisher.email = "publisher@example.org"
    publisher.save()
    group = Group.objects.get(name=PUBLISHERS)
    other = django_user_model.objects.create_user("other", "other@example.org", is_staff=True)
    silent = django_user_model.objects.create_user("silent", is_staff=True)
    gone = django_user_model.objects.create_user(
        "gone", "gone@example.org", is_staff=True, is_active=False
    )
    group.user_set.add(other, silent, gone)
    return {"editor": editor, "publisher": publisher, "other": other}


def submit(client, record):
    url = admin_url(type(record), "change", record.pk)
    return client.post(url, form_data(client.get(url)) | {"_submit_for_review": "1"}, follow=True)


def test_an_editor_submits_a_draft_and_the_publishers_are_emailed(editor_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None, title="Forum on water")

    response = submit(editor_client, draft)

    assert "Submitted for review: 2 publishers have been told by email." in (
        response.content.decode()
    )
    review = ReviewRequest.objects.get()
    assert (review.record, review.state, review.requested_by) == (
        draft,
        ReviewRequest.State.AWAITING,
        emails["editor"],
    )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other@example.org",
        "publisher@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == f"Awaiting review: {draft}"
    assert f"editor submitted the event “{draft}” for review." in message.body
    assert f"http://testserver{admin_url(Event, 'review', draft.pk)}" in message.body
    assert f"http://testserver{admin_url(Event, 'preview', draft.pk)}" in message.body
    assert AuditEntry.objects.filter(action="submitted", username="editor").count() == 1
    draft.refresh_from_db()
    assert draft.status == DRAFT


def test_submitting_saves_the_form_first(editor_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    url = admin_url(Event, "change", draft.pk)

    editor_client.post(
        url,
        form_data(editor_client.get(url))
        | {"title_en": "Reviewed title", "_submit_for_review": "1"},
    )

    draft.refresh_from_db()
    assert draft.title == "Reviewed title"
    assert draft.reviews.awaiting().exists()


def test_a_new_record_can_be_submitted_from_the_add_form(editor_client, emails):
    data = form_data(editor_client.get(admin_url(Event, "add"))) | {
        "title_en": "Brand new",
        "slug": "brand-new",
        "kind": "workshop",
        "start_date": "2030-01-02",
        "sites": [],
        "sectors": [],
        "_submit_for_review": "1",
    }

    response = editor_client.post(admin_url(Event, "add"), data)

    event = Event.objects.get(slug="brand-new")
    assert response["Location"] == admin_url(Event, "change", event.pk)
    assert event.reviews.awaiting().exists()


def test_a_draft_is_submitted_once(editor_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)
    mail.outbox.clear()

    response = submit(editor_client, draft)

    assert ReviewRequest.objects.count() == 1
    assert not mail.outbox
    assert "Save and submit for review" not in response.content.decode()


def test_a_failing_mail_server_does_not_lose_the_submission(editor_client, emails, monkeypatch):
    def refuse(backend, messages):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", refuse)
    draft = EventFactory(status=DRAFT, published_at=None)

    response = submit(editor_client, draft)

    assert "the email to the publishers could not be sent" in response.content.decode()
    assert draft.reviews.awaiting().exists()


def test_without_addresses_the_editor_is_told_to_tell_them(editor_client, editor):
    draft = EventFactory(status=DRAFT, published_at=None)

    response = submit(editor_client, draft)

    assert "No publisher has an email address" in response.content.decode()


def test_the_list_filters_on_awaiting_review(
    editor_client, publisher_client, emails, django_assert_num_queries
):
    waiting = EventFactory(status=DRAFT, published_at=None, title="Waiting one")
    EventFactory(status=DRAFT, published_at=None, title="Quiet draft")
    EventFactory(title="Live one")
    submit(editor_client, waiting)
    url = admin_url(Event, "changelist") + "?review=awaiting"

    response = publisher_client.get(url)

    assert [event.title for event in response.context["cl"].result_list] == ["Waiting one"]
    assert "Draft, awaiting review" in response.content.decode()


def test_a_publisher_approves_and_publishes_and_the_editor_is_told(
    editor_client, publisher_client, emails
):
    draft = EventFactory(status=DRAFT, published_at=None, title="Forum on water")
    submit(editor_client, draft)
    mail.outbox.clear()
    url = admin_url(Event, "review", draft.pk)
    assert "Approve and publish" in publisher_client.get(url).content.decode()

    response = publisher_client.post(url, {"_approve": "1", "comment": "Fine."}, follow=True)

    assert "Approved and published. The editor has been told by email." in (
        response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.is_public
    review = ReviewRequest.objects.get()
    assert (review.state, review.decided_by, review.comment) == (
        ReviewRequest.State.APPROVED,
        emails["publisher"],
        "Fine.",
    )
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert mail.outbox[0].subject == f"Published: {draft}"
    assert "Fine." in mail.outbox[0].body
    actions = set(AuditEntry.objects.filter(username="publisher").values_list("action", flat=True))
    assert actions == {"approved", "published"}
    assert (
        publisher_client.get(admin_url(Event, "changelist") + "?review=awaiting")
        .context["cl"]
        .result_count
        == 0
    )


def test_a_publisher_asks_for_changes_with_a_comment_the_editor_gets(
    editor_client, publisher_client, emails
):
    draft = EventFactory(status=DRAFT, published_at=None, title="Forum on water")
    submit(editor_client, draft)
    mail.outbox.clear()
    url = admin_url(Event, "review", draft.pk)

    publisher_client.post(url, {"_request_changes": "1", "comment": "Add the venue, please."})

    draft.refresh_from_db()
    assert draft.status == DRAFT
    review = ReviewRequest.objects.get()
    assert review.state == ReviewRequest.State.CHANGES_REQUESTED
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]
    assert mail.outbox[0].subject == f"Changes requested: {draft}"
    assert "Add the venue, please." in mail.outbox[0].body
    form = editor_client.get(admin_url(Event, "change", draft.pk)).content.decode()
    assert "Changes requested by publisher" in form and "Add the venue, please." in form
    assert "Save and submit for review" in form
    changes = publisher_client.get(admin_url(Event, "changelist") + "?review=changes-requested")
    assert list(changes.context["cl"].result_list) == [draft]

    submit(editor_client, draft)

    assert draft.reviews.awaiting().count() == 1
    assert draft.reviews.count() == 2


def test_asking_for_changes_needs_a_comment(editor_client, publisher_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)
    mail.outbox.clear()

    response = publisher_client.post(
        admin_url(Event, "review", draft.pk), {"_request_changes": "1", "comment": "  "}
    )

    assert response.status_code == 200
    assert "Say what should change" in response.content.decode()
    assert draft.reviews.awaiting().exists()
    assert not mail.outbox


def test_an_approval_the_record_refuses_changes_nothing(editor_client, publisher_client, emails):
    past = timezone.now() - datetime.timedelta(days=1)
    draft = SiteFactory(status=DRAFT, published_at=None, unpublish_at=past)
    submit(editor_client, draft)

    response = publisher_client.post(admin_url(Site, "review", draft.pk), {"_approve": "1"})

    assert response.status_code == 200
    assert "The unpublish time is not after the publication time." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DRAFT
    assert draft.reviews.awaiting().exists()


def test_editors_cannot_review(editor_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)

    response = editor_client.post(admin_url(Event, "review", draft.pk), {"_approve": "1"})

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == DRAFT


def test_publishing_a_draft_another_way_ends_its_review(editor_client, publisher_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)

    publisher_client.post(
        admin_url(Event, "changelist"),
        {"action": "publish", "_selected_action": [str(draft.pk)]},
    )

    review = ReviewRequest.objects.get()
    assert (review.state, review.decided_by) == (ReviewRequest.State.APPROVED, emails["publisher"])
    response = publisher_client.post(admin_url(Event, "review", draft.pk), {"_approve": "1"})
    assert response.status_code == 302


def test_a_review_page_without_a_submission_says_so(publisher_client):
    draft = EventFactory(status=DRAFT, published_at=None)

    response = publisher_client.get(admin_url(Event, "review", draft.pk))

    assert "Nothing awaits review here." in response.content.decode()


def test_a_deleted_record_takes_its_review_with_it(editor_client, publisher_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)

    publisher_client.post(admin_url(Event, "delete", draft.pk), {"post": "yes"})

    assert not ReviewRequest.objects.exists()


def test_the_publishers_change_form_links_to_the_review(editor_client, publisher_client, emails):
    draft = EventFactory(status=DRAFT, published_at=None)
    submit(editor_client, draft)

    html = publisher_client.get(admin_url(Event, "change", draft.pk)).content.decode()

    assert "Awaiting review since" in html and "submitted by editor." in html
    assert f'href="{admin_url(Event, "review", draft.pk)}"' in html
    assert reverse("admin:events_event_review", args=[draft.pk]) not in (
        editor_client.get(admin_url(Event, "change", draft.pk)).content.decode()
    )
