"""The World Heritage List upload in the Site admin: check the file, see the report, confirm.

The files are written by the parser tests' builders; `office` (conftest) gives the covered
countries and the sectors.
"""

import datetime

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Revision, Version

from countries.admin import WORLD_HERITAGE_UPLOAD
from countries.importers import world_heritage
from countries.models import Country, Site
from events.models import Event
from tests.conftest import COVERED
from tests.countries.test_import_world_heritage import run, with_changes
from tests.countries.test_world_heritage_parser import (
    CURRENT_LAYOUT,
    ROWS,
    csv_text,
    xlsx_bytes,
)
from tests.factories import image_file
from tests.unesco_office.test_import_export import confirm_data, csv_file, preview
from unesco_office.staff.imports import uploads

URL = reverse("admin:countries_site_world_heritage")
CHANGELIST = reverse("admin:countries_site_changelist")


def upload(client, content, name="whc-sites.xlsx", **options):
    data = {"file": SimpleUploadedFile(name, content)}
    data |= {option: "on" for option, value in options.items() if value}
    return client.post(URL, data)


def kept_files():
    try:
        return default_storage.listdir(uploads.FOLDER)[1]
    except FileNotFoundError:
        return []


def page_text(response):
    return response.content.decode()


def test_publishers_see_the_button_and_the_form(office, publisher_client):
    changelist = page_text(publisher_client.get(CHANGELIST))
    form = publisher_client.get(URL)

    assert f'href="{URL}"' in changelist
    assert "Import the World Heritage List" in changelist
    assert form.status_code == 200
    assert 'type="file"' in page_text(form)


def test_editors_neither_see_the_button_nor_may_upload(office, editor_client, tmp_path):
    changelist = page_text(editor_client.get(CHANGELIST))

    assert URL not in changelist
    assert editor_client.get(URL).status_code == 403
    assert upload(editor_client, xlsx_bytes()).status_code == 403
    assert not Site.objects.exists()
    assert not kept_files()


def test_the_check_reports_and_writes_nothing_then_confirm_imports(
    office, publisher, publisher_client
):
    check = upload(publisher_client, xlsx_bytes())

    html = page_text(check)
    assert check.status_code == 200
    report = check.context["report"]
    assert (len(report.new), len(report.changed), len(report.missing)) == (6, 0, 0)
    assert "What importing whc-sites.xlsx would do" in html
    assert "The Great Wall" in html and "Kazakhstan (KZ)" in html
    assert not Site.objects.exists()
    assert Country.objects.count() == len(COVERED)
    assert not Revision.objects.exists()
    assert len(kept_files()) == 1

    token = check.context["confirm"]["token"].value()
    done = publisher_client.post(URL, {"token": token}, follow=True)

    assert done.redirect_chain == [(CHANGELIST, 302)]
    assert "Imported whc-sites.xlsx: 6 new, 0 changed, 0 unchanged" in page_text(done)
    assert Site.objects.count() == 6
    assert Site.objects.get(official_id="438").is_public
    revision = Revision.objects.get()
    assert (revision.user, revision.comment) == (publisher, "Imported whc-sites.xlsx")
    assert Version.objects.get_for_object(Site.objects.get(official_id="438")).count() == 1
    assert not kept_files()


def test_the_report_names_the_fields_that_changed(office, publisher_client, tmp_path):
    run(_write(tmp_path / "whc-2024.xlsx", xlsx_bytes()))
    rows = with_changes({438: {"name_fr": "La Grande Muraille de Chine", "area_hectares": 2200}})

    check = upload(publisher_client, xlsx_bytes(rows), name="whc-2025.xlsx")

    assert "438 The Great Wall: area (ha), name [fr]" in page_text(check)
    assert Site.objects.get(official_id="438").name_fr == "La Grande Muraille"


