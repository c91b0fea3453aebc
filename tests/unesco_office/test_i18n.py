"""The site in English, French and Chinese: URLs per language, translated interface and
content with English as fallback, caching headers, and translations through the admin."""

import ast
import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
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
)
from tests.unesco_office.test_admin import admin_url, form_data
from tests.unesco_office.test_pages import PAGES, text_of, when
from unesco_office.core.models import Publishable
from unesco_office.demo.data.countries import COUNTRIES
from unesco_office.demo.data.sectors import SECTORS
from unesco_office.demo.data.sites import WORLD_HERITAGE, WORLD_HERITAGE_TEXTS
from unesco_office.demo.loader import Tally, _upsert
from unesco_office.models import OfficeProfile

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
PREFIX = {"en": "", "fr": "/fr", "zh-hans": "/zh-hans"}
SCRIPT = '<p>Patrimoine vivant</p><script>alert("xss")</script><img src=x onerror=alert(1)>'
CLEAN = "<p>Patrimoine vivant</p>"


@pytest.fixture(autouse=True)
def default_language_afterwards():
    """Requests to /fr/ activate French in this thread; later tests must start in English."""
    yield
    translation.deactivate()


@pytest.fixture
def world():
    """Published records in English, some of them translated."""
    OfficeProfile.objects.create(
        name="UNESCO Office for Testing",
        name_fr="Bureau de l’UNESCO pour les essais",
        name_zh_hans="联合国教科文组织测试办事处",
        short_name="UNESCO Testing",
        tagline="Five countries, one office",
        tagline_fr="Cinq pays, un bureau",
        head_of_office="Ada Head",
        intro="<p>Welcome.</p>",
    )
    culture = SectorFactory(
        name="Culture", name_fr="Culture (fr)", name_zh_hans="文化", slug="culture", code="CLT"
    )
    country = CountryFactory(
        name="Mongolia", name_fr="Mongolie", name_zh_hans="蒙古", slug="mongolia", iso2="MN"
    )
    site = SiteFactory(
        name="Orkhon Valley Cultural Landscape",
        name_fr="Paysage culturel de la vallée de l’Orkhon",
        slug="orkhon",
        sector=culture,
        countries=[country],
    )
    untranslated = SiteFactory(
        name="Great Gobi Biosphere Reserve",
        slug="great-gobi",
        designation=Site.Designation.BIOSPHERE_RESERVE,
        wh_category="",
        sector=culture,
        countries=[country],
    )
    centre = CentreFactory(name="Centre for Nomads", slug="nomads", country=country, sector=culture)
    event = EventFactory(
        title="Heritage Forum",
        title_fr="Forum du patrimoine",
        slug="heritage-forum",
        country=country,
        sectors=[culture],
    )
    return {
        "sector": culture,
        "country": country,
        "site": site,
        "untranslated": untranslated,
        "centre": centre,
        "event": event,
    }


def url_in(language, page, world):
    with translation.override(language):
        return PAGES[page](world)


class Links(HTMLParser):
    """The <html lang>, the head's alternate links and the language switcher's anchors."""

    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.alternates = {}
        self.switcher = []
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            # Language versions; a list's Atom feed is an alternate too, without hreflang.
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher.append(attrs)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def links_of(response):
    parser = Links()
    parser.feed(response.content.decode())
    return parser


# --------------------------------------------------------------------------------------------
# URLs, interface strings and content per language
# --------------------------------------------------------------------------------------------


def test_each_language_has_its_own_url_prefix(world):
    path = world["site"].get_absolute_url()

    assert path == "/sites/orkhon/"
    for language in LANGUAGES:
        with translation.override(language):
            assert world["site"].get_absolute_url() == f"{PREFIX[language]}/sites/orkhon/"
            assert reverse("home") == f"{PREFIX[language]}/"


