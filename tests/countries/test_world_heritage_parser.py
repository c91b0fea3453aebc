"""The World Heritage List reader, on small files that each test writes for itself.

The rows are invented around public facts (ids, names, years, criteria, countries of a few
properties); their descriptions are made up. They carry the quirks of the real exports:
HTML and entities in names, a transboundary row whose codes come in any order and case,
missing coordinates and Chinese names, "rev" in lower case, an unknown extra column, a
byte-order mark, and Windows-1252 text.
"""

import csv
import dataclasses
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from countries.importers.world_heritage import (
    ALL_COUNTRIES,
    InvalidFileError,
    clean_text,
    parse_world_heritage,
    records_touching,
)
from unesco_office.staff.imports import uploads

CURRENT_LAYOUT = [
    "unique_number", "id_no", "rev_bis",
    "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh",
    "short_description_en", "short_description_fr", "short_description_es",
    "short_description_ru", "short_description_ar", "short_description_zh",
    "justification_en", "justification_fr",
    "date_inscribed", "secondary_dates", "danger", "date_end", "danger_list",
    "longitude", "latitude", "area_hectares",
    "C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10",
    "criteria_txt", "category", "category_short",
    "states_name_en", "states_name_fr", "states_name_es", "states_name_ru",
    "states_name_ar", "states_name_zh",
    "region_en", "region_fr", "iso_code", "udnp_code", "transboundary",
]  # fmt: skip
OLDER_LAYOUT = [
    "unique_number", "id_no", "rev_bis", "name_en", "name_fr",
    "short_description_en", "short_description_fr", "justification_en", "justification_fr",
    "date_inscribed", "secondary_dates", "danger", "date_end", "danger_list",
    "longitude", "latitude", "area_hectares",
    "C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10",
    "criteria_txt", "category", "category_short",
    "states_name_en", "states_name_fr", "region_en", "region_fr",
    "iso_code", "udnp_code", "transboundary",
]  # fmt: skip
NUMERALS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
FLAGS = ["C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10"]
SHEET = "sites XLSX export"
COVERED = {"CN", "JP", "KR", "MN", "KP"}


def site(**values):
    """A complete row of the current layout; the criteria flags follow `criteria_txt`."""
    row = dict.fromkeys(CURRENT_LAYOUT, "")
    row |= {
        "rev_bis": "",
        "short_description_en": "<p>A description written for this test.</p>",
        "short_description_fr": "<p>Une description écrite pour ce test.</p>",
        "justification_en": "<p>Criterion text, not read by the importer.</p>",
        "danger": 0,
        "category": "Cultural",
        "region_en": "Asia and the Pacific",
        "region_fr": "Asie et Pacifique",
    }
    row |= values
    listed = row["criteria_txt"].strip("()").split(")(")
    for numeral, flag in zip(NUMERALS, FLAGS, strict=True):
        if row[flag] == "":
            row[flag] = int(numeral in listed)
    row["category_short"] = {"Cultural": "C", "Natural": "N", "Mixed": "C/N"}.get(
        row["category"], ""
    )
    if row["transboundary"] == "":
        row["transboundary"] = int("," in str(row["iso_code"]))
    return row