def test_the_check_lists_conflicts_with_what_staff_typed_and_keeps_translations(
    office, publisher_client, tmp_path
):
    run(_write(tmp_path / "whc-2024.xlsx", xlsx_bytes()))
    Site.objects.filter(official_id="438").update(name_fr="La Muraille", summary_en="Ours.")
    Site.objects.filter(official_id="1278").update(name_zh_hans="开城历史建筑与遗址")

    check = upload(publisher_client, xlsx_bytes(), name="whc-2025.xlsx")
    html = page_text(check)
    confirm_data = {"token": check.context["confirm"]["token"].value()}
    publisher_client.post(URL, confirm_data)

    rows = html[html.index('id="import-conflicts"') :]
    assert "name [fr]" in rows and "La Muraille" in rows and "The List's value" in rows
    assert "summary [en]" in rows and "Ours." in rows and "Staff's text kept" in rows
    wall = Site.objects.get(official_id="438")
    assert (wall.name_fr, wall.summary_en) == ("La Grande Muraille", "Ours.")
    assert Site.objects.get(official_id="1278").name_zh_hans == "开城历史建筑与遗址"


def test_options_are_carried_to_the_confirmation(office, publisher_client, tmp_path):
    run(_write(tmp_path / "whc-2024.xlsx", xlsx_bytes()))
    without_hiroshima = [row for row in ROWS if row["id_no"] != 775]

    check = upload(
        publisher_client, xlsx_bytes(without_hiroshima), all_countries=True, unpublish_missing=True
    )
    assert "Sites no longer listed" in page_text(check) and "set to draft" in page_text(check)
    assert Site.objects.get(official_id="775").is_public
    publisher_client.post(URL, {"token": check.context["confirm"]["token"].value()})

    assert Site.objects.get(official_id="775").status == Site.Status.DRAFT
    assert Site.objects.filter(official_id="25").exists()  # Senegal: every country


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            csv_text([ROWS[0], ROWS[1] | {"latitude": "95.2"}]).encode(),
            "whc.csv",
            "whc.csv, row 3, column “latitude”: “95.2” is not a latitude",
        ),
        (xlsx_bytes()[:2000], "whc.xlsx", "whc.xlsx: The file looks like an Excel workbook"),
        (
            image_file(image_format="PNG").read(),
            "whc.xlsx",
            "This is a PNG file, not a spreadsheet",
        ),
        (
            csv_text(ROWS, columns=[c for c in CURRENT_LAYOUT if c != "latitude"]).encode(),
            "whc.csv",
            "whc.csv: A required column is missing: latitude.",
        ),
    ],
    ids=["bad-value", "truncated", "picture", "missing-columns"],
)
def test_a_bad_file_is_explained_and_changes_nothing(
    office, publisher_client, content, name, message
):
    response = upload(publisher_client, content, name=name)

    html = page_text(response)
    assert response.status_code == 200
    assert "Nothing was imported" in html
    assert message in html
    assert "report" not in response.context or response.context["report"] is None
    assert not Site.objects.exists()
    assert Country.objects.count() == len(COVERED)
    assert not kept_files()


def test_a_value_the_database_refuses_at_confirmation_changes_nothing(office, publisher_client):
    check = upload(publisher_client, xlsx_bytes())
    office["SC"].delete()  # a sector the import needs disappears in between

    response = publisher_client.post(URL, {"token": check.context["confirm"]["token"].value()})

    assert "SC" in page_text(response) and "Nothing was imported" in page_text(response)
    assert not Site.objects.exists()
    assert not kept_files()


@pytest.mark.parametrize("token", ["", "not-a-token", "imports/../../etc/passwd"])
def test_a_forged_token_imports_nothing(office, publisher_client, token):
    response = publisher_client.post(URL, {"token": token}, follow=True)

    assert "Nothing was imported: upload the file again." in page_text(response)
    assert not Site.objects.exists()


