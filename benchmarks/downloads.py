"""The open-data downloads and the feed with many events: time, size and memory.

    .venv/bin/python benchmarks/downloads.py --events 100000 [--database-url URL]

Builds the event list benchmark's database (see data.py; by default a new SQLite file in a
temporary folder, removed afterwards), then downloads, through Django's whole handler with
its test client and with the production settings, the whole event list as CSV and as JSON
(`when=all`: every event), the list filtered by country and sector as CSV, the site list as
CSV, and the event feed. For each: the rows and bytes sent, the SQL queries, the time to the
first piece and to the last, and the largest amount of memory Python held while the
download was written (tracemalloc, in a run of its own since tracing slows everything down).
A download that is really streamed holds about the same memory for 100,000 rows as for
10,000; one that builds its file first would grow with it.

The same database rules as the event list benchmark: an empty database or an earlier run's,
emptied afterwards unless --keep.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.event_list import positive, say, set_up_django  # noqa: E402


def arguments(argv=None):
    parser = argparse.ArgumentParser(
        description="Time the CSV and JSON downloads and the feed with many events."
    )
    parser.add_argument("--events", type=positive, default=100_000, help="default: 100,000")
    parser.add_argument("--sites", type=positive, default=500, help="default: 500")
    parser.add_argument("--runs", type=positive, default=3, help="timed runs of each (3)")
    parser.add_argument("--country", default="china", help="slug filtered on (china)")
    parser.add_argument("--sector", default="culture", help="slug filtered on (culture)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="an empty database, or an earlier run's (default: DATABASE_URL, else a new "
        "SQLite file in a temporary folder)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database and its data afterwards"
    )
    parser.add_argument("--seed", type=int, default=1, help="of the made-up data (1)")
    return parser.parse_args(argv)


@dataclass
class Download:
    name: str
    path: str
    rows: int = 0
    size: int = 0
    queries: int = 0
    first_piece: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    peak_memory: int = 0


def scenarios(country, sector):
    return [
        Download("events, CSV, all", "/events/?when=all&format=csv"),
        Download("events, JSON, all", "/events/?when=all&format=json"),
        Download(
            "events, CSV, country & sector",
            f"/events/?when=all&country={country}&sector={sector}&format=csv",
        ),
        Download("sites, CSV, all", "/sites/?format=csv"),
        Download("event feed (50 entries)", "/events/feed/?when=all"),
    ]


def fetch(client, download):
    """One download, read piece by piece and thrown away: (rows, bytes, seconds to the first
    piece, seconds in all, queries)."""
    from django.db import connection

    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        response = client.get(download.path, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{download.path} answered {response.status_code}")
        pieces = response.streaming_content if response.streaming else [response.content]
        first = None
        size = rows = 0
        for piece in pieces:
            if first is None:
                first = time.perf_counter() - start
            size += len(piece)
            rows += piece.count(b"\n")
        elapsed = time.perf_counter() - start
    if download.path.endswith("format=json"):
        rows -= 2  # the opening and closing lines
    elif download.path.endswith("format=csv"):
        rows -= 1  # the header
    else:
        rows = response.content.count(b"<entry>")
    return rows, size, first, elapsed, len(statements)


def measure(downloads, *, runs):
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost")
    # Every request makes its download or feed: this measures them, not a page cache.
    with override_settings(PAGE_CACHE_SECONDS=0):
        for download in downloads:
            measure_one(client, download, runs=runs)
    return downloads


def measure_one(client, download, *, runs):
    fetch(client, download)  # warm-up
    for _ in range(runs):
        rows, size, first, elapsed, queries = fetch(client, download)
        download.rows, download.size, download.queries = rows, size, queries
        download.first_piece.append(first)
        download.seconds.append(elapsed)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fetch(client, download)
        download.peak_memory = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def report(downloads, *, events, runs):
    from benchmarks.measure import environment

    lines = [
        f"{events:,} events; median of {runs} runs; peak: Python memory while writing it.",
        environment(),
        "",
        "| download | rows | size | queries | first piece | whole | rows/s | peak memory |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in downloads:
        whole = sorted(d.seconds)[len(d.seconds) // 2]
        first = sorted(d.first_piece)[len(d.first_piece) // 2]
        lines.append(
            f"| {d.name} | {d.rows:,} | {d.size / 1e6:.1f} MB | {d.queries} "
            f"| {first * 1000:.0f} ms | {whole:.2f} s | {d.rows / whole:,.0f} "
            f"| {d.peak_memory / 2**20:.1f} MiB |"
        )
    return "\n".join(lines)


def main(argv=None):
    options = arguments(argv)
    folder = None
    database_url = options.database_url
    if not database_url:
        folder = Path(tempfile.mkdtemp(prefix="unesco-office-bench-"))
        database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    set_up_django(database_url)

    from django.core.management import call_command
    from django.db import connection, connections

    from benchmarks import data

    owned = False
    try:
        earlier = data.check_database_is_free()
        owned = True
        say(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        if earlier:
            say("Emptying the previous run's data.")
            call_command("flush", interactive=False, verbosity=0)
        say(f"Building {options.events:,} events and {options.sites:,} sites…")
        data.build(events=options.events, sites=options.sites, seed=options.seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        say(f"Downloading each {options.runs} times after a warm-up…")
        downloads = measure(scenarios(options.country, options.sector), runs=options.runs)
        say("")
        say(report(downloads, events=options.events, runs=options.runs))
    except data.DatabaseInUse as error:
        sys.exit(str(error))
    finally:
        name = connection.settings_dict["NAME"]
        if owned and not options.keep and folder is None:
            call_command("flush", interactive=False, verbosity=0)
            say(f"Emptied {name} (--keep keeps the data).")
        connections.close_all()
        if folder is not None:
            if options.keep:
                say(f"Kept {name}; run again with --database-url sqlite:///{name}")
            else:
                shutil.rmtree(folder)


if __name__ == "__main__":
    main()
