"""Settings of the site served by `benchmarks/over_http.py`: the production settings, plus one
address that answers a fixed response, the benchmark's yardstick."""

from unesco_office.settings.base import *  # noqa: F403

ROOT_URLCONF = "benchmarks.http_urls"
# The fixed response passes through every middleware but is never looked for in the page
# cache: it is what any response costs before the site does any work of its own.
PAGE_CACHE_SKIP_PATHS = [*PAGE_CACHE_SKIP_PATHS, "/benchmark/"]  # noqa: F405
