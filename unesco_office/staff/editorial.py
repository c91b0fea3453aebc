"""The editorial workflow in the admin, for every public record (mixed into ContentAdmin).

- Preview: the change form's "Preview" button posts the form, unsaved, to `<id>/preview/`
  (`add/preview/` for a new record), which shows the record's public page with that content.
  The form is saved in a transaction that is rolled back once the page is rendered: the
  page is drawn by the record's own view and template, translations and many-to-many
  choices included, and nothing is kept (a newly chosen image is not stored: the page keeps
  the saved one and says so). A GET of `<id>/preview/` shows the record as saved.
- Share links (`<id>/share/`): create one for a chosen time (at most 14 days), revoke it.
- Review: "Save and submit for review" on a draft's form; publishers decide at `<id>/review/`.
- Compare: `<id>/history/compare/?old=<version>&new=<version>`, from the history page.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.models import Version

from unesco_office.core.cache import changes_discarded
from unesco_office.core.models import Publishable
from unesco_office.core.text import refuse_control_characters
from unesco_office.models import AuditEntry, ReviewRequest, ShareLink
from unesco_office.public.preview import Preview, private, render_preview
from unesco_office.staff import audit, review
from unesco_office.staff.compare import compare_versions

SHARE_DAYS = [1, 3, 7, 14]


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("For"),
        max_length=200,
        required=False,
        validators=[refuse_control_characters],
        help_text=ShareLink._meta.get_field("label").help_text,
    )
    days = forms.TypedChoiceField(
        label=_("Works for"),
        coerce=int,
        initial=7,
        choices=[
            (days, ngettext("%(days)d day", "%(days)d days", days) % {"days": days})
            for days in SHARE_DAYS
        ],
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the editor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Needed to ask for changes; sent with an approval too, if given."),
    )


class ReviewFilter(admin.SimpleListFilter):
    """Drafts awaiting a publisher's review, and those sent back with changes to make."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", _("Awaiting review")),
            ("changes-requested", _("Changes requested")),
        ]

    def queryset(self, request, queryset):
        drafts = queryset.filter(status=Publishable.Status.DRAFT)
        match self.value():
            case "awaiting":
                return drafts.filter(awaiting_review=True)
            case "changes-requested":
                sent_back = ReviewRequest.objects.filter(
                    content_type=ContentType.objects.get_for_model(queryset.model),
                    object_id=OuterRef("pk"),
                    state=ReviewRequest.State.CHANGES_REQUESTED,
                )
                return drafts.filter(Exists(sent_back), awaiting_review=False)
        return queryset


