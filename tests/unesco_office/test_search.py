"""The site search at /search/?q=: what it finds, in which order and language, on a fixed
number of queries, and never a 500 whatever the address holds.

Most tests run on SQLite and on PostgreSQL; those about full-text search proper (stemming,
phrases, markup) run on PostgreSQL only."""

import datetime
import itertools
import re
from urllib.parse import quote, quote_from_bytes

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countries.models import Site
from tests.factories import (
    CentreFactory,
    CountryFactory,
    EventFactory,
    SectorFactory,
    SiteFactory,
)
from unesco_office.core.facets import SEARCH_MAX_LENGTH
from unesco_office.core.models import Publishable
from unesco_office.models import OfficeProfile, SearchDocument, SearchSynonym
from unesco_office.public.search.engine import MAX_WORDS as SEARCH_MAX_WORDS
from unesco_office.public.search.engine import Search
from unesco_office.public.search.results import highlight

pytestmark = pytest.mark.django_db

URL = reverse("search")
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (stemming, phrases, markup left out) is PostgreSQL's",
)
DRAFT = {"status": Publishable.Status.DRAFT, "published_at": None}


def scheduled():
    return {"published_at": timezone.now() + datetime.timedelta(days=3)}


def text_of(html):
    return " ".join(strip_tags(html).split())


def status_of(html):
    found = re.search(r'<p class="result-count" role="status">(.*?)</p>', html, re.S)
    return text_of(found[1]) if found else None


def problems_of(html):
    box = re.search(r'<div class="message message--error filter-problems".*?</div>', html, re.S)
    return [text_of(item) for item in re.findall(r"<li>(.*?)</li>", box[0], re.S)] if box else []


def results_of(html):
    """(type, title, link) of each result, in order."""
    return [
        (text_of(label), text_of(title), link)
        for link, title, label in re.findall(
            # The title's link, which says lang="en" where it is the English for a missing
            # translation.
            r'<h2 class="card__title"><a href="([^"]+)"(?: lang="en")?>(.*?)</a></h2>\s*'
            r'<p class="card__meta"><span class="badge">(.*?)</span>',
            html,
            re.S,
        )
    ]


def titles(html):
    return [title for _label, title, _link in results_of(html)]


def search(client, q, prefix="", **params):
    response = client.get(f"{prefix}{URL}", {"q": q, **params})
    assert response.status_code == 200
    return response.text


@pytest.fixture
def culture():
    return SectorFactory(name="Culture", slug="culture", code="CLT")


@pytest.fixture
def mongolia():
    return CountryFactory(
        name="Mongolia",
        name_fr="Mongolie",
        name_zh_hans="蒙古",
        slug="mongolia",
        iso2="MN",
        iso3="MNG",
        summary="Lakes and mountains.",
    )


# --- What it finds -------------------------------------------------------------------------


def test_finds_every_kind_of_record_with_its_type_and_page(client, culture, mongolia):
    SectorFactory(name="Natural Sciences", slug="sciences", code="SC", summary="Nomad science.")
    CountryFactory(
        name="Japan", slug="japan", iso2="JP", iso3="JPN", body="<p>No nomad here? Nomads.</p>"
    )
    SiteFactory(
        name="Nomad Valley",
        slug="nomad-valley",
        sector=culture,
        countries=[mongolia],
        designation=Site.Designation.BIOSPHERE_RESERVE,
        wh_category="",
    )
    CentreFactory(name="Centre for Nomad Studies", slug="nomads", country=mongolia, sector=culture)
    EventFactory(
        title="Nomad Forum",
        slug="nomad-forum",
        country=mongolia,
        city="Ulaanbaatar",
        start_date=datetime.date(2026, 10, 22),
        end_date=datetime.date(2026, 10, 25),
    )

    html = search(client, "nomad")

    assert status_of(html) == "5 results for “nomad”"
    assert sorted(results_of(html)) == [
        ("Biosphere Reserve", "Nomad Valley", "/sites/nomad-valley/"),
        ("Category 2 centre", "Centre for Nomad Studies", "/centres/nomads/"),
        ("Country", "Japan", "/countries/japan/"),
        ("Event", "Nomad Forum", "/events/nomad-forum/"),
        ("Sector", "Natural Sciences", "/sectors/sciences/"),
    ]
    event = re.search(r'<a href="/events/nomad-forum/">.*?</article>', html, re.S)[0]
    assert "22–25 October 2026 · Ulaanbaatar, Mongolia" in text_of(event)


