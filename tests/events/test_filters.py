"""EventFilter: what each filter keeps, the counts beside each choice, and values it cannot use."""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.http import QueryDict
from django.utils import translation

from events.filters import EventFilter
from events.models import Event
from tests.factories import CountryFactory, EventFactory, SectorFactory
from unesco_office.core.facet_counts import FacetCounter
from unesco_office.core.facets import FACET_MAX_VALUES
from unesco_office.core.models import Publishable
from unesco_office.public.search.engine import synonyms

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)
DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def places():
    return {
        "mongolia": CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG"),
        "japan": CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN", order=1),
        "korea": CountryFactory(
            name="Republic of Korea", slug="korea", iso2="KR", iso3="KOR", order=2
        ),
        # A partner of a transboundary site, and a country not yet published: no choices.
        "france": CountryFactory(
            name="France", slug="france", iso2="FR", iso3="FRA", is_covered=False
        ),
        "china": CountryFactory(name="China", slug="china", iso2="CN", iso3="CHN", **DRAFT),
        "culture": SectorFactory(name="Culture", slug="culture", code="CLT", order=4),
        "education": SectorFactory(name="Education", slug="education", code="ED", order=1),
        "hidden": SectorFactory(name="Hidden", slug="hidden", code="HID", **DRAFT),
    }


def run(params):
    """The filter over the published events, for a query string like the page receives."""
    data = QueryDict(urlencode(params, doseq=True))
    events = EventFilter(data, queryset=Event.objects.published())
    return events, list(events.qs)


def titles(events):
    return [event.title for event in events]


def facet(events, name):
    return {choice.value: choice.count for choice in events.facets_by_name[name].choices}


# --- What each filter keeps ----------------------------------------------------------------


def test_country_takes_several_slugs(places):
    EventFactory(title="In Mongolia", country=places["mongolia"])
    EventFactory(title="In Japan", country=places["japan"])
    EventFactory(title="In Korea", country=places["korea"])
    EventFactory(title="Online", country=None, is_online=True)

    _, one = run({"country": ["mongolia"]})
    _, two = run({"country": ["mongolia", "japan"]})

    assert titles(one) == ["In Mongolia"]
    assert sorted(titles(two)) == ["In Japan", "In Mongolia"]


def test_country_choices_are_the_covered_published_countries_in_their_order(places):
    EventFactory(title="In France", country=places["france"])
    EventFactory(title="In China", country=places["china"])

    events, shown = run({"country": ["france", "china"]})

    assert [choice.value for choice in events.facets_by_name["country"].choices] == [
        "mongolia",
        "japan",
        "korea",
    ]
    # Neither is a choice, so neither filters: the list is left whole and the visitor told.
    assert sorted(titles(shown)) == ["In China", "In France"]
    assert events.problems == ["Country: nothing matches “france”, “china”, so it was left out."]


def test_sector_lists_an_event_once_when_it_has_several_of_the_sectors(places):
    EventFactory(title="Both", sectors=[places["culture"], places["education"]])
    EventFactory(title="Culture only", sectors=[places["culture"]])
    EventFactory(title="Neither")

    events, shown = run({"sector": ["culture", "education"]})

    assert sorted(titles(shown)) == ["Both", "Culture only"]
    assert events.total == 2


def test_sector_choices_leave_out_unpublished_sectors(places):
    events, _ = run({})

    assert [choice.value for choice in events.facets_by_name["sector"].choices] == [
        "education",
        "culture",
    ]


def test_kind_takes_several_kinds():
    EventFactory(title="Forum", kind=Event.Kind.FORUM)
    EventFactory(title="Workshop", kind=Event.Kind.WORKSHOP)
    EventFactory(title="Meeting", kind=Event.Kind.MEETING)

    _, shown = run({"kind": ["forum", "meeting"]})

    assert sorted(titles(shown)) == ["Forum", "Meeting"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2026-07-01", "to": "2026-07-31"}, ["Ends in July", "Spans July", "In July"]),
        ({"from": "2026-07-10"}, ["Spans July", "In July", "August"]),
        ({"to": "2026-07-01"}, ["June", "Ends in July", "Spans July"]),
        ({"from": "2026-07-15", "to": "2026-07-15"}, ["Spans July", "In July"]),
    ],
    ids=["range", "from-only", "to-only", "one-day"],
)
def test_date_range_keeps_events_overlapping_it(params, expected):
    EventFactory(title="June", start_date=day(5), end_date=day(6))
    EventFactory(title="Ends in July", start_date=day(15), end_date=day(22))
    EventFactory(title="Spans July", start_date=day(18), end_date=day(60))
    EventFactory(title="In July", start_date=day(33), end_date=day(36))
    EventFactory(title="August", start_date=day(55), end_date=day(56))

    _, shown = run(params)

    assert titles(shown) == expected


def test_upcoming_is_the_default_soonest_first_with_running_events():
    EventFactory(title="Later", start_date=day(9), end_date=day(9))
    EventFactory(title="Running", start_date=day(-2), end_date=day(1))
    EventFactory(title="Over", start_date=day(-5), end_date=day(-1))

    events, shown = run({})

    assert titles(shown) == ["Running", "Later"]
    assert events.period == "upcoming"


