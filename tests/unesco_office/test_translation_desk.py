"""The translation desk (unesco_office.staff.translations): which translations are missing,
up to date or out of date, field by field, and how staff see and fix them in the admin."""

import re

import pytest
from django.urls import reverse

from events.models import Event
from sectors.models import Sector
from tests.factories import EventFactory, SectorFactory
from tests.unesco_office.test_admin import admin_url, form_data
from unesco_office.core.models import Publishable
from unesco_office.models import ReviewRequest, TranslationSource
from unesco_office.staff import review
from unesco_office.staff.translations import Status, field_statuses, needs_translation

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = Publishable.Status.DRAFT, Publishable.Status.PUBLISHED


def statuses(record, language):
    record.refresh_from_db()
    return {status.field: status.status for status in field_statuses(record, language)}


@pytest.fixture
def forum():
    return EventFactory(
        title="Heritage Forum",
        title_fr="Forum du patrimoine",
        summary="Three days of talks.",
        summary_fr="Trois jours de débats.",
        body="<p>The programme.</p>",
        body_fr="<p>Le programme.</p>",
        city="",
        status=DRAFT,
        published_at=None,
    )


def test_a_translation_is_missing_up_to_date_then_out_of_date_field_by_field(forum):
    assert statuses(forum, "fr") == {
        "title": Status.UP_TO_DATE,
        "summary": Status.UP_TO_DATE,
        "body": Status.UP_TO_DATE,
    }
    assert set(statuses(forum, "zh-hans").values()) == {Status.MISSING}

    forum.body_en = "<p>The new programme.</p>"
    forum.save()

    assert statuses(forum, "fr") == {
        "title": Status.UP_TO_DATE,
        "summary": Status.UP_TO_DATE,
        "body": Status.OUT_OF_DATE,  # the English body changed: not the title
    }


def test_saving_the_translation_brings_it_up_to_date_and_emptying_it_makes_it_missing(forum):
    forum.body_en = "<p>The new programme.</p>"
    forum.save()
    forum.body_fr = "<p>Le nouveau programme.</p>"
    forum.save()
    assert statuses(forum, "fr")["body"] == Status.UP_TO_DATE

    forum.summary_fr = ""
    forum.save()

    assert statuses(forum, "fr")["summary"] == Status.MISSING
    assert not TranslationSource.objects.filter(field="summary", language="fr").exists()


def test_the_list_filter_finds_what_needs_a_language(forum):
    complete = EventFactory(title="Done", title_fr="Fait", title_zh_hans="完成", city="")
    forum_with_chinese = EventFactory(title="Later", title_zh_hans="以后", city="")
    forum_with_chinese.title_en = "Later, renamed"
    forum_with_chinese.save()

    french = set(Event.objects.filter(needs_translation(Event, "fr")))
    chinese = set(Event.objects.filter(needs_translation(Event, "zh-hans")))

    assert french == {forum_with_chinese}  # forum is translated into French; Later is not
    assert chinese == {forum, forum_with_chinese}  # missing, and out of date
    assert complete not in french | chinese


def test_every_content_list_shows_a_flag_a_language_and_filters_by_it(admin_client, forum):
    forum.title_en = "Heritage Forum 2027"
    forum.save()
    url = admin_url(Event, "changelist")

    page = admin_client.get(url).content.decode()
    needing_french = admin_client.get(f"{url}?translation=fr").context["cl"].result_list

    assert 'title="French: out of date"' in page
    assert 'title="Simplified Chinese: missing"' in page
    assert list(needing_french) == [forum]
    assert "Needs translation: French" in page


def test_the_translate_view_shows_the_english_and_what_changed_in_it(admin_client, forum):
    forum.summary_en = "Four days of talks."
    forum.save()
    url = admin_url(Event, "translate", forum.pk, "fr")

    page = admin_client.get(url).content.decode()

    assert "Trois jours de débats." in page  # the French, in its field
    assert "Four days of talks." in page  # the English beside it
    changes = re.search(r'class="compare__text">(.*?)</p>', page).group(1)
    assert "<del>Three</del>" in changes and "<ins>Four</ins>" in changes


