"""Spreadsheet import and export in the admin: the rules every record shares.

The helpers here (export, preview, confirm) are used by the events' and countries' tests.
"""

import csv
import datetime
import io
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Revision, Version

from countries.models import Centre, Country, Site
from events.models import Event
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
    image_file,
)
from tests.unesco_office.test_admin import FACTORIES, admin_url, make_batch
from unesco_office.core.models import Publishable
from unesco_office.staff.imports import uploads
from unesco_office.staff.imports.resources import ContentResource

pytestmark = pytest.mark.django_db

FORMATS = {"csv": "0", "xlsx": "1"}
DRAFT, PUBLISHED = Publishable.Status.DRAFT, Publishable.Status.PUBLISHED
NEW_EVENT = {"slug": "new-one", "title_en": "New", "start_date": "2026-09-01"}


# Helpers


def export(client, model, file_format="csv", query=""):
    """The file the export page gives for the list at `query` (a changelist query string)."""
    url = admin_url(model, "export") + (f"?{query}" if query else "")
    response = client.post(url, {"format": FORMATS[file_format], "resource": "0"})
    assert response.status_code == 200, response
    return response.content


def read(content, file_format="csv"):
    """A file as a list of {column: text} dicts."""
    if file_format == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def xlsx_file(rows):
    """A workbook of `rows` ({column: value}), every row with the first row's columns."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet_xml(content, *, dimension=None, rows=""):
    """The workbook `content` with its sheet claiming the size `dimension` (such as
    "A1:XFD1048576") and `rows` (<row> elements) added after its own, as a hostile or
    careless program may write them."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                if dimension:
                    xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"', xml)
                    assert dimension in xml
                data = xml.replace("</sheetData>", f"{rows}</sheetData>").encode()
            target.writestr(item, data)
    return out.getvalue()


def csv_file(rows, columns=None):
    """A CSV of `rows` ({column: value}); a column some rows lack is empty in those."""
    columns = columns or list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def preview(client, model, content, name="records.csv", file_format=None):
    file_format = file_format or name.rsplit(".", 1)[-1]
    return client.post(
        admin_url(model, "import"),
        {
            "resource": "0",
            "format": FORMATS[file_format],
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm_data(checked):
    """What the confirm form of `checked` (a preview) sends."""
    form = checked.context["confirm_form"]
    return {name: form[name].value() for name in form.fields}


def confirm(client, model, checked):
    """Confirm the import that `checked` (a preview) offers."""
    return client.post(admin_url(model, "process_import"), confirm_data(checked), follow=True)


def import_file(client, model, content, name="records.csv"):
    checked = preview(client, model, content, name)
    assert "confirm_form" in checked.context, problems(checked)
    return confirm(client, model, checked)


def problems(response):
    """The messages and the listed problems of a response, as text."""
    lines = [str(message) for message in response.context["messages"]]
    lines += response.context.get("problem_lines") or []
    form = response.context.get("form")
    if form is not None and form.is_bound:
        lines += [error for errors in form.errors.values() for error in errors]
    result = response.context.get("result")
    for row in getattr(result, "invalid_rows", []):
        for field, errors in row.error_dict.items():
            lines += [f"row {row.number}, {field}: {error}" for error in errors]
    return "\n".join(lines)


def kept_files():
    try:
        return default_storage.listdir(uploads.FOLDER)[1]
    except FileNotFoundError:
        return []


def snapshot(model):
    """Every stored value of every record, related records included."""
    many = [field.name for field in model._meta.many_to_many]
    return {
        record["id"]: record
        | {name: sorted(getattr(obj, name).values_list("pk", flat=True)) for name in many}
        for obj, record in zip(
            model.objects.order_by("pk"), model.objects.order_by("pk").values(), strict=True
        )
    }


def variety():
    """Records of every kind, with translations, relations, drafts and scheduled ones."""
    culture = SectorFactory(name="Culture", slug="culture", code="CLT")
    science = SectorFactory(name="Natural Sciences", slug="natural-sciences", code="SC")
    mongolia = CountryFactory(name="Mongolia", slug="mongolia", iso2="MN", iso3="MNG")
    japan = CountryFactory(
        name="Japan", name_fr="Japon", slug="japan", iso2="JP", iso3="JPN", time_zone="Asia/Tokyo"
    )
    CountryFactory(
        name="Russian Federation",
        slug="russia",
        iso2="RU",
        iso3="RUS",
        is_covered=False,
        status=DRAFT,
        published_at=None,
    )
    uvs = SiteFactory(
        name="Uvs Nuur Basin",
        name_fr="Bassin d'Ubs Nuur",
        name_zh_hans="乌布苏盆地",
        slug="uvs-nuur-basin",
        wh_category=Site.Category.NATURAL,
        criteria="(ix)(x)",
        year_designated=2003,
        extension_years="2005, 2014",
        latitude="50.280000",
        longitude="92.700000",
        area_ha="898064.00",
        official_id="769",
        official_url="https://whc.unesco.org/en/list/769/",
        sector=science,
        countries=[mongolia, Country.objects.get(slug="russia")],
        body="<p>A <em>closed</em> basin.</p>",
    )
    SiteFactory(
        name="Hustai",
        slug="hustai",
        designation=Site.Designation.BIOSPHERE_RESERVE,
        wh_category="",
        year_designated=2002,
        sector=science,
        countries=[mongolia],
        status=DRAFT,
        published_at=None,
    )
    CentreFactory(
        name="International Research Centre",
        acronym="IRC",
        slug="irc",
        country=japan,
        sector=culture,
        city="Sakai",
        year_established=2011,
        website="https://www.irci.jp/",
    )
    EventFactory(
        title="Nomadic Heritage Forum",
        title_fr="Forum du patrimoine nomade",
        slug="nomadic-heritage-forum",
        kind=Event.Kind.FORUM,
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 6, 3),
        start_time=datetime.time(9, 30),
        end_time=datetime.time(17, 0),
        country=mongolia,
        city="Ulaanbaatar",
        venue="State Palace",
        venue_fr="Palais d'État",
        sectors=[culture, science],
        registration_url="https://example.org/register",
        summary="Three days on herders' knowledge.",
        body="<p>Talks, <strong>workshops</strong> and a visit.</p>",
    )
    EventFactory(
        title="Online Seminar",
        slug="online-seminar",
        is_online=True,
        country=None,
        city="",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 7, 1),
        published_at=timezone.now() + datetime.timedelta(days=30),  # scheduled
    )
    EventFactory(
        title="Draft Workshop",
        slug="draft-workshop",
        kind=Event.Kind.WORKSHOP,
        country=japan,
        status=DRAFT,
        published_at=None,
    )
    event = Event.objects.get(slug="nomadic-heritage-forum")
    event.sites.set([uvs])