@pytest.mark.parametrize("hidden", ["draft", "scheduled"])
def test_drafts_scheduled_records_and_partner_countries_stay_out(client, culture, hidden):
    fields = DRAFT if hidden == "draft" else scheduled()
    country = CountryFactory(name="Hidden Steppe Country", iso2="DE", iso3="DEU", **fields)
    SectorFactory(name="Hidden Steppe Sector", code="HID", **fields)
    SiteFactory(name="Hidden Steppe Site", sector=culture, **fields)
    CentreFactory(name="Hidden Steppe Centre", sector=culture, **fields)
    public = CountryFactory(name="Mongolia", iso2="MN", iso3="MNG")
    EventFactory(title="Hidden Steppe Event", country=public, **fields)
    CountryFactory(name="Partner Steppe Country", iso2="FR", iso3="FRA", is_covered=False)
    EventFactory(title="Public Steppe Event", country=public)

    html = search(client, "steppe")

    assert titles(html) == ["Public Steppe Event"]
    assert "Hidden" not in html and country.slug not in html


def test_every_word_must_be_found_somewhere(client, culture, mongolia):
    EventFactory(title="Steppe Forum", summary="Herders and scientists.", country=mongolia)
    EventFactory(title="Steppe Festival", country=mongolia)

    assert titles(search(client, "steppe herders")) == ["Steppe Forum"]
    assert titles(search(client, "STEPPE forum")) == ["Steppe Forum"]
    assert "Nothing holds every word of “forum tundra”" in search(client, "forum tundra")


def test_when_no_record_holds_every_word_those_holding_some_are_shown_and_said_so(
    client, culture, mongolia
):
    EventFactory(title="Steppe Forum", country=mongolia)
    EventFactory(title="Tundra Festival", country=mongolia)
    EventFactory(title="Desert Festival", country=mongolia)

    html = search(client, "steppe tundra")

    assert titles(html) == ["Steppe Forum", "Tundra Festival"]
    assert "Nothing holds every word of “steppe tundra”: these results hold some of them." in html
    assert status_of(html) == "2 results for “steppe tundra”"
    # A single word, or one typo the names can correct, is not loosened.
    assert status_of(search(client, "lagoon")) == "0 results for “lagoon”"
    assert "hold some of them" not in search(client, "steppe forest")


def test_title_matches_come_before_summary_and_body_matches(client, culture, mongolia):
    EventFactory(title="Forum on water", body="<p>Lakes of the steppe.</p>", country=mongolia)
    SiteFactory(name="Gobi Sands", summary="Dunes beside the steppe.", sector=culture)
    EventFactory(title="Steppe Week", country=mongolia)

    assert titles(search(client, "steppe")) == ["Steppe Week", "Gobi Sands", "Forum on water"]


def test_french_search_finds_french_text_and_shows_it(client, culture, mongolia):
    SiteFactory(
        name="Orkhon Valley Cultural Landscape",
        name_fr="Paysage culturel de la vallée de l’Orkhon",
        slug="orkhon",
        summary="Pastures along the river.",
        sector=culture,
        countries=[mongolia],
    )
    EventFactory(
        title="Nomad Games", slug="games", summary_fr="Une fête à la vallée.", country=mongolia
    )

    french = search(client, "vallée", prefix="/fr")
    english = search(client, "vallée")

    assert results_of(french) == [
        (
            "Site du patrimoine mondial",
            "Paysage culturel de la vallée de l’Orkhon",
            "/fr/sites/orkhon/",
        ),
        ("Événement", "Nomad Games", "/fr/events/games/"),
    ]
    assert "Pastures along the river." in french, "no French summary: the English one"
    assert titles(english) == ["Orkhon Valley Cultural Landscape", "Nomad Games"]


