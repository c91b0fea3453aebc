"""Settings come from the environment and fail closed in production."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from unesco_office.settings import base

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "office.example.org",
    "DJANGO_SETTINGS_MODULE": "unesco_office.settings.base",
}


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **(PRODUCTION | {"DJANGO_SECRET_KEY": ""}))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_ssl_redirect_can_be_left_to_a_proxy():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS)",
        **PRODUCTION,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_PROXY_SSL_HEADER="1",
    )

    assert result.stdout.split()[-4:] == [
        "False",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "31536000",
    ]


def test_malformed_number_names_the_variable():
    result = manage("check", DJANGO_DEBUG="1", DJANGO_CONN_MAX_AGE="sixty")

    assert result.returncode != 0
    assert "DJANGO_CONN_MAX_AGE must be a whole number" in result.stderr


def test_database_url_selects_the_database(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://office:secret@db.internal:5433/office")
    import dj_database_url

    config = dj_database_url.config(default="sqlite:///x")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "office")


def test_hsts_lasts_at_least_a_year_and_cookies_are_secure_in_production():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        **PRODUCTION,
    )

    assert result.stdout.split()[-3:] == ["True", "True", "True"]


def test_password_validators_are_on():
    names = {validator["NAME"].rsplit(".", 1)[-1] for validator in base.AUTH_PASSWORD_VALIDATORS}

    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= names


CSP_DIRECTIVES = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]


def assert_strict_csp(response):
    policy = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    for directive in CSP_DIRECTIVES:
        assert directive in policy


@pytest.mark.parametrize("url", [reverse("admin:login"), reverse("healthz")])
def test_strict_csp_on_anonymous_pages(client, url):
    assert_strict_csp(client.get(url))


def test_strict_csp_on_admin_pages(admin_client):
    for url in [reverse("admin:index"), reverse("admin:sectors_sector_add")]:
        assert_strict_csp(admin_client.get(url))


def test_admin_scripts_carry_the_nonce(admin_client):
    response = admin_client.get(reverse("admin:sectors_sector_add"))
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    scripts = re.findall(r"<script\b[^>]*>", response.content.decode())

    assert len(scripts) > 3
    assert [tag for tag in scripts if f'nonce="{nonce}"' not in tag] == []


def test_healthz_reports_the_database(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_every_environment_variable_is_documented():
    source = (settings.BASE_DIR / "unesco_office/settings/base.py").read_text()
    used = set(re.findall(r"\b((?:DJANGO_|DATABASE_|REDIS_)[A-Z0-9_]*[A-Z0-9])\b", source)) - {
        "DJANGO_SETTINGS_MODULE"
    }
    example = (settings.BASE_DIR / ".env.example").read_text()
    readme = (settings.BASE_DIR / "README.md").read_text()

    assert used
    assert {name for name in used if f"{name}=" not in example} == set()
    assert {name for name in used if f"`{name}`" not in readme} == set()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_RATE_LIMIT_BUDGET": "8"},
            "DJANGO_RATE_LIMIT_BUDGET must be 0 (no limit) or at least 20",
        ),
        (
            {"DJANGO_RATE_LIMIT_WINDOW_SECONDS": "0"},
            "DJANGO_RATE_LIMIT_WINDOW_SECONDS must be 1 or more",
        ),
        ({"DJANGO_TASKS_BACKEND": "celery"}, "DJANGO_TASKS_BACKEND is “database” or “immediate”"),
    ],
)
def test_a_rate_limit_or_task_backend_that_cannot_work_stops_the_site(env, message):
    result = manage("check", DJANGO_DEBUG="1", **env)

    assert result.returncode != 0
    assert message in result.stderr
