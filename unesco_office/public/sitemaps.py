"""The sitemap: every public page in every language, each with its language versions.

/sitemap.xml is an index of the sections' files (/sitemap-events.xml, then ?p=2, ?p=3…):
each file lists at most 1,000 records in three languages, so that a file stays small
(about 2 MB) and quick to write however many records there are (Django's own paging of a
multilingual section reads every record of the section for each of its files; here a file
reads only its own). The index runs a query per kind of record, a file two. The domain and
scheme come from the request (no Sites framework).
"""

from functools import cache, cached_property

from django.conf import settings
from django.contrib import sitemaps
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q
from django.urls import reverse

from unesco_office.public.records import public_records


class MultilingualSitemap(sitemaps.Sitemap):
    """Each page once per language, listing all its language versions and an x-default.

    Django's own x-default removes `/<default language>/` from the default language's
    address; English pages have no prefix here (prefix_default_language=False), so that
    would only ever damage an address with `/en/` in it (a record whose slug is "en"). The
    x-default is the English address as it is.
    """

    i18n = True
    alternates = True

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            default = next(
                alternate
                for alternate in url["alternates"]
                if alternate["lang_code"] == settings.LANGUAGE_CODE
            )
            url["alternates"].append({"location": default["location"], "lang_code": "x-default"})
        return urls


class StaticPagesSitemap(MultilingualSitemap):
    """The home and about pages and the list pages."""

    def items(self):
        return [
            "home",
            "about",
            "sectors:list",
            "countries:list",
            "countries:site-list",
            "countries:centre-list",
            "events:list",
        ]

    def location(self, item):
        return reverse(item)


class InLanguages:
    """A section's (record, language) pairs, as Django's sitemaps page them, read one page
    of records at a time: `records` must be ordered, `total` is how many there are."""

    def __init__(self, records, languages, total):
        self.records, self.languages, self.total = records, languages, total

    def __len__(self):
        return self.total * len(self.languages)

    def __getitem__(self, pairs):
        start, stop, _step = pairs.indices(len(self))
        per_record = len(self.languages)
        first = start // per_record
        records = self.records[first : -(-stop // per_record)]
        page = [(record, language) for record in records for language in self.languages]
        return page[start - first * per_record : stop - first * per_record]


class PublishedSitemap(MultilingualSitemap):
    """The detail pages of a model's public records, with their last change."""

    model = None
    # Addresses in a file: 1,000 records in three languages.
    limit = 3000

    listed = Q()

    def items(self):
        return (
            self.model.objects.published()
            .filter(self.listed)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def lastmod(self, obj):
        return obj.updated_at

    @cached_property
    def totals(self):
        return self.items().aggregate(records=Count("pk"), latest=Max("updated_at"))

    @property
    def paginator(self):
        pairs = InLanguages(self.items(), self._languages(), self.totals["records"])
        return Paginator(pairs, self.limit)

    def get_latest_lastmod(self):
        return self.totals["latest"]


@cache
def sitemaps():
    """{section: sitemap}: the static pages, then each registered kind of record's section
    (see unesco_office.public.records)."""
    return {
        "pages": StaticPagesSitemap,
        **{
            record.sitemap_section: type(
                f"{record.model.__name__}Sitemap",
                (PublishedSitemap,),
                {"model": record.model, "listed": record.listed},
            )
            for record in public_records()
            if record.sitemap_section
        },
    }
