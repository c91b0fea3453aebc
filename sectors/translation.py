"""The texts of a sector in every language of settings.LANGUAGES (see unesco_office.translation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Sector


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ["name", "tagline", "summary", "body", "image_alt", "image_caption"]
    required_languages = {"en": ["name"]}
    # Names are unique in every language; an untranslated one is NULL, never a clashing "".
    empty_values = {"name": None}
