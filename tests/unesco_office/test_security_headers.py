"""Security headers on every response, and the HTTP Observatory's score of the site's pages."""

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import override_settings
from django.urls import reverse

from tests import observatory
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

HOST = "office.example.org"
ORIGIN = "https://observatory.example"
NEVER_USED = ["camera", "microphone", "geolocation", "payment", "usb", "serial", "midi"]


@pytest.fixture
def production(settings):
    """The production settings' security (DEBUG off, HTTPS only), for the site's host."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_SSL_REDIRECT = True
    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31_536_000


@pytest.fixture
def event(db):
    return EventFactory()


PAGES = {
    "home": lambda event: "/",
    "event list": lambda event: reverse("events:list"),
    "event page": lambda event: event.get_absolute_url(),
    "admin login": lambda event: reverse("admin:login"),
}


def observe(client, url):
    https = client.get(url, secure=True, headers={"host": HOST, "origin": ORIGIN})
    http = client.get(url, headers={"host": HOST})
    assert https.status_code == 200
    return observatory.score(https, http, origin=ORIGIN)


@pytest.mark.parametrize("page", list(PAGES))
def test_observatory_score_is_at_least_115(client, production, event, page):
    score = observe(client, PAGES[page](event))

    print(f"\n{page}: {score.total}\n{score.breakdown()}")
    assert score.total >= 115, score.breakdown()
    assert all(result.modifier >= 0 for result in score.results), score.breakdown()


def test_observatory_rules_see_what_is_missing(client, production, event, settings):
    """The rules are computed from the headers, not taken for granted: without the policy,
    HSTS, CORP and with a leaky referrer policy the same page scores far lower."""
    settings.SECURE_HSTS_SECONDS = 0
    settings.SECURE_REFERRER_POLICY = "unsafe-url"
    settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY = None
    settings.SECURE_CSP = {}

    score = observe(client, "/")

    results = {result.test: result.result for result in score.results}
    assert results["content-security-policy"] == "csp-not-implemented"
    assert results["strict-transport-security"] == "hsts-not-implemented"
    assert results["referrer-policy"] == "referrer-policy-unsafe"
    assert results["cross-origin-resource-policy"] == "corp-not-implemented"
    assert results["x-frame-options"] == "x-frame-options-sameorigin-or-deny"
    assert score.total == 100 - 25 - 20 - 5


def test_observatory_cookie_rules():
    class Response:
        headers = {"Strict-Transport-Security": "max-age=31536000"}

        def __init__(self, **cookies):
            self.cookies = HttpResponse().cookies
            for name, flags in cookies.items():
                self.cookies[name] = "x"
                for flag, value in flags.items():
                    self.cookies[name][flag] = value

    secure = {"secure": True, "httponly": True, "samesite": "Lax"}
    assert observatory.cookies(Response()) == "cookies-not-found"
    assert (
        observatory.cookies(Response(sessionid=secure, csrftoken=secure))
        == "cookies-secure-with-httponly-sessions-and-samesite"
    )
    assert (
        observatory.cookies(Response(sessionid=secure | {"httponly": False}))
        == "cookies-session-without-httponly-flag"
    )
    assert (
        observatory.cookies(Response(csrftoken={"secure": True}))
        == "cookies-anticsrf-without-samesite-flag"
    )


def test_an_unsafe_policy_loses_points():
    policy = observatory.parse_csp("default-src 'self'; script-src 'self' 'unsafe-inline'")
    assert observatory.content_security_policy(policy) == "csp-implemented-with-unsafe-inline"
    policy = observatory.parse_csp("default-src 'self'; script-src 'self' 'nonce-abc'")
    assert observatory.content_security_policy(policy) == "csp-implemented-with-no-unsafe"


URLS = {
    "home": "/",
    "French home": "/fr/",
    "event list": "/events/",
    "admin login": "/admin/login/",
    "not found": "/no-such-page/",
    "health check": "/healthz",
    "static file": "/static/css/site.css",
    "sitemap": "/sitemap.xml",
}


@pytest.mark.parametrize("name", list(URLS))
def test_every_response_carries_the_security_headers(client, name):
    response = client.get(URLS[name], secure=True)

    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    policy = dict(item.split("=") for item in response.headers["Permissions-Policy"].split(", "))
    assert {feature: policy[feature] for feature in NEVER_USED} == dict.fromkeys(NEVER_USED, "()")


def test_the_content_security_policy_allows_nothing_by_default(client):
    policy = observatory.parse_csp(client.get("/").headers["Content-Security-Policy"])

    assert policy["default-src"] == {"'none'"}
    assert "'unsafe-inline'" not in policy["script-src"] | policy["style-src"]
    assert policy["form-action"] == {"'self'"}


class ServeFromCache:
    """Stands for a page cache: answers without calling the view or anything after it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return HttpResponse("<!doctype html><title>cached</title>")


def test_headers_are_added_around_a_page_cache(client):
    """A page cache sits after the security middleware; what it serves gets the headers."""
    middleware = list(django_settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
        f"{__name__}.ServeFromCache",
    )

    with override_settings(MIDDLEWARE=middleware):
        response = client.get("/", secure=True)

    assert response.content.endswith(b"cached</title>")
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" in response.headers
