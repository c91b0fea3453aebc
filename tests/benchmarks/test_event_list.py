"""The event list benchmark (benchmarks/) on a tiny scale, so that it keeps working.

These tests check what the benchmark builds, requests and reports, never how fast it is.
"""

import pytest

from benchmarks import data, measure
from events.models import Event
from tests.factories import SectorFactory
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db


def test_builds_its_data_and_measures_every_page_against_the_baseline():
    built = data.build(events=50, sites=10)

    assert Event.objects.count() == built.events == 50
    assert Event.sectors.through.objects.count() == built.event_sectors >= 50
    assert data.filtered_events("china", "culture")[1] == []  # both slugs exist

    results = measure.measure(measure.scenarios("china", "culture"), requests=3, warmup=1)

    assert [r.scenario for r in results[-2:]] == [measure.RENDERED, measure.BASELINE]
    assert results[-1].size == results[0].size  # the saved HTML is the filtered list's own
    for result in results:
        assert len(result.latencies) == 3
        assert all(len(seconds) == 1 for seconds in result.statement_seconds)
    # The lists' counts come from their summaries, computed during the warm-up; the site
    # lists with a map run one query more than without (the map's); the event list reads
    # its sectors and its map's places with its events.
    assert [r.queries for r in results] == ["2", "2", "2", "4", "3", "4", "3", "1", "0"]
    assert [name for name, _ratio in measure.map_ratios(results)] == [
        "sites?country",
        "sites (all)",
    ]
    report = measure.report(
        results,
        events=50,
        sites=10,
        filtered="country=china&sector=culture",
        matching=0,
        requests=3,
        warmup=1,
        queries=True,
    )
    assert all(r.scenario.name in report for r in results)
    assert "sites (all) with its map: " in report
    assert "/events/?country=china&sector=culture&page=5" in report  # the queries, listed


def test_works_only_in_an_empty_database_or_its_own():
    assert data.check_database_is_free() is False  # empty: nothing to clear first

    sector = SectorFactory()
    with pytest.raises(data.DatabaseInUse, match="sectors_sector"):
        data.check_database_is_free()

    sector.delete()
    data.build(events=5, sites=2)
    assert OfficeProfile.objects.get().name == data.OFFICE_NAME
    assert data.check_database_is_free() is True  # an earlier run's: cleared before the next
