import datetime
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from countries.models import Country, Site, place_name
from countries.validators import validate_time_zone
from sectors.models import Sector
from unesco_office.models import Illustrated, Publishable, PublishableQuerySet
from unesco_office.richtext import RichTextField


class EventQuerySet(PublishableQuerySet):
    def upcoming(self):
        """Events not over yet (today's included), soonest first."""
        return self.filter(end_date__gte=timezone.localdate()).order_by(
            "start_date", "start_time", "title"
        )

    def past(self):
        return self.filter(end_date__lt=timezone.localdate()).order_by(
            "-start_date", "-start_time", "title"
        )


class Event(Illustrated, Publishable):
    """Something the office organises or supports, on one or more days, in a place or online."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        CELEBRATION = "celebration", _("Celebration")
        EXHIBITION = "exhibition", _("Exhibition")
        FORUM = "forum", _("Forum")
        MEETING = "meeting", _("Meeting")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CONFERENCE)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), blank=True, help_text=_("Leave empty for a one-day event.")
    )
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times are in the venue's time zone. Empty: the country's time zone."),
    )
    is_online = models.BooleanField(_("online"), default=False)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("country"),
        help_text=_("Where it takes place; empty for an online or regional event."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
        help_text=_(
            "Where the venue is, for the maps (from OpenStreetMap, say). Empty: the first "
            "related site's location, if it has one."
        ),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    sectors = models.ManyToManyField(
        Sector, related_name="events", verbose_name=_("sectors"), blank=True
    )
    sites = models.ManyToManyField(
        Site,
        related_name="events",
        verbose_name=_("related sites"),
        blank=True,
        help_text=_("Designated sites the event is about or held at."),
    )
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = RichTextField(_("body"))
    registration_url = models.URLField(_("registration link"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish and unpublish events"))]
        constraints = [
            *Publishable.publishing_constraints("event"),
            *Illustrated.image_constraints("event"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="event_ends_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_date__gt=F("start_date"))
                | Q(end_time__gte=F("start_time")),
                name="event_end_time_after_start",
                violation_error_message=_("On a one-day event the end time is before the start."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__year__gte=1945, end_date__year__lte=2100),
                name="event_dates_in_range",
                violation_error_message=_("Event dates lie between 1945 and 2100."),
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "conference",
                        "workshop",
                        "training",
                        "celebration",
                        "exhibition",
                        "forum",
                        "meeting",
                    ]
                ),
                name="event_kind_valid",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="event_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="event_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="event_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="event_coordinates_paired",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "end_date", "start_date"], name="event_visible_upcoming"
            ),
            models.Index(fields=["country", "end_date", "start_date"], name="event_country_date"),
            models.Index(fields=["kind", "end_date", "start_date"], name="event_kind_date"),
            # Covers the facet counts of the event list (benchmarks/event_list.py): each count
            # reads this index alone instead of the table, 2.3 times faster at 100,000 events.
            models.Index(
                fields=["status", "end_date", "published_at", "country", "kind", "id"],
                name="event_facet_counts",
            ),
        ]

    def __str__(self):
        if self.start_date is None:  # not filled in yet
            return self.title
        return f"{self.title} ({self.start_date:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.end_date is None:
            self.end_date = self.start_date

    @property
    def tzinfo(self):
        name = self.time_zone or (self.country.time_zone if self.country_id else "")
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)

    @property
    def starts_at(self):
        """The aware start, in the venue's time zone; None without a start time."""
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.start_date, self.start_time, tzinfo=self.tzinfo)

    @property
    def ends_at(self):
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.end_date, self.end_time, tzinfo=self.tzinfo)

    @property
    def is_multi_day(self):
        return self.end_date != self.start_date

    @property
    def map_location(self):
        """(latitude, longitude) to show the event at on a map: its own coordinates, else
        those of its first public related site that has some (by name), else None.

        Reads `located_sites` when the view prefetched it (see events.maps), else
        `sites.all()`."""
        if self.latitude is not None:
            return self.latitude, self.longitude
        sites = getattr(self, "located_sites", None)
        if sites is None:
            sites = sorted(
                (s for s in self.sites.all() if s.is_public and s.latitude is not None),
                key=lambda site: site.name,
            )
        return (sites[0].latitude, sites[0].longitude) if sites else None

    @property
    def place(self):
        """“Seoul, Republic of Korea”, “Online” or the parts that are known."""
        if self.is_online and not (self.city or self.country_id):
            return _("Online")
        return place_name(self.city, self.country.name if self.country_id else "")