def test_chinese_search_finds_words_inside_unspaced_text(client, culture, mongolia):
    SiteFactory(
        name="Orkhon Valley Cultural Landscape",
        name_zh_hans="鄂尔浑峡谷文化景观",
        slug="orkhon",
        sector=culture,
        countries=[mongolia],
    )
    EventFactory(title="Heritage Day", summary_zh_hans="中国文化遗产日的活动。", country=mongolia)
    EventFactory(title="Science Day", summary_zh_hans="科学日。", country=mongolia)

    html = search(client, "文化", prefix="/zh-hans")

    assert titles(html) == ["鄂尔浑峡谷文化景观", "Heritage Day"]
    assert '<a href="/zh-hans/sites/orkhon/">鄂尔浑峡谷<mark>文化</mark>景观</a>' in html
    assert "中国<mark>文化</mark>遗产日的活动。" in html
    # The site's document holds its designation, 世界遗产地: its name's 文化 ranks it first.
    assert titles(search(client, "文化 遗产", prefix="/zh-hans")) == titles(html)
    assert titles(search(client, "中国 文化", prefix="/zh-hans")) == ["Heritage Day"]


def test_searched_words_are_marked_and_everything_else_escaped(client, mongolia):
    EventFactory(
        title="Tom & Jerry <b>steppe</b>", summary="<i>Steppe</i> & more", country=mongolia
    )

    html = search(client, "steppe")

    assert "Tom &amp; Jerry &lt;b&gt;<mark>steppe</mark>&lt;/b&gt;" in html
    assert "&lt;i&gt;<mark>Steppe</mark>&lt;/i&gt; &amp; more" in html


def test_an_event_result_shows_its_status_as_event_cards_do(client, mongolia):
    EventFactory(title="Steppe Forum", country=mongolia, city="Ulaanbaatar")
    EventFactory(title="Steppe Festival", country=mongolia, event_status="cancelled")
    EventFactory(
        title="Steppe Talks", country=mongolia, city="Ulaanbaatar", event_status="moved-online"
    )

    html = search(client, "steppe")

    cards = dict(
        re.findall(
            r'<a href="[^"]+">([^\n]*?)</a></h2>\s*<p class="card__meta">(.*?)</p>', html, re.S
        )
    )
    titles = {re.sub(r"<[^>]+>", "", title): meta for title, meta in cards.items()}
    assert (
        '<span class="badge badge--status badge--danger">Cancelled</span>'
        in titles["Steppe Festival"]
    )
    assert '<span class="badge badge--status">Moved online</span>' in titles["Steppe Talks"]
    assert "badge--status" not in titles["Steppe Forum"]
    # Where a moved-online event takes place now.
    talks = html[html.index("</mark> Talks</a>") :]
    assert re.search(r'<span class="event-when__place">Online</span>', talks[:2000])


def test_highlight_marks_the_words_found_and_leaves_out_search_syntax():
    # "heritages" finds "heritage" (one stem), and the start of "heritagesque" (a prefix).
    assert highlight("World heritage, historic", Search("heritages or -world"), "en") == (
        "World <mark>heritage</mark>, historic"
    )
    assert Search("heritage or -culture").marked_words == ["heritage"]
    assert highlight("長城文化", Search("文化"), "zh-hans") == "長城<mark>文化</mark>"
    assert highlight("Écoles, école", Search("ecole"), "fr") == (
        "<mark>Écoles</mark>, <mark>école</mark>"
    )