MODELS = [Event, Site, Centre, Country]


@pytest.fixture(params=MODELS, ids=lambda model: model.__name__)
def model(request):
    return request.param


# Round trip


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ["publisher_client", "editor_client"])
def test_importing_an_export_changes_nothing(request, model, file_format, role):
    client = request.getfixturevalue(role)
    variety()
    before = snapshot(model)
    content = export(client, model, file_format)
    assert len(read(content, file_format)) == model.objects.count()

    done = import_file(client, model, content, f"{model._meta.model_name}.{file_format}")

    assert snapshot(model) == before
    assert f"0 new, 0 changed, {len(before)} unchanged" in problems(done)
    assert not Revision.objects.exists()
    assert not kept_files()


def test_export_has_a_column_per_language_and_names_related_records_by_slug(admin_client):
    variety()

    (row,) = [r for r in read(export(admin_client, Event)) if r["slug"] == "nomadic-heritage-forum"]

    assert row["title_en"] == "Nomadic Heritage Forum"
    assert row["title_fr"] == "Forum du patrimoine nomade"
    assert row["title_zh_hans"] == ""
    assert row["country"] == "mongolia"
    assert row["sectors"] == "culture, natural-sciences"
    assert row["sites"] == "uvs-nuur-basin"
    assert (row["start_date"], row["end_date"]) == ("2026-06-01", "2026-06-03")
    assert (row["start_time"], row["end_time"]) == ("09:30", "17:00")
    assert row["is_online"] == "no"
    assert row["body_en"] == "<p>Talks, <strong>workshops</strong> and a visit.</p>"
    assert datetime.datetime.fromisoformat(row["published_at"]).tzinfo is not None
    assert "image" not in row and "id" not in row


# All or nothing


def test_a_bad_row_in_the_middle_saves_nothing_and_is_named(publisher_client):
    variety()
    before = snapshot(Event)
    rows = [
        {"slug": "first", "title_en": "First", "start_date": "2026-09-01"},
        {"slug": "second", "title_en": "Second", "start_date": "2026-09-31"},
        {"slug": "nomadic-heritage-forum", "title_en": "Renamed", "start_date": "2026-06-01"},
    ]

    response = preview(publisher_client, Event, csv_file(rows))

    text = problems(response)
    assert "Nothing was imported: row 3 has problems." in text
    assert "row 3, start_date: “2026-09-31” is not a date: write dates as YYYY-MM-DD" in text
    assert "confirm_form" not in response.context
    assert snapshot(Event) == before
    assert not kept_files()


