"""Spreadsheet import and export on a record's admin list (django-import-export): the
uploaded file kept between preview and confirmation (and only then), one revision per
import, clear messages, and an export that a spreadsheet program opens safely."""

import csv
import datetime
import types
import zipfile

import reversion
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm, ImportForm
from import_export.results import RowResult
from import_export.signals import post_import
from tablib import InvalidDimensions

from unesco_office.models import AuditEntry, ImportJob
from unesco_office.staff import audit
from unesco_office.staff.imports import jobs, sheets, uploads
from unesco_office.staff.imports.resources import CSV, FORMATS


def read_failure_message(error):
    """What to tell staff when an uploaded file cannot be read in the format chosen."""
    match error:
        case sheets.SheetError():
            problem = error.message
        case UnicodeDecodeError():
            problem = _(
                "This is not a CSV file in UTF-8: choose XLSX for a workbook, or save the "
                "sheet as “CSV UTF-8”."
            )
        case zipfile.BadZipFile() | EOFError() | KeyError():
            problem = _(
                "This is not an XLSX workbook, or it is damaged or incomplete (was the "
                "upload cut short?)."
            )
        case InvalidDimensions():
            problem = _("A row has more cells than the first row has column names.")
        case csv.Error():
            problem = _("This is not a readable CSV file (%(reason)s).") % {"reason": error}
        case _:
            problem = _("This file cannot be read in the format chosen (%(reason)s).") % {
                "reason": f"{type(error).__name__}: {error}"
            }
    return _("Nothing was imported. %(problem)s") % {"problem": problem}


class ImportFileForm(ImportForm):
    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > uploads.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": uploads.MAX_BYTES // (1024 * 1024)}
            )
        return upload


