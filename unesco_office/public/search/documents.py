"""Search documents kept current: built for every record in every language when it is saved,
when what it belongs to is renamed, and in bulk for imports.

A record's documents are rebuilt whole (deleted and written again) in one transaction with
the save. Drafts have documents too: whether a record may be found is decided when searching
(its published() rule), so publishing, scheduling or withdrawing needs no rebuild.

`deferred()` gathers the records saved inside it and builds their documents at its end, a
few queries per kind of record: imports, the demo loader and bulk actions use it.
"""

import contextvars
from collections import defaultdict
from contextlib import contextmanager
from functools import cache, lru_cache
from itertools import batched

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.utils import translation

from unesco_office.core.analysis import document_words, surface_words
from unesco_office.core.text import plain_text
from unesco_office.models import SearchDocument, SearchWord

from .sources import LANGUAGES, WEIGHTS, source_of_model, sources

BATCH = 500
# A tsvector's positions end at 16383; longer texts keep their first words.
MAX_WORDS = 16000
# Texts this long or shorter have their words kept once analysed (see short_text_words).
SHORT_TEXT = 60
# A section's words start this far after the previous section's, so that no phrase spans two.
GAP = 1

_pending = contextvars.ContextVar("search_pending", default=None)


def build(source, record, language):
    """The record's SearchDocument in a language (not saved) and the words of its name. A
    record not yet translated into a language still has a document in it: the names of
    what it belongs to (its country, sectors, designation…), which are."""
    with translation.override(language):
        texts = source.texts(record, language)
    columns, vocabulary = {}, set()
    for weight in WEIGHTS:
        words, pieces = [], []
        for text in texts[weight]:
            plain = plain_text(text)
            found, split = short_text_words(plain, language)
            words += found
            pieces += split
            if weight == "A":  # what a misspelt name is compared with
                vocabulary.update(surface_words(plain))
        columns[weight] = (words + pieces)[:MAX_WORDS]
    name = document_words(source.own_name(record, language), language)[0]
    document = SearchDocument(
        content_type=ContentType.objects.get_for_model(source.model),
        object_id=record.pk,
        language=language,
        name_key=" ".join(name),
        name_length=min(len(name), 1000),
        names=_spaced(columns["A"]),
        texts=_spaced(columns["B"]),
        more=_spaced(columns["C"]),
        vector=tsvector(columns) if connection.vendor == "postgresql" else None,
    )
    return document, vocabulary


def short_text_words(text, language):
    """document_words(), kept for short texts: the names of what records belong to (a
    country, a sector, a kind of event) come again in thousands of documents."""
    if len(text) > SHORT_TEXT:
        return document_words(text, language)
    return _short_text_words(text, language)


@lru_cache(maxsize=10_000)
def _short_text_words(text, language):
    words, pieces = document_words(text, language)
    return tuple(words), tuple(pieces)


def _spaced(words):
    return f" {' '.join(words)} "


def tsvector(columns):
    """A tsvector's text: each word with its positions and weight, the sections apart."""
    positions = defaultdict(list)
    position = 0
    for weight in WEIGHTS:
        for word in columns[weight]:
            position += 1
            positions[(word, weight)].append(min(position, 16383))
        position += GAP
    entries = []
    for (word, weight), found in positions.items():
        quoted = word.replace("\\", "\\\\").replace("'", "''")
        entries.append(f"'{quoted}':" + ",".join(f"{p}{weight}" for p in found[:256]))
    return " ".join(entries)


def index(model, pks=None):
    """Build the documents of these records of a model (every record when pks is None)."""
    source = source_of_model(model)
    if source is None:
        return
    records = source.for_documents()
    if pks is not None:
        records = records.filter(pk__in=list(pks))
    content_type = ContentType.objects.get_for_model(model)
    for batch in batched(records.order_by("pk").iterator(chunk_size=BATCH), BATCH):
        documents, vocabulary = [], set()
        for record in batch:
            for language in LANGUAGES:
                document, words = build(source, record, language)
                documents.append(document)
                vocabulary |= words
        with transaction.atomic():
            SearchDocument.objects.filter(
                content_type=content_type, object_id__in=[record.pk for record in batch]
            ).delete()
            SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
            SearchWord.objects.bulk_create(
                [SearchWord(word=word) for word in sorted(vocabulary) if len(word) <= 60],
                batch_size=BATCH,
                ignore_conflicts=True,
            )
    if pks is not None:
        # Records that are gone (deleted meanwhile) keep no document.
        kept = set(model.objects.filter(pk__in=list(pks)).values_list("pk", flat=True))
        if gone := set(pks) - kept:
            SearchDocument.objects.filter(content_type=content_type, object_id__in=gone).delete()


