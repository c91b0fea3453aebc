"""One search for the site search and every list's `?q=`: which records a text finds, how
well, and what to say about it.

A record is found when one of its documents (one a language, see documents.py) holds what
the query asks of some language (see query.py): PostgreSQL through the documents' tsvector
and its GIN index, SQLite through an FTS5 table of the same words. Both read the same words,
analysed in Python, so they find the same records.

The rank is the same SQL on both: for each required group of the query, where the document
holds it (the name, word for word 60, as a word's start 40; the summary and related names
30 and 20; the body 10), added up; a document whose whole name is the query gains 200, one
whose name has fewer than 9 words up to 9 (the fewer, the more); a record that editors
promoted for the query 100,000. A record ranks as its best document; records that rank
alike come in the order of the kinds (countries, sectors, sites, centres, events).
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, TrigramSimilarity
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import Expression, RawSQL
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from unesco_office.core.analysis import (
    edit_distance,
    fold,
    key_of,
    script_of,
    similarity,
    unaccented,
)
from unesco_office.core.cache import remember
from unesco_office.models import (
    PromotedResult,
    SearchDocument,
    SearchMiss,
    SearchSynonym,
    SearchWord,
)

from .query import parse, question
from .sources import LANGUAGES

MAX_WORDS = 10
FTS = "unesco_office_searchdocument_fts"
# A word this long or longer that no record holds is one to suggest another for; how alike
# the other must be (pg_trgm's default threshold).
SUGGEST_LENGTH = 3
ALIKE = 0.3
CANDIDATES = 20
# The rank's parts (see Rank).
PROMOTED = 100_000
WHOLE_NAME = 200
SHORT_NAME = 9


class Rank(Expression):
    """A document's rank (see the module's docstring) by the question of its language, as one
    SQL expression over its columns: the same rank built of Case and When costs the ORM far
    more to resolve and compile than the database takes to run it."""

    COLUMNS = ("language", "names", "texts", "name_key", "name_length")
    # Where a group is found (the column, word for word or not) and what it adds.
    PLACES = (("names", True, 60), ("names", False, 40), ("texts", True, 30), ("texts", False, 20))
    ELSEWHERE = 10

    def __init__(self, questions, prefix):
        super().__init__(output_field=IntegerField())
        self.questions = questions  # ((language, Question), …)
        self.columns = [F(f"{prefix}{name}") for name in self.COLUMNS]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        column = {
            name: compiler.compile(expression)[0]
            for name, expression in zip(self.COLUMNS, self.columns, strict=True)
        }
        if connection.vendor == "postgresql":
            holds = "strpos({}, %s) > 0".format
        else:
            holds = "instr({}, %s) > 0".format
        sql, params = [f"CASE {column['language']}"], []
        for language, asked in self.questions:
            rank, rank_params = self.question_sql(asked, column, holds)
            sql.append(f"WHEN %s THEN {rank}")
            params += [language, *rank_params]
        sql.append("ELSE 0 END")
        return "(" + " ".join(sql) + ")", params

    def question_sql(self, asked, column, holds):
        """Where the document holds each group, then a little for a short name: of two names
        that hold the words, the one with fewer other words is the closer match."""
        parts, params = [], []
        for group in asked.groups:
            cases = []
            for name, exactly, score in self.PLACES:
                found, found_params = group.found_in(column[name], holds, exactly)
                cases.append(f"WHEN {found} THEN {score}")
                params += found_params
            parts.append(f"CASE {' '.join(cases)} ELSE {self.ELSEWHERE} END")
        if asked.name_key:
            parts.append(f"CASE WHEN {column['name_key']} = %s THEN {WHOLE_NAME} ELSE 0 END")
            params.append(asked.name_key)
        length = column["name_length"]
        parts.append(
            f"{SHORT_NAME} - CASE WHEN {length} < {SHORT_NAME} THEN {length} ELSE {SHORT_NAME} END"
        )
        return "(" + " + ".join(parts) + ")", params


class Lexemes(SearchQuery):
    """A tsquery written out, its lexemes taken as they are (the words are analysed here,
    not by a text search configuration)."""

    def as_sql(self, compiler, connection, **extra_context):
        return "%s::tsquery", (self.source_expressions[0].value,)


@dataclass(frozen=True)
class Synonyms:
    """Editors' synonyms: each term's key, and the terms it stands with."""

    groups: dict  # key of a term: [the other terms, as typed]

    def others(self, text):
        return self.groups.get(key_of(text), [])

    @property
    def longest(self):
        return max((len(key.split()) for key in self.groups), default=1)


def synonyms():
    """The synonyms, read once per change of the content (0 queries until then)."""

    def read():
        groups = {}
        for synonym in SearchSynonym.objects.all():
            terms = synonym.term_list()
            for term in terms:
                others = [other for other in terms if key_of(other) != key_of(term)]
                groups.setdefault(key_of(term), []).extend(others)
        return groups

    found = remember("search:synonyms", read)
    return Synonyms(read() if found is None else found)


def promoted():
    """{query key: [(content type id, record id)]} in the editors' order."""

    def read():
        found = {}
        for pin in PromotedResult.objects.order_by("query_key", "order", "pk"):
            found.setdefault(pin.query_key, []).append((pin.content_type_id, pin.object_id))
        return found

    found = remember("search:promoted", read)
    return read() if found is None else found


