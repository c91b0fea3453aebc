"""The office's admin site: Django's, with two-factor sign-in (see two_factor.py).

It replaces django.contrib.admin's default site (OfficeAdminConfig in apps.py), so every
`admin.site.register` and `@admin.register` in the apps registers here.
"""

from functools import update_wrapper
from urllib.parse import unquote

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from unesco_office.models import OfficeProfile
from unesco_office.staff import languages, search, two_factor
from unesco_office.staff.translation_desk import TranslationDeskMixin, translation_counts


class AdminLoginView(LoginView):
    """Django's login view, whose password step hands over to the second factor when needed."""

    def form_valid(self, form):
        user = form.get_user()
        step = two_factor.second_step(user)
        if step is None:
            return super().form_valid(form)
        two_factor.start_pending(self.request, user, self.get_success_url())
        return redirect(f"admin:login_{step}")


class OfficeAdminSite(admin.AdminSite):
    site_header = "unesco-office"
    site_title = "unesco-office admin"

    def each_context(self, request):
        """The office's name (its short name, else its name, from the office profile) heads
        every admin page, once staff have given it."""
        context = super().each_context(request)
        office = OfficeProfile.load()
        if name := office.short_name or office.name:
            context["site_header"] = name
            context["site_title"] = _("%(office)s admin") % {"office": name}
        return context

    def index(self, request, extra_context=None):
        """Django's home, with how many records of each kind need translating into each
        language (one query a kind), each a link to the list that shows them, and the
        searches that found nothing most often (one query)."""
        counts = []
        for model, code, language, count in translation_counts(self.desk_models(request)):
            opts = model._meta
            url = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist", current_app=self.name
            )
            counts.append((f"{url}?translation={code}", opts.verbose_name_plural, language, count))
        context = {"translation_counts": counts}
        if request.user.has_perm("unesco_office.view_searchmiss"):
            context["search_misses"] = search.misses()
            context["search_misses_url"] = reverse(
                "admin:unesco_office_searchmiss_changelist", current_app=self.name
            )
        return super().index(request, {**context, **(extra_context or {})})

    def desk_models(self, request):
        """The kinds of records with a translation desk that this user may see."""
        return [
            model
            for model, model_admin in self._registry.items()
            if isinstance(model_admin, TranslationDeskMixin)
            and model_admin.has_view_permission(request)
        ]

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        """AdminSite.login with AdminLoginView (Django's code, with that view)."""
        redirect_url = LoginView().get_redirect_url(request) or reverse(
            "admin:index", current_app=self.name
        )
        if request.method == "GET" and self.has_permission(request):
            return redirect(redirect_url)
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
            REDIRECT_FIELD_NAME: redirect_url,
            **(extra_context or {}),
        }
        request.current_app = self.name
        return AdminLoginView.as_view(
            next_page=reverse("admin:index", current_app=self.name),
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
        )(request)

    def password_change(self, request, extra_context=None):
        """Django's page, where a wrong current password counts as a failed sign-in of the
        user from this address (see login_throttle.py): whoever holds someone else's open
        session cannot try passwords on this form. Once the throttle locks the user name
        from this address, the session ends and the page says what is locked and for how
        long, as the sign-in page does."""
        credentials = {"username": request.user.get_username()}
        if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
            return self.locked_out(request, credentials)
        response = super().password_change(request, extra_context)
        form = getattr(response, "context_data", {}).get("form")
        if form is not None and form.has_error("old_password", "password_incorrect"):
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if not AxesProxyHandler.is_allowed(request, credentials):
                return self.locked_out(request, credentials)
        return response

    @staticmethod
    def locked_out(request, credentials):
        logout(request)
        return get_lockout_response(request, None, credentials)

    def admin_view(self, view, cacheable=False):
        """Every admin page also needs the second factor its user has or must have, and
        starts the session's idle time again (SESSION_IDLE_MINUTES): its session is saved,
        with a cookie that lasts that long from now. An address whose query holds a NUL
        character is a bad request: no page makes one, and PostgreSQL refuses it in any
        text it is asked to compare (a list's filters, a search for a related record)."""
        protected = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if "\x00" in unquote(request.META.get("QUERY_STRING", "")):
                raise SuspiciousOperation("A NUL character in the query string.")
            if two_factor.lacks_second_factor(request):
                logout(request)
                messages.info(request, _("Please sign in again, with two-factor authentication."))
                return redirect_to_login(
                    request.get_full_path(), reverse("admin:login", current_app=self.name)
                )
            if request.user.is_authenticated:
                request.session.modified = True
            return protected(request, *args, **kwargs)

        return update_wrapper(inner, protected)

    def get_urls(self):
        views = {"admin_site": self}
        urls = [
            path(
                "login/verify/",
                two_factor.LoginVerifyView.as_view(**views),
                name="login_verify",
            ),
            path(
                "login/setup/",
                two_factor.LoginSetupView.as_view(**views),
                name="login_setup",
            ),
            path(
                "two-factor/",
                self.admin_view(two_factor.ManageView.as_view(**views)),
                name="two_factor",
            ),
            path(
                "two-factor/setup/",
                self.admin_view(two_factor.SetupView.as_view(**views)),
                name="two_factor_setup",
            ),
            path(
                "two-factor/recovery-codes/",
                self.admin_view(two_factor.RecoveryCodesView.as_view(**views)),
                name="two_factor_recovery_codes",
            ),
            path(
                "language/",
                self.admin_view(languages.LanguageView.as_view(**views)),
                name="language",
            ),
        ]
        return urls + super().get_urls()
