import datetime
import uuid
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from countries.models import Country, Site, place_name, validate_not_reserved
from countries.validators import validate_time_zone
from sectors.models import Sector
from unesco_office.core.cache import remember
from unesco_office.core.i18n import same_value
from unesco_office.core.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Illustrated,
    Located,
    Publishable,
    PublishableQuerySet,
    one_of,
)
from unesco_office.core.richtext import RichTextField


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, longest=None):
        """Events not over yet (today's included), soonest first. `longest`: no event lasts
        longer (a timedelta), which bounds their start dates too."""
        today = timezone.localdate()
        queryset = self.filter(end_date__gte=today)
        if longest is not None:
            queryset = queryset.filter(start_date__gte=today - longest)
        return queryset.order_by("start_date", "start_time", "title")

    def upcoming_bounded(self):
        """upcoming(), bounded by the longest event (see longest_event): what a page showing
        the next few events reads, from a date index at the earliest start they can have
        instead of through every event before it."""
        return self.upcoming(longest=longest_event())

    def longest(self):
        """How long the longest of these events lasts (a timedelta; none: 0 days)."""
        days = self.aggregate(days=Max(F("end_date") - F("start_date")))["days"]
        return days or datetime.timedelta(0)

    def past(self):
        today = timezone.localdate()
        # An event over before today started before today: read in order from a date index.
        return self.filter(end_date__lt=today, start_date__lt=today).order_by(
            "-start_date", "-start_time", "title"
        )


def longest_event():
    """How long the longest event lasts, drafts included (a timedelta; None when the cache
    does not answer): none of the events not over yet started longer ago. One aggregate,
    kept until the content changes."""
    return remember("events:longest", Event.objects.longest)


# Slugs that name the event list's own pages (/events/calendar/, /events/feed/): an event
# with one of them would be hidden behind that page.
RESERVED_SLUGS = ("calendar", "feed")
DATES_IN_RANGE = format_lazy(
    _("Event dates lie between {first} and {last}."), first=FIRST_YEAR, last=LAST_YEAR
)


class Kind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    CELEBRATION = "celebration", _("Celebration")
    EXHIBITION = "exhibition", _("Exhibition")
    FORUM = "forum", _("Forum")
    MEETING = "meeting", _("Meeting")


class EventStatus(models.TextChoices):
    """Whether it still takes place as announced (schema.org's eventStatus)."""

    SCHEDULED = "scheduled", _("As announced")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")
    MOVED_ONLINE = "moved-online", _("Moved online")


