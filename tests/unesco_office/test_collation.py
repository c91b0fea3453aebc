"""Lists sorted by name as each language sorts names (unesco_office.core.collation), on
SQLite and on PostgreSQL."""

import pytest
from django.utils import translation

from countries.models import Site
from sectors.models import Sector
from tests.factories import SectorFactory, SiteFactory
from unesco_office.core.collation import sort_key

pytestmark = pytest.mark.django_db


def names(client, url, selector_start, selector_end):
    html = client.get(url).content.decode()
    return html[html.index(selector_start) : html.index(selector_end)]


def positions(html, *words):
    return [html.index(word) for word in words]


def test_french_sorts_accented_letters_with_their_letters(client):
    for name, french in [
        ("Sciences", "Sciences"),
        ("Education", "Éducation"),
        ("Culture", "Culture"),
    ]:
        SectorFactory(name=name, name_fr=french, order=0)

    html = client.get("/fr/sectors/").content.decode()

    culture, education, sciences = positions(html, ">Culture<", ">Éducation<", ">Sciences<")
    assert culture < education < sciences


def test_chinese_sorts_by_pinyin_and_english_stays_english(client):
    for english, chinese in [
        ("Shanghai site", "上海"),
        ("Beijing site", "北京"),
        ("Ulaanbaatar site", "乌兰巴托"),
        ("Dunhuang site", "敦煌"),
    ]:
        SiteFactory(name=english, name_zh_hans=chinese)

    html = client.get("/zh-hans/sites/").content.decode()
    english = client.get("/sites/").content.decode()

    bei, dun, shang, wu = positions(html, ">北京<", ">敦煌<", ">上海<", ">乌兰巴托<")
    assert bei < dun < shang < wu
    b, d, s, u = positions(
        english, ">Beijing site<", ">Dunhuang site<", ">Shanghai site<", ">Ulaanbaatar site<"
    )
    assert b < d < s < u


def test_an_untranslated_name_sorts_where_its_english_falls(client):
    SiteFactory(name="Basin", name_fr="Bassin d’Ubs Nuur")
    SiteFactory(name="Great Gobi Biosphere Reserve")  # no French name
    SiteFactory(name="Island", name_fr="Île volcanique de Jeju")

    html = client.get("/fr/sites/").content.decode()

    bassin, gobi, ile = positions(
        html, ">Bassin d’Ubs Nuur<", ">Great Gobi Biosphere Reserve<", ">Île volcanique de Jeju<"
    )
    assert bassin < gobi < ile


def test_the_queryset_orders_by_the_active_language_s_collation():
    SectorFactory(name="Zoology", name_fr="Zoologie", name_zh_hans="动物学", order=0)
    SectorFactory(name="Astronomy", name_fr="Astronomie", name_zh_hans="天文学", order=0)
    SectorFactory(name="Ecology", name_fr="Écologie", name_zh_hans="生态学", order=0)

    with translation.override("fr"):
        french = [s.name for s in Sector.objects.in_name_order("order")]
    with translation.override("zh-hans"):
        chinese = [s.name for s in Sector.objects.in_name_order("order")]

    assert french == ["Astronomie", "Écologie", "Zoologie"]
    assert chinese == ["动物学", "生态学", "天文学"]  # dong, sheng, tian


@pytest.mark.parametrize(
    ("language", "words", "expected"),
    [
        ("fr", ["Zèbre", "école", "Ecole", "Ève", "eau", "Œuvre", "ouest"], ["eau", "Ecole", "école", "Ève", "Œuvre", "ouest", "Zèbre"]),
        ("zh-hans", ["乌兰巴托", "北京", "上海", "Great Gobi", "敦煌"], ["北京", "敦煌", "上海", "乌兰巴托", "Great Gobi"]),
        ("en", ["b", "A", "á", "c"], ["A", "á", "b", "c"]),
    ],
)  # fmt: skip
def test_sort_keys(language, words, expected):
    assert sorted(words, key=lambda word: sort_key(word, language)) == expected


def test_site_list_order_is_by_name_in_every_language_on_the_database():
    SiteFactory(name="B site", name_fr="A site")
    SiteFactory(name="A site", name_fr="B site")

    with translation.override("fr"):
        assert [s.name for s in Site.objects.in_name_order()] == ["A site", "B site"]
    with translation.override("en"):
        assert [s.name for s in Site.objects.in_name_order()] == ["A site", "B site"]
