"""The page cache: each public page is rendered once for all anonymous visitors, and no
visitor ever gets a page older than the content it shows.

Pages are kept as every value of unesco_office.core.cache is: under the shared cache's
current generation, which any change to the content replaces, and never past the next
scheduled change. The `max-age` sent to browsers and proxies ends there too.

Only anonymous GET and HEAD requests are served from the cache. A request carrying a live
session of someone who signed in (staff) or a message cookie this site signed is never
served a cached page and never stores one; a made-up, expired or signed-out session cookie
or a forged message cookie changes nothing (it costs one read of the session store, never
a render); nor is a response stored that sets a cookie, is streamed, is not a 200, or
says `Cache-Control: private`, `no-cache` or `no-store` (previews, the admin, /healthz), nor
one whose address holds a parameter its page does not read (see serves_parameters).

A page rendered for an anonymous visitor spends its client's budget (rate_limit.py); a page
served from the cache costs nothing. When the cache server does not answer, pages are served
uncached and a warning is logged.
"""

import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.contrib import auth
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import split_header_value

from unesco_office.core.cache import (
    GENERATION_KEY,
    CacheUnavailable,
    Found,
    first_generation,
    found_in,
    is_current,
    keep,
    lifetime,
    page_cache,
    warn,
)
from unesco_office.public import rate_limit


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
            return self.render(request)

        cache, key = page_cache(), page_key(request)
        try:
            found = read_page(cache, key)
        except CacheUnavailable:
            warn("Page cache: the cache does not answer; serving pages uncached")
            return self.get_response(request)
        if found.value is not None:
            return self.cached_response(found)

        response = self.render(request)
        if self.is_storable(response) and self.reads_its_parameters(request):
            try:
                self.store(cache, found.generation, key, response)
            except CacheUnavailable:
                warn("Page cache: could not store a page; serving pages uncached")
        return response

    def render(self, request):
        """The page rendered for an anonymous visitor, within the client's rate limit."""
        if retry_after := rate_limit.spend(request):
            return rate_limit.too_many_requests(request, retry_after)
        return self.get_response(request)

    @staticmethod
    def is_anonymous_read(request):
        return request.method in ("GET", "HEAD") and not (
            "authorization" in request.headers or has_messages(request) or signed_in(request)
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


def signed_in(request):
    """Whether the request's session cookie is a live session of someone who signed in."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return auth.SESSION_KEY in request.session


def has_messages(request):
    """Whether the request carries messages this site wrote (a cookie signed with its key):
    its page shows them, so it is rendered for it."""
    value = request.COOKIES.get(CookieStorage.cookie_name)
    if not value:
        return False
    try:
        signing.get_cookie_signer(salt=CookieStorage.key_salt).unsign(value)
    except signing.BadSignature:
        return False
    return True


def page_key(request):
    """One entry per scheme, host and full path (the language is the path's prefix)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:page:{hashlib.sha256(address.encode()).hexdigest()}"
