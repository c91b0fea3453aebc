"""Values kept until the published content changes, on every app server at once.

Every value (a cached page, a list's facet summary) is kept under the shared cache's
current *generation*, a random value kept in the shared cache (Redis, with REDIS_URL), so
that all app servers read the same one. Any change to the content (a save, a delete, a
change of related records, through the admin, an import, a restore from the history or the
shell) starts a new generation: every value kept before is out of reach at once, on every
server. A new generation starts twice: when the change is made, and again when its
transaction commits, so that a value computed in between from the data before the change
is not kept.

Content also changes with no write at all: a scheduled record goes live at its publication
time, another leaves at its unpublish time, and the event lists move their "upcoming" line
at midnight. Each generation records the next such moment (`next_change`), and no value is
kept past it.

Saving a record changing what the cache keeps is the one side effect of a save that is the
point, across every app: the receivers are connected to every model of the project's apps
(see `apps.py`), so that no write path can be forgotten. Code that writes without sending
signals (`QuerySet.update()`, `bulk_create()`) calls `content_changed()` itself.

The page cache itself (which requests it serves, which responses it keeps) is
unesco_office.public.page_cache.
"""

import datetime
import logging
import math
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
PROJECT_APPS = ("unesco_office", "sectors", "countries", "events")
# A cache server that does not answer is reported at most this often per process.
WARNING_INTERVAL = 60
# Derived values (see remember()) are kept at most a day, and never past a change.
DAY = 24 * 60 * 60
# What a cache that does not answer raises: redis-py's errors (ConnectionError, TimeoutError)
# derive from Exception alone, and a cache may fail in other ways; a failing cache must never
# fail a page.
CacheUnavailable = Exception


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- When content changes ---------------------------------------------------------------


_discarding = ContextVar("page_cache_discarding", default=False)


@contextmanager
def changes_discarded():
    """Writes inside are always rolled back (a preview rendered from a saved form, an
    import's dry run): they make no page stale, so no page is dropped for them."""
    token = _discarding.set(True)
    try:
        yield
    finally:
        _discarding.reset(token)


def content_changed(**kwargs):
    """The published site may have changed: drop every cached page, now and on commit.

    Takes a signal's keyword arguments (`using` names the database of the change)."""
    if _discarding.get():
        return
    new_generation()
    transaction.on_commit(new_generation, using=kwargs.get("using"), robust=True)


def new_generation():
    try:
        page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:
        # Pages stored of the old generation stay until their timeout (PAGE_CACHE_SECONDS).
        logger.exception("Page cache: could not drop the cached pages after a change")


def project_models():
    """The models whose writes may change a public page: every model of the project's apps
    but those that say otherwise (`changes_public_pages = False`: what a save writes beside
    the content, such as search documents, or what visitors' requests write)."""
    return [
        model
        for name in PROJECT_APPS
        for model in apps.get_app_config(name).get_models(include_auto_created=True)
        if getattr(model, "changes_public_pages", True)
    ]


def next_midnight(now):
    """Midnight after `now` in the site's time zone, when 'upcoming' moves on a day."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def next_change(now):
    """The next moment the public pages change without any write: a scheduled publication
    or expiry, or midnight. One query."""
    from unesco_office.core.models import Publishable

    soonest = [
        model.objects.filter(status=Publishable.Status.PUBLISHED)
        .order_by()
        .values("status")
        .annotate(
            publish=Min("published_at", filter=Q(published_at__gt=now)),
            unpublish=Min("unpublish_at", filter=Q(unpublish_at__gt=now)),
        )
        .values_list("publish", "unpublish")
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    first, *rest = soonest
    moments = [moment for row in first.union(*rest, all=True).order_by() for moment in row]
    return min([next_midnight(now), *(moment for moment in moments if moment is not None)])


# --- Values kept for a generation --------------------------------------------------------


class Found(NamedTuple):
    generation: str
    value: object = None
    expires: float = 0.0


def read(cache, key):
    """The current generation and the value kept under `key` for it, if any: one round trip.

    An entry holds the generation it was computed in and when it stops being valid, so
    that an entry of an earlier generation, or past a change that was due, is never used."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return Found(first_generation(cache))
    entry = found.get(key)
    return found_in(entry, generation) if is_current(entry, generation) else Found(generation)


def first_generation(cache):
    """The generation of a cache that holds none yet (new, emptied or restarted): a new one,
    unless another process has just set one."""
    cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(GENERATION_KEY)


def is_current(entry, generation):
    """Whether a kept entry belongs to this generation and its time has not run out."""
    return entry is not None and entry[0] == generation and entry[1] > time.time()


def found_in(entry, generation):
    return Found(generation, entry[2], entry[1])


def lifetime(cache, generation, seconds):
    """How long a value of this generation may be kept: at most `seconds`, never past the
    next scheduled change, which is read from the database once a generation."""
    until_key = f"page-cache:until:{generation}"
    until = cache.get(until_key)
    now = timezone.now()
    if until is None or until <= now:
        until = next_change(now)
        cache.set(until_key, until, timeout=max(1, seconds_until(until)))
    return min(seconds, seconds_until(until))


def keep(cache, generation, key, value, timeout):
    """Store `value` for this generation for `timeout` seconds; the entry stored, if any."""
    if timeout >= 1:
        entry = (generation, time.time() + timeout, value)
        cache.set(key, entry, timeout=timeout)
        return entry
    return None


def seconds_until(moment):
    # Whole seconds, rounded down: a cache that counts in seconds drops the value in time.
    return max(0, int((moment - timezone.now()).total_seconds()))


def remember(key, compute):
    """compute()'s value, kept until the published content changes (as pages are). None when
    the cache does not answer: the caller then does without."""
    cache = page_cache()
    try:
        found = read(cache, key)
    except CacheUnavailable:
        warn("Page cache: the cache does not answer; doing without it")
        return None
    if found.value is not None:
        return found.value
    value = compute()
    try:
        keep(cache, found.generation, key, value, lifetime(cache, found.generation, DAY))
    except CacheUnavailable:
        warn("Page cache: could not keep a value; doing without it")
    return value


_last_warning = -math.inf


def warn(message):
    """Log a warning, at most once a minute per process."""
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= WARNING_INTERVAL:
        _last_warning = now
        logger.warning(message, exc_info=True)


def serves_parameters(request, names):
    """The query-string parameters a page reads (its filters, its page number). A page whose
    address holds any other parameter (a tracker's, a typo) is served but never stored, so
    that such addresses cannot fill the cache with copies of one page."""
    request.page_cache_parameters = getattr(request, "page_cache_parameters", frozenset()) | {
        *names
    }