class Event(Illustrated, Located, Publishable):
    """Something the office organises or supports, on one or more days, in a place or online.

    `uid` and `sequence` are what calendar apps know the event by (see events.ical): the uid
    never changes, so a calendar that subscribed to it updates it in place whatever staff
    rename; the sequence grows with every change visitors can see (see `save`).
    """

    # The enumerations, as Event.Kind and Event.EventStatus (defined above the class, so
    # that the constraints in Meta can name their values).
    Kind = Kind
    EventStatus = EventStatus

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
    event_status = models.CharField(
        _("event status"),
        max_length=20,
        choices=EventStatus,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Cancelled, postponed (no new dates yet), rescheduled (change the dates above: the "
            "ones it had are kept below) or moved online. Subscribed calendars follow."
        ),
    )
    previous_start_date = models.DateField(
        _("previous start date"),
        null=True,
        blank=True,
        help_text=_("For a rescheduled event: the first day it was planned for."),
    )
    previous_end_date = models.DateField(
        _("previous end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty when it was planned for one day."),
    )
    uid = models.UUIDField(
        _("calendar UID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("What calendar apps know the event by; it never changes."),
    )
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_("Grows with every change visitors can see, so calendars update the event."),
    )

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
                condition=Q(start_date__year__gte=FIRST_YEAR, end_date__year__lte=LAST_YEAR),
                name="event_dates_in_range",
                violation_error_message=DATES_IN_RANGE,
            ),
            one_of("kind", Kind, "event"),
            models.CheckConstraint(condition=~Q(slug=""), name="event_slug_not_empty"),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS),
                name="event_slug_not_reserved",
                violation_error_message=_(
                    "“calendar” and “feed” name pages of the event list: choose another slug."
                ),
            ),
            one_of("event_status", EventStatus, "event"),
            models.CheckConstraint(
                condition=~Q(event_status=EventStatus.RESCHEDULED)
                | Q(previous_start_date__isnull=False),
                name="event_rescheduled_has_previous_dates",
                violation_error_message=_(
                    "A rescheduled event keeps the dates it was first planned for: give the "
                    "previous start date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(previous_end_date__isnull=True)
                | Q(previous_end_date__gte=F("previous_start_date")),
                name="event_previous_dates_in_order",
                violation_error_message=_("The previous end date is before the previous start."),
            ),
            models.CheckConstraint(
                condition=Q(previous_start_date__isnull=True)
                | Q(
                    previous_start_date__year__gte=FIRST_YEAR,
                    previous_end_date__year__lte=LAST_YEAR,
                ),
                name="event_previous_dates_in_range",
                violation_error_message=DATES_IN_RANGE,
            ),
            *Located.location_constraints("event"),
        ]
        indexes = [
            models.Index(
                fields=["status", "end_date", "start_date"], name="event_visible_upcoming"
            ),
            # A country's or a kind's events in date order (see event_start_order).
            models.Index(
                fields=["country", "start_date", "start_time", "end_date"],
                name="event_country_date",
            ),
            models.Index(
                fields=["kind", "start_date", "start_time", "end_date"], name="event_kind_date"
            ),
            # Covers the facet counts of the event list (benchmarks/event_list.py): each count
            # reads this index alone instead of the table.
            models.Index(
                fields=["status", "end_date", "published_at", "country", "kind", "id"],
                name="event_facet_counts",
            ),
            # The lists' order: the database reads a page of upcoming events (from a start
            # date, see EventQuerySet.upcoming) or of past ones in order, checking what the
            # filters need in the index itself. (Key columns rather than PostgreSQL's
            # INCLUDE, which SQLite lacks; the status first, which SQLite's planner needs to
            # prefer this index, and its order, to one on the end date.)
            models.Index(
                fields=[
                    "status",
                    "start_date",
                    "start_time",
                    "end_date",
                    "published_at",
                    "unpublish_at",
                    "country",
                    "kind",
                ],
                name="event_start_order",
            ),
        ]

    def __str__(self):
        if self.start_date is None:  # not filled in yet
            return self.title
        return f"{self.title} ({self.start_date:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    def save(self, *args, **kwargs):
        self._fill_end_dates()
        if not self._state.adding and self.pk is not None:
            fields = kwargs.get("update_fields")
            stored = Event.objects.filter(pk=self.pk).values(*self.calendar_fields(fields))
            self.sequence = self.next_sequence(stored.first(), fields)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "sequence"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._fill_end_dates()
        validate_not_reserved(self.slug, RESERVED_SLUGS)

    def _fill_end_dates(self):
        if self.end_date is None:
            self.end_date = self.start_date
        if self.previous_end_date is None:
            self.previous_end_date = self.previous_start_date

    # --- Calendar revisions ------------------------------------------------------------------

    # Fields that no calendar shows: changing them alone is no new revision of the event.
    NOT_IN_CALENDARS = frozenset(
        {
            "id",
            "uid",
            "sequence",
            "created_at",
            "updated_at",
            "published_at",
            "unpublish_at",
            "image",
            "image_width",
            "image_height",
            "image_alt",
            "image_caption",
            "image_credit",
        }
    )

    @classmethod
    def calendar_fields(cls, only=None):
        """The columns a calendar shows (of `only`, when given), and `status` and `sequence`.

        A translated field counts by its columns in each language (title_en, title_fr…):
        its plain attribute follows the active language."""
        fields = cls._meta.concrete_fields
        translated = {f.translated_field.name for f in fields if hasattr(f, "translated_field")}
        names = [
            field.attname
            for field in fields
            if field.name not in cls.NOT_IN_CALENDARS
            and getattr(getattr(field, "translated_field", None), "name", "")
            not in cls.NOT_IN_CALENDARS
            and field.name not in translated
            and (only is None or field.name in only or field.attname in only)
        ]
        return [*dict.fromkeys([*names, "status", "sequence"])]

    def next_sequence(self, stored, only=None):
        """The SEQUENCE this event has once saved over `stored` (the stored row's values of
        `calendar_fields()`; None for a record not stored yet).

        It goes up by one when anything a calendar shows changes while the event is public
        or becomes so (publishing counts; a draft's edits do not), and never goes down: it
        counts from the stored row, not from what this instance was loaded with, so a form
        loaded before someone else's change still counts one more.
        """
        if stored is None:
            return self.sequence
        published = self.Status.PUBLISHED
        changed = any(
            not same_value(stored[name], getattr(self, name))
            for name in self.calendar_fields(only)
            if name != "sequence"
        )
        if changed and published in (stored["status"], self.status):
            return stored["sequence"] + 1
        return stored["sequence"]

    @property
    def tzinfo(self):
        return venue_time_zone(self.time_zone, self.country.time_zone if self.country_id else "")

    @property
    def starts_at(self):
        """The aware start, in the venue's time zone; None without a start time."""
        return aware(self.start_date, self.start_time, self.tzinfo)

    @property
    def ends_at(self):
        return aware(self.end_date, self.end_time, self.tzinfo)

    @property
    def is_multi_day(self):
        return self.end_date != self.start_date

    @property
    def is_cancelled(self):
        return self.event_status == self.EventStatus.CANCELLED

    @property
    def has_moved_online(self):
        return self.event_status == self.EventStatus.MOVED_ONLINE

    @property
    def is_held_online(self):
        return held_online(self.is_online, self.event_status)

    @property
    def public_country(self):
        """Its country where visitors may see it; None without one, and while that country
        is not published (a draft, scheduled or expired country is named nowhere public). Its
        time zone still sets the event's times."""
        return self.country if self.country_id and self.country.is_public else None

    @property
    def is_only_online(self):
        """Its place is “Online”: held online with no city or country, or moved online."""
        return self.has_moved_online or (self.is_online and not (self.city or self.public_country))

    @property
    def has_venue(self):
        """Takes place somewhere (perhaps also online); false once it has moved online."""
        if self.has_moved_online:
            return False
        return bool(self.venue or self.city or self.public_country)

    @property
    def previous_dates(self):
        return planned_dates(self.event_status, self.previous_start_date, self.previous_end_date)

    @property
    def map_location(self):
        """(latitude, longitude) to show the event at on a map: its own coordinates, else
        those of its first public related site that has some (by id), else None; None
        too once it has moved online, where no place is where it takes place.

        Reads the site's coordinates when the view's query has them (`site_latitude`, see
        events.maps.with_located_sites), else `sites.all()`."""
        if self.has_moved_online:
            return None
        if self.latitude is not None:
            return self.latitude, self.longitude
        if hasattr(self, "site_latitude"):
            if self.site_latitude is None:
                return None
            return self.site_latitude, self.site_longitude
        sites = sorted(
            (s for s in self.sites.all() if s.is_public and s.latitude is not None),
            key=lambda site: site.pk,
        )
        return (sites[0].latitude, sites[0].longitude) if sites else None

    @property
    def place(self):
        """“Seoul, Republic of Korea”, “Online” (see is_only_online) or the parts that are
        known."""
        if self.is_only_online:
            return _("Online")
        country = self.public_country
        return place_name(self.city, country.name if country else "")


@dataclass(frozen=True)
class PlannedDates:
    start_date: datetime.date
    end_date: datetime.date


# The rules an event's facts follow, on plain values: Event's properties read them, and so do
# the downloads, which read their rows as values rather than as events.


def venue_time_zone(own, country_zone):
    """The time zone of an event's times: its own, else its country's, else the site's."""
    return zoneinfo.ZoneInfo(own or country_zone or settings.TIME_ZONE)


def aware(day, time, time_zone):
    """A day and a time of day in a time zone; None without a time."""
    if time is None:
        return None
    return datetime.datetime.combine(day, time, tzinfo=time_zone)


def held_online(is_online, event_status):
    """Online, as planned or since it moved online."""
    return is_online or event_status == EventStatus.MOVED_ONLINE


def planned_dates(event_status, previous_start, previous_end):
    """For a rescheduled event, the dates it was first planned for (`start_date` and
    `end_date`); None otherwise."""
    if event_status != EventStatus.RESCHEDULED or previous_start is None:
        return None
    return PlannedDates(previous_start, previous_end or previous_start)