def test_highlight_marks_every_word_ignoring_case_and_escapes_the_rest():
    assert highlight("Art & Craft of arts", Search("art"), "en") == (
        "<mark>Art</mark> &amp; Craft of <mark>arts</mark>"
    )
    assert highlight("a<b", Search("b"), "en") == "a&lt;<mark>b</mark>"
    assert highlight("", Search("x"), "en") == ""


# --- Full-text search ------------------------------------------------------------------------


def test_english_and_french_words_are_stemmed(client, mongolia):
    EventFactory(title="Training for heritage managers", country=mongolia)
    EventFactory(title="Forum", title_fr="Les vallées du Gobi", country=mongolia)

    assert titles(search(client, "trainings")) == ["Training for heritage managers"]
    assert titles(search(client, "managing heritage")) == ["Training for heritage managers"]
    assert titles(search(client, "vallée", prefix="/fr")) == ["Les vallées du Gobi"]


def test_web_search_syntax_phrases_or_and_exclusions(client, mongolia):
    EventFactory(title="World Heritage Forum", country=mongolia)
    EventFactory(title="Heritage of the World", country=mongolia)
    EventFactory(title="Ocean Decade", country=mongolia)

    assert titles(search(client, '"world heritage"')) == ["World Heritage Forum"]
    assert titles(search(client, "heritage -forum")) == ["Heritage of the World"]
    assert sorted(titles(search(client, "ocean or forum"))) == [
        "Ocean Decade",
        "World Heritage Forum",
    ]


def test_markup_in_rich_text_is_not_searched(client, mongolia):
    EventFactory(
        title="Forum",
        body='<p><strong>Herders</strong> <a href="https://example.org/steppe">meet</a></p>',
        country=mongolia,
    )

    assert titles(search(client, "herders")) == ["Forum"]
    assert titles(search(client, "strong")) == []
    assert titles(search(client, "example")) == []


def test_a_rare_title_word_outranks_a_body_that_repeats_it(client, culture, mongolia):
    SiteFactory(name="Khustain Nuruu", body="<p>" + "Takhi horses. " * 5 + "</p>", sector=culture)
    EventFactory(title="Takhi Day", country=mongolia)

    assert titles(search(client, "takhi")) == ["Takhi Day", "Khustain Nuruu"]


@postgresql_only
@pytest.mark.parametrize(
    "q", ["heritage", "patrimoine mondial", "长城", "ulaan", '"world heritage"']
)
def test_postgresql_finds_the_documents_through_their_index(q):
    """What a search asks of the documents is answered by their GIN index (migration
    unesco_office 0009), not by reading every document."""
    matches = SearchDocument.objects.filter(Search(q).matches()).values("object_id")
    sql, params = matches.query.sql_with_params()

    with connection.cursor() as cursor:
        # Tables this small are read whole, or walked along any index, whatever their
        # statistics say: only the search's own (bitmap) index scan is left to choose.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Bitmap Index Scan on searchdocument_vector" in plan, plan


# --- Pages and queries ---------------------------------------------------------------------


def test_pagination_keeps_the_search(client, mongolia):
    for i in range(23):
        EventFactory(title=f"Steppe Forum {i:02}", country=mongolia)

    first = search(client, "steppe")
    second = search(client, "steppe", page=2)

    assert status_of(first) == "23 results for “steppe”, page 1 of 2"
    assert 'href="?q=steppe&amp;page=2" rel="next"' in first
    assert len(titles(first)) == 20 and len(titles(second)) == 3
    assert set(titles(first)).isdisjoint(titles(second))
    assert '<ol class="plain-list stack" start="21">' in second


def test_a_page_out_of_range_shows_the_nearest_with_a_message(client, mongolia):
    EventFactory(title="Steppe Forum", country=mongolia)

    html = search(client, "steppe", page="9")

    assert titles(html) == ["Steppe Forum"]
    assert problems_of(html) == ["There is no such page, so page 1 of 1 is shown."]


_match_numbers = itertools.count()


