"""What the public site knows of each kind of public record beyond its own page: the sitemap
section that lists it, the sentence that describes it to search engines, its schema.org
data, and what the site search reads of it.

Each content app registers its records (in its `public.py`, imported when the app is ready),
so that the public site's own modules name no content app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class PublicRecord:
    model: type
    # The name of its file in the sitemap (/sitemap-<section>.xml); None: not listed.
    sitemap_section: str | None = None
    # Which of its published records the sitemap lists (those with a page of their own).
    listed: Q = field(default_factory=Q)
    # A sentence made of the record's facts, for a record that has no summary.
    describe: Callable[[Any], str] | None = None
    # Its schema.org data: (record, request, office profile) -> dict, or None.
    structured_data: Callable[[Any, Any, Any], dict | None] | None = None
    # What the site search reads of it (unesco_office.public.search.Source).
    search: Any = None


_registered: dict[type, PublicRecord] = {}


def register(record: PublicRecord):
    _registered[record.model] = record


def public_record(model) -> PublicRecord | None:
    return _registered.get(model)


def public_records() -> list[PublicRecord]:
    """Every registered kind of record, in the order the apps registered them."""
    return list(_registered.values())
