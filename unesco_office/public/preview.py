"""A record's public page shown before (or without) publication: a preview or a share link.

The page is rendered by the record's own public view and template (see PublicDetailView),
with a banner that says it is not published, `<meta name="robots" content="noindex">`, an
`X-Robots-Tag: noindex` header and `Cache-Control: private, no-store`, so that neither a
page cache, a proxy nor a search engine keeps it.
"""

import copy
import dataclasses
import datetime

from django.urls import resolve
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView


@dataclasses.dataclass(frozen=True)
class Preview:
    """What a page shown before publication is, for its banner."""

    FORM = "form"  # the admin form's content, saved nowhere
    SAVED = "saved"  # the record as saved, from the admin
    SHARED = "shared"  # the record as saved, through a share link

    source: str
    expires_at: datetime.datetime | None = None
    # A new image was chosen in the form: it shows once the record is saved.
    image_pending: bool = False

    @property
    def is_shared(self):
        return self.source == self.SHARED

    @property
    def is_unsaved(self):
        return self.source == self.FORM


class PublicDetailView(DetailView):
    """A record's public page: a published record, or in a preview any record.

    Subclasses give `get_records()`: every record with what its page reads (related records
    selected or prefetched), whatever its status; visitors get its published ones.
    """

    preview = None

    def get_records(self):
        raise NotImplementedError

    def get_queryset(self):
        records = self.get_records()
        return records if self.preview else records.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)


def render_preview(request, record, preview):
    """The record's public page in the active language, as its own view renders it, marked
    as a preview. The record must be in the database (a form preview saves it in a
    transaction that it then rolls back)."""
    match = resolve(record.get_absolute_url())
    page_request = copy.copy(request)
    page_request.method = "GET"
    if not preview.is_shared:
        # From the admin: the page's header reads the public page's address, not the admin's.
        page_request.resolver_match = match
    view = match.func.view_class.as_view(**match.func.view_initkwargs, preview=preview)
    response = view(page_request, *match.args, **match.kwargs)
    response.render()
    return private(response)


def private(response):
    """Never stored by a cache, never indexed."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
