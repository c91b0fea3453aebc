"""The download benchmark (benchmarks/downloads.py) on a tiny scale, so that it keeps working.

These tests check what the benchmark requests and reports, never how fast it is.
"""

import pytest

from benchmarks import data, downloads

pytestmark = pytest.mark.django_db


def test_downloads_every_scenario_and_reports_rows_sizes_and_memory():
    data.build(events=60, sites=10)

    results = downloads.measure(downloads.scenarios("china", "culture"), runs=2)

    by_name = {d.name: d for d in results}
    assert by_name["events, CSV, all"].rows == by_name["events, JSON, all"].rows > 40
    assert by_name["event feed (50 entries)"].rows == 50
    # Each download counts its rows first (up to DOWNLOAD_STREAM_ROWS + 1); the feed does not.
    assert [d.queries for d in results] == [4, 4, 4, 5, 4]
    for download in results:
        assert len(download.seconds) == len(download.first_piece) == 2
        assert download.size > 0 and download.peak_memory > 0
    report = downloads.report(results, events=60, runs=2)
    assert all(f"| {d.name} | {d.rows:,} |" in report for d in results)
