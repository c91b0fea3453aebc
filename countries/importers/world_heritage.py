"""Read UNESCO's World Heritage List export into validated records.

This is the reading half of `manage.py import_world_heritage` and of the admin upload: it
turns the file that the World Heritage Centre publishes (the XLSX export, or a CSV of it)
into `WorldHeritageRecord`s, and never touches the database. A file is accepted whole or
not at all: `parse_world_heritage()` either returns every row, cleaned, or raises
`InvalidFileError` carrying each problem found (up to a cap), located by file, row and
column, so that the importer can show them all and write nothing.

What the official files look like, and what this module does about it:

- XLSX (sheet "sites XLSX export") or CSV, recognised by content rather than extension.
  CSV may be UTF-8 (with or without a byte-order mark), UTF-16 with a mark, or
  Windows-1252 (used when the bytes are not valid UTF-8).
- Two column sets: the current 49 columns, and an older 37-column one without the
  Spanish, Russian, Arabic and Chinese texts. Columns that neither has are ignored.
- Names carry HTML (`<em>`, `<i>`, `<sup>`, `<br />`, `<small>`) and entities: they become
  plain text. An underline marks a letter with a line below in Indigenous orthographies
  (`Ulu<U>r</U>u`, `S<U>G</U>ang Gwaay`) and is kept as that letter (Uluṟu, SG̱ang Gwaay).
- Descriptions are HTML and go through the project's sanitiser.
- `iso_code` lists the States Parties of a transboundary site in any order and case; the
  localised state names are each sorted in their own language, so they do not line up
  with the codes and are kept as given.
- An area of 0 means "not recorded" (the Hwaseong Fortress has one), and coordinates of
  exactly 0, 0 are a placeholder: both become None.
"""

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from enum import Enum
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

import pycountry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from unesco_office.core.models import LAST_YEAR
from unesco_office.core.richtext import sanitize_html
from unesco_office.staff.imports import sheets, uploads

SHEET_NAME = "sites XLSX export"
OFFICIAL_URL = "https://whc.unesco.org/en/list/{id}/"
FIRST_INSCRIPTION_YEAR = 1978  # the Committee inscribed the first twelve sites in 1978
MAX_ERRORS = 100
# The rows of data and the columns a file may hold: the List has about 1,250 sites in 49
# columns. Past them the file is refused before anything more is read (see
# unesco_office.staff.imports.sheets).
MAX_ROWS = 5000
MAX_COLUMNS = 200
# Decimal places kept, as in Site.latitude/longitude and Site.area_ha, so that a record
# compares equal to the row it was saved as.
COORDINATE_PLACES = Decimal("0.000001")
AREA_PLACES = Decimal("0.01")

LANGUAGES = ("en", "fr", "zh")
CRITERIA = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
CRITERIA_FLAGS = ("C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10")
CULTURAL_CRITERIA = frozenset(CRITERIA[:6])

# The export after the 2025 session of the Committee.
CURRENT_COLUMNS = (
    "unique_number", "id_no", "rev_bis",
    "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh",
    "short_description_en", "short_description_fr", "short_description_es",
    "short_description_ru", "short_description_ar", "short_description_zh",
    "justification_en", "justification_fr",
    "date_inscribed", "secondary_dates", "danger", "date_end", "danger_list",
    "longitude", "latitude", "area_hectares",
    *CRITERIA_FLAGS, "criteria_txt", "category", "category_short",
    "states_name_en", "states_name_fr", "states_name_es", "states_name_ru",
    "states_name_ar", "states_name_zh",
    "region_en", "region_fr", "iso_code", "udnp_code", "transboundary",
)  # fmt: skip
# The export as it was until about 2019: English and French only.
OLDER_COLUMNS = (
    "unique_number", "id_no", "rev_bis", "name_en", "name_fr",
    "short_description_en", "short_description_fr", "justification_en", "justification_fr",
    "date_inscribed", "secondary_dates", "danger", "date_end", "danger_list",
    "longitude", "latitude", "area_hectares",
    *CRITERIA_FLAGS, "criteria_txt", "category", "category_short",
    "states_name_en", "states_name_fr", "region_en", "region_fr",
    "iso_code", "udnp_code", "transboundary",
)  # fmt: skip
# Every column that both layouts have and a record is built from. Without one of them an
# update would silently blank a field, so the file is refused. The Chinese columns (only in
# the current layout) and the criteria flags (used as a cross-check) are optional.
REQUIRED_COLUMNS = (
    "id_no", "rev_bis", "name_en", "name_fr", "short_description_en", "short_description_fr",
    "date_inscribed", "secondary_dates", "danger", "date_end", "danger_list",
    "longitude", "latitude", "area_hectares", "criteria_txt", "category",
    "states_name_en", "states_name_fr", "iso_code", "transboundary",
)  # fmt: skip

