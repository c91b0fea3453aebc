"""The event list with many events, filtered by country and sector, against a trivial page.

    .venv/bin/python benchmarks/event_list.py --events 100000 [--database-url URL]

Builds a database (by default a new SQLite file in a temporary folder, removed afterwards),
then times the filtered and unfiltered event list, a later page of it and the filtered site
list, each against the filtered list's own HTML served from memory (see measure.py). The
site runs with its production settings (DJANGO_DEBUG off).

A database given by --database-url or DATABASE_URL must be empty or an earlier run's: the
benchmark refuses any other. Afterwards it is emptied (its tables stay), unless --keep.
"""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def positive(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive whole number")
    return number


def share(value):
    number = float(value)
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not a share between 0 and 1")
    return number


def arguments(argv=None):
    parser = argparse.ArgumentParser(
        description="Time the event list with many events against a page served from memory."
    )
    parser.add_argument("--events", type=positive, default=100_000, help="default: 100,000")
    parser.add_argument("--sites", type=positive, default=500, help="default: 500")
    parser.add_argument(
        "--upcoming",
        type=share,
        default=0.25,
        help="share of the events not over yet (0.25; the list shows those by default)",
    )
    parser.add_argument(
        "--requests", type=positive, default=100, help="timed requests of each page (100)"
    )
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
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
    parser.add_argument(
        "--queries", action="store_true", help="also show each page's queries and their time"
    )
    parser.add_argument("--seed", type=int, default=1, help="of the made-up data (1)")
    parser.add_argument(
        "--pages",
        choices=["all", "lists", "search"],
        default="all",
        help="the lists, the searches (the site search and the event list's ?q=), or all",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the data of an earlier run kept with --keep, without building it again",
    )
    return parser.parse_args(argv)


def set_up_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "unesco_office.settings.base"
    os.environ["DJANGO_DEBUG"] = "0"  # as in production
    # Production settings refuse to start without a key; this process signs nothing kept.
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    sys.path.insert(0, str(ROOT))
    # No static file is requested, so whitenoise needs no `collectstatic` folder.
    warnings.filterwarnings("ignore", "No directory at", UserWarning, "django.core.handlers")
    import django

    django.setup()


def say(text):
    print(text, flush=True)


def main(argv=None):
    options = arguments(argv)
    folder = None
    database_url = options.database_url
    if not database_url:
        folder = Path(tempfile.mkdtemp(prefix="unesco-office-bench-"))
        database_url = f"sqlite:///{folder / 'bench.sqlite3'}"
    set_up_django(database_url)

    # The project's modules need Django set up first.
    from django.core.management import call_command
    from django.db import connection, connections

    from benchmarks import data, measure

    owned = False
    try:
        owned = data.fill(
            events=options.events,
            sites=options.sites,
            upcoming=options.upcoming,
            seed=options.seed,
            reuse=options.reuse,
            say=say,
        )
        matching, problems = data.filtered_events(options.country, options.sector)
        if problems:
            sys.exit("The filter cannot be benchmarked: " + " ".join(map(str, problems)))
        pages = []
        if options.pages in {"all", "lists"}:
            pages += measure.scenarios(options.country, options.sector)
        if options.pages in {"all", "search"}:
            pages += measure.search_scenarios()
        say(f"Timing {options.requests} requests of each page after {options.warmup} warm-up…")
        results = measure.measure(pages, requests=options.requests, warmup=options.warmup)
        say("")
        say(
            measure.report(
                results,
                events=options.events,
                sites=options.sites,
                filtered=f"country={options.country}&sector={options.sector}",
                matching=matching,
                requests=options.requests,
                warmup=options.warmup,
                queries=options.queries,
            )
        )
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