def test_every_problem_is_listed_with_its_row(publisher_client):
    variety()
    rows = [
        {"slug": "a", "title_en": "A", "start_date": "2026-09-02", "end_date": "2026-09-01"},
        {"slug": "b", "title_en": "B", "start_date": "2026-09-01", "country": "atlantis"},
        {"slug": "c", "title_en": "", "start_date": "2026-09-01", "kind": "party"},
        {"slug": "d", "title_en": "D", "start_date": "2026-09-01", "sectors": "culture, x, y"},
    ]

    text = problems(preview(publisher_client, Event, csv_file(rows)))

    assert "Nothing was imported: rows 2, 3, 4, 5 have problems." in text
    assert "row 2, __all__: The end date is before the start date." in text
    assert "row 3, country: There is no country with the slug “atlantis”." in text
    assert "row 4, title_en: This field cannot be blank." in text
    assert "row 4, kind: Value 'party' is not a valid choice." in text
    assert "row 5, sectors: There are no sectors with the slugs “x”, “y”." in text
    assert not Event.objects.filter(slug__in="abcd").exists()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            ["slug", "title_en"],
            "A column that new records need is missing: start_date. Rows adding a record: 2.",
        ),
        (["title_en", "start_date"], "A required column is missing: slug."),
        (["slug", "title_en", "start_date", "titel_fr"], "Unknown column: titel_fr."),
        (["slug", "title_en", "start_date", "slug"], "These columns appear more than once: slug."),
    ],
)
def test_columns_are_checked_before_any_row(publisher_client, header, message):
    content = ",".join(header).encode() + b"\r\n" + b",".join([b"x"] * len(header)) + b"\r\n"

    response = preview(publisher_client, Event, content)

    text = problems(response)
    assert "Nothing was imported: the file's columns are not right." in text
    assert message in text
    assert not Event.objects.exists()


def test_row_problems_are_shown_not_only_on_hover(publisher_client):
    rows = [{"slug": "a", "title_en": "A", "start_date": "2026-13-01"}]

    response = preview(publisher_client, Event, csv_file(rows))

    # django-import-export's table of invalid rows shows its messages only under the pointer.
    html = re.sub(
        r'<div class="validation-error-container">.*?</div>',
        "",
        response.content.decode(),
        flags=re.DOTALL,
    )
    assert "Row 2, start_date: “2026-13-01” is not a date: write dates as YYYY-MM-DD" in html
    assert not Event.objects.exists()


def test_spaces_around_a_slug_are_not_part_of_it(publisher_client):
    variety()
    rows = [
        {
            "slug": " nomadic-heritage-forum ",
            "title_en": "Nomadic Heritage Forum",
            "title_fr": "F",
            "start_date": "2026-06-01",
        },
        {"slug": " brand-new\t", "title_en": "Brand New", "start_date": "2026-09-01"},
    ]

    done = import_file(publisher_client, Event, csv_file(rows))

    assert "Imported: 1 new, 1 changed, 0 unchanged events." in problems(done)
    assert Event.objects.get(slug="nomadic-heritage-forum").title_fr == "F"
    assert Event.objects.filter(slug="brand-new").exists()


def test_a_slug_twice_in_the_file_is_refused(publisher_client):
    rows = [{"slug": "same", "title_en": t, "start_date": "2026-09-01"} for t in ("A", "B")]

    text = problems(preview(publisher_client, Event, csv_file(rows)))

    assert "The slug “same” is on several rows: 2, 3." in text
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (image_file(image_format="PNG").read(), "events.csv", "not a CSV file in UTF-8"),
        (image_file(image_format="PNG").read(), "events.xlsx", "not an XLSX workbook"),
        (b"", "events.csv", "The submitted file is empty."),
        ("slug,title_en\r\ncafé,Café\r\n".encode("cp1252"), "events.csv", "CSV UTF-8"),
        (b"slug,title_en,start_date\r\na,b,2026-01-01,extra\r\n", "events.csv", "more cells"),
    ],
    ids=["picture-as-csv", "picture-as-xlsx", "empty", "windows-1252", "ragged"],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(publisher_client, content, name, message):
    response = preview(publisher_client, Event, content, name)

    assert response.status_code == 200
    assert message in problems(response)
    assert not Event.objects.exists()
    assert not kept_files()