_COLUMN_BY_KEY = {column.casefold(): column for column in CURRENT_COLUMNS}
_CATEGORIES = {"cultural": "cultural", "natural": "natural", "mixed": "mixed"}
_FLAG_VALUES = {"": False, "0": False, "1": True, "n": False, "y": True}
_FLAG_VALUES |= {"false": False, "true": True, "no": False, "yes": True}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_YEAR = re.compile(r"\d{4}")
_CRITERIA_TEXT = re.compile(r"(?:\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))+")
_CRITERION = re.compile(r"\(([ivx]+)\)")
_DANGER_ENTRY = re.compile(r"\s*(?:Y\s*(\d{4})|P\s*(\d{4})\s*-\s*(\d{4}))\s*", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s,;]+")
_WHITESPACE = re.compile(r"\s+")
# C0 and C1 control characters, except tab and line breaks (which are whitespace).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Signatures of files that people upload by mistake.
_NOT_SPREADSHEETS = {
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
    b"7z\xbc\xaf": "7-Zip",
    b"Rar!": "RAR",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls) and other Office 97 files
_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"


class Countries(Enum):
    ALL = "all"


# Pass to records_touching() to keep every row (`import_world_heritage --countries all`).
ALL_COUNTRIES = Countries.ALL


@dataclass(frozen=True, slots=True)
class ParseError:
    """One problem in a file: where it is, as a person would look for it, and what it is.

    `row` counts as a spreadsheet does (the header is row 1); it and `column` are None for
    a problem with the whole file.
    """

    file: str
    problem: str
    row: int | None = None
    column: str | None = None

    def __str__(self):
        where = [self.file]
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column is not None:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.problem}"


