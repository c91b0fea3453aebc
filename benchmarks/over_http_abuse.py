"""The abuse scenario of the HTTP benchmark (`over_http.py --scenario abuse`).

    make bench-http BENCH_HTTP_ARGS="--scenario abuse --reuse --keep"

Browsing clients (200 by default) request the load test's mix of public pages, mostly served
from the page cache, in phases of `--abuse-seconds`:

- **alone**;
- **with abusers**: beside them, 4 clients loop on the full downloads (events and sites, CSV
  and JSON) and 8 clients send searches for random words (the site search and the event list's
  `q`), each abuser from an address of its own;
- **with abusers, no limit** (unless --no-without-limit): the same, against the site restarted
  with the rate limit off (DJANGO_RATE_LIMIT_BUDGET=0), what the site was before it.

The phases alternate for `--abuse-rounds` rounds, so that the machine's noise falls on each
alike; the report gives each phase's figures and the browsing clients' p99 beside abusers as a
multiple of their p99 alone.

Clients' addresses: wrk sends every request from 127.0.0.1, so the site runs as behind one
reverse proxy (DJANGO_TRUSTED_PROXY_COUNT=1) and each request carries the X-Forwarded-For that
proxy would add: each abuser connection one address of its own, the browsing clients addresses
from a pool (BROWSING_ADDRESSES), in turn, as many people would.

Large downloads are redirected to a file in the media storage, which in production a web
server, the object storage or a CDN serves, not gunicorn: the clients do not follow the
redirect, the 302 is the answer. The background worker (`manage.py db_worker`) runs beside
gunicorn to build those files; they are built before the phases begin.
"""

import ipaddress
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.event_list import say

BROWSING_ADDRESSES = 1000
DOWNLOADS = [
    "/events/?format=json&when=all",
    "/events/?format=csv&when=all",
    "/sites/?format=json",
    "/sites/?format=csv",
]
SEARCHES = ["/search/?q={word}", "/events/?q={word}"]
WORKER_SECONDS = 300
# Between phases: for gunicorn to answer the requests a phase's wrk left queued.
PAUSE = 5


def client_addresses(first, count):
    """`count` IPv4 addresses in a row from `first`."""
    start = ipaddress.IPv4Address(first)
    return [str(start + n) for n in range(count)]


def address_arguments(addresses, threads):
    """wrk_report.lua's arguments sharing `addresses` among wrk's `threads` threads: thread n
    takes addresses n, n + threads, …; with one address a thread, each thread is one client."""
    if len(addresses) < threads:
        raise ValueError(f"{len(addresses)} addresses for {threads} threads")
    return ["from=" + ",".join(addresses[n::threads]) for n in range(threads)]


