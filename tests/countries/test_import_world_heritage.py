"""`manage.py import_world_heritage`: the World Heritage List written into the database.

Each test writes its own small export with the parser tests' builders; the last one imports
the real 2019 and 2025 exports when the shared data folder is present.
"""

import time
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version

from countries.importers import world_heritage
from countries.models import Country, Site
from tests.conftest import COVERED
from tests.countries.test_world_heritage_parser import (
    ROWS,
    site,
    write_csv,
    write_xlsx,
    xlsx_bytes,
)
from tests.factories import SiteFactory
from tests.unesco_office.test_import_export import with_sheet_xml

IN_SCOPE = {"438", "1113", "1442", "769", "1278", "775"}  # rows touching a covered country
DATA = Path(settings.BASE_DIR).parent / "shared" / "data"


def run(*args):
    out = StringIO()
    call_command("import_world_heritage", *map(str, args), stdout=out)
    return out.getvalue()


def with_changes(changes):
    """ROWS with some values changed, by id: {438: {"name_fr": "…"}}."""
    return [
        site(**(row | changes[row["id_no"]])) if row["id_no"] in changes else row for row in ROWS
    ]


def test_import_creates_published_sites_and_partner_countries(office, tmp_path):
    output = run(write_xlsx(tmp_path / "whc-sites.xlsx"))

    sites = {site.official_id: site for site in Site.objects.all()}
    assert set(sites) == IN_SCOPE
    assert "whc-sites.xlsx: 6 new, 0 changed, 0 unchanged, 0 no longer listed" in output
    wall = sites["438"]
    assert wall.name_en == "The Great Wall"
    assert wall.name_fr == "La Grande Muraille"
    assert wall.name_zh_hans == "长城"
    assert wall.slug == "the-great-wall"
    assert wall.designation == Site.Designation.WORLD_HERITAGE
    assert wall.source == Site.Source.WORLD_HERITAGE_LIST
    assert wall.is_public and wall.source_imported_at is not None
    assert wall.wh_category == "cultural" and wall.sector == office["CLT"]
    assert wall.criteria == "(i)(ii)(iii)(iv)(vi)"
    assert wall.year_designated == 1987
    assert (wall.latitude, wall.longitude) == (Decimal("40.416670"), Decimal("116.083330"))
    assert wall.area_ha == Decimal("2151.55")
    assert wall.official_url == "https://whc.unesco.org/en/list/438/"
    assert "<script" not in wall.body_en and "<em>invented</em>" in wall.body_en
    assert wall.summary_en.startswith("Walls joined and rebuilt over two thousand years")
    assert "<" not in wall.summary_en
    assert wall.summary_zh_hans == "为测试而写的说明。"
    uvs = sites["769"]
    assert uvs.wh_category == "natural" and uvs.sector == office["SC"]
    assert sites["1278"].name_zh_hans is None  # not given: the page falls back to English
    silk_roads = sites["1442"]
    assert sorted(silk_roads.countries.values_list("iso2", flat=True)) == ["CN", "KG", "KZ"]
    partners = Country.objects.filter(is_covered=False)
    assert {(c.iso2, c.iso3, c.name_en) for c in partners} == {
        ("KG", "KGZ", "Kyrgyzstan"),
        ("KZ", "KAZ", "Kazakhstan"),
        ("RU", "RUS", "Russian Federation"),
    }
    assert all(country.is_public for country in partners)
    assert "New partner country: Kazakhstan (KZ)" in output
    revision = Revision.objects.get()
    assert revision.comment == "Imported whc-sites.xlsx"
    assert Version.objects.get_for_object(wall).count() == 1


def test_a_partner_country_takes_the_name_the_file_gives(office, tmp_path):
    rows = [site(id_no=1, name_en="A Shared Place", name_fr="Un lieu", date_inscribed=2000,
                 criteria_txt="(ii)", states_name_en="Viet Nam", states_name_fr="Viet Nam",
                 iso_code="vn"),
            site(id_no=2, name_en="A Mongolian Place", name_fr="Un lieu mongol", date_inscribed=2001, criteria_txt="(ii)",
                 states_name_en="Mongolia", iso_code="mn")]  # fmt: skip

    run(write_csv(tmp_path / "whc.csv", rows), "--all")

    assert Country.objects.get(iso2="VN").name_en == "Viet Nam"  # pycountry says "Vietnam"


def test_importing_the_same_file_again_changes_nothing(office, tmp_path):
    path = write_xlsx(tmp_path / "whc-sites.xlsx")
    run(path)
    updated = dict(Site.objects.values_list("official_id", "updated_at"))

    output = run(path)

    assert "whc-sites.xlsx: 0 new, 0 changed, 6 unchanged, 0 no longer listed" in output
    assert dict(Site.objects.values_list("official_id", "updated_at")) == updated
    assert Revision.objects.count() == 1


