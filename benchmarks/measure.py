"""Requests to the public lists, timed in this process, against a page served from memory.

Requests go through Django's whole handler and middleware with `django.test.Client`, one at
a time, in this one process: there is no web server and no network, so requests per second
is one over the mean latency of one process. Scenarios take turns, a block of requests each,
so that a busy moment of the machine falls on all of them alike.

Two reference pages, both the first page's (the filtered event list) and of its size:
- the baseline: its HTML, rendered once, then served as it is by a view that does nothing
  else: the same handler and middleware, without a query or a template;
- its template alone: rendered again on each request from the context of that first
  response, whose records are loaded already. The template's context processors run (one
  query: the office profile) but the view does nothing. Against it, a page shows what its
  view (queries, filters, paging) costs.

The SQL statements of each request are counted (`connection.execute_wrapper`). Their time is
measured apart: after each block of requests, the statements of its last request run again,
each with all of its rows fetched. Timing `cursor.execute` inside the request would miss
most of the work on SQLite, which computes the rows after the first while they are fetched
(a UNION's later parts, for one).
"""

import math
import os
import platform
import statistics
import time
import types
from contextlib import nullcontext
from dataclasses import dataclass, field
from urllib.parse import urlencode

import django
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.test import Client, override_settings
from django.urls import path

from unesco_office import urls as project_urls

SAVED_PAGE_PATH = "benchmark/saved-page/"
RENDERED_PAGE_PATH = "benchmark/rendered-page/"
BLOCK = 10  # requests to one scenario before the next one's turn


@dataclass
class Scenario:
    name: str
    path: str
    # Settings changed for this page's requests: {"MAPS": False} leaves its map out.
    settings: dict = field(default_factory=dict)


@dataclass
class Result:
    scenario: Scenario
    size: int = 0
    latencies: list[float] = field(default_factory=list)
    query_counts: list[int] = field(default_factory=list)
    # The (sql, params) of one request, and the seconds each took when run again.
    statements: list[tuple] = field(default_factory=list)
    statement_seconds: list[list[float]] = field(default_factory=list)

    @property
    def per_second(self):
        return len(self.latencies) / sum(self.latencies)

    @property
    def median_ms(self):
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self):
        ordered = sorted(self.latencies)
        return ordered[math.ceil(0.95 * len(ordered)) - 1] * 1000

    @property
    def queries(self):
        low, high = min(self.query_counts), max(self.query_counts)
        return str(low) if low == high else f"{low}–{high}"

    @property
    def sql_ms(self):
        return sum(map(statistics.mean, self.statement_seconds)) * 1000

    @property
    def sql_share(self):
        return self.sql_ms / 1000 / statistics.mean(self.latencies)


NO_MAP = {"MAPS": False}


def scenarios(country, sector):
    filtered = urlencode({"country": country, "sector": sector})
    sites = f"/sites/?{urlencode({'country': country})}"
    return [
        Scenario("events?country&sector", f"/events/?{filtered}"),
        Scenario("events (unfiltered)", "/events/"),
        Scenario("events?country&sector&page=5", f"/events/?{filtered}&page=5"),
        Scenario("sites?country", sites),
        Scenario("sites?country, no map", sites, NO_MAP),
        Scenario("sites (all)", "/sites/"),
        Scenario("sites (all), no map", "/sites/", NO_MAP),
    ]


# What readers of each language search for: a word in one event of eight (common) and in
# one of a thousand (rare), as the benchmark's data holds them (benchmarks/data.py).
SEARCHES = [
    ("", "heritage", "common"),
    ("/fr", "patrimoine", "common"),
    ("/zh-hans", "遗产", "common"),
    ("", "grassland", "rare"),
    ("/fr", "prairie", "rare"),
    ("/zh-hans", "草原", "rare"),
]
# The site search's budget: p95 at or under this, in this process (issue: fast search).
SEARCH_P95_MS = 50


def search_scenarios():
    """The site search and the event list's ?q= for each of SEARCHES."""
    pages = []
    for prefix, word, how in SEARCHES:
        query = urlencode({"q": word})
        language = prefix.strip("/") or "en"
        pages.append(Scenario(f"search, {how} ({language}: {word})", f"{prefix}/search/?{query}"))
        pages.append(Scenario(f"events?q, {how} ({language}: {word})", f"{prefix}/events/?{query}"))
    return pages


def search_verdict(results):
    """The slowest search's p95 against the budget, or None when no search was timed."""
    searches = [r for r in results if "?q=" in r.scenario.path]
    if not searches:
        return None
    slowest = max(searches, key=lambda r: r.p95_ms)
    met = "met" if slowest.p95_ms <= SEARCH_P95_MS else "NOT met"
    return (
        f"Searches: the slowest p95 is {slowest.p95_ms:.1f} ms ({slowest.scenario.name}); "
        f"budget {SEARCH_P95_MS} ms: {met}."
    )


def map_ratios(results):
    """For each page measured with and without its map: (name, share of the speed without
    the map that the page keeps with it)."""
    by_name = {r.scenario.name: r for r in results}
    return [
        (r.scenario.name, r.per_second / without.per_second)
        for r in results
        if (without := by_name.get(f"{r.scenario.name}, no map"))
    ]


RENDERED = Scenario("first page's template only", f"/{RENDERED_PAGE_PATH}")
BASELINE = Scenario("baseline: saved HTML", f"/{SAVED_PAGE_PATH}")


class BadResponse(Exception):
    pass


