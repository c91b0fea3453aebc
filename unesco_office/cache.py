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
says `Cache-Control: private`, `no-cache` or `no-store` (previews, the admin, /healthz).

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
import time
import uuid

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


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


# --- When content changes ---------------------------------------------------------------


def content_changed(**kwargs):
    """The published site may have changed: drop every cached page, now and on commit.

    Takes a signal's keyword arguments (`using` names the database of the change)."""
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


# --- The middleware ---------------------------------------------------------------------


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' pages; see the module's docstring."""

    UNCACHEABLE = {"private", "no-cache", "no-store"}

    def __init__(self, get_response):
        self.get_response = get_response
        self.last_warning = -math.inf

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

        try:
            state = self.read(request)
        except Exception:
            self.warn("Page cache: the cache does not answer; serving pages uncached")
            return self.get_response(request)
        if state.page is not None:
            return state.page.response()

        response = self.get_response(request)
        if self.is_storable(response):
            self.store(state, response)
        return response

    @staticmethod
    def is_anonymous_read(request):
        return request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
        )

    def read(self, request):
        cache = page_cache()
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
            generation = cache.get(GENERATION_KEY)
        state = CacheState(generation, page_key(generation, request))
        found = cache.get_many([state.until_key, state.page_key])
        now = timezone.now()
        state.until = found.get(state.until_key)
        if state.until is None or state.until <= now:
            state.until = None  # read from the database once a page is to be stored
        page = found.get(state.page_key)
        if page is not None and state.until is not None and page.expires > time.time():
            state.page = page
        return state

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

    def store(self, state, response):
        now = timezone.now()
        cache = page_cache()
        try:
            if state.until is None:
                state.until = next_change(now)
                cache.set(state.until_key, state.until, timeout=self.seconds_until(state.until))
            timeout = min(settings.PAGE_CACHE_SECONDS, self.seconds_until(state.until))
            # Browsers and proxies may keep the page as long as told, never past a change
            # that is due; by default they ask again each time and get a 304.
            max_age = min(settings.PAGE_CACHE_HTTP_MAX_AGE, timeout)
            patch_cache_control(response, public=True, max_age=max_age)
            if not response.has_header("ETag"):
                set_response_etag(response)
            if timeout >= 1:
                cache.set(state.page_key, CachedPage.of(response, timeout), timeout=timeout)
        except Exception:
            self.warn("Page cache: could not store a page; serving pages uncached")

    @staticmethod
    def seconds_until(moment):
        # Whole seconds, rounded down: a cache that counts in seconds drops the page in time.
        return max(0, int((moment - timezone.now()).total_seconds()))

    def warn(self, message):
        now = time.monotonic()
        if now - self.last_warning >= WARNING_INTERVAL:
            self.last_warning = now
            logger.warning(message, exc_info=True)


def page_key(generation, request):
    """One entry per scheme, host and full path (the language is the path's prefix)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{generation}:page:{hashlib.sha256(address.encode()).hexdigest()}"


class CacheState:
    """A request's view of the cache: the generation, the next change that the generation's
    pages must not outlive (None until read from the database), and the page if stored."""

    def __init__(self, generation, page_key):
        self.page_key = page_key
        self.until_key = f"page-cache:{generation}:until"
        self.until = None
        self.page = None


class CachedPage:
    """What is kept of a response: status, headers, body, and when it stops being valid."""

    def __init__(self, status, headers, content, expires):
        self.status = status
        self.headers = headers
        self.content = content
        self.expires = expires

    @classmethod
    def of(cls, response, timeout):
        headers = [(name, value) for name, value in response.items()]
        return cls(response.status_code, headers, response.content, time.time() + timeout)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        remaining = max(0, int(self.expires - time.time()))
        patch_cache_control(response, max_age=min(settings.PAGE_CACHE_HTTP_MAX_AGE, remaining))
        return response