ROWS = [
    site(
        unique_number=507, id_no=438, name_en="The Great Wall", name_fr="La Grande Muraille",
        name_zh="长城", date_inscribed=1987, latitude=40.41667, longitude=116.08333,
        area_hectares=2151.55, criteria_txt="(i)(ii)(iii)(iv)(vi)",
        short_description_en=(
            "<p>Walls joined and rebuilt over two thousand years&nbsp;&ndash; "
            "<em>invented</em> text.</p><script>alert('x')</script>"
            '<p onclick="steal()">A second paragraph.</p>'
        ),
        short_description_zh="<p>为测试而写的说明。</p>",
        states_name_en="China", states_name_fr="Chine", states_name_zh="中国", iso_code="cn",
    ),
    site(
        unique_number=1225, id_no=1113, rev_bis="rev", name_en="Fujian <em>Tulou</em>",
        name_fr="<em>Tulou</em> du Fujian", name_zh="福建土楼", date_inscribed=2008,
        latitude=25.023056, longitude=117.685833, area_hectares=152.65,
        criteria_txt="(iii)(iv)(v)", states_name_en="China", states_name_fr="Chine",
        states_name_zh="中国", iso_code="cn",
    ),
    site(
        unique_number=2000, id_no=1442, name_en="Silk Roads: the Routes Network of Chang&rsquo;an-Tianshan Corridor",
        name_fr="Routes de la soie&nbsp;: le réseau de routes du corridor de Chang&rsquo;an-Tian-shan",
        date_inscribed=2014, latitude=34.304444, longitude=108.857222, area_hectares=42668.16,
        criteria_txt="(ii)(iii)(v)(vi)", states_name_en="China,Kazakhstan,Kyrgyzstan",
        states_name_fr="Chine,Kazakhstan,Kirghizistan", iso_code="kz, CN,kg",
    ),
    site(
        unique_number=1001, id_no=769, rev_bis="Bis", name_en="Uvs Nuur Basin",
        name_fr="Bassin d'Ubs Nuur", name_zh="乌布苏盆地", date_inscribed=2003,
        latitude=50.28, longitude=92.7, area_hectares=898064, criteria_txt="(ix)(x)",
        category="Natural", states_name_en="Mongolia,Russian Federation",
        states_name_fr="Mongolie,Fédération de Russie", iso_code="mn,ru",
    ),
    site(
        unique_number=1900, id_no=1278, name_en="Historic Monuments and Sites in Kaesong",
        name_fr="Monuments et sites historiques de Kaesong", date_inscribed=2013,
        criteria_txt="(ii)(iii)", states_name_en="Democratic People's Republic of Korea",
        states_name_fr="République populaire démocratique de Corée", iso_code="kp",
    ),
    site(
        unique_number=900, id_no=775, name_en="Hiroshima Peace Memorial (Genbaku Dome)",
        name_fr="Mémorial de la paix d’Hiroshima (Dôme de Genbaku)", name_zh="广岛和平纪念公园",
        date_inscribed=1996, latitude=34.39556, longitude=132.45361, area_hectares=0.4,
        criteria_txt="(vi)", states_name_en="Japan", states_name_fr="Japon", iso_code="jp",
    ),
    site(
        unique_number=230, id_no=208,
        name_en="Cultural Landscape and Archaeological Remains of the Bamiyan Valley",
        name_fr="Paysage culturel et vestiges archéologiques de la vallée de Bamiyan",
        date_inscribed=2003, danger=1, danger_list="Y 2003", latitude=34.84694,
        longitude=67.82525, area_hectares=158.9265, criteria_txt="(i)(ii)(iii)(iv)(vi)",
        states_name_en="Afghanistan", states_name_fr="Afghanistan", iso_code="af",
    ),
    site(
        unique_number=38, id_no=25, name_en="Djoudj National Bird Sanctuary",
        name_fr="Parc national des oiseaux du Djoudj", date_inscribed=1981,
        date_end=1988, danger_list="P 1984-1988 P 2000-2006", latitude=16.414602,
        longitude=-16.237906, area_hectares=16000, criteria_txt="(vii)(x)", category="Natural",
        states_name_en="Senegal", states_name_fr="Sénégal", iso_code="sn",
    ),
    site(
        unique_number=109, id_no=99, name_en="Natural and Cultural Heritage of the Ohrid region",
        name_fr="Patrimoine naturel et culturel de la région d’Ohrid", date_inscribed=1979,
        secondary_dates="2019,1980", latitude=40.991833, longitude=20.704167,
        area_hectares=94728.6, criteria_txt="(i)(iii)(iv)(vii)", category="Mixed",
        states_name_en="Albania,North Macedonia", states_name_fr="Albanie,Macédoine du Nord",
        iso_code="al,mk",
    ),
]  # fmt: skip
ROW_OF = {row["id_no"]: number for number, row in enumerate(ROWS, start=2)}


def csv_text(rows, columns=CURRENT_LAYOUT, extra_columns=(), delimiter=","):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([*columns, *extra_columns])
    for row in rows:
        writer.writerow([row.get(column, "") for column in [*columns, *extra_columns]])
    return out.getvalue()


def write_csv(path, rows=ROWS, *, columns=CURRENT_LAYOUT, encoding="utf-8", **options):
    path.write_bytes(csv_text(rows, columns, **options).encode(encoding))
    return path


