"""The editorial workflow's records: share links, rounds of review and the audit trail of
every public record."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unesco_office.core.models import one_of


class RecordQuerySet(models.QuerySet):
    def for_record(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class ShareLinkQuerySet(RecordQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A link with which someone outside the admin reads one record's page as it is saved,
    published or not, until the link expires or is revoked.

    The link's address holds a token signed with the site's secret key (django.core.signing)
    that names the link, its random key and its expiry time; the link itself, stored here,
    is what can be revoked. A token whose link is revoked, expired, deleted or unknown, or
    whose signed expiry has passed, opens nothing.
    """

    MAX_DAYS = 14
    SALT = "unesco_office.share-link"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey()
    key = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(
        _("for"),
        max_length=200,
        blank=True,
        help_text=_("Who the link is for, as a reminder: for example “Ministry of Culture”."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    # Staff's workflow and accounts: never shown on a public page.
    changes_public_pages = False

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.label or _("Share link %(id)s") % {"id": self.pk}

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = secrets.token_urlsafe(24)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("share", kwargs={"token": self.token})

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def token(self):
        """The signed part of the link's address: the link, its key and its expiry time."""
        payload = {"link": self.pk, "key": self.key, "until": int(self.expires_at.timestamp())}
        return signing.Signer(salt=self.SALT).sign_object(payload)

    @classmethod
    def from_token(cls, token):
        """The active link a token names, or None: whatever the token, never an error. The
        expiry is checked twice: the one signed into the token, and the stored one."""
        try:
            data = signing.Signer(salt=cls.SALT).unsign_object(token)
        except (signing.BadSignature, ValueError):
            return None
        if not (
            isinstance(data, dict)
            and isinstance(data.get("link"), int)
            and 0 < data["link"] < 2**63
            and isinstance(data.get("key"), str)
            and isinstance(data.get("until"), int)
            and data["until"] > timezone.now().timestamp()
        ):
            return None
        return cls.objects.active().filter(pk=data["link"], key=data["key"]).first()


class State(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes-requested", _("Changes requested")


class ReviewRequestQuerySet(RecordQuerySet):
    def awaiting(self):
        return self.filter(state=ReviewRequest.State.AWAITING)


class ReviewRequest(models.Model):
    """One round of review of a draft: an editor submits it, a publisher approves (and so
    publishes) it or asks for changes with a comment. A record has at most one round
    awaiting review; the earlier ones stay as its review history."""

    State = State  # defined above the class, so that Meta's constraints can name its values

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey()
    state = models.CharField(
        _("state"), max_length=20, choices=State, default=State.AWAITING, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    requested_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    decided_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    # Staff's workflow and accounts: never shown on a public page.
    changes_public_pages = False

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state=State.AWAITING),
                name="reviewrequest_one_awaiting",
            ),
            one_of("state", State, "reviewrequest"),
        ]

    def __str__(self):
        return f"{self.get_state_display()}: {self.record}"

    def decide(self, state, user, comment=""):
        self.state = state
        self.decided_by = user
        self.decided_at = timezone.now()
        self.comment = comment
        self.save(update_fields=["state", "decided_by", "decided_at", "comment"])


class AuditEntry(models.Model):
    """Who published, unpublished, imported, restored, deleted, submitted, approved or
    shared which record, when, and through what. Written by unesco_office.staff.audit on every
    path that does it; kept when the record or the user is deleted."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("published")
        UNPUBLISHED = "unpublished", _("unpublished")
        IMPORTED = "imported", _("imported")
        RESTORED = "restored", _("restored")
        DELETED = "deleted", _("deleted")
        SUBMITTED = "submitted", _("submitted for review")
        APPROVED = "approved", _("approved")
        CHANGES_REQUESTED = "changes-requested", _("changes requested")
        SHARED = "shared", _("share link created")
        SHARE_REVOKED = "share-revoked", _("share link revoked")

    class Via(models.TextChoices):
        ADMIN = "admin", _("admin form")
        BULK_ACTION = "bulk-action", _("bulk action")
        SPREADSHEET = "spreadsheet", _("spreadsheet import")
        WORLD_HERITAGE = "world-heritage", _("World Heritage List import")
        HISTORY = "history", _("version history")
        COMMAND = "command", _("command line")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action, db_index=True)
    via = models.CharField(_("through"), max_length=20, choices=Via, default=Via.COMMAND)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        verbose_name=_("kind of record"),
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    object_repr = models.CharField(_("record"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)

    # Staff's workflow and accounts: never shown on a public page.
    changes_public_pages = False

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.username or '—'} {self.get_action_display()} {self.object_repr}"
