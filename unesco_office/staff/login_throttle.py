"""The admin's login throttle, on django-axes (settings: AXES_*, LOGIN_ADDRESS_FAILURE_LIMIT).

Failed sign-ins are kept in the database (axes' AccessAttempt), so that every app server
counts the same ones. Five failures for one user name from one address lock that pair for
15 minutes; a user name tried from elsewhere, or another user name from the same address,
can still sign in. An address that fails LOGIN_ADDRESS_FAILURE_LIMIT times within the
15 minutes, whatever the user names, is locked as a whole. A wrong two-factor code counts
as a failed sign-in too (see two_factor.py).

Unlocking: a superuser deletes the attempt in the admin (Axes → Access attempts), or runs
`manage.py axes_reset_username NAME` (or `axes_reset_ip ADDRESS`, `axes_reset`).
"""

import ipaddress
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit for an address as a whole."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if self.is_address_locked(request):
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def is_address_locked(self, request):
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        total = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        return total >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def client_ip(request):
    """The address a sign-in comes from.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT (DJANGO_TRUSTED_PROXY_COUNT) says that that many
    reverse proxies each append the address they received the request from to
    X-Forwarded-For: the client is then the last address the outermost one appended, which
    no client can forge. Anything before it in the header is whatever the client sent.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= count:
            try:
                return str(ipaddress.ip_address(forwarded[-count]))
            except ValueError:
                logger.warning("X-Forwarded-For holds no address at %d: %r", count, forwarded)
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, response, credentials):
    """The login page, with what is locked and for how long instead of the form (HTTP 429)."""
    username = get_client_username(request, credentials) or ""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    address_locked = LoginThrottle().is_address_locked(request)
    logger.warning(
        "Admin sign-in refused: %s locked for %d minutes after repeated failures "
        "(user name %r, address %s).",
        "the address" if address_locked else "the user name and address",
        minutes,
        username,
        request.axes_ip_address,
    )
    if address_locked:
        message = _(
            "Too many failed sign-ins from your network address: signing in from it is "
            "locked for %(minutes)d minutes."
        )
    else:
        message = _(
            "Too many failed sign-ins for this user name from your network address: it is "
            "locked for %(minutes)d minutes."
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "subtitle": None,
        "message": message % {"minutes": minutes},
        "username": username,
        "address_locked": address_locked,
        "locked": True,
        "minutes": minutes,
    }
    locked = TemplateResponse(
        request, "admin/login_locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    locked["Retry-After"] = str(minutes * 60)
    add_never_cache_headers(locked)
    return locked.render()
