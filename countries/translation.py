"""The texts of countries, sites and centres in every language (see unesco_office.translation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Centre, Country, Site


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ["name", "summary", "body", "image_alt", "image_caption"]
    required_languages = {"en": ["name"]}
    # Names are unique in every language; an untranslated one is NULL, never a clashing "".
    empty_values = {"name": None}


@register(Site)
class SiteTranslationOptions(TranslationOptions):
    fields = ["name", "summary", "body", "image_alt", "image_caption"]
    required_languages = {"en": ["name"]}


@register(Centre)
class CentreTranslationOptions(TranslationOptions):
    fields = ["name", "summary", "body", "city", "image_alt", "image_caption"]
    required_languages = {"en": ["name"]}
    empty_values = {"name": None}