def test_a_spreadsheet_import_token_is_refused(office, publisher_client):
    rows = [{"slug": "new-one", "title_en": "New", "start_date": "2026-09-01"}]
    data = confirm_data(preview(publisher_client, Event, csv_file(rows)))

    response = publisher_client.post(URL, {"token": data["import_file_name"]}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Nothing was imported: upload the file again." in page_text(response)
    assert not Site.objects.exists()
    publisher_client.post(reverse("admin:events_event_process_import"), data)
    assert Event.objects.filter(slug="new-one").exists()  # its own confirmation still works


def test_a_world_heritage_token_is_refused_by_a_spreadsheet_confirmation(office, publisher_client):
    token = upload(publisher_client, xlsx_bytes()).context["confirm"]["token"].value()
    data = {"import_file_name": token, "original_file_name": "whc.xlsx", "format": "1"}

    response = publisher_client.post(
        reverse("admin:countries_site_process_import"), data, follow=True
    )

    assert "Nothing was imported: upload the file again." in page_text(response)
    assert not Site.objects.exists()
    publisher_client.post(URL, {"token": token})
    assert Site.objects.count() == 6  # its own confirmation still works


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"file": "whc.xlsx", "all_countries": False},
        {"file": "whc.xlsx", "all_countries": "yes", "unpublish_missing": False},
        {"file": 7, "all_countries": False, "unpublish_missing": False},
        {"file": "whc.xlsx", "all_countries": False, "unpublish_missing": False, "user": 1},
    ],
    ids=["none", "one-missing", "not-a-boolean", "not-a-name", "one-more"],
)
def test_a_token_with_other_options_than_the_form_gives_is_refused(
    office, publisher_client, options
):
    token = uploads.keep_upload(xlsx_bytes(), purpose=WORLD_HERITAGE_UPLOAD, **options)

    response = publisher_client.post(URL, {"token": token}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Nothing was imported: upload the file again." in page_text(response)
    assert not Site.objects.exists()


def test_a_preview_left_for_more_than_an_hour_expires_and_its_file_goes(
    office, publisher_client, settings
):
    settings.SESSION_COOKIE_AGE = 3 * 3600  # the publisher's session outlives the preview
    check = upload(publisher_client, xlsx_bytes())
    token = check.context["confirm"]["token"].value()

    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=2)):
        response = publisher_client.post(URL, {"token": token}, follow=True)
        uploads.remove_stale_uploads()

    assert "Nothing was imported: upload the file again." in page_text(response)
    assert not Site.objects.exists()
    assert not kept_files()


def test_a_confirmed_import_cannot_be_confirmed_twice(office, publisher_client):
    check = upload(publisher_client, xlsx_bytes())
    token = check.context["confirm"]["token"].value()
    publisher_client.post(URL, {"token": token})

    again = publisher_client.post(URL, {"token": token}, follow=True)

    assert "upload the file again" in page_text(again)
    assert Revision.objects.count() == 1


def test_source_is_read_only_and_filters_the_list(office, publisher_client, tmp_path):
    run(_write(tmp_path / "whc.xlsx", xlsx_bytes()))
    wall = Site.objects.get(official_id="438")
    staff_site = Site.objects.create(
        name="A reserve",
        slug="a-reserve",
        designation=Site.Designation.BIOSPHERE_RESERVE,
        sector=office["SC"],
        year_designated=2000,
    )

    form = publisher_client.get(reverse("admin:countries_site_change", args=[wall.pk]))
    imported = publisher_client.get(CHANGELIST, {"source__exact": "whc"})

    assert "source" not in form.context["adminform"].form.fields
    assert "World Heritage List export" in page_text(form)
    assert set(imported.context["cl"].result_list) == set(Site.objects.filter(source="whc"))
    assert staff_site not in imported.context["cl"].result_list


def _write(path, content):
    path.write_bytes(content)
    return path


def test_cancel_removes_the_file_kept_for_the_confirmation(office, publisher_client):
    check = upload(publisher_client, xlsx_bytes())
    assert 'name="cancel"' in page_text(check)
    assert len(kept_files()) == 1

    response = publisher_client.post(
        URL, {"token": check.context["confirm"]["token"].value(), "cancel": "Cancel"}, follow=True
    )

    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert "The import was cancelled and its file removed." in page_text(response)
    assert not kept_files()
    assert not Site.objects.exists()


def test_a_file_over_the_row_cap_is_explained_and_not_kept(office, publisher_client, monkeypatch):
    monkeypatch.setattr(world_heritage, "MAX_ROWS", 8)

    response = upload(publisher_client, xlsx_bytes([*ROWS, *ROWS[:2]]))

    assert "Nothing was imported" in page_text(response)
    assert "The file holds 11 rows of data: an import takes at most 8 rows." in page_text(response)
    assert not Site.objects.exists()
    assert not kept_files()
