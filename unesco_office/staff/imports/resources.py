"""Spreadsheet import and export of content records (django-import-export).

Each app describes its records' columns in its resources.py with a `ContentResource`;
the admin (`unesco_office.staff.imports.admin.ContentImportExportMixin`) offers them on the record's list.
What every resource shares:

- Columns are named after the model's fields; a translated field has one column per
  language (`name_en`, `name_fr`, `name_zh_hans`). A related record is named by its slug,
  several of them by slugs separated by commas. Dates are ISO (`2026-05-18`), times
  `09:30`, the publication time ISO 8601 with its offset, yes/no as `yes`/`no` (or 1/0,
  true/false), choices by their code (`draft`, `published`, `world-heritage`…).
- A row is matched to a record by its `slug`: an unknown slug adds a record, a known one
  updates it. Columns left out of the file leave their fields alone; an empty cell empties
  its field (and is refused where the field is required), except a text in one language of
  a translated field (`summary_fr`): an import never erases a translation, which is
  cleared in the admin's form if need be. Images are not imported.
- A file is imported whole or not at all: every row is checked, with the model's own
  validation (`full_clean()`: fields, choices and database constraints) and the rich-text
  sanitiser; a single problem anywhere saves nothing, and every problem is listed with its
  row as a spreadsheet numbers it (the header is row 1). Unknown and repeated columns, a
  slug on several rows, and a missing column that a new record needs are refused before any
  row is read.
- Rows that would change nothing are skipped, so that importing an export changes nothing.
- Without the right to publish (`can_publish=False`: editors) a row may neither publish or
  schedule a record nor change one that is live or scheduled; such rows are refused.
"""

import contextlib
import datetime
import io
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from diff_match_patch import diff_match_patch
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models.fields import NOT_PROVIDED
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import Result, RowResult
from modeltranslation.translator import translator
from openpyxl.utils.exceptions import IllegalCharacterError

from unesco_office.core.formulas import neutralised, restored
from unesco_office.core.i18n import same_value
from unesco_office.core.models import Publishable
from unesco_office.core.richtext import RichTextField, sanitize_html
from unesco_office.public.search import documents as search_documents
from unesco_office.staff.imports import sheets

LIST_SEPARATOR = ","
YES, NO = "yes", "no"
_TRUE = {"1", "yes", "y", "true"}
_FALSE = {"0", "no", "n", "false"}


def _dataset(rows, *, empty):
    """A dataset of `rows` (of unesco_office.staff.imports.sheets, the header first), every
    row as wide as the widest: the header's missing names and the rows' missing cells are
    `empty`."""
    if not rows:
        return tablib.Dataset()
    header, *body = rows
    width = max(len(row) for row in rows)
    dataset = tablib.Dataset(headers=[*header, *[empty] * (width - len(header))])
    for row in body:
        dataset.append([*row, *[empty] * (width - len(row))])
    return dataset


class CSV(base_formats.CSV):
    """django-import-export's CSV, read within the caps of sheets.limits(): an empty line
    is an empty row, as in a spreadsheet, so that rows keep their numbers. A text that the
    export wrote with an apostrophe before it, so that a spreadsheet program would not run
    it as a formula (`formula_safe` in `TextWidget.render()`), comes back without it:
    importing an export changes nothing."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        rows = sheets.csv_rows(in_stream, **sheets.limits())
        if not rows:
            return tablib.Dataset()
        header, *body = rows
        body = [tuple(map(restored, row)) for row in body]
        if any(len(row) > len(header) for row in body):
            raise tablib.InvalidDimensions
        return _dataset([header, *body], empty="")


class XLSX(base_formats.XLSX):
    """django-import-export's XLSX, read within the caps of sheets.limits() whatever size
    the sheet states, and writing text that starts with "=" as text: a spreadsheet program
    must not run a title as a formula (nor may the text be altered, or re-importing would
    change it)."""

    def create_dataset(self, in_stream):
        return _dataset(sheets.workbook_rows(in_stream, **sheets.limits()), empty=None)

    def export_data(self, dataset, **kwargs):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = (dataset.title or "export")[:31]
        try:
            sheet.append(dataset.headers)
            for row in dataset:
                sheet.append(row)
        except IllegalCharacterError:
            raise ValueError(
                _("A text holds a control character that a workbook cannot store: export CSV.")
            ) from None
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if cell.data_type == "f":
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


FORMATS = [CSV, XLSX]


def _text(value):
    """A cell as text: spreadsheets store "438" or "2004" as numbers."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


