"""A spreadsheet's rows, read without trusting what the file says about itself.

Every import reads its file here: the admin's spreadsheet imports (CSV and XLSX, see
unesco_office.staff.imports.resources) and the World Heritage List's
(countries.importers.world_heritage).

An XLSX file states the size of each sheet (`<dimension ref="A1:XFD1048576">`), and the
spreadsheet library makes every row that wide and adds every row up to that size: a file of
a few kilobytes that claims a million rows of 16,384 columns fills the server's memory. So a
workbook is opened read-only, the size it states is ignored (`reset_dimensions()`), and its
rows are read one at a time, each checked before the next:

- at most `max_columns` columns hold a value (settings.IMPORT_MAX_COLUMNS, 200 by default);
  empty cells at the end of a row are not columns;
- at most `max_rows` rows below the header hold a value (settings.IMPORT_MAX_ROWS for the
  admin's imports); empty rows are not counted, and those at the end are left out;
- the reading stops at row `2 * max_rows + 1` whatever it holds, so that a sheet of a
  million empty (formatted) rows is refused as fast as one of a million rows of data.

Past a limit, `TooManyRowsError` or `TooManyColumnsError` says which limit and how much the
file holds. A file that is no workbook, or a damaged one, raises `UnreadableWorkbookError`,
whatever the spreadsheet library's own error was. Each has a `message` to show as it is.
"""

import contextlib
import csv
import io
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator

import openpyxl
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from unesco_office.staff.imports import uploads


class SheetError(ValueError):
    """The file cannot be read, or holds more than an import takes: `message` says which."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class TooManyRowsError(SheetError):
    def __init__(self, *, max_rows, held=None):
        """`held`: the rows below the header that hold a value; None when the reading
        stopped before the end of the sheet, which has more than twice `max_rows` rows."""
        self.max_rows = max_rows
        self.held = held
        if held is None:
            message = ngettext(
                "The file has more than %(rows)s rows below its header (counting empty "
                "ones): an import takes at most %(max)s row of data.",
                "The file has more than %(rows)s rows below its header (counting empty "
                "ones): an import takes at most %(max)s rows of data.",
                max_rows,
            ) % {"rows": _number(2 * max_rows), "max": _number(max_rows)}
        else:
            message = ngettext(
                "The file holds %(rows)s rows of data: an import takes at most %(max)s row. "
                "Split it into several files.",
                "The file holds %(rows)s rows of data: an import takes at most %(max)s rows. "
                "Split it into several files.",
                max_rows,
            ) % {"rows": _number(held), "max": _number(max_rows)}
        super().__init__(message)


class TooManyColumnsError(SheetError):
    def __init__(self, *, max_columns, columns, row):
        self.max_columns = max_columns
        self.columns = columns
        self.row = row
        message = ngettext(
            "Row %(row)s of the file has values in %(columns)s columns: an import takes at "
            "most %(max)s column.",
            "Row %(row)s of the file has values in %(columns)s columns: an import takes at "
            "most %(max)s columns.",
            max_columns,
        ) % {"row": _number(row), "columns": _number(columns), "max": _number(max_columns)}
        super().__init__(message)


class UnreadableWorkbookError(SheetError):
    pass


class NulCharacterError(SheetError):
    def __init__(self, *, row, column):
        self.row = row
        self.column = column
        message = _(
            "Row %(row)s of the file holds a NUL character (in its column “%(column)s”), which "
            "no text holds: the file is damaged, or not the text it claims to be. Save it "
            "again as CSV (UTF-8) or XLSX."
        ) % {"row": _number(row), "column": column}
        super().__init__(message)


def _number(number):
    return number_format(number, force_grouping=True)


def limits():
    """The caps of the admin's imports: {"max_rows": …, "max_columns": …}."""
    return {"max_rows": settings.IMPORT_MAX_ROWS, "max_columns": settings.IMPORT_MAX_COLUMNS}


