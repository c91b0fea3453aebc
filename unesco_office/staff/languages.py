"""The admin in the staff member's language: the one they chose (StaffPreference), else the
one their browser asks for, among the site's languages.

The choice is copied into the session when staff sign in or change it, so that reading it
costs an admin page nothing more than the session it reads anyway.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from unesco_office.models import StaffPreference

SESSION_KEY = "staff_language"


def staff_language(request):
    """The language of an admin page for this request."""
    session = getattr(request, "session", None)
    chosen = session.get(SESSION_KEY) if session is not None else None
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return translation.get_language_from_request(request, check_path=False)


def remember_on_sign_in(sender, request, user, **kwargs):
    """Connected to user_logged_in: the staff member's choice, into their new session."""
    preference = StaffPreference.objects.filter(user=user).first()
    request.session[SESSION_KEY] = preference.language if preference else ""


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the admin"),
        choices=[("", gettext_lazy("The one my browser asks for")), *settings.LANGUAGES],
        required=False,
        widget=forms.RadioSelect,
    )


class LanguageView(View):
    """Where staff choose the language of their admin."""

    admin_site = None

    def get(self, request):
        preference = StaffPreference.objects.filter(user=request.user).first()
        form = LanguageForm(initial={"language": preference.language if preference else ""})
        return self.page(request, form)

    def post(self, request):
        form = LanguageForm(request.POST)
        if not form.is_valid():
            return self.page(request, form)
        language = form.cleaned_data["language"]
        StaffPreference.objects.update_or_create(user=request.user, defaults={"language": language})
        request.session[SESSION_KEY] = language
        translation.activate(staff_language(request))
        messages.success(request, _("The admin now speaks the language you chose."))
        return redirect(reverse("admin:language", current_app=self.admin_site.name))

    def page(self, request, form):
        return TemplateResponse(
            request,
            "admin/staff_language.html",
            {**self.admin_site.each_context(request), "title": _("Language"), "form": form},
        )
