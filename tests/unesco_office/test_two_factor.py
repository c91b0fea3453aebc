"""Two-factor sign-in for staff (django-otp on Django 6.1): required for publishers and
superusers when ADMIN_REQUIRE_2FA is on (for editors too when ADMIN_REQUIRE_2FA_FOR says
so), optional for editors otherwise, set up from the admin after confirming it is you."""

import base64
import re
import time
from binascii import unhexlify
from urllib.parse import unquote

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.unesco_office.test_settings import PRODUCTION, assert_strict_csp, manage
from unesco_office.staff import two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture
def required(settings):
    settings.ADMIN_REQUIRE_2FA = True


def code_for(device, at=None):
    """The code an authenticator app shows for `device` now (or at `at`, a Unix time)."""
    totp = TOTP(unhexlify(device.key), device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def enrol(user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    codes = two_factor.new_recovery_codes(user)
    return device, codes


def sign_in(client, username, password=PASSWORD, next_url=None):
    url = reverse("admin:login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": password})


def is_signed_in(client):
    return SESSION_KEY in client.session


def is_verified(client):
    return DEVICE_ID_SESSION_KEY in client.session


def signed_in_with_app(client, user):
    """Sign in with a recovery code, so that the app's current code is still unused."""
    device, codes = enrol(user)
    sign_in(client, user.get_username())
    client.post(reverse("admin:login_verify"), {"code": codes.pop()})
    assert is_verified(client)
    return device, codes


def confirm_identity(client, url, password=PASSWORD, code=None):
    data = {"password": password} if code is None else {"password": password, "code": code}
    return client.post(url, data)


def recovery_codes(user):
    return sorted(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))


SETUP, RECOVERY_CODES = "/admin/two-factor/setup/", "/admin/two-factor/recovery-codes/"


# --- Who must use two factors --------------------------------------------------------------


def test_editor_without_an_app_signs_in_with_the_password(client, editor, required):
    response = sign_in(client, "editor")

    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert is_signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 200


def test_publishers_sign_in_with_the_password_when_not_required(client, publisher):
    assert sign_in(client, "publisher").url == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize("username", ["publisher", "superuser"])
def test_publishers_and_superusers_must_set_up_an_app(
    client, publisher, django_user_model, required, username
):
    django_user_model.objects.create_superuser("superuser", "", PASSWORD)

    response = sign_in(client, username)

    assert response.url == reverse("admin:login_setup")
    assert not is_signed_in(client)
    assert client.get(reverse("admin:index")).url.startswith(reverse("admin:login"))


@pytest.fixture
def required_for_staff(settings, required):
    settings.ADMIN_REQUIRE_2FA_FOR = "staff"


def test_editors_must_set_up_an_app_when_required_for_all_staff(client, editor, required_for_staff):
    response = sign_in(client, "editor")

    assert response.url == reverse("admin:login_setup")
    assert not is_signed_in(client)


def test_an_editors_session_without_an_app_ends_when_required_for_all_staff(
    editor_client, required_for_staff
):
    response = editor_client.get(reverse("admin:index"))

    assert response.url == reverse("admin:login") + "?next=/admin/"
    assert SESSION_KEY not in editor_client.session


def test_required_for_all_staff_is_off_with_two_factor_authentication(client, editor, settings):
    settings.ADMIN_REQUIRE_2FA_FOR = "staff"

    assert sign_in(client, "editor").url == reverse("admin:index")


def test_setting_up_an_app_completes_the_sign_in(client, publisher, required):
    sign_in(client, "publisher", next_url="/admin/events/event/")
    page = client.get(reverse("admin:login_setup"))
    device = TOTPDevice.objects.get(user=publisher)
    key = base64.b32encode(device.bin_key).decode()

    assert not device.confirmed
    assert re.search(
        r'<img class="two-factor-qr" src="data:image/svg\+xml;charset=utf-8,', page.text
    )
    assert " ".join(key[i : i + 4] for i in range(0, len(key), 4)) in page.text

    wrong = client.post(reverse("admin:login_setup"), {"code": "000000"})
    assert "That code is not right" in wrong.text
    assert not is_signed_in(client)

    with time_machine.travel(time.time() + 30, tick=False):  # the next code, after a wait
        codes = client.post(reverse("admin:login_setup"), {"code": code_for(device)})

    assert codes.status_code == 200
    assert is_signed_in(client) and is_verified(client)
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes.text)
    assert len(shown) == two_factor.RECOVERY_CODE_COUNT
    assert sorted(
        StaticDevice.objects.get(user=publisher).token_set.values_list("token", flat=True)
    ) == sorted(shown)
    assert 'href="/admin/events/event/"' in codes.text
    device.refresh_from_db()
    assert device.confirmed


