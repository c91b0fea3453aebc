"""The search's documents kept current, one engine for the site search and the lists, and what
editors tell it (synonyms, promoted results) and learn from it (searches with no results)."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from countries.models import Centre, Site
from events.models import Event
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
)
from unesco_office.core.cache import project_models
from unesco_office.models import (
    PromotedResult,
    SearchDocument,
    SearchMiss,
    SearchSynonym,
    SearchWord,
)
from unesco_office.public.search import documents
from unesco_office.staff.search import record_at

pytestmark = pytest.mark.django_db


def titles(html):
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'class="card__title"><a href="[^"]*"[^>]*>(.*?)</a>', html, re.S)
    ]


def search(client, q, prefix=""):
    return client.get(f"{prefix}/search/", {"q": q}).text


def documents_of(record):
    return {
        document.language: document
        for document in SearchDocument.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
    }


@pytest.fixture
def mongolia():
    return CountryFactory(
        name="Mongolia", name_fr="Mongolie", name_zh_hans="蒙古", slug="mongolia", iso2="MN"
    )


@pytest.fixture
def culture():
    return SectorFactory(name="Culture", name_fr="Culture", name_zh_hans="文化", slug="culture")


# --- Documents --------------------------------------------------------------------------------


def test_a_record_has_a_document_in_each_language(mongolia, culture):
    event = EventFactory(
        title="Steppe Forum",
        title_fr="Forum de la steppe",
        summary="<p>Herders <strong>meet</strong>.</p>",
        body="<p>Long talks.</p>",
        city="Ulaanbaatar",
        country=mongolia,
        sectors=[culture],
        kind=Event.Kind.FORUM,
    )

    found = documents_of(event)

    assert set(found) == {"en", "fr", "zh-hans"}
    english = found["en"]
    assert english.names == " stepp forum "
    assert english.name_key == "stepp forum"
    assert english.name_length == 2
    # The summary, the city, then what it belongs to: its kind, sectors and country.
    assert english.texts == " herder meet ulaanbaatar forum cultur mongolia "
    assert english.more == " long talk "
    assert found["fr"].names == " forum stepp "
    # Not yet translated into Chinese: what it belongs to, in Chinese.
    assert found["zh-hans"].names == "  "
    assert found["zh-hans"].texts == " 论坛 文化 蒙古 "
    if connection.vendor == "postgresql":
        # Each word with its position and weight: the name A, the texts B, the body C.
        assert "'stepp':1A" in english.vector
        assert "'forum':2A,7B" in english.vector
        assert "'talk':12C" in english.vector
    else:
        assert english.vector is None


def test_drafts_have_documents_and_deleting_a_record_deletes_them(mongolia):
    draft = EventFactory(title="Draft Forum", status=Event.Status.DRAFT, country=mongolia)
    assert documents_of(draft)

    draft.delete()

    assert not SearchDocument.objects.filter(object_id=draft.pk).exists()


def test_documents_follow_edits_links_and_a_renamed_country(client, mongolia, culture):
    site = SiteFactory(name="Orkhon Valley", sector=culture, countries=[mongolia])
    event = EventFactory(title="Nomad Day", country=mongolia)

    site.name = "Orkhon Valley Cultural Landscape"
    site.save()
    event.sectors.set([culture])
    mongolia.name = "Mongolia (the country)"
    mongolia.save()

    assert documents_of(site)["en"].names == " orkhon valley cultur landscap "
    assert " cultur " in documents_of(event)["en"].texts
    assert " countri " in documents_of(site)["en"].texts
    assert " countri " in documents_of(event)["en"].texts


def test_a_country_saved_unchanged_rebuilds_no_other_document(mongolia, django_assert_num_queries):
    EventFactory.create_batch(3, country=mongolia)

    with CaptureQueriesContext(connection) as saved:
        mongolia.save()

    events = [q for q in saved.captured_queries if "events_event" in q["sql"]]
    assert events == []


def test_deferred_builds_the_documents_of_many_records_in_a_few_queries(mongolia):
    with documents.deferred(), CaptureQueriesContext(connection) as built:
        for i in range(30):
            EventFactory(title=f"Forum {i}", country=mongolia)
        writing = len(built)
    building = len(built) - writing

    assert (
        SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(Event)).count()
        == 30 * 3
    )  # a document a language
    assert building <= 10, [q["sql"][:80] for q in built.captured_queries[writing:]]


def test_records_without_documents_get_them_and_rebuild_starts_again(mongolia):
    site = SiteFactory(name="Great Gobi", countries=[mongolia])
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()

    documents.index_missing()
    assert documents_of(site)["en"].names == " great gobi "

    SearchWord.objects.create(word="gone")
    call_command("rebuild_search_index", verbosity=0)
    assert not SearchWord.objects.filter(word="gone").exists()
    assert SearchWord.objects.filter(word="gobi").exists()


def test_writing_documents_and_counting_misses_leave_the_cached_pages_alone():
    models = set(project_models())

    assert SearchDocument not in models
    assert SearchWord not in models
    assert SearchMiss not in models
    assert {SearchSynonym, PromotedResult} <= models  # they change what searches show


# --- One engine -----------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["heritages", '"world heritage"', "forum or festival", "-forum"])
def test_a_list_s_search_finds_what_the_site_search_finds(client, mongolia, q):
    EventFactory(title="World Heritage Forum", country=mongolia, start_date=timezone.localdate())
    EventFactory(title="Heritage Festival", country=mongolia)
    EventFactory(title="Ocean Decade", country=mongolia)

    site_search = set(titles(search(client, q)))
    events = client.get("/events/", {"q": q, "when": "all"}).text

    assert set(titles(events)) == site_search


def test_a_country_s_designation_kind_and_sector_are_searched(client, mongolia, culture):
    SiteFactory(
        name="Orkhon Valley",
        designation=Site.Designation.WORLD_HERITAGE,
        sector=culture,
        countries=[mongolia],
    )
    EventFactory(title="Steppe talks", country=mongolia, kind=Event.Kind.WORKSHOP)
    CentreFactory(name="Nomad Institute", country=mongolia, sector=culture, city="Ulaanbaatar")

    assert titles(search(client, "orkhon world heritage mongolia")) == ["Orkhon Valley"]
    assert titles(search(client, "workshop Mongolia")) == ["Steppe talks"]
    assert titles(search(client, "centre Ulaanbaatar")) == ["Nomad Institute"]
    assert titles(search(client, "蒙古 文化 世界遗产", prefix="/zh-hans")) == ["Orkhon Valley"]


def test_an_exact_name_comes_first_and_names_outrank_texts(client, mongolia):
    EventFactory(title="Mongolia Day", summary="Mongolia.", country=mongolia)
    EventFactory(title="Steppe", summary="About Mongolia.", country=mongolia)

    assert titles(search(client, "Mongolia"))[:2] == ["Mongolia", "Mongolia Day"]


def test_a_search_of_only_common_words_says_so_everywhere(client, mongolia):
    EventFactory(title="The Forum", country=mongolia)

    page = search(client, "the of")
    events = client.get("/events/", {"q": "the of", "when": "all"}).text

    for html in (page, events):
        assert "holds only words too common to search for" in html
    assert titles(page) == titles(events) == []


def test_a_text_of_marks_alone_is_no_search(client, mongolia):
    EventFactory(title="Forum", country=mongolia)

    events = client.get("/events/", {"q": "?!", "when": "all"}).text

    assert titles(events) == ["Forum"]


# --- Forgiving input ---------------------------------------------------------------------------


def test_a_word_s_start_finds_the_record(client, mongolia):
    SiteFactory(name="Fujisan", countries=[mongolia])

    assert titles(search(client, "Fuji")) == ["Fujisan"]


def test_a_misspelt_name_finds_its_record_with_a_did_you_mean(client, mongolia):
    SiteFactory(name="The Great Wall", countries=[mongolia])

    html = search(client, "Gret Wall")

    assert titles(html) == ["The Great Wall"]
    assert "Nothing matches “Gret Wall”." in html
    assert 'Did you mean: <a href="/search/?q=great%20Wall">great Wall</a>?' in html
    assert SearchMiss.objects.get().query == "gret wall"


def test_a_list_whose_search_finds_nothing_suggests_a_spelling(client, mongolia):
    EventFactory(title="Steppe Forum", country=mongolia)

    html = client.get("/events/", {"q": "stepppe", "when": "all"}).text

    assert 'Did you mean: <a href="?q=steppe&amp;when=all">steppe</a>?' in html


def test_a_suggestion_costs_a_query_or_two_a_word_and_only_when_nothing_is_found(
    client, mongolia, uncached
):
    SiteFactory(name="Great Gobi", countries=[mongolia])
    search(client, "gobi")  # the synonyms and promoted results, kept from now on

    with CaptureQueriesContext(connection) as found:
        search(client, "gobi")
    with CaptureQueriesContext(connection) as missed:
        search(client, "gobbi")

    words = [q for q in missed.captured_queries if "_searchword" in q["sql"]]
    assert not [q for q in found.captured_queries if "_searchword" in q["sql"]]
    assert 1 <= len(words) <= 2


def test_similarity_picks_the_same_word_as_postgresql_would(mongolia):
    from unesco_office.public.search.engine import most_alike

    for name in ("Great Gobi", "Great Wall", "Mongolia", "Mongolie", "Mongol Empire"):
        SiteFactory(name=name, countries=[mongolia])

    assert most_alike("gret") == "great"
    # Mongol is the most alike by trigrams (0.6 to 0.5), but two letters away, not one swap.
    assert most_alike("mongolai") == "mongolia"
    assert most_alike("mongolei") == "mongolie"
    assert most_alike("xyz") is None


# --- Editors --------------------------------------------------------------------------------


def test_synonyms_find_what_the_other_names_find(client, mongolia):
    SiteFactory(
        name="Imperial Palaces",
        name_zh_hans="明清故宫",
        summary="The Forbidden City.",
        countries=[mongolia],
    )
    assert titles(search(client, "紫禁城", prefix="/zh-hans")) == []

    SearchSynonym.objects.create(terms="Forbidden City\n紫禁城\n故宫")

    assert titles(search(client, "紫禁城", prefix="/zh-hans")) == ["明清故宫"]
    assert titles(search(client, "故宫")) == ["Imperial Palaces"]


def test_a_promoted_record_comes_first_for_its_search_found_or_not(client, mongolia):
    EventFactory(title="Heritage Forum", country=mongolia)
    pinned = SiteFactory(name="Orkhon Valley", countries=[mongolia])
    PromotedResult.objects.create(query="  HERITAGE ", record=pinned)

    assert titles(search(client, "heritage")) == ["Orkhon Valley", "Heritage Forum"]
    assert titles(search(client, "heritage forum")) == ["Heritage Forum"]
    # A list keeps its own order and its own records.
    events = client.get("/events/", {"q": "heritage", "when": "all"}).text
    assert titles(events) == ["Heritage Forum"]


def test_a_drafted_promoted_record_is_not_shown(client, mongolia):
    pinned = SiteFactory(name="Draft Site", status=Site.Status.DRAFT, countries=[mongolia])
    PromotedResult.objects.create(query="heritage", record=pinned)

    assert titles(search(client, "heritage")) == []


def test_searches_that_found_nothing_are_counted_by_text_and_day_only(client, mongolia, rf):
    search(client, "Unicorns")
    search(client, "unicorns  ")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    SearchMiss.objects.create(query="unicorns", day=yesterday, searches=4)

    assert list(SearchMiss.objects.order_by("day").values_list("query", "searches")) == [
        ("unicorns", 4),
        ("unicorns", 2),
    ]
    assert [f.name for f in SearchMiss._meta.concrete_fields] == ["id", "query", "day", "searches"]


def test_a_page_address_names_its_record_in_any_language(mongolia):
    site = SiteFactory(name="Orkhon", slug="orkhon", countries=[mongolia])
    centre = CentreFactory(slug="nomad", country=mongolia)

    assert record_at("https://office.example/fr/sites/orkhon/?x=1") == site
    assert record_at("/zh-hans/centres/nomad/") == centre
    assert record_at("/sites/nomad/") is None
    assert record_at("/no/such/page/") is None


def test_editors_keep_synonyms_and_promoted_results_and_read_the_misses(
    client, django_user_model, mongolia
):
    from django.contrib.auth.models import Group

    from unesco_office.staff.roles import EDITORS, sync_staff_groups

    sync_staff_groups()
    editor = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    site = SiteFactory(name="Orkhon", slug="orkhon", countries=[mongolia])
    SearchMiss.objects.create(query="orkon", day=timezone.localdate(), searches=3)

    home = client.get(reverse("admin:index")).text
    assert "Searches with no results" in home
    assert "orkon" in home

    added = client.get(reverse("admin:unesco_office_searchsynonym_add") + "?terms=orkon").text
    assert re.search(r">\s*orkon</textarea>", added)

    bad = client.post(
        reverse("admin:unesco_office_promotedresult_add"),
        {"query": "orkon", "address": "/sites/nowhere/", "order": 0},
    )
    assert "No page of a sector, country, site, centre or event is at this address." in bad.text
    assert not PromotedResult.objects.exists()
    pinned = client.post(
        reverse("admin:unesco_office_promotedresult_add"),
        {"query": "orkon", "address": "/sites/orkhon/", "order": 0},
    )
    assert pinned.status_code == 302
    twice = client.post(  # the same page for the same search, however it is typed
        reverse("admin:unesco_office_promotedresult_add"),
        {"query": " Orkon ", "address": "/fr/sites/orkhon/", "order": 1},
    )
    assert "This page is already promoted for this search." in twice.text
    assert PromotedResult.objects.count() == 1
    PromotedResult.objects.all().delete()
    for address in ["//[", "http://[::1/sites/orkhon/"]:  # no address at all: said so, no 500
        not_one = client.post(
            reverse("admin:unesco_office_promotedresult_add"),
            {"query": "orkon", "address": address, "order": 0},
        )
        assert "No page of a sector, country, site, centre or event" in not_one.text

    client.post(
        reverse("admin:unesco_office_promotedresult_add"),
        {"query": "Orkon", "address": "/fr/sites/orkhon/", "order": 0},
    )
    pinned = PromotedResult.objects.get()
    assert (pinned.record, pinned.query_key) == (site, "orkon")
    assert Centre.objects.count() == 0
