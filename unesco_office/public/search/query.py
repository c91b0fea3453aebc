"""A visitor's search text, read as a web search engine reads it, and what it asks of a
document in each language.

Syntax: words (each must be found), "quoted phrases" (the words in that order), `or` between
two items (either will do), `-word` or `-"a phrase"` (left out). Chinese quotation marks
(“…”, 「…」) quote too.

Each item is analysed as each language analyses text (see analysis): a French document is
asked for the French stems of the words, an English one for the English stems. A word of
three letters or more also finds the words it begins (Ulaan → Ulaanbaatar); a Chinese word
finds itself, or the words of its best split together (世界遗产 finds 世界 … 遗产地); a
hyphenated word (Oulan-Bator) is a phrase of its parts.

A Node answers the same question in three forms, which must agree: a PostgreSQL tsquery,
an SQLite FTS5 query and, for ranking, an SQL condition on a document's column of words
(' word word ', see documents.py), written with `holds(column, needle)`: the database's
test that a column holds a string.
"""

import re
from dataclasses import dataclass, field

from unesco_office.core.analysis import best_split, chunks

QUOTES = re.compile(r"[“”「」『』\"]")
ITEMS = re.compile(r'(-?)"([^"]*)"?|(\S+)')
PREFIX_LENGTH = 3
WORDLIKE = re.compile(r"[^\W_]")


# --- What a document is asked ---------------------------------------------------------------


class Node:
    def tsquery(self) -> str:
        raise NotImplementedError

    def fts5(self) -> str:
        raise NotImplementedError

    def found_in(self, column, holds, exactly=False):
        """(sql, params): the node's words are in a column of words, as the rank reads it;
        `exactly`: no word taken as the start of a longer one."""
        raise NotImplementedError


def _lexeme(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _fts5_string(text):
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True)
class Term(Node):
    word: str
    prefix: bool = False

    def tsquery(self):
        return _lexeme(self.word) + (":*" if self.prefix else "")

    def fts5(self):
        return _fts5_string(self.word) + (" *" if self.prefix else "")

    def found_in(self, column, holds, exactly=False):
        end = "" if self.prefix and not exactly else " "
        return holds(column), [f" {self.word}{end}"]


@dataclass(frozen=True)
class Phrase(Node):
    words: tuple[str, ...]

    def tsquery(self):
        return "(" + " <-> ".join(map(_lexeme, self.words)) + ")"

    def fts5(self):
        return _fts5_string(" ".join(self.words))

    def found_in(self, column, holds, exactly=False):
        return holds(column), [f" {' '.join(self.words)} "]


@dataclass(frozen=True)
class All(Node):
    nodes: tuple[Node, ...]

    def tsquery(self):
        return "(" + " & ".join(node.tsquery() for node in self.nodes) + ")"

    def fts5(self):
        return "(" + " AND ".join(node.fts5() for node in self.nodes) + ")"

    def found_in(self, column, holds, exactly=False):
        return _joined(" AND ", [node.found_in(column, holds, exactly) for node in self.nodes])


@dataclass(frozen=True)
class Either(Node):
    nodes: tuple[Node, ...]

    def tsquery(self):
        return "(" + " | ".join(node.tsquery() for node in self.nodes) + ")"

    def fts5(self):
        return "(" + " OR ".join(node.fts5() for node in self.nodes) + ")"

    def found_in(self, column, holds, exactly=False):
        return _joined(" OR ", [node.found_in(column, holds, exactly) for node in self.nodes])


def _joined(operator, parts):
    return "(" + operator.join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]


def all_of(nodes):
    nodes = tuple(dict.fromkeys(nodes))
    return nodes[0] if len(nodes) == 1 else All(nodes)


def either(nodes):
    nodes = tuple(dict.fromkeys(nodes))
    return nodes[0] if len(nodes) == 1 else Either(nodes)


@dataclass(frozen=True)
class Question:
    """What one language's documents are asked: every group found, no excluded one."""

    groups: tuple[Node, ...]
    excluded: tuple[Node, ...] = ()
    # The words of the query in order when it is plain words: a record whose name reads so
    # is an exact match.
    name_key: str = ""

    def tsquery(self):
        parts = [node.tsquery() for node in self.groups]
        parts += [f"!{node.tsquery()}" for node in self.excluded]
        return " & ".join(parts)

    def fts5(self):
        text = " AND ".join(node.fts5() for node in self.groups)
        return "".join([f"({text})", *(f" NOT {node.fts5()}" for node in self.excluded)])


# --- What the visitor typed -------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A word or a quoted phrase as typed."""

    text: str
    phrase: bool = False
    excluded: bool = False
    synonym: bool = False  # one of a typed word's synonyms, not widened again


@dataclass
class Parsed:
    """The typed items: groups of alternatives, each group required, and the excluded."""

    groups: list[list[Item]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)

    def any_group(self):
        """The same items, any one of them enough (the excluded still left out)."""
        return Parsed([[item for group in self.groups for item in group]], self.excluded)

    @property
    def is_plain(self):
        """Only words: no phrase, no alternative."""
        return all(len(group) == 1 and not group[0].phrase for group in self.groups)


