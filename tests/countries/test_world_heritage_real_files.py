"""The World Heritage List reader on UNESCO's real exports, when they are at hand.

The files live outside the project, in ../shared/data/ (see its README for where they come
from and the counts checked here); these tests skip when that folder is absent. Each file
is parsed once for the module.
"""

import collections
import re
from pathlib import Path

import pytest
from django.conf import settings

from countries.importers.world_heritage import parse_world_heritage
from unesco_office.core.richtext import sanitize_html

DATA = Path(settings.BASE_DIR).parent / "shared" / "data"
COVERED = {"CN", "JP", "KR", "MN", "KP"}
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)


def parsed(filename):
    path = DATA / filename
    if not path.exists():
        pytest.skip(f"{path} is not here: the real exports are kept outside the repository")
    return parse_world_heritage(path)


@pytest.fixture(scope="module")
def list_2025():
    return parsed("whc-sites-2025.xlsx")


@pytest.fixture(scope="module")
def list_2019():
    return parsed("whc-sites-2019.csv")


@pytest.fixture(scope="module")
def cluster_2025():
    return parsed("whc-2025-cluster5.csv")


def by_id(result):
    return {record.official_id: record for record in result.records}


def per_country(records):
    return {code: sum(code in record.iso_codes for record in records) for code in COVERED}


def test_2025_workbook_has_every_row_and_ignores_the_extra_column(list_2025):
    assert (list_2025.file_format, list_2025.layout) == ("xlsx", "current")
    assert len(list_2025.records) == 1248
    assert list_2025.ignored_columns == ("been",)
    # The only row without a country code is Jerusalem's.
    assert [(w.row, w.column) for w in list_2025.warnings] == [(642, "iso_code")]


def test_2025_rows_of_the_office_countries(list_2025):
    ours = list_2025.touching(COVERED)

    assert len(ours) == 112
    assert per_country(ours) == {"CN": 60, "JP": 26, "KR": 17, "MN": 6, "KP": 3}
    assert collections.Counter(r.category for r in ours) == {
        "cultural": 83,
        "natural": 24,
        "mixed": 5,
    }
    transboundary = {r.official_id: r.iso_codes for r in ours if r.is_transboundary}
    assert transboundary == {
        "1321": ("AR", "BE", "CH", "DE", "FR", "IN", "JP"),  # Le Corbusier's work
        "1442": ("CN", "KG", "KZ"),  # Silk Roads: Chang'an-Tianshan Corridor
        "769": ("MN", "RU"),  # Uvs Nuur Basin
        "1448": ("MN", "RU"),  # Landscapes of Dauria
    }


def test_2019_windows_1252_csv(list_2019):
    assert (list_2019.file_format, list_2019.encoding, list_2019.layout) == (
        "csv",
        "cp1252",
        "older",
    )
    assert len(list_2019.records) == 1121
    ours = list_2019.touching(COVERED)
    assert len(ours) == 99
    assert per_country(ours) == {"CN": 55, "JP": 23, "KR": 14, "MN": 5, "KP": 2}


def test_2019_quirks_become_warnings(list_2019):
    located = {(w.row, w.column): w.problem for w in list_2019.warnings}

    # Western Tien-Shan was exported at 0, 0.
    assert "placeholder" in located[(1114, "latitude")]
    assert by_id(list_2019)["1490"].latitude is None
    # Characters outside Windows-1252 became "?" (Kroměříž).
    assert "Windows-1252" in located[(245, "name_en")]


def test_the_cluster_csv_gives_the_same_records_as_the_workbook(list_2025, cluster_2025):
    assert (cluster_2025.encoding, cluster_2025.layout) == ("utf-8", "current")
    assert len(cluster_2025.records) == 112
    assert cluster_2025.touching(COVERED) == cluster_2025.records
    from_workbook = by_id(list_2025)
    assert all(r == from_workbook[r.official_id] for r in cluster_2025.records)


def test_names_are_clean_text(list_2025, list_2019):
    names = [
        name
        for result in (list_2025, list_2019)
        for r in result.records
        for name in r.names.values()
    ]

    assert not [name for name in names if "<" in name or ENTITY.search(name)]
    assert not [name for name in names if name != name.strip() or "  " in name]
    assert by_id(list_2025)["1113"].names["en"] == "Fujian Tulou"
    assert by_id(list_2025)["447"].names["en"] == "Uluṟu-Kata Tjuṯa National Park"


def test_descriptions_are_already_sanitised(list_2025):
    descriptions = [d for r in list_2025.records for d in r.descriptions.values()]

    assert len(descriptions) > 2 * 1248
    assert all(sanitize_html(d) == d for d in descriptions)
    assert not [d for d in descriptions if "<span" in d or "dir=" in d]


def test_real_values_that_need_care(list_2025):
    sites = by_id(list_2025)

    assert sites["99"].extension_years == (1980, 2019)  # written "2019,1980"
    assert sites["76"].in_danger_since == 2010  # "Y 2010 P 1993-2007"
    assert sites["76"].past_danger_periods == ((1993, 2007),)
    assert sites["816"].area_hectares is None  # written 0
    assert (sites["1567"].latitude, sites["1567"].longitude) == (None, None)
    assert sites["148"].iso_codes == ()  # Jerusalem has no State Party
    assert sites["893"].revision == "-894 Rev"