def test_translating_in_the_view_saves_the_language_and_brings_it_up_to_date(admin_client, forum):
    forum.summary_en = "Four days of talks."
    forum.save()
    url = admin_url(Event, "translate", forum.pk, "zh-hans")
    data = form_data_of(admin_client.get(url)) | {
        "title_zh_hans": "遗产论坛",
        "summary_zh_hans": "四天的讨论。",
        "body_zh_hans": "<p>议程。</p>",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    forum.refresh_from_db()
    assert (forum.title_zh_hans, forum.summary_zh_hans) == ("遗产论坛", "四天的讨论。")
    assert statuses(forum, "zh-hans") == dict.fromkeys(
        ["title", "summary", "body"], Status.UP_TO_DATE
    )


def test_a_translation_that_still_reads_right_is_kept_and_up_to_date(admin_client, forum):
    forum.title_en = "The Heritage Forum"
    forum.save()
    url = admin_url(Event, "translate", forum.pk, "fr")

    admin_client.post(url, form_data_of(admin_client.get(url)) | {"confirm_title": "on"})

    assert statuses(forum, "fr")["title"] == Status.UP_TO_DATE
    assert forum.title_fr == "Forum du patrimoine"


def test_an_editor_cannot_translate_a_live_record_and_a_language_must_exist(editor_client):
    live = EventFactory(title="Live", status=PUBLISHED)

    assert editor_client.get(admin_url(Event, "translate", live.pk, "fr")).status_code == 403
    draft = EventFactory(title="Draft", status=DRAFT, published_at=None)
    assert editor_client.get(admin_url(Event, "translate", draft.pk, "fr")).status_code == 200
    assert editor_client.get(admin_url(Event, "translate", draft.pk, "de")).status_code == 404


def test_the_change_form_links_to_each_language_s_translation(admin_client, forum):
    page = admin_client.get(admin_url(Event, "change", forum.pk)).content.decode()

    assert admin_url(Event, "translate", forum.pk, "fr") in page
    assert "French: up to date" in page
    assert "Simplified Chinese: missing" in page


def test_the_admin_home_counts_what_needs_translating(admin_client, forum):
    SectorFactory(name="Culture", name_fr="Culture", name_zh_hans="文化")
    SectorFactory(name="Education")

    page = admin_client.get(reverse("admin:index"))
    counts = {
        (str(kind), str(language)): n
        for _url, kind, language, n in page.context["translation_counts"]
    }

    assert counts[("events", "Simplified Chinese")] == 1
    assert counts[("sectors", "French")] == 1
    assert ("events", "French") not in counts


def test_with_translations_required_nothing_incomplete_is_published(
    settings, publisher, publisher_client, forum
):
    settings.REQUIRE_COMPLETE_TRANSLATIONS = True
    url = admin_url(Event, "change", forum.pk)

    form = publisher_client.post(url, form_data(publisher_client.get(url)) | {"status": PUBLISHED})
    publisher_client.post(
        admin_url(Event, "changelist"),
        {"action": "publish", "_selected_action": [forum.pk]},
    )
    round_ = ReviewRequest.objects.create(record=forum, requested_by=publisher)
    with pytest.raises(review.ReviewError, match="Simplified Chinese"):
        review.approve(round_, publisher)

    assert form.status_code == 200
    assert "Translations are required before publishing" in form.content.decode()
    forum.refresh_from_db()
    assert forum.status == DRAFT

    forum.title_zh_hans, forum.summary_zh_hans, forum.body_zh_hans = "论坛", "三天。", "<p>议程</p>"
    forum.save()
    review.approve(ReviewRequest.objects.get(pk=round_.pk), publisher)
    forum.refresh_from_db()
    assert forum.status == PUBLISHED


def test_records_saved_before_the_desk_count_their_translations_as_up_to_date():
    sector = SectorFactory(name="Culture", name_fr="Culture")
    TranslationSource.objects.all().delete()  # as a translation made before the desk

    assert statuses(sector, "fr")["name"] == Status.UP_TO_DATE
    assert not Sector.objects.filter(needs_translation(Sector, "fr")).exists()


def form_data_of(response):
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    return data
