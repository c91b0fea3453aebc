"""The month view's calendar: which month the address asks for, and its weeks and days.

Dates come from the standard library's `calendar` module: the weeks of a month (with the
days of the neighbouring months that fill them), its length, and the order of weekdays,
which starts where the active language's calendar starts (Sunday in English, Monday in
French and Chinese).
"""

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _

FIRST_MONTH = datetime.date(1945, 1, 1)
LAST_MONTH = datetime.date(2100, 12, 1)
LAST_DAY = datetime.date(2100, 12, 31)
# Events shown in a day's square; the others are counted and linked to.
DAY_LIMIT = 4

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def month_from(value, today):
    """(first day of the month in `value`, "YYYY-MM"; the problem to report or None).

    A value that is not a month, or is one outside the years events can have, gives the
    month of `today` and a sentence saying so."""
    current = today.replace(day=1)
    if not value:
        return current, None
    match = MONTH.fullmatch(value.strip())
    try:
        month = datetime.date(int(match[1]), int(match[2]), 1) if match else None
    except ValueError:
        month = None
    if month is None:
        return current, _("“Month” is not a month such as 2026-12, so this month is shown.")
    if not FIRST_MONTH <= month <= LAST_MONTH:
        return current, _(
            "Events have dates from 1945 to 2100: there are none in that month, so this "
            "month is shown."
        )
    return month, None


def previous_month(month):
    before = (month - datetime.timedelta(days=1)).replace(day=1)
    return before if before >= FIRST_MONTH else None


def next_month(month):
    after = month + datetime.timedelta(days=calendar.monthrange(month.year, month.month)[1])
    return after if after <= LAST_MONTH else None


def last_day(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def first_weekday():
    """The first day of the week in the active language, as `calendar` numbers it (Monday
    0); Django's FIRST_DAY_OF_WEEK numbers Sunday 0."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


@dataclass
class Weekday:
    name: str
    abbreviation: str


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    url: str = ""
    events: list = field(default_factory=list)

    @property
    def shown(self):
        return self.events[:DAY_LIMIT]

    @property
    def more(self):
        return max(len(self.events) - DAY_LIMIT, 0)


@dataclass
class MonthGrid:
    """A month's weeks of days (those of the neighbouring months that fill the first and last
    weeks stay empty) with the events on each day (an event on each of its days), and the
    same events as an agenda: the days that have one, each event under its first day in the
    month."""

    month: datetime.date
    weekdays: list
    weeks: list
    agenda: list

    @property
    def count(self):
        return sum(len(day.events) for day in self.agenda)


def month_grid(month, events, *, today, day_url):
    """`events` (sorted by start, each on a day of `month`) laid out on it; `day_url(date)`
    links each day with events to them."""
    cal = calendar.Calendar(first_weekday())
    weeks = [
        [Day(date, date.month == month.month, date == today) for date in week]
        for week in cal.monthdatescalendar(month.year, month.month)
    ]
    days = {day.date: day for week in weeks for day in week}
    end = last_day(month)
    starts = {}
    for event in events:
        date = max(event.start_date, month)
        starts.setdefault(date, []).append(event)
        while date <= min(event.end_date, end):
            days[date].events.append(event)
            date += datetime.timedelta(days=1)
    for day in days.values():
        if day.events:
            day.url = day_url(day.date)
    agenda = [
        Day(date, True, date == today, day_url(date), starts[date]) for date in sorted(starts)
    ]
    weekdays = [Weekday(WEEKDAYS[n], WEEKDAYS_ABBR[n]) for n in cal.iterweekdays()]
    return MonthGrid(month, weekdays, weeks, agenda)
