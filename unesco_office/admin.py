"""The admin is the office's CMS: shared behaviour for every publishable, illustrated record."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from .models import OfficeProfile, Publishable

IMAGE_FIELDSET = (
    _("Image"),
    {
        "fields": ["image", "image_preview", "image_alt", "image_caption", "image_credit"],
        "classes": ["collapse"],
    },
)
PUBLISHING_FIELDSET = (_("Publishing"), {"fields": ["status", "published_at"]})


class VisibilityFilter(admin.SimpleListFilter):
    """Status as visitors experience it: live, scheduled, or draft."""

    title = _("visibility")
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", _("Live")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Publishable.Status.PUBLISHED)
        match self.value():
            case "live":
                return queryset.filter(published, published_at__lte=now)
            case "scheduled":
                return queryset.filter(published, published_at__gt=now)
            case "draft":
                return queryset.filter(status=Publishable.Status.DRAFT)
        return queryset


@admin.display(description=_("visibility"))
def visibility(obj):
    if obj.is_public:
        return format_html('<span title="{}">✅ {}</span>', obj.published_at, _("Live"))
    if obj.is_scheduled:
        return format_html('<span title="{}">🕒 {}</span>', obj.published_at, _("Scheduled"))
    return format_html("<span>✏️ {}</span>", _("Draft"))


class ContentAdmin(VersionAdmin):
    """Publishing rights, bulk publishing, image preview and history for a content model.

    Editors (without the model's ``publish_<model>`` permission) may write drafts but see the
    status and publication time read-only, cannot run the publishing actions and cannot
    restore old or deleted versions.
    """

    actions = ["publish", "unpublish"]
    show_facets = admin.ShowFacets.ALWAYS
    list_per_page = 50
    save_on_top = True
    change_list_template = "admin/content_change_list.html"

    def publish_permission_name(self):
        opts = self.model._meta
        return f"{opts.app_label}.publish_{opts.model_name}"

    def has_publish_permission(self, request):
        return request.user.has_perm(self.publish_permission_name())

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "image_preview"]
        if not self.has_publish_permission(request):
            fields += ["status", "published_at"]
        return fields

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if not obj or not obj.image:
            return _("No image yet. A preview appears here once the record is saved.")
        return format_html(
            '<img src="{}" alt="{}" width="240">',
            obj.image_small.url,
            obj.image_alt,
        )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        if not obj.image:
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
        for obj in queryset.exclude(status=status):
            obj.status = status
            obj.save(update_fields=["status", "published_at", "updated_at"])
            self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
            changed += 1
        verb = _("published") if status == Publishable.Status.PUBLISHED else _("unpublished")
        self.message_user(
            request,
            ngettext("%(count)d record %(verb)s.", "%(count)d records %(verb)s.", changed)
            % {"count": changed, "verb": verb},
            messages.SUCCESS,
        )

    # Restoring an earlier or deleted version is a publishing decision.
    def _require_publisher(self, request):
        if not self.has_publish_permission(request):
            raise PermissionDenied

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            self._require_publisher(request)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._require_publisher(request)
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        self._require_publisher(request)
        return super().recoverlist_view(request, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_recover": self.has_publish_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


@admin.register(OfficeProfile)
class OfficeProfileAdmin(VersionAdmin):
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
