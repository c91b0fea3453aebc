"""Compare two versions from a record's history, field by field, every language on its own."""

import pytest
import reversion
from django.contrib.auth.models import User
from reversion.models import Version

from events.models import Event
from tests.factories import EventFactory, SectorFactory, SiteFactory
from tests.unesco_office.test_admin import admin_url
from unesco_office.staff.compare import compare_versions, word_diff

pytestmark = pytest.mark.django_db


def versions_of(record, *changes, user=None):
    """Save `record` once as it is, then once per dict of changes, each as a revision."""
    with reversion.create_revision():
        reversion.set_user(user)
        record.save()
    for change in changes:
        with reversion.create_revision():
            reversion.set_user(user)
            sectors = change.pop("sectors", None)
            for name, value in change.items():
                setattr(record, name, value)
            record.save()
            if sectors is not None:
                record.sectors.set(sectors)
    return list(Version.objects.get_for_object(record).order_by("pk"))


def test_translations_and_choices_are_compared_each_on_its_own():
    culture, science = SectorFactory(name="Culture"), SectorFactory(name="Science")
    event = EventFactory(title="Water forum", title_fr="Forum", kind="forum", sectors=[culture])
    old, new = versions_of(
        event,
        {
            "title_fr": "Forum de l'eau",
            "title_zh_hans": "水论坛",
            "kind": "workshop",
            "sectors": [culture, science],
        },
    )

    changes = {change.label: change for change in compare_versions(Event, old, new)}

    assert set(changes) == {"title [fr]", "title [zh-hans]", "kind", "sectors"}
    assert changes["title [fr]"].pieces == [("same", "Forum"), ("added", " de l'eau")]
    assert changes["title [zh-hans]"].pieces == [("added", "水论坛")]
    assert (changes["kind"].before, changes["kind"].after) == ("Forum", "Workshop")
    assert (changes["sectors"].before, changes["sectors"].after) == (
        "Culture",
        "Culture, Science",
    )


def test_rich_text_is_compared_as_read_and_markup_alone_is_named():
    event = EventFactory(body="<p>The forum opens.</p>")
    old, new, newer = versions_of(
        event,
        {"body_en": "<p>The <strong>forum</strong> opens.</p>"},
        {"body_en": "<p>Closed.</p>"},
    )

    (formatting,) = compare_versions(Event, old, new)
    (text,) = compare_versions(Event, new, newer)

    assert formatting.note == "Only the formatting changed."
    assert ("removed", "The forum opens.") in text.pieces and ("added", "Closed.") in text.pieces


def test_word_diff_marks_words_that_went_and_came():
    assert word_diff("the old forum", "the new forum") == [
        ("same", "the "),
        ("removed", "old"),
        ("added", "new"),
        ("same", " forum"),
    ]


def test_the_history_page_offers_to_compare_two_versions(editor_client):
    event = EventFactory()
    old, new = versions_of(event, {"title_en": "Second"})

    html = editor_client.get(admin_url(Event, "history", event.pk)).content.decode()

    assert f'action="{admin_url(Event, "compare", event.pk)}"' in html
    assert f'name="old" value="{old.pk}"' in html and f'name="new" value="{new.pk}"' in html
    assert f'name="old" value="{old.pk}" aria-label' in html
    assert "Compare the two versions" in html


def test_the_compare_page_shows_what_changed_and_who_saved(editor_client, publisher_client):
    author = User.objects.create_user("author")
    event = EventFactory(title="First title", summary="Same")
    old, new = versions_of(event, {"title_en": "Second title"}, user=author)
    url = admin_url(Event, "compare", event.pk)

    response = editor_client.get(url, {"old": old.pk, "new": new.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>First</del><ins>Second</ins> title" in html
    assert "author" in html
    assert "Summary" not in html
    assert "Restore the older version" not in html
    restore = admin_url(Event, "revision", event.pk, old.pk)
    assert restore in publisher_client.get(url, {"old": old.pk, "new": new.pk}).content.decode()


def test_versions_in_either_order_compare_older_to_newer(editor_client):
    event = EventFactory(title="First")
    old, new = versions_of(event, {"title_en": "Second"})

    response = editor_client.get(
        admin_url(Event, "compare", event.pk), {"old": new.pk, "new": old.pk}
    )

    assert "<del>First</del><ins>Second</ins>" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{}, {"old": "x", "new": "1"}, {"old": "1", "new": "1"}, {"old": "99999999999999999999999"}],
)
def test_a_bad_choice_of_versions_returns_to_the_history(editor_client, query):
    event = EventFactory()
    versions_of(event, {"title_en": "Second"})

    response = editor_client.get(admin_url(Event, "compare", event.pk), query, follow=True)

    assert response.redirect_chain[-1][0] == admin_url(Event, "history", event.pk)
    assert "Choose two different versions" in response.content.decode()


def test_versions_of_another_record_are_refused(editor_client):
    event, other = EventFactory(), EventFactory()
    versions_of(event, {"title_en": "Second"})
    theirs = versions_of(other, {"title_en": "Other"})

    response = editor_client.get(
        admin_url(Event, "compare", event.pk), {"old": theirs[0].pk, "new": theirs[1].pk}
    )

    assert response.status_code == 302


def test_a_site_compares_its_countries_and_translated_names():
    site = SiteFactory(name="Old name")
    other = SiteFactory().countries.get()
    with reversion.create_revision():
        site.save()
    with reversion.create_revision():
        site.name_fr = "Nom"
        site.save()
        site.countries.add(other)
    old, new = Version.objects.get_for_object(site).order_by("pk")

    labels = [change.label for change in compare_versions(type(site), old, new)]

    assert labels == ["name [fr]", "countries"]
