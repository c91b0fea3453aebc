"""Importing from the admin in a real browser, under the strict Content Security Policy."""

import pytest
from playwright.sync_api import expect

from countries.models import Site
from events.models import Event
from tests.browser.test_admin_roles import log_in
from tests.countries.test_world_heritage_parser import xlsx_bytes
from tests.unesco_office.test_import_export import csv_file

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_publisher_checks_then_confirms_the_world_heritage_list(
    page, live_server, office, publisher, tmp_path
):
    (tmp_path / "whc-sites.xlsx").write_bytes(xlsx_bytes())
    log_in(page, live_server, publisher)

    page.goto(f"{live_server.url}/admin/countries/site/")
    page.click("text=Import the World Heritage List")
    page.set_input_files("#id_file", str(tmp_path / "whc-sites.xlsx"))
    page.click("input[type=submit]")

    expect(page.locator("#content-main h2")).to_have_text("What importing whc-sites.xlsx would do")
    expect(page.locator("#content-main")).to_contain_text("438 The Great Wall")
    assert not Site.objects.exists()
    page.click("input[name=confirm]")

    expect(page.locator(".messagelist .success")).to_contain_text("Imported whc-sites.xlsx: 6 new")
    assert Site.objects.count() == 6
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_editor_imports_events_through_the_preview(page, live_server, editor, tmp_path):
    rows = [{"slug": "river-day", "title_en": "River Day", "start_date": "2026-09-01"}]
    (tmp_path / "events.csv").write_bytes(csv_file(rows))
    log_in(page, live_server, editor)

    page.goto(f"{live_server.url}/admin/events/event/")
    page.click("a.import_link")
    page.set_input_files("#id_import_file", str(tmp_path / "events.csv"))
    assert page.input_value("#id_format") == "0"  # guessed from the extension: CSV
    page.click("input[type=submit]")
    expect(page.locator("table.import-preview tr.new")).to_have_count(1)
    page.click("input[name=confirm]")

    expect(page.locator(".messagelist .success")).to_contain_text("1 new")
    assert Event.objects.get(slug="river-day").status == Event.Status.DRAFT
    assert page.console_errors == [], "\n".join(page.console_errors)


def test_row_problems_are_in_plain_view(page, live_server, editor, tmp_path):
    rows = [{"slug": "river-day", "title_en": "River Day", "start_date": "2026-13-01"}]
    (tmp_path / "events.csv").write_bytes(csv_file(rows))
    log_in(page, live_server, editor)

    page.goto(f"{live_server.url}/admin/events/event/import/")
    page.set_input_files("#id_import_file", str(tmp_path / "events.csv"))
    page.click("input[type=submit]")

    expect(page.locator("#import-problems li")).to_have_text(
        "Row 2, start_date: “2026-13-01” is not a date: write dates as YYYY-MM-DD, e.g. 2026-05-18."
    )
    expect(page.locator("#import-problems li")).to_be_visible()
    assert not Event.objects.exists()
    assert page.console_errors == [], "\n".join(page.console_errors)