def test_a_truncated_workbook_is_refused(publisher_client):
    variety()
    content = export(publisher_client, Event, "xlsx")
    Event.objects.all().delete()

    response = preview(publisher_client, Event, content[: len(content) // 2], "events.xlsx")

    assert "damaged or incomplete" in problems(response)
    assert not Event.objects.exists()


def test_a_workbook_too_large_once_unpacked_is_refused(publisher_client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_XLSX_UNPACKED_BYTES", 10_000)  # the World Heritage's too

    response = preview(publisher_client, Event, xlsx_file([NEW_EVENT] * 200), "events.xlsx")

    assert "This workbook is too large to import once unpacked." in problems(response)
    assert not Event.objects.exists()
    assert not kept_files()


def test_a_file_too_large_is_refused(publisher_client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)

    response = preview(publisher_client, Event, b"slug,title_en,start_date\r\n" + b"a,b,c\r\n" * 20)

    assert "larger than" in problems(response)


def test_what_changed_between_preview_and_confirmation_saves_nothing(publisher_client):
    variety()
    rows = [
        {"slug": "new-one", "title_en": "New", "start_date": "2026-09-01"},
        {
            "slug": "in-japan",
            "title_en": "In Japan",
            "start_date": "2026-09-01",
            "country": "japan",
        },
    ]
    checked = preview(publisher_client, Event, csv_file(rows))
    Event.objects.filter(country__slug="japan").delete()
    Centre.objects.all().delete()
    Country.objects.filter(slug="japan").delete()

    done = confirm(publisher_client, Event, checked)

    text = problems(done)
    assert "Nothing was imported: row 3 has problems." in text
    assert "There is no country with the slug “japan”." in text
    assert not Event.objects.filter(slug__in=["new-one", "in-japan"]).exists()
    assert not Revision.objects.exists()
    assert not kept_files()


def test_a_confirmation_with_a_forged_or_used_file_name_imports_nothing(publisher_client):
    rows = [{"slug": "new-one", "title_en": "New", "start_date": "2026-09-01"}]
    data = confirm_data(preview(publisher_client, Event, csv_file(rows)))
    url = admin_url(Event, "process_import")

    forged = publisher_client.post(
        url, data | {"import_file_name": "../../settings.py"}, follow=True
    )
    for field, value in [("format", "9"), ("format", "csv"), ("resource", "3")]:
        tampered = publisher_client.post(url, data | {field: value}, follow=True)
        assert "upload the file again" in problems(tampered)
    publisher_client.post(url, data)
    again = publisher_client.post(url, data, follow=True)

    assert "upload the file again" in problems(forged)
    assert "upload the file again" in problems(again)
    assert Event.objects.filter(slug="new-one").count() == 1


MISMATCH = "The confirmation does not match the file's preview"


@pytest.mark.parametrize(
    ("write", "name", "posted"),
    [(csv_file, "events.csv", "xlsx"), (xlsx_file, "events.xlsx", "csv")],
    ids=["csv-confirmed-as-xlsx", "xlsx-confirmed-as-csv"],
)
def test_a_confirmation_in_another_format_imports_nothing(publisher_client, write, name, posted):
    data = confirm_data(preview(publisher_client, Event, write([NEW_EVENT]), name))
    url = admin_url(Event, "process_import")

    refused = publisher_client.post(url, data | {"format": FORMATS[posted]}, follow=True)

    assert refused.redirect_chain == [(admin_url(Event, "import"), 302)]
    assert MISMATCH in problems(refused)
    assert not Event.objects.exists()
    publisher_client.post(url, data)  # the preview's own confirmation still imports the file
    assert Event.objects.filter(slug="new-one").exists()


def test_a_confirmation_sent_to_another_list_imports_nothing(publisher_client):
    variety()
    rows = [{"slug": "nomadic-heritage-forum", "summary_en": "Changed"}]
    data = confirm_data(preview(publisher_client, Event, csv_file(rows)))
    sites = snapshot(Site)

    refused = publisher_client.post(admin_url(Site, "process_import"), data, follow=True)

    assert refused.redirect_chain == [(admin_url(Site, "import"), 302)]
    assert MISMATCH in problems(refused)
    assert snapshot(Site) == sites
    publisher_client.post(admin_url(Event, "process_import"), data)
    assert Event.objects.get(slug="nomadic-heritage-forum").summary_en == "Changed"


@pytest.mark.parametrize("missing", ["import_file_name", "original_file_name", "every field"])
def test_a_confirmation_missing_its_fields_returns_to_the_form(publisher_client, missing):
    data = confirm_data(preview(publisher_client, Event, csv_file([NEW_EVENT])))
    data = {name: value for name, value in data.items() if missing not in (name, "every field")}

    refused = publisher_client.post(admin_url(Event, "process_import"), data, follow=True)

    assert refused.redirect_chain == [(admin_url(Event, "import"), 302)]
    assert MISMATCH in problems(refused)
    assert 'type="file"' in refused.content.decode()
    assert not Event.objects.exists()


def test_a_kept_file_that_no_longer_reads_imports_nothing(publisher_client):
    checked = preview(publisher_client, Event, csv_file([NEW_EVENT]))
    (name,) = kept_files()
    Path(default_storage.path(f"{uploads.FOLDER}/{name}")).write_bytes(b"slug\r\n\xff\xfe\r\n")

    refused = confirm(publisher_client, Event, checked)

    assert refused.redirect_chain == [(admin_url(Event, "import"), 302)]
    assert "Nothing was imported. This is not a CSV file in UTF-8" in problems(refused)
    assert not Event.objects.exists()
    assert not kept_files()


# What is saved


def test_an_import_is_one_revision_with_its_user_and_the_related_records(
    publisher, publisher_client
):
    variety()
    rows = [
        {
            "slug": "new-forum",
            "title_en": "New Forum",
            "start_date": "2026-10-01",
            "sectors": "culture",
            "sites": "uvs-nuur-basin, hustai",
            "status": "published",
        },
        {
            "slug": "draft-workshop",
            "title_en": "Renamed Workshop",
            "start_date": "2026-10-02",
            "status": "draft",
        },
    ]

    done = import_file(publisher_client, Event, csv_file(rows))

    assert "Imported: 1 new, 1 changed, 0 unchanged events." in problems(done)
    revision = Revision.objects.get()
    assert (revision.user, revision.comment) == (publisher, "Imported records.csv")
    forum = Event.objects.get(slug="new-forum")
    assert forum.is_public
    assert sorted(forum.sites.values_list("slug", flat=True)) == ["hustai", "uvs-nuur-basin"]
    version = Version.objects.get_for_object(forum).get()
    assert version.field_dict["sites"] == list(forum.sites.values_list("pk", flat=True)) or sorted(
        version.field_dict["sites"]
    ) == sorted(forum.sites.values_list("pk", flat=True))
    assert Event.objects.get(slug="draft-workshop").title_en == "Renamed Workshop"
    assert Version.objects.count() == 2


def test_rich_text_is_sanitised_and_shown_so_in_the_preview(publisher_client):
    rows = [
        {
            "slug": "x",
            "title_en": "X",
            "start_date": "2026-09-01",
            "body_en": '<p onclick="steal()">Hi<script>alert(1)</script></p>',
        }
    ]
    checked = preview(publisher_client, Event, csv_file(rows))
    assert "<script>" not in checked.content.decode()

    import_file(publisher_client, Event, csv_file(rows))

    assert Event.objects.get(slug="x").body_en == "<p>Hi</p>"


def test_columns_left_out_are_left_alone_and_empty_cells_empty_their_field(publisher_client):
    variety()
    rows = [{"slug": "nomadic-heritage-forum", "registration_url": "", "city_en": "Kharkhorin"}]

    import_file(publisher_client, Event, csv_file(rows))

    event = Event.objects.get(slug="nomadic-heritage-forum")
    assert (event.title_en, event.registration_url, event.city) == (
        "Nomadic Heritage Forum",
        "",
        "Kharkhorin",
    )
    assert event.sectors.count() == 2


def test_an_empty_cell_never_erases_a_translation(publisher_client):
    variety()
    rows = [
        {
            "slug": "nomadic-heritage-forum",
            "title_fr": "",
            "venue_fr": "",
            "summary_en": "",
            "title_zh_hans": "游牧遗产论坛",
        }
    ]

    checked = preview(publisher_client, Event, csv_file(rows))
    import_file(publisher_client, Event, csv_file(rows))

    assert "游牧遗产论坛" in checked.content.decode()
    event = Event.objects.get(slug="nomadic-heritage-forum")
    assert (event.title_fr, event.venue_fr, event.summary_en, event.title_zh_hans) == (
        "Forum du patrimoine nomade",
        "Palais d'État",
        "Three days on herders' knowledge.",
        "游牧遗产论坛",
    )


def test_an_empty_status_is_refused_not_taken_as_draft(publisher_client):
    variety()
    rows = [
        {
            "slug": "nomadic-heritage-forum",
            "title_en": "N",
            "start_date": "2026-06-01",
            "status": "",
        }
    ]

    text = problems(preview(publisher_client, Event, csv_file(rows)))

    assert "row 2, status: This field cannot be blank." in text
    assert Event.objects.get(slug="nomadic-heritage-forum").is_public


# Editors


def test_an_editor_adds_and_changes_drafts(editor_client):
    variety()
    rows = [
        {"slug": "editor-draft", "title_en": "By the editor", "start_date": "2026-09-01"},
        {"slug": "draft-workshop", "title_en": "Workshop, revised", "start_date": "2026-09-01"},
    ]

    done = import_file(editor_client, Event, csv_file(rows))

    assert "1 new, 1 changed" in problems(done)
    assert Event.objects.get(slug="editor-draft").status == DRAFT
    assert Event.objects.get(slug="draft-workshop").title_en == "Workshop, revised"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"slug": "new", "title_en": "New", "start_date": "2026-09-01", "status": "published"},
            "row 2, status: Only a publisher can publish, schedule or set an unpublish time",
        ),
        (
            {"slug": "draft-workshop", "published_at": "2030-01-01 09:00"},
            "row 2, status: Only a publisher can publish, schedule or set an unpublish time",
        ),
        (
            {"slug": "nomadic-heritage-forum", "title_en": "Changed by an editor"},
            "row 2, __all__: This event is live or scheduled: only a publisher can change it.",
        ),
        (
            {"slug": "online-seminar", "status": "draft"},
            "row 2, __all__: This event is live or scheduled: only a publisher can change it.",
        ),
    ],
    ids=["publish-new", "schedule-draft", "change-live", "unpublish-scheduled"],
)
def test_an_editor_cannot_publish_or_change_what_is_live_through_an_import(
    editor_client, row, message
):
    variety()
    before = snapshot(Event)

    text = problems(preview(editor_client, Event, csv_file([row])))

    assert message in text
    assert snapshot(Event) == before


