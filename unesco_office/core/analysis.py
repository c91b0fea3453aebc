"""Text into the words that search compares: the same analysis for a record's document and for
a visitor's query, on every database.

- **Folding**: traditional Chinese characters become simplified ones (OpenCC), letters lower
  case, full-width forms their ASCII (ＵＮＥＳＣＯ→unesco), Latin accents dropped after
  stemming (é→e, ç→c; œ→oe).
- **Words**: Chinese is cut into words by jieba's dictionary (HMM off, so that a text is cut
  the same way wherever it is read); a long Chinese word also brings the words of its best
  split that are two characters or more (万里长城 → 万里, 长城; 遗产地 → 遗产), never a piece
  that would split another word (阿尔泰山 brings 阿尔泰, not 泰山). Korean
  and Japanese kana are read as overlapping pairs of characters, so that any part of a name
  typed is found. Other scripts are cut at anything that is not a letter or a digit.
- **Stems**: English and French words are stemmed as their language stems them (Snowball),
  before their accents are dropped (the French stemmer reads the accents).
- **Stop words** of every language of the site are left out (the, de, 的).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from math import log

import jieba
import opencc
import snowballstemmer

jieba.setLogLevel(60)  # its dictionary loads silently
SEGMENTER = jieba.Tokenizer()

STEMMERS = {"en": "english", "fr": "french"}

# Function words, which say nothing of what a record is about (Snowball's lists, as
# PostgreSQL's english and french configurations use them). The stop-words package on PyPI
# counts "great", "world" and "new" among English stop words: "Great Wall" or "world
# heritage" would lose half their words.
STOP_WORDS = {
    "en": frozenset(
        """a about above after again against all am an and any are as at be because been
        before being below between both but by can could did do does doing down during each
        few for from further had has have having he her here hers herself him himself his how
        i if in into is it its itself just me more most my myself no nor not now of off on
        once only or other our ours ourselves out over own same she should so some such than
        that the their theirs them themselves then there these they this those through to too
        under until up very was we were what when where which while who whom why will with
        would you your yours yourself yourselves""".split()  # noqa: SIM905 (a list to read)
    ),
    "fr": frozenset(
        """a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez
        aurions aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez
        ayons c ce ceci cela ces cet cette d dans de des du elle en es est et eu eue eues eurent
        eus eusse eussent eusses eussiez eussions eut eux eûmes eût eûtes furent fus fusse
        fussent fusses fussiez fussions fut fûmes fût fûtes il ils j je l la le les leur leurs
        lui m ma mais me mes moi mon même n ne nos notre nous on ont ou par pas pour qu que qui
        s sa se sera serai seraient serais serait seras serez seriez serions serons seront ses
        soi soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une
        vos votre vous y à étaient étais était étant étiez étions été étée étées étés êtes""".split()  # noqa: SIM905
    ),
    # Particles and conjunctions that stand alone after cutting (和 in 和平 is part of a word).
    "zh-hans": frozenset("的 之 和 与 及 或 在 是 了 也 等 其 并 而 从 对 于 把 被 以 为".split()),  # noqa: SIM905
}
# One list for every language, in documents and queries alike: a word typed finds the same
# whatever language a document is in ("de" is left out of an English one too, so that a
# phrase reads the same words in both), and a query of such words only is one to reject.
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

# Scripts by how they are cut into words.
CHINESE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PAIRED = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3040-\u30ff"  # Hangul, kana
RUNS = re.compile(rf"([{CHINESE}]+)|([{PAIRED}]+)|([^\W_]+)")
ACCENTS = re.compile("[\u0300-\u036f]")
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
MAX_WORD_LENGTH = 60


@cache
def simplified():
    return opencc.OpenCC("t2s")


def fold(text):
    """Simplified Chinese, lower case, compatibility forms as plain ones (ＵＮＥＳＣＯ→unesco);
    Latin accents kept, for the stemmers, until `unaccented`."""
    text = unicodedata.normalize("NFKC", simplified().convert(text))
    return text.casefold().translate(LIGATURES)


def unaccented(word):
    return unicodedata.normalize("NFC", ACCENTS.sub("", unicodedata.normalize("NFD", word)))


def script_of(word):
    """ "chinese", "paired" or "alphabetic": how a folded word is cut."""
    match = RUNS.fullmatch(word)
    if match is None or match.group(3):
        return "alphabetic"
    return "chinese" if match.group(1) else "paired"


@lru_cache(maxsize=100_000)
def _stem(word, language):
    # Kept: a text's words repeat (Zipf), and Snowball in Python is most of indexing's time.
    name = STEMMERS.get(language)
    return _stemmer(name).stemWord(word) if name else word


@cache
def _stemmer(name):
    return snowballstemmer.stemmer(name)


def best_split(word):
    """The dictionary's most likely cut of a Chinese word into shorter words, when every
    piece is a word of two characters or more (万里长城 → [万里, 长城]; 泰山, 遗产地 → [])."""
    pieces = _best_split(word) if len(word) > 2 else ()
    return list(pieces) if all(len(piece) > 1 for piece in pieces) else []


def split_words(word):
    """The words of two characters or more in a Chinese word's most likely cut (遗产地 →
    [遗产]; 阿尔泰山 → [阿尔泰], never 泰山, which that cut does not hold)."""
    return [piece for piece in _best_split(word) if len(piece) > 1] if len(word) > 2 else []


@cache
def _best_split(word):
    SEGMENTER.check_initialized()
    n = len(word)
    dag = SEGMENTER.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != n - 1] or [0]
    total = log(SEGMENTER.total)
    route = {n: (0.0, 0)}
    for start in range(n - 1, -1, -1):
        route[start] = max(
            (log(SEGMENTER.FREQ.get(word[start : end + 1]) or 1) - total + route[end + 1][0], end)
            for end in dag[start]
        )
    pieces, start = [], 0
    while start < n:
        end = route[start][1] + 1
        pieces.append(word[start:end])
        start = end
    return tuple(pieces)


def pairs(run):
    """A Hangul or kana run as overlapping pairs of characters (서울역 → 서울, 울역)."""
    return [run] if len(run) < 3 else [run[i : i + 2] for i in range(len(run) - 1)]


@dataclass(frozen=True)
class Chunk:
    """Consecutive words of one script as a query reads them: Chinese words each on their
    own, pairs of Hangul or kana in a row, alphabetic words (a hyphenated word gives
    several) in a row."""

    script: str
    words: tuple[str, ...]


def chunks(text, language):
    """The folded, stemmed words of a text in a language, grouped into Chunks; stop words
    left out."""
    stop = ALL_STOP_WORDS
    found = []
    for chinese, paired, other in RUNS.findall(fold(text)):
        if chinese:
            words = [w for w in SEGMENTER.cut(chinese, HMM=False) if w not in stop]
            found.extend(Chunk("chinese", (word,)) for word in words)
        elif paired:
            found.append(Chunk("paired", tuple(pairs(paired))))
        elif other not in stop and (word := _alphabetic(other, language)):
            found.append(Chunk("alphabetic", (word,)))
    return found


def _alphabetic(word, language):
    """A word stemmed in its language, then without accents; a word too long to be one is
    left out."""
    if len(word) > MAX_WORD_LENGTH:
        return ""
    return unaccented(_stem(word, language))


def document_words(text, language):
    """The words of a record's text, as its search document holds them: the words in order,
    then the words of each Chinese word's best split (kept apart so that a phrase still reads
    the text's own words one after the other)."""
    words, pieces = [], []
    for chunk in chunks(text, language):
        words.extend(chunk.words)
        if chunk.script == "chinese":
            pieces.extend(_split_deeply(chunk.words[0]))
    return words, pieces


def _split_deeply(word):
    pieces = []
    for piece in split_words(word):
        pieces.append(piece)
        pieces.extend(_split_deeply(piece))
    return pieces


def surface_words(text):
    """The folded, unstemmed alphabetic words of three letters or more of a text: what a
    misspelt word is compared with to suggest another."""
    return [
        unaccented(other)
        for _c, _p, other in RUNS.findall(fold(text))
        if other.isalpha() and 3 <= len(other) <= MAX_WORD_LENGTH
    ]


def key_of(text):
    """A text as typed, folded and spaced alike: how a promoted search or a synonym is matched
    (“Forbidden  City” and “forbidden city”; 長城 and 长城)."""
    return " ".join(unaccented(fold(text)).split())


def trigrams(word):
    """A word's trigrams as PostgreSQL's pg_trgm reads them: the word padded with two spaces
    before and one after ("  cat " → "  c", " ca", "cat", "at ")."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """pg_trgm's similarity(): the trigrams two words share over those of either."""
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second)


def edit_distance(a, b):
    """The fewest letters to insert, delete, change or swap with the next one to make `a`
    into `b` (optimal string alignment): mongolai → mongolia is 1, → mongol 2."""
    previous, current = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]
