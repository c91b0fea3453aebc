from django.contrib import admin
from django.db.models import Count
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

from .models import Centre, Country, Site
from .resources import CentreResource, CountryResource, SiteResource


@admin.register(Country)
class CountryAdmin(ContentImportExportMixin, ContentAdmin):
    resource_classes = [CountryResource]
    list_display = [
        "name",
        "iso2",
        "iso3",
        "is_covered",
        "site_count",
        "thumbnail",
        visibility,
        "order",
    ]
    list_display_links = ["name"]
    list_editable = ["order"]
    list_filter = ["is_covered", VisibilityFilter, "updated_at"]
    search_fields = [*get_translation_fields("name"), "iso2", "iso3"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["-is_covered", "order", "name"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "iso2", "iso3", "time_zone", "is_covered", "order"]}),
        (_("Texts"), {"fields": ["summary", "body"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(site_total=Count("sites", distinct=True))

    @admin.display(description=_("sites"), ordering="site_total")
    def site_count(self, obj):
        return obj.site_total


@admin.register(Site)
class SiteAdmin(ContentImportExportMixin, ContentAdmin):
    resource_classes = [SiteResource]
    list_display = [
        "name",
        "designation",
        "country_list",
        "sector",
        "year_designated",
        "is_in_danger",
        "is_featured",
        "thumbnail",
        visibility,
    ]
    list_filter = [
        "designation",
        ("countries", admin.RelatedOnlyFieldListFilter),
        "sector",
        "wh_category",
        "is_in_danger",
        "is_featured",
        VisibilityFilter,
        "updated_at",
    ]
    search_fields = [*get_translation_fields("name", "countries__name"), "official_id"]
    autocomplete_fields = ["countries", "sector"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]
    list_select_related = ["sector"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "designation", "countries", "sector", "is_featured"]}),
        (
            _("Designation"),
            {
                "fields": [
                    "wh_category",
                    "criteria",
                    "year_designated",
                    "extension_years",
                    "is_in_danger",
                    "in_danger_since",
                    "official_id",
                    "official_url",
                ]
            },
        ),
        (_("Place"), {"fields": ["latitude", "longitude", "area_ha"]}),
        (_("Texts"), {"fields": ["summary", "body"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries")

    @admin.display(description=_("countries"))
    def country_list(self, obj):
        return ", ".join(country.name for country in obj.countries.all())


@admin.register(Centre)
class CentreAdmin(ContentImportExportMixin, ContentAdmin):
    resource_classes = [CentreResource]
    list_display = [
        "name",
        "acronym",
        "country",
        "sector",
        "city",
        "year_established",
        "thumbnail",
        visibility,
    ]
    list_filter = [
        ("country", admin.RelatedOnlyFieldListFilter),
        "sector",
        VisibilityFilter,
        "updated_at",
    ]
    search_fields = [*get_translation_fields("name"), "acronym", "city"]
    autocomplete_fields = ["country", "sector"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["name"]
    list_select_related = ["country", "sector"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "acronym",
                    "country",
                    "sector",
                    "city",
                    "year_established",
                    "website",
                ]
            },
        ),
        (_("Texts"), {"fields": ["summary", "body"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
    ]
