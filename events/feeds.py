"""/events/feed/?<filters>: an Atom feed of the event list under its filters (see
unesco_office.public.feeds), newest change first. An event that is not held as announced
says so as in calendars (see events.ical): “Cancelled:” or “Postponed:” before its title,
and what happened to it first in its summary.

Four queries whatever the number of events: the change stamp (ETag), the office profile,
the filters' choices (which say which slugs exist and name the sectors), the entries with
their country and their sectors' ids.
"""

from django.utils.translation import gettext_lazy as _

from unesco_office.public.downloads import in_order_of, related_ids
from unesco_office.public.feeds import FilteredFeed

from . import ical
from .downloads import public_sector_names
from .filters import EventFilter
from .models import Event
from .views import HEADINGS


class EventFeed(FilteredFeed):
    filterset_class = EventFilter
    list_name = "events:list"
    description_template = "events/event_feed_entry.html"
    subtitle = _(
        "Conferences, workshops, trainings and celebrations of the office, by country, sector "
        "and date."
    )

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("country")
            .annotate(sector_ids=related_ids(Event, "sectors"))
        )

    def heading(self, filterset):
        return HEADINGS[filterset.period]

    def item_title(self, item):
        # “Cancelled: …” and “Postponed: …”, as calendars show them.
        return ical.summary_line(item)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "status_note": ical.status_note(kwargs["item"])
        }

    def categories_of(self, record, source):
        sectors = in_order_of(public_sector_names(source.filterset))
        return [record.get_kind_display(), *sectors(record.sector_ids)]
