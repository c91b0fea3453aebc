"""The site's addresses, and /benchmark/fixed/: the bytes of the file named by
BENCHMARK_FIXED_FILE (a page of the site saved by the benchmark), read once at start-up and
served as they are, with no query and no template."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from unesco_office.urls import urlpatterns as site_urlpatterns

FIXED = Path(os.environ["BENCHMARK_FIXED_FILE"]).read_bytes()


def fixed(request):
    return HttpResponse(FIXED, content_type="text/html; charset=utf-8")


urlpatterns = [path("benchmark/fixed/", fixed), *site_urlpatterns]
