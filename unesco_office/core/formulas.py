"""Text in a CSV file that a spreadsheet program must not run as a formula.

A cell that starts with = + - @, a tab or a carriage return is read as a formula by
spreadsheet programs (OWASP, "CSV injection"): `=HYPERLINK(…)` in a title would become a
link, or worse, on the computer of whoever opens the file. Such a text is written with an
apostrophe before it, which the programs take as "this is text". The public downloads
(unesco_office.public.downloads) and the admin's CSV export do so.

The admin's export is also imported back, so the apostrophe must come off again and only
then: `restored()` undoes `neutralised()` exactly. A text that already starts with
apostrophes before one of those characters (`'=1`) gets one more, so that it too comes back
as it was.
"""

# What makes a spreadsheet program read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """The text, with an apostrophe before it when a spreadsheet program would take it for
    a formula."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """The text that `neutralised()` was given."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text
