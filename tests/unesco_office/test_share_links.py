"""Share links: a draft's page for someone outside the admin, signed, expiring, revocable."""

import datetime
from urllib.parse import quote, quote_from_bytes

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event
from tests.factories import EventFactory, SiteFactory
from tests.strategies import values
from tests.unesco_office.test_admin import admin_url
from unesco_office.core.models import Publishable
from unesco_office.models import AuditEntry, ShareLink

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT
INVALID = "This link does not open a page"
LANGUAGES = st.sampled_from(["", "/fr", "/zh-hans"])


def create_link(client, record, days=7, label="Ministry of Culture"):
    url = admin_url(type(record), "share", record.pk)
    response = client.post(url, {"create": "1", "label": label, "days": str(days)})
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ShareLink.objects.for_record(record).first()


def assert_private(response):
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_partner_reads_the_saved_draft_through_its_link(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None, title="Draft for partners")
    link = create_link(editor_client, draft)

    response = client.get(link.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft for partners" in html
    assert "Preview, not published" in html and "This link works until" in html
    assert_private(response)
    assert "/admin/" not in html


def test_the_banner_gives_the_end_of_the_link_as_the_site_writes_dates(
    editor_client, client, settings
):
    settings.TIME_ZONE = "Asia/Shanghai"
    link = create_link(editor_client, EventFactory(status=DRAFT, published_at=None))
    ShareLink.objects.filter(pk=link.pk).update(
        expires_at=datetime.datetime(2026, 12, 20, 7, 0, tzinfo=datetime.UTC)
    )

    english = client.get(link.get_absolute_url()).content.decode()
    french = client.get(f"/fr/share/{link.token}/")

    # The time zone is named as CLDR names it, in the page's language ("CST" is also three
    # other zones' abbreviation).
    assert "This link works until 20 December 2026 15:00 (China Standard Time)." in english
    # French dates keep their parts together with no-break spaces.
    assert (
        "Ce lien est valable jusqu’au 20 décembre 2026 15:00 (heure normale de la Chine)."
        in " ".join(french.text.split())
    )


def test_the_link_reads_in_every_language(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None, title_fr="Brouillon")
    link = create_link(editor_client, draft)
    token = link.token

    response = client.get(f"/fr/share/{token}/")

    assert '<html lang="fr"' in response.content.decode()
    assert "Brouillon" in response.content.decode()
    assert f'href="/zh-hans/share/{token}/"' in response.content.decode()


def test_the_share_page_lists_the_link_in_each_language(editor_client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft)

    page = editor_client.get(admin_url(Event, "share", draft.pk))

    html = page.content.decode()
    assert f"http://testserver/share/{link.token}/" in html
    assert f"http://testserver/fr/share/{link.token}/" in html
    assert "Ministry of Culture" in html
    assert "no-store" in page["Cache-Control"]


def test_a_link_expires_after_the_time_chosen(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft, days=3)
    assert link.expires_at - link.created_at == datetime.timedelta(days=3)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2, hours=23)):
        assert client.get(link.get_absolute_url()).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3, minutes=1)):
        response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert INVALID in response.content.decode()
    assert_private(response)