def xlsx_bytes(rows=ROWS, *, columns=CURRENT_LAYOUT, extra_columns=(), sheets=(SHEET,)):
    """A workbook like the official export: numbers stored as numbers, blanks as None."""
    workbook = openpyxl.Workbook()
    workbook.active.title = sheets[0]
    for other in sheets[1:]:
        workbook.create_sheet(other)
    sheet = workbook.active
    sheet.append([*columns, *extra_columns])
    for row in rows:
        sheet.append([row.get(column) if row.get(column) != "" else None for column in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_xlsx(path, rows=ROWS, **options):
    path.write_bytes(xlsx_bytes(rows, **options))
    return path


def by_id(result):
    return {record.official_id: record for record in result.records}


def single_error(path, **options):
    with pytest.raises(InvalidFileError) as caught:
        parse_world_heritage(path, **options)
    assert len(caught.value.errors) == 1, caught.value
    return caught.value.errors[0]


@pytest.fixture
def xlsx(tmp_path):
    return parse_world_heritage(write_xlsx(tmp_path / "whc-sites.xlsx", extra_columns=["been"]))


# Formats, layouts and encodings


def test_reads_the_current_layout_from_xlsx_ignoring_an_extra_column(xlsx):
    assert (xlsx.file_format, xlsx.layout, xlsx.encoding) == ("xlsx", "current", None)
    assert xlsx.ignored_columns == ("been",)
    assert xlsx.languages == ("en", "fr", "zh")
    assert [record.official_id for record in xlsx.records] == [str(r["id_no"]) for r in ROWS]


def test_reads_the_older_layout_from_windows_1252_csv(tmp_path):
    path = write_csv(tmp_path / "whc-sites-2019.csv", columns=OLDER_LAYOUT, encoding="cp1252")
    assert b"d\x92Hiroshima" in path.read_bytes()  # Windows-1252: one byte for the apostrophe

    result = parse_world_heritage(path)

    assert (result.file_format, result.layout, result.encoding) == ("csv", "older", "cp1252")
    assert result.languages == ("en", "fr")
    hiroshima = by_id(result)["775"]
    assert hiroshima.names == {
        "en": "Hiroshima Peace Memorial (Genbaku Dome)",
        "fr": "Mémorial de la paix d’Hiroshima (Dôme de Genbaku)",
    }
    assert "zh" not in by_id(result)["438"].descriptions


def test_reads_windows_1252_with_bytes_it_leaves_undefined(tmp_path):
    """The 2019 export holds a stray UTF-8 quotation mark, whose last byte (0x9D) has no
    character in Windows-1252: the file must still be read."""
    rows = [ROWS[5] | {"justification_en": "<p>a QUOTE here</p>"}]
    data = csv_text(rows, OLDER_LAYOUT).encode("cp1252").replace(b"QUOTE", b"\xe2\x80\x9d")
    (tmp_path / "list.csv").write_bytes(data)

    result = parse_world_heritage(tmp_path / "list.csv")

    assert result.encoding == "cp1252"
    assert result.records[0].names["fr"] == "Mémorial de la paix d’Hiroshima (Dôme de Genbaku)"


def test_warns_of_letters_that_windows_1252_lost(tmp_path):
    rows = [ROWS[0] | {"name_en": "Old City of Zamo??"}]
    path = write_csv(tmp_path / "list.csv", rows, columns=OLDER_LAYOUT, encoding="cp1252")

    result = parse_world_heritage(path)

    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "name_en")
    assert "Windows-1252" in warning.problem


@pytest.mark.parametrize(("bom", "encoding"), [(False, "utf-8"), (True, "utf-8-sig")])
def test_reads_utf8_csv_with_or_without_byte_order_mark(tmp_path, bom, encoding):
    path = write_csv(tmp_path / "list.csv", encoding="utf-8-sig" if bom else "utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") is bom

    result = parse_world_heritage(path)

    assert (result.encoding, result.layout) == (encoding, "current")
    assert by_id(result)["438"].names["zh"] == "长城"


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-16", "\t"), ("utf-8", ";")])
def test_reads_csv_as_spreadsheet_programs_save_it(tmp_path, encoding, delimiter):
    path = tmp_path / "list.txt"
    path.write_bytes(csv_text(ROWS, delimiter=delimiter).encode(encoding))

    result = parse_world_heritage(path)

    assert by_id(result)["1113"].names["zh"] == "福建土楼"
    assert len(result.records) == len(ROWS)


def test_xlsx_and_csv_of_the_same_rows_give_equal_records(tmp_path, xlsx):
    from_csv = parse_world_heritage(write_csv(tmp_path / "list.csv"))

    assert from_csv.records == xlsx.records


def test_format_is_detected_from_content_not_extension(tmp_path):
    workbook_named_csv = write_xlsx(tmp_path / "export.csv")
    text_named_xlsx = write_csv(tmp_path / "export.xlsx")

    assert parse_world_heritage(workbook_named_csv).file_format == "xlsx"
    assert parse_world_heritage(text_named_xlsx).file_format == "csv"


def test_accepts_bytes_and_uploaded_files(tmp_path):
    upload = SimpleUploadedFile("upload.xlsx", xlsx_bytes())

    from_upload = parse_world_heritage(upload)
    from_bytes = parse_world_heritage(xlsx_bytes(), filename="list.xlsx")

    assert from_upload.file == "upload.xlsx"
    assert from_bytes.file == "list.xlsx"
    assert from_upload.records == from_bytes.records


def test_header_names_match_whatever_their_case_and_spacing(tmp_path):
    text = csv_text(ROWS[:1])
    header, rest = text.split("\r\n", 1)
    path = tmp_path / "list.csv"
    path.write_text(f"{header.replace('id_no', ' ID_NO ').replace('C1', 'c1')}\r\n{rest}")

    assert parse_world_heritage(path).records[0].official_id == "438"


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path):
    text = csv_text(ROWS[:2])
    header, first, second = text.strip().split("\r\n")
    path = tmp_path / "list.csv"
    path.write_text("\r\n".join([header, first, ",,,", "", second]) + "\r\n")

    result = parse_world_heritage(path)

    assert [record.row for record in result.records] == [2, 5]