# Permissions


def staff_with(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username=username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def test_import_needs_add_and_change_and_export_needs_view(django_user_model, model):
    name = model._meta.model_name
    viewer = staff_with(django_user_model, "viewer", f"view_{name}")
    changelist = viewer.get(admin_url(model, "changelist")).content.decode()

    assert admin_url(model, "export") in changelist
    assert admin_url(model, "import") not in changelist
    assert viewer.get(admin_url(model, "import")).status_code == 403
    assert viewer.post(admin_url(model, "process_import"), {}).status_code == 403
    assert viewer.get(admin_url(model, "export")).status_code == 200

    adder = staff_with(django_user_model, "adder", f"add_{name}")
    assert adder.get(admin_url(model, "import")).status_code == 403
    assert adder.get(admin_url(model, "export")).status_code == 403


def test_editors_and_publishers_see_both_buttons(editor_client, publisher_client, model):
    for client in (editor_client, publisher_client):
        page = client.get(admin_url(model, "changelist")).content.decode()
        assert admin_url(model, "import") in page and admin_url(model, "export") in page
        assert "Add " in page  # the existing buttons stay


# Export of the list as filtered


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_holds_exactly_the_filtered_list(admin_client, file_format):
    variety()
    query = "country__id__exact={}&q=forum".format(Country.objects.get(slug="mongolia").pk)
    EventFactory(
        title="Forum in Japan", slug="forum-japan", country=Country.objects.get(slug="japan")
    )
    EventFactory(
        title="Another Mongolian forum",
        slug="second-forum",
        country=Country.objects.get(slug="mongolia"),
    )
    shown = admin_client.get(admin_url(Event, "changelist") + f"?{query}").context["cl"]

    rows = read(export(admin_client, Event, file_format, query), file_format)

    assert {row["slug"] for row in rows} == {event.slug for event in shown.result_list}
    assert {row["slug"] for row in rows} == {"nomadic-heritage-forum", "second-forum"}
    page = admin_client.get(admin_url(Event, "export") + f"?{query}")
    assert "The export holds the 2 events of the list" in page.content.decode()


def test_export_holds_every_page_of_the_list(admin_client):
    country = CountryFactory()
    for _ in range(55):
        EventFactory(country=country)
    shown = admin_client.get(admin_url(Event, "changelist")).context["cl"]

    rows = read(export(admin_client, Event))

    assert len(shown.result_list) == 50 < shown.result_count
    assert len(rows) == 55


def test_text_that_looks_like_a_formula_stays_text_in_a_workbook(publisher_client):
    EventFactory(title='=HYPERLINK("https://example.org")', slug="formula")
    before = snapshot(Event)

    content = export(publisher_client, Event, "xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    (cell,) = [c for c in sheet["B"] if str(c.value).startswith("=")]
    assert cell.data_type == "s"
    import_file(publisher_client, Event, content, "events.xlsx")
    assert snapshot(Event) == before


def test_the_export_link_carries_the_list_filters(admin_client):
    variety()

    page = admin_client.get(admin_url(Site, "changelist") + "?designation__exact=world-heritage")

    assert f"{admin_url(Site, 'export')}?designation__exact=world-heritage" in page.content.decode()


def test_export_with_unusable_filters_says_so(admin_client):
    response = admin_client.post(
        admin_url(Event, "export") + "?start_date__gte=someday", {"format": "0"}, follow=True
    )

    assert response.status_code == 200
    assert "The list's filters are not valid: nothing was exported." in problems(response)


def test_export_runs_the_same_queries_for_5_and_20_records(admin_client, model):
    factory = FACTORIES[model]
    make_batch(factory, 5)
    export(admin_client, model)

    with CaptureQueriesContext(connection) as five:
        export(admin_client, model)
    make_batch(factory, 15, start=5)
    with CaptureQueriesContext(connection) as twenty:
        content = export(admin_client, model)

    assert len(read(content)) == model.objects.count() >= 20
    assert len(twenty) == len(five)


def test_the_csv_export_writes_text_that_looks_like_a_formula_as_text(publisher_client):
    EventFactory(title='=HYPERLINK("https://example.org","Click")', slug="formula")
    EventFactory(title="'=1+1", slug="apostrophe", latitude="-12.5", longitude="-45.25")
    EventFactory(title="-5 °C in the field", slug="minus")
    before = snapshot(Event)

    content = export(publisher_client, Event)

    rows = {row["slug"]: row for row in read(content)}
    assert rows["formula"]["title_en"] == '\'=HYPERLINK("https://example.org","Click")'
    assert rows["apostrophe"]["title_en"] == "''=1+1"
    assert rows["minus"]["title_en"] == "'-5 °C in the field"
    # Numbers, which the site writes itself, stay numbers.
    assert rows["apostrophe"]["latitude"] == "-12.500000"
    assert rows["apostrophe"]["longitude"] == "-45.250000"
    done = import_file(publisher_client, Event, content)
    assert snapshot(Event) == before
    assert "0 new, 0 changed, 3 unchanged" in problems(done)


# Limits: no file takes the server down


NEW_EVENTS = [{**NEW_EVENT, "slug": f"new-{n}"} for n in range(1, 13)]


def test_a_workbook_that_claims_a_huge_sheet_previews_at_once(publisher_client):
    content = with_sheet_xml(xlsx_file([NEW_EVENT]), dimension="A1:XFD1048576")
    assert len(content) < 10_000
    preview(publisher_client, Event, xlsx_file([NEW_EVENT]), "events.xlsx")  # warm-up

    started = time.perf_counter()
    checked = preview(publisher_client, Event, content, "events.xlsx")
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        preview(publisher_client, Event, content, "events.xlsx")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "confirm_form" in checked.context, problems(checked)
    assert checked.context["result"].totals["new"] == 1
    assert elapsed < 0.5  # about 0.05 s
    assert peak < 20 * 1024 * 1024  # 0.6 MB
    confirm(publisher_client, Event, checked)
    assert Event.objects.filter(slug="new-one").exists()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>far</t></is></c></row>',
            "The file has more than 4,000 rows below its header (counting empty ones): an "
            "import takes at most 2,000 rows of data.",
        ),
        (
            '<row r="3"><c r="XFD3" t="inlineStr"><is><t>far</t></is></c></row>',
            "Row 3 of the file has values in 16,384 columns: an import takes at most 200 columns.",
        ),
    ],
    ids=["a-value-a-million-rows-down", "a-value-in-the-last-column"],
)
def test_a_workbook_with_a_value_far_away_is_refused_at_once(
    publisher_client, settings, rows, message
):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 2000, 200
    content = with_sheet_xml(xlsx_file([NEW_EVENT]), dimension="A1:XFD1048576", rows=rows)

    started = time.perf_counter()
    checked = preview(publisher_client, Event, content, "events.xlsx")

    assert time.perf_counter() - started < 3
    assert f"Nothing was imported. {message}" in problems(checked)
    assert "confirm_form" not in checked.context
    assert not kept_files()


