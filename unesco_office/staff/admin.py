"""The admin is the office's CMS: shared behaviour for every publishable, illustrated record.

Translated fields (see each app's translation.py) appear once per language: "name [en]",
"name [fr]", "name [zh-hans]". English is required where the field is; the other languages
may stay empty and then show the English text. The forms use modeltranslation's plain
TranslationAdmin: its tabbed variant loads jQuery UI from a CDN, which the site's
Content-Security-Policy (and its no-external-requests budget) rules out.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.templatetags.static import static
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin
from reversion.models import Version

from unesco_office.core.models import Publishable
from unesco_office.models import AuditEntry
from unesco_office.staff import audit
from unesco_office.staff.editorial import EditorialAdminMixin, ReviewFilter
from unesco_office.staff.translation_desk import TranslationDeskMixin

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


class StoredKeysOnly:
    """Django's autocomplete widgets look up the records a refused form was sent, to show
    them again, and fail with a server error on a key that cannot be one ("1.0", "abc").
    Only keys of the related records' kind are looked up (one past the database's integers
    finds nothing: see unesco_office.core.lookups); the field's own message says what is
    wrong with the others."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [key for key in value if self.could_be_key(key)], attr)

    def could_be_key(self, key):
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname))
        try:
            target.to_python(key)
        except ValidationError:
            return False
        return True


class StoredKeysAutocompleteSelect(StoredKeysOnly, AutocompleteSelect):
    pass


class StoredKeysAutocompleteSelectMultiple(StoredKeysOnly, AutocompleteSelectMultiple):
    pass


class ContentAdmin(TranslationDeskMixin, EditorialAdminMixin, TranslationAdmin, VersionAdmin):
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StoredKeysAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StoredKeysAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

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
        refused = []
        with audit.acting(via=AuditEntry.Via.BULK_ACTION):
            for obj in queryset.exclude(status=status):
                if status == Publishable.Status.PUBLISHED and (
                    problem := self.publishing_problem(obj)
                ):
                    refused.append(f"{obj}: {problem}")
                    continue
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
        for problem in refused:
            self.message_user(request, problem, messages.ERROR)

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