class TextWidget(widgets.Widget):
    """Text; an empty cell is "" or, where the column is nullable, None. With
    `formula_safe` (the CSV export's), a text that a spreadsheet program would run as a
    formula is written with an apostrophe before it (see unesco_office.core.formulas)."""

    def __init__(self, *, null=False, **kwargs):
        self.null = null
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None if self.null else ""
        return _text(value)

    def render(self, value, obj=None, *, formula_safe=False, **kwargs):
        text = "" if value is None else str(value)
        return neutralised(text) if formula_safe else text


class SlugTextWidget(TextWidget):
    """A record's own slug, without the spaces a spreadsheet may keep around it: the row is
    matched to its record, and checked by `slug_problems()`, with the same slug."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).strip()


class RichTextWidget(TextWidget):
    """HTML, sanitised as it will be stored, so that the preview shows what is saved."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return sanitize_html(text) if text else text


class IntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        if isinstance(value, int | float) and float(value).is_integer():
            return int(value)
        text = str(value).strip()
        if not text.lstrip("-").isdigit() or len(text) > 18:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class DecimalWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(_text(value).strip())
        except InvalidOperation:
            raise ValueError(
                _("“%(value)s” is not a number (write decimals with a point: 40.5).")
                % {"value": value}
            ) from None
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
        return number

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return "" if value is None else str(value)


class BooleanWidget(widgets.BooleanWidget):
    """yes/no, 1/0 or true/false in any case; an empty cell is no."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = "" if value is None else _text(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE or text == "":
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return YES if value else NO


class DateWidget(widgets.Widget):
    """ISO dates; a workbook's date cells too."""

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time():
                raise ValueError(_("“%(value)s” is not a date.") % {"value": value})
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date: write dates as YYYY-MM-DD, e.g. 2026-05-18.")
                % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        return value.isoformat() if value else ""


class TimeWidget(widgets.Widget):
    """Times as HH:MM (or HH:MM:SS); a workbook's time cells too."""

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.time):
            return value
        try:
            return datetime.time.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a time: write times as HH:MM, e.g. 09:30.") % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        if kwargs.get("force_native_type"):
            return value
        if value is None:
            return ""
        return value.isoformat("minutes" if not value.second else "seconds")


class DateTimeWidget(widgets.Widget):
    """ISO 8601 with its offset, always as text: to the microsecond, so that a re-import
    finds the same value (a workbook's date cells would round it); without an offset, in
    the site's time zone."""

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        moment = value if isinstance(value, datetime.datetime) else None
        if moment is None:
            try:
                moment = parse_datetime(str(value).strip())
            except ValueError:
                moment = None
        if moment is None:
            raise ValueError(
                _(
                    "“%(value)s” is not a date and time: write it as YYYY-MM-DD HH:MM, "
                    "e.g. 2026-05-18 09:30."
                )
                % {"value": value}
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).isoformat() if value else ""