class Search:
    """A visitor's search text: what it asks of each language's documents, the problems to
    report, and the conditions and rank that find and order the records."""

    def __init__(self, text, *, every_group=True):
        parsed, cut = parse(text, MAX_WORDS)
        if not every_group:
            parsed = parsed.any_group()
        self.text = text.strip()
        self.key = key_of(self.text)
        self.parsed = parsed
        self.problems = []
        if cut:
            self.problems.append(
                ngettext(
                    "Only the first %(count)s word was searched for.",
                    "Only the first %(count)s words were searched for.",
                    MAX_WORDS,
                )
                % {"count": MAX_WORDS}
            )
        found = synonyms() if parsed.groups else None
        self.questions = {
            language: q
            for language in LANGUAGES
            if (q := question(parsed, language, found)) is not None
        }
        if parsed.groups and not self.questions:
            self.problems.append(
                gettext(
                    "“%(text)s” holds only words too common to search for (such as “the” or "
                    "“de”): add a word that says what you are looking for."
                )
                % {"text": self.text}
            )
        elif not parsed.groups and parsed.excluded:
            self.problems.append(
                gettext("Say what to look for as well as what to leave out (“-word”).")
            )

    def __bool__(self):
        return bool(self.questions)

    def loosened(self):
        """The search that finds what holds any of its words or groups (not all), or None
        when it has only one group to require."""
        if len(self.parsed.groups) < 2:
            return None
        return Search(self.text, every_group=False)

    @property
    def marked_words(self):
        """The typed words to mark in results (not the syntax: `or`, left-out words)."""
        return [item.text for group in self.parsed.groups for item in group]

    # --- Finding ----------------------------------------------------------------------------

    def matches(self, prefix=""):
        """A condition on search documents (through `prefix`, a relation's path to them) that
        holds for the documents the search finds: those that answer any language's question
        (a French word's stem found in an English document is found too). One condition on
        the words alone, which the words' index answers."""
        questions = list(dict.fromkeys(self.questions.values()))
        if connection.vendor == "postgresql":
            query = " | ".join(f"({q.tsquery()})" for q in questions)
            return Q(**{f"{prefix}vector": Lexemes(query)})
        # FTS5's rows are the documents' rows (content_rowid).
        query = " OR ".join(f"({q.fts5()})" for q in questions)
        sql = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"  # noqa: S608 (a constant name)
        return Q(**{f"{prefix}id__in": RawSQL(sql, [query])})  # noqa: S611 (a parameter)

    def record_ids(self, model):
        """The ids of the records of a model the search finds, as a subquery."""
        documents = SearchDocument.objects.filter(
            self.matches(), content_type=ContentType.objects.get_for_model(model)
        )
        return documents.values("object_id")

    def filter(self, queryset):
        """A list's records that the search finds (the list keeps its own order); all of them
        when the text holds nothing to look for (marks alone)."""
        if not self.parsed.groups and not self.parsed.excluded:
            return queryset
        if not self:
            return queryset.none()
        return queryset.filter(pk__in=self.record_ids(queryset.model))

    # --- Ranking -----------------------------------------------------------------------------

    def rank(self, prefix):
        """A document's rank (through `prefix`), by its language's question."""
        return Rank(tuple(self.questions.items()), prefix)

    @cached_property
    def promoted(self):
        """[(content type id, record id)] that editors put first for this search."""
        return promoted().get(self.key, [])

    def promoted_ids(self, model):
        content_type = ContentType.objects.get_for_model(model).pk
        return [pk for type_id, pk in self.promoted if type_id == content_type]

    def promotion(self, model):
        """PROMOTED for a record promoted for this search, else 0 (an expression)."""
        if ids := self.promoted_ids(model):
            return Case(When(pk__in=ids, then=Value(PROMOTED)), default=Value(0))
        return Value(0)

    # --- Suggesting -------------------------------------------------------------------------

    def suggestion(self):
        """The search with each word that no record's name holds (not even as a word's
        start) replaced by the most alike word of a name, when there is one: "Gret Wall" →
        "great Wall". None when every word is known or none has a like word. At most two
        queries a word typed."""
        items = [
            item
            for group in self.parsed.groups
            for item in group
            if not item.phrase and is_spelt(item.text)
        ]
        replaced = {}
        for item in items:
            word = unaccented(fold(item.text))
            if len(word) < SUGGEST_LENGTH or known(word):
                continue
            if (alike := most_alike(word)) is not None:
                replaced[item.text] = alike
        if not replaced:
            return None
        words = [replaced.get(word, word) for word in self.text.split()]
        return " ".join(words)


def is_spelt(text):
    """Whether a typed item is one word of letters of an alphabet (what may be misspelt)."""
    return text.isalpha() and script_of(text) == "alphabetic"


def known(word):
    return SearchWord.objects.filter(word__startswith=word).exists()


def most_alike(word):
    """The word of the records' names most like `word`, None when none is: of the words at
    least ALIKE to it by pg_trgm's similarity (CANDIDATES of the most alike), the fewest
    edits away, then the most alike, then the first in alphabetical order ("mongolai" →
    "mongolia", one swap, before "mongol", as alike by trigrams but two letters away)."""
    if connection.vendor == "postgresql":
        alike = (
            SearchWord.objects.filter(word__trigram_similar=word)
            .annotate(alike=TrigramSimilarity("word", word))
            .order_by("-alike", "word")
            .values_list("alike", "word")[:CANDIDATES]
        )
    else:
        words = SearchWord.objects.values_list("word", flat=True)
        scored = [(score, other) for other in words if (score := similarity(word, other)) >= ALIKE]
        alike = sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:CANDIDATES]
    ranked = [(edit_distance(word, other), -score, other) for score, other in alike]
    return min(ranked)[2] if ranked else None


def record_miss(text):
    """Count a search that found nothing, under its text (folded) and today's date: nothing
    of who searched. One or two queries."""
    query, day = key_of(text)[:100], timezone.localdate()
    if not SearchMiss.objects.filter(query=query, day=day).update(searches=F("searches") + 1):
        SearchMiss.objects.get_or_create(query=query, day=day, defaults={"searches": 1})
