"""Template tags for the texts of records: what a page shows once (see
unesco_office.core.text)."""

from django import template

from unesco_office.core import text

register = template.Library()


@register.filter
def repeats(summary, body):
    """Whether the body begins with the summary (an imported description and its first
    sentence): the page then leaves the summary out."""
    return text.repeats(summary, body)