@pytest.mark.parametrize(
    ("language", "strings"),
    [
        ("en", ["Skip to main content", "About the office", "Countries covered"]),
        ("fr", ["Aller au contenu principal", "À propos du bureau", "Pays couverts"]),
        ("zh-hans", ["跳至主要内容", "关于本办事处", "负责国家"]),
    ],
)
def test_pages_speak_the_language_of_their_url(client, world, language, strings):
    response = client.get(url_in(language, "about", world))

    page = response.content.decode()
    assert response.status_code == 200
    assert links_of(response).html_lang == language
    assert response.headers["Content-Language"] == language
    for string in strings:
        assert string in page


def test_choice_labels_are_translated(client, world):
    page = client.get(url_in("fr", "site-detail", world)).content.decode()

    assert "Site du patrimoine mondial" in page
    assert "World Heritage site" not in page


def test_the_browser_language_does_not_choose_the_page_language(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/about/", headers={"accept-language": "zh-Hans,fr;q=0.8"})

    assert links_of(response).html_lang == "en"
    assert "About the office" in response.content.decode()


def test_a_french_title_shows_on_french_pages_and_english_elsewhere(client, world):
    english = client.get(url_in("en", "event-detail", world)).content.decode()
    french = client.get(url_in("fr", "event-detail", world)).content.decode()
    chinese = client.get(url_in("zh-hans", "event-detail", world)).content.decode()

    assert "<h1>Heritage Forum</h1>" in english
    assert "<h1>Forum du patrimoine</h1>" in french
    # No Chinese title: the English one stands in, and says it is English.
    assert '<h1 lang="en">Heritage Forum</h1>' in chinese


# --------------------------------------------------------------------------------------------
# English shown for a missing translation says so (WCAG 3.1.2)
# --------------------------------------------------------------------------------------------


def english_elements(html):
    """The text of every element marked lang="en" inside the page's <body>."""
    body = html[html.index("<body") :]
    # The language switcher names English in English, as it should.
    body = re.sub(r'<nav class="language-switcher.*?</nav>', "", body, flags=re.S)
    return re.findall(r'<([a-z0-9]+)[^>]* lang="en"[^>]*>([^<]*)', body)


def test_english_pages_mark_no_element_as_english(client, world):
    for page in PAGES:
        html = client.get(url_in("en", page, world)).content.decode()
        assert english_elements(html) == [], page


def test_a_missing_translation_shows_the_english_marked_as_english(client, world):
    """The Gobi reserve has only its English name; Orkhon a French one but no Chinese."""
    french_list = client.get(url_in("fr", "site-list", world)).content.decode()
    chinese_site = client.get(url_in("zh-hans", "site-detail", world)).content.decode()
    french_site = client.get(url_in("fr", "site-detail", world)).content.decode()

    assert ("a", "Great Gobi Biosphere Reserve") in english_elements(french_list)
    assert (
        "Paysage culturel de la vallée de l’Orkhon"
        not in dict(english_elements(french_list)).values()
    )
    assert ("h1", "Orkhon Valley Cultural Landscape") in english_elements(chinese_site)
    assert ("h1", "Orkhon Valley Cultural Landscape") not in english_elements(french_site)


def test_facet_choices_cards_and_related_names_are_marked_too(client, world):
    CountryFactory(name="Japan", slug="japan", iso2="JP", iso3="JPN")  # English only
    world["event"].summary = "In English only."
    world["event"].save()

    events = client.get("/fr/events/").content.decode()
    event = client.get(url_in("zh-hans", "event-detail", world)).content.decode()

    assert '<span lang="en">Japan</span>' in events  # a choice of the country filter
    assert ("p", "In English only.") in english_elements(events)  # the card's summary
    assert ("p", "In English only.") in english_elements(event)  # the page's lead
    # The centre's city and name, the country, in Chinese where they have Chinese: not marked.
    assert "蒙古" in event and ("a", "蒙古") not in english_elements(event)


def test_feeds_structured_data_and_maps_say_which_texts_are_english(client, world, settings):
    settings.MAPS = True
    Site.objects.filter(pk=world["untranslated"].pk).update(latitude=43.5, longitude=97)

    feed = client.get("/zh-hans/events/feed/?when=all").content.decode()
    event = client.get(url_in("zh-hans", "event-detail", world)).content.decode()
    french_event = client.get(url_in("fr", "event-detail", world)).content.decode()
    sites = client.get("/fr/sites/").content.decode()

    assert '<entry xml:lang="en">' in feed
    assert '"inLanguage": "en"' in event
    assert '"inLanguage": "fr"' in french_event
    assert '<title lang="en">Great Gobi Biosphere Reserve</title>' in sites


def test_an_untranslated_record_shows_its_english_name(client, world):
    page = client.get(url_in("fr", "site-list", world)).content.decode()

    assert "Paysage culturel de la vallée de l’Orkhon" in page
    assert "Great Gobi Biosphere Reserve" in page
    assert "Orkhon Valley Cultural Landscape" not in page


def test_related_records_and_the_office_profile_are_translated_too(client, world):
    page = client.get(url_in("zh-hans", "site-detail", world)).content.decode()

    assert "蒙古" in page  # the country
    assert "文化" in page  # the sector
    assert "联合国教科文组织测试办事处" in page  # the office, in the footer


def test_the_english_text_is_the_fallback_of_every_translated_field(world):
    event = world["event"]
    event.summary = "An English summary."
    event.save()

    with translation.override("fr"):
        assert event.title == "Forum du patrimoine"
        assert event.summary == "An English summary."
    with translation.override("zh-hans"):
        assert event.title == "Heritage Forum"


def test_published_and_ordering_use_the_active_language(world):
    SectorFactory(name="Zoology", name_fr="Astronomie", slug="zoology", code="ZOO")

    with translation.override("en"):
        english = list(Sector.objects.published().values_list("name", flat=True))
    with translation.override("fr"):
        french = list(Sector.objects.published().values_list("name", flat=True))
        found_by_french_name = Sector.objects.published().get(name="Astronomie")

    assert english == ["Culture", "Zoology"]
    assert french == ["Astronomie", "Culture (fr)"]
    assert found_by_french_name.slug == "zoology"


def test_a_draft_stays_hidden_in_every_language(client, world):
    world["event"].status = Publishable.Status.DRAFT
    world["event"].published_at = None
    world["event"].save()

    for language in LANGUAGES:
        assert client.get(url_in(language, "event-detail", world)).status_code == 404


# --------------------------------------------------------------------------------------------
# Dates written the way each language writes them, and complete catalogues
# --------------------------------------------------------------------------------------------

RANGES = {
    "one-day": ((2013, 10, 28), (2013, 10, 28)),
    "same-month": ((2013, 10, 22), (2013, 10, 25)),
    "across-months": ((2013, 9, 30), (2013, 10, 2)),
    "across-years": ((2013, 12, 30), (2014, 1, 2)),
}

WHEN = {
    "zh-hans": {
        "one-day": "2013年10月28日",
        "same-month": "2013年10月22日至25日",
        "across-months": "2013年9月30日至10月2日",
        "across-years": "2013年12月30日至2014年1月2日",
    },
    "fr": {
        "one-day": "28 octobre 2013",
        "same-month": "22–25 octobre 2013",
        "across-months": "30 septembre – 2 octobre 2013",
        "across-years": "30 décembre 2013 – 2 janvier 2014",
    },
}


@pytest.mark.parametrize("dates", RANGES)
@pytest.mark.parametrize("language", WHEN)
def test_the_when_line_writes_dates_in_the_language_of_the_page(language, dates):
    start, end = RANGES[dates]

    with translation.override(language):
        html = when(start_date=datetime.date(*start), end_date=datetime.date(*end))

    place = {"zh-hans": "Seoul，Republic of Korea"}.get(language, "Seoul, Republic of Korea")
    assert text_of(html) == f"{WHEN[language][dates]} · {place}"


def test_a_french_date_is_never_split_across_lines():
    with translation.override("fr"):
        html = when(start_date=datetime.date(2013, 9, 30), end_date=datetime.date(2013, 10, 2))

    assert "30\u00a0septembre</time> – <time" in html
    assert ">2\u00a0octobre\u00a02013</time>" in html


def catalogue(language):
    """A language's .po file as (flags, msgid, translations), one per entry; the header and
    obsolete entries left out."""

    def text(quoted):
        return "".join(ast.literal_eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', quoted))

    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields = re.findall(r'^(msgid|msgstr\S*) ((?:".*"\n?)+)', block, re.M)
        if fields and fields[0][0] == "msgid" and text(fields[0][1]):
            flags = ",".join(re.findall(r"^#,(.*)$", block, re.M)).replace(" ", "").split(",")
            yield flags, text(fields[0][1]), [text(value) for _key, value in fields[1:]]


@pytest.mark.parametrize("language", ["fr", "zh_Hans"])
def test_every_interface_string_is_translated_and_reviewed(language):
    entries = list(catalogue(language))

    assert len(entries) > 300
    assert [msgid for flags, msgid, _strs in entries if "fuzzy" in flags] == []
    assert [msgid for _flags, msgid, strs in entries if not all(strs)] == []


# --------------------------------------------------------------------------------------------
# The language switcher and alternate links
# --------------------------------------------------------------------------------------------


def test_the_switcher_links_to_the_same_page_in_every_language(client, world):
    response = client.get("/fr/sites/orkhon/")

    anchors = links_of(response).switcher
    assert [a["href"] for a in anchors] == [
        "/sites/orkhon/",
        "/fr/sites/orkhon/",
        "/zh-hans/sites/orkhon/",
    ]
    assert [a["lang"] for a in anchors] == LANGUAGES
    assert [a["hreflang"] for a in anchors] == LANGUAGES
    assert [a.get("aria-current") for a in anchors] == [None, "true", None]
    # Each language is named in itself.
    assert "简体中文" in response.content.decode()
    assert "Français" in response.content.decode()


def test_the_switcher_is_plain_links_without_script_or_form(client, world):
    page = client.get("/fr/").content.decode()
    switcher = page[page.index('class="language-switcher"') : page.index("</header>")]

    assert "<form" not in switcher and "<script" not in switcher and "onclick" not in switcher


def test_the_switcher_keeps_the_query_string(client, world):
    response = client.get("/zh-hans/sites/?page=1&designation=world-heritage")

    anchors = links_of(response).switcher
    assert anchors[0]["href"] == "/sites/?page=1&designation=world-heritage"
    assert anchors[1]["href"] == "/fr/sites/?page=1&designation=world-heritage"


def test_a_missing_page_offers_the_home_page_in_each_language(client, world):
    response = client.get("/fr/nowhere/")

    assert response.status_code == 404
    assert links_of(response).html_lang == "fr"
    assert [a["href"] for a in links_of(response).switcher] == ["/", "/fr/", "/zh-hans/"]
    # A missing page has no language versions to announce.
    assert links_of(response).alternates == {}


def test_the_head_names_every_language_version_with_absolute_urls(client, world):
    alternates = links_of(client.get("/sectors/culture/")).alternates

    assert alternates == {
        "en": "http://testserver/sectors/culture/",
        "fr": "http://testserver/fr/sectors/culture/",
        "zh-hans": "http://testserver/zh-hans/sectors/culture/",
        "x-default": "http://testserver/sectors/culture/",
    }


# --------------------------------------------------------------------------------------------
# Caching headers: no cookies, and nothing to vary on but the URL
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_public_pages_set_no_cookie_and_do_not_vary(client, world, language, page):
    response = client.get(url_in(language, page, world))

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    vary = {value.strip().lower() for value in response.headers.get("Vary", "").split(",")}
    assert "cookie" not in vary
    assert "accept-language" not in vary
    assert response.headers["Content-Language"] == language


def test_unprefixed_public_pages_are_english_whatever_the_browser_asks(client):
    response = client.get("/sectors/", headers={"accept-language": "fr"})

    assert response.headers["Content-Language"] == "en"
    assert "accept-language" not in response.headers.get("Vary", "").lower()
    assert client.get("/fr/admin/login/").status_code == 404
    assert client.get("/fr/healthz").status_code == 404
    assert client.get("/healthz").status_code == 200


# --------------------------------------------------------------------------------------------
# The admin in the staff member's language
# --------------------------------------------------------------------------------------------


def test_the_admin_speaks_the_language_the_browser_asks_for(client):
    french = client.get("/admin/login/", headers={"accept-language": "fr"})
    chinese = client.get("/admin/login/", headers={"accept-language": "zh-CN,zh;q=0.9"})
    other = client.get("/admin/login/", headers={"accept-language": "de"})

    assert french.headers["Content-Language"] == "fr"
    assert "Connexion" in french.content.decode()
    assert chinese.headers["Content-Language"] == "zh-hans"
    assert "accept-language" in french.headers["Vary"].lower()
    assert other.headers["Content-Language"] == "en"


def test_a_staff_member_s_chosen_language_wins_and_follows_them(client, publisher):
    client.force_login(publisher)
    client.post(reverse("admin:language"), {"language": "zh-hans"})

    home = client.get(reverse("admin:index"), headers={"accept-language": "fr"})
    client.logout()
    client.post(
        reverse("admin:login"),
        {"username": "publisher", "password": "a-long-test-password"},
        headers={"accept-language": "fr"},
    )
    after_sign_in = client.get(reverse("admin:index"), headers={"accept-language": "fr"})
    client.post(reverse("admin:language"), {"language": ""})
    browser_again = client.get(reverse("admin:index"), headers={"accept-language": "fr"})

    assert home.headers["Content-Language"] == "zh-hans"
    assert "站点管理" in home.content.decode() or "管理" in home.content.decode()
    assert after_sign_in.headers["Content-Language"] == "zh-hans"
    assert browser_again.headers["Content-Language"] == "fr"


def test_the_language_page_refuses_a_language_the_site_does_not_have(client, publisher):
    client.force_login(publisher)

    response = client.post(reverse("admin:language"), {"language": "de"})

    assert response.status_code == 200
    assert response.context["form"].errors


# --------------------------------------------------------------------------------------------
# Integrity: unique names, required English, sanitised rich text in every language
# --------------------------------------------------------------------------------------------


def test_records_without_a_french_name_do_not_clash():
    SectorFactory(name="Education", code="ED")
    SectorFactory(name="Culture", code="CLT")

    assert Sector.objects.filter(name_fr__isnull=True).count() == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_name_is_unique_in_each_language(language):
    field = f"name_{language.replace('-', '_')}"
    CountryFactory(iso2="MN", iso3="MNG", **{field: "Mongolia"})

    with pytest.raises(IntegrityError), transaction.atomic():
        CountryFactory(iso2="JP", iso3="JPN", **{field: "Mongolia"})


def test_the_same_text_in_two_languages_of_one_record_is_allowed():
    sector = SectorFactory(name="Culture", name_fr="Culture", code="CLT")

    sector.full_clean()


def test_the_english_name_is_required_and_the_others_are_not():
    site = SiteFactory.build(name_en="", name_fr="Un site", sector=SectorFactory())

    with pytest.raises(ValidationError) as error:
        site.full_clean(exclude=["countries"])

    assert "name_en" in error.value.message_dict
    assert "name_fr" not in error.value.message_dict


@pytest.mark.parametrize("language", ["en", "fr", "zh_hans"])
@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (SectorFactory, "body"),
        (CountryFactory, "body"),
        (SiteFactory, "body"),
        (CentreFactory, "body"),
        (EventFactory, "body"),
        (lambda **kwargs: OfficeProfile.objects.create(name="Office", **kwargs), "history"),
    ],
)
def test_rich_text_is_sanitised_in_every_language(factory, field, language):
    column = f"{field}_{language}"
    record = factory(**{column: SCRIPT})

    record.refresh_from_db()
    assert getattr(record, column) == CLEAN