def test_the_setup_qr_code_is_an_image_without_script_or_style(client, publisher, required):
    sign_in(client, "publisher")
    page = client.get(reverse("admin:login_setup"))
    svg = unquote(re.search(r'src="data:image/svg\+xml;charset=utf-8,([^"]+)"', page.text).group(1))
    device = TOTPDevice.objects.get(user=publisher)

    assert svg.startswith("<svg")
    assert "<script" not in svg and "style" not in svg
    assert device.config_url.startswith("otpauth://totp/unesco-office%3Apublisher?secret=")
    assert 'style="' not in page.text
    assert_strict_csp(page)


def test_a_superuser_made_with_createsuperuser_sets_up_an_app(client, required, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--no-input", "--username", "root", "--email", "")

    assert sign_in(client, "root").url == reverse("admin:login_setup")


# --- Signing in with an app ----------------------------------------------------------------


def test_a_user_with_an_app_gives_its_code(client, editor):
    device, _ = enrol(editor)

    response = sign_in(client, "editor", next_url="/admin/sectors/sector/")
    assert response.url == reverse("admin:login_verify")
    assert not is_signed_in(client)

    verified = client.post(reverse("admin:login_verify"), {"code": code_for(device)})

    assert verified.url == "/admin/sectors/sector/"
    assert is_signed_in(client) and is_verified(client)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_code_works_once(client, editor):
    device, _ = enrol(editor)
    code = code_for(device)
    sign_in(client, "editor")
    client.post(reverse("admin:login_verify"), {"code": code})
    client.logout()

    sign_in(client, "editor")
    replayed = client.post(reverse("admin:login_verify"), {"code": code})

    assert "That code is not right, or was already used" in replayed.text
    assert not is_signed_in(client)


def test_a_recovery_code_works_once(client, editor):
    _, codes = enrol(editor)

    sign_in(client, "editor")
    used = client.post(reverse("admin:login_verify"), {"code": codes[0].upper()})
    assert used.status_code == 302 and is_verified(client)
    assert StaticDevice.objects.get(user=editor).token_set.count() == len(codes) - 1
    client.logout()

    sign_in(client, "editor")
    again = client.post(reverse("admin:login_verify"), {"code": codes[0]})

    assert again.status_code == 200
    assert not is_signed_in(client)


def test_wrong_codes_lock_the_sign_in_like_wrong_passwords(client, editor):
    enrol(editor)
    sign_in(client, "editor")

    responses = [
        client.post(reverse("admin:login_verify"), {"code": f"00000{n}"}) for n in range(5)
    ]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "Too many failed sign-ins for this user name" in responses[-1].text
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 5
    assert sign_in(client, "editor").status_code == 429


def test_a_wrong_code_asks_to_wait_while_django_otp_throttles(client, editor):
    device, _ = enrol(editor)
    sign_in(client, "editor")
    client.post(reverse("admin:login_verify"), {"code": "000000"})

    too_soon = client.post(reverse("admin:login_verify"), {"code": code_for(device)})

    assert "wait a few seconds" in too_soon.text
    assert not is_signed_in(client)


def test_the_second_step_expires(client, editor):
    device, _ = enrol(editor)
    sign_in(client, "editor")

    with time_machine.travel(time.time() + two_factor.PENDING_MINUTES * 60 + 1):
        response = client.post(reverse("admin:login_verify"), {"code": code_for(device)})

    assert response.url == reverse("admin:login")
    assert not is_signed_in(client)


def test_the_second_step_needs_the_first(client, editor):
    enrol(editor)

    assert client.get(reverse("admin:login_verify")).url == reverse("admin:login")
    assert client.get(reverse("admin:login_setup")).url == reverse("admin:login")


@pytest.mark.parametrize("code", ["", "12 34 56 78 90 12 34 56 78 90 12 34", "<script>", "١٢٣٤٥٦"])
def test_a_malformed_code_is_refused_with_a_message(client, editor, code):
    enrol(editor)
    sign_in(client, "editor")

    response = client.post(reverse("admin:login_verify"), {"code": code})

    assert response.status_code == 200
    assert 'class="errornote"' in response.text
    assert not is_signed_in(client)


def test_two_factor_pages_are_never_cached(client, editor, publisher, required):
    enrol(editor)
    sign_in(client, "editor")
    verify = client.get(reverse("admin:login_verify"))
    other = type(client)()
    sign_in(other, "publisher")
    setup = other.get(reverse("admin:login_setup"))

    for response in (client.get(reverse("admin:login")), verify, setup):
        assert "no-store" in response.headers["Cache-Control"]
        assert "private" in response.headers["Cache-Control"]


# --- Sessions without the second factor ----------------------------------------------------


def test_a_session_without_the_required_second_factor_is_signed_out(publisher_client, required):
    response = publisher_client.get(reverse("admin:index"))

    assert response.url == reverse("admin:login") + "?next=/admin/"
    assert SESSION_KEY not in publisher_client.session


def test_a_session_of_a_user_with_an_app_needs_its_code(editor_client, editor):
    enrol(editor)  # on another device, after this session signed in

    response = editor_client.get(reverse("admin:events_event_changelist"))

    assert response.url.startswith(reverse("admin:login"))
    assert SESSION_KEY not in editor_client.session


# --- Setting up from the admin -------------------------------------------------------------


def test_an_editor_turns_two_factor_on_from_the_admin(editor_client, editor):
    index = editor_client.get(reverse("admin:index"))
    assert reverse("admin:two_factor") in index.text
    assert "Two-factor authentication is off" in editor_client.get(reverse("admin:two_factor")).text

    asked = editor_client.get(reverse("admin:two_factor_setup"))
    assert 'name="password"' in asked.text and 'name="code"' not in asked.text
    assert not TOTPDevice.objects.filter(user=editor).exists()

    confirmed = confirm_identity(editor_client, SETUP)
    assert confirmed.url == SETUP
    page = editor_client.get(SETUP)
    device = TOTPDevice.objects.get(user=editor)
    assert "two-factor-qr" in page.text
    codes = editor_client.post(SETUP, {"code": code_for(device)})

    assert codes.status_code == 200
    assert len(re.findall(r"<li><code>", codes.text)) == two_factor.RECOVERY_CODE_COUNT
    assert is_verified(editor_client)
    page = editor_client.get(reverse("admin:two_factor"))
    assert "Two-factor authentication is on" in page.text
    assert "You have 10 unused recovery codes" in page.text


def test_turning_two_factor_on_asks_for_the_password(editor_client, editor):
    """Whoever finds an open session cannot put their own app on the account."""
    wrong = confirm_identity(editor_client, SETUP, password="not-the-password")

    assert wrong.status_code == 200
    assert "That is not your password." in wrong.text
    assert "two-factor-qr" not in editor_client.get(SETUP).text
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 1


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    device, old = signed_in_with_app(client, editor)
    manage_page = client.get(reverse("admin:two_factor"))
    asked = client.get(RECOVERY_CODES)

    assert f'href="{RECOVERY_CODES}"' in manage_page.text
    assert 'name="password"' in asked.text and 'name="code"' in asked.text
    page = confirm_identity(client, RECOVERY_CODES, code=code_for(device))

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)
    assert len(new) == two_factor.RECOVERY_CODE_COUNT
    assert recovery_codes(editor) == sorted(new)
    assert not set(old) & set(new)