def test_a_newer_list_updates_what_changed_and_keeps_what_staff_set(office, tmp_path):
    run(write_xlsx(tmp_path / "whc-2024.xlsx"))
    wall = Site.objects.get(official_id="438")
    wall.is_featured = True
    wall.sector = office["SC"]  # a choice staff made: the import does not undo it
    wall.save()
    rows = with_changes(
        {
            438: {"name_fr": "La Grande Muraille de Chine", "secondary_dates": "2003,2014"},
            1278: {"danger": 1, "danger_list": "Y 2024"},
        }
    )

    output = run(write_xlsx(tmp_path / "whc-2025.xlsx", rows))

    assert "whc-2025.xlsx: 0 new, 2 changed, 4 unchanged, 0 no longer listed" in output
    assert "Changed: 438 The Great Wall (extension_years, name_fr)" in output
    assert (
        "Changed: 1278 Historic Monuments and Sites in Kaesong (is_in_danger, in_danger_since)"
        in output
    )
    wall.refresh_from_db()
    assert wall.name_fr == "La Grande Muraille de Chine"
    assert wall.extension_years == "2003, 2014"
    assert wall.is_featured and wall.sector == office["SC"]
    kaesong = Site.objects.get(official_id="1278")
    assert kaesong.is_in_danger and kaesong.in_danger_since == 2024
    latest = Revision.objects.latest("date_created")
    assert latest.comment == "Imported whc-2025.xlsx"
    assert latest.version_set.count() == 2


# --- What staff typed ----------------------------------------------------------------------


def test_a_translation_staff_typed_survives_a_file_without_one(office, tmp_path):
    """A Chinese name given in the admin, then the same list imported again: it has no
    Chinese name for that site, and the name stays."""
    path = write_xlsx(tmp_path / "whc-sites.xlsx")
    run(path)
    kaesong = Site.objects.get(official_id="1278")
    assert kaesong.name_zh_hans is None  # the file has none
    kaesong.name_zh_hans = "开城历史建筑与遗址"
    kaesong.summary_zh_hans = "高丽王朝的都城。"
    kaesong.save()

    output = run(path)

    kaesong.refresh_from_db()
    assert kaesong.name_zh_hans == "开城历史建筑与遗址"
    assert kaesong.summary_zh_hans == "高丽王朝的都城。"
    assert "0 changed, 6 unchanged" in output
    assert "Conflict" not in output


def test_coordinates_staff_typed_survive_a_file_without_them(office, tmp_path):
    rows = with_changes({775: {"latitude": "", "longitude": "", "area_hectares": ""}})
    path = write_xlsx(tmp_path / "whc-sites.xlsx", rows)
    run(path)
    place = Site.objects.get(official_id="775")
    place.latitude, place.longitude, place.area_ha = Decimal("35.1"), Decimal("129.2"), 12
    place.save()

    run(path)

    place.refresh_from_db()
    assert (place.latitude, place.longitude, place.area_ha) == (
        Decimal("35.1"),
        Decimal("129.2"),
        Decimal(12),
    )


def test_an_official_fact_staff_changed_is_the_list_s_again_and_reported(office, tmp_path):
    path = write_xlsx(tmp_path / "whc-sites.xlsx")
    run(path)
    wall = Site.objects.get(official_id="438")
    wall.name_fr = "La Muraille"
    wall.criteria = "(i)"
    wall.save()

    output = run(path, "--dry-run")
    wall.refresh_from_db()
    assert (wall.name_fr, wall.criteria) == ("La Muraille", "(i)")  # a dry run keeps them
    run(path)

    wall.refresh_from_db()
    assert (wall.name_fr, wall.criteria) == ("La Grande Muraille", "(i)(ii)(iii)(iv)(vi)")
    assert (
        "Conflict: 438 The Great Wall, name_fr: staff's “La Muraille” replaced by the List's "
        "“La Grande Muraille”"
    ) in output
    assert "Conflict: 438 The Great Wall, criteria: staff's “(i)”" in output
    assert "1 changed" in output


def test_a_description_staff_rewrote_is_kept_and_reported(office, tmp_path):
    path = write_xlsx(tmp_path / "whc-sites.xlsx")
    run(path)
    wall = Site.objects.get(official_id="438")
    wall.summary_en = "Our own words on the Great Wall."
    wall.save()
    rows = with_changes({438: {"short_description_en": "<p>A rewritten text. More.</p>"}})

    output = run(write_xlsx(tmp_path / "whc-2026.xlsx", rows))

    wall.refresh_from_db()
    assert wall.summary_en == "Our own words on the Great Wall."  # staff's, kept
    assert wall.body_en == "<p>A rewritten text. More.</p>"  # the import's own: updated
    assert (
        "Conflict: 438 The Great Wall, summary_en: staff's “Our own words on the Great "
        "Wall.” kept; the file gives “A rewritten text.”"
    ) in output


