"""The translation desk: for every record, field and language, whether its translation is
missing, up to date or out of date.

- *Missing*: the English text exists and the language's does not.
- *Out of date*: the English changed after the translation was last saved. Each time a
  translation is saved (whatever saves it: the admin's form, the translate view, an import,
  the shell), the English it was made from is kept (TranslationSource, written by
  `record_sources`, connected to every translated model's saves). A translation whose
  English reads otherwise now is out of date, field by field: editing the English body
  leaves the French title up to date.
- *Up to date* otherwise.

Staff see it as a filter and a column on every content list, counts on the admin home, and
a translate view that shows the English beside the language's fields, with what changed in
the English since the translation was made. With REQUIRE_COMPLETE_TRANSLATIONS, a record is
published only once nothing needs translating.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, OuterRef, Q, TextChoices, TextField, Value, When
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from unesco_office.models import TranslationSource
from unesco_office.staff.compare import word_diff

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class Status(TextChoices):
    MISSING = "missing", _("missing")
    OUT_OF_DATE = "out-of-date", _("out of date")
    UP_TO_DATE = "up-to-date", _("up to date")


def translated_languages():
    """(code, name) of the languages translated from the default one."""
    return [(code, name) for code, name in settings.LANGUAGES if code != DEFAULT]


def translated_fields(model):
    """The names of a model's translated fields, in the order they were registered (none
    for a model that has none; never asked before modeltranslation has registered them)."""
    if model not in translator.get_registered_models():
        return ()
    return tuple(translator.get_options_for_model(model).fields)


def column(field, language):
    return build_localized_fieldname(field, language)


def _empty(value):
    return value is None or value == ""


# --- One record ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldStatus:
    field: str
    language: str
    status: Status
    english: str
    translation: str
    # What the translation was made from, when it is out of date.
    source: str = ""

    @property
    def changes(self):
        """How the English changed since the translation was made: (kind, words) pieces."""
        return word_diff(self.source, self.english) if self.source else []


def field_statuses(record, language, sources=None):
    """[FieldStatus] of each translated field of `record` that has an English text.
    `sources` are the record's TranslationSource rows (read when not given)."""
    if sources is None:
        sources = TranslationSource.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )
    kept = {(source.field, source.language): source.source for source in sources}
    statuses = []
    for field in translated_fields(type(record)):
        english = getattr(record, column(field, DEFAULT))
        if _empty(english):
            continue
        translation = getattr(record, column(field, language))
        if _empty(translation):
            status, source = Status.MISSING, ""
        elif (field, language) in kept and kept[field, language] != english:
            status, source = Status.OUT_OF_DATE, kept[field, language]
        else:
            status, source = Status.UP_TO_DATE, ""
        statuses.append(
            FieldStatus(field, language, status, english, translation or "", source=source)
        )
    return statuses


def language_status(statuses):
    """A language's status for a whole record: its worst field's."""
    found = {status.status for status in statuses}
    for status in (Status.MISSING, Status.OUT_OF_DATE):
        if status in found:
            return status
    return Status.UP_TO_DATE


def untranslated(record, sources=None, written=()):
    """[(language name, [field labels])] of what still needs translating in `record`; the
    columns `written` (a form's changed fields: translations saved with it) are done."""
    needed = []
    for code, name in translated_languages():
        pending = [
            column(status.field, code)
            for status in field_statuses(record, code, sources)
            if status.status != Status.UP_TO_DATE
        ]
        labels = [
            str(record._meta.get_field(name_).verbose_name)
            for name_ in pending
            if name_ not in written
        ]
        if labels:
            needed.append((str(_(name)), labels))
    return needed


def untranslated_message(needed):
    parts = "; ".join(f"{language}: {', '.join(fields)}" for language, fields in needed)
    return _(
        "Translations are required before publishing, and these are missing or out of "
        "date: %(fields)s."
    ) % {"fields": parts}


# --- Lists ---------------------------------------------------------------------------------


def needs_translation(model, language):
    """A condition on `model`'s records: something needs translating into `language` (a
    field missing, or out of date)."""
    fields = translated_fields(model)
    missing = Q(pk__in=[])
    for field in fields:
        english, own = column(field, DEFAULT), column(field, language)
        missing |= (
            ~Q(**{f"{english}__isnull": True})
            & ~Q(**{english: ""})
            & (Q(**{f"{own}__isnull": True}) | Q(**{own: ""}))
        )
    if not fields:
        return missing
    english_now = Case(
        *(When(field=field, then=OuterRef(column(field, DEFAULT))) for field in fields),
        default=Value(""),
        output_field=TextField(),
    )
    out_of_date = Exists(
        TranslationSource.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            language=language,
        ).exclude(source=english_now)
    )
    return missing | out_of_date


# --- Keeping the sources -------------------------------------------------------------------


def record_sources(sender, instance, raw=False, **kwargs):
    """After a save: for each translation saved with a new text, keep the English it was
    made from; forget the translations that were emptied. Connected to every translated
    model's post_save (see apps.py)."""
    fields = translated_fields(sender)
    if raw or not fields:
        return
    content_type = ContentType.objects.get_for_model(sender)
    kept = {
        (source.field, source.language): source
        for source in TranslationSource.objects.filter(
            content_type=content_type, object_id=instance.pk
        )
    }
    changed, emptied = [], []
    for field in fields:
        english = getattr(instance, column(field, DEFAULT)) or ""
        for language, _name in translated_languages():
            translation = getattr(instance, column(field, language))
            source = kept.get((field, language))
            if _empty(translation):
                if source is not None:
                    emptied.append(source.pk)
            elif source is None or source.translation != translation:
                changed.append(
                    TranslationSource(
                        content_type=content_type,
                        object_id=instance.pk,
                        field=field,
                        language=language,
                        source=english,
                        translation=translation,
                    )
                )
    if emptied:
        TranslationSource.objects.filter(pk__in=emptied).delete()
    if changed:
        TranslationSource.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "field", "language"],
            update_fields=["source", "translation", "saved_at"],
        )


def confirm(record, language, fields):
    """Staff checked these translations and they still say what the English says now:
    they are up to date again."""
    content_type = ContentType.objects.get_for_model(record)
    for field in fields:
        translation = getattr(record, column(field, language))
        if _empty(translation):
            continue
        TranslationSource.objects.update_or_create(
            content_type=content_type,
            object_id=record.pk,
            field=field,
            language=language,
            defaults={
                "source": getattr(record, column(field, DEFAULT)) or "",
                "translation": translation,
            },
        )
