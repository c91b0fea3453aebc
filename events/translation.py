"""The texts of an event in every language (see unesco_office.translation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ["title", "summary", "body", "venue", "city", "image_alt", "image_caption"]
    required_languages = {"en": ["title"]}
