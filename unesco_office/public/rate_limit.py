"""The public site's rate limit: what one client may make the servers render.

A page served from the page cache costs nothing and is never counted. Each request the
servers must render for an anonymous visitor (a page missing from the cache, a search, a
filtered list, a download, a feed or calendar) spends some of the client's budget:
RATE_LIMIT_COSTS says how much of it each kind spends, RATE_LIMIT_BUDGET how much a client
has per RATE_LIMIT_WINDOW seconds. Past it the client gets a short page saying when to come
back (HTTP 429 with Retry-After) until the window ends. A person reading, searching and
filtering never reaches it; a script fetching downloads or random searches in a loop does.

Budgets are counted in the shared cache, so that every server agrees on them, per client as
the sign-in throttle takes it (unesco_office.core.clients: behind configured proxies only;
an IPv6 client by its /64 network). Staff who signed in are never limited. When the cache
does not answer, nothing is limited.
"""

import math
import time

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from unesco_office.core.cache import CacheUnavailable, page_cache, warn
from unesco_office.core.clients import client_network

DOWNLOAD, FEED, SEARCH, PAGE = "download", "feed", "search", "page"


def kind_of(request):
    """What rendering the request costs: a download (?format=), a feed or calendar, a search
    (?q=, on the site search or a list), or a page."""
    if request.GET.get("format"):
        return DOWNLOAD
    if request.path.endswith((".ics", "/feed/")):
        return FEED
    if request.GET.get("q", "").strip():
        return SEARCH
    return PAGE


def spend(request):
    """Spend the cost of rendering `request` from its client's budget. Returns None while
    the budget holds, else the seconds until it is renewed."""
    budget = settings.RATE_LIMIT_BUDGET
    if budget <= 0:
        return None
    window = settings.RATE_LIMIT_WINDOW
    now = time.time()
    start = math.floor(now / window) * window
    key = f"rate-limit:{client_network(request)}:{int(start)}"
    cost = settings.RATE_LIMIT_COSTS[kind_of(request)]
    cache = page_cache()
    try:
        cache.add(key, 0, timeout=window + 1)
        spent = cache.incr(key, cost)
    except ValueError:  # the count expired between add and incr: this is its first cost
        cache.set(key, cost, timeout=window + 1)
        spent = cost
    except CacheUnavailable:
        warn("Rate limit: the cache does not answer; nothing is limited")
        return None
    if spent <= budget:
        return None
    return max(1, math.ceil(start + window - now))


def too_many_requests(request, retry_after):
    """A short page in the visitor's language saying when to come back; no database."""
    context = {"retry_after": retry_after, "home_url": reverse("home")}
    body = render_to_string("429.html", context)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response
