"""Two-factor sign-in for staff, on django-otp: an authenticator app and recovery codes.

The admin's sign-in has two steps. The first is the user name and password (and the login
throttle). A user who has an authenticator app, or who must have one (publishers and
superusers when ADMIN_REQUIRE_2FA is on), is not signed in yet: the session only remembers,
for PENDING_MINUTES, who passed the first step. The second step asks for the app's 6-digit
code or a recovery code; a user who must have an app and has none sets one up there. Only
then is the user signed in, so no session ever holds a password-only sign-in for them.

Who must have an app is ADMIN_REQUIRE_2FA_FOR's choice: publishers and superusers, or every
member of staff (editors too).

A signed-in user who moves to a new app, makes new recovery codes, or sets up a first app
from the admin first confirms it is them: their password, and a code of the app they have
(or a recovery code). Whoever finds an open session can then neither take over its second
factor nor lock its owner out.

Every wrong code, and every wrong password on those pages, counts as a failed sign-in for
the login throttle (login_throttle.py), on top of django-otp's own growing delay between
attempts on one device; once the throttle locks the user name, the session ends.
"""

import time
from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from unesco_office.staff.roles import PUBLISHERS

PENDING = "two_factor_pending"
SETUP_DEVICE = "two_factor_setup_device"
CONFIRMED = "two_factor_identity_confirmed"
PENDING_MINUTES = 10
CONFIRMED_MINUTES = 10
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


# --- Who needs what ------------------------------------------------------------------------


def is_required(user):
    """Whether the user must use two factors: when ADMIN_REQUIRE_2FA is on, publishers and
    superusers, or every member of staff if ADMIN_REQUIRE_2FA_FOR is "staff"."""
    if not settings.ADMIN_REQUIRE_2FA:
        return False
    if user.is_superuser:
        return True
    if settings.ADMIN_REQUIRE_2FA_FOR == "staff":
        return user.is_staff
    return user.groups.filter(name=PUBLISHERS).exists()


def authenticator(user):
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def second_step(user):
    """What a user who passed the password step still needs: "verify", "setup" or None."""
    if authenticator(user) is not None:
        return "verify"
    if is_required(user):
        return "setup"
    return None


def lacks_second_factor(request):
    """A staff session signed in without the second factor its user has or needs.

    Sign-in never creates one; it is a session opened before the user set up an app on
    another device, or before two factors became required for them.
    """
    user = request.user
    if not (user.is_active and user.is_staff) or user.is_verified():
        return False
    return authenticator(user) is not None or is_required(user)


# --- The pending sign-in -------------------------------------------------------------------


def start_pending(request, user, next_url):
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "since": int(time.time()),
        "next": next_url,
    }


