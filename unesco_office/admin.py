"""The admin is the office's CMS: shared behaviour for every publishable, illustrated record.

Translated fields (see each app's translation.py) appear once per language: "name [en]",
"name [fr]", "name [zh-hans]". English is required where the field is; the other languages
may stay empty and then show the English text. The forms use modeltranslation's plain
TranslationAdmin: its tabbed variant loads jQuery UI from a CDN, which the site's
Content-Security-Policy (and its no-external-requests budget) rules out.
"""

import csv
import zipfile

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version
from tablib import InvalidDimensions

from . import audit, uploads
from .editorial import EditorialAdminMixin, ReviewFilter
from .models import AuditEntry, OfficeProfile, Publishable
from .resources import FORMATS

IMAGE_FIELDSET = (
    _("Image"),
    {
        "fields": ["image", "image_preview", "image_alt", "image_caption", "image_credit"],
        "classes": ["collapse"],
    },
)
PUBLISHING_FIELDS = ["status", "published_at", "unpublish_at"]
PUBLISHING_FIELDSET = (_("Publishing"), {"fields": PUBLISHING_FIELDS})


class VisibilityFilter(admin.SimpleListFilter):
    """Status as visitors experience it: live (perhaps with an unpublish time to come),
    scheduled, expired, or draft."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [
            ("live", _("Live")),
            ("expiring", _("Live, unpublish time set")),
            ("scheduled", _("Scheduled")),
            ("expired", _("Expired")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Publishable.Status.PUBLISHED)
        expired = Q(unpublish_at__lte=now)
        match self.value():
            case "live":
                return queryset.published()
            case "expiring":
                return queryset.published().filter(unpublish_at__isnull=False)
            case "scheduled":
                return queryset.filter(published, published_at__gt=now).exclude(expired)
            case "expired":
                return queryset.filter(published, expired)
            case "draft":
                return queryset.filter(status=Publishable.Status.DRAFT)
        return queryset


VISIBILITY_ICONS = {
    "live": "icon-yes.svg",
    "scheduled": "icon-clock.svg",
    "expired": "icon-no.svg",
    "draft": "icon-no.svg",
}


@admin.display(description=_("visibility"))
def visibility(obj):
    if obj.is_public:
        state, label = "live", _("Live")
        if obj.unpublish_at:
            label = _("Live until %(time)s") % {
                "time": formats.date_format(timezone.localtime(obj.unpublish_at), "DATETIME_FORMAT")
            }
    elif obj.is_scheduled:
        state, label = "scheduled", _("Scheduled")
    elif obj.is_expired:
        state, label = "expired", _("Expired")
    elif getattr(obj, "awaiting_review", False):
        state, label = "draft", _("Draft, awaiting review")
    else:
        state, label = "draft", _("Draft")
    return format_html(
        '<span title="{}"><img src="{}" alt="" width="13" height="13"> {}</span>',
        obj.published_at or "",
        static(f"admin/img/{VISIBILITY_ICONS[state]}"),
        label,
    )


class IllustratedAdminForm(forms.ModelForm):
    """Browsers never send a chosen file again: when a form with a new upload is refused for
    another reason, say so on the image field instead of silently dropping the upload."""

    def full_clean(self):
        super().full_clean()
        if (
            self.is_bound
            and self._errors
            and "image" in self.fields
            and self.add_prefix("image") in self.files
            and "image" not in self._errors
        ):
            self.add_error(
                "image",
                _("Not saved: choose the file again once the other fields are corrected."),
            )


class ContentAdmin(EditorialAdminMixin, TranslationAdmin, VersionAdmin):
    """Publishing rights, bulk publishing, image preview, translations and history; the
    editorial workflow (preview, share links, review, compare) is EditorialAdminMixin's.

    Editors (without the model's ``publish_<model>`` permission) may write drafts but see the
    status and publication time read-only, cannot run the publishing actions and cannot
    restore old or deleted versions. A version holds every language, so restoring one brings
    back its translations too.

    Search translated texts in every language: `get_translation_fields("name")` lists
    name_en, name_fr, name_zh_hans (a plain "name" would search the English column only).
    """

    actions = ["publish", "unpublish"]
    show_facets = admin.ShowFacets.ALWAYS
    list_per_page = 50
    save_on_top = True
    change_list_template = "admin/content_change_list.html"
    form = IllustratedAdminForm

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ReviewFilter]

    def publish_permission_name(self):
        opts = self.model._meta
        return f"{opts.app_label}.publish_{opts.model_name}"

    def has_publish_permission(self, request):
        return request.user.has_perm(self.publish_permission_name())

    def has_change_permission(self, request, obj=None):
        """Editors change drafts; a live or scheduled record changes only through a publisher."""
        locked = obj is not None and obj.status != Publishable.Status.DRAFT
        if locked and not self.has_publish_permission(request):
            return False
        return super().has_change_permission(request, obj)

    def view_on_site(self, obj):
        """Only records visitors can see link to the site; a draft's page would be a 404."""
        return obj.get_absolute_url() if obj.is_public else None

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "image_preview"]
        if not self.has_publish_permission(request):
            fields += PUBLISHING_FIELDS
        return fields

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if not obj or not obj.image or not obj.image._committed:
            return _("No image yet. A preview appears here once the record is saved.")
        return format_html(
            '<img src="{}" alt="{}" width="240">',
            obj.image_small.url,
            obj.image_alt,
        )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        if not obj.image or not obj.image._committed:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="64">',
            obj.image_small.url,
            obj.image_alt,
        )

    @admin.action(
        permissions=["publish"], description=_("Publish selected %(verbose_name_plural)s")
    )
    def publish(self, request, queryset):
        self._set_status(request, queryset, Publishable.Status.PUBLISHED)

    @admin.action(
        permissions=["publish"], description=_("Unpublish selected %(verbose_name_plural)s")
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Publishable.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = 0
        status_label = capfirst(Publishable._meta.get_field("status").verbose_name)
        with audit.acting(via=AuditEntry.Via.BULK_ACTION):
            for obj in queryset.exclude(status=status):
                obj.status = status
                obj.save(update_fields=["status", "published_at", "updated_at"])
                self.log_change(request, obj, [{"changed": {"fields": [str(status_label)]}}])
                changed += 1
        name = model_ngettext(self.opts, changed)
        if status == Publishable.Status.PUBLISHED:
            message = ngettext(
                "%(count)d %(name)s published.", "%(count)d %(name)s published.", changed
            )
        else:
            message = ngettext(
                "%(count)d %(name)s unpublished.", "%(count)d %(name)s unpublished.", changed
            )
        self.message_user(request, message % {"count": changed, "name": name}, messages.SUCCESS)

    # Restoring an earlier or deleted version is a publishing decision.
    def _require_publisher(self, request):
        if not self.has_publish_permission(request):
            raise PermissionDenied

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_publish_permission(request):
            if request.method == "POST":
                raise PermissionDenied
            # Editors may look at an earlier version, but there is nothing for them to save.
            messages.info(request, _("Only publishers can restore an earlier version."))
            extra_context = {
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
                "show_delete_link": False,
                **(extra_context or {}),
            }
        detail = _restored_detail(version_id, _("the version saved on %(time)s"))
        with audit.acting(
            via=AuditEntry.Via.HISTORY, action=AuditEntry.Action.RESTORED, detail=detail
        ):
            return super().revision_view(request, object_id, version_id, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # django-reversion reverts the whole revision: every record saved together with this
        # one (a bulk action, an import) would silently go back too. Restore this record only.
        version.revision.revert = lambda delete=False: self.revert_version(version)
        return super()._reversion_revisionform_view(request, version, template_name, extra_context)

    def revert_version(self, version):
        """Put the record back as `version` holds it (before the form saves it again)."""
        version.revert()

    def recover_view(self, request, version_id, extra_context=None):
        self._require_publisher(request)
        detail = _restored_detail(version_id, _("deleted; brought back as saved on %(time)s"))
        with audit.acting(
            via=AuditEntry.Via.HISTORY, action=AuditEntry.Action.RESTORED, detail=detail
        ):
            return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        self._require_publisher(request)
        return super().recoverlist_view(request, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_recover": self.has_publish_permission(request),
            "object_tools": self.get_object_tools(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_object_tools(self, request):
        """Extra buttons above the list, as (url, label) pairs."""
        return []


def _restored_detail(version_id, text):
    """What an audit entry says about a restore: the time of the version brought back."""
    version = Version.objects.filter(pk=version_id).select_related("revision").first()
    if version is None:
        return ""
    when = formats.date_format(timezone.localtime(version.revision.date_created), "Y-m-d H:i T")
    return str(text) % {"time": when}


def read_failure_message(error):
    """What to tell staff when an uploaded file cannot be read in the format chosen."""
    match error:
        case UnicodeDecodeError():
            problem = _(
                "This is not a CSV file in UTF-8: choose XLSX for a workbook, or save the "
                "sheet as “CSV UTF-8”."
            )
        case zipfile.BadZipFile() | EOFError() | KeyError():
            problem = _(
                "This is not an XLSX workbook, or it is damaged or incomplete (was the "
                "upload cut short?)."
            )
        case InvalidDimensions():
            problem = _("A row has more cells than the first row has column names.")
        case csv.Error():
            problem = _("This is not a readable CSV file (%(reason)s).") % {"reason": error}
        case _:
            problem = _("This file cannot be read in the format chosen (%(reason)s).") % {
                "reason": f"{type(error).__name__}: {error}"
            }
    return _("Nothing was imported. %(problem)s") % {"problem": problem}


class ImportFileForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > uploads.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": uploads.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class ContentImportExportMixin(ImportExportMixin):
    """CSV and XLSX import and export on a record's list; put it before ContentAdmin.

    The columns and the rules of a file (whole or nothing, rows named, editors' limits) are
    the record's resource's: see unesco_office.resources. Here: who may (import: add and
    change; export: view), the uploaded file kept between preview and confirmation (see
    unesco_office.uploads), one revision with the user for each import, and clear messages.
    Export takes the list as filtered and searched, every page of it.
    """

    formats = FORMATS
    # Keep ContentAdmin's list template, which shows these buttons beside its own.
    import_export_change_list_template = None
    import_template_name = "admin/content_import.html"
    import_form_class = ImportFileForm
    # Every column, always: the form that picks columns relies on an inline script.
    export_form_class = ExportForm
    export_template_name = "admin/content_export.html"
    tmp_storage_class = uploads.UploadStorage

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {"can_publish": self.has_publish_permission(request)}

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = response.context_data
        if request.method == "POST" and "confirm_form" not in context:
            # The preview found problems: there is nothing to confirm, nor a file to keep.
            upload = request.FILES.get("import_file")
            if token := getattr(upload, "tmp_storage_name", None):
                uploads.discard_upload(token, purpose=uploads.UploadStorage.purpose)
        result = context.get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            messages.error(request, self.problem_summary(result))
            context["problem_lines"] = list(self.problem_lines(result))
        return response

    def get_tmp_storage_class_kwargs(self):
        return {"model": self.opts.label_lower}

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", read_failure_message(e))

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirmation: read the file kept at the preview as the preview read it, and
        import it. django-import-export's own would fail with a server error on a confirm
        form that is incomplete, or asks for another format than the preview's (the storage
        refuses a token of another list or format), or on a file that no longer reads: each
        is refused here, with the import form to start again."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_confirm_form(request)
        try:
            input_format = self.confirmed_format(request, form)
            storage = self.get_tmp_storage_class()(
                name=form.cleaned_data["import_file_name"],
                encoding=None if input_format.is_binary() else self.from_encoding,
                read_mode=input_format.get_read_mode(),
                **self.get_tmp_storage_class_kwargs(),
            )
            data = storage.read()
        except uploads.StaleUploadError as error:
            messages.error(request, error.message)
            return redirect(self._import_url())
        try:
            dataset = input_format.create_dataset(data)
        except Exception as error:  # any failure to read is the file's, as on the preview
            storage.remove()
            messages.error(request, read_failure_message(error))
            return redirect(self._import_url())
        result = self.process_dataset(dataset, form, request, **kwargs)
        storage.remove()
        return self.process_result(result, request)

    def confirmed_format(self, request, form):
        """The format the confirm form names, if it is complete; it names the format and the
        resource by their indexes."""
        formats = self.get_import_formats()
        resources = ["", *map(str, range(len(self.get_import_resource_classes(request))))]
        if (
            not form.is_valid()
            or form.cleaned_data["format"] not in [str(i) for i in range(len(formats))]
            or form.cleaned_data["resource"] not in resources
        ):
            raise uploads.UploadMismatchError
        return formats[int(form.cleaned_data["format"])](encoding=self.from_encoding)

    def process_dataset(self, dataset, form, request, **kwargs):
        """The confirmed import: one revision, with the user, or nothing at all."""
        name = form.cleaned_data["original_file_name"]
        with (
            reversion.create_revision(),
            audit.acting(
                via=AuditEntry.Via.SPREADSHEET, action=AuditEntry.Action.IMPORTED, detail=name
            ),
        ):
            reversion.set_user(request.user)
            reversion.set_comment(f"Imported {name}")
            result = super().process_dataset(dataset, form, request, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The records changed between the preview and the confirmation.
            messages.error(request, self.problem_summary(result))
            for line in self.problem_lines(result):
                messages.error(request, line)
            return redirect(self._import_url())
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _("Imported: %(new)d new, %(updated)d changed, %(skipped)d unchanged %(name)s.")
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
                "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
                "name": self.opts.verbose_name_plural,
            },
        )

    def problem_summary(self, result):
        if result.base_errors:
            return _("Nothing was imported: the file's columns are not right.")
        rows = result.problem_rows
        return ngettext(
            "Nothing was imported: row %(rows)s has problems.",
            "Nothing was imported: rows %(rows)s have problems.",
            len(rows),
        ) % {"rows": ", ".join(map(str, rows))}

    def problem_lines(self, result):
        for error in result.base_errors:
            yield str(error.error)
        for row in result.invalid_rows:
            for field, problems in row.error_dict.items():
                for problem in problems:
                    if field == NON_FIELD_ERRORS:
                        yield _("Row %(row)d: %(problem)s") % {
                            "row": row.number,
                            "problem": problem,
                        }
                    else:
                        yield _("Row %(row)d, %(column)s: %(problem)s") % {
                            "row": row.number,
                            "column": field,
                            "problem": problem,
                        }
        for row in result.error_rows:
            for error in row.errors:
                yield _("Row %(row)d: %(problem)s") % {"row": row.number, "problem": error.error}

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["export_count"] = self.get_export_queryset(request).count()
        return context

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            messages.error(request, _("The list's filters are not valid: nothing was exported."))
            return redirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )

    def _import_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")


@admin.register(OfficeProfile)
class OfficeProfileAdmin(TranslationAdmin, VersionAdmin):
    fieldsets = [
        (None, {"fields": ["name", "short_name", "tagline", "year_established"]}),
        (_("Head of office"), {"fields": ["head_of_office", "head_title"]}),
        (_("Texts"), {"fields": ["intro", "history"]}),
        (_("Contact"), {"fields": ["address", "email", "phone", "website"]}),
        (
            _("Social media"),
            {
                "fields": [
                    "x_url",
                    "facebook_url",
                    "youtube_url",
                    "linkedin_url",
                    "weibo_url",
                    "wechat_id",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def has_add_permission(self, request):
        return not OfficeProfile.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is one profile: go straight to it (or to the form that creates it)."""
        profile = OfficeProfile.objects.first()
        if profile is None:
            return redirect(reverse("admin:unesco_office_officeprofile_add"))
        return redirect(reverse("admin:unesco_office_officeprofile_change", args=[profile.pk]))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, read-only: publishers (view permission) and superusers read it."""

    list_display = ["at", "user_column", "action", "record_link", "kind", "via", "detail"]
    list_filter = [
        "action",
        ("user", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "via",
        "at",
    ]
    date_hierarchy = "at"
    search_fields = ["object_repr", "username", "detail"]
    list_select_related = ["content_type", "user"]
    list_per_page = 100
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("user"), ordering="username")
    def user_column(self, entry):
        return entry.username or _("command line")

    @admin.display(description=_("kind of record"), ordering="content_type")
    def kind(self, entry):
        model = entry.content_type.model_class() if entry.content_type else None
        return capfirst(model._meta.verbose_name) if model else "—"

    @admin.display(description=_("record"), ordering="object_repr")
    def record_link(self, entry):
        model = entry.content_type.model_class() if entry.content_type else None
        if model is None or entry.action == AuditEntry.Action.DELETED:
            return entry.object_repr
        try:
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                args=[entry.object_id],
            )
        except NoReverseMatch:
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)
