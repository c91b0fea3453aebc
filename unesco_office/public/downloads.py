"""Open data: a filtered public list as CSV or JSON, `/events/?<filters>&format=csv`.

A download holds the whole filtered list (never one page), published records only, in the
list's order. It is streamed: the rows come from one query read through a database cursor in
chunks (`QuerySet.iterator()`, a named server-side cursor on PostgreSQL) and leave as they
are written, so a download never holds its rows all in memory. One of more than
DOWNLOAD_STREAM_ROWS records is not built by the request that asks for it: that request is
redirected to a file the background worker built (see prebuilt.py). Filters the list
page would leave out with a message make a download fail instead (400, the problems in plain
text): it never holds more than was asked for. Each app describes its rows (events.downloads,
countries.downloads); the README lists the columns.

CSV: UTF-8 with a byte order mark (so that spreadsheet programs read Chinese and French
correctly), a header row of the column names, RFC 4180 quoting and line ends. Several values
in one cell (sectors, countries) are separated by "; ". A text cell that starts with = + - @,
a tab or a carriage return gets a leading apostrophe, so that a spreadsheet program shows it
as text instead of running it as a formula (OWASP's advice on CSV injection; see
unesco_office.core.formulas); numbers and dates, which the site writes itself, are never changed.

JSON: one object with the list's title, address and language, and the records in an array; several values as arrays, missing values as null, dates and times in
ISO 8601, addresses absolute.
"""

import csv
import datetime
import io
import json
from decimal import Decimal
from urllib.parse import quote

from django.db.models import CharField, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from unesco_office.core.formulas import neutralised
from unesco_office.public import prebuilt

FORMATS = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json",
}
# Rows fetched from the database at a time, and written out at a time.
CHUNK_SIZE = 2000
SEPARATOR = "; "


# --- Query helpers ----------------------------------------------------------------------------


def related_ids(model, field):
    """The ids of a record's many-to-many relations `field`, joined by commas in one string,
    for one column of the same query: a correlated subquery on the link table's index."""
    through = model._meta.get_field(field).remote_field.through
    source = model._meta.get_field(field).m2m_field_name()
    target = model._meta.get_field(field).m2m_reverse_field_name()
    return Subquery(
        through.objects.filter(**{source: OuterRef("pk")})
        .order_by()
        .values(source)
        .annotate(ids=StringAgg(Cast(f"{target}_id", CharField()), Value(",")))
        .values("ids")
    )


def in_order_of(records):
    """For `records` ({id: value}, in their order): a function of the ids that related_ids()
    joined, giving those ids' values in that order (ids not in `records` are left out)."""
    rank = {pk: n for n, pk in enumerate(records)}

    def values(joined):
        ids = [int(pk) for pk in joined.split(",")] if joined else []
        return [records[pk] for pk in sorted((pk for pk in ids if pk in rank), key=rank.get)]

    return values


def url_maker(request, viewname):
    """A function of a slug giving the absolute address of the record's page in the active
    language: one reverse() for the whole download instead of one a row."""
    marker = "0slug0"
    before, after = reverse(viewname, args=[marker]).split(marker)
    base = request.build_absolute_uri(before)
    return lambda slug: f"{base}{quote(slug)}{after}"


# --- Writers ----------------------------------------------------------------------------------


def iso(value):
    """Dates, times and datetimes in ISO 8601: times to the minute, datetimes to the second
    with their UTC offset."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


# How each type of value is written in a CSV cell (by exact type: this runs for every cell).
CSV_CELLS = {
    type(None): lambda value: "",
    bool: lambda value: "true" if value else "false",
    str: neutralised,
    list: lambda values: neutralised(SEPARATOR.join(str(value) for value in values)),
    int: str,
    Decimal: str,
    datetime.date: iso,
    datetime.time: iso,
    datetime.datetime: iso,
}


def csv_cell(value):
    return CSV_CELLS[type(value)](value)


def json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date | datetime.time):
        return iso(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# One encoder for every row: json.dumps() with options would make one a row.
JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, default=json_value)


def csv_chunks(columns, rows):
    """The CSV document in pieces of CHUNK_SIZE rows, encoded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow([CSV_CELLS[type(row[column])](row[column]) for column in columns])
        if n % CHUNK_SIZE == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def json_chunks(head, key, rows):
    """One JSON object: `head`'s members, then `key` holding the rows, written as they come."""
    opening = ", ".join(f"{json.dumps(k)}: {JSON_ENCODER.encode(v)}" for k, v in head.items())
    parts = ["{", opening, ", " if opening else "", json.dumps(key), ": ["]
    for n, row in enumerate(rows):
        parts.append(",\n" if n else "\n")
        parts.append(JSON_ENCODER.encode(row))
        if (n + 1) % CHUNK_SIZE == 0:
            yield "".join(parts).encode()
            parts = []
    parts.append("\n]}\n")
    yield "".join(parts).encode()