def test_empty_cells_however_far_are_no_columns(publisher_client, settings):
    settings.IMPORT_MAX_ROWS = 2000
    rows = "".join(f'<row r="{n}"><c r="XFD{n}" s="0"/></row>' for n in range(3, 3000))
    content = with_sheet_xml(xlsx_file([NEW_EVENT]), dimension="A1:XFD1048576", rows=rows)

    started = time.perf_counter()
    done = import_file(publisher_client, Event, content, "events.xlsx")

    assert time.perf_counter() - started < 5
    assert "Imported: 1 new" in problems(done)
    assert not kept_files()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_file_over_the_row_cap_says_the_cap_and_its_rows_and_saves_nothing(
    publisher_client, settings, file_format
):
    settings.IMPORT_MAX_ROWS = 5
    write = {"csv": csv_file, "xlsx": xlsx_file}[file_format]

    eight = preview(publisher_client, Event, write(NEW_EVENTS[:8]), f"events.{file_format}")
    twelve = preview(publisher_client, Event, write(NEW_EVENTS), f"events.{file_format}")
    five = preview(publisher_client, Event, write(NEW_EVENTS[:5]), f"events.{file_format}")

    assert (
        "Nothing was imported. The file holds 8 rows of data: an import takes at most 5 rows. "
        "Split it into several files." in problems(eight)
    )
    assert (
        "Nothing was imported. The file has more than 10 rows below its header (counting empty "
        "ones): an import takes at most 5 rows of data." in problems(twelve)
    )
    assert "confirm_form" not in eight.context and "confirm_form" not in twelve.context
    assert "confirm_form" in five.context, problems(five)
    assert len(kept_files()) == 1  # the one file waiting for its confirmation
    assert not Event.objects.exists()