def test_past_is_newest_first_and_all_puts_upcoming_first():
    EventFactory(title="Soon", start_date=day(2), end_date=day(2))
    EventFactory(title="Later", start_date=day(9), end_date=day(9))
    EventFactory(title="Last week", start_date=day(-7), end_date=day(-6))
    EventFactory(title="Last year", start_date=day(-370), end_date=day(-370))

    _, past = run({"when": "past"})
    _, every = run({"when": "all"})

    assert titles(past) == ["Last week", "Last year"]
    assert titles(every) == ["Soon", "Later", "Last week", "Last year"]


def test_search_looks_in_title_summary_city_and_venue_ignoring_case():
    EventFactory(title="Heritage Forum")
    EventFactory(title="A", summary="Talks on intangible HERITAGE.")
    EventFactory(title="B", city="Heritageville")
    EventFactory(title="C", venue="Heritage Hall")
    EventFactory(title="D", summary="Nothing to do with it")

    _, shown = run({"q": "heritage"})

    assert sorted(titles(shown)) == ["A", "B", "C", "Heritage Forum"]


def test_search_needs_every_word_somewhere():
    EventFactory(title="Heritage Forum", city="Seoul")
    EventFactory(title="Heritage Forum", city="Tokyo", slug="tokyo-forum")

    _, shown = run({"q": "  forum   SEOUL "})

    assert [event.city for event in shown] == ["Seoul"]


def test_search_finds_a_title_in_another_language():
    event = EventFactory(title="Heritage Forum")
    event.title_fr = "Forum du patrimoine"
    event.save()

    with translation.override("en"):
        _, shown = run({"q": "patrimoine"})

    assert shown == [event]


def test_search_characters_are_not_wildcards():
    EventFactory(title="100% heritage")
    EventFactory(title="1000 heritage")

    _, shown = run({"q": "100%"})

    assert titles(shown) == ["100% heritage"]


# --- Counts beside each choice --------------------------------------------------------------


def test_each_facet_counts_its_choices_under_the_other_filters(places):
    culture, education = places["culture"], places["education"]
    EventFactory(country=places["mongolia"], sectors=[culture], kind=Event.Kind.FORUM)
    EventFactory(country=places["mongolia"], sectors=[education], kind=Event.Kind.FORUM)
    EventFactory(country=places["japan"], sectors=[culture], kind=Event.Kind.WORKSHOP)
    EventFactory(country=places["japan"], sectors=[culture, education], kind=Event.Kind.FORUM)
    EventFactory(country=places["korea"], sectors=[culture], kind=Event.Kind.FORUM)
    EventFactory(country=places["korea"], start_date=day(-9), end_date=day(-9))  # past

    events, shown = run({"country": ["mongolia", "japan"], "sector": ["culture"]})

    assert len(shown) == events.total == 3
    # Countries: under sector=culture, whatever the countries chosen.
    assert facet(events, "country") == {"mongolia": 1, "japan": 2, "korea": 1}
    # Sectors: under the two countries, whatever the sectors chosen.
    assert facet(events, "sector") == {"education": 2, "culture": 3}
    # Kinds: under both; every kind is a choice, with 0 where nothing matches.
    assert facet(events, "kind") == dict.fromkeys(Event.Kind.values, 0) | {
        "forum": 2,
        "workshop": 1,
    }
    assert [c.value for c in events.facets_by_name["country"].choices if c.selected] == [
        "mongolia",
        "japan",
    ]


def test_counts_and_total_follow_the_text_period_and_dates(places):
    EventFactory(title="Forum now", country=places["mongolia"], start_date=day(3))
    EventFactory(title="Forum later", country=places["mongolia"], start_date=day(40))
    EventFactory(title="Talk later", country=places["japan"], start_date=day(40))
    EventFactory(title="Forum before", country=places["japan"], start_date=day(-40))

    events, shown = run({"q": "forum", "when": "all", "from": str(day(-50)), "to": str(day(10))})

    assert sorted(titles(shown)) == ["Forum before", "Forum now"]
    assert events.total == 2
    assert facet(events, "country") == {"mongolia": 1, "japan": 1, "korea": 0}


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"country": ["mongolia"]},
        {"country": ["mongolia", "korea"], "kind": ["forum", "meeting"]},
        {"sector": ["culture", "education"], "when": "all"},
        {"kind": ["workshop"], "when": "past", "q": "e"},
        {"country": ["atlantis"], "sector": ["culture", "atlantis"], "when": "all"},
    ],
)
def test_total_is_the_length_of_the_list(places, params):
    kinds = list(Event.Kind)
    sectors = [
        [],
        [places["culture"]],
        [places["education"]],
        [places["culture"], places["education"]],
    ]
    countries = [places["mongolia"], places["korea"], places["japan"], None]
    for i in range(24):
        EventFactory(
            country=countries[i % 4],
            sectors=sectors[i % 3],
            kind=kinds[i % 7],
            start_date=day(i * 7 - 80),
        )

    events, shown = run(params)

    assert events.total == len(shown) == Event.objects.filter(pk__in=[e.pk for e in shown]).count()
    assert len(set(shown)) == len(shown)