# --- Responses --------------------------------------------------------------------------------


def unusable_filters(request, problems, list_name):
    """400: what in the address could not be used, in the address's language.

    The problems are the list page's messages, which say what the page does instead
    (“…, so it was left out.”): they are quoted as the page's, not as what was done here."""
    query = request.GET.copy()
    query.pop("format", None)
    list_url = request.build_absolute_uri(reverse(list_name))
    if query:
        list_url += "?" + query.urlencode()
    lines = [
        gettext(
            "Part of this address cannot be used, so no feed or download was made from it. "
            "The list page with the same address says:"
        ),
        "",
        *(f"- {problem}" for problem in problems),
        "",
        gettext(
            "A feed or a download is made only from an address that can be used whole, so "
            "that it never holds more than was asked for. The list page: %(url)s"
        )
        % {"url": list_url},
    ]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class ListDownloadView(View):
    """A filtered list as CSV or JSON (see the module's docstring). Subclasses give the
    filter set, the list's URL name, `columns` and `rows(filterset, request)`: dicts of
    Python values, lists for several values."""

    filterset_class = None
    list_name = ""
    name = ""  # "events": the file name and the JSON key of the records
    columns = ()

    def get_queryset(self):
        raise NotImplementedError

    def rows(self, filterset, request):
        raise NotImplementedError

    def title(self, filterset):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        data_format = request.GET.get("format")
        filterset = self.filterset_class(
            request.GET, queryset=self.get_queryset(), request=request, counted=False
        )
        if problems := filterset.problems:
            return unusable_filters(request, problems, self.list_name)
        if not getattr(request, "prebuilding", False) and prebuilt.too_large(filterset.qs):
            return prebuilt.serve(request)
        rows = self.rows(filterset, request)
        if data_format == "csv":
            content = csv_chunks(self.columns, rows)
        else:
            query = request.GET.copy()
            query.pop("format", None)
            url = request.build_absolute_uri(reverse(self.list_name))
            head = {
                "title": str(self.title(filterset)),
                "url": f"{url}?{query.urlencode()}" if query else url,
                "language": get_language(),
            }
            content = json_chunks(head, self.name, rows)
        response = StreamingHttpResponse(content, content_type=FORMATS[data_format])
        response["Content-Disposition"] = f'attachment; filename="{self.name}.{data_format}"'
        return response


# --- On the list page -------------------------------------------------------------------------


class DownloadableListMixin:
    """For a FacetedListView: `?format=csv` or `?format=json` gives the filtered list as a
    download (`download_view`); any other format is named in a message above the page.
    The context gets `feed_url` (the Atom feed of the same filters) and `download_links`."""

    download_view = None
    feed_name = ""

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") in FORMATS:
            return self.download_view(request, *args, **kwargs)
        return super().get(request, *args, **kwargs)

    def get_problems(self):
        problems = super().get_problems()
        given = self.request.GET.get("format", "").strip()
        if given and given not in FORMATS:
            shown = Truncator("".join(c for c in given if c.isprintable())).chars(20)
            problems.append(
                _(
                    "The format “%(format)s” is unknown (CSV and JSON can be downloaded), so the page is shown."
                )
                % {"format": shown}
            )
        return problems

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        suffix = f"?{query.urlencode()}" if query else ""
        return super().get_context_data(
            feed_url=reverse(self.feed_name) + suffix,
            download_links=download_links(self.request.path, query),
            **kwargs,
        )


def download_links(list_path, query):
    """[(label, url, format)]: the downloads of the list at `list_path` under the filters in
    `query` (a QueryDict, left as it is)."""
    query = query.copy()
    links = []
    for data_format in FORMATS:
        query["format"] = data_format
        links.append((data_format.upper(), f"{list_path}?{query.urlencode()}", data_format))
    return links