@pytest.mark.parametrize("language", ["fr", "zh_hans"])
def test_rich_text_written_by_update_is_sanitised_in_every_language(language):
    sector = SectorFactory()

    Sector.objects.filter(pk=sector.pk).update(**{f"body_{language}": SCRIPT})

    sector.refresh_from_db()
    assert getattr(sector, f"body_{language}") == CLEAN


def test_saving_in_french_does_not_copy_the_english_text_into_french():
    sector = SectorFactory(body="<p>English only.</p>", tagline="English tagline")

    with translation.override("fr"):
        sector = Sector.objects.get(pk=sector.pk)
        assert sector.body == "<p>English only.</p>"  # the fallback, shown to the visitor
        sector.save()

    sector.refresh_from_db()
    assert sector.body_en == "<p>English only.</p>"
    assert sector.body_fr in {None, ""}
    assert sector.tagline_fr in {None, ""}


# --------------------------------------------------------------------------------------------
# The admin
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "make"),
    [
        (Sector, lambda: SectorFactory()),
        (Country, lambda: CountryFactory()),
        (Site, lambda: SiteFactory()),
        (Centre, lambda: CentreFactory()),
        (Event, lambda: EventFactory()),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_the_change_form_has_one_field_per_language(admin_client, model, make):
    record = make()
    form = admin_client.get(admin_url(model, "change", record.pk)).context["adminform"].form
    source = "title" if model is Event else "name"

    for language in ["en", "fr", "zh_hans"]:
        assert f"{source}_{language}" in form.fields
        assert f"body_{language}" in form.fields
    assert source not in form.fields and "body" not in form.fields
    assert form.fields[f"{source}_en"].required
    assert not form.fields[f"{source}_fr"].required


def test_the_admin_saves_all_three_languages(publisher_client):
    sector = SectorFactory(name="Culture", code="CLT")
    url = admin_url(Sector, "change", sector.pk)
    data = form_data(publisher_client.get(url)) | {
        "name_fr": "Culture (fr)",
        "name_zh_hans": "文化",
        "tagline_fr": "Le patrimoine et la créativité",
        "tagline_zh_hans": "遗产与创意",
        "body_fr": SCRIPT,
        "body_zh_hans": "<p>文化遗产</p>",
    }

    response = publisher_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    sector.refresh_from_db()
    assert (sector.name_en, sector.name_fr, sector.name_zh_hans) == (
        "Culture",
        "Culture (fr)",
        "文化",
    )
    assert sector.tagline_zh_hans == "遗产与创意"
    assert sector.body_fr == CLEAN
    assert sector.body_zh_hans == "<p>文化遗产</p>"


def test_an_empty_name_from_the_admin_is_stored_as_null(publisher_client):
    """Two records saved with no French name must not clash on the unique French column."""
    first, second = SectorFactory(code="ED"), SectorFactory(code="CLT")

    for sector in (first, second):
        url = admin_url(Sector, "change", sector.pk)
        response = publisher_client.post(url, form_data(publisher_client.get(url)))
        assert response.status_code == 302, response.context and response.context["errors"]

    assert Sector.objects.filter(name_fr__isnull=True).count() == 2


def test_the_admin_refuses_a_french_name_another_record_has(publisher_client):
    SectorFactory(name="Education", name_fr="Éducation", code="ED")
    sector = SectorFactory(name="Culture", code="CLT")
    url = admin_url(Sector, "change", sector.pk)

    response = publisher_client.post(
        url, form_data(publisher_client.get(url)) | {"name_fr": "Éducation"}
    )

    assert response.status_code == 200
    assert "name_fr" in response.context["adminform"].form.errors


def test_the_slug_is_prefilled_from_the_english_name(admin_client):
    page = admin_client.get(admin_url(Sector, "add")).content.decode()

    assert "&quot;#id_name_en&quot;" in page
    assert "&quot;#id_name_fr&quot;" not in page


def test_admin_search_finds_a_record_by_any_of_its_names(admin_client):
    SectorFactory(name="Culture", name_zh_hans="文化", code="CLT")
    SectorFactory(name="Education", code="ED")

    response = admin_client.get(admin_url(Sector, "changelist"), {"q": "文化"})

    assert [str(sector) for sector in response.context["cl"].result_list] == ["Culture"]


def test_the_office_profile_form_is_translated(admin_client):
    profile = OfficeProfile.objects.create(name="UNESCO Office")
    url = admin_url(OfficeProfile, "change", profile.pk)
    data = form_data(admin_client.get(url)) | {
        "name_fr": "Bureau de l’UNESCO",
        "head_title_zh_hans": "办事处主任",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    profile.refresh_from_db()
    assert profile.name_fr == "Bureau de l’UNESCO"
    assert profile.head_title_zh_hans == "办事处主任"


def test_restoring_a_version_brings_back_its_translations(publisher_client):
    sector = SectorFactory(name="Culture", code="CLT")
    url = admin_url(Sector, "change", sector.pk)
    publisher_client.post(
        url, form_data(publisher_client.get(url)) | {"name_fr": "Culture", "body_fr": "<p>Un</p>"}
    )
    publisher_client.post(
        url,
        form_data(publisher_client.get(url))
        | {"name_fr": "Culture (v2)", "body_fr": "<p>Deux</p>"},
    )
    sector.refresh_from_db()
    assert sector.name_fr == "Culture (v2)"
    first = Version.objects.get_for_object(sector).order_by("pk").first()
    revision_url = admin_url(Sector, "revision", sector.pk, first.pk)

    restore_form = publisher_client.get(revision_url)
    assert restore_form.context["adminform"].form["name_fr"].value() == "Culture"
    response = publisher_client.post(revision_url, form_data(restore_form))

    assert response.status_code == 302
    sector.refresh_from_db()
    assert (sector.name_en, sector.name_fr, sector.body_fr) == ("Culture", "Culture", "<p>Un</p>")


def test_recovering_a_deleted_record_brings_back_its_translations(publisher_client):
    event = EventFactory(title="Heritage Forum")
    url = admin_url(Event, "change", event.pk)
    publisher_client.post(
        url,
        form_data(publisher_client.get(url)) | {"title_zh_hans": "遗产论坛", "venue_fr": "Mairie"},
    )
    publisher_client.post(admin_url(Event, "delete", event.pk), {"post": "yes"})
    version = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    recover_url = admin_url(Event, "recover", version.pk)

    response = publisher_client.post(recover_url, form_data(publisher_client.get(recover_url)))

    assert response.status_code == 302
    recovered = Event.objects.get(pk=event.pk)
    assert (recovered.title_zh_hans, recovered.venue_fr) == ("遗产论坛", "Mairie")


# --------------------------------------------------------------------------------------------
# Demo data
# --------------------------------------------------------------------------------------------


def test_demo_data_writes_english_into_the_english_column_whatever_the_active_language():
    with translation.override("fr"):
        sector = _upsert(
            Sector,
            lookup={"code": "ED"},
            values={
                "name": "Education",
                "name_fr": "Éducation",
                "slug": "education",
                "status": Publishable.Status.PUBLISHED,
                "published_at": timezone.now() - datetime.timedelta(days=1),
            },
            tally=Tally(),
        )

    sector.refresh_from_db()
    assert (sector.name_en, sector.name_fr, sector.name_zh_hans) == ("Education", "Éducation", None)


def test_demo_names_are_complete_and_unique_per_language():
    official_ids = {row[0] for row in WORLD_HERITAGE}

    assert set(WORLD_HERITAGE_TEXTS) == official_ids
    for key in ("name_fr", "name_zh_hans"):
        names = [texts[key] for texts in WORLD_HERITAGE_TEXTS.values()]
        assert all(names) and len(set(names)) == len(names)
    for specs in (SECTORS, COUNTRIES):
        for field in ("name_fr", "name_zh_hans"):
            names = [spec[field] for spec in specs]
            assert all(names) and len(set(names)) == len(names)
