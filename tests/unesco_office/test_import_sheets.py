"""Reading a spreadsheet within caps (unesco_office.staff.imports.sheets), and text kept from
running as a formula (unesco_office.core.formulas)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unesco_office.core.formulas import neutralised, restored
from unesco_office.staff.imports.sheets import (
    NulCharacterError,
    TooManyColumnsError,
    TooManyRowsError,
    capped_rows,
    csv_rows,
)

WIDE = 16_384  # the columns of a sheet, A to XFD


def test_empty_cells_and_rows_at_the_end_are_left_out_and_those_between_kept():
    rows = [
        ("slug", "title_en", None, ""),
        ("a", "A", None, None, *[None] * WIDE),
        (),
        (None, "  ", ""),
        ("b", "B"),
        (None,) * WIDE,
        (),
    ]

    assert capped_rows(rows, max_rows=3, max_columns=3) == [
        ("slug", "title_en"),
        ("a", "A"),
        (),
        (),
        ("b", "B"),
    ]


def test_past_the_row_cap_the_rows_of_data_are_counted_up_to_twice_the_cap():
    header = [("slug",)]

    with pytest.raises(TooManyRowsError) as held:
        capped_rows(header + [("x",), ()] * 3 + [("x",)] * 3, max_rows=5, max_columns=3)
    with pytest.raises(TooManyRowsError) as more:
        capped_rows(header + [("x",)] * 11, max_rows=5, max_columns=3)
    with pytest.raises(TooManyRowsError) as formatted:
        capped_rows(header + [("x",)] + [()] * 10, max_rows=5, max_columns=3)

    assert (held.value.held, more.value.held, formatted.value.held) == (5 + 1, None, None)
    assert "The file holds 6 rows of data: an import takes at most 5 rows." in held.value.message
    assert "more than 10 rows below its header (counting empty ones)" in more.value.message
    assert capped_rows(header + [("x",)] * 5 + [()] * 5, max_rows=5, max_columns=3)


def test_a_value_past_the_column_cap_is_refused_with_its_row_and_width():
    rows = [("slug",), ("a", *[None] * 500, "far", *[None] * (WIDE - 502))]

    with pytest.raises(TooManyColumnsError) as caught:
        capped_rows(rows, max_rows=5, max_columns=200)

    assert (caught.value.row, caught.value.columns) == (2, 502)
    assert caught.value.message == (
        "Row 2 of the file has values in 502 columns: an import takes at most 200 columns."
    )


def test_a_nul_character_is_refused_with_its_row_and_column():
    rows = [("slug", "title_en"), ("forum", "Forum"), ("steppe", "Steppe\x00forum")]

    with pytest.raises(NulCharacterError) as caught:
        capped_rows(rows, max_rows=5, max_columns=200)

    assert (caught.value.row, caught.value.column) == (3, "title_en")
    assert caught.value.message.startswith(
        "Row 3 of the file holds a NUL character (in its column “title_en”)"
    )


def test_a_huge_csv_is_refused_without_reading_it_all():
    text = "slug,title_en\r\n" + "a,b\r\n" * 1_000_000

    with pytest.raises(TooManyRowsError) as caught:
        csv_rows(text, max_rows=100, max_columns=10)

    assert caught.value.held is None


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("https://example.org")', '\'=HYPERLINK("https://example.org")'),
        ("+33 1 45 68 10 00", "'+33 1 45 68 10 00"),
        ("-5 °C", "'-5 °C"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=1", "''=1"),
        ("'quoted'", "'quoted'"),
        ("Forum", "Forum"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text, written):
    assert neutralised(text) == written
    assert restored(written) == text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab "), max_size=8) | st.text(max_size=20))
def test_restored_undoes_neutralised(text):
    written = neutralised(text)

    assert restored(written) == text
    assert not written.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")) or (
        written.startswith("'")
    )