# What a record holds


def test_names_lose_html_and_entities(xlsx):
    sites = by_id(xlsx)

    assert sites["1113"].names == {"en": "Fujian Tulou", "fr": "Tulou du Fujian", "zh": "福建土楼"}
    assert sites["1442"].names == {
        "en": "Silk Roads: the Routes Network of Chang’an-Tianshan Corridor",
        "fr": "Routes de la soie : le réseau de routes du corridor de Chang’an-Tian-shan",
    }


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Ulu<U>r</U>u-Kata Tju<U>t</U>a National Park", "Uluṟu-Kata Tjuṯa National Park"),
        ("S<U>G</U>ang Gwaay", "SG̱ang Gwaay"),
        (
            "Auschwitz Birkenau <br /><small>German Nazi Concentration Camp</small>",
            "Auschwitz Birkenau German Nazi Concentration Camp",
        ),
        ("Birkenau<br /><small>Camp allemand</small>", "Birkenau Camp allemand"),
        (
            "Ivrée, cité industrielle du XX<sup>e</sup> siècle",
            "Ivrée, cité industrielle du XXe siècle",
        ),
        ("the<i> Palazzi dei Rolli</i> ", "the Palazzi dei Rolli"),
        ("Samarkand  &ndash;&nbsp;Crossroad", "Samarkand – Crossroad"),
        ("Rock &amp; Roll <script>alert(1)</script>", "Rock & Roll"),
    ],
)
def test_clean_text(html, text):
    assert clean_text(html) == text


def test_descriptions_are_sanitised_html(xlsx):
    great_wall = by_id(xlsx)["438"]

    assert great_wall.descriptions["en"] == (
        "<p>Walls joined and rebuilt over two thousand years&nbsp;– <em>invented</em> text.</p>"
        "<p>A second paragraph.</p>"
    )
    assert great_wall.descriptions["zh"] == "<p>为测试而写的说明。</p>"


def test_missing_chinese_name_and_description_are_left_out(xlsx):
    silk_roads = by_id(xlsx)["1442"]

    assert "zh" not in silk_roads.names
    assert set(silk_roads.descriptions) == {"en", "fr"}


def test_iso_codes_are_sorted_upper_case_whatever_the_file_gives(xlsx):
    silk_roads = by_id(xlsx)["1442"]

    assert silk_roads.iso_codes == ("CN", "KG", "KZ")
    assert silk_roads.is_transboundary is True
    assert silk_roads.state_names["en"] == ("China", "Kazakhstan", "Kyrgyzstan")
    assert by_id(xlsx)["438"].is_transboundary is False


