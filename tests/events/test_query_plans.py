"""PostgreSQL's plans for the event list: however it is filtered, no request reads the whole
events table or sorts all its rows.

The planner is told to avoid sequential scans and sorts (`enable_seqscan`, `enable_sort`
off): it then plans one only when no index can serve the query, which is what these tests
look for. The list's summary (see unesco_office.core.facets.FacetSummary) is built first, as the
first request after a change builds it; the requests after it are the ones checked.
"""

import datetime
import itertools
import random

import pytest
import time_machine
from django.db import connection

from events.models import Event
from tests.factories import CountryFactory, SectorFactory
from unesco_office.public.search import documents

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's"),
]

TODAY = datetime.date(2026, 6, 10)
EVENT_TABLES = {"events_event", "events_event_sectors"}
DOCUMENTS = "unesco_office_searchdocument"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def many_events():
    """Two thousand events over six years, in three countries and three sectors. (Not
    analysed: statistics would outlive the test's transaction and sway other tests' plans.)"""
    rng = random.Random(5)
    countries = [
        CountryFactory(slug=slug, iso2=iso2, iso3=iso3)
        for slug, iso2, iso3 in [
            ("china", "CN", "CHN"),
            ("japan", "JP", "JPN"),
            ("mongolia", "MN", "MNG"),
        ]
    ]
    sectors = [SectorFactory(slug=slug) for slug in ("culture", "education", "sciences")]
    published = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    events = []
    for n in range(2000):
        start = TODAY + datetime.timedelta(days=rng.randint(-5 * 365, 365))
        events.append(
            Event(
                title=f"Event {n}",
                slug=f"event-{n}",
                kind=rng.choice(Event.Kind.values),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.choice([0, 0, 0, 1, 3])),
                country=rng.choice(countries),
                status=Event.Status.PUBLISHED,
                published_at=published,
            )
        )
    Event.objects.bulk_create(events)
    through = Event.sectors.through
    through.objects.bulk_create(
        through(event=event, sector=sector)
        for event in events
        for sector in rng.sample(sectors, rng.randint(1, 2))
    )


def plans(client, url):
    """The plan of every query a request for `url` runs on the events tables."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    found = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET enable_sort = off")
        try:
            for sql, params in statements:
                if not EVENT_TABLES & set(relations(sql)):
                    continue
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                (plan,) = cursor.fetchone()  # psycopg reads the JSON already
                found.append((sql, plan[0]["Plan"]))
        finally:
            cursor.execute("RESET enable_seqscan; RESET enable_sort")
    return found


def relations(sql):
    return [table for table in ("events_event", "events_event_sectors") if f'"{table}"' in sql]


def nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


FILTERS = {
    "country": ["", "country=china", "country=china&country=japan"],
    "sector": ["", "sector=culture"],
    "kind": ["", "kind=forum"],
    "when": ["", "when=past", "when=all"],
    "dates": ["", "from=2026-01-01", "to=2025-12-31"],
    "page": ["", "page=3"],
}


def test_no_filter_combination_reads_all_events_or_sorts_them(client, many_events, uncached):
    found = []
    for parts in itertools.product(*FILTERS.values()):
        url = "/events/?" + "&".join(part for part in parts if part)
        client.get(url)  # summarises the list
        checked = plans(client, url)
        assert checked, url  # the page's events at least
        for sql, plan in checked:
            for node in nodes(plan):
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in EVENT_TABLES:
                    found.append((url, "reads a whole table", sql))
                # A sort of the events themselves; sorting a page's sectors is no matter.
                if node["Node Type"] == "Sort" and any(
                    n.get("Relation Name") == "events_event" for n in nodes(node)
                ):
                    found.append((url, "sorts events", sql))

    assert found == []


@pytest.mark.parametrize("url", ["/", "/countries/china/", "/sectors/culture/"])
def test_pages_with_the_next_events_read_them_from_a_date_index(client, many_events, url, uncached):
    """Home, country and sector pages show the next six events: read from the earliest start
    an event not over yet can have (the longest event's length before today)."""
    client.get(url)  # finds the longest event
    checked = plans(client, url)
    assert [sql for sql, _plan in checked if 'FROM "events_event"' in sql], url
    found = []
    for sql, plan in checked:
        for node in nodes(plan):
            if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in EVENT_TABLES:
                found.append(("reads a whole table", sql))
            if node["Node Type"] == "Sort" and any(
                n.get("Relation Name") == "events_event" for n in nodes(node)
            ):
                found.append(("sorts events", sql))
            if node.get("Relation Name") == "events_event":
                assert "start_date >=" in node.get("Index Cond", ""), (url, node)

    assert found == []


SEARCHES = [
    "/search/?q=event",  # in every event's title
    "/search/?q=steppe",  # in five
    "/fr/search/?q=steppe+OR+event",
    "/zh-hans/search/?q=草原",
    "/zh-hans/search/?q=長城",  # in none: then the suggestion and any-word queries
    "/events/?q=event",
    "/events/?q=steppe&country=china",
    "/events/?q=event&when=all&page=3",
    "/zh-hans/events/?q=草原",
]


@pytest.mark.parametrize("url", SEARCHES)
def test_searches_find_events_through_the_documents_index(client, many_events, url, uncached):
    """The site search and the event list's ?q= read the events a search finds through the
    GIN index of the search documents, never the whole events or documents table."""
    steppe = Event.objects.order_by("pk").values_list("pk", flat=True)[:5]
    Event.objects.filter(pk__in=list(steppe)).update(
        title_en="Steppe ecology", title_zh_hans="草原生态"
    )
    documents.rebuild()
    client.get(url)  # summarises the list, reads the synonyms
    found, read_documents = [], False
    for sql, plan in plans(client, url):
        for node in nodes(plan):
            relation = node.get("Relation Name")
            read_documents |= relation == DOCUMENTS
            if node["Node Type"] == "Seq Scan" and relation in {*EVENT_TABLES, DOCUMENTS}:
                found.append(("reads a whole table", relation, sql))

    assert read_documents, url
    assert found == []


def test_finding_records_without_documents_is_one_anti_join(many_events):
    """After every migrate (see documents.after_migrate): the records without a document are
    found by an anti-join, not by a NOT IN subquery read again for each record."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        documents.index_missing()
    sql, params = next(
        (sql, params)
        for sql, params in statements
        if sql.startswith('SELECT "events_event"."id"') and DOCUMENTS in sql
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()

    kinds = {node.get("Join Type") for node in nodes(plan[0]["Plan"])}
    assert "Anti" in kinds, plan
    assert "SubPlan" not in str(plan)