class PreloadedRecords:
    """Related records looked up by slug from what `preloaded()` read at once for a whole
    file (one query per column rather than one per row and cell), else one by one."""

    found = None  # {slug: record} while a file is imported

    @contextlib.contextmanager
    def preloaded(self, values):
        """Within the block, the records that the cells `values` name are known."""
        slugs = {slug for value in values for slug in self.slugs(value)}
        self.found = {
            record.slug: record
            for record in self.model._default_manager.filter(slug__in=slugs).order_by()
        }
        try:
            yield
        finally:
            self.found = None

    def records(self, slugs):
        """{slug: record} of those of `slugs` that exist."""
        if self.found is not None:
            return {slug: self.found[slug] for slug in slugs if slug in self.found}
        return {
            record.slug: record
            for record in self.model._default_manager.filter(slug__in=slugs).order_by()
        }


class SlugWidget(PreloadedRecords, widgets.ForeignKeyWidget):
    """A related record, by its slug."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def slugs(self, value):
        return [] if value is None or value == "" else [_text(value).strip()]

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        (slug,) = self.slugs(value)
        if record := self.records([slug]).get(slug):
            return record
        raise ValueError(
            _("There is no %(model)s with the slug “%(slug)s”.")
            % {"model": self.model._meta.verbose_name, "slug": slug}
        )

    def render(self, value, obj=None, **kwargs):
        return value.slug if value is not None else ""


class SlugListWidget(PreloadedRecords, widgets.ManyToManyWidget):
    """Related records, by their slugs separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=LIST_SEPARATOR, field="slug", **kwargs)

    def slugs(self, value):
        if value is None or value == "":
            return []
        slugs = dict.fromkeys(s.strip() for s in _text(value).split(self.separator))
        return [slug for slug in slugs if slug]

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return []
        slugs = self.slugs(value)
        found = self.records(slugs)
        if missing := [slug for slug in slugs if slug not in found]:
            raise ValueError(
                ngettext(
                    "There is no %(model)s with the slug %(slugs)s.",
                    "There are no %(models)s with the slugs %(slugs)s.",
                    len(missing),
                )
                % {
                    "model": self.model._meta.verbose_name,
                    "models": self.model._meta.verbose_name_plural,
                    "slugs": ", ".join(f"“{slug}”" for slug in missing),
                }
            )
        return [found[slug] for slug in slugs]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{LIST_SEPARATOR} ".join(sorted(related.slug for related in value.all()))


# The widget of each kind of model field, the more specific kinds first (a DateTimeField is
# a DateField, a RichTextField a TextField); any other field is text.
WIDGETS = [
    (models.ManyToManyField, lambda field: SlugListWidget(field.related_model)),
    (models.ForeignKey, lambda field: SlugWidget(field.related_model)),
    (models.BooleanField, lambda field: BooleanWidget()),
    (models.DateTimeField, lambda field: DateTimeWidget()),
    (models.DateField, lambda field: DateWidget()),
    (models.TimeField, lambda field: TimeWidget()),
    (models.DecimalField, lambda field: DecimalWidget()),
    (models.IntegerField, lambda field: IntegerWidget()),
    (RichTextField, lambda field: RichTextWidget(null=field.null)),
    (models.SlugField, lambda field: SlugTextWidget()),
]


def widget_for(model_field):
    for kind, widget in WIDGETS:
        if isinstance(model_field, kind):
            return widget(model_field)
    return TextWidget(null=model_field.null)


