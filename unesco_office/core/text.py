"""Plain text cut to size for summaries, in English, French and Chinese.

A summary is the first sentence of a text, or the start of it cut at a word with an
ellipsis when that sentence is long. A sentence ends at ".", "!" or "?" followed by a space
and a capital letter, unless the word before the full stop is an abbreviation ("c.",
"A.D.", "av. J.-C.", "St.") or a single letter (an initial); in Chinese, at "。", "！" or
"？" (and the closing quotation marks after them).
"""

import html
import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Abbreviations whose full stop never ends a sentence (the next word belongs with them),
# lowercase, without the final full stop: English and French, as the World Heritage List and
# the office's pages use them. Those that end a date ("B.C.", "A.D.", "av. J.-C.") or a list
# ("etc.") are not here: a capital after them starts a sentence.
ABBREVIATIONS = frozenset(
    {
        # English
        "a.m", "approx", "apr", "aug", "c", "ca", "capt", "cf", "co", "col", "dec", "dept",
        "dr", "e.g", "est", "feb", "fig", "gen", "gov", "i.e", "inc", "incl", "jan", "jr", "jul",
        "jun", "lt", "ltd", "mar", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "oct", "p",
        "p.m", "pp", "prof", "rev", "sep", "sept", "sr", "st", "ste", "vol", "vs",
        # French
        "av", "boul", "cie", "env", "hab", "mgr", "mlle", "mm", "mme", "n°", "p.-ê", "s", "ss",
    }
)  # fmt: skip
# A full stop, exclamation or question mark (with closing quotation marks or brackets after
# it), then space, then what may start a sentence: a capital letter, perhaps after an opening
# quotation mark or bracket.
_LATIN_END = re.compile(r"[.!?][\"'»”’)\]]*(?=\s+[«“\"'(\[]?\s?[A-ZÀ-ÖØ-Þ])")
_CHINESE_END = re.compile(r"[。！？][”’」』）]*")
_WORD_BEFORE = re.compile(r"([\w.'’-]*)$")
# Runs of white space, except the no-break space that French puts before ":" or "?".
_WHITESPACE = re.compile(r"[^\S\xa0]+")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|td|th)>|<br\s*/?>", re.IGNORECASE)


# Characters that end a line or control a terminal: C0 (tab and line feed included), DEL, C1
# and the Unicode line and paragraph separators. None belongs in a one-line value: in an
# e-mail subject, an HTTP header, an iCal property or a file name they break the format.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def refuse_control_characters(value):
    """Validator of one-line text: no line break, tab, NUL or other control character."""
    match = _CONTROL.search(str(value)) if value else None
    if match:
        raise ValidationError(
            _(
                "Keep this on one line: it holds a line break or another control character "
                "(%(character)s at position %(position)d)."
            ),
            code="control_characters",
            # The first of a run: a line break is often two ("\r\n").
            params={"character": f"U+{ord(match.group()[0]):04X}", "position": match.start() + 1},
        )


def one_line(text):
    """`text` with each run of control characters (line breaks included) as one space: for
    values written before they were refused, where they reach a header, a subject, iCal or a
    file name."""
    return _CONTROL.sub(" ", str(text))


def plain_text(text):
    """HTML as one line of text: tags removed (a paragraph's end as a space), entities
    read, white space collapsed."""
    text = _BLOCK_END.sub(" ", text or "")
    return _WHITESPACE.sub(" ", html.unescape(strip_tags(text))).strip()


def first_sentence(text):
    """The first sentence of plain `text`: up to the first end of sentence that is not an
    abbreviation's full stop, else the whole text."""
    ends = [match.end() for match in _CHINESE_END.finditer(text)]
    for match in _LATIN_END.finditer(text):
        if match.group(0)[0] == "." and _is_abbreviation(text[: match.start()]):
            continue
        ends.append(match.end())
    return text[: min(ends)].strip() if ends else text


def _is_abbreviation(before):
    word = _WORD_BEFORE.search(before).group(1).lower().lstrip("'’")
    return len(word.rstrip(".")) <= 1 or word.rstrip(".") in ABBREVIATIONS


def summary_of(text, *, length):
    """The first sentence of `text` (HTML or plain), or about `length` characters of it cut
    at a word with an ellipsis, whichever is shorter."""
    first = first_sentence(plain_text(text))
    if len(first) <= length:
        return first
    cut = first[:length]
    if " " in cut[length // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:，、；：") + "…"


def repeats(summary, body):
    """Whether the text of `body` (HTML) begins with `summary`: a page then shows the
    summary once, as the start of the body."""
    summary = plain_text(summary).removesuffix("…")
    return bool(summary) and plain_text(body).startswith(summary)
