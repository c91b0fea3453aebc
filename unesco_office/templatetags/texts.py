"""Template tags for the texts of records: which language a text is shown in, and what a
page shows once (see unesco_office.core.i18n and unesco_office.core.text).

Where a record has no text in the page's language, the English one is shown (as
django-modeltranslation falls back), and the element that holds it says so with
`lang="en"` (WCAG 3.1.2), so that screen readers read it as English:

    <h1{% lang site "name" %}>{{ site.name }}</h1>         an element holding one text
    {% text country "name" %}                             a text among others
"""

from django import template
from django.utils.functional import LazyObject, empty
from django.utils.html import format_html

from unesco_office.core import i18n
from unesco_office.core import text as texts

register = template.Library()


def _record(obj):
    """The record itself, out of a lazy wrapper (the office profile's)."""
    if isinstance(obj, LazyObject):
        if obj._wrapped is empty:
            obj._setup()
        return obj._wrapped
    return obj


@register.simple_tag
def lang(obj, field):
    """` lang="en"` when `obj.field` shows the English for a missing translation; "" else."""
    language = i18n.fallback_language(_record(obj), field) if obj else None
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def text(obj, field):
    """`obj.field`, in a `<span lang="en">` when it shows the English for a missing
    translation."""
    return i18n.marked(_record(obj), field) if obj else ""


@register.filter
def repeats(summary, body):
    """Whether the body begins with the summary (an imported description and its first
    sentence): the page then leaves the summary out."""
    return texts.repeats(summary, body)