def test_a_recovery_code_confirms_it_is_you_for_new_ones(client, editor):
    _, old = signed_in_with_app(client, editor)

    page = confirm_identity(client, RECOVERY_CODES, code=old[0])

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)
    assert recovery_codes(editor) == sorted(new)


@pytest.mark.parametrize(
    ("answers", "error"),
    [
        ({}, "This field is required."),
        ({"password": PASSWORD}, "This field is required."),
        ({"password": "not-the-password", "code": "right"}, "That is not your password."),
        ({"password": PASSWORD, "code": "000000"}, "That code is not right"),
        ({"password": PASSWORD, "code": "abcdefgh"}, "That code is not right"),
    ],
)
def test_new_recovery_codes_need_the_password_and_a_current_code(client, editor, answers, error):
    device, old = signed_in_with_app(client, editor)
    if answers.get("code") == "right":
        answers["code"] = code_for(device)

    response = client.post(RECOVERY_CODES, answers)

    assert response.status_code == 200
    assert error in response.text
    assert "<li><code>" not in response.text
    assert recovery_codes(editor) == sorted(old)
    assert is_signed_in(client)


def test_a_wrong_password_does_not_use_up_the_code(client, editor):
    device, _ = signed_in_with_app(client, editor)
    code = code_for(device)

    confirm_identity(client, RECOVERY_CODES, password="not-the-password", code=code)
    page = confirm_identity(client, RECOVERY_CODES, code=code)

    assert len(re.findall(r"<li><code>", page.text)) == two_factor.RECOVERY_CODE_COUNT


