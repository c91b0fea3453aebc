"""What changed between two versions of a record in its history (django-reversion), field by
field, each language of a translated field on its own ("name [fr]").

A text shows which words went and came; rich text is compared as the text a visitor reads
(and said to have changed its formatting when only the markup did); other values show
before and after, as the admin form shows them (a choice by its label, a related record by
its name). Fields that only record when a version was saved are left out, and so is the
untranslated column that django-modeltranslation keeps beside the language columns.
"""

import dataclasses
import difflib
import html
import re

from django.db import models
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from unesco_office.core.i18n import same_value
from unesco_office.core.richtext import RichTextField

SKIPPED = {"id", "created_at", "updated_at", "image_width", "image_height"}
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclasses.dataclass
class FieldChange:
    label: str
    before: str
    after: str
    # For texts: (kind, words) pieces, kind one of "same", "removed", "added".
    pieces: list = dataclasses.field(default_factory=list)
    note: str = ""


def compared_fields(model):
    try:
        untranslated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        untranslated = set()
    fields = [
        field
        for field in model._meta.get_fields()
        if field.concrete
        and field.editable  # what staff write, not what the site keeps by itself
        and not field.auto_created
        and field.name not in SKIPPED
        and field.name not in untranslated
    ]
    return [*fields, *(f for f in model._meta.many_to_many if f.name not in untranslated)]


def compare_versions(model, older, newer):
    """[FieldChange] between two reversion Versions of one record, in the form's order."""
    changes = []
    seen = set()
    for field in compared_fields(model):
        if field.name in seen:
            continue
        seen.add(field.name)
        key = field.attname
        before, after = older.field_dict.get(key), newer.field_dict.get(key)
        if isinstance(field, models.ManyToManyField):
            before, after = sorted(map(str, before or [])), sorted(map(str, after or []))
        if same_value(before, after):
            continue
        changes.append(_change(field, before, after))
    return changes


def _change(field, before, after):
    label = str(field.verbose_name)
    if isinstance(field, RichTextField):
        text_before, text_after = _plain(before), _plain(after)
        if text_before == text_after:
            return FieldChange(label, "", "", note=_("Only the formatting changed."))
        return FieldChange(label, "", "", pieces=word_diff(text_before, text_after))
    if isinstance(field, models.CharField | models.TextField) and not field.choices:
        return FieldChange(label, "", "", pieces=word_diff(before or "", after or ""))
    return FieldChange(label, _display(field, before), _display(field, after))


def _plain(value):
    return " ".join(html.unescape(strip_tags(value or "")).split())


def word_diff(before, after):
    """The words of `after` against `before`: (kind, text) pieces."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(new[j1:j2])))
    return pieces


def _display(field, value):
    if value is None or value == "":
        return "—"
    if isinstance(field, models.ManyToManyField):
        names = field.related_model._base_manager.filter(pk__in=value)
        found = {str(obj.pk): str(obj) for obj in names}
        return ", ".join(found.get(pk, _("deleted record %(id)s") % {"id": pk}) for pk in value)
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._base_manager.filter(pk=value).first()
        return str(obj) if obj else _("deleted record %(id)s") % {"id": value}
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField | models.TimeField):
        return formats.localize(value)
    return str(value)