def capped_rows(rows: Iterable, *, max_rows: int, max_columns: int) -> list[tuple]:
    """`rows` (sequences of cell values, the header first) without the empty cells at the
    end of each row and the empty rows at the end; an empty row between others is kept as
    (). Raises TooManyRowsError or TooManyColumnsError past the caps (see the module's
    docstring): it reads at most `2 * max_rows + 1` rows, and keeps at most `max_rows + 1`."""
    kept = []
    pending = 0  # empty rows, kept only if a row with a value follows
    held = 0
    last = 2 * max_rows + 1
    for number, row in enumerate(rows, start=1):
        if number > last:
            raise TooManyRowsError(max_rows=max_rows)
        width = _width(row, max_columns, number)
        if not width:
            pending += 1
            continue
        if number > 1:
            held += 1
        if held > max_rows:
            continue  # counted, to say how many there are, and not kept
        cells = tuple(row[:width])
        _refuse_nul(cells, number, kept[0] if kept else cells)
        kept.extend([()] * pending)
        pending = 0
        kept.append(cells)
    if held > max_rows:
        raise TooManyRowsError(max_rows=max_rows, held=held)
    return kept


def _refuse_nul(cells, number, header):
    """A NUL never belongs in a cell (and PostgreSQL refuses it in any text): the row and
    the column that hold one are named, before any record is looked up."""
    for index, value in enumerate(cells):
        if isinstance(value, str) and "\x00" in value:
            name = header[index] if index < len(header) and header[index] else index + 1
            raise NulCharacterError(row=number, column=str(name).replace("\x00", ""))


def _width(row, max_columns, number):
    """How many cells of `row` count: up to the last that holds a value. The cells past
    `max_columns` are only counted, in C (a row may be 16,384 cells wide; counting None is
    fastest, so "" is counted only where something else than None is found)."""
    size = len(row)
    nones = row.count(None)
    if nones == size:
        return 0
    head = row[:max_columns]
    if nones - head.count(None) != size - len(head):
        tail = row[max_columns:]
        if tail.count(None) + tail.count("") != len(tail):
            while row[size - 1] is None or row[size - 1] == "":
                size -= 1
            raise TooManyColumnsError(max_columns=max_columns, columns=size, row=number)
    width = len(head)
    while width and _is_empty(head[width - 1]):
        width -= 1
    return width


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


# CSV


def csv_rows(text: str, *, delimiter=",", max_rows: int, max_columns: int) -> list[tuple]:
    """The rows of a CSV text, by `capped_rows()`. Raises csv.Error on a malformed file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return capped_rows(reader, max_rows=max_rows, max_columns=max_columns)


# XLSX


@contextlib.contextmanager
def open_workbook(data: bytes) -> Iterator[openpyxl.Workbook]:
    """The workbook in `data`, read-only, once the archive is checked: whole, holding a
    workbook, and small enough once unpacked (sizes are read before anything is unpacked;
    a ZIP archive's member is never read past the size it states)."""
    damaged = _(
        "This is not an XLSX workbook, or it is damaged or incomplete (was the upload cut short?)."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if uploads.unpacks_too_large(archive):
                raise UnreadableWorkbookError(
                    _("This workbook is too large to import once unpacked.")
                )
            if "xl/workbook.xml" not in archive.namelist():
                raise UnreadableWorkbookError(damaged)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        if isinstance(error, SheetError):
            raise
        raise UnreadableWorkbookError(damaged) from error
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it does not read.
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableWorkbookError(_damaged(error)) from error
    try:
        yield workbook
    finally:
        workbook.close()


def sheet_rows(sheet, *, max_rows: int, max_columns: int) -> list[tuple]:
    """The rows of a read-only sheet (of `open_workbook()`) by `capped_rows()`, whatever
    size the sheet states."""
    try:
        sheet.reset_dimensions()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return capped_rows(
                sheet.iter_rows(values_only=True), max_rows=max_rows, max_columns=max_columns
            )
    except SheetError:
        raise
    except Exception as error:  # a damaged sheet: bad XML, a bad CRC, a value out of range
        raise UnreadableWorkbookError(_damaged(error)) from error


def _damaged(error):
    return _("The workbook is damaged or incomplete and cannot be read (%(reason)s).") % {
        "reason": f"{type(error).__name__}: {error}"
    }


def workbook_rows(data: bytes, *, max_rows: int, max_columns: int) -> list[tuple]:
    """The rows of the first sheet of the workbook in `data`."""
    with open_workbook(data) as workbook:
        return sheet_rows(workbook.active, max_rows=max_rows, max_columns=max_columns)
