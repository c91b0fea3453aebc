"""Review before publication: an editor submits a draft, a publisher approves (publishes) it
or asks for changes. Each step is a ReviewRequest change, an audit entry and an email:
to the publishers of that kind of record when a draft is submitted, to the editor who
submitted it when it is decided. Email is a background task (send_review_mail) through
Django's default mailer (MAILERS); a mail server that refuses it (or any other failure to
send) does not undo the step, and the caller is told when it knows.
"""

import logging

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import TaskResultStatus, task
from django.urls import reverse
from django.utils.translation import gettext as _

from unesco_office.core.models import Publishable
from unesco_office.core.text import one_line
from unesco_office.models import AuditEntry, ReviewRequest
from unesco_office.staff import audit
from unesco_office.staff.translations import untranslated, untranslated_message

logger = logging.getLogger(__name__)


class ReviewError(Exception):
    """A step that cannot be taken, with the reason for staff."""


def submit(record, user):
    """Mark a draft as awaiting review; the new ReviewRequest."""
    if record.status != Publishable.Status.DRAFT:
        raise ReviewError(_("Only a draft can be submitted for review."))
    try:
        with transaction.atomic():
            review = ReviewRequest.objects.create(record=record, requested_by=user)
            audit.record(AuditEntry.Action.SUBMITTED, record)
    except IntegrityError:
        raise ReviewError(_("This draft is already awaiting review.")) from None
    return review


def approve(review, user, comment=""):
    """Publish the record (now, or at its publication time if one is set) and close the
    round, in one transaction and one revision of its history."""
    record = review.record
    if settings.REQUIRE_COMPLETE_TRANSLATIONS and (needed := untranslated(record)):
        raise ReviewError(untranslated_message(needed))
    record.status = Publishable.Status.PUBLISHED
    record.full_clean()  # a ValidationError leaves everything as it was
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(_("Approved and published"))
        review.decide(ReviewRequest.State.APPROVED, user, comment)
        record.save()
        audit.record(AuditEntry.Action.APPROVED, record, detail=comment)


def request_changes(review, user, comment):
    if not comment.strip():
        raise ReviewError(_("Say what should change: the editor gets your comment."))
    with transaction.atomic():
        review.decide(ReviewRequest.State.CHANGES_REQUESTED, user, comment)
        audit.record(AuditEntry.Action.CHANGES_REQUESTED, review.record, detail=comment)


def publishers(record):
    """Active users who may publish this kind of record and have an email address."""
    content_type = ContentType.objects.get_for_model(record)
    codename = f"publish_{content_type.model}"
    may_publish = Q(
        groups__permissions__content_type=content_type, groups__permissions__codename=codename
    ) | Q(user_permissions__content_type=content_type, user_permissions__codename=codename)
    return (
        get_user_model()
        .objects.filter(may_publish, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def admin_url(request, record, view):
    opts = record._meta
    return request.build_absolute_uri(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])
    )


def mail_publishers(request, review):
    """Tell the publishers a draft awaits them; the number of addresses written to, or
    None when the mail server refused."""
    record = review.record
    by = review.requested_by
    subject = _("Awaiting review: %(record)s") % {"record": record}
    body = _(
        "%(user)s submitted the %(kind)s “%(record)s” for review.\n\n"
        "Review it (approve and publish, or ask for changes):\n%(review_url)s\n\n"
        "See the page as it would look:\n%(preview_url)s\n"
    ) % {
        "user": _display_name(by),
        "kind": record._meta.verbose_name,
        "record": record,
        "review_url": admin_url(request, record, "review"),
        "preview_url": admin_url(request, record, "preview"),
    }
    recipients = [user.email for user in publishers(record) if user != by]
    return _send(subject, body, recipients)


def mail_editor(request, review):
    """Tell the editor who submitted the draft what was decided."""
    record = review.record
    editor = review.requested_by
    if editor is None or not editor.email:
        return 0
    if review.state == ReviewRequest.State.APPROVED:
        subject = _("Published: %(record)s") % {"record": record}
        body = _("%(user)s approved and published the %(kind)s “%(record)s”.\n")
    else:
        subject = _("Changes requested: %(record)s") % {"record": record}
        body = _("%(user)s asks for changes to the %(kind)s “%(record)s” before publishing it.\n")
    body = body % {
        "user": _display_name(review.decided_by),
        "kind": record._meta.verbose_name,
        "record": record,
    }
    if review.comment:
        body += "\n" + _("Comment:") + "\n" + review.comment + "\n"
    body += "\n" + admin_url(request, record, "change") + "\n"
    return _send(subject, body, [editor.email])


def _send(subject, body, recipients):
    """Queue the e-mail (one message per address). Returns how many messages are sent or on
    their way, 0 without an address, or None when they could not be sent (or queued)."""
    if not recipients:
        return 0
    # A record's name written before line breaks were refused cannot break the subject line.
    subject = one_line(subject)
    try:
        result = send_review_mail.enqueue(subject=subject, body=body, recipients=recipients)
    except Exception:
        logger.exception("Review email not queued: %s", subject)
        return None
    if not result.is_finished:  # a worker sends it
        return len(recipients)
    return result.return_value if result.status == TaskResultStatus.SUCCESSFUL else None


@task
def send_review_mail(*, subject, body, recipients):
    """Send one message per address (staff do not see each other's). Returns how many were
    sent, or None when sending failed: whatever the mail server, the backend or an address
    does, the review step stays taken."""
    try:
        messages = [EmailMessage(subject, body, to=[address]) for address in recipients]
        mailers.default.send_messages(messages)
    except Exception:
        logger.exception("Review email not sent: %s", subject)
        return None
    return len(messages)


def _display_name(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()
