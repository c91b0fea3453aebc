"""The audit trail: every path that publishes, unpublishes, imports, restores or deletes
writes who did what to which record, when and through what; publishers read it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from countries.models import Site
from events.models import Event
from sectors.models import Sector
from tests.countries.test_admin_world_heritage import URL as WORLD_HERITAGE_URL
from tests.countries.test_admin_world_heritage import upload
from tests.countries.test_world_heritage_parser import ROWS, write_xlsx, xlsx_bytes
from tests.factories import CentreFactory, CountryFactory, EventFactory, SectorFactory, SiteFactory
from tests.unesco_office.test_admin import admin_url, form_data
from tests.unesco_office.test_import_export import csv_file, import_file, preview
from unesco_office.core.models import Publishable
from unesco_office.models import AuditEntry
from unesco_office.staff import audit

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = Publishable.Status.DRAFT, Publishable.Status.PUBLISHED
FACTORIES = [SectorFactory, CountryFactory, SiteFactory, CentreFactory, EventFactory]


def entries(**filters):
    """(action, user name, via, record) of the entries written, oldest first."""
    return list(
        AuditEntry.objects.filter(**filters)
        .order_by("pk")
        .values_list("action", "username", "via", "object_repr")
    )


@pytest.fixture
def draft():
    with audit.acting():  # set-up writes nothing worth checking
        record = EventFactory(status=DRAFT, published_at=None)
    AuditEntry.objects.all().delete()
    return record


def save_form(client, record, **changes):
    url = admin_url(type(record), "change", record.pk)
    response = client.post(url, form_data(client.get(url)) | changes)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_publishing_and_unpublishing_through_the_form(publisher_client, draft):
    before = str(draft)
    save_form(publisher_client, draft, status=PUBLISHED)
    save_form(publisher_client, draft, title_en="Edited while live")
    save_form(publisher_client, draft, status=DRAFT)

    draft.refresh_from_db()
    assert entries() == [
        ("published", "publisher", "admin", before),
        ("unpublished", "publisher", "admin", str(draft)),
    ]
    entry = AuditEntry.objects.first()
    assert entry.content_type.model_class() is Event and entry.object_id == draft.pk
    assert entry.at <= timezone.now()


def test_a_scheduled_publication_says_when(publisher_client, draft):
    save_form(
        publisher_client,
        draft,
        status=PUBLISHED,
        published_at_0="2030-01-02",
        published_at_1="09:30",
        unpublish_at_0="2030-02-01",
        unpublish_at_1="00:00",
    )

    (entry,) = AuditEntry.objects.all()
    assert entry.detail == "from 2030-01-02 09:30 UTC, until 2030-02-01 00:00 UTC"


def test_a_record_added_as_published_is_a_publication(publisher_client):
    data = form_data(publisher_client.get(admin_url(Sector, "add"))) | {
        "name_en": "Communication",
        "slug": "communication",
        "code": "CI",
        "colour": "#123456",
        "order": "1",
        "status": PUBLISHED,
    }

    response = publisher_client.post(admin_url(Sector, "add"), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert entries() == [("published", "publisher", "admin", "Communication")]


def test_bulk_actions(publisher_client, draft):
    other = EventFactory()
    AuditEntry.objects.all().delete()
    url = admin_url(Event, "changelist")
    selected = [str(draft.pk), str(other.pk)]

    publisher_client.post(url, {"action": "publish", "_selected_action": selected})
    publisher_client.post(url, {"action": "unpublish", "_selected_action": selected})

    assert sorted(entries()) == [
        ("published", "publisher", "bulk-action", str(draft)),
        ("unpublished", "publisher", "bulk-action", str(draft)),
        ("unpublished", "publisher", "bulk-action", str(other)),
    ]


def test_deleting_one_or_many(publisher_client):
    one, two, three = (SectorFactory() for _ in range(3))
    AuditEntry.objects.all().delete()

    publisher_client.post(admin_url(Sector, "delete", one.pk), {"post": "yes"})
    publisher_client.post(
        admin_url(Sector, "changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [two.pk, three.pk]},
    )

    assert sorted(entries()) == sorted(
        ("deleted", "publisher", "admin", str(record)) for record in (one, two, three)
    )
    assert not Sector.objects.exists()


def test_restoring_an_earlier_version(publisher_client):
    record = EventFactory(summary="First text.")
    url = admin_url(Event, "change", record.pk)
    save_form(publisher_client, record)
    save_form(publisher_client, record, summary_en="Second text.", status=DRAFT)
    first = Version.objects.get_for_object(record).order_by("pk").first()
    revision_url = admin_url(Event, "revision", record.pk, first.pk)
    AuditEntry.objects.all().delete()
    publisher_client.get(revision_url)  # looking restores nothing
    assert not AuditEntry.objects.exists()

    response = publisher_client.post(revision_url, form_data(publisher_client.get(revision_url)))

    assert response.status_code == 302
    assert entries() == [("restored", "publisher", "history", str(record))]
    assert AuditEntry.objects.get().detail.startswith("the version saved on ")
    record.refresh_from_db()
    assert record.summary == "First text." and record.status == PUBLISHED
    assert publisher_client.get(url).status_code == 200


def test_bringing_back_a_deleted_record(publisher_client):
    record = SectorFactory()
    save_form(publisher_client, record)
    AuditEntry.objects.all().delete()
    publisher_client.post(admin_url(Sector, "delete", record.pk), {"post": "yes"})
    version = Version.objects.get_deleted(Sector).get(object_id=str(record.pk))
    recover_url = admin_url(Sector, "recover", version.pk)

    publisher_client.post(recover_url, form_data(publisher_client.get(recover_url)))

    assert [entry[0] for entry in entries()] == ["deleted", "restored"]
    assert "deleted; brought back" in AuditEntry.objects.get(action="restored").detail


def test_a_spreadsheet_import(publisher_client):
    sector = SectorFactory(slug="culture")
    country = CountryFactory(slug="mongolia")
    live = EventFactory(slug="live", country=country, sectors=[sector])
    AuditEntry.objects.all().delete()
    start = live.start_date.isoformat()
    rows = [
        {"slug": "live", "title_en": "Renamed", "start_date": start, "status": "published"},
        {"slug": "new", "title_en": "New", "start_date": "2030-01-01", "status": "published"},
        {"slug": "quiet", "title_en": "Quiet", "start_date": "2030-01-01", "status": "draft"},
    ]

    import_file(
        publisher_client, Event, csv_file(rows, ["slug", "title_en", "start_date", "status"])
    )

    new, quiet = Event.objects.get(slug="new"), Event.objects.get(slug="quiet")
    assert sorted(entries()) == sorted(
        [
            ("imported", "publisher", "spreadsheet", str(Event.objects.get(pk=live.pk))),
            ("imported", "publisher", "spreadsheet", str(new)),
            ("published", "publisher", "spreadsheet", str(new)),
            ("imported", "publisher", "spreadsheet", str(quiet)),
        ]
    )
    assert set(AuditEntry.objects.values_list("detail", flat=True)) == {"records.csv", ""}


def test_an_import_check_writes_nothing(publisher_client):
    rows = [{"slug": "new", "title_en": "New", "start_date": "2030-01-01", "status": "published"}]
    preview(publisher_client, Event, csv_file(rows))

    assert not AuditEntry.objects.exists()


def test_the_world_heritage_import_from_the_admin(office, publisher_client):
    AuditEntry.objects.all().delete()
    check = upload(publisher_client, xlsx_bytes())
    assert not AuditEntry.objects.exists()  # the check is a dry run

    publisher_client.post(WORLD_HERITAGE_URL, {"token": check.context["confirm"]["token"].value()})

    sites = Site.objects.all()
    imported = entries(action="imported", content_type__model="site")
    assert sorted(imported) == sorted(
        ("imported", "publisher", "world-heritage", str(site)) for site in sites
    )
    assert len(entries(action="published", content_type__model="site")) == sites.count() == 6
    assert set(AuditEntry.objects.values_list("detail", flat=True)) >= {"whc-sites.xlsx"}


def test_the_world_heritage_import_from_the_command_line(office, tmp_path):
    AuditEntry.objects.all().delete()

    call_command("import_world_heritage", write_xlsx(tmp_path / "whc.xlsx"), stdout=StringIO())

    assert entries(action="imported")
    assert {(user, via) for _action, user, via, _record in entries()} == {("", "world-heritage")}

    newer = write_xlsx(tmp_path / "newer.xlsx", [row for row in ROWS if row["id_no"] != 775])
    AuditEntry.objects.all().delete()
    call_command("import_world_heritage", newer, "--unpublish-missing", stdout=StringIO())

    hiroshima = Site.objects.get(official_id="775")
    assert entries() == [
        ("imported", "", "world-heritage", str(hiroshima)),
        ("unpublished", "", "world-heritage", str(hiroshima)),
    ]


def test_a_shell_or_command_writes_entries_without_a_user(draft):
    draft.status = PUBLISHED
    draft.save()

    assert entries() == [("published", "", "command", str(draft))]


def test_a_restored_fixture_or_a_raw_save_is_not_a_publication(draft):
    Event.objects.filter(pk=draft.pk).update(status=PUBLISHED, published_at=timezone.now())

    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_every_public_record_is_audited(factory):
    record = factory(status=DRAFT, published_at=None)
    AuditEntry.objects.all().delete()

    record.status = PUBLISHED
    record.save()
    record.status = DRAFT
    record.save()
    record.delete()

    assert [action for action, *_ in entries()] == ["published", "unpublished", "deleted"]


def test_entries_outlive_their_user_and_record(publisher_client, publisher, draft):
    save_form(publisher_client, draft, status=PUBLISHED)
    draft.delete()
    publisher.delete()

    assert [(action, user) for action, user, *_ in entries()] == [
        ("published", "publisher"),
        ("deleted", ""),
    ]
    assert AuditEntry.objects.filter(user__isnull=True).count() == 2


def test_publishers_read_the_trail_with_filters_and_editors_do_not(
    publisher_client, publisher, editor_client, draft
):
    sector = SectorFactory()
    AuditEntry.objects.all().delete()
    save_form(publisher_client, draft, status=PUBLISHED)
    publisher_client.post(admin_url(Sector, "delete", sector.pk), {"post": "yes"})
    url = reverse("admin:unesco_office_auditentry_changelist")
    today = timezone.localdate()

    response = publisher_client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert str(draft) in html and "publisher" in html
    assert f'href="{admin_url(Event, "change", draft.pk)}"' in html
    assert reverse("admin:unesco_office_auditentry_add") not in html
    assert editor_client.get(url).status_code == 403
    for query, count in [
        ("?action__exact=published", 1),
        (f"?user__id__exact={publisher.pk}", 2),
        (f"?content_type__id__exact={AuditEntry.objects.get(action='deleted').content_type_id}", 1),
        (f"?at__year={today.year}&at__month={today.month}&at__day={today.day}", 2),
        ("?action__exact=nonsense", None),
    ]:
        listed = publisher_client.get(url + query)
        assert listed.status_code in {200, 302}, query
        if count is not None:
            assert listed.context["cl"].result_count == count, query


def test_the_trail_cannot_be_changed_or_deleted_in_the_admin(publisher_client, admin_client, draft):
    save_form(publisher_client, draft, status=PUBLISHED)
    entry = AuditEntry.objects.get()

    page = admin_client.get(reverse("admin:unesco_office_auditentry_change", args=[entry.pk]))
    admin_client.post(
        reverse("admin:unesco_office_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )

    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_trail_runs_the_same_queries_for_5_and_50_entries(
    publisher_client, django_assert_num_queries
):
    url = reverse("admin:unesco_office_auditentry_changelist")
    for _ in range(5):
        SectorFactory()
    publisher_client.get(url)
    with CaptureQueriesContext(connection) as five:
        publisher_client.get(url)
    for _ in range(45):
        SectorFactory()
    assert AuditEntry.objects.count() >= 50

    with django_assert_num_queries(len(five)):
        publisher_client.get(url)


def test_a_preview_leaves_no_entry(publisher_client, draft):
    url = admin_url(Event, "change", draft.pk)
    data = form_data(publisher_client.get(url)) | {"status": PUBLISHED}

    response = publisher_client.post(admin_url(Event, "preview", draft.pk), data)

    assert response.status_code == 200
    assert not AuditEntry.objects.exists()
