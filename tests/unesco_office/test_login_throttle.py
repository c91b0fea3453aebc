"""The admin's login throttle (django-axes 8.3, proven here on Django 6.1): lockouts (of a
user name from an address, of an address, of an account from every address), their page,
their log line, the owner's notice, unlocking, the client address behind proxies, and no
cost to visitors."""

import datetime
import io
import logging
import re
import smtplib

import django
import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import SESSION_KEY
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse

from tests.factories import EventFactory
from tests.unesco_office.test_settings import PRODUCTION, manage
from unesco_office.models import AccountLock, StaffPreference

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"  # tests/conftest.py's staff password
HERE, ELSEWHERE = "203.0.113.10", "198.51.100.20"


def sign_in(client, username, password, address=HERE, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail(client, username, times, address=HERE, **headers):
    return [sign_in(client, username, "wrong", address, **headers) for _ in range(times)]


def is_signed_in(client):
    return SESSION_KEY in client.session


def address(number):
    return f"192.0.2.{number}"


def fail_from_many_addresses(client, username, times, first=0):
    """One failed sign-in from each of `times` addresses: no user name and address pair,
    and no address, reaches its own limit."""
    return [sign_in(client, username, "wrong", address(first + n)) for n in range(times)]


@pytest.fixture
def clock():
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)) as clock:
        yield clock


def test_the_throttle_runs_on_django_6_1():
    assert django.VERSION[:2] == (6, 1)


def test_five_failures_lock_the_user_name_from_that_address(client, editor):
    *first, fifth = fail(client, "editor", 5)

    assert [response.status_code for response in first] == [200] * 4
    assert "Please enter the correct username and password" in first[-1].text
    assert fifth.status_code == 429
    assert "Too many failed sign-ins for this user name" in fifth.text
    assert "locked for 15 minutes" in fifth.text
    assert fifth.headers["Retry-After"] == "900"

    right_password = sign_in(client, "editor", PASSWORD)

    assert right_password.status_code == 429
    assert not is_signed_in(client)


def test_the_lock_is_for_that_pair_only(client, editor, publisher):
    fail(client, "editor", 5)

    assert sign_in(client, "editor", PASSWORD, address=ELSEWHERE).status_code == 302
    client.logout()
    assert sign_in(client, "publisher", PASSWORD).status_code == 302


def test_the_lock_ends_after_15_minutes(client, editor):
    with time_machine.travel(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC)) as clock:
        fail(client, "editor", 5)
        clock.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, "editor", PASSWORD).status_code == 429

        # Each attempt during the lock starts the 15 minutes again.
        clock.shift(datetime.timedelta(minutes=14, seconds=59))
        assert sign_in(client, "editor", PASSWORD).status_code == 429
        clock.shift(datetime.timedelta(minutes=15, seconds=1))
        assert sign_in(client, "editor", PASSWORD).status_code == 302
        assert is_signed_in(client)


def test_a_successful_sign_in_forgets_earlier_failures(client, editor):
    fail(client, "editor", 4)

    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    assert AccessLog.objects.filter(username="editor", ip_address=HERE).count() == 1


def test_an_address_trying_many_user_names_is_locked(client, editor, settings):
    for number in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        assert sign_in(client, f"guess{number}", "wrong").status_code == 200
    last = sign_in(client, "another-guess", "wrong")

    assert last.status_code == 429
    assert "Too many failed sign-ins from your network address" in last.text
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address=ELSEWHERE).status_code == 302


def test_the_lockout_is_logged_with_the_address(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="unesco_office.staff.login_throttle"):
        fail(client, "editor", 5)

    records = [r for r in caplog.records if r.name == "unesco_office.staff.login_throttle"]
    assert [record.getMessage() for record in records] == [
        "Admin sign-in refused: the user name and address locked for 15 minutes after "
        f"repeated failures (user name 'editor', address {HERE})."
    ]


def test_the_locked_page_is_never_cached_and_strict(client, editor):
    locked = fail(client, "editor", 5)[-1]

    assert "no-store" in locked.headers["Cache-Control"]
    assert "private" in locked.headers["Cache-Control"]
    assert "default-src 'none'" in locked.headers["Content-Security-Policy"]
    assert 'name="password"' not in locked.text
    assert reverse("admin:login") in locked.text


