"""Large downloads, built in the background and served as files.

A list's download (`?format=csv|json`) of at most DOWNLOAD_STREAM_ROWS records is written
while the visitor receives it. A larger one (the whole event list, a broad filter) is never
built by the request that asks for it: the request is redirected to a file in the media
storage, which the web server, the object storage or a CDN serves with its own ETag and
ranges. The background worker (Django's Tasks framework) builds that file by running the
download's own view, as a request from the same address would, and keeps what it was built
from: the change stamp of the download's tables (unesco_office.public.change_stamps).

- The first request for an address queues its build and is told to come back shortly (503
  with Retry-After); the next ones are redirected to the file.
- A change to the content queues a new build of every address asked for in the last
  RECENT_DAYS, once the change is committed; until it is done, requests get the file built
  before it. A request that finds its file out of date (a change made another way, the
  upcoming events moving on at midnight) queues one too.
- Addresses no one asked for in RECENT_DAYS are forgotten, with their files, by the next
  rebuild.
"""

import datetime
import hashlib
import logging
import tempfile
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.tasks import task
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from unesco_office.models import PrebuiltDownload
from unesco_office.public.change_stamps import content_digest

logger = logging.getLogger(__name__)

FOLDER = "downloads"
RECENT_DAYS = 7
# A build queued longer ago than this is taken as lost (a worker stopped mid-way): queued again.
BUILD_TIMEOUT = datetime.timedelta(minutes=15)
RETRY_AFTER = 30
# New addresses wait (503) while this many builds wait for the worker.
MAX_WAITING = 20


def too_large(queryset):
    """Whether the download of `queryset` is built in the background: more records than
    DOWNLOAD_STREAM_ROWS (counted up to one more, however many there are)."""
    limit = settings.DOWNLOAD_STREAM_ROWS
    return queryset.order_by()[: limit + 1].count() > limit


def serve(request):
    """The response to a large download's address: a redirect to its file, or 503 while
    its first file is being built. Queues a build when the file is missing or out of date."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    key = hashlib.sha256(address.encode()).hexdigest()
    now = timezone.now()
    download = PrebuiltDownload.objects.filter(key=key).first()
    if download is None:
        # A new address is a new file to build: not while the worker has enough waiting
        # (each filter and search makes an address of its own).
        if PrebuiltDownload.objects.filter(waiting()).count() >= MAX_WAITING:
            return come_back(
                gettext(
                    "Many large downloads are being prepared at the moment: please try again "
                    "in a minute, or narrow the list with its filters."
                )
            )
        download, _created = PrebuiltDownload.objects.get_or_create(
            key=key,
            defaults={
                "scheme": request.scheme,
                "host": request.get_host(),
                "path": request.path,
                "query": query,
                "requested_at": now,
            },
        )
    elif download.requested_at < now - datetime.timedelta(days=1):
        PrebuiltDownload.objects.filter(pk=download.pk).update(requested_at=now)
    if download.stamp != content_digest(request):
        queue_build(download)
        download.refresh_from_db()  # built already where tasks run at once
    if not download.file:
        return come_back(
            gettext(
                "This download is large: it is being prepared and will be ready in a minute "
                "or so. Please try again then."
            )
        )
    response = HttpResponseRedirect(default_storage.url(download.file))
    add_never_cache_headers(response)
    return response


def come_back(text):
    """503 with `text` and Retry-After: the download is not there yet."""
    response = HttpResponse(text + "\n", status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def waiting():
    """The downloads whose build waits for the worker (or runs), as a condition."""
    return Q(queued_at__isnull=False, queued_at__gt=timezone.now() - BUILD_TIMEOUT)


def queue_build(download):
    """Queue a build of `download`, unless one is already waiting for the worker."""
    download_row = PrebuiltDownload.objects.filter(pk=download.pk)
    if download_row.exclude(waiting()).update(queued_at=timezone.now()):
        build.enqueue(key=download.key)


class WorkerRequest(HttpRequest):
    """A GET of a download's address, as its visitor made it, for the worker to run."""

    def __init__(self, download):
        super().__init__()
        self.method = "GET"
        self.path = self.path_info = download.path
        self.GET = QueryDict(download.query)
        self.META = {
            "HTTP_HOST": download.host,
            "REMOTE_ADDR": "127.0.0.1",
            "REQUEST_METHOD": "GET",
            "QUERY_STRING": download.query,
        }
        self.user = AnonymousUser()
        self.scheme_given = download.scheme
        self.prebuilding = True

    def _get_scheme(self):
        return self.scheme_given


@task
def build(*, key):
    """Build the file of the download `key` by running its view; keep it in the media
    storage under a name of its content, and drop the file it replaces."""
    download = PrebuiltDownload.objects.filter(key=key).first()
    if download is None:
        return None
    request = WorkerRequest(download)
    language = translation.get_language_from_path(download.path) or settings.LANGUAGE_CODE
    # The rows are written as the response is read: in the address's language too.
    with translation.override(language), tempfile.TemporaryFile() as spool:
        match = resolve(download.path)
        response = match.func(request, *match.args, **match.kwargs)
        if response.status_code != 200 or not response.streaming:
            logger.warning(
                "Download %s not built: its view answered %s", download, response.status_code
            )
            PrebuiltDownload.objects.filter(pk=download.pk).update(queued_at=None)
            return None
        digest, size = hashlib.sha256(), 0
        for chunk in response.streaming_content:
            digest.update(chunk)
            size += len(chunk)
            spool.write(chunk)
        extension = request.GET.get("format", "data")
        name = f"{FOLDER}/{match.url_name}-{digest.hexdigest()[:20]}.{extension}"
        if not default_storage.exists(name):
            spool.seek(0)
            name = default_storage.save(name, File(spool))
    replaced = download.file
    PrebuiltDownload.objects.filter(pk=download.pk).update(
        file=name,
        size=size,
        stamp=content_digest(request),
        built_at=timezone.now(),
        queued_at=None,
    )
    if (
        replaced
        and replaced != name
        and not PrebuiltDownload.objects.filter(file=replaced).exists()
    ):
        default_storage.delete(replaced)
    return name


@task
def refresh():
    """After a change: build again every download asked for lately; forget the others."""
    forgotten = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    for download in PrebuiltDownload.objects.filter(requested_at__lt=forgotten):
        if (
            download.file
            and not PrebuiltDownload.objects.filter(file=download.file)
            .exclude(pk=download.pk)
            .exists()
        ):
            default_storage.delete(download.file)
        download.delete()
    for download in PrebuiltDownload.objects.all():
        queue_build(download)


def content_changed(**kwargs):
    """A receiver of the content's saves and deletions: once the change is committed, queue
    one refresh (one at most every few seconds, however many records a change writes)."""
    transaction.on_commit(queue_refresh, using=kwargs.get("using"), robust=True)


def queue_refresh():
    try:
        first = caches["default"].add("prebuilt-downloads:refresh", 1, timeout=5)
    except Exception:
        first = True  # without the cache, refreshing twice costs less than not at all
    if first:
        refresh.enqueue()