def make_matches(n, culture, mongolia):
    """n more records that match “steppe”, of every kind in turn."""
    for _ in range(n):
        i = next(_match_numbers)
        kind = i % 5
        if kind == 0:
            EventFactory(title=f"Steppe Event {i}", country=mongolia)
        elif kind == 1:
            SiteFactory(name=f"Steppe Site {i}", sector=culture, countries=[mongolia])
        elif kind == 2:
            SectorFactory(name=f"Matching sector {i}", summary="Steppe and sea.")
        elif kind == 3:
            letter = chr(65 + i // 5)
            CountryFactory(
                name=f"Matching country {i}", iso2=f"Q{letter}", iso3=f"QQ{letter}", body="steppe"
            )
        else:
            CentreFactory(name=f"Steppe Centre {i}", country=mongolia, sector=culture)


def test_queries_are_three_whatever_the_number_of_results(client, culture, mongolia, uncached):
    OfficeProfile.objects.create(name="UNESCO Testing")
    make_matches(5, culture, mongolia)
    client.get(URL, {"q": "steppe"})  # reads the editors' synonyms and promoted results
    with CaptureQueriesContext(connection) as few:
        small = client.get(URL, {"q": "steppe"})
    make_matches(50, culture, mongolia)
    client.get(URL, {"q": "steppe"})

    pages = []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as many:
            pages.append(client.get(URL, {"q": "steppe", "page": page}))
        # The office profile, the count, the page of results; the editors' synonyms and
        # promoted results are kept in the cache until the content changes.
        assert len(few) == len(many) == 3, [q["sql"][:90] for q in many.captured_queries]

    assert small.context["paginator"].count == 5
    assert pages[0].context["paginator"].count == 55
    assert [len(results_of(page.text)) for page in pages] == [20, 20, 15]
    labels = {label for page in pages for label, _title, _link in results_of(page.text)}
    assert labels == {"Event", "World Heritage site", "Sector", "Country", "Category 2 centre"}


def test_synonyms_and_promoted_results_are_read_once_per_change(client, mongolia, uncached):
    client.get(URL, {"q": "steppe"})
    with CaptureQueriesContext(connection) as kept:
        client.get(URL, {"q": "lakes"})
    SearchSynonym.objects.create(terms="steppe\ngrassland")
    with CaptureQueriesContext(connection) as changed:
        client.get(URL, {"q": "lakes"})

    read = [q["sql"] for q in changed.captured_queries if "_searchsynonym" in q["sql"]]
    assert len(read) == 1
    assert not [q for q in kept.captured_queries if "_searchsynonym" in q["sql"]]
    assert len([q for q in changed.captured_queries if "_promotedresult" in q["sql"]]) == 1


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?q=", "?q=+++", '?q="'])
def test_without_words_the_page_asks_for_some_and_runs_no_search(
    client, query, django_assert_num_queries, uncached
):
    with django_assert_num_queries(1):  # the office profile in the header
        response = client.get(URL + query)

    assert response.status_code == 200
    assert "Type one or more words to search" in response.text
    assert status_of(response.text) is None
    assert problems_of(response.text) == []


@pytest.mark.parametrize(
    ("q", "problem"),
    [
        (
            "steppe " * 20,
            f"The search is longer than {SEARCH_MAX_LENGTH} characters, so it was not used.",
        ),
        (
            "steppe\x00",
            "The search holds characters that cannot be searched for, so it was not used.",
        ),
    ],
    ids=["too-long", "nul"],
)
def test_unusable_search_is_named_and_not_run(client, mongolia, q, problem):
    EventFactory(title="Steppe Forum", country=mongolia)

    html = search(client, q)

    assert problems_of(html) == [problem]
    assert titles(html) == []
    assert 'aria-invalid="true"' in html


def test_words_beyond_the_limit_are_left_out_with_a_message(client, mongolia):
    EventFactory(title="Steppe Forum", country=mongolia)
    q = "steppe " + "x " * SEARCH_MAX_WORDS

    html = search(client, q)

    assert problems_of(html) == [f"Only the first {SEARCH_MAX_WORDS} words were searched for."]


def test_the_search_form_is_in_every_page_header_but_the_search_page(client):
    home = client.get(reverse("home")).text
    results = search(client, "steppe")

    form = re.search(
        r'<form class="site-search" method="get" action="/search/".*?</form>', home, re.S
    )
    assert form, "the header holds a GET form to the search page"
    assert '<label class="visually-hidden" for="site-search-q">' in form[0]
    assert '<input type="search" name="q" id="site-search-q"' in form[0]
    assert 'role="search"' in form[0]
    assert "site-search" not in results
    assert '<input type="search" name="q" id="search-q" value="steppe"' in results


def test_french_header_form_goes_to_the_french_search(client):
    html = client.get("/fr/").text

    assert '<form class="site-search" method="get" action="/fr/search/"' in html


# Words, operators of web search syntax, and anything at all, in any combination.
tokens = st.one_of(
    st.sampled_from(['"', "-", "or", "OR", "&", "|", "!", ":*", "(", ")", "'", "\\", "%", "_"]),
    st.sampled_from(["steppe", "文化", "vallée", "<mark>", "&amp;", "*", "--", "''"]),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30),
)
raw_values = st.one_of(
    st.lists(tokens, max_size=14).map(lambda words: quote(" ".join(words), safe="")),
    st.binary(max_size=60).map(lambda value: quote_from_bytes(value, safe="")),
    st.sampled_from(["%00", "%FF", "%E2%82", "%%", "%2", "+", "%ED%A0%80"]),
)