def test_category_and_criteria(tmp_path, xlsx):
    sites = by_id(xlsx)
    assert [(sites[i].category, sites[i].criteria) for i in ("438", "769", "99")] == [
        ("cultural", "(i)(ii)(iii)(iv)(vi)"),
        ("natural", "(ix)(x)"),
        ("mixed", "(i)(iii)(iv)(vii)"),
    ]

    loose = ROWS[1] | {"criteria_txt": " (V) (iii)(iv)", "category": "CULTURAL"}
    record = parse_world_heritage(write_csv(tmp_path / "list.csv", [loose])).records[0]

    assert (record.category, record.criteria) == ("cultural", "(iii)(iv)(v)")


def test_criteria_without_flag_columns_are_taken_as_written(tmp_path):
    columns = [column for column in CURRENT_LAYOUT if column not in FLAGS]

    result = parse_world_heritage(write_csv(tmp_path / "list.csv", columns=columns))

    assert result.layout == "other"
    assert by_id(result)["438"].criteria == "(i)(ii)(iii)(iv)(vi)"


def test_years_and_extensions(xlsx):
    ohrid = by_id(xlsx)["99"]

    assert ohrid.year_inscribed == 1979
    assert ohrid.extension_years == (1980, 2019)
    assert by_id(xlsx)["438"].extension_years == ()


def test_danger_now_and_in_the_past(xlsx):
    bamiyan, djoudj, great_wall = (by_id(xlsx)[i] for i in ("208", "25", "438"))

    assert (bamiyan.is_in_danger, bamiyan.in_danger_since) == (True, 2003)
    assert (djoudj.is_in_danger, djoudj.in_danger_since) == (False, None)
    assert djoudj.past_danger_periods == ((1984, 1988), (2000, 2006))
    assert djoudj.danger_ended == 1988
    assert (great_wall.is_in_danger, great_wall.past_danger_periods) == (False, ())


def test_coordinates_and_area_are_decimals_or_none(xlsx):
    sites = by_id(xlsx)

    assert (sites["438"].latitude, sites["438"].longitude) == (
        Decimal("40.416670"),
        Decimal("116.083330"),
    )
    assert sites["438"].area_hectares == Decimal("2151.55")
    assert sites["208"].area_hectares == Decimal("158.93")  # kept to Site.area_ha's 2 places
    kaesong = sites["1278"]
    assert (kaesong.latitude, kaesong.longitude, kaesong.area_hectares) == (None, None, None)


def test_coordinates_and_area_keep_the_places_the_site_model_stores(tmp_path):
    rows = [ROWS[0] | {"latitude": "64.5158888889", "longitude": "-7.25", "area_hectares": "0.125"}]

    record = parse_world_heritage(write_csv(tmp_path / "list.csv", rows)).records[0]

    assert (str(record.latitude), str(record.longitude)) == ("64.515889", "-7.250000")
    assert str(record.area_hectares) == "0.12"


def test_zero_area_and_zero_coordinates_mean_not_recorded(tmp_path):
    rows = [ROWS[0] | {"latitude": "0", "longitude": "0", "area_hectares": "0"}]

    result = parse_world_heritage(write_csv(tmp_path / "list.csv", rows))

    record = result.records[0]
    assert (record.latitude, record.longitude, record.area_hectares) == (None, None, None)
    assert [(w.row, w.column) for w in result.warnings] == [(2, "latitude")]


def test_official_id_url_and_revision(xlsx):
    tulou = by_id(xlsx)["1113"]

    assert tulou.official_url == "https://whc.unesco.org/en/list/1113/"
    assert tulou.revision == "Rev"  # written "rev" in the file
    assert by_id(xlsx)["438"].revision == ""


def test_records_cannot_be_changed(xlsx):
    record = xlsx.records[0]

    with pytest.raises(dataclasses.FrozenInstanceError):
        record.year_inscribed = 2000
    with pytest.raises(TypeError):
        record.names["en"] = "Another name"


# Choosing rows


def test_records_touching_keeps_the_rows_of_the_given_countries(xlsx):
    kept = records_touching(xlsx.records, {"cn", "JP", "kr", "mn", "kp"})

    assert {record.official_id for record in kept} == {"438", "1113", "1442", "769", "1278", "775"}
    assert xlsx.touching(COVERED) == kept


def test_all_countries_keeps_every_row(xlsx):
    assert records_touching(xlsx.records, ALL_COUNTRIES) == xlsx.records


@pytest.mark.parametrize(("countries", "error"), [({"XX"}, ValueError), ("CN", TypeError)])
def test_records_touching_refuses_what_is_not_a_set_of_codes(xlsx, countries, error):
    with pytest.raises(error):
        records_touching(xlsx.records, countries)


