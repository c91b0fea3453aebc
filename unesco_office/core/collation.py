"""Names in the order each language sorts them: French as French dictionaries do (accents
after the letters they mark: Culture, École, Éducation, Île), Chinese by pinyin (北京 bei,
敦煌 dun, 上海 shang, 乌兰巴托 wu), English alphabetically. A name shown in English for a
missing translation sorts where its English spelling falls.

On PostgreSQL, the ICU collations the server ships (fr-x-icu, zh-x-icu…) sort. SQLite has
none: the same names get collations of their own on every connection (`register`), which
compare sort keys made here (`sort_key`): letters without their accents first, then the
accents; Chinese characters by their pinyin, read by pypinyin (which knows the readings of
words), before any other script, as ICU's Chinese collation does. The two can differ where
a character has several readings: ICU reads 长 as zhǎng, pypinyin reads 长城 as cháng.
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.db.models import Func
from django.utils.translation import get_language
from pypinyin import Style, lazy_pinyin

from unesco_office.core.i18n import in_active_language

# PostgreSQL's ICU collation for each language of the site.
ICU_COLLATIONS = {"en": "en-x-icu", "fr": "fr-x-icu", "zh-hans": "zh-x-icu"}
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SEPARATORS = re.compile(r"[\s\-‐–—'’.,()（）]+")


def sqlite_collation(language):
    return f"unesco_{language.replace('-', '_')}"


@lru_cache(maxsize=8192)
def sort_key(text, language):
    """What `text` sorts by in `language` (see the module's docstring)."""
    text = text or ""
    if language.startswith("zh") and _HAN.match(text):
        syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
        return (0, tuple(_latin_key(s) for s in syllables), text)
    return (1, (_latin_key(text),), text)


def _latin_key(text):
    """Letters first, without accents or case (œ as oe), then the accents, then the case."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    letters = letters.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return (_SEPARATORS.sub(" ", letters).strip(), folded, text)


def compare(language):
    """A comparison function of two texts, for SQLite's create_collation."""

    def compared(a, b):
        key_a, key_b = sort_key(a, language), sort_key(b, language)
        return (key_a > key_b) - (key_a < key_b)

    return compared


def register(sender, connection, **kwargs):
    """Give a new SQLite connection a collation for each language of the site (connected
    to django.db.backends.signals.connection_created)."""
    if connection.vendor != "sqlite":
        return
    for language, _name in settings.LANGUAGES:
        connection.connection.create_collation(sqlite_collation(language), compare(language))


class Collated(Func):
    """An expression sorted in the active language's collation (chosen when the query is
    compiled, so a kept queryset sorts in the language of each request)."""

    template = "%(expressions)s COLLATE %(collation)s"

    def as_sql(self, compiler, connection, **extra_context):
        language = get_language() or settings.LANGUAGE_CODE
        if connection.vendor == "postgresql":
            collation = connection.ops.quote_name(ICU_COLLATIONS.get(language, "und-x-icu"))
        else:
            collation = connection.ops.quote_name(sqlite_collation(language))
        return super().as_sql(compiler, connection, collation=collation, **extra_context)


def by_name(field="name"):
    """The order of a list by name, in the active language (its English where untranslated)
    and its collation."""
    return Collated(in_active_language(field))