def test_a_superuser_unlocks_in_the_admin(client, admin_client, editor):
    fail(client, "editor", 5)
    attempt = AccessAttempt.objects.get(username="editor")

    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    deleted = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert "editor" in listing.text and HERE in listing.text
    assert deleted.status_code == 302
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_the_admin_names_the_sign_in_sections_for_people(admin_client):
    html = admin_client.get(reverse("admin:index")).text

    sections = re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", html)
    assert {
        "Sign-in attempts",
        "Two-factor sign-in: authenticator apps",
        "Two-factor sign-in: recovery codes",
    } <= set(sections)
    assert not [name for name in sections if name.lower().startswith(("axes", "otp"))]


def test_publishers_cannot_see_or_unlock_attempts(client, publisher_client, editor):
    fail(client, "editor", 5)

    response = publisher_client.get(reverse("admin:axes_accessattempt_changelist"))

    assert response.status_code == 403


def test_a_command_unlocks_a_user_name(client, editor):
    fail(client, "editor", 5)
    output = io.StringIO()

    call_command("axes_reset_username", "editor", stdout=output)

    assert "1 attempts removed" in output.getvalue()
    assert sign_in(client, "editor", PASSWORD).status_code == 302


NEW_PASSWORD = "another-long-password-2026"


def change_password(client, old, address=HERE):
    return client.post(
        reverse("admin:password_change"),
        {"old_password": old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        REMOTE_ADDR=address,
    )


def test_wrong_current_passwords_end_the_session_and_lock_the_sign_in(editor_client, editor):
    """Someone at an open session cannot try passwords on the password change form: each
    wrong one counts as a failed sign-in, and at the limit the session ends."""
    *first, fifth = [change_password(editor_client, "wrong") for _ in range(5)]

    assert [response.status_code for response in first] == [200] * 4
    assert "old_password" in first[-1].context["form"].errors
    assert fifth.status_code == 429
    assert "locked for 15 minutes" in fifth.text
    assert not is_signed_in(editor_client)
    assert sign_in(editor_client, "editor", PASSWORD).status_code == 429
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_a_locked_user_name_cannot_change_its_password_from_that_address(
    client, editor_client, editor
):
    fail(client, "editor", 5)

    response = change_password(editor_client, PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(editor_client)
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_fewer_wrong_current_passwords_than_the_limit_change_nothing(editor_client, editor):
    for _ in range(4):
        change_password(editor_client, "wrong")

    response = change_password(editor_client, PASSWORD)

    assert response.url == reverse("admin:password_change_done")
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 4


def test_x_forwarded_for_is_ignored_unless_proxies_are_configured(client, editor):
    """Without DJANGO_TRUSTED_PROXY_COUNT a client cannot dodge the lock with a made-up header."""
    for number in range(5):
        sign_in(client, "editor", "wrong", **{"X-Forwarded-For": f"192.0.2.{number}"})

    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HERE]


def test_behind_a_proxy_the_address_it_appended_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(5):  # the client's own, forged part changes every time
        forwarded = f"192.0.2.{number}, {HERE}"
        sign_in(client, "editor", "wrong", address=proxy, **{"X-Forwarded-For": forwarded})

    locked = sign_in(client, "editor", PASSWORD, address=proxy, **{"X-Forwarded-For": HERE})
    other = sign_in(client, "editor", PASSWORD, address=proxy, **{"X-Forwarded-For": ELSEWHERE})

    assert locked.status_code == 429
    assert other.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HERE]


def test_behind_two_proxies_the_outer_ones_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    cdn = "198.51.100.99"
    fail(client, "editor", 5, address="10.0.0.2", **{"X-Forwarded-For": f"1.2.3.4, {HERE}, {cdn}"})

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HERE]


def test_a_forwarded_header_without_an_address_falls_back_to_the_peer(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    response = sign_in(client, "editor", "wrong", **{"X-Forwarded-For": "not-an-address"})

    assert response.status_code == 200
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HERE]


@pytest.mark.parametrize(("url", "queries"), [("/", 7), ("/events/", 2)])
def test_public_pages_run_no_query_for_the_throttle_or_sessions(
    client, url, queries, django_assert_num_queries, uncached
):
    """The login throttle, two-factor and session middleware cost visitors nothing: the
    pages run the queries they ran before them, and set no cookie."""
    EventFactory.create_batch(3)
    client.get(url)  # the event list's summary

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies


# --- One account, from every address --------------------------------------------------------