def test_empty_rows_and_columns_at_the_end_do_not_count(publisher_client, settings):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 3, 3
    text = "slug,title_en,start_date,,,\r\na,A,2026-09-01,,,\r\n\r\nb,B,2026-09-01,,\r\n"
    text += ",,,,,,,,\r\n" * 3

    done = import_file(publisher_client, Event, text.encode())

    assert "Imported: 2 new" in problems(done)
    assert not kept_files()


def test_a_file_over_the_column_cap_is_refused(publisher_client, settings):
    settings.IMPORT_MAX_COLUMNS = 3
    row = {"slug": "a", "title_en": "A", "start_date": "2026-09-01", "city_en": "Paris"}

    for name, content in [("events.csv", csv_file([row])), ("events.xlsx", xlsx_file([row]))]:
        checked = preview(publisher_client, Event, content, name)

        assert (
            "Nothing was imported. Row 1 of the file has values in 4 columns: an import takes "
            "at most 3 columns." in problems(checked)
        )
    assert not Event.objects.exists()
    assert not kept_files()


def test_the_import_page_states_the_caps(publisher_client, settings):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 1500, 120

    page = publisher_client.get(admin_url(Event, "import")).content.decode()

    assert "A file holds at most 1,500 rows of data and 120 columns" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 200, "not an XLSX workbook, or it is damaged"),
        (b"slug,title_en\r\na,b\r\n", "not an XLSX workbook, or it is damaged"),
        ("zip", "not an XLSX workbook, or it is damaged"),
        ("bad-xml", "The workbook is damaged or incomplete and cannot be read"),
    ],
    ids=["broken-zip", "csv-named-xlsx", "zip-of-something-else", "bad-sheet-xml"],
)
def test_a_file_that_is_no_workbook_is_refused_with_a_message(publisher_client, content, message):
    if content == "zip":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("notes.txt", "Not a workbook")
        content = out.getvalue()
    elif content == "bad-xml":
        content = with_sheet_xml(xlsx_file([NEW_EVENT]), rows="<row r='3'><c r='A3'><v>1")

    response = preview(publisher_client, Event, content, "events.xlsx")

    assert response.status_code == 200
    assert message in problems(response)
    assert not kept_files()


