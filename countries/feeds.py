"""/sites/feed/?<filters>: an Atom feed of newly inscribed or changed designated sites under
the site list's filters (see unesco_office.public.feeds), newest change first.

Five queries whatever the number of sites: the change stamp (ETag), the office profile, the
filters' choices (which say which slugs exist), the entries with their sector, their published
countries.
"""

from django.utils.translation import gettext_lazy as _

from unesco_office.public.feeds import FilteredFeed

from .filters import SiteFilter
from .views import public_sites


class SiteFeed(FilteredFeed):
    filterset_class = SiteFilter
    list_name = "countries:site-list"
    title_field = "name"
    description_template = "countries/site_feed_entry.html"
    subtitle = _(
        "World Heritage sites, Biosphere Reserves and Global Geoparks in the office's countries."
    )

    def get_queryset(self):
        return public_sites()

    def heading(self, filterset):
        return _("Designated sites")

    def categories_of(self, record, source):
        sector = record.sector if record.sector.is_public else None
        return [record.get_designation_display(), *([sector.name] if sector else [])]
