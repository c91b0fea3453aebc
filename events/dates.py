"""Dates of events written in words, as the site writes them everywhere.

`date_range` is the When line's form (templates/components/event_when.html) in plain text:
the same translated formats, with the same contexts, so every language writes a range its
own way in both: two days of February 2027 are "13", an en dash and "14 February 2027" in
English, "2027年2月13日至14日" in Chinese.
"""

from django.utils import formats
from django.utils.translation import pgettext


def date_range(start, end=None):
    """One date in full (“28 October 2013”); a range within a month as the first day, a
    dash and the last date in full; within a year, the first day and month, a spaced dash
    and the last date; across years, both dates in full."""
    end = end or start
    whole = pgettext("date format: a whole date", "j F Y")
    if start == end:
        return formats.date_format(start, whole)
    if (start.year, start.month) == (end.year, end.month):
        first = pgettext("date format: first day of a range within one month", "j")
        last = pgettext("date format: last day of a range within one month", "j F Y")
        between = pgettext("between the days of a range within one month", "–")
    elif start.year == end.year:
        first = pgettext("date format: first day of a range within one year", "j F")
        last = pgettext("date format: last day of a range within one year", "j F Y")
        between = pgettext("between the days of a longer range", " – ")
    else:
        first = last = whole
        between = pgettext("between the days of a longer range", " – ")
    return formats.date_format(start, first) + between + formats.date_format(end, last)
