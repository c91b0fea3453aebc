"""The admin of the project app's own records: the office profile, the audit trail and the
accounts the login throttle locked (the site search's are in unesco_office.staff.search). The bases every content record's admin
shares are in unesco_office.staff."""

from axes.models import AccessAttempt
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from unesco_office.models import (
    AccountLock,
    AuditEntry,
    OfficeProfile,
    PromotedResult,
    SearchMiss,
    SearchSynonym,
)
from unesco_office.staff.search import PromotedResultAdmin, SearchMissAdmin, SearchSynonymAdmin

admin.site.register(SearchSynonym, SearchSynonymAdmin)
admin.site.register(PromotedResult, PromotedResultAdmin)
admin.site.register(SearchMiss, SearchMissAdmin)


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


@admin.register(AccountLock)
class AccountLockAdmin(admin.ModelAdmin):
    """Accounts the login throttle locked from every address (staff/login_throttle.py), for
    superusers: deleting a lock unlocks the account now, forgets its failed sign-ins and
    starts the delay of its next lock again from the shortest."""

    list_display = ["username", "is_locked", "locked_until", "lockouts"]
    search_fields = ["username"]
    ordering = ["-locked_until"]
    show_facets = admin.ShowFacets.NEVER

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("locked now"), boolean=True)
    def is_locked(self, lock):
        return lock.is_locked

    def delete_model(self, request, obj):
        AccessAttempt.objects.filter(username=obj.username).delete()
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        usernames = list(queryset.values_list("username", flat=True))
        AccessAttempt.objects.filter(username__in=usernames).delete()
        super().delete_queryset(request, queryset)
