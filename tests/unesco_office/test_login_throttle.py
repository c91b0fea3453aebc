"""The admin's login throttle (django-axes 8.3, proven here on Django 6.1): lockouts, their
page, their log line, unlocking, the client address behind proxies, and no cost to visitors."""

import datetime
import io
import logging
import re

import django
import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse

from tests.factories import EventFactory

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