# Errors in rows


@pytest.mark.parametrize(
    ("values", "column", "problem"),
    [
        ({"latitude": "95.2"}, "latitude", "“95.2” is not a latitude (-90 to 90)"),
        ({"latitude": "34,5"}, "latitude", "“34,5” is not a number"),
        ({"longitude": ""}, "longitude", "Give both latitude and longitude, or neither"),
        ({"longitude": "-181"}, "longitude", "not a longitude"),
        ({"area_hectares": "-5"}, "area_hectares", "“-5” is not an area in hectares"),
        ({"date_inscribed": "19x8"}, "date_inscribed", "“19x8” is not a year"),
        ({"date_inscribed": "1875"}, "date_inscribed", "1875 is not between 1978 and 2100"),
        ({"date_inscribed": ""}, "date_inscribed", "The year is missing"),
        ({"secondary_dates": "2016, 20O5"}, "secondary_dates", "“20O5” is not a year"),
        ({"secondary_dates": "2010"}, "secondary_dates", "2010 is before the inscription, 2014"),
        ({"criteria_txt": "(ii)(xi)"}, "criteria_txt", "“(ii)(xi)” is not a list of criteria"),
        ({"criteria_txt": "ii, iii"}, "criteria_txt", "is not a list of criteria"),
        ({"criteria_txt": ""}, "criteria_txt", "The criteria are missing"),
        ({"criteria_txt": "(ii)(ii)"}, "criteria_txt", "names a criterion twice"),
        ({"C5": 0}, "criteria_txt", "does not match the flags C1 to N10, which give (ii)(iii)(vi)"),
        ({"N8": "x"}, "N8", "“x” is not 0 or 1"),
        ({"category": "Historic"}, "category", "“Historic” is not a category"),
        ({"category": "Natural"}, "category", "make the site cultural, not natural"),
        ({"iso_code": "cn,xx,kz"}, "iso_code", "“xx” is not an ISO 3166-1 alpha-2 country code"),
        ({"iso_code": "cn"}, "transboundary", "marked transboundary but iso_code lists one"),
        (
            {"transboundary": 0},
            "transboundary",
            "not marked transboundary but iso_code lists CN, KG, KZ",
        ),
        ({"danger": 1}, "danger", "marked in danger but danger_list gives no “Y” year"),
        ({"danger_list": "Y 2016"}, "danger", "not marked in danger but danger_list says"),
        ({"danger_list": "Y2016 X"}, "danger_list", "is not a danger history"),
        ({"danger_list": "P 2010-2001"}, "danger_list", "The period 2010-2001 ends before"),
        ({"danger": 1, "danger_list": "Y 2001"}, "danger_list", "before its inscription"),
        ({"date_end": "sometime"}, "date_end", "“sometime” is not a year"),
        ({"id_no": "A1442"}, "id_no", "“A1442” is not an official id"),
        ({"id_no": ""}, "id_no", "The official id is missing"),
        ({"id_no": "438"}, "id_no", "The id 438 is already used on row 2"),
        ({"name_en": "<em></em>"}, "name_en", "The name is missing"),
        ({"name_fr": ""}, "name_fr", "The name is missing"),
    ],
)
def test_a_bad_value_is_reported_with_its_row_and_column(tmp_path, values, column, problem):
    rows = [ROWS[0], ROWS[1], ROWS[2] | values]  # the third data row is row 4
    path = write_csv(tmp_path / "whc.csv", rows)

    error = single_error(path)

    assert (error.file, error.row, error.column) == ("whc.csv", 4, column)
    assert problem in error.problem
    assert str(error).startswith(f"whc.csv, row 4, column “{column}”: ")


def test_every_row_error_is_collected_before_failing(tmp_path):
    rows = [
        ROWS[0] | {"latitude": "95", "date_inscribed": "1800"},
        ROWS[1],
        ROWS[2] | {"iso_code": "cn,zz,kz", "category": "Historic"},
    ]

    with pytest.raises(InvalidFileError) as caught:
        parse_world_heritage(write_xlsx(tmp_path / "whc.xlsx", rows))

    located = [(e.row, e.column) for e in caught.value.errors]
    assert located == [(2, "date_inscribed"), (2, "latitude"), (4, "iso_code"), (4, "category")]
    assert "whc.xlsx, row 4, column “iso_code”: “zz” is not" in str(caught.value)