class QueryRecorder:
    """Keeps the SQL statements run while it is installed."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        if many or not sql.lstrip("( \n").upper().startswith(("SELECT", "WITH")):
            raise BadResponse(f"A public page wrote to the database: {sql[:200]}")
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


class SavedPage:
    """The baseline view: answers with the HTML it was given, and does nothing else."""

    content = b""

    def __call__(self, request):
        return HttpResponse(self.content)


class RenderedPage:
    """Renders a page's template again from the context of an earlier response, whose
    records are loaded already: the cost of the template without the view's work."""

    template_name = None
    context = None

    def __call__(self, request):
        return TemplateResponse(request, self.template_name, self.context)


def urlconf(saved_page, rendered_page):
    """The project's URLs, and the two reference pages'."""
    module = types.ModuleType("benchmark_urls")
    module.urlpatterns = [
        path(SAVED_PAGE_PATH, saved_page),
        path(RENDERED_PAGE_PATH, rendered_page),
        *project_urls.urlpatterns,
    ]
    return module


def get(client, scenario):
    # secure: as behind the TLS proxy of a production site, which redirects plain HTTP.
    changed = override_settings(**scenario.settings) if scenario.settings else nullcontext()
    with changed:
        response = client.get(scenario.path, secure=True)
    if response.status_code != 200:
        raise BadResponse(f"{scenario.path} answered {response.status_code}")
    return response


def measure(pages, *, requests, warmup):
    """Time `requests` requests of each page, of its first page's template alone and of the
    baseline, after `warmup` of each. Returns the results in that order."""
    saved_page, rendered_page = SavedPage(), RenderedPage()
    with override_settings(
        ROOT_URLCONF=urlconf(saved_page, rendered_page),
        ALLOWED_HOSTS=["testserver"],
        # Every request renders its page: this measures the pages, not the page cache.
        PAGE_CACHE_SECONDS=0,
        # Static files by name, without the manifest that `collectstatic` would write.
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        client = Client()
        first = get(client, pages[0])
        saved_page.content = first.content
        rendered_page.template_name = first.template_name
        rendered_page.context = first.context_data
        results = [Result(scenario) for scenario in [*pages, RENDERED, BASELINE]]
        for result in results:
            for _ in range(warmup):
                result.size = len(get(client, result.scenario).content)
        for done in range(0, requests, BLOCK):
            for result in results:
                for _ in range(min(BLOCK, requests - done)):
                    timed_request(client, result)
                time_statements(result)
    return results


def timed_request(client, result):
    recorder = QueryRecorder()
    with connection.execute_wrapper(recorder):
        start = time.perf_counter()
        get(client, result.scenario)
        result.latencies.append(time.perf_counter() - start)
    result.query_counts.append(len(recorder.statements))
    result.statements = recorder.statements


def time_statements(result):
    """Run each statement of the result's last request again, fetching all its rows."""
    if not result.statement_seconds:
        result.statement_seconds = [[] for _ in result.statements]
    with connection.cursor() as cursor:
        for (sql, params), seconds in zip(result.statements, result.statement_seconds, strict=True):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            seconds.append(time.perf_counter() - start)


def environment():
    """What the figures were measured on."""
    with connection.cursor() as cursor:
        version = (
            f"SQLite {cursor.execute('SELECT sqlite_version()').fetchone()[0]}"
            if connection.vendor == "sqlite"
            else f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
        )
    return (
        f"Python {platform.python_version()}, Django {django.get_version()}, {version}, "
        f"{platform.machine()} with {os.cpu_count()} cores"
    )


def table(results):
    """The results as a text table, each page's speed as a share of the baseline's and of
    the template's alone."""
    rendered, baseline = results[-2:]
    headers = ["page", "bytes", "req/s", "median ms", "p95 ms", "vs baseline", "vs template"]
    headers += ["queries", "SQL ms/req", "SQL share"]
    rows = [
        [
            r.scenario.name,
            f"{r.size:,}",
            f"{r.per_second:.1f}",
            f"{r.median_ms:.1f}",
            f"{r.p95_ms:.1f}",
            f"{r.per_second / baseline.per_second:.1%}",
            f"{r.per_second / rendered.per_second:.1%}",
            r.queries,
            f"{r.sql_ms:.1f}",
            f"{r.sql_share:.0%}",
        ]
        for r in results
    ]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def query_breakdown(results):
    """Each page's queries in the order it runs them: mean time and the start of the SQL."""
    lines = []
    for r in results[:-2]:
        lines.append(f"{r.scenario.name}  ({r.scenario.path})")
        for (sql, _params), seconds in zip(r.statements, r.statement_seconds, strict=True):
            sql = " ".join(sql.split())
            lines.append(f"  {statistics.mean(seconds) * 1000:8.2f} ms  {sql[:110]}")
    return "\n".join(lines)


def report(results, *, events, sites, filtered, matching, requests, warmup, queries=False):
    """What was measured and how, then the table, and each page's queries when asked."""
    lines = [
        f"{events:,} events, {sites:,} sites; {filtered} matches {matching:,} upcoming events.",
        environment() + ".",
        f"{requests} requests of each page after {warmup} warm-up, one at a time, in this "
        "process with Django's test client (no web server, no network): req/s is 1 / mean "
        "latency.",
        "Baseline: the first page's HTML, rendered once, then served from memory by a view "
        "that runs no query and no template, through the same middleware. Template only: "
        "the first page's template rendered again from the context of one earlier response "
        "(its records loaded; the office profile is the one query).",
        "",
        table(results),
        "",
        "vs baseline, vs template: the page's req/s as a share of theirs. SQL ms/req: the "
        "request's statements run again, each with all its rows fetched; SQL share: that "
        "time's part of the mean latency.",
        "",
        *(
            f"{name} with its map: {ratio:.0%} of its speed without (target: 70 % or more)."
            for name, ratio in map_ratios(results)
        ),
        *filter(None, [search_verdict(results)]),
    ]
    if queries:
        lines += ["", query_breakdown(results)]
    return "\n".join(lines)
