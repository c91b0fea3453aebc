from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from unesco_office.staff.admin import (
    IMAGE_FIELDSET,
    PUBLISHING_FIELDSET,
    ContentAdmin,
    VisibilityFilter,
    visibility,
)
from unesco_office.staff.imports import uploads
from unesco_office.staff.imports.admin import ContentImportExportMixin

from .importers.world_heritage import InvalidFileError, parse_world_heritage
from .importers.world_heritage_import import import_world_heritage
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


class WorldHeritageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("World Heritage List export"),
        help_text=_(
            "The list as whc.unesco.org exports it: the XLSX file (sheet “sites XLSX "
            "export”), or a CSV of it."
        ),
    )
    all_countries = forms.BooleanField(
        label=_("All countries"),
        required=False,
        help_text=_("Import every site on the List, not only those of the covered countries."),
    )
    unpublish_missing = forms.BooleanField(
        label=_("Unpublish sites no longer listed"),
        required=False,
        help_text=_("Set to draft the imported sites that the file no longer lists."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > uploads.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": uploads.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class WorldHeritageConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


# The purpose its tokens are signed for (see unesco_office.staff.imports.uploads), and the options kept
# with the file: exactly those of WorldHeritageUploadForm, and the file's name.
WORLD_HERITAGE_UPLOAD = "world-heritage"
WORLD_HERITAGE_OPTIONS = {"file": str, "all_countries": bool, "unpublish_missing": bool}


@admin.register(Site)
class SiteAdmin(ContentImportExportMixin, ContentAdmin):
    """Also the World Heritage List upload: `manage.py import_world_heritage` for publishers,
    in two steps. The first reads the file and shows what the import would do (a dry run,
    nothing saved); the second, "Confirm", imports the same file (see unesco_office.staff.imports.uploads
    for where it waits in between)."""

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
        "source",
        VisibilityFilter,
        "updated_at",
    ]
    search_fields = [*get_translation_fields("name", "countries__name"), "official_id"]
    readonly_fields = ["source", "source_imported_at"]
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
        (_("Source"), {"fields": ["source", "source_imported_at"]}),
        IMAGE_FIELDSET,
        PUBLISHING_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries")

    @admin.display(description=_("countries"))
    def country_list(self, obj):
        return ", ".join(country.name for country in obj.countries.all())

    # The World Heritage List upload

    def get_urls(self):
        view = self.admin_site.admin_view(self.world_heritage_view)
        return [
            path("import-world-heritage/", view, name="countries_site_world_heritage"),
            *super().get_urls(),
        ]

    def has_world_heritage_permission(self, request):
        """Imported sites are published at once: a publisher's decision."""
        return (
            self.has_publish_permission(request)
            and self.has_add_permission(request)
            and self.has_change_permission(request)
        )

    def get_object_tools(self, request):
        tools = super().get_object_tools(request)
        if self.has_world_heritage_permission(request):
            url = reverse("admin:countries_site_world_heritage")
            tools.append((url, _("Import the World Heritage List")))
        return tools

    def world_heritage_view(self, request):
        if not self.has_world_heritage_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "token" in request.POST:
            if "cancel" in request.POST:
                return self.world_heritage_cancel(request)
            return self.world_heritage_confirm(request)
        form = WorldHeritageUploadForm(request.POST or None, request.FILES or None)
        if not form.is_valid():
            return self.world_heritage_page(request, form=form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        options = {
            "file": upload.name,
            "all_countries": form.cleaned_data["all_countries"],
            "unpublish_missing": form.cleaned_data["unpublish_missing"],
        }
        try:
            report = self.run_world_heritage_import(data, **options, dry_run=True)
        except InvalidFileError as error:
            return self.world_heritage_page(request, form=form, error=error)
        token = uploads.keep_upload(data, purpose=WORLD_HERITAGE_UPLOAD, **options)
        confirm = WorldHeritageConfirmForm(initial={"token": token})
        return self.world_heritage_page(request, report=report, confirm=confirm, options=options)

    def world_heritage_confirm(self, request):
        form = WorldHeritageConfirmForm(request.POST)
        try:
            if not form.is_valid():
                raise uploads.StaleUploadError
            token = form.cleaned_data["token"]
            data, options = uploads.read_upload(token, purpose=WORLD_HERITAGE_UPLOAD)
            if options.keys() != WORLD_HERITAGE_OPTIONS.keys() or not all(
                isinstance(options[name], kind) for name, kind in WORLD_HERITAGE_OPTIONS.items()
            ):
                raise uploads.UploadMismatchError
        except uploads.StaleUploadError as error:
            messages.error(request, error.message)
            return redirect("admin:countries_site_world_heritage")
        try:
            report = self.run_world_heritage_import(data, **options, user=request.user)
        except InvalidFileError as error:
            # The file was fine a moment ago; the database is not (a sector was removed).
            return self.world_heritage_page(request, form=WorldHeritageUploadForm(), error=error)
        finally:
            uploads.discard_upload(token, purpose=WORLD_HERITAGE_UPLOAD)
        messages.success(
            request,
            _(
                "Imported %(file)s: %(new)d new, %(changed)d changed, %(unchanged)d "
                "unchanged, %(missing)d no longer listed (%(unpublished)d set to draft)."
            )
            % {
                "file": report.file,
                "new": len(report.new),
                "changed": len(report.changed),
                "unchanged": len(report.unchanged),
                "missing": len(report.missing),
                "unpublished": len(report.unpublished),
            },
        )
        return redirect("admin:countries_site_changelist")

    def world_heritage_cancel(self, request):
        """The preview's "Cancel": its file is removed (a token that is not the site's
        removes nothing)."""
        uploads.discard_upload(request.POST["token"], purpose=WORLD_HERITAGE_UPLOAD)
        messages.info(request, _("The import was cancelled and its file removed."))
        return redirect("admin:countries_site_changelist")

    def run_world_heritage_import(self, data, *, file, all_countries, unpublish_missing, **kwargs):
        return import_world_heritage(
            result=parse_world_heritage(data, filename=file),
            all_countries=all_countries,
            unpublish_missing=unpublish_missing,
            **kwargs,
        )

    def world_heritage_page(self, request, *, error=None, report=None, form=None, **context):
        if form is not None:
            context["adminform"] = helpers.AdminForm(
                form, [(None, {"fields": list(form.fields)})], prepopulated_fields={}
            )
        if report is not None:
            context["changed"] = [
                (change, [_site_field_label(name) for name in change.fields])
                for change in report.changed
            ]
            context["conflicts"] = [
                (conflict, _site_field_label(conflict.field)) for conflict in report.conflicts
            ]
        return TemplateResponse(
            request,
            "admin/countries/site/world_heritage_import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import the World Heritage List"),
                "opts": self.opts,
                "errors": str(error).splitlines() if error else [],
                "report": report,
                **context,
            },
        )


def _site_field_label(name):
    try:
        return str(Site._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


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
    search_fields = [*get_translation_fields("name", "city"), "acronym"]
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
