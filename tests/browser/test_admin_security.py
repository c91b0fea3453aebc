"""The admin's sign-in in a real browser: a lockout's page, and two-factor set-up and sign-in.

SCREENSHOT_DIR keeps a screenshot of the locked-out page and of the set-up page.
"""

import os
import re
import time
from base64 import b32decode

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from playwright.sync_api import expect

from unesco_office.staff import two_factor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


def assert_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def screenshot(page, name):
    shots = os.environ.get("SCREENSHOT_DIR")
    if shots:
        os.makedirs(shots, exist_ok=True)
        page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def submit_sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def test_a_locked_out_sign_in_says_so(page, live_server, editor):
    for _ in range(4):
        submit_sign_in(page, live_server, "editor", "not-my-password")
        expect(page.locator(".errornote")).to_contain_text("Please enter the correct username")

    submit_sign_in(page, live_server, "editor", "not-my-password")

    message = page.get_by_role("alert")
    expect(message).to_contain_text("Too many failed sign-ins for this user name")
    expect(message).to_contain_text("locked for 15 minutes")
    expect(page.locator("#id_password")).to_have_count(0)
    assert "nonce=" not in page.locator("body").inner_text()
    assert_accessible(page)
    screenshot(page, "admin-login-locked")

    # The right password changes nothing while the lock lasts.
    submit_sign_in(page, live_server, "editor", PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("locked for 15 minutes")
    assert page.url == f"{live_server.url}/admin/login/"
    status = "the server responded with a status of 429 (Too Many Requests)"
    assert [error for error in page.console_errors if status not in error] == []


def app_code(secret, at=None):
    key = b32decode(secret.replace(" ", ""))
    totp = TOTP(key)
    totp.time = time.time() if at is None else at
    return f"{totp.token():06d}"


def test_a_publisher_sets_up_two_factor_then_signs_in_with_it(
    page, live_server, publisher, settings
):
    settings.ADMIN_REQUIRE_2FA = True

    submit_sign_in(page, live_server, "publisher", PASSWORD)
    page.wait_for_url(f"{live_server.url}/admin/login/setup/")
    qr = page.locator("img.two-factor-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 0  # the data: URI image loaded
    secret = page.locator(".two-factor-secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", secret)
    assert_accessible(page)
    screenshot(page, "admin-two-factor-setup")

    page.fill("#id_code", app_code(secret))
    page.click("input[type=submit]")
    codes = page.locator(".two-factor-codes code")
    expect(codes).to_have_count(two_factor.RECOVERY_CODE_COUNT)
    assert "nonce=" not in page.locator("body").inner_text()
    assert_accessible(page)
    screenshot(page, "admin-two-factor-recovery-codes")
    page.click("text=I have kept them: continue")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.locator("#user-tools").get_by_role("link", name="Two-factor authentication").click()
    expect(page.locator("#content-main")).to_contain_text("Two-factor authentication is on")
    expect(page.locator("#content-main")).to_contain_text("10 unused recovery codes")
    assert_accessible(page)
    screenshot(page, "admin-two-factor-manage")

    page.locator("#logout-form button").click()
    submit_sign_in(page, live_server, "publisher", PASSWORD)
    page.wait_for_url(f"{live_server.url}/admin/login/verify/")
    assert_accessible(page)
    screenshot(page, "admin-two-factor-verify")
    page.fill("#id_code", app_code(secret, at=time.time() + 30))  # the app's next code
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.console_errors == []


def test_pages_raise_no_permissions_policy_warning(page, live_server):
    """Chromium reports features it does not know in the Permissions-Policy header (it knows
    neither ambient-light-sensor nor bluetooth, which are left out for that)."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))

    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/admin/login/")

    assert [text for text in messages if "Permissions-Policy" in text] == []
    assert page.console_errors == []
