"""Translated fields as queries read them.

django-modeltranslation keeps a translated field in one column per language (`title_en`,
`title_fr`, `title_zh_hans`) beside the field's own, and rewrites queries on `title` to the
active language's column. A language's column that nobody filled in holds NULL: an empty
text, whether "" or NULL, is a missing translation, and pages show the English instead.
"""

from functools import cache

from babel import Locale
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order


def language_columns(model, name):
    """The columns of a text field: one a language when the field is translated
    (django-modeltranslation's `title_en`, `title_fr`…), else the field's own."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if getattr(getattr(field, "translated_field", None), "name", None) == name
    ] or [name]


@cache
def text_columns(model, names):
    """Every column of the fields `names`, in every language."""
    return [column for name in names for column in language_columns(model, name)]


def untranslated(queryset):
    """The queryset with field names taken as they are written, not as the active language's.

    django-modeltranslation rewrites `values_list("name")` into several columns in no fixed
    order, which a UNION cannot line up; queries that name their columns themselves say so."""
    return queryset.rewrite(False) if hasattr(queryset, "rewrite") else queryset


def in_active_language(field):
    """A translated text as a query expression: its column in the active language, else in
    the languages django-modeltranslation falls back to (English), as the pages show it; ""
    where none has any. `field` may follow relations: `in_active_language("country__name")`.
    A values() query reads it without modeltranslation's work on each row."""
    *path, name = field.split("__")
    columns = [
        "__".join([*path, build_localized_fieldname(name, language)])
        for language in resolution_order(get_language())
    ]
    return Coalesce(
        *(NullIf(F(column), Value("")) for column in columns), Value(""), output_field=CharField()
    )


def same_value(stored, value):
    """Whether a field keeps its value, an empty text being the same whether "" or NULL (a
    translation column not filled in yet holds NULL)."""
    if isinstance(stored, str | None) and isinstance(value, str | None):
        return (stored or "") == (value or "")
    return stored == value


def babel_locale(language):
    """Babel's locale for one of the site's language codes ("zh-hans" -> zh_Hans)."""
    return Locale.parse(language, sep="-")


def territory_name(iso2, language):
    """A country's name in a language as the Unicode CLDR gives it; "" when it has none."""
    return babel_locale(language).territories.get(iso2.upper(), "")
