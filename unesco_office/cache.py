"""The page cache: each public page is rendered once for all anonymous visitors, and no
visitor ever gets a page older than the content it shows.

Every cached page is stored under the cache's current *generation*, a random value kept in
the shared cache (Redis, with REDIS_URL), so that all app servers read the same one. Any
change to the content (a save, a delete, a change of related records, through the admin, an
import, a restore from the history or the shell) starts a new generation: every page stored
before is out of reach at once, on every server. A new generation starts twice: when the
change is made, and again when its transaction commits, so that a page rendered in between
from the data before the change is not kept.

Content also changes with no write at all: a scheduled record goes live at its publication
time, another leaves at its unpublish time, and the event lists move their "upcoming" line
at midnight. Each generation records the next such moment (`next_change`), and no page is
kept past it: its time in the cache, and the `max-age` sent to browsers and proxies, end
there.

Only anonymous GET and HEAD requests are served from the cache. A request carrying the
session cookie (staff who logged in) or a message cookie is never served a cached page and
never stores one; nor is a response stored that sets a cookie, is streamed, is not a 200, or
says `Cache-Control: private`, `no-cache` or `no-store` (previews, the admin, /healthz), nor
one whose address holds a parameter its page does not read (see serves_parameters).

When the cache server does not answer, pages are served uncached and a warning is logged.

A page cache is the one place where a side effect of saving a record is the point, across
every app: the receivers are connected to every model of the project's apps (see
`apps.py`), so that no write path can be forgotten. Code that writes without sending signals
(`QuerySet.update()`, `bulk_create()`) calls `content_changed()` itself.
"""

import datetime
import hashlib
import logging
import math
import threading
import time
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import split_header_value

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
    return [
        model
        for name in PROJECT_APPS
        for model in apps.get_app_config(name).get_models(include_auto_created=True)
    ]


def next_midnight(now):
    """Midnight after `now` in the site's time zone, when 'upcoming' moves on a day."""
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))


def next_change(now):
    """The next moment the public pages change without any write: a scheduled publication
    or expiry, or midnight. One query."""
    from .models import Publishable

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


class LocalPages:
    """Pages already read from the shared cache, kept in this process with the generation
    they belong to, the most recently used `size` of them. The middleware still reads the
    shared cache's current generation on every request, so a change made on any server
    reaches every process at once; while it holds, a page kept here is served without
    fetching it from the shared cache again (a large list page is tens of KB each time)."""

    def __init__(self, size):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation):
        with self.lock:
            entry = self.pages.get(key)
            if not is_current(entry, generation):
                return None
            self.pages.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.pages[key] = entry
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


local_pages = LocalPages(size=128)


def read_page(cache, key):
    """read(), for a page: the generation from the shared cache, then the page from this
    process's copy when it holds one of that generation, else from the shared cache."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        return Found(first_generation(cache))
    entry = local_pages.get(key, generation)
    if entry is None:
        entry = cache.get(key)
        if not is_current(entry, generation):
            return Found(generation)
        local_pages.put(key, entry)
    return found_in(entry, generation)


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


# --- The middleware ---------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' pages; see the module's docstring."""

    UNCACHEABLE = {"private", "no-cache", "no-store"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PATHS)):
            return self.get_response(request)
        if not self.is_anonymous_read(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD"):
                # A staff member's page is theirs alone: no proxy may keep it either.
                patch_cache_control(response, private=True)
            return response
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)

        cache, key = page_cache(), page_key(request)
        try:
            found = read_page(cache, key)
        except CacheUnavailable:
            warn("Page cache: the cache does not answer; serving pages uncached")
            return self.get_response(request)
        if found.value is not None:
            return self.cached_response(found)

        response = self.get_response(request)
        if self.is_storable(response) and self.reads_its_parameters(request):
            try:
                self.store(cache, found.generation, key, response)
            except CacheUnavailable:
                warn("Page cache: could not store a page; serving pages uncached")
        return response

    @staticmethod
    def is_anonymous_read(request):
        return request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
        )

    @staticmethod
    def reads_its_parameters(request):
        return set(request.GET) <= getattr(request, "page_cache_parameters", frozenset())

    def is_storable(self, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        directives = {
            part.split("=")[0].strip().lower()
            for part in split_header_value(response.get("Cache-Control", ""))
        }
        if directives & self.UNCACHEABLE:
            return False
        vary = {value.lower() for value in split_header_value(response.get("Vary", ""))}
        return vary <= {"cookie"}

    @staticmethod
    def store(cache, generation, key, response):
        timeout = lifetime(cache, generation, settings.PAGE_CACHE_SECONDS)
        # Browsers and proxies may keep the page as long as told, never past a change that
        # is due; by default they ask again each time and get a 304.
        patch_cache_control(
            response, public=True, max_age=min(settings.PAGE_CACHE_HTTP_MAX_AGE, timeout)
        )
        if not response.has_header("ETag"):
            set_response_etag(response)
        page = (response.status_code, list(response.items()), response.content)
        if entry := keep(cache, generation, key, page, timeout):
            local_pages.put(key, entry)

    @staticmethod
    def cached_response(found):
        status, headers, content = found.value
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        remaining = max(0, int(found.expires - time.time()))
        patch_cache_control(response, max_age=min(settings.PAGE_CACHE_HTTP_MAX_AGE, remaining))
        return response


def page_key(request):
    """One entry per scheme, host and full path (the language is the path's prefix)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:page:{hashlib.sha256(address.encode()).hexdigest()}"
