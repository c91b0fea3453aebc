from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from unesco_office.staff.admin import (
    IMAGE_FIELDSET,
    PUBLISHING_FIELDSET,
    ContentAdmin,
    VisibilityFilter,
    visibility,
)

from .models import Sector


@admin.register(Sector)
class SectorAdmin(ContentAdmin):
    list_display = ["name", "code", "thumbnail", visibility, "order", "updated_at"]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = [VisibilityFilter, "updated_at"]
    search_fields = [*get_translation_fields("name", "tagline"), "code"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "code", "colour", "order"]}),
        (_("Texts"), {"fields": ["tagline", "summary", "body"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
    ]
