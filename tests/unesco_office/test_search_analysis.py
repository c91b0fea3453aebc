"""How search reads text (unesco_office.core.analysis) and a visitor's query
(unesco_office.public.search.query): the same words for a record and for a query, in the
three forms a query takes (PostgreSQL, SQLite's FTS5, the rank's columns of words)."""

import pytest

from unesco_office.core.analysis import (
    best_split,
    chunks,
    document_words,
    edit_distance,
    fold,
    key_of,
    similarity,
    surface_words,
    trigrams,
)
from unesco_office.public.search.engine import Synonyms
from unesco_office.public.search.query import (
    All,
    Either,
    Phrase,
    Term,
    item_node,
    parse,
    question,
)


def words(text, language="en"):
    return document_words(text, language)[0]


# --- Folding and words -------------------------------------------------------------------------


def test_traditional_characters_full_width_letters_and_case_are_folded():
    assert fold("長城 萬里") == "长城 万里"
    assert fold("ＵＮＥＳＣＯ Œuvre") == "unesco oeuvre"
    assert key_of("  Forbidden   CITY ") == "forbidden city"
    assert key_of("Pékin") == "pekin"


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Heritages and workshops", ["heritag", "workshop"]),
        ("en", "The Great Wall of China", ["great", "wall", "china"]),
        # Stemmed with their accents, which the French stemmer reads, then without them.
        ("fr", "Éducation, écoles et forêts", ["educ", "ecol", "foret"]),
        ("fr", "ecole foret", ["ecol", "foret"]),
        ("fr", "l'œuvre d'Oulan-Bator", ["oeuvr", "oulan", "bator"]),
        # A stop word of any language is left out of every language's words.
        ("en", "Palacio de Bellas Artes", ["palacio", "bella", "art"]),
    ],
)
def test_english_and_french_words_are_stemmed_and_folded(language, text, expected):
    assert words(text, language) == expected


def test_chinese_is_cut_into_dictionary_words_without_particles():
    assert words("北京的故宫", "zh-hans") == ["北京", "故宫"]
    assert words("中国的世界遗产", "zh-hans") == ["中国", "世界遗产"]


def test_a_long_chinese_word_also_brings_the_words_of_its_best_split():
    found, pieces = document_words("万里长城和世界遗产地", "zh-hans")

    assert found == ["万里长城", "世界", "遗产地"]
    assert pieces == ["万里", "长城", "遗产"]


def test_a_split_that_would_cut_another_word_is_not_made():
    # 阿尔泰山 splits best as 阿尔泰 + 山: 泰山 (Mount Tai) is not one of its words.
    assert best_split("阿尔泰山") == []
    assert "泰山" not in document_words("蒙古阿尔泰山岩画", "zh-hans")[1]
    assert best_split("泰山") == []


def test_hangul_and_kana_are_read_as_pairs_of_characters():
    assert words("서울역 ソウル") == ["서울", "울역", "ソウ", "ウル"]
    assert words("서") == ["서"]


def test_surface_words_are_folded_but_not_stemmed():
    # Words of three letters or more: what a misspelt word may be.
    assert surface_words("Éducation à Oulan-Bator, 2025") == ["education", "oulan", "bator"]


@pytest.mark.parametrize(
    ("a", "b", "edits"),
    [
        ("mongolai", "mongolia", 1),
        ("mongolai", "mongol", 2),
        ("gret", "great", 1),
        ("wall", "wall", 0),
        ("", "abc", 3),
        ("ca", "abc", 3),  # a swap is of neighbours that no other edit touches
    ],
)
def test_edit_distance_counts_a_swap_as_one_edit(a, b, edits):
    assert edit_distance(a, b) == edits
    assert edit_distance(b, a) == edits


def test_trigram_similarity_is_pg_trgm_s():
    assert trigrams("cat") == {"  c", " ca", "cat", "at "}
    assert similarity("mongolai", "mongolia") == 0.5
    assert similarity("gret", "great") == 3 / 8


# --- Queries -------------------------------------------------------------------------------------


def test_the_syntax_words_phrases_alternatives_and_exclusions():
    parsed, cut = parse('heritage "great wall" or taishan -china -"silk road"', 10)

    assert not cut
    assert [[item.text for item in group] for group in parsed.groups] == [
        ["heritage"],
        ["great wall", "taishan"],
    ]
    assert [item.text for item in parsed.excluded] == ["china", "silk road"]
    assert not parsed.is_plain


def test_chinese_quotation_marks_quote_and_marks_alone_are_nothing_to_look_for():
    parsed, _cut = parse("“长城 北京” ? … \x7f", 10)

    assert [[(item.text, item.phrase) for item in group] for group in parsed.groups] == [
        [("长城 北京", True)]
    ]
    assert parse("? ! -", 10)[0].groups == []


