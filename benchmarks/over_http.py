"""The site over HTTP: gunicorn on PostgreSQL with Redis, driven by wrk, as deployed.

    make bench-http [BENCH_HTTP_ARGS="--database-url postgres://…/bench --duration 10"]

Starts what a deployment runs (README, Deployment): the project's WSGI application under
gunicorn with its production settings, static files collected for whitenoise, PostgreSQL for
the data and a Redis server of its own for the cache. Between gunicorn and PostgreSQL sits a
small relay of the benchmark's, so that the database can be taken away without stopping the
real server. Then:

1. **Speed**: wrk requests each page for `--duration` seconds with `--connections`
   connections (after a warm-up); requests per second and latency percentiles, each page's
   rate as a share of the fixed response's, measured in the same run. The fixed response is
   the filtered event list's HTML, saved once and served by a view that does nothing else,
   through every middleware but the page cache: what any response costs before the site does
   any work. "Uncached" pages are requested with a session cookie, which the page cache never
   serves, so they are rendered on every request.
2. **Load**: `--load-connections` connections for `--load-seconds` on a mix of pages; any
   error or 5xx fails the run.
3. **Faults**: with the cache server stopped, pages are still served (uncached) and gunicorn
   logs the page cache's warning; with the database gone, /healthz answers 503 while cached
   pages are still served.

With `--scenario abuse`, instead of these: browsing clients alone and beside clients that
loop on full downloads and random searches, with the rate limit and without it (see
over_http_abuse.py).

The database must be PostgreSQL, empty or an earlier benchmark's (see data.py); it is
filled as `event_list.py` fills it (or served as it is with --reuse), and emptied afterwards
unless --keep. wrk and
redis-server must be installed (Debian: apt-get install wrk redis-server). wrk runs on the
same machine as gunicorn and takes a share of its cores.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.event_list import positive, say, set_up_django  # noqa: E402

LUA = Path(__file__).with_name("wrk_report.lua")
CACHE_WARNING = "Page cache: the cache does not answer"


def arguments(argv=None):
    parser = argparse.ArgumentParser(description="The site over HTTP, driven by wrk.")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench"),
        help="an empty PostgreSQL database, or an earlier run's (default: DATABASE_URL, else "
        "postgres://postgres@127.0.0.1:5432/bench)",
    )
    parser.add_argument("--events", type=positive, default=100_000, help="default: 100,000")
    parser.add_argument("--sites", type=positive, default=500, help="default: 500")
    parser.add_argument("--duration", type=positive, default=10, help="seconds a page (10)")
    parser.add_argument("--connections", type=positive, default=16, help="wrk connections (16)")
    parser.add_argument("--threads", type=positive, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=positive, default=4, help="gunicorn workers (4)")
    parser.add_argument("--load-seconds", type=positive, default=30, help="(30)")
    parser.add_argument("--load-connections", type=positive, default=64, help="(64)")
    parser.add_argument("--country", default="china", help="slug filtered on (china)")
    parser.add_argument("--sector", default="culture", help="slug filtered on (culture)")
    parser.add_argument("--keep", action="store_true", help="keep the data afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="serve an earlier run's data (--keep) as it is"
    )
    parser.add_argument(
        "--scenario",
        choices=["standard", "abuse"],
        default="standard",
        help="standard: speed, load and faults; abuse: browsing alone and beside clients "
        "that loop on full downloads and random searches (see over_http_abuse.py)",
    )
    parser.add_argument(
        "--abuse-seconds",
        type=positive,
        default=60,
        help="a phase (60: the rate limit's window, its burst and the quiet after it)",
    )
    parser.add_argument("--abuse-rounds", type=positive, default=2, help="(2)")
    parser.add_argument("--browsing", type=positive, default=200, help="browsing clients (200)")
    parser.add_argument("--downloaders", type=positive, default=4, help="(4)")
    parser.add_argument("--searchers", type=positive, default=8, help="(8)")
    parser.add_argument(
        "--without-limit",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run the abusers against a site with no rate limit (default: yes)",
    )
    parser.add_argument(
        "--as-before",
        action="store_true",
        help="also run them against the site as it was: no rate limit, and every download "
        "written by the request that asks for it",
    )
    return parser.parse_args(argv)


def require(command, package):
    path = shutil.which(command)
    if path is None:
        sys.exit(f"{command} is not installed: apt-get install {package}")
    return path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    sys.exit(f"{what} did not start within {seconds} s.")


# --- What the site runs on ---------------------------------------------------------------


class DatabaseRelay:
    """Relays TCP connections to the database; `cut()` drops them all and refuses new ones,
    as if the database had stopped, and `restore()` lets them through again."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.is_open = True
        self.sockets = set()
        self.lock = threading.Lock()
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            client, _address = self.listener.accept()
            if not self.is_open:
                client.close()
                continue
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                self.close(end)

    def close(self, end):
        with self.lock:
            self.sockets.discard(end)
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
        end.close()

    def cut(self):
        self.is_open = False
        with self.lock:
            ends = list(self.sockets)
        for end in ends:
            self.close(end)

    def restore(self):
        self.is_open = True


