"""Summaries cut from imported text (unesco_office.core.text): on real sentence ends, in
English, French and Chinese, never at an abbreviation."""

import pytest

from unesco_office.core.text import repeats, summary_of


@pytest.mark.parametrize(
    ("html", "summary"),
    [
        ("<p>First sentence. Second one.</p>", "First sentence."),
        ("<p>In c. 220 BC the walls were joined. Then more.</p>", "In c. 220 BC the walls were joined."),
        ("<p>Built in A.D. 1420 by the Ming. Later rebuilt.</p>", "Built in A.D. 1420 by the Ming."),
        ("<p>Vers 220 av. J.-C., les murs furent reliés. Puis.</p>", "Vers 220 av. J.-C., les murs furent reliés."),
        ("<p>Construit vers 220 av. J.-C. Le site fut agrandi.</p>", "Construit vers 220 av. J.-C."),
        ("<p>The Mt. Taishan temples, by St. John. More.</p>", "The Mt. Taishan temples, by St. John."),
        ("<p>Drawn by J. Smith and P. Wang. More.</p>", "Drawn by J. Smith and P. Wang."),
        ("<p>Un site&nbsp;: la muraille. Puis.</p>", "Un site\xa0: la muraille."),
        ("<p>Le temple (IXe s.) est célèbre. Oui.</p>", "Le temple (IXe s.) est célèbre."),
        ("<p>第一句。第二句。</p>", "第一句。"),
        ("<p>“长城”始建于公元前。后来又有修建。</p>", "“长城”始建于公元前。"),
        ("<p>Walls joined.</p><p>A second paragraph.</p>", "Walls joined."),
        ("<p>" + "word " * 100 + "</p>", ("word " * 60).strip() + "…"),
        ("<p>" + "长城" * 200 + "</p>", "长城" * 150 + "…"),
        ("", ""),
    ],
)  # fmt: skip
def test_a_summary_is_the_first_real_sentence_or_about_300_characters(html, summary):
    assert summary_of(html, length=300) == summary


def test_a_summary_that_the_body_begins_with_is_a_repeat():
    body = "<p>Walls joined and rebuilt. A second sentence.</p>"

    assert repeats("Walls joined and rebuilt.", body)
    assert repeats("Walls joined and …", body)
    assert not repeats("Another text.", body)
    assert not repeats("", body)
