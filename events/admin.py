from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from unesco_office.admin import (
    IMAGE_FIELDSET,
    PUBLISHING_FIELDSET,
    ContentAdmin,
    ContentImportExportMixin,
    VisibilityFilter,
    visibility,
)

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


@admin.register(Event)
class EventAdmin(ContentImportExportMixin, ContentAdmin):
    resource_classes = [EventResource]
    list_display = ["title", visibility, "dates", "kind", "place_column", "sector_list"]
    list_filter = [
        WhenFilter,
        ("country", admin.RelatedOnlyFieldListFilter),
        "sectors",
        "kind",
        "is_online",
        VisibilityFilter,
        "updated_at",
    ]
    date_hierarchy = "start_date"
    search_fields = [*get_translation_fields("title", "venue", "summary"), "city"]
    autocomplete_fields = ["country", "sectors", "sites"]
    prepopulated_fields = {"slug": ["title"]}
    ordering = ["-start_date", "title"]
    list_select_related = ["country"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "sectors"]}),
        (
            _("When"),
            {"fields": ["start_date", "end_date", "start_time", "end_time", "time_zone"]},
        ),
        (
            _("Where"),
            {
                "fields": [
                    "is_online",
                    "country",
                    "city",
                    "venue",
                    ("latitude", "longitude"),
                    "sites",
                ]
            },
        ),
        (_("Texts"), {"fields": ["summary", "body", "registration_url"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
    ]

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