def parse(text, max_items):
    """The items of a search text, at most `max_items` of them (and whether some were left
    out)."""
    text = QUOTES.sub('"', text)
    items = []
    for minus, quoted, word in ITEMS.findall(text):
        if word:
            excluded = word.startswith("-") and len(word) > 1
            items.append(Item(word[1:] if excluded else word, excluded=excluded))
        elif quoted.strip():
            items.append(Item(quoted.strip(), phrase=True, excluded=bool(minus)))
    # Marks alone ("?", "…", a control character) are nothing to look for.
    items = [item for item in items if WORDLIKE.search(item.text)]
    kept = [item for item in items if not _is_or(item)]
    cut = len(kept) > max_items
    allowed = set(map(id, kept[:max_items]))
    parsed, joining = Parsed(), False
    for item in items:
        if _is_or(item):
            joining = bool(parsed.groups)
            continue
        if id(item) not in allowed:
            continue
        if item.excluded:
            parsed.excluded.append(item)
        elif joining:
            parsed.groups[-1].append(item)
        else:
            parsed.groups.append([item])
        joining = False
    return parsed, cut


def _is_or(item):
    return not item.phrase and not item.excluded and item.text.lower() == "or"


# --- Items as each language reads them ----------------------------------------------------------


def question(parsed, language, synonyms=None):
    """The Question a language's documents are asked, or None when none of the query's words
    is left to look for in that language (only stop words). `synonyms` (engine.Synonyms)
    widens a word or a name to the others editors said mean the same."""
    groups = []
    for group in with_synonyms(parsed.groups, synonyms):
        nodes = [
            node
            for item in group
            if (node := item_node(item, language, None if item.synonym else synonyms))
        ]
        if len(nodes) == 1 and isinstance(nodes[0], All):
            # Words typed without spaces (中国的世界遗产) are ranked as if spaced: each
            # where the document holds it.
            groups.extend(nodes[0].nodes)
        elif nodes:
            groups.append(either(nodes))
    if not groups:
        return None
    excluded = [node for item in parsed.excluded if (node := item_node(item, language))]
    name_key = ""
    if parsed.is_plain:
        name_key = " ".join(
            word for group in parsed.groups for word in words_of(group[0], language)
        )
    return Question(tuple(groups), tuple(excluded), name_key)


def with_synonyms(groups, synonyms):
    """The groups, where words typed one after the other are a synonym's term (“Forbidden
    City”), as one group of that term and its synonyms."""
    if synonyms is None or not synonyms.groups:
        return groups
    found, start = [], 0
    while start < len(groups):
        for length in range(min(synonyms.longest, len(groups) - start), 0, -1):
            run = groups[start : start + length]
            if not all(len(group) == 1 and not group[0].phrase for group in run):
                continue
            text = " ".join(group[0].text for group in run)
            if others := synonyms.others(text):
                found.append([Item(text, phrase=length > 1), *map(_term_item, others)])
                start += length
                break
        else:
            found.append(groups[start])
            start += 1
    return found


def _term_item(term):
    return Item(term, phrase=len(term.split()) > 1, synonym=True)


def words_of(item, language):
    return [word for chunk in chunks(item.text, language) for word in chunk.words]


def item_node(item, language, synonyms=None):
    """The Node an item asks of a language's documents; None: only stop words."""
    found = chunks(item.text, language)
    if not found:
        return None
    if item.phrase:
        return _phrase([word for chunk in found for word in chunk.words])
    nodes = []
    for script, run in _runs(found):
        if script == "alphabetic":
            nodes.append(_words(run))
        elif script == "single":
            nodes.append(_phrase(run))
        elif script == "chinese":
            nodes.append(_chinese_word(run[0], language, synonyms))
        else:
            nodes.append(_paired(run))
    return all_of(nodes)


def _runs(found):
    """(script, words) of an item's chunks: alphabetic words in a row together (a hyphenated
    word), one-character Chinese words in a row together (a name the dictionary does not
    know), every other Chinese word and every run of pairs on its own."""
    runs = []
    for chunk in found:
        script = chunk.script
        if script == "chinese" and len(chunk.words[0]) == 1:
            script = "single"
        if script in {"alphabetic", "single"} and runs and runs[-1][0] == script:
            runs[-1][1].extend(chunk.words)
        else:
            runs.append((script, list(chunk.words)))
    return runs


def _chinese_word(word, language, synonyms):
    """A Chinese word of a query, or any of its synonyms (故宫 in 北京的故宫)."""
    others = synonyms.others(word) if synonyms is not None else []
    alternatives = [item_node(_term_item(other), language) for other in others]
    return either([_chinese(word), *(node for node in alternatives if node is not None)])


def _phrase(words):
    return Term(words[0]) if len(words) == 1 else Phrase(tuple(words))


def _words(words):
    """Alphabetic words typed as one item: a word, or a phrase (Oulan-Bator, l'œuvre)."""
    if len(words) == 1:
        word = words[0]
        # A number is a number: 100 does not find 1000.
        return Term(word, prefix=len(word) >= PREFIX_LENGTH and not word.isdigit())
    return Phrase(tuple(words))


def _chinese(word):
    pieces = best_split(word)
    if not pieces:
        return Term(word)
    return Either((Term(word), all_of([_chinese(piece) for piece in pieces])))


def _paired(words):
    if len(words) == 1:
        return Term(words[0], prefix=len(words[0]) == 1)
    return Phrase(tuple(words))
