"""Numbers, places and time zones as the page's language writes them (see
unesco_office.core.i18n): the Unicode CLDR's conventions rather than Django's formats, which
write no digit grouping in Chinese."""

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from unesco_office.core import i18n

register = template.Library()


@register.filter
def number(value, places=2):
    """23392 -> “23,392” (English, Chinese), « 23 392 » (French)."""
    return "" if value is None else i18n.format_number(value, places=places)


@register.simple_tag
def coordinates(latitude, longitude):
    return i18n.coordinates(latitude, longitude)


@register.simple_tag
def current_time_zone():
    """The name of the time zone that times on the page are in (DJANGO_TIME_ZONE)."""
    return i18n.time_zone_name(timezone.get_current_timezone_name(), get_language())
