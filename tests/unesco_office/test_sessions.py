"""Staff sessions end when idle; passwords change only with the current one; the sign-in is
never cached; visitors get no cookie and no session."""

import datetime

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EventFactory
from tests.unesco_office.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
NEW_PASSWORD = "another-long-password-2026"
START = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=datetime.UTC)


def test_a_staff_session_ends_after_the_idle_time(client, editor, settings):
    assert settings.SESSION_IDLE_MINUTES == 60
    with time_machine.travel(START, tick=False) as clock:
        client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})

        # Every request starts the idle time again: three hours of work with pauses.
        for _ in range(3):
            clock.shift(datetime.timedelta(minutes=59))
            assert client.get(reverse("admin:index")).status_code == 200

        clock.shift(datetime.timedelta(minutes=60, seconds=1))
        response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert SESSION_KEY not in client.session


def test_the_session_cookie_lasts_the_idle_time(client, editor):
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})

    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == 3600
    assert cookie["httponly"] and cookie["secure"]
    assert cookie["samesite"] == "Lax"


def test_the_idle_time_comes_from_the_environment():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE)",
        **PRODUCTION,
        DJANGO_SESSION_IDLE_MINUTES="15",
    )

    assert result.stdout.split()[-1] == "900"


def test_every_admin_page_gives_the_session_its_whole_idle_time_again(client, editor):
    with time_machine.travel(START, tick=False) as clock:
        client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
        clock.shift(datetime.timedelta(minutes=30))

        response = client.get(reverse("admin:index"))

    assert response.cookies["sessionid"]["max-age"] == 3600
    session = Session.objects.get()
    assert session.expire_date == START + datetime.timedelta(minutes=30 + 60)


def change_password(client, old):
    return client.post(
        reverse("admin:password_change"),
        {"old_password": old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


@pytest.mark.parametrize("old", ["", "not-the-password"])
def test_a_password_change_needs_the_current_password(editor_client, editor, old):
    response = change_password(editor_client, old)

    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_a_password_change_with_the_current_password_keeps_the_session(editor_client, editor):
    response = change_password(editor_client, PASSWORD)

    assert response.url == reverse("admin:password_change_done")
    editor.refresh_from_db()
    assert editor.check_password(NEW_PASSWORD)
    assert editor_client.get(reverse("admin:index")).status_code == 200


def test_superusers_change_their_own_password_with_the_current_one(admin_client, admin_user):
    own = admin_client.get(reverse("admin:auth_user_password_change", args=[admin_user.pk]))

    assert own.url == reverse("admin:password_change")


def test_superusers_still_set_other_users_passwords(admin_client, editor):
    other = admin_client.get(reverse("admin:auth_user_password_change", args=[editor.pk]))

    assert other.status_code == 200
    assert "old_password" not in other.context["form"].fields


def test_the_sign_in_page_is_never_cached(client):
    response = client.get(reverse("admin:login"))

    directives = {d.strip() for d in response.headers["Cache-Control"].split(",")}
    assert {"no-store", "no-cache", "private", "max-age=0"} <= directives


@pytest.mark.parametrize("cookie", ["made-up-session-key", "x" * 32])
def test_a_public_page_never_starts_or_saves_a_session_for_a_cookie_it_does_not_know(
    client, cookie
):
    """A stale or made-up session cookie (a bot may send a new one each time) costs no
    write: the page creates no session for it, and reads the store at most once, to learn
    that no one signed in holds it (the page cache then serves it)."""
    client.cookies["sessionid"] = cookie

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/events/")

    assert response.status_code == 200
    sessions = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]
    assert len(sessions) <= 1 and all(sql.startswith("SELECT") for sql in sessions)
    # The browser is told to forget the cookie, if anything.
    assert "sessionid" not in response.cookies or response.cookies["sessionid"].value == ""
    assert not Session.objects.exists()


def test_a_public_page_leaves_a_staff_session_as_it_is(editor_client):
    session = Session.objects.get()

    with time_machine.travel(session.expire_date - datetime.timedelta(minutes=5)):
        response = editor_client.get("/events/")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.get().expire_date == session.expire_date


@pytest.mark.parametrize("url", ["/", "/events/", "/fr/events/"])
def test_visitors_get_no_cookie_and_no_session(client, url):
    """A page cache may store these pages: they must not depend on, or set, a cookie."""
    EventFactory()

    response = client.get(url)

    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.headers.get("Vary", "")
    assert not Session.objects.exists()
