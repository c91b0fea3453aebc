"""Translated fields as queries read them.

django-modeltranslation keeps a translated field in one column per language (`title_en`,
`title_fr`, `title_zh_hans`) beside the field's own, and rewrites queries on `title` to the
active language's column. A language's column that nobody filled in holds NULL: an empty
text, whether "" or NULL, is a missing translation, and pages show the English instead.
"""

from functools import cache, lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone, get_timezone_location, get_timezone_name
from babel.numbers import format_decimal
from django.conf import settings
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, gettext, override, pgettext
from modeltranslation.utils import build_localized_fieldname, resolution_order


def language_columns(model, name):
    """The columns of a text field: one a language when the field is translated
    (django-modeltranslation's `title_en`, `title_fr`…), else the field's own."""
    return list(_language_columns(model, name))


@cache
def _language_columns(model, name):
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if getattr(getattr(field, "translated_field", None), "name", None) == name
    ) or (name,)


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


def fallback_language(obj, field):
    """The language `obj.field` is shown in when it is not the active one: the default
    language ("en") where the active language's text is missing and the English one is
    shown instead (WCAG 3.1.2: such text is marked `lang="en"`); None otherwise, and for a
    field that is not translated or not read from the database (which it never reads)."""
    language = get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if not language or language == default:
        return None
    columns = obj.__dict__
    own = build_localized_fieldname(field, language)
    english = build_localized_fieldname(field, default)
    if own not in columns or columns[own] not in (None, ""):
        return None
    return default if columns.get(english) not in (None, "") else None


def fallback_language_of(field):
    """fallback_language() as a query expression: the default language's code where the
    active language's column of `field` is empty, else NULL."""
    language = get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if not language or language == default:
        return Value(None, output_field=CharField())
    own = build_localized_fieldname(field, language)
    return Case(
        When(Q(**{f"{own}__isnull": True}) | Q(**{own: ""}), then=Value(default)),
        default=Value(None),
        output_field=CharField(),
    )


def marked(obj, field):
    """`obj.field` as HTML: escaped, and in a `<span lang="en">` when it shows the English
    for a missing translation (see fallback_language)."""
    value = getattr(obj, field)
    language = fallback_language(obj, field)
    if language:
        return format_html('<span lang="{}">{}</span>', language, value)
    return conditional_escape(value)


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


def format_number(value, *, places=2, whole=True):
    """A number as the active language writes it (CLDR): 23,392.5 · 23 392,5 · 23,392.5;
    `places` decimals, none for a whole number when `whole` (2,151.55 · 19.40 · 23,392)."""
    decimals = "" if (whole and value == int(value)) or not places else "." + "0" * places
    return format_decimal(value, format=f"#,##0{decimals}", locale=babel_locale(get_language()))


def coordinates(latitude, longitude):
    """A place's latitude and longitude as the active language writes them, to four decimals:
    “40.4167° N, 116.0833° E”, « 40,4167° N, 116,0833° E », “北纬 40.4167°，东经 116.0833°”."""
    degrees = {
        "latitude": format_number(abs(latitude), places=4, whole=False),
        "longitude": format_number(abs(longitude), places=4, whole=False),
    }
    if latitude < 0:
        north = pgettext("a latitude south of the equator", "%(latitude)s° S")
    else:
        north = pgettext("a latitude north of the equator", "%(latitude)s° N")
    if longitude < 0:
        east = pgettext("a longitude west of Greenwich", "%(longitude)s° W")
    else:
        east = pgettext("a longitude east of Greenwich", "%(longitude)s° E")
    return pgettext("a latitude, then a longitude", "%(latitude)s, %(longitude)s") % {
        "latitude": north % degrees,
        "longitude": east % degrees,
    }


@lru_cache(maxsize=256)
def time_zone_name(zone, language):
    """A time zone's name in a language, from the Unicode CLDR, never an abbreviation that
    several zones share ("CST"): “China Standard Time”, « heure normale de la Chine »,
    “中国标准时间”. A zone whose CLDR name belongs to another country's zones (Pyongyang's
    is “Korean Standard Time”, and in Chinese names the Republic of Korea) is named by its
    city: “Pyongyang time”, « heure de Pyongyang », “平壤时间”."""
    locale = babel_locale(language)
    tz = get_timezone(zone)
    if _named_after_its_own_country(zone):
        return get_timezone_name(tz, width="long", zone_variant="standard", locale=locale)
    city = get_timezone_location(tz, locale=locale, return_city=True)
    with override(language):
        return gettext("%(city)s time") % {"city": city}


def _named_after_its_own_country(zone):
    """Whether CLDR's name of the zone (its "metazone") names the zone's own country, or a
    region no other country shares."""
    metazone = get_global("meta_zones").get(zone)
    territory = get_global("zone_territories").get(zone)
    if metazone is None or territory is None:
        return True  # UTC and the like
    zones = get_global("meta_zones")
    territories = {get_global("zone_territories").get(z) for z, m in zones.items() if m == metazone}
    if len(territories - {None, "001"}) <= 1:
        return True
    english = get_timezone_name(
        get_timezone(zone), width="long", zone_variant="standard", locale="en"
    )
    return Locale.parse("en").territories.get(territory, "") in english
