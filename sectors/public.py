"""What the public site knows of sectors beyond their pages (see
unesco_office.public.records): their sitemap section, their description for search engines,
and what the site search reads."""

from django.utils.translation import gettext as _

from unesco_office.public.records import PublicRecord, register
from unesco_office.public.search.sources import Source

from .models import Sector


def describe_sector(sector):
    if sector.tagline:
        return sector.tagline
    return _("%(name)s: a programme sector of UNESCO, its designated sites and its centres.") % {
        "name": sector.name
    }


register(
    PublicRecord(
        Sector,
        sitemap_section="sectors",
        describe=describe_sector,
        search=Source(
            "sector",
            Sector,
            "name",
            {"A": ["name"], "B": ["tagline", "summary"], "C": ["body"]},
            related=lambda sector: {"B": [_("UNESCO programme sector")]},
        ),
    )
)