def test_errors_stop_at_the_cap(tmp_path):
    rows = [row | {"latitude": "100"} for row in ROWS]

    with pytest.raises(InvalidFileError) as caught:
        parse_world_heritage(write_csv(tmp_path / "whc.csv", rows), max_errors=3)

    assert [e.row for e in caught.value.errors] == [2, 3, 4]
    assert caught.value.truncated
    assert str(caught.value).endswith("Stopped after 3 errors; there may be more.")


# Errors in the file


def test_a_picture_is_not_a_spreadsheet(tmp_path):
    (tmp_path / "list.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))

    error = single_error(tmp_path / "list.xlsx")

    assert str(error) == "list.xlsx: This is a PNG file, not a spreadsheet (XLSX or CSV)."
    assert (error.row, error.column) == (None, None)


def test_binary_data_is_not_a_spreadsheet(tmp_path):
    (tmp_path / "list.csv").write_bytes(b"id_no,name_en\x00\x01\x02" * 10)

    assert "not a spreadsheet" in single_error(tmp_path / "list.csv").problem


def test_an_old_xls_workbook_is_refused_with_advice(tmp_path):
    (tmp_path / "list.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))

    assert "save it as .xlsx or CSV" in single_error(tmp_path / "list.xls").problem


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_truncated_workbook_is_reported_as_damaged(tmp_path, keep):
    data = xlsx_bytes()
    (tmp_path / "list.xlsx").write_bytes(data[: int(len(data) * keep)])

    error = single_error(tmp_path / "list.xlsx")

    assert error.file == "list.xlsx"
    assert "damaged or incomplete" in error.problem


def test_a_workbook_too_large_once_unpacked_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_XLSX_UNPACKED_BYTES", 10_000)

    error = single_error(write_xlsx(tmp_path / "list.xlsx"))

    assert error.problem == "This workbook is too large to import once unpacked."


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("sites.csv", csv_text(ROWS))
    (tmp_path / "list.zip").write_bytes(out.getvalue())

    assert "not an Excel workbook" in single_error(tmp_path / "list.zip").problem


def test_a_workbook_without_the_export_sheet_names_the_sheets_it_has(tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", sheets=("Sheet1", "Notes"))

    error = single_error(path)

    assert error.problem == (
        "The workbook has no sheet “sites XLSX export”, the one UNESCO's export uses; "
        "its sheets are “Sheet1”, “Notes”."
    )


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_a_missing_required_column_is_named(tmp_path, writer):
    columns = [c for c in CURRENT_LAYOUT if c not in {"latitude", "iso_code"}]

    error = single_error(writer(tmp_path / "list", columns=columns))

    assert error.problem == "Required columns are missing: latitude, iso_code."
    assert (error.row, error.column) == (None, None)


def test_incomplete_criteria_flags_are_named(tmp_path):
    columns = [c for c in CURRENT_LAYOUT if c != "N9"]

    assert "N9 missing" in single_error(write_csv(tmp_path / "list.csv", columns=columns)).problem


def test_a_column_given_twice_is_refused(tmp_path):
    path = write_csv(tmp_path / "list.csv", columns=CURRENT_LAYOUT, extra_columns=["name_en"])

    assert "“name_en” appears twice (columns 4 and 50)" in single_error(path).problem


def test_text_that_is_not_an_export_is_refused(tmp_path):
    (tmp_path / "notes.csv").write_text("Dear colleagues,\nplease find the list attached.\n")

    assert "not a World Heritage List export" in single_error(tmp_path / "notes.csv").problem


@pytest.mark.parametrize("content", [b"", b"\n\r\n  ", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(tmp_path, content):
    (tmp_path / "list.csv").write_bytes(content)

    assert str(single_error(tmp_path / "list.csv")) == "list.csv: The file is empty."


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_a_header_without_rows_is_refused(tmp_path, writer):
    error = single_error(writer(tmp_path / "list", []))

    assert error.problem == "The file has a header row but no rows of data."


def test_a_file_opened_as_text_is_refused(tmp_path):
    path = write_csv(tmp_path / "list.csv")

    with path.open(encoding="utf-8") as text, pytest.raises(TypeError, match="binary mode"):
        parse_world_heritage(text)


def test_a_file_that_cannot_be_opened_is_reported(tmp_path):
    error = single_error(tmp_path / "missing.xlsx")

    assert error.file == "missing.xlsx"
    assert "cannot be opened" in error.problem