class Worker:
    """The background worker (`manage.py db_worker`) of the site's environment."""

    def __init__(self, site, root):
        self.site, self.root = site, root
        self.process = None

    def start(self):
        with self.site.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker"],
                cwd=self.root,
                env=self.site.environment,
                stdout=log,
                stderr=log,
            )

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_from(site, path, address):
    """The status of `path` for a client at `address`; a redirect is an answer."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(  # noqa: S310
        site.base + path, headers={"X-Forwarded-For": address}
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def build_downloads(site):
    """Ask for each large download until it is a redirect to its built file."""
    addresses = iter(client_addresses("198.51.100.1", 250))  # budgets of their own
    deadline = time.monotonic() + WORKER_SECONDS
    for path in DOWNLOADS:
        while (status := status_from(site, path, next(addresses))) == 503:
            if time.monotonic() > deadline:
                sys.exit(f"The worker built no file for {path} in {WORKER_SECONDS} s.")
            time.sleep(2)
        say(f"  {path}: {status}")


def browsing_arguments(paths, options):
    addresses = client_addresses("10.1.0.1", BROWSING_ADDRESSES)
    return paths + address_arguments(addresses, options.threads)


def warm_up(site, wrk, options, paths, seconds):
    """Fill the page cache and start the workers: a few connections first, so that each page
    is rendered once rather than by every connection at once, then all of them; then a pause
    for gunicorn to drain what wrk left queued."""
    arguments = browsing_arguments(paths, options)
    wrk(site, arguments, seconds=seconds, connections=options.threads * 2, threads=options.threads)
    wrk(site, arguments, seconds=3, connections=options.browsing, threads=options.threads)
    time.sleep(PAUSE)


def phase(site, wrk, options, paths, *, abusers):
    """The browsing clients' figures, and the abusers' (or None), for one phase."""
    from benchmarks.over_http import wrk_command, wrk_figures

    seconds = options.abuse_seconds
    browsing = browsing_arguments(paths, options)
    running = []
    if abusers:
        for first, count, abuser_paths in (
            ("10.66.0.1", options.downloaders, DOWNLOADS),
            ("10.77.0.1", options.searchers, SEARCHES),
        ):
            command = wrk_command(
                site,
                abuser_paths + address_arguments(client_addresses(first, count), count),
                seconds=seconds + 2,
                connections=count,
                threads=count,
            )
            running.append(
                subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
            )
        time.sleep(1)
    figures = wrk(
        site, browsing, seconds=seconds, connections=options.browsing, threads=options.threads
    )
    abused = [wrk_figures(process.communicate()[0]) for process in running]
    time.sleep(PAUSE)
    return figures, abused or None


def abuser_line(name, figures):
    return (
        f"{name}: {figures['requests']:,} requests, {figures['ok']:,} 200, "
        f"{figures['redirects']:,} 302, {figures['too_many']:,} 429, "
        f"{figures['unavailable']:,} 503, {figures['socket_errors']:,} timeouts or "
        f"socket errors; median {figures['p50_ms']:,.0f} ms"
    )


def browsing_line(figures):
    other = figures["requests"] - figures["ok"]
    return (
        f"{figures['requests']:,} requests ({figures['per_second']:,.0f}/s), median "
        f"{figures['p50_ms']:,.1f} ms, p99 {figures['p99_ms']:,.1f} ms, "
        f"{other:,} not 200 ({figures['too_many']:,} 429), "
        f"{figures['socket_errors']:,} timeouts or socket errors"
    )


def summary(results):
    """The report's table: each phase's browsing figures (median over the rounds) and p99 as
    a multiple of the p99 alone."""
    alone = max(statistics.median(f["p99_ms"] for f, _ in results["alone"]), 0.001)
    lines = [
        "| browsing clients | median | p99 | p99 vs alone | abusers' answers |",
        "|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        p50 = statistics.median(f["p50_ms"] for f, _ in runs)
        p99 = statistics.median(f["p99_ms"] for f, _ in runs)
        answers = "–"
        if runs[0][1]:
            total = {
                key: sum(a[key] for _, abused in runs for a in abused)
                for key in ("ok", "redirects", "too_many", "unavailable", "socket_errors")
            }
            answers = (
                f"{total['ok']:,} 200, {total['redirects']:,} 302, "
                f"{total['too_many']:,} 429, {total['unavailable']:,} 503, "
                f"{total['socket_errors']:,} timeouts"
            )
        lines.append(f"| {name} | {p50:,.1f} ms | {p99:,.1f} ms | {p99 / alone:.2f}× | {answers} |")
    return "\n".join(lines)


def variants(options):
    """The phases beside abusers on a site of other settings: (name, settings)."""
    unlimited = {"DJANGO_RATE_LIMIT_BUDGET": "0"}
    found = []
    if options.without_limit:
        found.append(("with abusers, no limit", unlimited))
    if options.as_before:
        # Every download written by the request that asks for it, however large.
        found.append(
            (
                "with abusers, as before (no limit, downloads built by the request)",
                {**unlimited, "DJANGO_DOWNLOAD_STREAM_ROWS": str(10**9)},
            )
        )
    return found


def report_phase(results, name, figures, abused):
    results.setdefault(name, []).append((figures, abused))
    say(f"  {name}: {browsing_line(figures)}")
    for kind, each in zip(("downloads", "searches"), abused or (), strict=False):
        say(f"    {abuser_line(kind, each)}")


def run(options, make_site, paths, wrk):
    """Run the scenario; `make_site(settings)` gives a started-to-be Site with those settings.
    Returns True when the browsing clients' p99 beside the abusers (with the limit) stayed
    within twice its value alone."""
    limited = {"DJANGO_TRUSTED_PROXY_COUNT": "1", "DJANGO_TASKS_BACKEND": "database"}
    site = make_site(limited)
    worker = Worker(site, Path(__file__).resolve().parent.parent)
    results = {}
    try:
        site.start()
        worker.start()
        say("Building the large downloads' files…")
        build_downloads(site)
        say("Warming the page cache…")
        warm_up(site, wrk, options, paths, 15)
        for number in range(1, options.abuse_rounds + 1):
            say(f"Round {number}:")
            for name, abusers in (("alone", False), ("with abusers", True)):
                figures, abused = phase(site, wrk, options, paths, abusers=abusers)
                report_phase(results, name, figures, abused)
            for name, settings in variants(options):
                site.stop()
                site.environment.update(settings)
                site.start()
                warm_up(site, wrk, options, paths, 5)
                figures, abused = phase(site, wrk, options, paths, abusers=True)
                report_phase(results, name, figures, abused)
                site.stop()
                for setting in settings:
                    site.environment.pop(setting)
                site.start()
                warm_up(site, wrk, options, paths, 5)
    finally:
        worker.stop()
        if site.process and site.process.poll() is None:
            site.stop()
    say("")
    say(
        f"{options.browsing} browsing clients ({len(paths)} pages in turn, from "
        f"{BROWSING_ADDRESSES:,} addresses), {options.downloaders} clients looping on full "
        f"downloads, {options.searchers} on random searches; {options.abuse_rounds} rounds of "
        f"{options.abuse_seconds} s a phase; medians over the rounds."
    )
    say("")
    say(summary(results))
    alone = statistics.median(f["p99_ms"] for f, _ in results["alone"])
    beside = statistics.median(f["p99_ms"] for f, _ in results["with abusers"])
    return beside <= 2 * alone