def validate_constraints(instance, *, exclude=()):
    """`instance.validate_constraints(exclude)`, with every check constraint of its model
    evaluated in one query (Django runs one query, in a savepoint of its own, for each).
    The constraints that fail, and those of other kinds, are then validated by Django, one
    by one, so that the errors are exactly Django's."""
    model = type(instance)
    using = router.db_for_write(model, instance=instance)
    features = connections[using].features
    together, one_by_one = [], []
    for model_class, constraints in instance.get_constraints():
        for constraint in constraints:
            if (
                type(constraint) is models.CheckConstraint
                and model_class is model
                and features.supports_comparing_boolean_expr
                and features.supports_boolean_expr_in_select_clause
            ):
                together.append(constraint)
            else:
                one_by_one.append((model_class, constraint))
    one_by_one += [(model, c) for c in _failing_checks(instance, together, exclude, using)]
    errors = {}
    for model_class, constraint in one_by_one:
        try:
            constraint.validate(model_class, instance, exclude=exclude, using=using)
        except ValidationError as error:
            if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                errors.setdefault(constraint.fields[0], []).append(error)
            else:
                errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _failing_checks(instance, constraints, exclude, using):
    """Those of `constraints` (check constraints of the instance's model) that the instance
    may break: one query selects each condition, with the instance's values in place of its
    fields, as CheckConstraint.validate() does for one. A condition that is unknown (NULL)
    holds, as in the database. Those that reference an excluded field are left out, as
    Django leaves them; on a database error, every one is left to Django."""
    model = type(instance)
    query = Query(None)
    for name, value in instance._get_field_expression_map(
        meta=model._meta, exclude=exclude
    ).items():
        if not hasattr(value, "resolve_expression"):
            value = models.Value(value)
        query.add_annotation(value, name, select=False)
    checked = []
    for constraint in constraints:
        if exclude and constraint._expression_refs_exclude(model, constraint.condition, exclude):
            continue
        condition = Coalesce(constraint.condition, True, output_field=models.BooleanField())
        query.add_annotation(condition, f"check_{len(checked)}")
        checked.append(constraint)
    if not checked:
        return []
    connection = connections[using]
    savepoint = (
        transaction.atomic(using=using) if connection.in_atomic_block else contextlib.nullcontext()
    )
    try:
        with savepoint:
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return checked
    return [constraint for constraint, holds in zip(checked, row, strict=True) if not holds]


class Diff(resources.Diff):
    """The preview's changes as <ins> and <del>, without the inline styles that
    django-import-export's diff carries (the Content Security Policy refuses them)."""

    TAGS = {-1: "del", 1: "ins"}

    def as_html(self):
        matcher = diff_match_patch()
        cells = []
        for before, after in zip(self.left, self.right, strict=True):
            if self.new and before != after:
                before = ""
            parts = matcher.diff_main(str(before), str(after))
            matcher.diff_cleanupSemantic(parts)
            cells.append(
                format_html_join(
                    "",
                    "{}",
                    (
                        (format_html("<{}>{}</{}>", self.TAGS[op], text, self.TAGS[op]),)
                        if op
                        else (text,)
                        for op, text in parts
                    ),
                )
            )
        return cells