def test_the_next_import_after_a_conflict_keeps_quiet(office, tmp_path):
    path = write_xlsx(tmp_path / "whc-sites.xlsx")
    run(path)
    Site.objects.filter(official_id="438").update(summary_en="Ours.")

    run(path)
    output = run(path)

    assert Site.objects.get(official_id="438").summary_en == "Ours."
    assert "Conflict: 438" in output  # still staff's, still differing: said every time
    assert "0 changed, 6 unchanged" in output


def test_a_partner_country_without_names_in_the_file_takes_cldr_s(office, tmp_path):
    rows = [site(id_no=3, name_en="A Shared Place", name_fr="Un lieu partagé", date_inscribed=2000,
                 criteria_txt="(ii)", states_name_en="Mongolia,Kazakhstan", iso_code="mn,kz")]  # fmt: skip

    run(write_csv(tmp_path / "whc.csv", rows))

    kazakhstan = Country.objects.get(iso2="KZ")
    assert (kazakhstan.name_fr, kazakhstan.name_zh_hans) == ("Kazakhstan", "哈萨克斯坦")


def test_sites_no_longer_listed_are_reported_kept_or_unpublished(office, tmp_path):
    run(write_xlsx(tmp_path / "whc-2024.xlsx"))
    entered_by_staff = SiteFactory(official_id="9999", countries=[Country.objects.get(iso2="JP")])
    newer = write_xlsx(tmp_path / "whc-2025.xlsx", [row for row in ROWS if row["id_no"] != 775])

    output = run(newer)

    assert "No longer listed: 775 Hiroshima Peace Memorial (Genbaku Dome)" in output
    assert "0 new, 0 changed, 5 unchanged, 1 no longer listed (kept; use --unpublish-missing)" in (
        output
    )
    assert "9999" not in output
    assert Site.objects.get(official_id="775").is_public

    output = run(newer, "--unpublish-missing")

    assert "1 no longer listed (set to draft)" in output
    assert Site.objects.get(official_id="775").status == Site.Status.DRAFT
    assert Site.objects.filter(official_id="775").exists()
    entered_by_staff.refresh_from_db()
    assert entered_by_staff.is_public


def test_dry_run_reports_and_writes_nothing(office, tmp_path):
    output = run(write_xlsx(tmp_path / "whc-sites.xlsx"), "--dry-run")

    assert "whc-sites.xlsx: 6 new, 0 changed, 0 unchanged, 0 no longer listed" in output
    assert "dry run, nothing saved" in output
    assert not Site.objects.exists()
    assert Country.objects.count() == len(COVERED)
    assert not Revision.objects.exists()


def test_all_imports_every_row(office, tmp_path):
    output = run(write_xlsx(tmp_path / "whc-sites.xlsx"), "--all")

    assert "9 new" in output
    assert Site.objects.count() == len(ROWS)
    assert Country.objects.get(iso2="SN").name_fr == "Sénégal"
    ohrid = Site.objects.get(official_id="99")
    assert ohrid.wh_category == "mixed" and ohrid.sector == office["CLT"]
    assert ohrid.extension_years == "1980, 2019"


def test_a_broken_file_changes_nothing_and_fails(office, tmp_path):
    run(write_xlsx(tmp_path / "whc-2024.xlsx"))
    before = list(Site.objects.order_by("pk").values())
    rows = with_changes({438: {"name_en": "The Great Wall renamed"}, 1113: {"latitude": "95.2"}})

    with pytest.raises(CommandError) as caught:
        run(write_xlsx(tmp_path / "whc-2025.xlsx", rows))

    message = str(caught.value)
    assert "whc-2025.xlsx, row 3, column “latitude”" in message
    assert "not a latitude" in message
    assert list(Site.objects.order_by("pk").values()) == before
    assert Revision.objects.count() == 1


def test_a_value_the_database_refuses_changes_nothing_and_fails(office, tmp_path):
    # Entered by staff before any import: the import takes it over by its official id.
    wall = SiteFactory(
        official_id="438",
        name="Great Wall",
        slug="great-wall",
        countries=[Country.objects.get(iso2="CN")],
    )
    too_long = with_changes({1278: {"name_en": "x" * 301}})

    with pytest.raises(CommandError) as caught:
        run(write_xlsx(tmp_path / "whc.xlsx", too_long))

    assert "whc.xlsx, row 6: name_en:" in str(caught.value)
    assert list(Site.objects.values_list("pk", flat=True)) == [wall.pk]
    wall.refresh_from_db()
    assert (wall.name_en, wall.source, wall.criteria) == ("Great Wall", "", "")
    assert not Country.objects.filter(is_covered=False).exists()


