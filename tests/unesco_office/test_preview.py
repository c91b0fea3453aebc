"""Preview from the admin: the public page with the form's unsaved content, saved nowhere."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from countries.models import Centre, Country, Site
from events.models import Event
from sectors.models import Sector
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
    image_file,
)
from tests.unesco_office.test_admin import admin_url, form_data
from tests.unesco_office.test_sitemap import whole_sitemap
from unesco_office.core.models import Publishable
from unesco_office.models import AuditEntry

pytestmark = pytest.mark.django_db

FACTORIES = {
    Sector: SectorFactory,
    Country: CountryFactory,
    Site: SiteFactory,
    Centre: CentreFactory,
    Event: EventFactory,
}
TITLE = {Sector: "name", Country: "name", Site: "name", Centre: "name", Event: "title"}
DRAFT = Publishable.Status.DRAFT
BANNER = "Preview, not published"


@pytest.fixture(params=list(FACTORIES), ids=lambda model: model.__name__)
def model(request):
    return request.param


def snapshot():
    """Every row of every public record, and the audit trail: what a preview must not change."""
    return [sorted(model.objects.values_list(), key=repr) for model in [*FACTORIES, AuditEntry]] + [
        sorted(Event.sectors.through.objects.values_list("event_id", "sector_id"))
    ]


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_preview_shows_the_unsaved_title_and_saves_nothing(editor_client, model):
    record = FACTORIES[model](status=DRAFT, published_at=None)
    field = TITLE[model]
    url = admin_url(model, "change", record.pk)
    data = form_data(editor_client.get(url)) | {f"{field}_en": "A title not saved yet"}
    before = snapshot()

    response = editor_client.post(admin_url(model, "preview", record.pk), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html
    assert "A title not saved yet" in html
    template = f"{model._meta.app_label}/{model._meta.model_name}_detail.html"
    assert template in [t.name for t in response.templates]
    assert_private(response)
    assert snapshot() == before
    record.refresh_from_db()
    assert getattr(record, field) != "A title not saved yet"


def test_preview_of_a_new_record_from_the_add_form_saves_nothing(publisher_client):
    sector = SectorFactory()
    country = CountryFactory()
    data = form_data(publisher_client.get(admin_url(Event, "add"))) | {
        "title_en": "A new event",
        "slug": "a-new-event",
        "kind": "workshop",
        "sectors": [str(sector.pk)],
        "sites": [],
        "start_date": "2030-05-04",
        "country": str(country.pk),
        "status": DRAFT,
    }
    before = snapshot()

    response = publisher_client.post(reverse("admin:events_event_preview_new"), data)

    assert response.status_code == 200, response.context.get("problems")
    assert "A new event" in response.content.decode()
    assert sector.name in response.content.decode()
    assert snapshot() == before
    assert not Event.objects.filter(slug="a-new-event").exists()


def test_preview_shows_translations_and_many_to_many_choices(editor_client):
    kept, chosen = SectorFactory(name="Kept sector"), SectorFactory(name="Chosen sector")
    site = SiteFactory(name="Linked site")
    event = EventFactory(status=DRAFT, published_at=None, sectors=[kept])
    url = admin_url(Event, "change", event.pk)
    data = form_data(editor_client.get(url)) | {
        "title_fr": "Titre en français",
        "sectors": [str(chosen.pk)],
        "sites": [str(site.pk)],
        "_preview_language": "fr",
    }

    response = editor_client.post(admin_url(Event, "preview", event.pk), data)

    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Titre en français" in html
    assert "Chosen sector" in html and "Kept sector" not in html
    assert "Linked site" in html
    assert list(event.sectors.all()) == [kept]
    assert not event.sites.exists()


def test_an_unknown_preview_language_falls_back_to_the_admin_language(editor_client):
    event = EventFactory(status=DRAFT, published_at=None, title_fr="Titre")
    data = form_data(editor_client.get(admin_url(Event, "change", event.pk)))

    response = editor_client.post(
        admin_url(Event, "preview", event.pk), data | {"_preview_language": "xx"}
    )

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_a_form_with_problems_is_explained_and_saves_nothing(editor_client):
    event = EventFactory(status=DRAFT, published_at=None)
    data = form_data(editor_client.get(admin_url(Event, "change", event.pk)))
    before = snapshot()

    response = editor_client.post(
        admin_url(Event, "preview", event.pk),
        data | {"title_en": "", "end_date": "2000-01-01"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "The form has problems" in html and "Nothing was saved" in html
    assert "This field is required." in html
    assert_private(response)
    assert snapshot() == before


def media_files(settings):
    return sorted(settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []


def test_a_new_image_is_not_stored_by_a_preview(editor_client, settings):
    event = EventFactory(status=DRAFT, published_at=None)
    data = form_data(editor_client.get(admin_url(Event, "change", event.pk)))
    photo = image_file("new.jpg")
    data |= {
        "image": SimpleUploadedFile("new.jpg", photo.read(), content_type="image/jpeg"),
        "image_alt_en": "A new photo",
    }
    files = media_files(settings)

    response = editor_client.post(admin_url(Event, "preview", event.pk), data)

    assert response.status_code == 200
    assert "The new image shows once the record is saved." in response.content.decode()
    assert media_files(settings) == files
    event.refresh_from_db()
    assert not event.image


def test_a_preview_keeps_the_saved_image(editor_client):
    event = EventFactory(
        status=DRAFT, published_at=None, image=image_file("kept.jpg"), image_alt="Kept photo"
    )
    stored = event.image.name
    data = form_data(editor_client.get(admin_url(Event, "change", event.pk)))
    data |= {"image": SimpleUploadedFile("new.jpg", image_file().read(), content_type="image/jpeg")}

    response = editor_client.post(admin_url(Event, "preview", event.pk), data)

    assert 'alt="Kept photo"' in response.content.decode()
    assert stored.rsplit(".", 1)[0].rsplit("/", 1)[-1] in response.content.decode()
    event.refresh_from_db()
    assert event.image.name == stored


def test_the_saved_record_is_previewed_with_a_get(editor_client, model):
    record = FACTORIES[model](status=DRAFT, published_at=None)

    response = editor_client.get(admin_url(model, "preview", record.pk) + "?language=zh-hans")

    assert response.status_code == 200
    html = response.content.decode()
    # The banner speaks the language of the preview: "Preview, not published" and "shows
    # the record as saved".
    assert "预览，尚未发布" in html and "显示已保存的记录" in html
    assert '<html lang="zh-hans"' in html
    assert_private(response)


def test_the_preview_banner_and_the_page_have_no_public_extras(editor_client):
    event = EventFactory(status=DRAFT, published_at=None)

    html = editor_client.get(admin_url(Event, "preview", event.pk)).content.decode()

    assert 'rel="canonical"' not in html
    assert 'hreflang="fr"' not in html  # no language links to a page that does not exist
    assert "<style" not in html and "style=" not in html


def test_editors_cannot_preview_changes_to_a_live_record(editor_client):
    event = EventFactory()
    data = {"title_en": "Changed"}

    response = editor_client.post(admin_url(Event, "preview", event.pk), data)

    assert response.status_code == 403


def test_a_preview_of_a_missing_record_goes_back_to_the_list(editor_client):
    response = editor_client.get(admin_url(Event, "preview", 987654))

    assert response.status_code == 302


def test_visitors_cannot_reach_a_preview(client):
    event = EventFactory(status=DRAFT, published_at=None)

    response = client.get(admin_url(Event, "preview", event.pk))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_change_form_offers_preview_in_every_language(editor_client):
    event = EventFactory(status=DRAFT, published_at=None)

    html = editor_client.get(admin_url(Event, "change", event.pk)).content.decode()

    preview = admin_url(Event, "preview", event.pk)
    assert f'formaction="{preview}"' in html and 'formtarget="_blank"' in html
    for code in ["en", "fr", "zh-hans"]:
        assert f'<option value="{code}"' in html


def test_drafts_and_previews_stay_out_of_the_sitemap(client, editor_client):
    draft = EventFactory(status=DRAFT, published_at=None, slug="draft-event")
    editor_client.get(admin_url(Event, "preview", draft.pk))

    entries, _lastmods = whole_sitemap(client)

    assert not [
        location
        for location in entries
        if "draft-event" in location or "preview" in location or "/share/" in location
    ]


def test_the_public_page_of_a_draft_is_still_a_404(client):
    draft = EventFactory(status=DRAFT, published_at=None)
    with translation.override("en"):
        url = draft.get_absolute_url()

    assert client.get(url).status_code == 404
