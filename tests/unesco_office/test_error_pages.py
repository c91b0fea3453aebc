"""The server error page: styled like the site, and shown without the database.

These tests have no database access at all (pytest-django refuses any query), so the page
is proved to need neither the database nor the context processors that read it.
"""

import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import Client
from django.urls import path


def fail(request):
    raise RuntimeError("Something broke while building the page.")


urlpatterns = i18n_patterns(path("fail/", fail), prefix_default_language=False)

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [("/fail/", "en", "Something went wrong"), ("/fr/fail/", "fr", "Une erreur s’est produite")],
)
def test_a_failing_page_shows_the_styled_error_page_in_its_language(
    client, settings, path, language, heading
):
    settings.DEBUG = False

    response = client.get(path)

    assert response.status_code == 500
    html = response.text
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert '<header class="site-header">' in html
    assert '<a href="/">' in html
    assert "Something broke" not in html
    assert not re.search(r"<[^>]+\sstyle\s*=|<style|<script", html)
    assert "Content-Security-Policy" in response.headers
