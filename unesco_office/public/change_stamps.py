"""ETag and Last-Modified for the feeds and downloads, so that a client polling every hour
gets `304 Not Modified` until something it holds has changed.

What a feed or a download holds depends on the rows of a few tables (its records, the
countries and sectors it names and filters by, the office that signs it) and on the time:
`published()` shows a record from its publication time until its expiry time, and the event
lists' upcoming/past split moves at midnight. One query reads, for each table, four cheap
aggregates: the latest change (`updated_at`), the number of rows, and the latest publication
and expiry times that have already passed. Any edit raises the first; adding or deleting a
record changes the second (an addition raises the first too); a scheduled record that
appears raises the third, a record that expires the fourth. So the ETag, a hash of these
values (and of today's date where the list depends on it), changes whenever the content may
have, without reading the content itself.

Last-Modified is the latest of those times (and today's midnight where the date matters).
It cannot see a record deleted outright; the ETag can, and clients that send both
(If-None-Match wins) always get a fresh copy then.
"""

import datetime
import hashlib

from django.db.models import Count, DateTimeField, Max, Q, Value
from django.utils import timezone
from django.views.decorators.http import condition

from unesco_office.core.i18n import untranslated


def _stamp_part(model, now):
    """One row for the model's whole table: (table, latest change, rows, latest publication
    passed, latest expiry passed). The constant table name is not grouped by, so the
    aggregates cover the whole table and the row exists even when the table is empty."""
    names = {field.name for field in model._meta.concrete_fields}
    no_time = Value(None, output_field=DateTimeField())
    published = "published_at" in names
    return (
        untranslated(model._base_manager.order_by())
        .annotate(stamp_table=Value(model._meta.db_table))
        .values("stamp_table")
        .annotate(
            stamp_changed=Max("updated_at"),
            stamp_rows=Count("pk"),
            stamp_shown=Max("published_at", filter=Q(published_at__lte=now))
            if published
            else no_time,
            stamp_hidden=Max("unpublish_at", filter=Q(unpublish_at__lte=now))
            if published
            else no_time,
        )
        .values_list("stamp_table", "stamp_changed", "stamp_rows", "stamp_shown", "stamp_hidden")
    )


class ChangeStamp:
    """The aggregates of some tables at one moment, read in one query."""

    def __init__(self, models, *, daily=False):
        now = timezone.now()
        first, *rest = (_stamp_part(model, now) for model in models)
        rows = sorted(first.union(*rest, all=True).order_by() if rest else first)
        self.values = [tuple(map(_normalised, row)) for row in rows]
        times = [value for row in rows for value in row[1:] if isinstance(value, datetime.datetime)]
        if daily:
            # The upcoming/past split moves at midnight, where timezone.localdate() changes.
            today = timezone.localdate(now)
            self.values.append(("today", today.isoformat()))
            times.append(
                datetime.datetime.combine(today, datetime.time(), timezone.get_current_timezone())
            )
        self.last_modified = max(times, default=None)

    def etag(self, request):
        """A weak ETag: the same data gives an equivalent response, not always the same bytes
        (an empty Atom feed says it was updated now)."""
        seed = repr([request.get_full_path(), self.values]).encode()
        return f'W/"{hashlib.sha256(seed).hexdigest()[:32]}"'


def _normalised(value):
    """Datetimes as UTC ISO strings: SQLite and PostgreSQL return them in other forms."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value


def content_digest(request):
    """What the stamps read for `request` say of the content, whatever its address: two
    requests with the same digest were answered from the same content."""
    stamps = request.__dict__.get("_change_stamps", {})
    seed = repr(sorted((repr(key), stamp.values) for key, stamp in stamps.items())).encode()
    return hashlib.sha256(seed).hexdigest()[:32]


def changed_with(*models, daily=False):
    """A view decorator: ETag and Last-Modified from the tables of `models` (see above), read
    once per request; a conditional GET that matches is answered 304 without running the
    view."""

    def stamp(request):
        key = (models, daily)
        stamps = request.__dict__.setdefault("_change_stamps", {})
        if key not in stamps:
            stamps[key] = ChangeStamp(models, daily=daily)
        return stamps[key]

    return condition(
        etag_func=lambda request, *args, **kwargs: stamp(request).etag(request),
        last_modified_func=lambda request, *args, **kwargs: stamp(request).last_modified,
    )