def test_wrong_answers_count_as_failed_sign_ins_and_end_the_session(client, editor):
    """Someone at an open session cannot try passwords or codes here: at the throttle's
    limit the session ends, and nothing has changed."""
    device, old = signed_in_with_app(client, editor)
    answers = [
        {"password": "not-the-password", "code": code_for(device)},
        {"password": PASSWORD, "code": "000000"},
        {"password": "not-the-password-either", "code": "12345678"},
        {"password": PASSWORD, "code": "111111"},
        {"password": PASSWORD, "code": "wrongcode"},
    ]

    responses = [client.post(RECOVERY_CODES, answer) for answer in answers]

    assert [response.status_code for response in responses] == [200, 200, 200, 200, 429]
    assert "Too many failed sign-ins for this user name" in responses[-1].text
    assert not is_signed_in(client)
    assert recovery_codes(editor) == sorted(old)
    assert list(TOTPDevice.objects.filter(user=editor)) == [device]
    assert sign_in(client, "editor").status_code == 429


def test_a_locked_user_name_cannot_confirm_it_is_them(client, editor):
    device, old = signed_in_with_app(client, editor)
    other = type(client)()
    for _ in range(5):
        sign_in(other, "editor", "wrong")

    response = confirm_identity(client, RECOVERY_CODES, code=code_for(device))

    assert response.status_code == 429
    assert not is_signed_in(client)
    assert recovery_codes(editor) == sorted(old)


def test_moving_to_a_new_app_asks_for_the_password_and_a_current_code(client, editor):
    old, _ = signed_in_with_app(client, editor)

    asked = client.get(SETUP)
    assert 'name="password"' in asked.text and 'name="code"' in asked.text
    assert "two-factor-qr" not in asked.text
    assert not TOTPDevice.objects.filter(user=editor, confirmed=False).exists()

    wrong = confirm_identity(client, SETUP, code="000000")
    assert "That code is not right" in wrong.text
    assert "two-factor-qr" not in client.get(SETUP).text

    # Posting a new app's code without confirming first changes nothing either.
    skipped = client.post(SETUP, {"code": "123456"})
    assert skipped.url == SETUP
    assert list(TOTPDevice.objects.filter(user=editor)) == [old]

    with time_machine.travel(time.time() + 30, tick=False):  # after django-otp's wait
        confirmed = confirm_identity(client, SETUP, code=code_for(old))
        assert confirmed.url == SETUP
        assert "two-factor-qr" in client.get(SETUP).text
        new = TOTPDevice.objects.get(user=editor, confirmed=False)
        codes = client.post(SETUP, {"code": code_for(new)})

    assert len(re.findall(r"<li><code>", codes.text)) == two_factor.RECOVERY_CODE_COUNT
    assert list(TOTPDevice.objects.filter(user=editor)) == [new]
    assert client.get(reverse("admin:index")).status_code == 200
    # The confirmation was used up: another move asks again.
    assert "two-factor-qr" not in client.get(SETUP).text


