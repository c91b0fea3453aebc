"""The office profile's texts in every language of settings.LANGUAGES.

django-modeltranslation adds one column per language to each field named here (name_en,
name_fr, name_zh_hans…). Reading `profile.name` gives the active language's text, or the
English one while no translation exists (MODELTRANSLATION_FALLBACK_LANGUAGES). Queries on
`name` are rewritten to the active language's column. The original column (`name`) is left
in place but holds no defined language: read and write the per-language columns.

Each app registers its own models in its translation.py, with the same conventions:
- English is required wherever the model requires the field (`required_languages`).
- A unique field stays unique in every language's column, and an untranslated value is
  stored as NULL, never "", so records without a French name do not clash (Django's forms
  already do this for nullable columns; `empty_values` states it for these fields).
- Rich text is sanitised in every language: each column is a RichTextField of its own.
"""

from modeltranslation.translator import TranslationOptions, register

from unesco_office.models import OfficeProfile


@register(OfficeProfile)
class OfficeProfileTranslationOptions(TranslationOptions):
    fields = ["name", "short_name", "tagline", "intro", "history", "head_title", "address"]
    required_languages = {"en": ["name"]}