class SpreadsheetRowsResult(Result):
    """Rows numbered as a spreadsheet shows them: the header is row 1, the first record 2.
    django-import-export counts records from 1."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        for error in errors:
            error.number = number + 1
        super().append_error_row(number + 1, row, errors)

    @property
    def problem_rows(self):
        return sorted({row.number for row in [*self.invalid_rows, *self.error_rows]})


class ContentResource(resources.ModelResource):
    """The shared rules of every record's import and export (see the module's docstring).

    Subclasses set `Meta.model` and `Meta.fields` (export order too), and
    `required_columns`: those a file needs when one of its rows adds a record.
    """

    required_columns: tuple[str, ...] = ()

    class Meta:
        import_id_fields = ["slug"]
        # The file's records are read in one query (their related records in one more per
        # column), not one a row.
        instance_loader_class = CachedInstanceLoader
        skip_unchanged = True
        use_transactions = True

    def __init__(self, *, can_publish=False, on_row=None, **kwargs):
        super().__init__(**kwargs)
        self.can_publish = can_publish
        # Called after each row with the count of rows read so far (an import's progress).
        self.on_row = on_row
        self.rows_read = 0

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        return fields.Field(
            attribute=field_name,
            column_name=field_name,
            widget=widget_for(django_field),
            readonly=readonly,
            # An empty cell empties its field, rather than putting back the model's default
            # (an empty "status" would unpublish); "no" is the default of yes/no fields.
            default=False if isinstance(django_field, models.BooleanField) else NOT_PROVIDED,
        )

    @classmethod
    def get_result_class(cls):
        return SpreadsheetRowsResult

    @classmethod
    def get_diff_class(cls):
        return Diff

    # The file as a whole

    def import_data(self, dataset, **kwargs):
        dataset.headers = [
            header.strip() if isinstance(header, str) else header for header in dataset.headers
        ]
        if problems := self.column_problems(dataset):
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            for problem in problems:
                result.append_base_error(self.get_error_result_class()(ValueError(problem)))
            return result
        # The records' search documents are built together at the end, not row by row;
        # the related records that the file names are read at once.
        with search_documents.deferred(), contextlib.ExitStack() as preloaded:
            for field in self.get_import_fields():
                if isinstance(field.widget, PreloadedRecords) and field.column_name in (
                    dataset.headers
                ):
                    preloaded.enter_context(field.widget.preloaded(dataset[field.column_name]))
            return super().import_data(dataset, **kwargs)

    def get_queryset(self):
        """The records a file's rows are matched to, with their related records (to tell
        whether a row changes them)."""
        many = [
            field.attribute
            for field in self.get_import_fields()
            if isinstance(field.widget, widgets.ManyToManyWidget)
        ]
        return super().get_queryset().prefetch_related(*many)

    def column_problems(self, dataset):
        known = [field.column_name for field in self.get_import_fields()]
        problems = []
        named = []
        for number, header in enumerate(dataset.headers, start=1):
            if header is None or header == "":
                if any(value not in (None, "") for value in dataset.get_col(number - 1)):
                    problems.append(
                        _("Column %(number)d holds values but has no name in the first row.")
                        % {"number": number}
                    )
                continue
            named.append(str(header))
        if unknown := [name for name in named if name not in known]:
            problems.append(
                ngettext(
                    "Unknown column: %(unknown)s. The columns are: %(known)s.",
                    "Unknown columns: %(unknown)s. The columns are: %(known)s.",
                    len(unknown),
                )
                % {"unknown": ", ".join(unknown), "known": ", ".join(known)}
            )
        if repeated := sorted({name for name in named if named.count(name) > 1}):
            problems.append(
                _("These columns appear more than once: %(columns)s.")
                % {"columns": ", ".join(repeated)}
            )
        if "slug" not in named:
            problems.append(_("A required column is missing: slug."))
        elif not repeated:
            problems += self.slug_problems(dataset, named)
        return problems

    def slug_problems(self, dataset, named):
        """A slug on several rows; and the columns a new record needs, where a row adds one
        (a file that only updates records may leave any other column out)."""
        rows = {}
        for number, value in enumerate(dataset["slug"], start=2):
            if slug := self.fields["slug"].widget.clean(value):
                rows.setdefault(slug, []).append(number)
        problems = [
            _("The slug “%(slug)s” is on several rows: %(rows)s.")
            % {"slug": slug, "rows": ", ".join(map(str, numbers))}
            for slug, numbers in rows.items()
            if len(numbers) > 1
        ]
        if missing := [name for name in self.required_columns if name not in named]:
            known = set(
                self._meta.model._default_manager.filter(slug__in=rows).values_list(
                    "slug", flat=True
                )
            )
            if adding := sorted(
                n for slug, numbers in rows.items() if slug not in known for n in numbers
            ):
                problems.append(
                    ngettext(
                        "A column that new records need is missing: %(columns)s. Rows adding a "
                        "record: %(rows)s.",
                        "Columns that new records need are missing: %(columns)s. Rows adding a "
                        "record: %(rows)s.",
                        len(missing),
                    )
                    % {"columns": ", ".join(missing), "rows": ", ".join(map(str, adding))}
                )
        return problems

    # One row

    def import_row(self, row, instance_loader, **kwargs):
        try:
            if all(value is None or str(value).strip() == "" for value in row.values()):
                row_result = self.get_row_result_class()()
                row_result.import_type = RowResult.IMPORT_TYPE_SKIP
                return row_result
            return super().import_row(row, instance_loader, **kwargs)
        finally:
            self.rows_read += 1
            if self.on_row is not None:
                self.on_row(self.rows_read)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # Leave a field alone when the file holds what it already has ("" for None too), so
        # that an unchanged row is skipped and never rewritten; and leave a translated text
        # alone when the file has none for it.
        if not is_m2m and field.attribute and field.column_name in row:
            value = field.clean(row, **kwargs)
            if same_value(field.get_value(instance), value):
                return
            if field.attribute in self.language_columns() and value in (None, ""):
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def language_columns(self):
        """The columns of translated texts, one a language: name_en, name_fr…"""
        options = translator.get_options_for_model(self._meta.model)
        return {column.name for columns in options.all_fields.values() for column in columns}

    def import_instance(self, instance, row, **kwargs):
        """Set the fields, and check the related records' slugs (django-import-export only
        reads those after saving), so that every problem of the row is reported at once."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if not isinstance(field.widget, widgets.ManyToManyWidget):
                continue
            if field.column_name not in row:
                continue
            try:
                related = field.clean(row)
            except ValueError as error:
                errors.setdefault(field.attribute, []).append(ValidationError(str(error)))
                continue
            if not related and not instance._meta.get_field(field.attribute).blank:
                errors.setdefault(field.attribute, []).append(
                    ValidationError(_("Give at least one slug."))
                )
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation (`full_clean()`), less the untranslated column of each
        translated field (the per-language ones, such as title_en, are checked instead), as
        in the admin's form.

        With fewer queries than `full_clean()`, which costs one for each unique field and
        three for each check constraint (with its savepoint): the slug is not looked up (a
        row is matched to its record by it, and the file holds it once), nor the fields the
        file cannot set (a new record's calendar UID, drawn at random); and the check
        constraints are checked together (`validate_constraints()`)."""
        errors = dict(import_validation_errors or {})
        exclude = {*errors, *self.untranslated_fields()}
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # As full_clean() does: only the fields that passed are checked further.
        exclude |= {name for name in errors if name != NON_FIELD_ERRORS}
        if validate_unique:
            try:
                instance.validate_unique(exclude=exclude | self.unique_fields_not_checked())
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        try:
            validate_constraints(instance, exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def unique_fields_not_checked(self):
        """The import id (the slug) and the fields that no column sets."""
        columns = {field.attribute for field in self.get_import_fields()}
        return {*self.get_import_id_fields()} | {
            field.name for field in self._meta.model._meta.fields if field.name not in columns
        }

    def untranslated_fields(self):
        return list(translator.get_options_for_model(self._meta.model).all_fields)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        skip = super().skip_row(instance, original, row, import_validation_errors)
        if skip or import_validation_errors or self.can_publish:
            return skip
        name = instance._meta.verbose_name
        if original.pk is not None and original.status != Publishable.Status.DRAFT:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: _(
                        "This %(model)s is live or scheduled: only a publisher can change it."
                    )
                    % {"model": name}
                }
            )
        publishing = ("status", "published_at", "unpublish_at")
        if any(getattr(instance, f) != getattr(original, f) for f in publishing):
            raise ValidationError(
                {
                    "status": _(
                        "Only a publisher can publish, schedule or set an unpublish time: keep "
                        "“status”, “published_at” and “unpublish_at” as they are (draft and "
                        "empty for a new record)."
                    )
                }
            )
        return False

    # Export

    def filter_export(self, queryset, **kwargs):
        """One query per related column, whatever the number of rows."""
        related = [f.attribute for f in self.get_export_fields() if f.attribute]
        model = self._meta.model
        foreign = [n for n in related if isinstance(model._meta.get_field(n), models.ForeignKey)]
        many = [n for n in related if isinstance(model._meta.get_field(n), models.ManyToManyField)]
        if foreign:
            queryset = queryset.select_related(*foreign)
        return queryset.prefetch_related(*many)