def pending_sign_in(request):
    """(user, pending data) for a first step passed in the last PENDING_MINUTES, or None."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_MINUTES * 60:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True, is_staff=True)
    user = user.first()
    return (user, pending) if user is not None else None


def remember_identity(request):
    """The signed-in user just confirmed it is them (IdentityForm), for CONFIRMED_MINUTES."""
    request.session[CONFIRMED] = {"user": request.user.pk, "since": int(time.time())}


def identity_confirmed(request):
    confirmed = request.session.get(CONFIRMED)
    return (
        bool(confirmed)
        and confirmed["user"] == request.user.pk
        and time.time() - confirmed["since"] <= CONFIRMED_MINUTES * 60
    )


def complete_sign_in(request, user, pending, device):
    """Sign the user in, verified by `device`, and forget the pending state."""
    auth_login(request, user, backend=pending["backend"])
    otp_login(request, device)
    request.session.pop(PENDING, None)
    request.session.pop(SETUP_DEVICE, None)


# --- Devices -------------------------------------------------------------------------------


def verify(user, code):
    """The user's device that accepts `code`, or None: the app for a code of its digits,
    the recovery codes for anything else (so that each counts only its own failures)."""
    device = authenticator(user)
    if device is None or not (code.isdigit() and len(code) == device.digits):
        device = StaticDevice.objects.filter(user=user).first()
    if device is not None and verify_token(user, device.persistent_id, code):
        return device
    return None


def is_throttled(device):
    """True while django-otp makes the device wait after a wrong code."""
    return device is not None and not device.verify_is_allowed()[0]


def setup_device(request, user):
    """The unconfirmed app this session is setting up, a new one if there is none.

    A new setup removes the user's other unconfirmed apps, so that a secret shown to an
    earlier session (perhaps someone else's who had the password) can never be confirmed.
    """
    device_id = request.session.get(SETUP_DEVICE)
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        request.session[SETUP_DEVICE] = device.pk
    return device


def confirm(user, device, code):
    """Confirm the app being set up if `code` is right; it then replaces any earlier app."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(code):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def new_recovery_codes(user):
    """RECOVERY_CODE_COUNT new single-use codes; the earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def qr_code(device):
    """The app's otpauth:// address as a QR code, an SVG data: URI for an <img>."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret(device):
    """The secret key as authenticator apps take it typed in: base32 in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


# --- Forms ---------------------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code your authenticator app shows, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
        if not (code.isascii() and code.isalnum()):
            raise forms.ValidationError(_("A code has only digits or letters."))
        return code


class IdentityForm(CodeForm):
    """A signed-in user's password and, if they have an app, its code or a recovery code."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    field_order = ["password", "code"]

    def __init__(self, *args, with_code=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"].widget.attrs.pop("autofocus", None)
        else:
            del self.fields["code"]


class AppCodeForm(CodeForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code your authenticator app shows for this site."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


# --- Views ---------------------------------------------------------------------------------

WRONG_CODE = _("That code is not right, or was already used. Try the current one.")
WRONG_PASSWORD = _("That is not your password.")
WAIT = _("Too many wrong codes: wait a few seconds, then enter the current code.")


class TwoFactorView(View):
    """Shared by the views below: the admin site's context, never cached, CSRF-checked."""

    admin_site = None
    template_name = None
    title = None
    signing_in = False

    @method_decorator(never_cache)
    @method_decorator(csrf_protect)
    @method_decorator(sensitive_post_parameters("code", "password"))
    def dispatch(self, request, *args, **kwargs):
        return self.refuse(request) or super().dispatch(request, *args, **kwargs)

    def refuse(self, request):
        """A response that ends the request before its method runs, or None."""
        return None

    def render(self, request, template_name=None, title=None, **context):
        context = {
            **self.admin_site.each_context(request),
            "title": title or self.title,
            "subtitle": None,
            "signing_in": self.signing_in,
            **context,
        }
        return TemplateResponse(request, template_name or self.template_name, context)

    def wrong_code(self, request, user, form, throttled):
        """A failed sign-in for the login throttle, and the form's error: the code was
        wrong, or came while django-otp made the device wait after an earlier wrong one."""
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        form.add_error("code", WAIT if throttled else WRONG_CODE)


class PendingView(TwoFactorView):
    """The second step of a sign-in; the first one must have been passed just before."""

    signing_in = True

    def refuse(self, request):
        pending = pending_sign_in(request)
        if pending is None:
            request.session.pop(PENDING, None)
            messages.info(request, _("Please sign in again: the first step was too long ago."))
            return redirect("admin:login")
        self.user, self.pending = pending
        credentials = {"username": self.user.get_username()}
        if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, None, credentials)
        return None


class LoginVerifyView(PendingView):
    """The second step for a user with an app: its code, or a recovery code."""

    template_name = "admin/two_factor/verify.html"
    title = _("Two-factor authentication")

    def get(self, request):
        if authenticator(self.user) is None:
            return redirect("admin:login")
        return self.render(request, form=CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            throttled = is_throttled(authenticator(self.user))
            device = verify(self.user, form.cleaned_data["code"])
            if device is not None:
                next_url = self.pending["next"]
                complete_sign_in(request, self.user, self.pending, device)
                if isinstance(device, StaticDevice):
                    messages.warning(
                        request,
                        _(
                            "You signed in with a recovery code; %(count)d are left. Make new "
                            "ones on your Two-factor authentication page when few are left."
                        )
                        % {"count": device.token_set.count()},
                    )
                return redirect(next_url)
            self.wrong_code(request, self.user, form, throttled)
        return self.render(request, form=form)


class SetupMixin:
    """Show an app to set up (QR code and secret) and confirm it with its first code."""

    template_name = "admin/two_factor/setup.html"
    title = _("Set up two-factor authentication")

    def render_setup(self, request, user, form):
        device = setup_device(request, user)
        return self.render(request, form=form, qr_code=qr_code(device), secret=secret(device))

    def confirm_setup(self, request, user, form):
        """The confirmed app, or None with the form's error."""
        if not form.is_valid():
            return None
        device = setup_device(request, user)
        throttled = is_throttled(device)
        confirmed = confirm(user, device, form.cleaned_data["code"])
        if confirmed is None:
            self.wrong_code(request, user, form, throttled)
        return confirmed

    def render_codes(self, request, user, next_url):
        return self.render(
            request,
            template_name="admin/two_factor/recovery_codes.html",
            title=_("Your recovery codes"),
            codes=new_recovery_codes(user),
            next_url=next_url,
        )


class LoginSetupView(SetupMixin, PendingView):
    """The second step for a user who must have an app and has none: setting one up."""

    def refuse(self, request):
        refused = super().refuse(request)
        if refused is None and second_step(self.user) != "setup":
            return redirect("admin:login")
        return refused

    def get(self, request):
        return self.render_setup(request, self.user, AppCodeForm())

    def post(self, request):
        form = AppCodeForm(request.POST)
        device = self.confirm_setup(request, self.user, form)
        if device is None:
            return self.render_setup(request, self.user, form)
        next_url = self.pending["next"]
        complete_sign_in(request, self.user, self.pending, device)
        return self.render_codes(request, self.user, next_url)


class ManageView(TwoFactorView):
    """A signed-in user's two-factor page: what is set up, set up an app, new codes."""

    template_name = "admin/two_factor/manage.html"
    title = _("Two-factor authentication")

    def get(self, request):
        user = request.user
        recovery = StaticDevice.objects.filter(user=user).first()
        return self.render(
            request,
            device=authenticator(user),
            codes_left=recovery.token_set.count() if recovery else 0,
            required=is_required(user),
        )


class ConfirmIdentityMixin:
    """A signed-in user confirms it is them before changing their second factor: their
    password and, if they have an app, its code or a recovery code. A wrong answer changes
    nothing and counts as a failed sign-in; once the throttle locks the user name, the
    session ends with the lockout page."""

    identity_template_name = "admin/two_factor/confirm.html"
    identity_title = _("Confirm it is you")
    identity_submit = _("Continue")

    def identity_intro(self, has_app):
        raise NotImplementedError

    def identity_form(self, request, data=None):
        return IdentityForm(data, with_code=authenticator(request.user) is not None)

    def render_identity(self, request, form):
        has_app = "code" in form.fields
        return self.render(
            request,
            template_name=self.identity_template_name,
            title=self.identity_title,
            form=form,
            has_app=has_app,
            intro=self.identity_intro(has_app),
            submit=self.identity_submit,
        )

    def refuse_identity(self, request):
        """None if the posted password (and code) are the user's, else the response: the
        form again with its error, or the lockout page."""
        user = request.user
        credentials = {"username": user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            return self.admin_site.locked_out(request, credentials)
        form = self.identity_form(request, request.POST)
        if not form.is_valid():
            return self.render_identity(request, form)
        if not user.check_password(form.cleaned_data["password"]):
            error = ("password", WRONG_PASSWORD)
        elif "code" in form.fields:
            throttled = is_throttled(authenticator(user))
            if verify(user, form.cleaned_data["code"]) is not None:
                return None
            error = ("code", WAIT if throttled else WRONG_CODE)
        else:
            return None
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if not AxesProxyHandler.is_allowed(request, credentials):
            return self.admin_site.locked_out(request, credentials)
        form.add_error(*error)
        return self.render_identity(request, form)


class SetupView(ConfirmIdentityMixin, SetupMixin, TwoFactorView):
    """A signed-in user sets up an app, or replaces theirs (a new phone), after confirming
    it is them: the app's secret is shown only then, for CONFIRMED_MINUTES."""

    def identity_intro(self, has_app):
        if has_app:
            return _(
                "To move to a new phone or app, first confirm it is you: enter your password "
                "and a code from the app you use now, or one of your recovery codes."
            )
        return _(
            "To set up two-factor authentication, first confirm it is you: enter your password."
        )

    def get(self, request):
        if not identity_confirmed(request):
            return self.render_identity(request, self.identity_form(request))
        return self.render_setup(request, request.user, AppCodeForm())

    def post(self, request):
        if "password" in request.POST:
            refused = self.refuse_identity(request)
            if refused is not None:
                return refused
            remember_identity(request)
            return redirect("admin:two_factor_setup")
        if not identity_confirmed(request):
            messages.info(request, _("Please confirm it is you again: that was too long ago."))
            return redirect("admin:two_factor_setup")
        form = AppCodeForm(request.POST)
        device = self.confirm_setup(request, request.user, form)
        if device is None:
            return self.render_setup(request, request.user, form)
        otp_login(request, device)
        request.session.pop(SETUP_DEVICE, None)
        request.session.pop(CONFIRMED, None)
        return self.render_codes(request, request.user, reverse("admin:two_factor"))


class RecoveryCodesView(ConfirmIdentityMixin, SetupMixin, TwoFactorView):
    """New recovery codes for a signed-in user with an app, each time after confirming it
    is them."""

    identity_submit = _("Make new recovery codes")

    def identity_intro(self, has_app):
        return _(
            "To make new recovery codes, first confirm it is you: enter your password and a "
            "code from your authenticator app, or one of your recovery codes. The earlier "
            "recovery codes stop working."
        )

    def refuse(self, request):
        if authenticator(request.user) is None:
            return redirect("admin:two_factor")
        return None

    def get(self, request):
        return self.render_identity(request, self.identity_form(request))

    def post(self, request):
        refused = self.refuse_identity(request)
        if refused is not None:
            return refused
        return self.render_codes(request, request.user, reverse("admin:two_factor"))
