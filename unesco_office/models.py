"""Shared abstract bases for every public record, and the office's own profile."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFit

from .images import ImageField
from .richtext import RichTextField

# Years that a designation, an establishment or an event can plausibly carry.
FIRST_YEAR = 1945
LAST_YEAR = 2100
year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_in_range(field):
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}
    )


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), db_default=Now(), editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class CurrentTime(models.Expression):
    """The time at which the query runs (this server's clock, `timezone.now()`), read when
    the query is compiled, not when the queryset is built: a queryset of published records
    can be built once and run for as long as the process lives (see
    events.views.list_events)."""

    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection):
        return "%s", [self.output_field.get_db_prep_value(timezone.now(), connection)]

    def get_group_by_cols(self):
        return []  # a parameter, like Value: nothing to group by


def is_published(prefix=""):
    """The one visibility rule, as a condition: published, its publication time has come and
    its expiry time, if it has one, has not. `prefix` reaches a related record's
    ("site__")."""
    now = CurrentTime()
    return (
        Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(**{f"{prefix}unpublish_at__gt": now})
    ) & Q(**{f"{prefix}status": Publishable.Status.PUBLISHED, f"{prefix}published_at__lte": now})


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The records visitors see (see is_published)."""
        return self.filter(is_published())


class Publishable(TimeStampedModel):
    """A record staff prepare as a draft and a publisher makes public, now or at a set time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish now; a future time schedules publication."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: the record leaves every page, feed and the sitemap at this time, "
            "and stays in the admin."
        ),
    )

    # Its rounds of review and its share links, deleted with the record.
    reviews = GenericRelation("unesco_office.ReviewRequest")
    share_links = GenericRelation("unesco_office.ShareLink")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._stamp_publication_time()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._stamp_publication_time()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        """Remember the status read from the database, so that a save can tell a record
        being published or unpublished (see unesco_office.audit) without another query."""
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def _stamp_publication_time(self):
        """Publishing without a time means publishing now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @classmethod
    def publishing_constraints(cls, prefix):
        return [
            models.CheckConstraint(
                condition=Q(status__in=cls.Status.values),
                name=f"{prefix}_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=cls.Status.DRAFT) | Q(published_at__isnull=False),
                name=f"{prefix}_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(unpublish_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(unpublish_at__gt=F("published_at")),
                name=f"{prefix}_unpublish_after_publish",
                violation_error_message=_("The unpublish time is not after the publication time."),
            ),
        ]

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
            and not self.is_expired
        )

    @property
    def is_expired(self):
        """Published, but its unpublish time has passed: visitors no longer see it."""
        return (
            self.status == self.Status.PUBLISHED
            and self.unpublish_at is not None
            and self.unpublish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
            and not self.is_expired
        )


class Illustrated(models.Model):
    """One photo with the alt text, caption and credit that every published image needs."""

    RENDITION_WIDTHS = (480, 960, 1600)

    image = ImageField(
        _("image"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("JPEG, PNG or WebP, at most 10 MB and 40 megapixels."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    image_credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("For example: © Hainan Tropical Rainforest National Park Service"),
    )

    image_small = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=480, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    image_medium = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=960, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    image_large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=1600, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )

    class Meta:
        abstract = True

    @classmethod
    def image_constraints(cls, prefix):
        return [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name=f"{prefix}_image_has_alt",
                violation_error_message=_("Alt text is required when an image is set."),
            )
        ]

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Alt text is required when an image is set.")})

    @property
    def renditions(self):
        """(width, rendition) pairs for a `srcset`; empty when there is no image."""
        if not self.image:
            return []
        return [
            (width, spec)
            for width, spec in zip(
                self.RENDITION_WIDTHS,
                (self.image_small, self.image_medium, self.image_large),
                strict=True,
            )
            if width == self.RENDITION_WIDTHS[0] or width <= (self.image_width or 0)
        ]

    @property
    def largest_rendition(self):
        """(rendition, width, height) of the biggest rendition; None when there is no image.

        A rendition is fitted to its width and never enlarged (ResizeToFit, upscale=False),
        so its size in pixels follows from the original's, rounded as pilkit rounds it,
        without opening any file.
        """
        renditions = self.renditions
        if not renditions or not (self.image_width and self.image_height):
            return None
        width, rendition = renditions[-1]
        ratio = min(width / self.image_width, 1)
        return (
            rendition,
            round(self.image_width * ratio),
            round(self.image_height * ratio),
        )


class OfficeProfile(TimeStampedModel):
    """The office itself: one row that the home and about pages read."""

    name = models.CharField(_("office name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=80, blank=True, help_text=_("For example: UNESCO Beijing")
    )
    head_of_office = models.CharField(_("head of office"), max_length=200, blank=True)
    head_title = models.CharField(
        _("head's title"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for “Head of Office”, in the visitor's language."),
    )
    year_established = models.PositiveSmallIntegerField(
        _("year established"), null=True, blank=True, validators=year_validators
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), help_text=_("Shown on the home page."))
    history = RichTextField(_("history and mandate"), help_text=_("Shown on the about page."))
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    weibo_url = models.URLField(_("Weibo"), blank=True)
    wechat_id = models.CharField(_("WeChat account"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("office profile")
        verbose_name_plural = _("office profile")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="officeprofile_single_row"),
            models.CheckConstraint(
                condition=year_in_range("year_established"), name="officeprofile_year_range"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about")

    @classmethod
    def load(cls):
        """The profile, or an unsaved empty one before staff have filled it in."""
        return cls.objects.filter(pk=1).first() or cls(name="")

    @property
    def social_links(self):
        links = [
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
            ("Weibo", self.weibo_url),
        ]
        return [(label, url) for label, url in links if url]


# Editorial workflow: share links, review and the audit trail of every public record.


class RecordQuerySet(models.QuerySet):
    def for_record(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class ShareLinkQuerySet(RecordQuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def new_share_key():
    return secrets.token_urlsafe(24)


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
    key = models.CharField(max_length=64, unique=True, default=new_share_key, editable=False)
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

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.label or _("Share link %(id)s") % {"id": self.pk}

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


class ReviewRequestQuerySet(RecordQuerySet):
    def awaiting(self):
        return self.filter(state=ReviewRequest.State.AWAITING)


class ReviewRequest(models.Model):
    """One round of review of a draft: an editor submits it, a publisher approves (and so
    publishes) it or asks for changes with a comment. A record has at most one round
    awaiting review; the earlier ones stay as its review history."""

    class State(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes-requested", _("Changes requested")

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

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state="awaiting"),
                name="reviewrequest_one_awaiting",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["awaiting", "approved", "changes-requested"]),
                name="reviewrequest_state_valid",
            ),
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
    shared which record, when, and through what. Written by unesco_office.audit on every
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

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.username or '—'} {self.get_action_display()} {self.object_repr}"