# The uploaded file is removed whatever happens


def test_the_file_is_removed_once_imported_refused_or_cancelled(publisher_client):
    import_file(publisher_client, Event, csv_file([NEW_EVENT]))
    assert not kept_files()

    preview(publisher_client, Event, csv_file([{**NEW_EVENT, "start_date": "someday"}]))
    assert not kept_files()

    checked = preview(publisher_client, Event, csv_file([{**NEW_EVENT, "slug": "other"}]))
    assert len(kept_files()) == 1
    cancelled = publisher_client.post(
        admin_url(Event, "process_import"),
        confirm_data(checked) | {"cancel": "Cancel"},
        follow=True,
    )
    assert cancelled.redirect_chain == [(admin_url(Event, "changelist"), 302)]
    assert "The import was cancelled and its file removed." in problems(cancelled)
    assert not kept_files()
    assert not Event.objects.filter(slug="other").exists()
    page = preview(publisher_client, Event, csv_file([{**NEW_EVENT, "slug": "other"}]))
    assert 'name="cancel"' in page.content.decode()


def test_the_file_is_removed_when_the_preview_or_the_import_fails(publisher_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    checked = preview(publisher_client, Event, csv_file([NEW_EVENT]))
    with monkeypatch.context() as patched:
        patched.setattr(ContentResource, "import_data", broken)
        with pytest.raises(RuntimeError):
            confirm(publisher_client, Event, checked)
        assert not kept_files()
        with pytest.raises(RuntimeError):
            preview(publisher_client, Event, csv_file([NEW_EVENT]))
        assert not kept_files()
    assert not Event.objects.exists()


# Queries


def test_an_import_runs_a_few_queries_a_row(publisher_client):
    """About 16 queries a row for the preview and 21 for the import (it was 68 and 73):
    what remains is each record's own writes and what saving one does (its history, audit
    entries, translation sources, links to sectors and sites), and its checks."""
    SectorFactory(slug="culture")
    SectorFactory(slug="natural-sciences")
    CountryFactory(slug="japan")

    def rows(count):
        return [
            {
                "slug": f"event-{n}",
                "title_en": f"Event {n}",
                "title_fr": f"Évènement {n}",
                "start_date": "2026-09-01",
                "end_date": "2026-09-02",
                "country": "japan",
                "sectors": "culture, natural-sciences",
                "summary_en": "A summary.",
                "body_en": "<p>A body.</p>",
                "status": "published",
            }
            for n in range(count)
        ]

    def queries(count):
        with CaptureQueriesContext(connection) as previewed:
            checked = preview(publisher_client, Event, csv_file(rows(count)))
        assert "confirm_form" in checked.context, problems(checked)
        with CaptureQueriesContext(connection) as imported:
            confirm(publisher_client, Event, checked)
        Event.objects.all().delete()
        return len(previewed), len(imported)

    ten, forty = queries(10), queries(40)

    per_row = [(many - few) / 30 for few, many in zip(ten, forty, strict=True)]
    assert per_row[0] <= 18, per_row
    assert per_row[1] <= 24, per_row
