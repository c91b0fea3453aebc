"""The admin's login throttle, on django-axes (settings: AXES_*, LOGIN_*_FAILURE_LIMIT).

Failed sign-ins are kept in the database (axes' AccessAttempt), so that every app server
counts the same ones. Three locks, each refusing a sign-in before its password is checked:

- Five failures for one user name from one address lock that pair for 15 minutes; a user
  name tried from elsewhere, or another user name from the same address, can still sign in.
  Each attempt during the lock starts the 15 minutes again.
- An address that fails LOGIN_ADDRESS_FAILURE_LIMIT times within the 15 minutes, whatever
  the user names, is locked as a whole.
- A user name that fails LOGIN_ACCOUNT_FAILURE_LIMIT times within the 15 minutes from all
  addresses together (guesses spread over many addresses) is locked from every address:
  for 15 minutes, then twice as long at each further lock (AccountLock.lockouts), up to
  LOGIN_ACCOUNT_MAX_LOCK. Attempts during that lock are refused without being counted, so
  that it ends when the page said; the account's owner gets an e-mail at each lock. The
  doubling starts again after the owner signs in, or after LOGIN_ACCOUNT_MAX_LOCK without
  a lock. Only failures that reached a password check count: attempts refused at a locked
  pair add nothing to the account's count.

A wrong two-factor code counts as a failed sign-in too (see two_factor.py), and so does a
wrong current password on the password change form (site.py).

Unlocking: a superuser deletes the attempt in the admin (Axes → Access attempts) or the
account's lock (Office → Account sign-in locks), or runs `manage.py axes_reset_username
NAME` (both), `axes_reset_ip ADDRESS` or `axes_reset` (everything).
"""

import datetime
import logging
import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, Sum, Value
from django.db.models.functions import Least
from django.tasks import task
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unesco_office.models import AccountLock, StaffPreference

logger = logging.getLogger(__name__)

# The sign-in form refuses longer user names; any other way in is cut to the column.
USERNAME_LENGTH = AccountLock._meta.get_field("username").max_length
# At most this many of the addresses the failures came from are named in the owner's notice.
NOTICE_ADDRESSES = 10


class LoginThrottle(AxesDatabaseHandler):
    """Axes' database handler with two more locks: an address as a whole, and an account
    from every address (with a delay that grows)."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        if self.is_address_locked(request) or self.account_lock(request, credentials):
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def is_address_locked(self, request):
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        total = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
        return total >= settings.LOGIN_ADDRESS_FAILURE_LIMIT

    def account_lock(self, request, credentials=None):
        """The user name's AccountLock while it lasts, or None."""
        username = get_client_username(request, credentials)
        if not username:
            return None
        return AccountLock.objects.filter(
            username=username[:USERNAME_LENGTH], locked_until__gt=timezone.now()
        ).first()

    def account_failures(self, request, username):
        """The user name's failed password checks within the cool-off, from all addresses.

        Each user name and address pair counts up to the pair's own limit: past it, its
        attempts are refused before any password is checked, however many there are.
        """
        attempts = AccessAttempt.objects.filter(
            username=username, attempt_time__gte=get_cool_off_threshold(request)
        )
        capped = Least(F("failures_since_start"), Value(get_failure_limit(request, None)))
        return attempts.aggregate(total=Sum(capped))["total"] or 0

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        if request is not None and self.account_lock(request, credentials):
            # Refused while the account is locked: not counted, so that the lock ends at
            # the time its page gave.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            return
        super().user_login_failed(sender, credentials, request, **kwargs)
        username = get_client_username(request, credentials) if request is not None else None
        if not username:
            return
        username = username[:USERNAME_LENGTH]
        if self.account_failures(request, username) < settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
            return
        lock = lock_account(username, get_cool_off(request))
        request.axes_locked_out = True
        request.axes_credentials = credentials
        if lock is not None:
            notify_owner(request, lock)

    def user_logged_in(self, sender, request, user, **kwargs):
        """The owner signed in: the next lock of the account, if any, lasts the least."""
        super().user_logged_in(sender, request, user, **kwargs)
        AccountLock.objects.filter(
            username=user.get_username()[:USERNAME_LENGTH], locked_until__lte=timezone.now()
        ).delete()

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        """Axes' unlocking (axes_reset_username, axes_reset), which unlocks accounts too."""
        count = super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )
        if username:
            count += AccountLock.objects.filter(username=username).delete()[0]
        elif not ip_address:
            count += AccountLock.objects.all().delete()[0]
        return count


def lock_duration(lockouts, cool_off):
    """How long the account's lock number `lockouts` in a row lasts: the cool-off, doubled
    at each further lock, up to LOGIN_ACCOUNT_MAX_LOCK."""
    longest = max(settings.LOGIN_ACCOUNT_MAX_LOCK, cool_off)
    return min(cool_off * 2 ** min(lockouts - 1, 20), longest)  # 2**20: decades, no overflow