def test_guesses_from_many_addresses_lock_the_account(client, editor, settings):
    *first, last = fail_from_many_addresses(client, "editor", settings.LOGIN_ACCOUNT_FAILURE_LIMIT)

    assert [response.status_code for response in first] == [200] * 9
    assert last.status_code == 429
    assert "from all network addresses together" in last.text
    assert "locked for 15 minutes" in last.text
    assert "do not make the lock longer" in last.text
    assert last.headers["Retry-After"] == "900"
    for somewhere in (HERE, ELSEWHERE, address(99)):
        assert sign_in(client, "editor", PASSWORD, somewhere).status_code == 429
    assert not is_signed_in(client)
    assert AccountLock.objects.get(username="editor").lockouts == 1


def test_other_accounts_are_not_locked_with_it(client, editor, publisher):
    fail_from_many_addresses(client, "editor", 10)

    assert sign_in(client, "publisher", PASSWORD, address(0)).status_code == 302


def test_fewer_failures_than_the_limit_lock_nothing(client, editor, settings):
    fail_from_many_addresses(client, "editor", settings.LOGIN_ACCOUNT_FAILURE_LIMIT - 1)

    assert sign_in(client, "editor", PASSWORD, address(50)).status_code == 302
    assert not AccountLock.objects.exists()


def test_attempts_at_a_locked_pair_do_not_count_for_the_account(client, editor):
    """Someone retrying at their locked user name and address makes no guesses: the
    account stays open from elsewhere."""
    fail(client, "editor", 5)
    assert [response.status_code for response in fail(client, "editor", 10)] == [429] * 10

    assert sign_in(client, "editor", PASSWORD, address=ELSEWHERE).status_code == 302


def test_an_account_lock_looks_the_same_for_a_user_name_no_account_has(client, editor):
    """The page says nothing of whether an account has the user name."""
    real = fail_from_many_addresses(client, "editor", 10)[-1]
    made_up = fail_from_many_addresses(client, "nobody", 10, first=20)[-1]

    def content(response):
        return re.search(r'<div id="content-main".*?</div>', response.text, re.DOTALL).group()

    assert made_up.status_code == real.status_code == 429
    assert made_up.headers["Retry-After"] == real.headers["Retry-After"]
    assert content(made_up) == content(real)
    assert "from all network addresses together" in content(real)


def test_the_lock_ends_when_it_said_whatever_is_tried_meanwhile(client, editor, clock):
    fail_from_many_addresses(client, "editor", 10)

    clock.shift(datetime.timedelta(minutes=14))
    during = sign_in(client, "editor", "wrong", address(40))
    assert during.status_code == 429
    assert during.headers["Retry-After"] == "60"
    assert "locked for 1 minute." in during.text
    assert not AccessAttempt.objects.filter(ip_address=address(40)).exists()

    clock.shift(datetime.timedelta(minutes=1, seconds=1))
    assert sign_in(client, "editor", PASSWORD, address(41)).status_code == 302
    assert is_signed_in(client)


def test_each_further_lock_lasts_twice_as_long_up_to_the_limit(client, editor, settings, clock):
    settings.LOGIN_ACCOUNT_MAX_LOCK = datetime.timedelta(minutes=45)
    waits = []
    for round_ in range(4):
        locked = fail_from_many_addresses(client, "editor", 10, first=10 * round_)[-1]
        waits.append(int(locked.headers["Retry-After"]))
        clock.shift(datetime.timedelta(seconds=waits[-1] + 1))

    assert waits == [15 * 60, 30 * 60, 45 * 60, 45 * 60]
    assert AccountLock.objects.get(username="editor").lockouts == 4


def test_the_delay_starts_again_after_a_quiet_time(client, editor, settings, clock):
    fail_from_many_addresses(client, "editor", 10)
    clock.shift(datetime.timedelta(minutes=15) + settings.LOGIN_ACCOUNT_MAX_LOCK)

    locked = fail_from_many_addresses(client, "editor", 10, first=10)[-1]

    assert locked.headers["Retry-After"] == "900"


def test_the_owner_signs_in_after_the_lock_and_the_delay_starts_again(client, editor, clock):
    fail_from_many_addresses(client, "editor", 10)
    clock.shift(datetime.timedelta(minutes=15, seconds=1))

    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert not AccountLock.objects.exists()
    client.logout()
    locked = fail_from_many_addresses(client, "editor", 10, first=10)[-1]
    assert locked.headers["Retry-After"] == "900"


