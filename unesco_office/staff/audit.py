"""The audit trail: who published, unpublished, imported, restored or deleted which record.

Every path that does one of these saves or deletes the record, so the trail is written by
the model signals of every public record (Publishable), whatever saved it: an admin form, a
bulk action, a spreadsheet or World Heritage import, a restore from the history, a delete,
a management command or the shell. What the signals cannot know, the user and the path,
comes from the context the caller opens with `acting()`: `AuditMiddleware` opens one for
every request with its user; an import or a restore opens one inside it that names itself.
Outside any context (a command, the shell) an entry has no user and says "command line".

A publication is a change of status: draft to published (or a new published record), and
an unpublication the reverse. Publishable.from_db() keeps the status read from the
database, so telling them apart costs no query. An entry is written in the transaction of
the change, so a change rolled back (an import's dry run, a preview) leaves none.
"""

import contextlib
import dataclasses
from contextvars import ContextVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from unesco_office.core.models import Publishable
from unesco_office.models import AuditEntry, ReviewRequest

Action = AuditEntry.Action


@dataclasses.dataclass(frozen=True)
class Context:
    user: object = None
    via: str = AuditEntry.Via.COMMAND
    # An action every save in the context is (an import, a restore), with its detail.
    action: str | None = None
    detail: str = ""
    # (content type id, object id, action) already written in this context: a restore
    # saves the record twice, and one restore is one entry.
    written: set = dataclasses.field(default_factory=set, compare=False)


_context: ContextVar[Context] = ContextVar("audit_context", default=Context())  # noqa: B039


@contextlib.contextmanager
def acting(**changes):
    """Run the block in a context that changes the current one: user, via, action, detail."""
    token = _context.set(dataclasses.replace(_context.get(), written=set(), **changes))
    try:
        yield
    finally:
        _context.reset(token)


class AuditMiddleware:
    """Every request acts as its user, through the admin unless something says otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting(user=request.user, via=AuditEntry.Via.ADMIN):
            return self.get_response(request)


def record(action, obj, *, detail="", once=False):
    """Write one entry about `obj` by the context's user; `once`: unless the context wrote
    this action about it already."""
    context = _context.get()
    user = context.user if getattr(context.user, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(obj)
    if once:
        key = (content_type.pk, obj.pk, action)
        if key in context.written:
            return None
        context.written.add(key)
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        via=context.via,
        content_type=content_type,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        detail=detail,
    )


def publication_detail(obj):
    """When a publication takes effect, if not at once, and when it ends, if it does."""
    parts = []
    if obj.published_at and obj.published_at > timezone.now():
        parts.append(_("from %(time)s") % {"time": _when(obj.published_at)})
    if obj.unpublish_at:
        parts.append(_("until %(time)s") % {"time": _when(obj.unpublish_at)})
    return ", ".join(parts)


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "Y-m-d H:i T")


def _saved(sender, instance, created, raw, **kwargs):
    context = _context.get()
    loaded = getattr(instance, "_loaded_status", None)
    instance._loaded_status = instance.status
    if context.action:
        record(context.action, instance, detail=context.detail, once=True)
    if raw:
        # A restore or a fixture: what the record was before is not known here.
        return
    published = instance.status == Publishable.Status.PUBLISHED
    if (created and published) or (loaded == Publishable.Status.DRAFT and published):
        record(Action.PUBLISHED, instance, detail=publication_detail(instance))
        # Published, by whatever path: its round of review, if any, is over.
        user = context.user if getattr(context.user, "is_authenticated", False) else None
        instance.reviews.awaiting().update(
            state=ReviewRequest.State.APPROVED, decided_at=timezone.now(), decided_by=user
        )
    elif loaded == Publishable.Status.PUBLISHED and not published:
        record(Action.UNPUBLISHED, instance)


def _deleted(sender, instance, **kwargs):
    record(Action.DELETED, instance)


def connect():
    """Listen to every public record's saves and deletes (called by the app's ready())."""
    for model in apps.get_models():
        if issubclass(model, Publishable):
            post_save.connect(_saved, sender=model, dispatch_uid=f"audit-save-{model._meta}")
            post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit-del-{model._meta}")