def lock_account(username, cool_off):
    """Lock the user name from every address; the new AccountLock, or None if a request
    on another server locked it just now (only one of them tells the owner)."""
    now = timezone.now()
    with transaction.atomic():
        lock, _created = AccountLock.objects.select_for_update().get_or_create(
            username=username, defaults={"locked_until": now}
        )
        if lock.locked_until > now:
            return None
        in_a_row = now - lock.locked_until < settings.LOGIN_ACCOUNT_MAX_LOCK
        lock.lockouts = (lock.lockouts if in_a_row else 0) + 1
        lock.locked_until = now + lock_duration(lock.lockouts, cool_off)
        lock.save()
    logger.warning(
        "Admin sign-in: the user name %r is locked from every address for %d minutes "
        "(lock %d in a row) after %d failed sign-ins from all addresses together.",
        username,
        minutes_left(lock),
        lock.lockouts,
        settings.LOGIN_ACCOUNT_FAILURE_LIMIT,
    )
    return lock


def minutes_left(lock):
    return math.ceil(seconds_left(lock) / 60)


def seconds_left(lock):
    return max(math.ceil((lock.locked_until - timezone.now()).total_seconds()), 0)


def notify_owner(request, lock):
    """Ask for the notice to the account's owner, if the account exists and has an e-mail.

    Whether it does is looked up in the task, the same way for every user name; with a task
    backend that has a worker, the request takes the same time either way. A failure is
    logged, never raised into the sign-in."""
    addresses = (
        AccessAttempt.objects.filter(username=lock.username)
        .order_by("-attempt_time")
        .values_list("ip_address", flat=True)
    )
    try:
        send_lock_notice.enqueue(
            username=lock.username,
            locked_until=lock.locked_until.isoformat(),
            addresses=[address for address in dict.fromkeys(addresses) if address][
                :NOTICE_ADDRESSES
            ],
            login_url=request.build_absolute_uri(reverse("admin:login")),
        )
    except Exception:
        logger.exception("Account lock notice not queued for %r.", lock.username)


@task
def send_lock_notice(*, username, locked_until, addresses, login_url):
    """E-mail an account's owner that failed sign-ins locked it, in the admin's language
    they chose. Returns whether a message was sent."""
    user_model = get_user_model()
    user = user_model.objects.filter(**{user_model.USERNAME_FIELD: username}).first()
    if user is None or not user.is_active or not user.email:
        return False
    preference = StaffPreference.objects.filter(user=user).first()
    language = (preference and preference.language) or settings.LANGUAGE_CODE
    until = datetime.datetime.fromisoformat(locked_until)
    with translation.override(language):
        subject = _("Signing in to your account is locked")
        body = _(
            "Someone tried to sign in to the admin as %(username)s and failed too many "
            "times in a short while, from these network addresses: %(addresses)s.\n\n"
            "To protect your account, signing in to it is locked from every address until "
            "%(until)s (%(minutes)d minutes); further attempts do not make it longer.\n\n"
            "If it was you, wait until then and sign in again. If it was not you, your "
            "password was not accepted; to be safe, change it once you are signed in, and "
            "turn on two-factor authentication if it is not on yet. A superuser of the site "
            "can unlock the account sooner.\n\n%(login_url)s\n"
        ) % {
            "username": username,
            "addresses": ", ".join(addresses),
            "until": formats.date_format(timezone.localtime(until), "DATETIME_FORMAT"),
            "minutes": math.ceil((until - timezone.now()).total_seconds() / 60),
            "login_url": login_url,
        }
    try:
        mailers.default.send_messages([EmailMessage(subject, body, to=[user.email])])
    except Exception:
        logger.exception("Account lock notice not sent to the owner of %r.", username)
        return False
    return True


def lockout_response(request, response, credentials):
    """The login page, with what is locked and for how long instead of the form (HTTP 429).

    The same for every user name, whether an account has it or not."""
    username = get_client_username(request, credentials) or ""
    throttle = LoginThrottle()
    account_lock = throttle.account_lock(request, credentials)
    address_locked = account_lock is None and throttle.is_address_locked(request)
    if account_lock is not None:
        seconds = seconds_left(account_lock)
        minutes = minutes_left(account_lock)
        what = "the user name from every address"
        message = ngettext(
            "Too many failed sign-ins for this user name, from all network addresses "
            "together: signing in with it is locked for %(minutes)d minute.",
            "Too many failed sign-ins for this user name, from all network addresses "
            "together: signing in with it is locked for %(minutes)d minutes.",
            minutes,
        )
    else:
        minutes = int(get_cool_off(request).total_seconds() // 60)
        seconds = minutes * 60
        if address_locked:
            what = "the address"
            message = _(
                "Too many failed sign-ins from your network address: signing in from it is "
                "locked for %(minutes)d minutes."
            )
        else:
            what = "the user name and address"
            message = _(
                "Too many failed sign-ins for this user name from your network address: it "
                "is locked for %(minutes)d minutes."
            )
    logger.warning(
        "Admin sign-in refused: %s locked for %d minutes after repeated failures "
        "(user name %r, address %s).",
        what,
        minutes,
        username,
        request.axes_ip_address,
    )
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "subtitle": None,
        "message": message % {"minutes": minutes},
        "username": username,
        "address_locked": address_locked,
        "account_locked": account_lock is not None,
        "locked": True,
        "minutes": minutes,
    }
    locked = TemplateResponse(
        request, "admin/login_locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    locked["Retry-After"] = str(seconds)
    add_never_cache_headers(locked)
    return locked.render()