def test_items_beyond_the_limit_are_left_out_and_said_so():
    parsed, cut = parse("a b c d e", 3)

    assert cut
    assert [group[0].text for group in parsed.groups] == ["a", "b", "c"]


def test_a_word_finds_its_stem_and_the_words_it_begins():
    parsed, _ = parse("Ulaan 100 it", 10)
    q = question(parsed, "en")

    # "it" is a stop word; a number finds itself only.
    assert q.groups == (Term("ulaan", prefix=True), Term("100"))
    assert q.tsquery() == "'ulaan':* & '100'"
    assert q.fts5() == '("ulaan" * AND "100")'


def test_a_hyphenated_word_is_a_phrase_of_its_parts():
    node = item_node(parse("Oulan-Bator", 10)[0].groups[0][0], "fr")

    assert node == Phrase(("oulan", "bator"))
    assert node.tsquery() == "('oulan' <-> 'bator')"
    assert node.fts5() == '"oulan bator"'


def test_a_chinese_word_finds_itself_or_the_words_of_its_best_split():
    node = item_node(parse("世界遗产", 10)[0].groups[0][0], "zh-hans")

    assert node == Either((Term("世界遗产"), All((Term("世界"), Term("遗产")))))
    assert node.tsquery() == "('世界遗产' | ('世界' & '遗产'))"
    assert node.fts5() == '("世界遗产" OR ("世界" AND "遗产"))'


def test_a_name_the_dictionary_does_not_know_is_found_as_its_characters_stand():
    # Dalanzadgad: 达兰, then characters the dictionary knows only one by one, in a row.
    node = item_node(parse("达兰扎达嘎德", 10)[0].groups[0][0], "zh-hans")

    assert node == All((Term("达兰"), Phrase(("扎", "达", "嘎", "德"))))


def test_exclusions_and_phrases_in_each_form():
    q = question(parse('"great wall" -china', 10)[0], "en")

    assert q.tsquery() == "('great' <-> 'wall') & !'china':*"
    assert q.fts5() == '("great wall") NOT "china" *'


def test_only_stop_words_ask_nothing_of_any_language():
    parsed, _ = parse("the of de", 10)

    assert all(question(parsed, language) is None for language in ("en", "fr", "zh-hans"))


def test_rank_conditions_read_the_columns_of_words():
    term = Term("wal", prefix=True)
    holds = "holds({}, %s)".format

    assert term.found_in("names", holds) == ("holds(names, %s)", [" wal"])
    assert term.found_in("names", holds, exactly=True) == ("holds(names, %s)", [" wal "])
    assert Phrase(("great", "wall")).found_in("texts", holds) == (
        "holds(texts, %s)",
        [" great wall "],
    )
    either = Either((Term("wall"), All((Term("great"), Term("wal", prefix=True)))))
    assert either.found_in("t", holds) == (
        "(holds(t, %s) OR (holds(t, %s) AND holds(t, %s)))",
        [" wall ", " great ", " wal"],
    )


def test_synonyms_widen_a_word_a_name_typed_in_words_and_a_chinese_word_inside_a_query():
    synonyms = Synonyms(
        {
            "forbidden city": ["紫禁城", "故宫"],
            "故宫": ["Forbidden City", "紫禁城"],
            "pekin": ["Beijing"],
        }
    )

    english = question(parse("Forbidden City palace", 10)[0], "en", synonyms)
    assert english.groups[0] == Either(
        (Phrase(("forbidden", "citi")), Term("紫禁城"), Term("故宫"))
    )
    assert english.groups[1] == Term("palac", prefix=True)

    # Words typed without spaces are groups of their own, as if spaced (each ranked alone).
    chinese = question(parse("北京的故宫", 10)[0], "zh-hans", synonyms)
    assert chinese.groups == (
        Term("北京"),
        Either((Term("故宫"), Phrase(("forbidden", "city")), Term("紫禁城"))),
    )
    assert question(parse("Pékin", 10)[0], "fr", synonyms).groups[0] == Either(
        (Term("pekin", prefix=True), Term("beijing", prefix=True))
    )


def test_the_name_key_is_the_plain_words_of_a_query():
    assert question(parse("Republic of Korea", 10)[0], "en").name_key == "republ korea"
    assert question(parse("Mongolia or Japan", 10)[0], "en").name_key == ""


def test_chunks_of_mixed_scripts_keep_their_order():
    found = chunks("UNESCO 北京 서울", "en")

    assert [chunk.script for chunk in found] == ["alphabetic", "chinese", "paired"]