def test_missing_sectors_stop_the_import_before_anything_is_written(office, tmp_path):
    office["SC"].delete()

    with pytest.raises(CommandError, match="SC"):
        run(write_xlsx(tmp_path / "whc.xlsx"))

    assert not Site.objects.exists()


def test_site_page_credits_the_world_heritage_centre(office, tmp_path, client):
    run(write_xlsx(tmp_path / "whc.xlsx"))
    wall = Site.objects.get(official_id="438")
    by_staff = SiteFactory(
        official_url="https://whc.unesco.org/en/list/1/", countries=[wall.countries.first()]
    )

    page = client.get(wall.get_absolute_url()).content.decode()
    other = client.get(by_staff.get_absolute_url()).content.decode()

    assert "© UNESCO World Heritage Centre" in page
    assert '<a href="https://whc.unesco.org/en/list/438/" hreflang="en">' in page
    assert "World Heritage Centre" not in other


def test_an_imported_site_s_page_says_its_first_sentence_once(office, tmp_path, client):
    rows = with_changes(
        {438: {"short_description_en": "<p>Built in c. 220 BC by Qin. It grew later.</p>"}}
    )
    run(write_xlsx(tmp_path / "whc.xlsx", rows))
    wall = Site.objects.get(official_id="438")
    staff_written = SiteFactory(summary="A short text.", body="<p>A longer text.</p>")

    page = client.get(wall.get_absolute_url()).content.decode()
    other = client.get(staff_written.get_absolute_url()).content.decode()

    article = page[page.index("<article") : page.index("</article>")]
    assert wall.summary_en == "Built in c. 220 BC by Qin."
    assert article.count("Built in c. 220 BC by Qin.") == 1  # the body's, not a summary's too
    assert "A short text." in other and "A longer text." in other


@pytest.mark.skipif(not DATA.is_dir(), reason="the shared data folder is not available")
def test_real_exports_2019_then_2025(office, capsys):
    first = run(DATA / "whc-sites-2019.csv")
    assert Site.objects.count() == 99
    second = run(DATA / "whc-sites-2025.xlsx")
    assert Site.objects.count() == 112

    with capsys.disabled():
        print(f"\n{first}\n{second}")
    assert "whc-sites-2019.csv: 99 new" in first
    assert "whc-sites-2025.xlsx: 13 new" in second
    assert (
        run(DATA / "whc-sites-2025.xlsx")
        .splitlines()[-1]
        .startswith("whc-sites-2025.xlsx: 0 new, 0 changed, 112 unchanged")
    )


def test_progress_bar_only_on_a_terminal(office, tmp_path):
    path = write_xlsx(tmp_path / "whc.xlsx")
    terminal = StringIO()
    terminal.isatty = lambda: True

    call_command("import_world_heritage", str(path), "--dry-run", stdout=terminal)

    assert "\r[##############################] 6/6" in terminal.getvalue()
    assert "\r" not in run(path, "--dry-run")


# Files that would take the server down


def test_a_workbook_that_claims_a_huge_sheet_imports_at_once(office, tmp_path):
    path = tmp_path / "whc-sites.xlsx"
    path.write_bytes(with_sheet_xml(xlsx_bytes(), dimension="A1:XFD1048576"))

    started = time.perf_counter()
    output = run(path)

    assert time.perf_counter() - started < 5
    assert "whc-sites.xlsx: 6 new" in output


@pytest.mark.parametrize(("write", "name"), [(write_xlsx, "whc.xlsx"), (write_csv, "whc.csv")])
def test_a_file_over_the_row_cap_is_refused_and_changes_nothing(
    office, tmp_path, monkeypatch, write, name
):
    monkeypatch.setattr(world_heritage, "MAX_ROWS", 8)
    path = write(tmp_path / name, [*ROWS, *ROWS[:2]])

    with pytest.raises(CommandError) as caught:
        run(path)

    assert (
        f"The file holds {len(ROWS) + 2} rows of data: an import takes at most 8 rows. "
        "Split it into several files." in str(caught.value)
    )
    assert not Site.objects.exists()


def test_a_value_past_the_column_cap_is_refused(office, tmp_path):
    path = tmp_path / "whc.xlsx"
    far = '<row r="20"><c r="XFD20" t="inlineStr"><is><t>far</t></is></c></row>'
    path.write_bytes(with_sheet_xml(xlsx_bytes(), dimension="A1:XFD1048576", rows=far))

    with pytest.raises(CommandError) as caught:
        run(path)

    assert "Row 20 of the file has values in 16,384 columns: an import takes at most 200" in str(
        caught.value
    )
    assert not Site.objects.exists()
