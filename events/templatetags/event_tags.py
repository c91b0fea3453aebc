"""The When line of an event, written in Python: it is on every event card, and written as a
template it was most of the event list's rendering time (a time zone block, seven translated
formats and a dozen date filters an event)."""

from django import template
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from unesco_office.core.i18n import marked, time_zone_name

register = template.Library()


def date_formats(start, end):
    """(first, between, last): how the first and last days of the range are written, and
    what stands between them (None for one day). The formats are translated strings, so
    each language writes ranges its own way: Chinese "2013年10月22日至25日"."""
    whole = pgettext("date format: a whole date", "j F Y")
    if start == end:
        return whole, None, None
    longer = pgettext("between the days of a longer range", " – ")
    if (start.year, start.month) == (end.year, end.month):
        return (
            pgettext("date format: first day of a range within one month", "j"),
            pgettext("between the days of a range within one month", "–"),
            pgettext("date format: last day of a range within one month", "j F Y"),
        )
    if start.year == end.year:
        return (
            pgettext("date format: first day of a range within one year", "j F"),
            longer,
            pgettext("date format: last day of a range within one year", "j F Y"),
        )
    return whole, longer, whole


def day(date, date_format):
    return format_html(
        '<time datetime="{}">{}</time>', date.isoformat(), formats.date_format(date, date_format)
    )


def moment(value):
    """A time in the venue's time zone (the value's own), as the time element of a range."""
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), formats.time_format(value, "H:i")
    )


@register.simple_tag
def event_when(event, hide_place=False):
    """When and where, in UNESCO's form: "22–25 October 2013 · Seoul, Republic of Korea".

        Same month: "22–25 October 2013"; across months: "30 September – 2 October 2013"; across
        years, both dates in full; one day: "28 October 2013". Times are shown in the venue's time
        zone, named as the Unicode CLDR names it in the page's language (never an abbreviation
    such as "CST", which several zones share). The spaces the
        translations put in a date are no-break spaces, which keep each date whole."""
    start = event.start_date
    end = event.end_date or start
    first, between, last = date_formats(start, end)
    dates = day(start, first)
    if between is not None:
        dates = format_html("{}{}{}", dates, between, day(end, last))
    if event.start_time:
        starts_at = event.starts_at
        times = moment(starts_at)
        if event.end_time:
            times = format_html("{}–{}", times, moment(event.ends_at))
        zone = time_zone_name(starts_at.tzinfo.key, get_language())
        dates = format_html(
            '{}{}<span class="event-when__time">{} {}</span>',
            dates,
            pgettext("between a date and its time", ", "),
            times,
            zone,
        )
    place = "" if hide_place else place_html(event)
    if place:
        place = format_html(
            ' <span class="event-when__sep" aria-hidden="true">·</span>'
            ' <span class="event-when__place">{}</span>',
            place,
        )
    return format_html(
        '<p class="event-when">\n  <span class="event-when__date">{}</span>{}\n</p>',
        dates,
        mark_safe(place),  # noqa: S308 (built by format_html above, or empty)
    )


def place_html(event):
    """Event.place as HTML, each name the English for a missing translation marked so."""
    if event.is_only_online:
        return _("Online")
    city = marked(event, "city") if event.city else ""
    country = marked(event.public_country, "name") if event.public_country else ""
    if city and country:
        between = escape(_("%(city)s, %(country)s"))
        return mark_safe(between % {"city": city, "country": country})  # noqa: S308 (escaped)
    return city or country
