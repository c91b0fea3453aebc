from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from unesco_office.staff.admin import (
    IMAGE_FIELDSET,
    PUBLISHING_FIELDSET,
    ContentAdmin,
    IllustratedAdminForm,
    VisibilityFilter,
    visibility,
)
from unesco_office.staff.imports.admin import ContentImportExportMixin

from .models import Event
from .resources import EventResource


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        match self.value():
            case "upcoming":
                return queryset.upcoming()
            case "past":
                return queryset.past()
        return queryset


class EventAdminForm(IllustratedAdminForm):
    def clean(self):
        """Marking a stored event rescheduled while changing its dates keeps the dates it had
        as its previous ones, unless staff give those themselves."""
        cleaned = super().clean()
        rescheduled = cleaned.get("event_status") == Event.EventStatus.RESCHEDULED
        moved = {"start_date", "end_date"} & set(self.changed_data)
        if rescheduled and moved and self.instance.pk and not cleaned.get("previous_start_date"):
            cleaned["previous_start_date"] = self.instance.start_date
            cleaned["previous_end_date"] = self.instance.end_date
        return cleaned


@admin.register(Event)
class EventAdmin(ContentImportExportMixin, ContentAdmin):
    resource_classes = [EventResource]
    form = EventAdminForm
    list_display = [
        "title",
        visibility,
        "dates",
        "kind",
        "event_status",
        "place_column",
        "sector_list",
    ]
    list_filter = [
        WhenFilter,
        "event_status",
        ("country", admin.RelatedOnlyFieldListFilter),
        "sectors",
        "kind",
        "is_online",
        VisibilityFilter,
        "updated_at",
    ]
    date_hierarchy = "start_date"
    search_fields = [*get_translation_fields("title", "venue", "summary", "city")]
    autocomplete_fields = ["country", "sectors", "sites"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["-start_date", "title"]
    list_select_related = ["country"]
    readonly_fields = ["uid", "sequence"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "sectors"]}),
        (
            _("When"),
            {"fields": ["start_date", "end_date", "start_time", "end_time", "time_zone"]},
        ),
        (
            _("Still held as announced?"),
            {"fields": ["event_status", "previous_start_date", "previous_end_date"]},
        ),
        (
            _("Where"),
            {
                "description": _(
                    "Without coordinates, the maps place the event at its first related site "
                    "that has some."
                ),
                "fields": [
                    "is_online",
                    "country",
                    "city",
                    "venue",
                    ("latitude", "longitude"),
                    "sites",
                ],
            },
        ),
        (_("Texts"), {"fields": ["summary", "body", "registration_url"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
        (_("Calendars"), {"fields": ["uid", "sequence"], "classes": ["collapse"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        """The calendar UID is given when the event is first saved: none to show before."""
        fieldsets = super().get_fieldsets(request, obj)
        return (
            fieldsets if obj is not None else [f for f in fieldsets if "uid" not in f[1]["fields"]]
        )

    def revert_version(self, version):
        """Restoring an earlier version is a change like any other: the revision number goes
        on from the one stored now (the version holds the number it had then)."""
        fields = Event.calendar_fields()
        stored = Event.objects.filter(pk=version.object_id).values(*fields).first()
        super().revert_version(version)
        restored = Event.objects.get(pk=version.object_id)
        # A deleted event that comes back counts as a change too.
        sequence = restored.sequence + 1 if stored is None else restored.next_sequence(stored)
        Event.objects.filter(pk=restored.pk).update(sequence=sequence)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sectors")

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, obj):
        if obj.is_multi_day:
            return f"{date_format(obj.start_date)} – {date_format(obj.end_date)}"
        return date_format(obj.start_date)

    @admin.display(description=_("where"), ordering="country__name")
    def place_column(self, obj):
        return obj.place

    @admin.display(description=_("sectors"))
    def sector_list(self, obj):
        return ", ".join(sector.code for sector in obj.sectors.all())