class ContentImportExportMixin(ImportExportMixin):
    """CSV and XLSX import and export on a record's list; put it before ContentAdmin.

    The columns and the rules of a file (whole or nothing, rows named, editors' limits) are
    the record's resource's: see unesco_office.staff.imports.resources. Here: who may (import: add and
    change; export: view), the uploaded file kept between preview and confirmation (see
    unesco_office.staff.imports.uploads), one revision with the user for each import, and clear messages.
    A confirmed file of more than IMPORT_BACKGROUND_ROWS rows is imported by the background
    worker (see unesco_office.staff.imports.jobs), with a page that shows how far it is.
    Export takes the list as filtered and searched, every page of it.
    """

    formats = FORMATS
    # Keep ContentAdmin's list template, which shows these buttons beside its own.
    import_export_change_list_template = None
    import_template_name = "admin/content_import.html"
    import_form_class = ImportFileForm
    # Every column, always: the form that picks columns relies on an inline script.
    export_form_class = ExportForm
    export_template_name = "admin/content_export.html"
    tmp_storage_class = uploads.UploadStorage

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_resource_kwargs(self, request, **kwargs):
        return {
            "can_publish": self.has_publish_permission(request),
            "on_row": getattr(request, "import_on_row", None),
        }

    def get_urls(self):
        return [
            path(
                "import/jobs/<int:job_id>/",
                self.admin_site.admin_view(self.import_job_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_import_job",
            ),
            *super().get_urls(),
        ]

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        """The preview. The file is kept for the confirmation only when there is one to
        make: it is removed when the preview finds problems, when the file cannot be read
        or holds more than an import takes, and when anything else goes wrong."""
        response = None
        try:
            response = super().import_action(request, **kwargs)
        finally:
            if "confirm_form" not in (getattr(response, "context_data", None) or {}):
                upload = request.FILES.get("import_file")
                if token := getattr(upload, "tmp_storage_name", None):
                    uploads.discard_upload(token, purpose=uploads.UploadStorage.purpose)
        context = response.context_data
        result = context.get("result")
        if result is not None and (result.has_errors() or result.has_validation_errors()):
            messages.error(request, self.problem_summary(result))
            context["problem_lines"] = list(self.problem_lines(result))
        return response

    def get_import_context_data(self, **kwargs):
        return {**super().get_import_context_data(**kwargs), **sheets.limits()}

    def get_tmp_storage_class_kwargs(self):
        return {"model": self.opts.label_lower}

    def write_to_tmp_storage(self, import_file, input_format):
        # As django-import-export's, without adding the chunks one by one to a growing
        # bytes object (quadratic: seconds for a file of 50 MB).
        storage = self.get_tmp_storage_class()(
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        storage.save(b"".join(import_file.chunks()))
        return storage

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error("import_file", read_failure_message(e))

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The confirmation: read the file kept at the preview as the preview read it, and
        import it. django-import-export's own would fail with a server error on a confirm
        form that is incomplete, or asks for another format than the preview's (the storage
        refuses a token of another list or format), or on a file that no longer reads: each
        is refused here, with the import form to start again."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if "cancel" in request.POST:
            return self.cancel_import(request)
        form = self.create_confirm_form(request)
        try:
            input_format = self.confirmed_format(request, form)
            storage = self.get_tmp_storage_class()(
                name=form.cleaned_data["import_file_name"],
                encoding=None if input_format.is_binary() else self.from_encoding,
                read_mode=input_format.get_read_mode(),
                **self.get_tmp_storage_class_kwargs(),
            )
            data = storage.read()
        except uploads.StaleUploadError as error:
            messages.error(request, error.message)
            return redirect(self._import_url())
        try:
            try:
                dataset = input_format.create_dataset(data)
            except Exception as error:  # any failure to read is the file's, as on the preview
                messages.error(request, read_failure_message(error))
                return redirect(self._import_url())
            if dataset.height > settings.IMPORT_BACKGROUND_ROWS:
                job = self.queue_import(request, form, storage, dataset)
                storage = None  # the worker's now: it removes the file once done
                return redirect(self._import_job_url(job))
            result = self.process_dataset(dataset, form, request, **kwargs)
        finally:
            if storage is not None:
                storage.remove()
        return self.process_result(result, request)

    def queue_import(self, request, form, storage, dataset):
        """Hand a long confirmed import to the background worker: the job that will run it."""
        return jobs.queue(
            user=request.user,
            model=self.opts.label_lower,
            file_name=form.cleaned_data["original_file_name"][:255],
            upload=storage.name,
            file_format=form.cleaned_data["format"],
            resource=form.cleaned_data["resource"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            rows=dataset.height,
        )

    def run_import_job(self, job, *, on_row=None):
        """The worker's side of a job: read its file as the confirmation would, import it
        with the same code (one revision, the audit entries and the admin's log, or nothing
        at all) as the job's user, and keep the result on the job (not saved here)."""
        request = HttpRequest()
        request.method = "POST"
        request.user = job.user
        request.import_on_row = on_row
        if job.user is None or not self.has_import_permission(request):
            raise uploads.StaleUploadError
        input_format = self.get_import_formats()[int(job.file_format)](encoding=self.from_encoding)
        storage = self.get_tmp_storage_class()(
            name=job.upload,
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        dataset = input_format.create_dataset(storage.read())
        form = types.SimpleNamespace(
            cleaned_data={"original_file_name": job.file_name, "resource": job.resource}
        )
        with audit.acting(user=job.user, via=AuditEntry.Via.ADMIN):
            result = self.process_dataset(dataset, form, request)
        if result.has_errors() or result.has_validation_errors():
            job.state = ImportJob.State.FAILED
            job.summary = str(self.problem_summary(result))
            job.errors = [str(line) for line in self.problem_lines(result)]
            return result
        self.generate_log_entries(result, request)
        post_import.send(sender=None, model=self.model)
        totals = result.totals
        job.created = totals[RowResult.IMPORT_TYPE_NEW]
        job.updated = totals[RowResult.IMPORT_TYPE_UPDATE]
        job.unchanged = totals[RowResult.IMPORT_TYPE_SKIP]
        job.state = ImportJob.State.DONE
        job.summary = str(self.success_message(result))
        return result

    def import_jobs(self, request):
        """The jobs of this list that `request`'s user may see: their own."""
        return ImportJob.objects.filter(model=self.opts.label_lower, user=request.user)

    def import_job_view(self, request, job_id):
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = get_object_or_404(self.import_jobs(request), pk=job_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import of %(name)s") % {"name": job.file_name},
            "job": job,
            "rows_done": job.rows_done(),
            "refresh_seconds": 2,
        }
        return TemplateResponse(request, "admin/content_import_job.html", context)

    def changelist_view(self, request, extra_context=None):
        if self.has_import_permission(request):
            recent = list(
                self.import_jobs(request).filter(
                    queued_at__gte=timezone.now() - datetime.timedelta(days=7)
                )[:5]
            )
            for job in recent:
                job.url = self._import_job_url(job)
            extra_context = {"import_jobs": recent, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def cancel_import(self, request):
        """The preview's "Cancel": its file is removed (a token that is not the site's
        removes nothing)."""
        if token := request.POST.get("import_file_name"):
            uploads.discard_upload(token, purpose=uploads.UploadStorage.purpose)
        messages.info(request, _("The import was cancelled and its file removed."))
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))

    def confirmed_format(self, request, form):
        """The format the confirm form names, if it is complete; it names the format and the
        resource by their indexes."""
        formats = self.get_import_formats()
        resources = ["", *map(str, range(len(self.get_import_resource_classes(request))))]
        if (
            not form.is_valid()
            or form.cleaned_data["format"] not in [str(i) for i in range(len(formats))]
            or form.cleaned_data["resource"] not in resources
        ):
            raise uploads.UploadMismatchError
        return formats[int(form.cleaned_data["format"])](encoding=self.from_encoding)

    def process_dataset(self, dataset, form, request, **kwargs):
        """The confirmed import: one revision, with the user, or nothing at all."""
        name = form.cleaned_data["original_file_name"]
        with (
            reversion.create_revision(),
            audit.acting(
                via=AuditEntry.Via.SPREADSHEET, action=AuditEntry.Action.IMPORTED, detail=name
            ),
        ):
            reversion.set_user(request.user)
            reversion.set_comment(f"Imported {name}")
            result = super().process_dataset(dataset, form, request, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The records changed between the preview and the confirmation.
            messages.error(request, self.problem_summary(result))
            for line in self.problem_lines(result):
                messages.error(request, line)
            return redirect(self._import_url())
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        messages.success(request, self.success_message(result))

    def success_message(self, result):
        totals = result.totals
        return _("Imported: %(new)d new, %(updated)d changed, %(skipped)d unchanged %(name)s.") % {
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
            "skipped": totals[RowResult.IMPORT_TYPE_SKIP],
            "name": self.opts.verbose_name_plural,
        }

    def problem_summary(self, result):
        if result.base_errors:
            return _("Nothing was imported: the file's columns are not right.")
        rows = result.problem_rows
        return ngettext(
            "Nothing was imported: row %(rows)s has problems.",
            "Nothing was imported: rows %(rows)s have problems.",
            len(rows),
        ) % {"rows": ", ".join(map(str, rows))}

    def problem_lines(self, result):
        for error in result.base_errors:
            yield str(error.error)
        for row in result.invalid_rows:
            for field, problems in row.error_dict.items():
                for problem in problems:
                    if field == NON_FIELD_ERRORS:
                        yield _("Row %(row)d: %(problem)s") % {
                            "row": row.number,
                            "problem": problem,
                        }
                    else:
                        yield _("Row %(row)d, %(column)s: %(problem)s") % {
                            "row": row.number,
                            "column": field,
                            "problem": problem,
                        }
        for row in result.error_rows:
            for error in row.errors:
                yield _("Row %(row)d: %(problem)s") % {"row": row.number, "problem": error.error}

    def get_export_data(self, file_format, request, queryset, **kwargs):
        # Text that a spreadsheet program would run as a formula is written as text; a
        # workbook marks its cells as text instead (see resources.XLSX).
        if isinstance(file_format, CSV):
            kwargs["formula_safe"] = True
        return super().get_export_data(file_format, request, queryset, **kwargs)

    def init_request_context_data(self, request, form):
        context = super().init_request_context_data(request, form)
        context["export_count"] = self.get_export_queryset(request).count()
        return context

    def export_action(self, request):
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            messages.error(request, _("The list's filters are not valid: nothing was exported."))
            return redirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )

    def _import_job_url(self, job):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_import_job", args=[job.pk]
        )

    def _import_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
