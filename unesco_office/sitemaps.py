"""/sitemap.xml: every public page in every language, each with its language versions.

Each record section reads its published records in one query (slug and last change only),
so the sitemap runs five queries however many records there are. The domain and scheme come
from the request (no Sites framework). Each section holds at most 50,000 addresses, about
16,000 records of a kind in three languages; an office with more events than that needs a
sitemap index (django.contrib.sitemaps.views.index) instead of this single file.
"""

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector


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


class PublishedSitemap(MultilingualSitemap):
    """The detail pages of a model's public records, with their last change."""

    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at")

    def lastmod(self, obj):
        return obj.updated_at


class SectorSitemap(PublishedSitemap):
    model = Sector


class CountrySitemap(PublishedSitemap):
    # Every published country has a page, partners of transboundary sites included.
    model = Country


class SiteSitemap(PublishedSitemap):
    model = Site


class CentreSitemap(PublishedSitemap):
    model = Centre


class EventSitemap(PublishedSitemap):
    # Past events keep their pages.
    model = Event


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "sectors": SectorSitemap,
    "countries": CountrySitemap,
    "sites": SiteSitemap,
    "centres": CentreSitemap,
    "events": EventSitemap,
}
