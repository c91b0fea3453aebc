"""Long imports, run by the background worker (Django's Tasks framework, settings.TASKS).

Confirming an import of more than `IMPORT_BACKGROUND_ROWS` rows queues it as an ImportJob
and shows the job's page in the admin; the worker imports the file kept at the preview
with the admin's own code (one transaction and one revision, the audit entries and the
admin's log, as when the import runs in the request: see
ContentImportExportMixin.run_import_job), writes how far it is to the cache as it goes, and
keeps the result on the job. The file is removed once the job is over, whatever happened.
"""

import logging
import time

from django.apps import apps
from django.contrib import admin
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from unesco_office.models import ImportJob
from unesco_office.staff.imports import uploads

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 1.0  # seconds between two writes of a job's progress


@task
def run_import(*, job_id):
    started = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, started_at=timezone.now()
    )
    if not started:
        return  # run already, or gone
    job = ImportJob.objects.get(pk=job_id)
    try:
        with translation.override(job.language):
            try:
                model_admin = admin.site.get_model_admin(apps.get_model(job.model))
                model_admin.run_import_job(job, on_row=progress_writer(job))
            except uploads.StaleUploadError as error:
                job.state, job.summary = ImportJob.State.FAILED, str(error.message)
            except Exception:
                logger.exception("Import job %s failed", job.pk)
                job.state = ImportJob.State.FAILED
                job.summary = _(
                    "The import failed: nothing was imported. Try again, or tell the site's "
                    "administrators if it fails again."
                )
    finally:
        if job.upload:
            uploads.discard_upload(job.upload, purpose=uploads.UploadStorage.purpose)
        job.upload = ""
        if not job.is_over:
            job.state = ImportJob.State.FAILED
        job.finished_at = timezone.now()
        job.save()
        job.set_rows_done(0)


def progress_writer(job):
    """A resource's `on_row` that keeps the job's count of rows done in the cache, at most
    once every PROGRESS_EVERY seconds (and for the last row)."""
    last = 0.0

    def on_row(count):
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or count >= job.rows:
            job.set_rows_done(count)
            last = now

    return on_row


def queue(**fields):
    """Record a job and hand it to the worker (with the Immediate backend, run it now)."""
    job = ImportJob.objects.create(**fields)
    try:
        run_import.enqueue(job_id=job.pk)
    except Exception:
        job.delete()  # the confirmation fails, and its file is removed, as any other's
        raise
    return ImportJob.objects.get(pk=job.pk)