class InvalidFileError(ValueError):
    """The file cannot be imported. `errors` lists every problem found, up to the cap."""

    def __init__(self, errors, *, truncated=False):
        self.errors = tuple(errors)
        self.truncated = truncated
        super().__init__(str(self))

    def __str__(self):
        lines = [str(error) for error in self.errors]
        if self.truncated:
            lines.append(
                ngettext(
                    "Stopped after %(count)d error; there may be more.",
                    "Stopped after %(count)d errors; there may be more.",
                    len(self.errors),
                )
                % {"count": len(self.errors)}
            )
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class WorldHeritageRecord:
    """One property on the World Heritage List, cleaned and checked.

    `names` and `descriptions` map a language code ("en", "fr", "zh") to text; a language
    is present only where the file gives it (the older layout has no Chinese, and many
    rows of the current one have none). Names are plain text; descriptions are HTML already
    reduced to the project's allow-list. `state_names` maps a language to the States
    Parties' names in the file's order, which is not the order of `iso_codes`.
    """

    row: int = field(compare=False)
    official_id: str
    revision: str
    names: Mapping[str, str] = field(hash=False)
    descriptions: Mapping[str, str] = field(hash=False)
    iso_codes: tuple[str, ...]
    state_names: Mapping[str, tuple[str, ...]] = field(hash=False)
    category: str
    criteria: str
    year_inscribed: int
    extension_years: tuple[int, ...]
    is_in_danger: bool
    in_danger_since: int | None
    past_danger_periods: tuple[tuple[int, int], ...]
    danger_ended: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    area_hectares: Decimal | None
    is_transboundary: bool

    def __str__(self):
        return f"{self.official_id} {self.name}"

    @property
    def name(self):
        return self.names["en"]

    @property
    def official_url(self):
        return OFFICIAL_URL.format(id=self.official_id)

    def touches(self, iso_codes):
        return not set(self.iso_codes).isdisjoint(iso_codes)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything read from one file.

    `languages` are those the file's columns carry: a language missing from a record's
    `names` means "not given" only if the file has it. `warnings` are facts worth telling
    the person importing (placeholder coordinates, characters lost in Windows-1252) that do
    not stop the import.
    """

    file: str
    file_format: str  # "xlsx" or "csv"
    encoding: str | None  # of a CSV: "utf-8", "utf-8-sig", "utf-16" or "cp1252"
    layout: str  # "current" (49 columns), "older" (37 columns) or "other"
    languages: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    records: tuple[WorldHeritageRecord, ...]
    warnings: tuple[ParseError, ...] = ()

    def touching(self, countries):
        return records_touching(self.records, countries)


def parse_world_heritage(source, *, filename=None, max_errors=MAX_ERRORS):
    """Read a World Heritage List export and return a `ParseResult`.

    `source` is a path, the file's bytes, or a binary file object (an uploaded file);
    `filename` names it in messages (by default its own name). Raises `InvalidFileError`
    listing every problem, at most `max_errors` of them.
    """
    data, name = _read_source(source, filename)
    reader = _Reader(name, max_errors)
    try:
        return reader.parse(data)
    except _Stop:
        raise InvalidFileError(reader.errors, truncated=reader.truncated) from None


def records_touching(records, countries):
    """The records that involve at least one of `countries` (ISO alpha-2 codes, any case),
    or all of them when `countries` is ALL_COUNTRIES. A transboundary site is kept when any
    one of its States Parties is wanted."""
    if countries is ALL_COUNTRIES:
        return tuple(records)
    if isinstance(countries, str):
        raise TypeError("Pass a collection of ISO codes, or ALL_COUNTRIES, not a string.")
    wanted = set()
    for code in countries:
        normalised = code.strip().upper()
        if not _is_alpha2(normalised):
            raise ValueError(f"“{code}” is not an ISO 3166-1 alpha-2 country code.")
        wanted.add(normalised)
    return tuple(record for record in records if record.touches(wanted))


def clean_text(value):
    """Plain text from a snippet of the export's HTML: tags removed, entities decoded,
    an underlined letter given its line below, spaces (including no-break) made single."""
    if "<" in value or "&" in value:
        extractor = _TextExtractor()
        extractor.feed(value)
        extractor.close()
        value = "".join(extractor.parts)
    text = unicodedata.normalize("NFC", value)
    return _WHITESPACE.sub(" ", _without_controls(text)).strip()


class _TextExtractor(HTMLParser):
    BREAKS = frozenset({"br", "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4"})
    HIDDEN = frozenset({"script", "style", "template"})
    LINE_BELOW = "\u0331"  # COMBINING MACRON BELOW: r + it is ṟ, G + it is G̱

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.underlined = 0
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append(" ")
        elif tag == "u":
            self.underlined += 1
        elif tag in self.HIDDEN:
            self.hidden += 1

    def handle_startendtag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BREAKS:
            self.parts.append(" ")
        elif tag == "u":
            self.underlined = max(0, self.underlined - 1)
        elif tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if self.hidden:
            return
        if self.underlined:
            data = "".join(ch if ch.isspace() else ch + self.LINE_BELOW for ch in data)
        self.parts.append(data)


@cache
def _is_alpha2(code):
    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def _read_source(source, filename):
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), filename or "upload"
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read()
        if isinstance(data, str):
            raise TypeError("Open the file in binary mode: the parser detects the encoding.")
        name = filename or Path(getattr(source, "name", None) or "upload").name
        return data, name
    path = Path(source)
    name = filename or path.name
    try:
        return path.read_bytes(), name
    except OSError as error:
        problem = _("The file cannot be opened: %(reason)s.") % {"reason": error.strerror}
        raise InvalidFileError([ParseError(name, problem)]) from error


class _Stop(Exception):
    """Parsing cannot go on: the errors collected so far are the answer."""


class _Reader:
    def __init__(self, name, max_errors):
        self.name = name
        self.max_errors = max(1, max_errors)
        self.errors = []
        self.warnings = []
        self.truncated = False

    # Problems

    def fail(self, problem):
        """A problem with the whole file: nothing further can be read."""
        self.errors.append(ParseError(self.name, problem))
        raise _Stop

    def error(self, row, column, problem):
        if len(self.errors) >= self.max_errors:
            self.truncated = True
            raise _Stop
        self.errors.append(ParseError(self.name, problem, row, column))

    def warn(self, row, column, problem):
        self.warnings.append(ParseError(self.name, problem, row, column))

    # The table

    def parse(self, data):
        if not data.strip():
            self.fail(_("The file is empty."))
        encoding = None
        if data.startswith(_ZIP) or data.startswith(_EMPTY_ZIP):
            file_format, rows = "xlsx", self.xlsx_rows(data)
        else:
            self.refuse_binary(data)
            file_format = "csv"
            encoding, text = self.decode(data)
            rows = self.csv_rows(text)

        # The header is the first row with anything in it.
        header_cells = next((cells for _number, cells in rows if any(map(_cell_text, cells))), None)
        if header_cells is None:
            self.fail(_("The file is empty."))
        columns, ignored = self.read_header(header_cells)
        layout = _layout(columns)
        languages = tuple(
            language for language in LANGUAGES if f"name_{language}" in columns.values()
        )

        records = []
        seen_ids = {}
        for number, cells in rows:
            values = {
                column: _cell_text(cells[index]) if index < len(cells) else ""
                for index, column in columns.items()
            }
            if not any(values.values()):
                continue  # a blank line, or a row that only carries formatting
            record = _RowParser(self, number, values, encoding == "cp1252").record()
            if record is None:
                continue
            if record.official_id in seen_ids:
                self.error(
                    number,
                    "id_no",
                    _("The id %(id)s is already used on row %(row)s.")
                    % {"id": record.official_id, "row": seen_ids[record.official_id]},
                )
                continue
            seen_ids[record.official_id] = number
            records.append(record)

        if self.errors:
            raise _Stop
        if not records:
            self.fail(_("The file has a header row but no rows of data."))
        return ParseResult(
            file=self.name,
            file_format=file_format,
            encoding=encoding,
            layout=layout,
            languages=languages,
            ignored_columns=ignored,
            records=tuple(records),
            warnings=tuple(self.warnings),
        )

    def read_header(self, cells):
        """{cell index: official column name} for the columns we know, and the others."""
        columns, ignored, first_seen = {}, [], {}
        for index, cell in enumerate(cells):
            label = _cell_text(cell).replace("\ufeff", "").strip()
            if not label:
                continue
            column = _COLUMN_BY_KEY.get(label.casefold())
            if column is None:
                ignored.append(label)
            elif column in first_seen:
                self.fail(
                    _("The column “%(column)s” appears twice (columns %(first)s and %(again)s).")
                    % {"column": column, "first": first_seen[column] + 1, "again": index + 1}
                )
            else:
                first_seen[column] = index
                columns[index] = column
        missing = [column for column in REQUIRED_COLUMNS if column not in first_seen]
        if len(missing) == len(REQUIRED_COLUMNS):
            self.fail(
                _(
                    "This is not a World Heritage List export: its first row has none of "
                    "the expected columns (%(expected)s)."
                )
                % {"expected": ", ".join(REQUIRED_COLUMNS[:4]) + ", …"}
            )
        if missing:
            self.fail(
                ngettext(
                    "A required column is missing: %(columns)s.",
                    "Required columns are missing: %(columns)s.",
                    len(missing),
                )
                % {"columns": ", ".join(missing)}
            )
        flags = [flag for flag in CRITERIA_FLAGS if flag in first_seen]
        if flags and len(flags) < len(CRITERIA_FLAGS):
            absent = [flag for flag in CRITERIA_FLAGS if flag not in first_seen]
            self.fail(
                _("The criteria flags are incomplete: %(columns)s missing.")
                % {"columns": ", ".join(absent)}
            )
        return columns, tuple(ignored)

    # XLSX

    def xlsx_rows(self, data):
        self.check_zip(data)
        try:
            with sheets.open_workbook(data) as workbook:
                if SHEET_NAME not in workbook.sheetnames:
                    found = ", ".join(f"“{sheet}”" for sheet in workbook.sheetnames)
                    self.fail(
                        _(
                            "The workbook has no sheet “%(sheet)s”, the one UNESCO's "
                            "export uses; its sheets are %(found)s."
                        )
                        % {"sheet": SHEET_NAME, "found": found}
                    )
                # Whatever size the sheet states (some programs write a wrong one, or a
                # huge one), within the caps.
                rows = sheets.sheet_rows(
                    workbook[SHEET_NAME], max_rows=MAX_ROWS, max_columns=MAX_COLUMNS
                )
        except sheets.SheetError as error:
            self.fail(error.message)
        return enumerate(rows, 1)

    def check_zip(self, data):
        """An XLSX is a ZIP archive: check that it is whole, small enough once unpacked
        (sizes are checked before anything is unpacked) and holds a workbook."""
        damaged = _(
            "The file looks like an Excel workbook (.xlsx) but is damaged or incomplete "
            "(was the download or upload cut short?)."
        )
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if uploads.unpacks_too_large(archive):
                    self.fail(_("This workbook is too large to import once unpacked."))
                if "xl/workbook.xml" not in archive.namelist():
                    self.fail(
                        _(
                            "This is a ZIP archive but not an Excel workbook (.xlsx). Export "
                            "the list as XLSX or CSV."
                        )
                    )
                if archive.testzip() is not None:
                    self.fail(damaged)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            self.fail(damaged)

    # CSV

    def refuse_binary(self, data):
        if data.startswith(_OLE2):
            self.fail(
                _(
                    "This is an old-style Excel workbook (.xls) or another Office 97 file; "
                    "save it as .xlsx or CSV first."
                )
            )
        for signature, kind in _NOT_SPREADSHEETS.items():
            if data.startswith(signature):
                self.fail(
                    _("This is a %(kind)s file, not a spreadsheet (XLSX or CSV).") % {"kind": kind}
                )
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.fail(_("This is not a spreadsheet (XLSX or CSV): it holds binary data."))

    def decode(self, data):
        """Strict UTF-8 first (a Windows-1252 file almost never passes it), then cp1252."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return "utf-16", data.decode("utf-16")
            except UnicodeDecodeError:
                self.fail(_("The file starts as UTF-16 text but is not valid UTF-16."))
        if data.startswith(b"\xef\xbb\xbf"):
            try:
                return "utf-8-sig", data.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                self.fail(
                    _("The file is marked as UTF-8 but byte %(position)s is not UTF-8.")
                    % {"position": error.start + 1}
                )
        try:
            return "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        # Five bytes have no character in Windows-1252. Windows itself, and browsers, read
        # them as the control characters of the same number; the 2019 export has one (a
        # stray UTF-8 quotation mark in a column we do not read).
        text = data.decode("cp1252", errors="surrogateescape")
        text = re.sub("[\udc80-\udcff]", lambda match: chr(ord(match[0]) - 0xDC00), text)
        return "cp1252", text

    def csv_rows(self, text):
        first_line = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first_line.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        read = 0

        def counted():
            nonlocal read
            for row in reader:
                read += 1
                yield row

        try:
            rows = sheets.capped_rows(counted(), max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
        except csv.Error as error:
            self.errors.append(
                ParseError(
                    self.name,
                    _("The CSV cannot be read here (%(reason)s).") % {"reason": error},
                    read + 1,
                )
            )
            raise _Stop from None
        except sheets.SheetError as error:
            self.fail(error.message)
        return enumerate(rows, 1)


def _layout(columns):
    present = set(columns.values())
    if present.issuperset(CURRENT_COLUMNS):
        return "current"
    if present.issuperset(OLDER_COLUMNS):
        return "older"
    return "other"


def _cell_text(value):
    """A cell as the text a CSV would hold, whatever type the workbook stored."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return value
    return str(value)


def _without_controls(value):
    return _CONTROLS.sub(" ", value)


class _RowParser:
    """Builds one record, reporting every bad value in the row rather than the first."""

    def __init__(self, reader, number, values, lossy_encoding):
        self.reader = reader
        self.number = number
        self.values = values
        self.lossy_encoding = lossy_encoding
        self.failed = False

    def text(self, column):
        return self.values.get(column, "").strip()

    def error(self, column, problem):
        self.failed = True
        self.reader.error(self.number, column, problem)

    def warn(self, column, problem):
        self.reader.warn(self.number, column, problem)

    def record(self):
        official_id = self.official_id()
        names = self.names()
        descriptions = self.descriptions()
        iso_codes = self.iso_codes()
        criteria = self.criteria()
        category = self.category(criteria)
        year_inscribed = self.year("date_inscribed", required=True)
        extension_years = self.extension_years(year_inscribed)
        is_in_danger, in_danger_since, past_periods = self.danger(year_inscribed)
        danger_ended = self.year("date_end")
        latitude, longitude = self.coordinates()
        area = self.area()
        is_transboundary = self.transboundary(iso_codes)
        if self.failed:
            return None
        return WorldHeritageRecord(
            row=self.number,
            official_id=official_id,
            revision=self.revision(),
            names=MappingProxyType(names),
            descriptions=MappingProxyType(descriptions),
            iso_codes=iso_codes,
            state_names=MappingProxyType(self.state_names()),
            category=category,
            criteria=criteria,
            year_inscribed=year_inscribed,
            extension_years=extension_years,
            is_in_danger=is_in_danger,
            in_danger_since=in_danger_since,
            past_danger_periods=past_periods,
            danger_ended=danger_ended,
            latitude=latitude,
            longitude=longitude,
            area_hectares=area,
            is_transboundary=is_transboundary,
        )

    # Identity and texts

    def official_id(self):
        value = self.text("id_no")
        if not value:
            self.error("id_no", _("The official id is missing."))
        elif not value.isascii() or not value.isdigit():
            self.error(
                "id_no", _("“%(value)s” is not an official id (a whole number).") % {"value": value}
            )
        else:
            return str(int(value))
        return ""

    def revision(self):
        """ "Rev", "Bis", "Ter"… in one case whatever the file used ("rev", "bis")."""
        return " ".join(word.capitalize() for word in self.text("rev_bis").split())

    def names(self):
        names = {}
        for language in LANGUAGES:
            column = f"name_{language}"
            name = clean_text(self.text(column))
            if name:
                names[language] = name
                if self.lossy_encoding and "?" in name:
                    self.warn(
                        column,
                        _(
                            "“%(name)s”: a “?” here probably stands for a letter that "
                            "Windows-1252 cannot hold, lost when the file was saved."
                        )
                        % {"name": name},
                    )
            elif language != "zh":
                self.error(column, _("The name is missing."))
        return names

    def descriptions(self):
        descriptions = {}
        for language in LANGUAGES:
            html = sanitize_html(_without_controls(self.text(f"short_description_{language}")))
            if html:
                descriptions[language] = html
        return descriptions

    def state_names(self):
        state_names = {}
        for language in LANGUAGES:
            value = self.text(f"states_name_{language}")
            names = tuple(name for name in map(clean_text, value.split(",")) if name)
            if names:
                state_names[language] = names
        return state_names

    # Countries

    def iso_codes(self):
        value = self.text("iso_code")
        codes = set()
        for code in _SEPARATORS.split(value):
            if not code:
                continue
            if _is_alpha2(code.upper()):
                codes.add(code.upper())
            else:
                self.error(
                    "iso_code",
                    _("“%(code)s” is not an ISO 3166-1 alpha-2 country code.") % {"code": code},
                )
        if not value:
            # Jerusalem is on the List without a State Party.
            self.warn("iso_code", _("No country code: the site will not be linked to a country."))
        return tuple(sorted(codes))

    def transboundary(self, iso_codes):
        is_transboundary = self.flag("transboundary")
        if is_transboundary is not None and is_transboundary != (len(iso_codes) > 1):
            self.error(
                "transboundary",
                _("The site is marked transboundary but iso_code lists one country or none.")
                if is_transboundary
                else _("The site is not marked transboundary but iso_code lists %(count)s.")
                % {"count": ", ".join(iso_codes)},
            )
        return bool(is_transboundary)

    # Criteria and category

    def criteria(self):
        value = self.text("criteria_txt")
        compact = _WHITESPACE.sub("", value).lower()
        if not compact:
            self.error("criteria_txt", _("The criteria are missing."))
            return ""
        if not _CRITERIA_TEXT.fullmatch(compact):
            self.error(
                "criteria_txt",
                _("“%(value)s” is not a list of criteria such as (i)(ii)(iv).") % {"value": value},
            )
            return ""
        listed = _CRITERION.findall(compact)
        if len(set(listed)) != len(listed):
            self.error("criteria_txt", _("“%(value)s” names a criterion twice.") % {"value": value})
            return ""
        criteria = _criteria_text(set(listed))
        flagged = self.flagged_criteria()
        if flagged is not None and flagged != set(listed):
            self.error(
                "criteria_txt",
                _("“%(value)s” does not match the flags C1 to N10, which give %(flags)s.")
                % {"value": value, "flags": _criteria_text(flagged) or _("none")},
            )
        return criteria

    def flagged_criteria(self):
        """The criteria that the C1..N10 columns tick, or None if the file has no flags."""
        if CRITERIA_FLAGS[0] not in self.values:
            return None
        flagged = set()
        for criterion, column in zip(CRITERIA, CRITERIA_FLAGS, strict=True):
            is_set = self.flag(column)
            if is_set is None:
                return None
            if is_set:
                flagged.add(criterion)
        return flagged

    def category(self, criteria):
        value = self.text("category")
        category = _CATEGORIES.get(value.casefold())
        if category is None:
            self.error(
                "category",
                _("“%(value)s” is not a category: use Cultural, Natural or Mixed.")
                % {"value": value},
            )
            return ""
        if criteria:
            listed = set(_CRITERION.findall(criteria))
            cultural, natural = listed & CULTURAL_CRITERIA, listed - CULTURAL_CRITERIA
            expected = "mixed" if cultural and natural else "cultural" if cultural else "natural"
            if category != expected:
                self.error(
                    "category",
                    _("The criteria %(criteria)s make the site %(expected)s, not %(category)s.")
                    % {"criteria": criteria, "expected": expected, "category": category},
                )
        return category

    # Years

    def year(self, column, *, required=False, value=None):
        value = self.text(column) if value is None else value
        if not value:
            if required:
                self.error(column, _("The year is missing."))
            return None
        if not _YEAR.fullmatch(value):
            self.error(column, _("“%(value)s” is not a year.") % {"value": value})
            return None
        year = int(value)
        if not FIRST_INSCRIPTION_YEAR <= year <= LAST_YEAR:
            self.error(
                column,
                _("%(year)s is not between %(first)s and %(last)s.")
                % {"year": year, "first": FIRST_INSCRIPTION_YEAR, "last": LAST_YEAR},
            )
            return None
        return year

    def extension_years(self, year_inscribed):
        years = set()
        for part in _SEPARATORS.split(self.text("secondary_dates")):
            if not part:
                continue
            year = self.year("secondary_dates", value=part)
            if year is None:
                continue
            if year_inscribed and year < year_inscribed:
                self.error(
                    "secondary_dates",
                    _("The extension year %(year)s is before the inscription, %(inscribed)s.")
                    % {"year": year, "inscribed": year_inscribed},
                )
            years.add(year)
        return tuple(sorted(years))

    def danger(self, year_inscribed):
        """The danger flag, and danger_list: "Y 2010" (in danger since 2010) and any past
        periods "P 1993-2007", as in "Y 2010 P 1993-2007"."""
        is_in_danger = bool(self.flag("danger"))
        value = self.text("danger_list")
        since, periods, position = None, [], 0
        while position < len(value):
            match = _DANGER_ENTRY.match(value, position)
            if not match or match.end() == position:
                self.error(
                    "danger_list",
                    _("“%(value)s” is not a danger history such as “Y 2010 P 1993-2007”.")
                    % {"value": value},
                )
                return is_in_danger, None, ()
            position = match.end()
            if match[1]:
                if since is not None:
                    self.error(
                        "danger_list",
                        _("“%(value)s” gives the year since which the site is in danger twice.")
                        % {"value": value},
                    )
                    return is_in_danger, None, ()
                since = self.year("danger_list", value=match[1])
            else:
                start = self.year("danger_list", value=match[2])
                end = self.year("danger_list", value=match[3])
                if start and end and start > end:
                    self.error(
                        "danger_list",
                        _("The period %(start)s-%(end)s ends before it starts.")
                        % {"start": start, "end": end},
                    )
                periods.append((start, end))
        if is_in_danger and since is None:
            self.error(
                "danger", _("The site is marked in danger but danger_list gives no “Y” year.")
            )
        elif since is not None and not is_in_danger:
            self.error(
                "danger",
                _("The site is not marked in danger but danger_list says “Y %(year)s”.")
                % {"year": since},
            )
        elif since and year_inscribed and since < year_inscribed:
            self.error(
                "danger_list",
                _("In danger since %(since)s, before its inscription in %(inscribed)s.")
                % {"since": since, "inscribed": year_inscribed},
            )
        return is_in_danger, since, tuple(sorted(periods))

    # Numbers

    def flag(self, column):
        value = self.text(column)
        flag = _FLAG_VALUES.get(value.casefold())
        if flag is None:
            self.error(column, _("“%(value)s” is not 0 or 1.") % {"value": value})
        return flag

    def decimal(self, column, *, low=None, high=None, problem=""):
        """(value, is_valid): None for an empty cell, which is valid."""
        value = self.text(column)
        if not value:
            return None, True
        if not _NUMBER.fullmatch(value):
            self.error(column, _("“%(value)s” is not a number.") % {"value": value})
            return None, False
        number = Decimal(value)
        if low is not None and not low <= number <= high:
            self.error(column, _(problem) % {"value": value})
            return None, False
        return number, True

    def coordinates(self):
        latitude, latitude_valid = self.decimal(
            "latitude",
            low=-90,
            high=90,
            problem=gettext_noop("“%(value)s” is not a latitude (-90 to 90)."),
        )
        longitude, longitude_valid = self.decimal(
            "longitude",
            low=-180,
            high=180,
            problem=gettext_noop("“%(value)s” is not a longitude (-180 to 180)."),
        )
        if not (latitude_valid and longitude_valid):
            return None, None
        if (latitude is None) != (longitude is None):
            self.error(
                "longitude" if longitude is None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
            return None, None
        if latitude is None:
            return None, None
        if latitude == 0 and longitude == 0:
            self.warn("latitude", _("The coordinates 0, 0 are a placeholder: left empty."))
            return None, None
        return (
            latitude.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_EVEN),
            longitude.quantize(COORDINATE_PLACES, rounding=ROUND_HALF_EVEN),
        )

    def area(self):
        area, _valid = self.decimal(
            "area_hectares",
            low=Decimal(0),
            high=Decimal("1e12"),
            problem=gettext_noop("“%(value)s” is not an area in hectares (0 or more)."),
        )
        if area is None:
            return None
        if area == 0:
            return None  # the export's way of saying that the area is not recorded
        return area.quantize(AREA_PLACES, rounding=ROUND_HALF_EVEN)


def _criteria_text(criteria):
    return "".join(f"({criterion})" for criterion in CRITERIA if criterion in criteria)