def test_all_facets_are_counted_in_one_query(places, django_assert_num_queries):
    EventFactory(country=places["mongolia"], sectors=[places["culture"]])
    events = EventFilter(
        QueryDict("country=mongolia&sector=culture&kind=forum&q=forum&from=2026-01-01&when=all"),
        queryset=Event.objects.published(),
    )

    synonyms()  # the editors' synonyms, kept until the content changes
    with django_assert_num_queries(1):
        events.qs  # noqa: B018
        assert len(events.facets) == 3


def test_choice_labels_are_in_the_active_language(places):
    mongolia = places["mongolia"]
    mongolia.name_fr = "Mongolie"
    mongolia.save()

    with translation.override("fr"):
        events, _ = run({})
        labels = {c.value: c.label for c in events.facets_by_name["country"].choices}

    # A name not yet translated falls back to English, as it does everywhere else.
    assert labels == {"mongolia": "Mongolie", "japan": "Japan", "korea": "Republic of Korea"}


# --- Values it cannot use --------------------------------------------------------------------


def test_unknown_values_are_left_out_and_the_rest_applies(places):
    EventFactory(title="In Mongolia", country=places["mongolia"])
    EventFactory(title="In Japan", country=places["japan"])

    events, shown = run({"country": ["atlantis", "mongolia", "<b>x</b>"], "kind": ["picnic"]})

    assert titles(shown) == ["In Mongolia"]
    assert events.problems == [
        "Country: nothing matches “atlantis”, “<b>x</b>”, so it was left out.",
        "Kind of event: nothing matches “picnic”, so it was left out.",
    ]


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"from": "2026-02-30"}, "“From” is not a date such as 2026-10-22, so it was not used."),
        ({"to": "soon"}, "“To” is not a date such as 2026-10-22, so it was not used."),
        (
            {"from": "2026-08-01", "to": "2026-07-01"},
            "The “from” date is after the “to” date, so the dates were not used.",
        ),
        (
            {"when": "tomorrow"},
            "The period in the address is unknown, so upcoming events are shown.",
        ),
        ({"q": "x" * 101}, "The search is longer than 100 characters, so it was not used."),
        (
            {"q": "heritage\x00"},
            "The search holds characters that cannot be searched for, so it was not used.",
        ),
        (
            {"country": [f"c{i}" for i in range(FACET_MAX_VALUES + 1)]},
            "Country: more than 50 values, so this filter was not used.",
        ),
    ],
    ids=["impossible-date", "not-a-date", "from-after-to", "period", "long", "nul", "too-many"],
)
def test_a_value_it_cannot_use_is_reported_and_ignored(params, problem):
    EventFactory(title="Soon", start_date=day(20))
    EventFactory(title="Over", start_date=day(-20))

    events, shown = run(params)

    assert events.problems == [problem]
    assert titles(shown) == ["Soon"]  # as with no filter at all: upcoming events


def test_repeated_values_count_once(places):
    EventFactory(country=places["mongolia"])

    events, shown = run({"country": ["mongolia"] * 500, "when": ["past", "upcoming"]})

    assert len(shown) == events.total == 1
    assert events.problems == []


# --- The summary gives the counts the query gives ---------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

COUNTRIES = ["mongolia", "japan", "korea", "france", "china", None]
SECTORS = ["culture", "education", "hidden"]
KINDS = ["forum", "workshop", "conference"]


def counted(params, *, summarised):
    """Every facet's counts, the total and the titles, with or without the summary."""
    with pytest.MonkeyPatch.context() as patch:
        if not summarised:
            patch.setattr(FacetCounter, "summary_key", lambda self, data: None)
        events, found = run(params)
    assert (events.summary is not None) == summarised
    counts = {f.name: [(c.value, c.count, c.selected) for c in f.choices] for f in events.facets}
    return counts, events.total, titles(found), events.problems


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.lists(
        st.tuples(
            st.sampled_from(COUNTRIES),
            st.sampled_from(KINDS),
            st.sets(st.sampled_from(SECTORS)),
            st.integers(-20, 20),
        ),
        max_size=12,
    ),
    params=st.fixed_dictionaries(
        {},
        optional={
            "country": st.lists(st.sampled_from([*COUNTRIES[:-1], "atlantis"]), max_size=3),
            "sector": st.lists(st.sampled_from([*SECTORS, "nowhere"]), max_size=2),
            "kind": st.lists(st.sampled_from([*KINDS, "party"]), max_size=2),
            "when": st.sampled_from(["upcoming", "past", "all", "never"]),
        },
    ),
)
def test_summary_counts_agree_with_the_facet_query(places, events, params):
    Event.objects.all().delete()
    for n, (country, kind, sectors, offset) in enumerate(events):
        EventFactory(
            title=f"Event {n}",
            country=places[country] if country else None,
            kind=kind,
            start_date=day(offset),
            sectors=[places[sector] for sector in sorted(sectors)],
        )

    assert counted(params, summarised=True) == counted(params, summarised=False)
