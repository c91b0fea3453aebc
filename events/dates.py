"""Dates of events written in words, as the site writes them everywhere.

`date_range` is the When line's dates (events/templatetags/event_tags.py) as plain text, for a
sentence: the same translated formats, so every language writes a range its own way in both:
two days of February 2027 are "13", an en dash and "14 February 2027" in English,
"2027年2月13日至14日" in Chinese.
"""

from django.utils import formats

from .templatetags.event_tags import date_formats


def date_range(start, end=None):
    """One date in full (“28 October 2013”); a range within a month as the first day, a
    dash and the last date in full; within a year, the first day and month, a spaced dash
    and the last date; across years, both dates in full."""
    end = end or start
    first, between, last = date_formats(start, end)
    text = formats.date_format(start, first)
    if between is not None:
        text += between + formats.date_format(end, last)
    return text