def test_the_confirmation_lasts_a_few_minutes(client, editor):
    old, _ = signed_in_with_app(client, editor)
    confirm_identity(client, SETUP, code=code_for(old))
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=editor, confirmed=False)

    later = time.time() + two_factor.CONFIRMED_MINUTES * 60 + 1
    with time_machine.travel(later, tick=False):
        response = client.post(SETUP, {"code": code_for(new)}, follow=True)

    assert "Please confirm it is you again" in response.text
    assert 'name="password"' in response.text
    assert list(TOTPDevice.objects.filter(user=editor, confirmed=True)) == [old]


def test_recovery_codes_need_an_app(editor_client):
    assert editor_client.get(RECOVERY_CODES).url == reverse("admin:two_factor")
    assert editor_client.post(RECOVERY_CODES, {"password": PASSWORD}).url == reverse(
        "admin:two_factor"
    )


def test_a_secret_shown_to_an_earlier_session_can_never_be_confirmed(client, publisher, required):
    """Someone who had the password and opened the setup first does not get to choose the app."""
    intruder = type(client)()
    sign_in(intruder, "publisher")
    intruder.get(reverse("admin:login_setup"))
    intruders_device = TOTPDevice.objects.get(user=publisher)

    sign_in(client, "publisher")
    client.get(reverse("admin:login_setup"))
    response = intruder.post(reverse("admin:login_setup"), {"code": code_for(intruders_device)})

    assert not TOTPDevice.objects.filter(pk=intruders_device.pk).exists()
    assert SESSION_KEY not in intruder.session
    assert response.status_code == 200


def test_a_superuser_resets_a_lost_app_in_the_admin(client, admin_client, publisher, settings):
    device, _ = enrol(publisher)

    deleted = admin_client.post(
        reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
    )
    settings.ADMIN_REQUIRE_2FA = True

    assert deleted.status_code == 302
    assert sign_in(client, "publisher").url == reverse("admin:login_setup")


def test_superusers_never_see_an_apps_secret(admin_client, editor):
    device, _ = enrol(editor)

    page = admin_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    qr = admin_client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))

    assert page.status_code == 200
    assert device.key not in page.text
    assert qr.status_code == 403


# --- Settings ------------------------------------------------------------------------------


def test_two_factor_is_required_by_default_in_production_only():
    def required(**env):
        result = manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.ADMIN_REQUIRE_2FA)",
            **env,
        )
        return result.stdout.split()[-1]

    assert required(**PRODUCTION) == "True"
    assert required(**PRODUCTION, DJANGO_ADMIN_REQUIRE_2FA="0") == "False"
    assert required(DJANGO_DEBUG="1") == "False"
    assert required(DJANGO_DEBUG="1", DJANGO_ADMIN_REQUIRE_2FA="1") == "True"


def test_who_must_use_two_factors_is_a_setting():
    def required_for(**env):
        result = manage(
            "shell",
            "-c",
            "from django.conf import settings; print(settings.ADMIN_REQUIRE_2FA_FOR)",
            **PRODUCTION,
            **env,
        )
        return result.stdout.split()[-1] if result.returncode == 0 else result.stderr

    assert required_for() == "publishers"
    assert required_for(DJANGO_ADMIN_REQUIRE_2FA_FOR="") == "publishers"
    assert required_for(DJANGO_ADMIN_REQUIRE_2FA_FOR=" Staff ") == "staff"
    assert "must be publishers (publishers and superusers) or staff" in required_for(
        DJANGO_ADMIN_REQUIRE_2FA_FOR="editors"
    )


def test_the_demo_login_signs_in_with_its_password_for_local_use(client, settings, capsys):
    """`make demo` runs with DEBUG on, where two-factor authentication is not required."""
    settings.DEBUG = True
    call_command("create_demo_login")
    password = re.search(r"Password: (\S+)", capsys.readouterr().out).group(1)

    response = sign_in(client, "admin", password)

    assert response.url == reverse("admin:index")
    assert is_signed_in(client)


def test_the_demo_login_says_when_two_factor_authentication_is_required(settings, capsys):
    settings.ADMIN_REQUIRE_2FA = True

    call_command("create_demo_login", "--force")

    assert "the first sign-in asks you to set up an authenticator app" in capsys.readouterr().out
