"""The lists' large downloads, built by the background worker (unesco_office.public.prebuilt)."""

from django.db import models


class PrebuiltDownload(models.Model):
    """One download address (scheme, host, path with its language, query with its format)
    whose file is built in the background and served from the media storage: what it was
    built from (`stamp`, the change stamp of its tables) says whether it is current."""

    key = models.CharField(max_length=64, unique=True)  # SHA-256 of the address
    scheme = models.CharField(max_length=5)
    host = models.CharField(max_length=255)
    path = models.CharField(max_length=255)
    query = models.TextField()  # its parameters, sorted, urlencoded
    file = models.CharField(max_length=255, blank=True)  # in the media storage; "" until built
    size = models.PositiveBigIntegerField(default=0)
    stamp = models.CharField(max_length=64, blank=True)
    built_at = models.DateTimeField(null=True)
    queued_at = models.DateTimeField(null=True)  # a build waits for the worker since then
    requested_at = models.DateTimeField()

    # What visitors' requests and the worker write: never a change to a page.
    changes_public_pages = False

    def __str__(self):
        return f"{self.path}?{self.query}"
