"""The admin as each role uses it: superuser, editor (drafts only) and publisher."""

import datetime

import pytest
import reversion
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

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
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

FACTORIES = {
    Sector: SectorFactory,
    Country: CountryFactory,
    Site: SiteFactory,
    Centre: CentreFactory,
    Event: EventFactory,
}
ROLES = ["admin_client", "editor_client", "publisher_client"]
DRAFT, PUBLISHED = Publishable.Status.DRAFT, Publishable.Status.PUBLISHED


@pytest.fixture(params=list(FACTORIES), ids=lambda model: model.__name__)
def factory(request):
    return FACTORIES[request.param]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response):
    """The POST a person would send by saving the change form as it is shown."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is None or isinstance(value, models.fields.files.FieldFile):
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


def make_batch(factory, size, start=0):
    """`size` records that share their related records, as real data does."""
    model = factory._meta.model
    if model is Country:
        codes = [("MN", "MNG"), ("JP", "JPN"), ("KR", "KOR"), ("CN", "CHN"), ("KP", "PRK")]
        codes += [("FR", "FRA"), ("DE", "DEU"), ("IT", "ITA"), ("ES", "ESP"), ("BR", "BRA")]
        codes += [("AR", "ARG"), ("CL", "CHL"), ("PE", "PER"), ("MX", "MEX"), ("CA", "CAN")]
        codes += [("US", "USA"), ("GB", "GBR"), ("IE", "IRL"), ("PT", "PRT"), ("NL", "NLD")]
        return [factory(iso2=a2, iso3=a3) for a2, a3 in codes[start : start + size]]
    sector = Sector.objects.first() or SectorFactory()
    country = Country.objects.first() or CountryFactory()
    shared = {
        Sector: {},
        Site: {"sector": sector, "countries": [country]},
        Centre: {"sector": sector, "country": country},
        Event: {"country": country, "sectors": [sector]},
    }[model]
    return [factory(**shared) for _ in range(size)]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_open_changelist_add_and_change_pages(request, role, factory):
    client = request.getfixturevalue(role)
    record = factory()
    model = type(record)

    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", record.pk),
        admin_url(model, "history", record.pk),
        admin_url(model, "changelist") + "?q=a&status__exact=draft",
    ]:
        assert client.get(url).status_code == 200, url


def test_changelist_runs_the_same_queries_for_5_and_20_rows(
    admin_client, factory, django_assert_num_queries
):
    model = factory._meta.model
    url = admin_url(model, "changelist")
    make_batch(factory, 5)
    admin_client.get(url)  # warm the session and content-type caches

    with CaptureQueriesContext(connection) as five:
        assert admin_client.get(url).status_code == 200
    make_batch(factory, 15, start=5)
    with django_assert_num_queries(len(five)):
        response = admin_client.get(url)
    assert response.context["cl"].result_count == model.objects.count() >= 20


def test_editor_saves_drafts_but_cannot_publish_through_the_form(editor_client, factory):
    record = factory(status=DRAFT, published_at=None)
    model = type(record)
    url = admin_url(model, "change", record.pk)
    page = editor_client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    data = form_data(page) | {"status": PUBLISHED, "published_at_0": "2020-01-01"}

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    record.refresh_from_db()
    assert record.status == DRAFT and record.published_at is None


def test_editor_has_no_publishing_actions_and_cannot_force_them(editor_client, factory):
    record = factory(status=DRAFT, published_at=None)
    model = type(record)
    url = admin_url(model, "changelist")

    action_form = editor_client.get(url).context["action_form"]
    actions = [name for name, _ in action_form.fields["action"].choices] if action_form else []
    response = editor_client.post(url, {"action": "publish", "_selected_action": [record.pk]})

    assert "publish" not in actions and "unpublish" not in actions
    assert "delete_selected" not in actions
    assert response.status_code in {200, 302}
    record.refresh_from_db()
    assert record.status == DRAFT


def test_editor_cannot_delete(editor_client, factory):
    record = factory()

    response = editor_client.post(admin_url(type(record), "delete", record.pk), {"post": "yes"})

    assert response.status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()


def test_publisher_publishes_and_unpublishes_in_bulk(publisher_client, factory):
    drafts = [factory(status=DRAFT, published_at=None) for _ in range(2)]
    model = type(drafts[0])
    url = admin_url(model, "changelist")
    selected = [record.pk for record in drafts]

    response = publisher_client.post(url, {"action": "publish", "_selected_action": selected})

    assert response.status_code == 302
    assert model.objects.published().filter(pk__in=selected).count() == 2
    assert LogEntry.objects.filter(object_id__in=[str(pk) for pk in selected]).count() == 2

    publisher_client.post(url, {"action": "unpublish", "_selected_action": selected})

    assert not model.objects.published().filter(pk__in=selected).exists()


def test_publisher_publishes_through_the_form(publisher_client, factory):
    record = factory(status=DRAFT, published_at=None)
    url = admin_url(type(record), "change", record.pk)
    data = form_data(publisher_client.get(url)) | {"status": PUBLISHED}

    response = publisher_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    record.refresh_from_db()
    assert record.is_public


def test_every_change_is_recorded_with_who_and_when(editor_client, editor, factory):
    record = factory(status=DRAFT, published_at=None)
    url = admin_url(type(record), "change", record.pk)
    data = form_data(editor_client.get(url)) | {"summary_en": "Revised by the editor."}

    editor_client.post(url, data)

    versions = Version.objects.get_for_object(record)
    assert versions.count() == 1
    assert versions[0].revision.user == editor
    assert versions[0].revision.date_created is not None
    history = editor_client.get(admin_url(type(record), "history", record.pk))
    assert editor.username in history.content.decode()


def test_publisher_restores_an_earlier_version(publisher_client, factory):
    record = factory(summary="First text.")
    model = type(record)
    url = admin_url(model, "change", record.pk)
    publisher_client.post(url, form_data(publisher_client.get(url)))
    publisher_client.post(
        url, form_data(publisher_client.get(url)) | {"summary_en": "Second text."}
    )
    record.refresh_from_db()
    assert record.summary == "Second text."
    first = Version.objects.get_for_object(record).order_by("pk").first()
    revision_url = admin_url(model, "revision", record.pk, first.pk)

    response = publisher_client.post(revision_url, form_data(publisher_client.get(revision_url)))

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.summary == "First text."


def test_editor_cannot_restore_versions_or_deleted_records(
    editor_client, publisher_client, factory
):
    record = factory(summary="First text.")
    model = type(record)
    url = admin_url(model, "change", record.pk)
    publisher_client.post(url, form_data(publisher_client.get(url)))
    version = Version.objects.get_for_object(record).first()
    publisher_client.post(url, form_data(publisher_client.get(url)) | {"summary_en": "Changed."})
    revision_url = admin_url(model, "revision", record.pk, version.pk)

    response = editor_client.post(revision_url, {"summary_en": "First text."})

    assert response.status_code == 403
    assert editor_client.get(admin_url(model, "recoverlist")).status_code == 403
    record.refresh_from_db()
    assert record.summary == "Changed."


def test_publisher_recovers_a_deleted_record(publisher_client, factory):
    record = factory(summary="Worth keeping.")
    model = type(record)
    pk = record.pk
    url = admin_url(model, "change", pk)
    publisher_client.post(url, form_data(publisher_client.get(url)))
    response = publisher_client.post(admin_url(model, "delete", pk), {"post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=pk).exists()
    recover_list = publisher_client.get(admin_url(model, "recoverlist"))
    assert str(record) in recover_list.content.decode()
    version = Version.objects.get_deleted(model).get(object_id=str(pk))
    recover_url = admin_url(model, "recover", version.pk)

    response = publisher_client.post(recover_url, form_data(publisher_client.get(recover_url)))

    assert response.status_code == 302
    assert model.objects.get(pk=pk).summary == "Worth keeping."


def test_changelist_offers_recovery_only_to_publishers(editor_client, publisher_client, factory):
    url = admin_url(factory._meta.model, "changelist")

    assert "Recover deleted" not in editor_client.get(url).content.decode()
    assert "Recover deleted" in publisher_client.get(url).content.decode()


def test_changelist_shows_facet_counts(admin_client):
    SectorFactory(status=DRAFT, published_at=None)
    SectorFactory()

    page = admin_client.get(admin_url(Sector, "changelist")).content.decode()

    assert "Draft (1)" in page and "Live (1)" in page


def test_slug_is_prefilled_from_the_name(admin_client, factory):
    model = factory._meta.model
    source = "title_en" if model is Event else "name_en"

    page = admin_client.get(admin_url(model, "add")).content.decode()

    assert "data-prepopulated-fields=" in page
    assert f"&quot;#id_{source}&quot;" in page and "&quot;#id_slug&quot;" in page


def test_autocomplete_answers_for_related_fields(admin_client):
    CountryFactory(name="Mongolia", iso2="MN", iso3="MNG")
    url = reverse("admin:autocomplete")

    response = admin_client.get(
        url,
        {"term": "Mong", "app_label": "events", "model_name": "event", "field_name": "country"},
    )

    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Mongolia"]


@pytest.mark.parametrize("key", ["1.0", "abc", "1\x00", str(2**63), str(-(2**63) - 1)], ids=repr)
def test_a_related_record_key_that_cannot_be_one_is_refused_at_its_field(editor_client, key):
    """The form is shown again with the field's own message, for a single related record
    and for several (the autocomplete widgets look up what was sent)."""
    event = EventFactory(status=DRAFT, published_at=None)
    url = admin_url(Event, "change", event.pk)
    data = form_data(editor_client.get(url))

    for field, value in [("country", key), ("sectors", [str(SectorFactory().pk), key])]:
        response = editor_client.post(url, data | {field: value})

        assert response.status_code == 200
        assert field in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    "query",
    [
        "?slug=%00",
        "?kind__exact=a%00b",
        "?q=%00",
        "?term=%00&app_label=events&model_name=event&field_name=country",
    ],
)
def test_a_nul_character_in_an_admin_address_is_a_bad_request(publisher_client, query):
    """PostgreSQL refuses NUL in text: a list's filter or a search for a related record
    holding one was a server error there."""
    EventFactory()
    page = reverse("admin:autocomplete") if "term" in query else admin_url(Event, "changelist")

    assert publisher_client.get(page + query).status_code == 400


def test_view_on_site_links_to_the_public_page(admin_client, factory):
    record = factory()
    page = admin_client.get(admin_url(type(record), "change", record.pk)).content.decode()

    assert "View on site" in page


class TestOfficeProfileAdmin:
    def test_changelist_goes_to_the_add_form_then_to_the_single_profile(self, admin_client):
        url = admin_url(OfficeProfile, "changelist")
        assert admin_client.get(url).url == admin_url(OfficeProfile, "add")

        profile = OfficeProfile.objects.create(name="UNESCO Office")

        assert admin_client.get(url).url == admin_url(OfficeProfile, "change", profile.pk)
        assert admin_client.get(admin_url(OfficeProfile, "add")).status_code == 403

    def test_editors_may_read_but_not_change_the_profile(self, editor_client):
        profile = OfficeProfile.objects.create(name="UNESCO Office")
        url = admin_url(OfficeProfile, "change", profile.pk)

        response = editor_client.post(url, {"name": "Renamed"})

        assert editor_client.get(url).status_code == 200
        assert response.status_code == 403
        profile.refresh_from_db()
        assert profile.name == "UNESCO Office"

    def test_only_one_profile_row_can_exist(self):
        OfficeProfile.objects.create(name="First")

        with pytest.raises(IntegrityError), transaction.atomic():
            OfficeProfile.objects.create(name="Second")
        OfficeProfile(name="Renamed").save()

        assert OfficeProfile.objects.count() == 1
        assert OfficeProfile.load().name == "Renamed"


def test_change_page_and_changelist_preview_the_image_rendition(admin_client):
    sector = SectorFactory(image=image_file(size=(800, 600)), image_alt="Pupils reading")

    change = admin_client.get(admin_url(Sector, "change", sector.pk)).content.decode()
    changelist = admin_client.get(admin_url(Sector, "changelist")).content.decode()

    rendition = sector.image_small.url
    assert rendition.endswith(".webp")
    assert f'<img src="{rendition}" alt="Pupils reading" width="240">' in change
    assert f'<img src="{rendition}" alt="Pupils reading" width="64">' in changelist


@pytest.mark.parametrize("choice", ["live", "expiring", "scheduled", "expired", "draft"])
def test_visibility_filter_tells_live_scheduled_expired_and_draft_apart(admin_client, choice):
    now = timezone.now()
    records = {
        "live": SectorFactory(),
        "expiring": SectorFactory(unpublish_at=now + datetime.timedelta(days=2)),
        "scheduled": SectorFactory(published_at=now + datetime.timedelta(days=2)),
        "expired": SectorFactory(unpublish_at=now - datetime.timedelta(hours=1)),
        "draft": SectorFactory(status=DRAFT, published_at=None),
    }
    expected = {"live": {"live", "expiring"}}.get(choice, {choice})

    response = admin_client.get(admin_url(Sector, "changelist"), {"visibility": choice})

    assert set(response.context["cl"].result_list) == {records[name] for name in expected}


def test_changelist_says_which_records_are_expired_or_will_expire(admin_client):
    now = timezone.now()
    SectorFactory(name="Ending", unpublish_at=now + datetime.timedelta(days=2))
    SectorFactory(name="Ended", unpublish_at=now - datetime.timedelta(hours=1))

    html = admin_client.get(admin_url(Sector, "changelist")).content.decode()

    assert "Live until" in html
    assert "Expired" in html


def test_editor_cannot_set_an_unpublish_time(editor_client):
    sector = SectorFactory(status=DRAFT, published_at=None)

    response = editor_client.get(admin_url(Sector, "change", sector.pk))

    assert "unpublish_at" not in response.context["adminform"].form.fields


def test_restoring_one_record_leaves_the_rest_of_its_revision_alone(publisher_client):
    with reversion.create_revision():
        record = EventFactory(title="Heritage Festival")
        neighbour = EventFactory(title="Science Camp")
    for event, title in [(neighbour, "Science Camp for Girls"), (record, "Heritage Week")]:
        with reversion.create_revision():
            event.title = title
            event.save()
    first = Version.objects.get_for_object(record).order_by("pk").first()
    url = admin_url(Event, "revision", record.pk, first.pk)

    response = publisher_client.post(url, form_data(publisher_client.get(url)))

    assert response.status_code == 302
    assert Event.objects.get(pk=record.pk).title == "Heritage Festival"
    assert Event.objects.get(pk=neighbour.pk).title == "Science Camp for Girls"


def test_editor_may_read_but_not_change_a_live_record(editor_client, factory):
    record = factory(summary="As published.")
    url = admin_url(type(record), "change", record.pk)

    page = editor_client.get(url)
    response = editor_client.post(url, {"summary": "Edited without review."})

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.summary == "As published."


def test_editor_sees_an_earlier_version_without_a_save_button(editor_client, publisher_client):
    record = SectorFactory(status=DRAFT, published_at=None)
    url = admin_url(Sector, "change", record.pk)
    publisher_client.post(url, form_data(publisher_client.get(url)))
    version = Version.objects.get_for_object(record).first()

    page = editor_client.get(admin_url(Sector, "revision", record.pk, version.pk))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="_save"' not in html
    assert "Only publishers can restore an earlier version." in html


def test_view_on_site_only_for_what_visitors_can_see(admin_client):
    live = SectorFactory()
    draft = SectorFactory(status=DRAFT, published_at=None)

    live_page = admin_client.get(admin_url(Sector, "change", live.pk)).content.decode()
    draft_page = admin_client.get(admin_url(Sector, "change", draft.pk)).content.decode()

    assert "View on site" in live_page
    assert "View on site" not in draft_page


def test_bulk_publishing_names_what_it_published(publisher_client):
    drafts = [EventFactory(status=DRAFT, published_at=None) for _ in range(2)]

    response = publisher_client.post(
        admin_url(Event, "changelist"),
        {"action": "publish", "_selected_action": [event.pk for event in drafts]},
        follow=True,
    )

    assert "2 events published." in [str(message) for message in response.context["messages"]]
    assert LogEntry.objects.filter(object_id=str(drafts[0].pk)).get().get_change_message() == (
        "Changed Status."
    )


def test_a_new_upload_refused_for_another_reason_asks_for_the_file_again(publisher_client):
    record = SectorFactory(status=DRAFT, published_at=None)
    url = admin_url(Sector, "change", record.pk)
    data = form_data(publisher_client.get(url)) | {
        "image": image_file(),
        "image_alt_en": "",
    }

    response = publisher_client.post(url, data)

    errors = response.context["adminform"].form.errors
    assert "image_alt_en" in errors
    assert "choose the file again" in errors["image"][0]
    record.refresh_from_db()
    assert not record.image


def test_read_only_rich_text_is_shown_as_formatted_text(editor_client):
    profile = OfficeProfile.objects.create(name="UNESCO Office", intro="<p>We <em>work</em>.</p>")

    html = editor_client.get(admin_url(OfficeProfile, "change", profile.pk)).content.decode()

    assert "<p>We <em>work</em>.</p>" in html
    assert "&lt;p&gt;We" not in html


def test_the_admin_is_headed_with_the_office_name(admin_client):
    index = reverse("admin:index")
    before = admin_client.get(index).text
    OfficeProfile.objects.create(name="UNESCO Office in Beijing", short_name="UNESCO Beijing")

    after = admin_client.get(index).text

    assert f'<a href="{index}">unesco-office</a>' in before
    assert f'<a href="{index}">UNESCO Beijing</a>' in after
    assert "| UNESCO Beijing admin</title>" in after