def index_missing():
    """Build the documents of every record that has none (after migrating a site that had no
    documents yet, or loading records without their saves' signals)."""
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        # NOT EXISTS, which PostgreSQL runs as an anti-join: NOT IN over a subquery too large
        # to hash is read again for every record (minutes at 100,000 events).
        indexed = SearchDocument.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
        missing = source.model.objects.filter(~Exists(indexed)).values_list("pk", flat=True)
        if missing := list(missing):
            index(source.model, missing)


def after_migrate(using="default", **kwargs):
    """post_migrate: build the documents of the records that have none."""
    if using == "default":
        index_missing()


def rebuild():
    """Every document built again, and the words that suggest corrections gathered anew."""
    SearchWord.objects.all().delete()
    for source in sources():
        index(source.model)


@contextmanager
def deferred():
    """Build the documents of the records saved inside, in bulk, at the end."""
    if _pending.get() is not None:  # already deferred further out
        yield
        return
    pending = defaultdict(set)
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if connection.in_atomic_block and transaction.get_rollback():
        return  # a dry run: what it saved is undone
    for model, pks in pending.items():
        index(model, pks)


def follow(model, pks):
    """These records' documents are out of date: build them now, or at the end of the
    deferred() block around."""
    if not pks:
        return
    if (pending := _pending.get()) is not None:
        pending[model] |= set(pks)
        return
    index(model, pks)


# --- Signals --------------------------------------------------------------------------------


def connect():
    """Follow the saves of every model that search reads, and of what their documents name
    (a record's documents are deleted with it: Publishable.search_documents). The receivers take every sender and ask whether it is one: the apps register their
    sources when they are ready, after this app."""
    post_save.connect(_saved, dispatch_uid="search-saved")
    m2m_changed.connect(_linked, dispatch_uid="search-linked")
    pre_save.connect(_renaming, dispatch_uid="search-renaming")
    post_save.connect(_renamed, dispatch_uid="search-renamed")


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and source_of_model(sender) is not None:
        follow(sender, [instance.pk])


def _linked(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse and source_of_model(type(instance)) is not None:
        follow(type(instance), [instance.pk])
    elif reverse and source_of_model(model) is not None:
        # Linked from the other side (a country's sites): the records on this side.
        follow(model, pk_set if pk_set else model.objects.values_list("pk", flat=True))


# A record's documents hold the names of the records it belongs to (an event's country and
# sectors): renaming one of those rebuilds the documents that hold its name.


@cache
def named_elsewhere():
    """{model: [(source, lookup)]}: the models whose names other records' documents hold,
    and the lookup from each of those records to it."""
    found = defaultdict(list)
    for source in sources():
        for lookup in source.names_from:
            field = source.model._meta.get_field(lookup)
            found[field.related_model].append((source, lookup))
    return found


def _names(instance):
    return {f.attname: getattr(instance, f.attname) for f in _name_fields(type(instance))}


def _name_fields(model):
    return [f for f in model._meta.concrete_fields if f.name.startswith("name")]


def _renaming(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or sender not in named_elsewhere():
        return
    before = sender.objects.filter(pk=instance.pk).values(
        *[f.attname for f in _name_fields(sender)]
    )
    instance._search_names_before = next(iter(before), None)


def _renamed(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_search_names_before", None)
    if raw or created or before is None or before == _names(instance):
        return
    for source, lookup in named_elsewhere().get(sender, []):
        pks = source.model.objects.filter(**{lookup: instance.pk}).values_list("pk", flat=True)
        follow(source.model, list(pks))