def test_no_search_makes_the_page_fail(client, culture, mongolia):
    EventFactory(title="Steppe Forum", summary="文化 vallée", country=mongolia)
    SiteFactory(name="Steppe Site", sector=culture, countries=[mongolia])
    checked = []

    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        q=raw_values,
        page=st.one_of(st.none(), raw_values),
        language=st.sampled_from(["", "/fr", "/zh-hans"]),
    )
    def check(q, page, language):
        query = f"q={q}" + (f"&page={page}" if page is not None else "")
        response = client.get(f"{language}{URL}?{query}")
        assert response.status_code == 200, query
        checked.append(query)

    check()

    assert len(checked) >= 100


# Every address that reads a `q` search, as the site links to them. Pages show what they
# cannot use and answer 200; feeds, calendars and downloads answer 400 with the problem in
# plain text rather than leave a value out silently (see unesco_office.public.downloads).
PAGES = ["/search/", "/events/", "/events/calendar/", "/sites/", "/centres/"]
FILES = [
    "/events/?format=csv&",
    "/events/?format=json&when=all&",
    "/events/calendar.ics",
    "/events/feed/",
    "/sites/?format=csv&",
    "/sites/feed/",
]


def test_no_search_makes_any_page_that_reads_one_fail(client, culture, mongolia):
    EventFactory(title="Steppe Forum", summary="文化 vallée", country=mongolia, sectors=[culture])
    SiteFactory(name="Steppe Site", sector=culture, countries=[mongolia])
    CentreFactory(name="Steppe Centre", sector=culture, country=mongolia)
    seen = set()

    @settings(
        max_examples=250,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        address=st.sampled_from(PAGES + FILES),
        q=raw_values,
        language=st.sampled_from(["", "/fr", "/zh-hans"]),
    )
    def check(address, q, language):
        joiner = "" if address.endswith("&") else "?"
        response = client.get(f"{language}{address}{joiner}q={q}")
        if address in FILES and response.status_code == 400:
            assert response["Content-Type"] == "text/plain; charset=utf-8"
            assert response.text.strip(), (address, q)
        else:
            assert response.status_code == 200, (address, q)
        seen.add(address)

    check()

    assert seen == set(PAGES + FILES)