def test_the_owner_is_told_once_for_each_lock(client, editor, clock, mailoutbox):
    editor.email = "editor@example.org"
    editor.save()

    fail_from_many_addresses(client, "editor", 12)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["editor@example.org"]
    assert message.subject == "Signing in to your account is locked"
    assert "as editor" in message.body
    assert "15 minutes" in message.body
    assert all(address(n) in message.body for n in range(10))
    assert "http://testserver/admin/login/" in message.body

    clock.shift(datetime.timedelta(minutes=16))
    fail_from_many_addresses(client, "editor", 10, first=20)
    assert len(mailoutbox) == 2
    assert "30 minutes" in mailoutbox[1].body


def test_the_notice_is_in_the_owners_language(client, editor, mailoutbox):
    editor.email = "editor@example.org"
    editor.save()
    StaffPreference.objects.create(user=editor, language="fr")

    fail_from_many_addresses(client, "editor", 10)

    assert "Signing in" not in mailoutbox[0].subject
    assert "editor" in mailoutbox[0].body


def test_no_notice_without_an_account_or_an_address(client, editor, mailoutbox):
    fail_from_many_addresses(client, "editor", 10)  # no e-mail address
    fail_from_many_addresses(client, "nobody", 10, first=20)

    assert mailoutbox == []


def test_a_failing_mail_server_never_breaks_the_sign_in(client, editor, monkeypatch, caplog):
    editor.email = "editor@example.org"
    editor.save()

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with caplog.at_level(logging.ERROR, logger="unesco_office.staff.login_throttle"):
        locked = fail_from_many_addresses(client, "editor", 10)[-1]

    assert locked.status_code == 429
    assert "Account lock notice not sent to the owner of 'editor'." in caplog.text


def test_the_account_lock_is_logged(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="unesco_office.staff.login_throttle"):
        fail_from_many_addresses(client, "editor", 10)

    records = [r.getMessage() for r in caplog.records if r.name.startswith("unesco_office")]
    assert records == [
        "Admin sign-in: the user name 'editor' is locked from every address for 15 minutes "
        "(lock 1 in a row) after 10 failed sign-ins from all addresses together.",
        "Admin sign-in refused: the user name from every address locked for 15 minutes after "
        f"repeated failures (user name 'editor', address {address(9)}).",
    ]


def test_a_command_unlocks_the_account(client, editor):
    fail_from_many_addresses(client, "editor", 10)

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    assert not AccountLock.objects.exists()
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_a_superuser_unlocks_the_account_in_the_admin(client, admin_client, editor):
    fail_from_many_addresses(client, "editor", 10)
    lock = AccountLock.objects.get(username="editor")

    listing = admin_client.get(reverse("admin:unesco_office_accountlock_changelist"))
    deleted = admin_client.post(
        reverse("admin:unesco_office_accountlock_delete", args=[lock.pk]), {"post": "yes"}
    )

    assert "editor" in listing.text
    assert deleted.status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()
    # Its failures are forgotten with it: one more does not lock it again.
    assert sign_in(client, "editor", "wrong", address(0)).status_code == 200
    assert sign_in(client, "editor", PASSWORD, address(0)).status_code == 302


def test_publishers_cannot_see_or_unlock_account_locks(client, publisher_client, editor):
    fail_from_many_addresses(client, "editor", 10)
    lock = AccountLock.objects.get(username="editor")

    listing = publisher_client.get(reverse("admin:unesco_office_accountlock_changelist"))
    deleted = publisher_client.post(
        reverse("admin:unesco_office_accountlock_delete", args=[lock.pk]), {"post": "yes"}
    )

    assert listing.status_code == deleted.status_code == 403
    assert AccountLock.objects.filter(pk=lock.pk).exists()


def test_the_account_limit_is_a_setting():
    def limits(**env):
        code = (
            "from django.conf import settings; "
            "print(settings.LOGIN_ACCOUNT_FAILURE_LIMIT, settings.LOGIN_ACCOUNT_MAX_LOCK)"
        )
        result = manage("shell", "-c", code, **PRODUCTION, **env)
        return result.stdout.splitlines()[-1] if result.returncode == 0 else result.stderr

    assert limits() == "10 1 day, 0:00:00"
    assert limits(
        DJANGO_LOGIN_ACCOUNT_FAILURE_LIMIT="20", DJANGO_LOGIN_ACCOUNT_MAX_LOCK_HOURS="4"
    ) == ("20 4:00:00")
    assert "must be 1 or more" in limits(DJANGO_LOGIN_ACCOUNT_FAILURE_LIMIT="0")
