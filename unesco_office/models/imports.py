"""Spreadsheet imports run by the background worker (unesco_office.staff.imports.jobs)."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """A confirmed import of a file too long to import while the confirmation waits: who
    started it, what it imports, how far it is and, once over, what it did."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    model = models.CharField(max_length=100)  # the records' app_label.model_name
    file_name = models.CharField(max_length=255)
    # The signed token of the uploaded file (unesco_office.staff.imports.uploads); "" once
    # the file is removed.
    upload = models.TextField(blank=True)
    file_format = models.CharField(max_length=3)  # the indexes the confirm form names
    resource = models.CharField(max_length=3, blank=True)
    language = models.CharField(max_length=10)  # of the messages written for staff
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)  # one line a problem, naming its row
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    # What staff and the worker write beside the records: never a change to a page.
    changes_public_pages = False

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return self.file_name

    @property
    def is_over(self):
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def progress_key(self):
        return f"import-jobs:{self.pk}:rows-done"

    def rows_done(self):
        """The rows imported so far. The import writes them in one transaction that no one
        else sees until it ends, so the count is kept in the cache as it goes."""
        if self.state == self.State.DONE:
            return self.rows
        if self.state != self.State.RUNNING:
            return 0
        return min(cache.get(self.progress_key, 0), self.rows)

    def set_rows_done(self, count):
        cache.set(self.progress_key, count, timeout=24 * 60 * 60)
