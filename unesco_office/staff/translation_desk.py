"""The translation desk in the admin (see unesco_office.staff.translations): a filter and a
column of flags on every content list, a translate view per record and language, links on
the change form, and, with REQUIRE_COMPLETE_TRANSLATIONS, no publication before every
translation is done. Mixed into ContentAdmin."""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unesco_office.core.models import Publishable
from unesco_office.public.preview import private
from unesco_office.staff import translations
from unesco_office.staff.translations import Status

FLAGS = {
    Status.MISSING: "✗",
    Status.OUT_OF_DATE: "!",
    Status.UP_TO_DATE: "✓",
}


class NeedsTranslationFilter(admin.SimpleListFilter):
    title = gettext_lazy("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (code, _("Needs translation: %(language)s") % {"language": _(name)})
            for code, name in translations.translated_languages()
        ]

    def queryset(self, request, queryset):
        if self.value() in dict(translations.translated_languages()):
            return queryset.filter(translations.needs_translation(queryset.model, self.value()))
        return queryset


class TranslationDeskMixin:
    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsTranslationFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translation_flags"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translation_sources")

    @admin.display(description=gettext_lazy("translations"))
    def translation_flags(self, obj):
        """One flag a language, with what it means for screen readers and on hover."""
        flags = []
        for code, name in translations.translated_languages():
            statuses = translations.field_statuses(obj, code, obj.translation_sources.all())
            status = translations.language_status(statuses)
            flags.append(
                (
                    reverse(self._translate_url_name(), args=[obj.pk, code]),
                    f"translation-flag translation-flag--{status}",
                    f"{_(name)}: {status.label}",
                    code.split("-")[0].upper(),
                    FLAGS[status],
                )
            )
        return format_html_join(
            " ",
            '<a href="{}" class="{}" title="{}" aria-label="{}">{} {}</a>',
            ((url, cls, label, label, code, flag) for url, cls, label, code, flag in flags),
        )

    def _translate_url_name(self):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_translate"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/translate/<str:language>/",
                self.admin_site.admin_view(self.translate_view),
                name=f"{prefix}_translate",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["translation_links"] = self.translation_links(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def translation_links(self, obj):
        """(url, language name, status) of the translate view of each language."""
        sources = obj.translation_sources.all()
        return [
            (
                reverse(self._translate_url_name(), args=[obj.pk, code]),
                _(name),
                translations.language_status(translations.field_statuses(obj, code, sources)),
            )
            for code, name in translations.translated_languages()
        ]

    def translate_view(self, request, object_id, language):
        if language not in dict(translations.translated_languages()):
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        fields = translations.translated_fields(self.model)
        form_class = modelform_factory(
            self.model,
            fields=[translations.column(field, language) for field in fields],
            form=TranslationForm,
        )
        form = form_class(request.POST or None, instance=obj, language=language)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic(), reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(
                    _("Translated into %(language)s")
                    % {"language": _(dict(settings.LANGUAGES)[language])}
                )
                try:
                    form.save()
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    translations.confirm(obj, language, form.confirmed())
                    messages.success(request, _("The translation is saved."))
                    return redirect(reverse(self._translate_url_name(), args=[obj.pk, language]))
        statuses = {s.field: s for s in translations.field_statuses(obj, language)}
        rows = [
            {
                "label": self.model._meta.get_field(field).verbose_name,
                "status": statuses.get(field),
                "field": form[translations.column(field, language)],
                "confirm": form[f"confirm_{field}"] if f"confirm_{field}" in form.fields else None,
                "rich": field in form.rich_fields,
            }
            for field in fields
        ]
        return private(
            TemplateResponse(
                request,
                "admin/content_translate.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Translate into %(language)s: %(record)s")
                    % {"language": _(dict(settings.LANGUAGES)[language]), "record": obj},
                    "opts": self.opts,
                    "original": obj,
                    "form": form,
                    "rows": rows,
                    "language": language,
                    "links": self.translation_links(obj),
                    "change_url": reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                        args=[obj.pk],
                    ),
                },
            )
        )

    # Publishing, when translations are required first

    def publishing_problem(self, obj):
        """Why `obj` may not be published yet (REQUIRE_COMPLETE_TRANSLATIONS), or None."""
        if not settings.REQUIRE_COMPLETE_TRANSLATIONS:
            return None
        needed = translations.untranslated(obj)
        return translations.untranslated_message(needed) if needed else None

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not settings.REQUIRE_COMPLETE_TRANSLATIONS:
            return form

        class TranslatedBeforePublished(form):
            def _post_clean(self):
                super()._post_clean()
                if self.instance.status != Publishable.Status.PUBLISHED:
                    return
                if needed := translations.untranslated(
                    self.instance, written=set(self.changed_data)
                ):
                    self.add_error(None, translations.untranslated_message(needed))

        return TranslatedBeforePublished


class TranslationForm(forms.ModelForm):
    """One language's columns of a record's translated fields; a check box for each field
    whose translation is out of date, to say it still reads right."""

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.rich_fields = set()
        for status in translations.field_statuses(self.instance, language):
            if status.status == Status.OUT_OF_DATE:
                self.fields[f"confirm_{status.field}"] = forms.BooleanField(
                    required=False,
                    label=_("The translation still says what the English says now"),
                )
        for field in translations.translated_fields(type(self.instance)):
            name = translations.column(field, language)
            if "prose" in type(self.fields[name].widget).__name__.lower():
                self.rich_fields.add(field)

    def confirmed(self):
        """The fields whose out-of-date translation staff checked and kept as it is."""
        return [
            name.removeprefix("confirm_")
            for name, value in self.cleaned_data.items()
            if name.startswith("confirm_")
            and value
            and translations.column(name.removeprefix("confirm_"), self.language)
            not in self.changed_data
        ]


def translation_counts(models):
    """[(model, language name, how many of its records need translating)], for the admin's
    home: one query a model."""
    counts = []
    languages = translations.translated_languages()
    for model in models:
        found = model.objects.aggregate(
            **{
                code.replace("-", "_"): Count(
                    "pk", filter=translations.needs_translation(model, code)
                )
                for code, _name in languages
            }
        )
        for code, name in languages:
            if number := found[code.replace("-", "_")]:
                counts.append((model, code, _(name), number))
    return counts
