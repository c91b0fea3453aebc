"""Long spreadsheet imports: confirmed in the admin, run by the background worker, their
progress and result on a page of the admin."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.management import call_command
from reversion.models import Revision, Version

from countries.models import Centre, Country
from events.models import Event
from tests.unesco_office.test_admin import admin_url
from tests.unesco_office.test_import_export import (
    confirm,
    csv_file,
    import_file,
    kept_files,
    preview,
    problems,
    variety,
)
from unesco_office.models import AuditEntry, ImportJob
from unesco_office.staff.imports import uploads

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def rows(count, **extra):
    return [
        {"slug": f"new-{n}", "title_en": f"New {n}", "start_date": "2026-09-01", **extra}
        for n in range(1, count + 1)
    ]


@pytest.fixture
def queued(settings):
    """Imports of more than 3 rows go to the worker, which waits to be run, as in production."""
    settings.IMPORT_BACKGROUND_ROWS = 3
    settings.TASKS = DATABASE
    return settings


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def job_page(client, job):
    return client.get(admin_url(Event, "import_job", job.pk))


def test_a_long_import_is_queued_then_run_by_the_worker(queued, publisher, publisher_client):
    checked = preview(publisher_client, Event, csv_file(rows(5)), "long.csv")

    confirmed = confirm(publisher_client, Event, checked)

    job = ImportJob.objects.get()
    assert confirmed.redirect_chain == [(admin_url(Event, "import_job", job.pk), 302)]
    assert (job.user, job.model, job.file_name, job.rows) == (
        publisher,
        "events.event",
        "long.csv",
        5,
    )
    assert job.state == ImportJob.State.QUEUED
    assert not Event.objects.exists()
    page = confirmed.content.decode()
    assert "Waiting for the background worker to import its 5 rows" in page
    assert '<meta http-equiv="refresh"' in page
    assert len(kept_files()) == 1  # the worker's, until it has run
    listed = publisher_client.get(admin_url(Event, "changelist")).content.decode()
    assert "Your recent imports:" in listed and admin_url(Event, "import_job", job.pk) in listed

    run_worker()

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE
    assert (job.created, job.updated, job.unchanged, job.errors) == (5, 0, 0, [])
    assert Event.objects.count() == 5
    page = job_page(publisher_client, job).content.decode()
    assert "Imported: 5 new, 0 changed, 0 unchanged events." in page
    assert "http-equiv" not in page
    revision = Revision.objects.get()
    assert (revision.user, revision.comment) == (publisher, "Imported long.csv")
    assert Version.objects.count() == 5
    assert sorted(AuditEntry.objects.values_list("action", "via", "username", "object_repr")) == (
        sorted(
            ("imported", "spreadsheet", "publisher", str(event)) for event in Event.objects.all()
        )
    )
    assert LogEntry.objects.filter(user=publisher).count() == 5
    assert not kept_files()


def test_a_failing_row_in_the_worker_saves_nothing_and_the_job_names_it(queued, publisher_client):
    variety()
    file = csv_file([*rows(4), {**rows(5)[-1], "country": "japan"}])
    checked = preview(publisher_client, Event, file)
    confirm(publisher_client, Event, checked)
    before = Event.objects.count()
    Event.objects.filter(country__slug="japan").delete()
    Centre.objects.all().delete()
    Country.objects.filter(slug="japan").delete()

    run_worker()

    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    assert not Event.objects.filter(slug__startswith="new-").exists()
    assert Event.objects.count() <= before
    assert not Revision.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORTED).exists()
    page = job_page(publisher_client, job).content.decode()
    assert "Nothing was imported: row 6 has problems." in page
    assert "There is no country with the slug “japan”." in page
    assert "http-equiv" not in page
    assert not kept_files()


def test_a_job_whose_file_is_gone_fails_and_says_so(queued, publisher_client):
    confirm(publisher_client, Event, preview(publisher_client, Event, csv_file(rows(5))))
    for name in kept_files():
        default_storage.delete(f"{uploads.FOLDER}/{name}")

    run_worker()

    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    assert "no longer available" in job_page(publisher_client, job).content.decode()
    assert not Event.objects.exists()


def test_progress_shows_while_the_job_runs(queued, publisher_client):
    confirm(publisher_client, Event, preview(publisher_client, Event, csv_file(rows(5))))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
    job.set_rows_done(2)

    page = job_page(publisher_client, job).content.decode()

    assert "Importing: 2 of 5 rows read." in page
    assert '<meta http-equiv="refresh"' in page


def test_with_the_immediate_backend_a_long_import_is_done_at_once(settings, publisher_client):
    settings.IMPORT_BACKGROUND_ROWS = 3

    done = import_file(publisher_client, Event, csv_file(rows(5)))

    assert "Imported: 5 new, 0 changed, 0 unchanged events." in done.content.decode()
    assert ImportJob.objects.get().state == ImportJob.State.DONE
    assert Event.objects.count() == 5
    assert not kept_files()


def test_a_short_import_still_runs_in_the_request(queued, publisher_client):
    done = import_file(publisher_client, Event, csv_file(rows(3)))

    assert "Imported: 3 new, 0 changed, 0 unchanged events." in problems(done)
    assert done.redirect_chain == [(admin_url(Event, "changelist"), 302)]
    assert not ImportJob.objects.exists()
    assert Event.objects.count() == 3
    assert not kept_files()


def test_staff_see_only_their_own_jobs(queued, publisher_client, editor_client):
    confirm(publisher_client, Event, preview(publisher_client, Event, csv_file(rows(5))))
    job = ImportJob.objects.get()

    assert job_page(publisher_client, job).status_code == 200
    assert job_page(editor_client, job).status_code == 404
    listed = editor_client.get(admin_url(Event, "changelist")).content.decode()
    assert "Your recent imports:" not in listed
    assert publisher_client.get(admin_url(Event, "import_job", job.pk + 1)).status_code == 404