@pytest.mark.parametrize("days", ["15", "0", "-1", "many", ""])
def test_a_link_cannot_outlive_fourteen_days(editor_client, days):
    draft = EventFactory(status=DRAFT, published_at=None)

    response = editor_client.post(
        admin_url(Event, "share", draft.pk), {"create": "1", "days": days}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    assert not ShareLink.objects.exists()


def test_the_expiry_signed_into_the_token_holds_whatever_the_link_says(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft, days=1)
    url = link.get_absolute_url()
    ShareLink.objects.filter(pk=link.pk).update(
        expires_at=timezone.now() + datetime.timedelta(days=60)
    )

    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert client.get(url).status_code == 404


def test_the_address_of_a_link_does_not_change(editor_client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft)

    assert ShareLink.objects.get(pk=link.pk).token == link.token


def test_a_revoked_link_opens_nothing(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft)
    url = link.get_absolute_url()

    response = editor_client.post(admin_url(Event, "share", draft.pk), {"revoke": str(link.pk)})

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    page = client.get(url)
    assert page.status_code == 404 and INVALID in page.content.decode()
    sharing = AuditEntry.objects.filter(action__in=["shared", "share-revoked"]).order_by("pk")
    assert list(sharing.values_list("action", "username", "object_repr")) == [
        ("shared", "editor", str(draft)),
        ("share-revoked", "editor", str(draft)),
    ]


def test_a_link_to_a_deleted_record_opens_nothing(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft)
    url = link.get_absolute_url()
    draft.delete()

    assert client.get(url).status_code == 404
    assert not ShareLink.objects.exists()


FUTURE = 2**40


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        signing.Signer(salt=ShareLink.SALT).sign_object(
            {"link": 1, "key": "guess", "until": FUTURE}
        ),
        signing.Signer(salt=ShareLink.SALT).sign_object({"link": "1", "key": 2, "until": FUTURE}),
        signing.Signer(salt=ShareLink.SALT).sign_object([1, 2]),
        signing.Signer(salt=ShareLink.SALT).sign_object(
            {"link": 2**70, "key": "x", "until": FUTURE}
        ),
        signing.Signer(salt=ShareLink.SALT).sign_object({"link": 1, "key": "x", "until": "soon"}),
        signing.Signer(salt="another purpose").sign_object(
            {"link": 1, "key": "x", "until": FUTURE}
        ),
        signing.dumps({"link": 1, "key": "x", "until": FUTURE}, salt=ShareLink.SALT),
    ],
)
def test_a_bad_token_gets_the_same_plain_404(client, token):
    EventFactory(status=DRAFT, published_at=None)

    response = client.get(reverse("share", args=[token]))

    assert response.status_code == 404
    assert INVALID in response.content.decode()
    assert_private(response)


def test_a_token_is_bound_to_its_key(editor_client, client):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft)
    # Another last character: a fixed one would be the key's own once in 64 runs.
    other = "B" if link.key.endswith("A") else "A"
    forged = signing.Signer(salt=ShareLink.SALT).sign_object(
        {"link": link.pk, "key": link.key[:-1] + other, "until": FUTURE}
    )

    assert client.get(reverse("share", args=[forged])).status_code == 404


def test_any_token_never_fails(client):
    EventFactory(status=DRAFT, published_at=None)
    checked = []

    @settings(
        max_examples=100,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(token=st.one_of(values, st.binary(min_size=1, max_size=80)), language=LANGUAGES)
    def check(token, language):
        if isinstance(token, bytes):
            token = quote_from_bytes(token, safe="")
        path = f"{language}/share/{quote(token, safe='%')}/"
        response = client.get(path)
        assert response.status_code in {404, 301}, path
        checked.append(path)

    check()

    assert len(checked) >= 50


def test_editors_cannot_share_a_live_record(editor_client):
    live = EventFactory()

    response = editor_client.post(admin_url(Event, "share", live.pk), {"create": "1", "days": "7"})

    assert response.status_code == 403
    assert not ShareLink.objects.exists()


def test_a_link_of_another_record_cannot_be_revoked_from_here(editor_client):
    one, other = (EventFactory(status=DRAFT, published_at=None) for _ in range(2))
    link = create_link(editor_client, other)

    editor_client.post(admin_url(Event, "share", one.pk), {"revoke": str(link.pk)})

    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", ""])
def test_a_bad_revoke_value_changes_nothing(editor_client, value):
    draft = EventFactory(status=DRAFT, published_at=None)
    link = create_link(editor_client, draft)

    response = editor_client.post(admin_url(Event, "share", draft.pk), {"revoke": value})

    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_share_link_works_for_any_kind_of_record(editor_client, client):
    site = SiteFactory(status=DRAFT, published_at=None, name="Draft site")
    link = create_link(editor_client, site)

    assert "Draft site" in client.get(link.get_absolute_url()).content.decode()
