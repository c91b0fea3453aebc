"""The abstract bases every public record shares: timestamps, publication (with the one
visibility rule, `published()`), an illustration, and the years a record may carry."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from modeltranslation.utils import build_localized_fieldname
from pilkit.processors import ResizeToFit

from unesco_office.core.collation import by_name
from unesco_office.core.images import RENDITION_WIDTHS, ImageField
from unesco_office.core.text import refuse_control_characters

# Years that a designation, an establishment or an event can plausibly carry.
FIRST_YEAR = 1945
LAST_YEAR = 2100
year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def one_of(field, choices, prefix):
    """A constraint that `field` holds one of the values of `choices` (a TextChoices)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": choices.values}), name=f"{prefix}_{field}_valid"
    )


def year_in_range(field):
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}
    )


class OneLineFields(models.Model):
    """Refuses line breaks and other control characters in every text field of one line
    (CharField and its kinds: slugs, addresses, the translations of each), with a message on
    the field: through the admin's forms, the imports and anything else that validates."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField) or field.name in (exclude or ()):
                continue
            if field.name in errors:
                continue
            try:
                refuse_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)


class TimeStampedModel(OneLineFields):
    created_at = models.DateTimeField(_("created"), db_default=Now(), editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class CurrentTime(models.Expression):
    """The time at which the query runs (this server's clock, `timezone.now()`), read when
    the query is compiled, not when the queryset is built: a queryset of published records
    can be built once and run for as long as the process lives (see
    unesco_office.core.kept)."""

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


def if_published(relation, expression):
    """`expression` (read through `relation`, "country") where the record at `relation` is
    visible now (is_published), else NULL: a column that names a related record only while
    visitors may see it."""
    return models.Case(models.When(is_published(f"{relation}__"), then=expression))


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The records visitors see (see is_published)."""
        return self.filter(is_published())

    def in_name_order(self, *first):
        """Ordered by `first` (fields), then by name as the active language sorts names
        (see core.collation)."""
        return self.order_by(*first, by_name(), "pk")


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

    # Its rounds of review, its share links, what its translations were made from and its
    # search documents, deleted with the record.
    reviews = GenericRelation("unesco_office.ReviewRequest")
    share_links = GenericRelation("unesco_office.ShareLink")
    translation_sources = GenericRelation("unesco_office.TranslationSource")
    search_documents = GenericRelation("unesco_office.SearchDocument")

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
        being published or unpublished (see unesco_office.staff.audit) without another query."""
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
            one_of("status", cls.Status, prefix),
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

    RENDITION_WIDTHS = RENDITION_WIDTHS

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
        processors=[ResizeToFit(width=RENDITION_WIDTHS[0], upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    image_medium = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=RENDITION_WIDTHS[1], upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    image_large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(width=RENDITION_WIDTHS[2], upscale=False)],
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
        if self.image and not (self.image_alt or "").strip():
            raise ValidationError(
                {self._english_alt_field(): _("Alt text is required when an image is set.")}
            )

    def _english_alt_field(self):
        """The field of the alt text staff must give: its English column where it is
        translated (image_alt_en), else its own."""
        english = build_localized_fieldname("image_alt", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        return english if any(f.name == english for f in self._meta.fields) else "image_alt"

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


class Located(models.Model):
    """A place the maps can show: its latitude and longitude in decimal degrees, both or
    neither."""

    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text=_("Decimal degrees, for the maps (from OpenStreetMap, say): 39.9042"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
        help_text=_("Decimal degrees: 116.4074"),
    )

    class Meta:
        abstract = True

    @classmethod
    def location_constraints(cls, prefix):
        return [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name=f"{prefix}_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name=f"{prefix}_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name=f"{prefix}_coordinates_paired",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