class EditorialAdminMixin:
    change_form_template = "admin/content_change_form.html"
    object_history_template = "reversion/content_object_history.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("add/preview/", view(self.preview_view), name=f"{prefix}_preview_new"),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/share/", view(self.share_view), name=f"{prefix}_share"),
            path("<path:object_id>/review/", view(self.review_view), name=f"{prefix}_review"),
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{prefix}_compare",
            ),
            *super().get_urls(),
        ]

    def _url(self, view, *args):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=[quote(arg) for arg in args],
        )

    def _record_or_redirect(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return None, self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return obj, None

    # The list: what awaits review

    def get_queryset(self, request):
        awaiting = ReviewRequest.objects.awaiting().filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(awaiting_review=Exists(awaiting))

    # The change form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        can_edit = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        is_draft = obj is None or obj.status == Publishable.Status.DRAFT
        rounds = list(obj.reviews.select_related("requested_by", "decided_by")[:1]) if obj else []
        latest = rounds[0] if rounds else None
        context.update(
            show_preview=can_edit and not context.get("is_popup"),
            preview_form_url=self._url("preview", obj.pk) if obj else self._url("preview_new"),
            preview_url=self._url("preview", obj.pk) if obj else "",
            share_url=self._url("share", obj.pk) if obj and can_edit else "",
            preview_languages=settings.LANGUAGES,
            current_language=translation.get_language(),
            can_submit_for_review=can_edit
            and is_draft
            and not (latest and latest.state == ReviewRequest.State.AWAITING),
            latest_review=latest if is_draft else None,
            review_url=self._url("review", obj.pk)
            if obj and self.has_publish_permission(request)
            else "",
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_for_review" in request.POST:
            self._submit_for_review(request, obj)
            return redirect(self._url("change", obj.pk))
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            self._submit_for_review(request, obj)
            return redirect(self._url("change", obj.pk))
        return super().response_change(request, obj)

    def _submit_for_review(self, request, obj):
        try:
            submitted = review.submit(obj, request.user)
        except review.ReviewError as error:
            messages.warning(request, str(error))
            return
        sent = review.mail_publishers(request, submitted)
        if sent is None:
            messages.warning(
                request,
                _("Submitted for review, but the email to the publishers could not be sent."),
            )
        elif sent == 0:
            messages.warning(
                request,
                _("Submitted for review. No publisher has an email address: tell them yourself."),
            )
        else:
            messages.success(
                request,
                ngettext(
                    "Submitted for review: %(count)d publisher has been told by email.",
                    "Submitted for review: %(count)d publishers have been told by email.",
                    sent,
                )
                % {"count": sent},
            )

    # Preview

    def preview_view(self, request, object_id=None):
        obj = None
        if object_id is not None:
            obj, redirect_response = self._record_or_redirect(request, object_id)
            if obj is None:
                return redirect_response
        language = self._preview_language(request)
        if request.method == "POST":
            allowed = (
                self.has_change_permission(request, obj)
                if obj
                else self.has_add_permission(request)
            )
            if not allowed:
                raise PermissionDenied
            return self._preview_form(request, obj, language)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        if obj is None:
            return redirect(self._url("add"))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        with translation.override(language):
            return render_preview(request, obj, Preview(source=Preview.SAVED))

    def _preview_language(self, request):
        code = request.POST.get("_preview_language") or request.GET.get("language")
        return code if code in dict(settings.LANGUAGES) else translation.get_language()

    def _preview_form(self, request, obj, language):
        fieldsets = self.get_fieldsets(request, obj)
        form_class = self.get_form(
            request, obj, change=obj is not None, fields=flatten_fieldsets(fieldsets)
        )
        form = form_class(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return private(
                TemplateResponse(
                    request,
                    "admin/content_preview_invalid.html",
                    {
                        **self.admin_site.each_context(request),
                        "title": _("The preview cannot be shown"),
                        "opts": self.opts,
                        "original": obj,
                        "problems": self._form_problems(form),
                    },
                    status=400,
                )
            )
        with transaction.atomic(), changes_discarded():
            record = form.save(commit=False)
            image_pending = self._keep_stored_image(record, form)
            record.save()
            form.save_m2m()
            with translation.override(language):
                response = render_preview(
                    request, record, Preview(source=Preview.FORM, image_pending=image_pending)
                )
            transaction.set_rollback(True)
        return response

    @staticmethod
    def _form_problems(form):
        problems = [("", error) for error in form.non_field_errors()]
        for name, errors in form.errors.items():
            if name in form.fields:
                label = form.fields[name].label or name
                problems.extend((label, error) for error in errors)
        return problems

    @staticmethod
    def _keep_stored_image(record, form):
        """A file chosen in the form is not stored by a preview: the page keeps the saved
        image (or none). True when there was such a file."""
        upload = form.cleaned_data.get("image")
        if "image" not in form.changed_data or not isinstance(upload, UploadedFile):
            return False
        stored = (
            type(record)
            ._base_manager.filter(pk=record.pk)
            .values("image", "image_width", "image_height")
            if record.pk
            else []
        )
        saved = next(iter(stored), {"image": "", "image_width": None, "image_height": None})
        record.image = saved["image"]
        record.image_width, record.image_height = saved["image_width"], saved["image_height"]
        return True

    # Share links

    def share_view(self, request, object_id):
        obj, redirect_response = self._record_or_redirect(request, object_id)
        if obj is None:
            return redirect_response
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        links = ShareLink.objects.for_record(obj).select_related("created_by")
        form = ShareLinkForm(request.POST if "create" in request.POST else None)
        if request.method == "POST":
            if "revoke" in request.POST:
                self._revoke_share_link(request, obj, links, request.POST["revoke"])
                return redirect(self._url("share", obj.pk))
            if form.is_valid():
                self._create_share_link(request, obj, form.cleaned_data)
                return redirect(self._url("share", obj.pk))
        return private(
            TemplateResponse(
                request,
                "admin/content_share_links.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Share links: %(record)s") % {"record": obj},
                    "opts": self.opts,
                    "original": obj,
                    "form": form,
                    "links": [(link, self._share_link_urls(request, link)) for link in links],
                    "max_days": ShareLink.MAX_DAYS,
                },
            )
        )

    @staticmethod
    def _revoke_share_link(request, obj, links, link_id):
        link = links.filter(pk=_int(link_id), revoked_at=None).first()
        if link is not None:
            link.revoked_at = timezone.now()
            link.save(update_fields=["revoked_at"])
            audit.record(AuditEntry.Action.SHARE_REVOKED, obj, detail=link.label)
            messages.success(request, _("The link is revoked: it opens nothing now."))

    @staticmethod
    def _create_share_link(request, obj, data):
        days = data["days"]
        now = timezone.now()
        link = ShareLink.objects.create(
            record=obj,
            label=data["label"],
            created_by=request.user,
            created_at=now,
            expires_at=now + datetime.timedelta(days=days),
        )
        detail = ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
        if link.label:
            detail = f"{link.label}, {detail}"
        audit.record(AuditEntry.Action.SHARED, obj, detail=detail)
        messages.success(request, _("Share link created: copy it from the list below and send it."))

    @staticmethod
    def _share_link_urls(request, link):
        """(language, address) of an active link's page in each language; none once it is
        revoked or expired."""
        if not link.is_active:
            return []
        urls = []
        for code, name in settings.LANGUAGES:
            with translation.override(code):
                urls.append((name, request.build_absolute_uri(link.get_absolute_url())))
        return urls

    # Review

    def review_view(self, request, object_id):
        obj, redirect_response = self._record_or_redirect(request, object_id)
        if obj is None:
            return redirect_response
        if not (self.has_publish_permission(request) and self.has_change_permission(request, obj)):
            raise PermissionDenied
        rounds = obj.reviews.select_related("requested_by", "decided_by")
        awaiting = next((r for r in rounds if r.state == ReviewRequest.State.AWAITING), None)
        form = ReviewForm(request.POST or None)
        if request.method == "POST" and awaiting is None:
            messages.info(request, _("Nothing awaits review here any more."))
            return redirect(self._url("change", obj.pk))
        if request.method == "POST" and form.is_valid() and self._decide(request, awaiting, form):
            return redirect(self._url("change", obj.pk))
        return private(
            TemplateResponse(
                request,
                "admin/content_review.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Review: %(record)s") % {"record": obj},
                    "opts": self.opts,
                    "original": obj,
                    "awaiting": awaiting,
                    "rounds": rounds,
                    "form": form,
                    "preview_url": self._url("preview", obj.pk),
                    "history_url": self._url("history", obj.pk),
                },
            )
        )

    @staticmethod
    def _decide(request, awaiting, form):
        """Approve the round awaiting review, or ask for changes, as the form says, and tell
        the editor; whether it was decided (else the form holds why not)."""
        comment = form.cleaned_data["comment"]
        try:
            if "_approve" in request.POST:
                review.approve(awaiting, request.user, comment)
                done = _("Approved and published.")
            elif "_request_changes" in request.POST:
                review.request_changes(awaiting, request.user, comment)
                done = _("Changes requested.")
            else:
                raise review.ReviewError(_("Choose to approve or to ask for changes."))
        except review.ReviewError as error:
            form.add_error("comment", str(error))
            return False
        except ValidationError as error:
            form.add_error(None, error)
            return False
        sent = review.mail_editor(request, awaiting)
        if sent is None:
            done += " " + str(_("The email to the editor could not be sent."))
        elif sent:
            done += " " + str(_("The editor has been told by email."))
        messages.success(request, done)
        return True

    # Compare two versions

    def history_view(self, request, object_id, extra_context=None):
        """django-reversion's history, each version with its id for the compare form."""
        extra_context = {"compare_url": self._url("compare", unquote(object_id))} | (
            extra_context or {}
        )
        response = super().history_view(request, object_id, extra_context)
        actions = getattr(response, "context_data", {}).get("action_list") or []
        for action in actions:
            action["version_id"] = resolve(action["url"]).args[-1]
        if len(actions) > 1:
            actions[-2]["is_old"] = actions[-1]["is_new"] = True
        return response

    def compare_view(self, request, object_id):
        obj, redirect_response = self._record_or_redirect(request, object_id)
        if obj is None:
            return redirect_response
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        old = versions.filter(pk=_int(request.GET.get("old"))).first()
        new = versions.filter(pk=_int(request.GET.get("new"))).first()
        if old is None or new is None or old == new:
            messages.error(request, _("Choose two different versions of this record to compare."))
            return redirect(self._url("history", obj.pk))
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        return TemplateResponse(
            request,
            "reversion/content_compare.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Changes in %(record)s") % {"record": obj},
                "opts": self.opts,
                "original": obj,
                "old": old,
                "new": new,
                "changes": compare_versions(self.model, old, new),
                "history_url": self._url("history", obj.pk),
                "restore_url": self._url("revision", obj.pk, old.pk)
                if self.has_publish_permission(request)
                else "",
            },
        )


def _int(value):
    """A database id from a query string or form, or None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None