class RedisServer:
    """A Redis server of the benchmark's own, on a free port, that it may stop."""

    def __init__(self, folder):
        self.binary = require("redis-server", "redis-server")
        self.port = free_port()
        self.folder = folder
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.answers, "redis-server")

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait()


class Site:
    """gunicorn serving the project (README, Deployment), its log in a file."""

    def __init__(self, folder, *, database_url, redis_url, workers, fixed_file, settings=None):
        self.port = free_port()
        self.log = folder / "gunicorn.log"
        self.environment = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS"))},
            "DJANGO_SETTINGS_MODULE": "benchmarks.http_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "BENCHMARK_FIXED_FILE": str(fixed_file),
            "PYTHONPATH": str(ROOT),
            **(settings or {}),
        }
        self.workers = workers
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def collect_static(self):
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
            cwd=ROOT,
            env=self.environment,
            check=True,
        )
        manifest = json.loads(
            (Path(self.environment["DJANGO_STATIC_ROOT"]) / "staticfiles.json").read_text()
        )
        return "/static/" + manifest["paths"]["css/site.css"]

    def start(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(gunicorn),
                    "unesco_office.wsgi",
                    "--workers",
                    str(self.workers),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                ],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=log,
            )
        wait_for(lambda: self.status("/healthz") == 200, "gunicorn")

    def stop(self):
        self.process.terminate()
        self.process.wait()

    def status(self, path, headers=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def read(self, path):
        with urllib.request.urlopen(self.base + path, timeout=30) as response:  # noqa: S310
            return response.read()

    def logged(self, text):
        return text in self.log.read_text(errors="replace")


# --- wrk ---------------------------------------------------------------------------------


def wrk_command(site, paths, *, seconds, connections, threads, headers=()):
    command = [
        require("wrk", "wrk"),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
    ]
    for header in headers:
        command += ["-H", header]
    return [*command, site.base + "/", "--", *paths]


def wrk_figures(output):
    figures = json.loads(output.strip().splitlines()[-1])
    figures["per_second"] = figures["requests"] / figures["seconds"]
    return figures


def wrk(site, paths, **settings):
    """wrk's figures (see wrk_report.lua) for requests to `paths` in turn."""
    command = wrk_command(site, paths, **settings)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return wrk_figures(output)


def uncached(path):
    """`path` with a parameter its page does not read: served, never stored in the page
    cache, so every request renders the page (a made-up session cookie no longer skips the
    cache)."""
    return f"{path}{'&' if '?' in path else '?'}benchmark=uncached"


def speed(site, options, static_path, event_path):
    filtered = f"/events/?country={options.country}&sector={options.sector}"
    pages = [
        ("fixed response", "/benchmark/fixed/", ()),
        ("static file (whitenoise)", static_path, ()),
        ("home, cached", "/", ()),
        ("home, uncached", uncached("/"), ()),
        ("events?country&sector, cached", filtered, ()),
        ("events?country&sector, uncached", uncached(filtered), ()),
        ("event page, cached", event_path, ()),
        ("event page, uncached", uncached(event_path), ()),
    ]
    results = []
    for name, path, headers in pages:
        say(f"  {name}: {path}")
        settings = {"connections": options.connections, "threads": options.threads}
        wrk(site, [path], seconds=2, headers=headers, **settings)  # warm-up
        figures = wrk(site, [path], seconds=options.duration, headers=headers, **settings)
        if figures["ok"] != figures["requests"] or figures["socket_errors"]:
            sys.exit(f"{name}: not every response was a 200: {figures}")
        results.append((name, path, figures))
    return results


def speed_table(results):
    fixed = results[0][2]["per_second"]
    lines = [
        "| page | req/s | vs fixed | median | p90 | p99 | bytes |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, _path, f in results:
        size = f["bytes"] // max(f["requests"], 1)
        lines.append(
            f"| {name} | {f['per_second']:,.0f} | {f['per_second'] / fixed:.0%} "
            f"| {f['p50_ms']:.1f} ms | {f['p90_ms']:.1f} ms | {f['p99_ms']:.1f} ms "
            f"| {size:,} |"
        )
    return "\n".join(lines)


def mix(options, event_path, site_path):
    """The pages of the load test: lists with filters, details, languages, the sitemap."""
    return [
        "/",
        "/events/",
        f"/events/?country={options.country}",
        f"/events/?country={options.country}&sector={options.sector}",
        f"/events/?country={options.country}&page=3",
        "/events/?when=past",
        "/fr/events/?country=mongolia",
        "/zh-hans/events/",
        event_path,
        "/sites/",
        "/sites/?country=japan&designation=world-heritage",
        site_path,
        "/fr/sites/",
        "/countries/",
        "/sectors/",
        "/about/",
        "/search/?q=heritage",
        "/sitemap.xml",
    ]


def load(site, options, paths):
    say(f"Load: {options.load_connections} connections for {options.load_seconds} s…")
    figures = wrk(
        site,
        paths,
        seconds=options.load_seconds,
        connections=options.load_connections,
        threads=options.threads,
    )
    problems = figures["server_errors"] + figures["client_errors"] + figures["socket_errors"]
    line = (
        f"Load, {options.load_connections} connections, {options.load_seconds} s, "
        f"{len(paths)} pages in turn: {figures['requests']:,} requests, "
        f"{figures['per_second']:,.0f} req/s, median {figures['p50_ms']:.1f} ms, "
        f"p99 {figures['p99_ms']:.1f} ms, {figures['server_errors']} 5xx, "
        f"{figures['client_errors']} 4xx, {figures['socket_errors']} socket errors."
    )
    return line, problems == 0


def faults(site, redis, relay, paths, options):
    """The cache server stopped, then the database; returns (report lines, all held)."""
    lines, held = [], True
    # Uncached pages are slow to come: few connections, long enough for each to get some.
    settings = {"seconds": 10, "connections": 8, "threads": options.threads}

    say("Faults: stopping the cache server…")
    redis.stop()
    figures = wrk(site, paths, **settings)
    warned = site.logged(CACHE_WARNING)
    ok = figures["ok"] == figures["requests"] and not figures["socket_errors"] and warned
    held &= ok
    lines.append(
        f"Cache server stopped: {figures['requests']:,} requests, {figures['ok']:,} answered "
        f"200 (uncached, {figures['per_second']:,.0f} req/s), {figures['server_errors']} 5xx; "
        f"warning logged: {'yes' if warned else 'NO'}."
    )
    redis.start()

    say("Faults: taking the database away…")
    for path in paths:  # every page in the cache again
        site.status(path)
    relay.cut()
    health = site.status("/healthz")
    figures = wrk(site, paths, **settings)
    ok = health == 503 and figures["ok"] == figures["requests"] and not figures["socket_errors"]
    held &= ok
    lines.append(
        f"Database gone: /healthz answered {health}; cached pages: {figures['requests']:,} "
        f"requests, {figures['ok']:,} answered 200, {figures['server_errors']} 5xx."
    )
    relay.restore()
    wait_for(lambda: site.status("/healthz") == 200, "The database connection")
    return lines, held


def abuse(options, folder, database_url, redis, fixed_file, paths):
    """The abuse scenario (over_http_abuse.py) on a site of its own settings."""
    from django.db import connections

    from benchmarks import over_http_abuse
    from unesco_office.models import PrebuiltDownload

    def make_site(settings):
        return Site(
            folder,
            database_url=database_url,
            redis_url=redis.url,
            workers=options.workers,
            fixed_file=fixed_file,
            settings={"DJANGO_MEDIA_ROOT": str(folder / "media"), **settings},
        )

    # The files an earlier run built went with its temporary media folder: built again.
    PrebuiltDownload.objects.all().delete()
    connections.close_all()
    make_site({}).collect_static()
    if not over_http_abuse.run(options, make_site, paths, wrk):
        sys.exit("Beside the abusers, the browsing clients' p99 passed twice its value.")


# --- The run -----------------------------------------------------------------------------


def main(argv=None):
    options = arguments(argv)
    require("wrk", "wrk")
    database = urlsplit(options.database_url)
    if database.scheme not in {"postgres", "postgresql", "pgsql"}:
        sys.exit("The HTTP benchmark runs on PostgreSQL: give --database-url postgres://…")
    set_up_django(options.database_url)

    from django.core.management import call_command
    from django.db import connections

    from benchmarks import data
    from countries.models import Site as SiteRecord
    from events.models import Event

    folder = Path(tempfile.mkdtemp(prefix="unesco-office-http-"))
    owned = False
    redis = site = None
    try:
        owned = data.fill(
            events=options.events,
            sites=options.sites,
            upcoming=0.25,
            seed=1,
            say=say,
            reuse=options.reuse,
        )
        event_path = Event.objects.published().upcoming().first().get_absolute_url()
        site_path = SiteRecord.objects.published().first().get_absolute_url()
        paths = mix(options, event_path, site_path)
        connections.close_all()

        relay = DatabaseRelay(database.hostname or "127.0.0.1", database.port or 5432)
        relayed = database._replace(
            netloc=database.netloc.rsplit("@", 1)[0] + f"@127.0.0.1:{relay.port}"
            if "@" in database.netloc
            else f"127.0.0.1:{relay.port}"
        )
        redis = RedisServer(folder)
        redis.start()
        fixed_file = folder / "fixed.html"
        fixed_file.write_bytes(b"")
        if options.scenario == "abuse":
            abuse(options, folder, urlunsplit(relayed), redis, fixed_file, paths)
            return
        site = Site(
            folder,
            database_url=urlunsplit(relayed),
            redis_url=redis.url,
            workers=options.workers,
            fixed_file=fixed_file,
        )
        say("Collecting static files…")
        static_path = site.collect_static()
        site.start()
        # The fixed response: the filtered list's own HTML, read by the workers at start-up.
        fixed_file.write_bytes(
            site.read(f"/events/?country={options.country}&sector={options.sector}")
        )
        site.stop()
        site.start()

        say(f"Speed: {options.duration} s a page, {options.connections} connections…")
        results = speed(site, options, static_path, event_path)
        load_line, load_held = load(site, options, paths)
        fault_lines, faults_held = faults(site, redis, relay, paths, options)

        say("")
        say(
            f"{options.events:,} events, {options.sites:,} sites; gunicorn with "
            f"{options.workers} workers, wrk with {options.threads} threads, on "
            f"{os.cpu_count()} cores; {options.duration} s a page after 2 s of warm-up."
        )
        say("")
        say(speed_table(results))
        say("")
        say(load_line)
        for line in fault_lines:
            say(line)
        if not (load_held and faults_held):
            sys.exit("The site did not hold under load or faults (see above).")
    except data.DatabaseInUse as error:
        sys.exit(str(error))
    finally:
        for running in (site, redis):
            if running is not None and running.process and running.process.poll() is None:
                running.stop()
        if owned and not options.keep:
            call_command("flush", interactive=False, verbosity=0)
            say("Emptied the database (--keep keeps the data).")
        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
