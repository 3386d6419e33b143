"""One tokenizer for documents and queries alike, so BM25 compares like with like.

The index stores ``TOKENIZER_VERSION``; any change that alters the output of
:func:`tokenize` must bump it, or old indexes would be searched with new tokens.

Pipeline (each step exists because a real document or query needed it):

1. Clean-up: PDF-extracted Thai often spells sara am as nikhahit + sara aa
   (``ดําเนินงาน``), which looks identical but would be a different token; we
   fix it, apply NFKC (full-width Latin and digits), drop zero-width and other
   invisible format characters, map Thai digits to Arabic, casefold, then run
   PyThaiNLP's ``normalize`` (duplicate vowels, misplaced tone marks).
2. Splitting: whitespace and punctuation separate tokens and are never tokens.
   Latin words stay whole; a hyphen is a separator (``moi-un`` gives ``moi``,
   ``un``; ``covid-19`` gives ``covid``, ``19``), because queries spell such
   names with a space, a hyphen or nothing, and separate parts match all three.
   A run of letters and digits (``cop28``) gives the run and its parts.
3. Numbers: thousands separators are dropped (``14,658`` and ``๑๔,๖๕๘`` give
   ``14658``), decimals stay one token (``9.6845``), and a number glued to Thai
   (``7ภาคี``) is split from it.
4. Dotted Thai abbreviations (``มี.ค.``, ``สป.มท.``) are found by a regular
   expression before segmentation, because newmm breaks them apart. A chain of
   abbreviations (``ตท.สป.``) also gives its links (``ตท.``, ``สป.``).
5. Thai runs are segmented with newmm over PyThaiNLP's word list plus the
   domain words in ``data/domain_words.txt`` and the full forms of
   ``data/abbreviations.tsv``, so ``โครงการธนาคารขยะ`` gives ``โครงการ``,
   ``ธนาคารขยะ`` instead of ``โครง``, ``การธนาคาร``, ``ขยะ``.
6. Sub-tokens: a compound from the domain list or the abbreviation table also
   gives its segmentation by the dictionary without that word, recursively,
   when every part is a dictionary word. A short query then finds a long
   compound (``มหาดไทย`` finds ``กระทรวงมหาดไทย``, ``ขยะ`` finds ``ธนาคารขยะ``),
   and the tokens of a part are a subset of the tokens of the compound.
   General dictionary words are not split: measured with rank-bm25 (top-1
   paragraph for the question), splitting every dictionary word of six or more
   characters cost 1.5 points on iapp-wiki-qa (0.911 to 0.898) and gave nothing
   on xquad-th, because most such words (``กระทรวง``, ``ดำเนิน``) only split
   into meaningless syllables (``กระ``, ``ทรวง``; ``ดำ``, ``เนิน``). Splitting
   off the nominalizers การ/ความ (``การพัฒนา``) also lost 0.1-0.3 points.
7. Abbreviations work both ways: ``มท.`` also gives the tokens of
   ``กระทรวงมหาดไทย`` and ``กระทรวงมหาดไทย`` also gives ``มท.``.
8. A small fixed set of question words and polite particles (``QUESTION_WORDS``
   plus particles) is dropped on both sides; they carry no content.

Engines: ``"newmm"`` (PyThaiNLP, pure Python) and ``"nlpo3"`` (the same newmm
algorithm in Rust) segment Thai runs over the same word list. On 938,986 Thai
runs of the first 2,000 news articles they disagreed on 43 (0.005%), all in
out-of-dictionary names (``เหวียน``: newmm keeps it whole, nlpo3 gives
``เห|วี|ยน``; nlpo3 can even split a thanthakhat off, ``เวียร|์``). newmm is the
default: its output on unknown words is better, it is the reference the word
list was made for, and with this pipeline it already tokenizes well over
1,000,000 characters per second on two processes (see ``bench/bench_tokenize.py``).
An index must be queried with the engine it was built with; the engine name is
part of ``TOKENIZER_VERSION`` only for the default, so pass the same ``engine``
on both sides if you choose another.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import multiprocessing
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pythainlp import (
    thai_above_vowels,
    thai_below_vowels,
    thai_consonants,
    thai_follow_vowels,
    thai_lead_vowels,
    thai_tonemarks,
)
from pythainlp.corpus import thai_words
from pythainlp.tokenize import newmm
from pythainlp.util import normalize as thai_normalize
from pythainlp.util import remove_dup_spaces, remove_zw

from knowledge.cache import cache_dir, join_lines, load_marshal, save_marshal, split_lines
from knowledge.worddict import TABLE_AFTER as _TABLE_AFTER  # noqa: F401  (tests read it)
from knowledge.worddict import WordDict as _WordDict

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "QUESTION_WORDS",
    "TOKENIZER_VERSION",
    "TokenizerPool",
    "is_dictionary_word",
    "query_words",
    "token_groups",
    "tokenize",
    "tokenize_many",
    "use_nlpo3_for_newmm",
    "word_at",
    "word_spans",
]

TOKENIZER_VERSION: str = "th-newmm-2"
"""Stored with the index; bump whenever the output of :func:`tokenize` changes."""

ENGINES: tuple[str, ...] = ("newmm", "nlpo3")
DEFAULT_ENGINE: str = "newmm"

# Pure question words: they say what kind of answer is wanted, never what it is
# about, and documents rarely contain them. The answer composer reads this set
# to detect the question type from the raw text; the tokenizer drops them.
QUESTION_WORDS: frozenset[str] = frozenset(
    {
        "กี่",  # how many (the loom กี่ is a rare sense; "กี่ทอผ้า" still keeps ทอผ้า)
        "อะไร",
        "อะไรบ้าง",
        "ไร",  # colloquial อะไร
        "เท่าไร",
        "เท่าไหร่",
        "เท่าใด",
        "ไหน",
        "ที่ไหน",
        "ใด",
        "ไหม",
        "มั้ย",
        "หรือไม่",
        "หรือเปล่า",
        "เมื่อไร",
        "เมื่อไหร่",
        "เมื่อใด",
        "อย่างไร",
        "ยังไง",
        "ทำไม",
    }
)

# Polite particles and the copula คือ ("is"): pure grammar, as common in chat
# questions as they are rare in ministry documents, so they would only add
# noise to a query. Function words such as และ/ที่/การ are kept: BM25's IDF
# already gives them little weight, and removing them would hurt phrases.
_PARTICLES: frozenset[str] = frozenset(
    {"คือ", "บ้าง", "ครับ", "คับ", "ค่ะ", "คะ", "นะ", "นะคะ", "นะครับ", "จ้ะ", "จ้า", "จ๊ะ"}
)
_DROPPED: frozenset[str] = QUESTION_WORDS | _PARTICLES

_T = TypeVar("_T")
_R = TypeVar("_R")

_DATA_DIR = Path(__file__).resolve().parent / "data"
_DOMAIN_WORDS_FILE = _DATA_DIR / "domain_words.txt"
_ABBREVIATIONS_FILE = _DATA_DIR / "abbreviations.tsv"

# --- character classes -------------------------------------------------------
# Thai letters, vowels and tone marks that make up words. Excludes Thai digits
# (mapped to Arabic first), paiyannoi ฯ, mai yamok ๆ, baht ฿ and the Thai
# punctuation signs ๏ ๚ ๛: those are separators.
_THAI = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
# A letter or digit of any script but Thai.
_ALNUM = r"[^\W_\u0e00-\u0e7f]"
_LETTER = r"[^\W\d_\u0e00-\u0e7f]"

_TOKEN_RE = re.compile(
    # Dotted Thai abbreviation: links of 1-5 Thai characters each ending in a
    # dot, chained, not glued to a preceding Thai character.
    rf"(?P<abbr>(?<![{_THAI}])(?:[\u0e01-\u0e2e\u0e40-\u0e44][{_THAI}]{{0,4}}\.)+)"
    # A run of letters and digits with at least one letter (Latin words etc.).
    rf"|(?P<word>{_ALNUM}*{_LETTER}{_ALNUM}*)"
    # A number: grouped thousands, or plain digits, with optional decimals.
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<thai>[{_THAI}]+)"
)
_ALNUM_PART_RE = re.compile(r"\d+|[^\W\d_]+")
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(_LETTER)

# Decomposed sara am: nikhahit (U+0E4D), optional tone mark, sara aa (U+0E32).
_SARA_AM_RE = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
# Soft hyphen, zero-width and direction marks, word joiner, BOM; and the private-use
# character that stands in for sara am during NFKC.
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ue000]")
_THAI_DIGIT_RE = re.compile("[\u0e50-\u0e59]")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SARA_AM_SLOT = "\ue000"  # a private-use character NFKC leaves alone
_DICT_WORD_RE = re.compile(rf"[{_THAI}]+")


def _clean(text: str) -> str:
    """Normalize text so that visually equal spellings give equal tokens.

    Invisible characters out, Thai digits to Arabic, NFKC (full-width Latin and
    digits), decomposed sara am (nikhahit + sara aa) composed, casefold, then
    PyThaiNLP's normalize.  Each step is skipped where it has nothing to do: NFKC
    would also decompose every sara am (a compatibility character), so sara am is
    set aside while NFKC runs instead of being repaired after it.
    """
    text = _INVISIBLE_RE.sub("", text)
    if _THAI_DIGIT_RE.search(text):
        text = text.translate(_THAI_DIGITS)
    # No-break space and ellipsis are the usual reasons for news text not to be in
    # NFKC already; mapping them as NFKC does lets the rest skip it.
    kept = text.replace("\u0e33", _SARA_AM_SLOT).replace("\xa0", " ").replace("\u2026", "...")
    if not unicodedata.is_normalized("NFKC", kept):
        kept = unicodedata.normalize("NFKC", kept)
    text = kept.replace(_SARA_AM_SLOT, "\u0e33")
    if "\u0e4d" in text:
        text = _SARA_AM_RE.sub("\\1\u0e33", text)
    # ฯลฯ ("etc.") would otherwise leave a stray ล between two separators.
    return _thai_normalize(text.casefold().replace("ฯลฯ", " "))


# Where PyThaiNLP's normalize() would change anything after its white-space steps: a
# space or text start before a mark, two marks of a kind in a row, a tone mark before a
# vowel, nikhahit before sara aa, a follow vowel before a tone mark, lakkhangyao, double
# sara e.  (A superset of every rule's pattern: a false alarm only costs the slow path.)
_MARKS = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_CONSONANTS = frozenset(thai_consonants)
_NOREPEAT = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}" \
    "\u0e3a\u0e4c\u0e4d\u0e4e"
_NEEDS_THAI_NORMALIZE = re.compile(
    # The lookahead lets the engine skip to candidate characters before trying the rules.
    f"(?=[\\s{_MARKS}{_NOREPEAT}])(?:\\s[{_MARKS}]|([{_NOREPEAT}])[ ]*\\1|[{thai_tonemarks}]{{2}}"
    f"|[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]|\u0e4d"
    f"|[{thai_follow_vowels}][{thai_tonemarks}]|\u0e45|\u0e40\u0e40)"
)


def _thai_normalize(text: str) -> str:
    """PyThaiNLP's ``normalize``, run only where one of its rules can apply.

    Its ~30 regular-expression passes over the whole text were half of all
    tokenizing time, while most text needs none of them and the rest needs them
    in a few places.  The white-space steps always run.  Then each place that
    :data:`_NEEDS_THAI_NORMALIZE` finds is widened to the nearest spots between two
    consonants on either side and normalized alone: every rule works on marks,
    vowels and spaces, never removes or moves a consonant, and looks at most at a
    consonant's neighbour, so no rule can act across two adjacent consonants and
    the pieces give the same text as the whole.  Equal to ``normalize`` (tested).
    """
    text = remove_dup_spaces(remove_zw(text))
    spans: list[list[int]] = []
    if text[:1] in _MARKS:
        spans.append([0, 1])
    spans.extend([m.start(), m.end()] for m in _NEEDS_THAI_NORMALIZE.finditer(text))
    if not spans:
        return text
    n = len(text)
    merged: list[list[int]] = []
    for a, b in spans:
        while a > 0 and not (text[a - 1] in _CONSONANTS and text[a] in _CONSONANTS):
            a -= 1
        while b < n and not (text[b - 1] in _CONSONANTS and text[b] in _CONSONANTS):
            b += 1
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    done = 0
    for a, b in merged:
        out.append(text[done:a])
        out.append(thai_normalize(text[a:b]))
        done = b
    out.append(text[done:])
    return "".join(out)


# --- resources (built once per process, lazily, thread-safe) ----------------


@dataclass(frozen=True)
class _Resources:
    """Everything derived from the word lists; immutable once built."""

    words: tuple[str, ...]
    trie: _WordDict
    compounds: frozenset[str]  # domain words and full forms: split into parts
    abbr_to_full: dict[str, tuple[str, ...]]
    full_to_abbr: dict[str, str]


_LOCK = threading.RLock()
_resources: _Resources | None = None
_nlpo3_dict: str | None = None


def _data_lines(path: Path) -> list[str]:
    """Lines of a bundled data file without comments and blank lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [line.rstrip("\r") for line in lines if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _cache_key() -> str:
    """Changes with anything the cleaned word lists depend on."""
    import pythainlp

    h = hashlib.sha256(f"{TOKENIZER_VERSION}|{pythainlp.__version__}".encode())
    for path in (Path(__file__), _ABBREVIATIONS_FILE, _DOMAIN_WORDS_FILE):
        h.update(path.read_bytes())
    return h.hexdigest()[:24]


_Lists = tuple[tuple[str, ...], tuple[str, ...], dict[str, tuple[str, ...]], dict[str, str]]


def _read_lists(path: Path) -> _Lists | None:
    """The cached word lists, or None when absent or unreadable."""
    data = load_marshal(path)
    if not (isinstance(data, tuple) and len(data) == 4):
        return None
    lines, compounds, abbr_to_full, full_to_abbr = data
    vocab = split_lines(lines)  # the words, a word a line (knowledge.cache.join_lines)
    if not (vocab is not None and isinstance(compounds, tuple)
            and isinstance(abbr_to_full, dict) and isinstance(full_to_abbr, dict)):
        return None
    return vocab, compounds, abbr_to_full, full_to_abbr


def _write_lists(path: Path, lists: _Lists) -> None:
    """Cache the word lists atomically; a cache that cannot be written is skipped."""
    vocab, compounds, abbr_to_full, full_to_abbr = lists
    save_marshal(path, (join_lines(vocab), compounds, abbr_to_full, full_to_abbr))


def _build_lists() -> _Lists:
    """Clean the word lists (about 0.4 s: NFKC and normalize on 60,000 words)."""
    abbr_to_full: dict[str, list[str]] = {}
    full_to_abbr: dict[str, str] = {}
    for line in _data_lines(_ABBREVIATIONS_FILE):
        abbr, _, full = line.partition("\t")
        abbr_key = _clean(abbr.strip())
        full_clean = " ".join(_clean(full).split())
        if abbr_key and full_clean:
            abbr_to_full.setdefault(abbr_key, []).append(full_clean)
            full_to_abbr.setdefault(full_clean, abbr_key)
    extra = {_clean(w.strip()) for w in _data_lines(_DOMAIN_WORDS_FILE)}
    extra.update(full_to_abbr)
    words = {_clean(w.strip()) for w in thai_words()} | extra
    # Only words made of Thai word characters can ever match a Thai run.
    vocab = tuple(sorted(w for w in words if _DICT_WORD_RE.fullmatch(w)))
    compounds = tuple(sorted(w for w in extra if _DICT_WORD_RE.fullmatch(w)))
    return vocab, compounds, {k: tuple(v) for k, v in abbr_to_full.items()}, full_to_abbr


def _resources_get() -> _Resources:
    """Load the word lists once per process: cleaned on first use, then cached on disk.

    The cleaned lists are kept in the cache folder (:func:`knowledge.cache.cache_dir`)
    under a key of the tokenizer's source, its data files and PyThaiNLP's version, so a
    fresh process reads them in milliseconds instead of cleaning 60,000 words again.
    """
    global _resources
    res = _resources
    if res is not None:
        return res
    with _LOCK:
        if _resources is None:
            path = cache_dir() / f"words-{_cache_key()}.marshal"
            lists = _read_lists(path)
            if lists is None:
                lists = _build_lists()
                _write_lists(path, lists)
            vocab, compounds, abbr_to_full, full_to_abbr = lists
            _resources = _Resources(
                words=vocab,
                trie=_WordDict(vocab),
                compounds=frozenset(compounds),
                abbr_to_full=abbr_to_full,
                full_to_abbr=full_to_abbr,
            )
        return _resources


def _nlpo3_dict_name() -> str:
    """Load the same word list into nlpo3 once per process; return its name."""
    global _nlpo3_dict
    name = _nlpo3_dict
    if name is not None:
        return name
    with _LOCK:
        if _nlpo3_dict is None:
            import nlpo3

            words = _resources_get().words
            dict_name = f"sdgbot-{TOKENIZER_VERSION}-{len(words)}"
            fd, path = tempfile.mkstemp(prefix="sdgbot-words-", suffix=".txt")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write("\n".join(words))
                message, ok = nlpo3.load_dict(path, dict_name)
            finally:
                os.unlink(path)
            # load_dict refuses to replace a name that is already loaded; that
            # is fine when it is ours from an earlier call in this process.
            if not ok and "exist" not in message.lower():
                raise RuntimeError(f"nlpo3 could not load the word list: {message}")
            _nlpo3_dict = dict_name
        return _nlpo3_dict


class _TrieWithout(_WordDict):
    """A view of the dictionary that hides one word, to segment a word into its parts.

    newmm only calls ``prefixes`` (and truth-tests the dictionary), so sharing the
    tables of the whole dictionary costs nothing and never mutates them.
    """

    def __init__(self, base: _WordDict, hidden: str) -> None:
        self._words = base._words
        self._tables = base._tables
        self._lookups = base._lookups
        self._word_count = len(base)
        self._hidden = hidden

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """Prefixes as in :class:`Trie`, minus the hidden word."""
        return [w for w in super().prefixes(text, start) if w != self._hidden]


# --- per-token expansion (cached: the vocabulary of a corpus is small) -------


def _parts(word: str) -> tuple[str, ...]:
    """Dictionary parts of a listed compound word, or () when it has none."""
    return _compound_parts().get(word, ())


def _split_compound(word: str) -> tuple[str, ...]:
    """:func:`_parts` of a listed compound, computed: newmm over the dictionary without it."""
    res = _resources_get()
    parts = newmm.segment(word, custom_dict=_TrieWithout(res.trie, word))
    if len(parts) < 2 or not all(p in res.trie for p in parts):
        return ()
    return tuple(parts)


@functools.lru_cache(maxsize=1)
def _compound_parts() -> dict[str, tuple[str, ...]]:
    """:func:`_split_compound` of every listed compound that has parts, by compound.

    Derived from the word lists alone, so cached with them (:func:`_cache_key`): a
    fresh process reads the table (under a millisecond) instead of segmenting each
    compound again the first time a text holds it (about 0.15 ms each: a run of news
    searches met most of the 185 in its first few hundred queries).
    """
    path = cache_dir() / f"parts-{_cache_key()}.marshal"
    cached = load_marshal(path)
    if isinstance(cached, dict):
        return cached
    compounds = sorted(_resources_get().compounds)
    out = {w: parts for w in compounds if (parts := _split_compound(w))}
    save_marshal(path, out)
    return out


@functools.lru_cache(maxsize=200_000)
def _expand(token: str) -> tuple[str, ...]:
    """A token followed by the extra tokens it stands for, deduplicated.

    Extra tokens: the tokens of its full form when it is an abbreviation, the
    abbreviation when it is a full form, its parts (each expanded in turn)
    when it is a compound, and for a letter-digit run its letters and digits.
    """
    res = _resources_get()
    out: dict[str, None] = {token: None}
    for full in res.abbr_to_full.get(token, ()):
        out.update(dict.fromkeys(_tokenize_clean(_clean(full), DEFAULT_ENGINE)))
    abbr = res.full_to_abbr.get(token)
    if abbr is not None:
        out[abbr] = None
    for part in _parts(token):
        out.update(dict.fromkeys(_expand(part)))
    if _DIGIT_RE.search(token) and _LETTER_RE.search(token):
        parts = _ALNUM_PART_RE.findall(token)
        if len(parts) > 1:
            out.update(dict.fromkeys(parts))
    return tuple(out)


#: PyThaiNLP's newmm alone, never :func:`_segment_vouched` (for data that is cached).
_PLAIN_NEWMM = "newmm-plain"

_Sequences = dict[str, tuple[tuple[tuple[str, ...], str], ...]]


@functools.lru_cache(maxsize=1)
def _full_form_sequences() -> _Sequences:
    """Full forms that segment into several tokens, keyed by their last token.

    Most full forms are dictionary words and so single tokens, handled by
    :func:`_expand`; the rest (e.g. with a space) are matched on the stream of
    top-level tokens, which needs one dict lookup per token.  Derived from the word
    lists alone, so cached with them (a fresh process's first question spent a tenth
    of a second segmenting every full form).
    """
    path = cache_dir() / f"fullforms-{_cache_key()}.marshal"
    cached = load_marshal(path)
    if isinstance(cached, dict):
        return cached
    res = _resources_get()
    by_last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for full, abbr in res.full_to_abbr.items():
        seq = tuple(_top_level(full, _PLAIN_NEWMM))
        if len(seq) >= 2:
            by_last.setdefault(seq[-1], []).append((seq, abbr))
    out = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in by_last.items()}
    save_marshal(path, out)
    return out


# --- segmentation ------------------------------------------------------------


@functools.lru_cache(maxsize=100_000)
def _segment_newmm(run: str) -> tuple[str, ...]:
    """Segment one run with PyThaiNLP's newmm, cached.

    News repeats names and set phrases: a third of the Thai characters of the
    first 2,000 news articles are in runs seen before.
    """
    return tuple(newmm.segment(run, custom_dict=_resources_get().trie))


#: Set in the worker processes of a :class:`TokenizerPool` (index builds): their newmm
#: runs go through :func:`_segment_vouched`.  Queries and small batches keep newmm.
_newmm_by_nlpo3 = False


@functools.lru_cache(maxsize=1)
def _word_set() -> frozenset[str]:
    """The dictionary as a set (membership at C speed)."""
    return frozenset(_resources_get().words)


def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` is in the segmenter's dictionary (PyThaiNLP's words plus the domain's).

    A piece :func:`word_spans` cuts that is not (a lone "ต" of "แคตนิส") marks a word the
    dictionary does not know, most often a name spelled out in Thai letters.
    """
    return word in _word_set()


@functools.lru_cache(maxsize=1)
def _tcc_step() -> re.Pattern[str] | None:
    """One Thai character cluster by PyThaiNLP's rules (the ones newmm uses), or one character.

    ``tcc_p.tcc`` matches its pattern against ``text[p:]`` cluster after cluster; the
    same pattern with a one-character alternative, run by ``finditer``, gives the same
    clusters without copying the rest of the text at each one (tested).  None when
    this PyThaiNLP keeps its pattern elsewhere: then ``tcc_pos`` itself is used.
    """
    from pythainlp.tokenize import tcc_p

    pattern = getattr(tcc_p, "_PAT_TCC", None)
    if not isinstance(pattern, re.Pattern):
        return None
    # Its groups made non-capturing, so that ``findall`` gives the clusters themselves.
    plain = re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern.pattern)
    return re.compile(f"(?:{plain})|.", re.DOTALL)


def _tcc_ends(run: str) -> set[int]:
    """The offsets in ``run`` where a character cluster ends (``tcc_p.tcc_pos``)."""
    step = _tcc_step()
    if step is None:
        from pythainlp.tokenize import tcc_p

        return tcc_p.tcc_pos(run)
    # The clusters' lengths summed up, at C speed (no match object per cluster).
    return set(itertools.accumulate(map(len, step.findall(run))))


def _vouched(run: str, words: Sequence[str]) -> bool:
    """Whether newmm is known to give ``words`` for ``run`` from what nlpo3 gave.

    nlpo3 runs newmm's algorithm over the same word list, but its character-cluster
    rules differ from PyThaiNLP's in places, and after a word missing from the list it
    keeps counting towards the graph-size cut-off where newmm starts again.  Words
    that are all in the list at cluster boundaries by PyThaiNLP's rules are what
    newmm gives too; anything else (out-of-dictionary names, two percent of the runs
    of the news) is segmented by newmm itself.  On the whole news corpus the result
    equals newmm's for every run (``bench/bench_tokenize.py --agree``).
    """
    if not _word_set().issuperset(words):
        return False
    if len(words) < 2:
        return True
    return _tcc_ends(run).issuperset(itertools.accumulate(map(len, words[:-1])))


@functools.lru_cache(maxsize=100_000)
def _segment_vouched(run: str) -> tuple[str, ...]:
    """The words newmm gives ``run``, by nlpo3 (Rust, several times faster) where vouched for."""
    import nlpo3

    words = nlpo3.segment(run, _nlpo3_dict_name(), safe=False, parallel=False)
    if _vouched(run, words):
        return tuple(words)
    return _segment_newmm(run)


def _segment(run: str, engine: str) -> Sequence[str]:
    """Split one run of Thai word characters into words."""
    if engine == "nlpo3":
        import nlpo3

        return nlpo3.segment(run, _nlpo3_dict_name(), safe=False, parallel=False)
    if _newmm_by_nlpo3 and engine != _PLAIN_NEWMM:
        return _segment_vouched(run)
    return _segment_newmm(run)


def _abbreviation(abbr: str, engine: str) -> list[str]:
    """Top-level tokens for a dotted abbreviation candidate."""
    res = _resources_get()
    if abbr in res.abbr_to_full:
        return [abbr]
    links = abbr[:-1].split(".")
    if len(links) == 1:
        # "กล่าว." or "พะเยา." at the end of a sentence is a word and a full
        # stop, not an abbreviation: real abbreviations are short or unknown.
        if len(links[0]) >= 4 and links[0] in res.trie:
            return list(_segment(links[0], engine))
        return [abbr]
    # A chain such as "ตท.สป." or "ผศ.ดร.": the chain, then its links of two or
    # more characters (single letters as in "พ.ศ." mean nothing alone).
    return [abbr] + [f"{link}." for link in links if len(link) >= 2]


def _top_level(text: str, engine: str) -> list[str]:
    """Tokens of cleaned text before expansion (no sub-tokens, no aliases)."""
    out: list[str] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        value = m.group()
        if kind == "thai":
            out.extend(_segment(value, engine))
        elif kind == "num":
            out.append(value.replace(",", ""))
        elif kind == "abbr":
            out.extend(_abbreviation(value, engine))
        else:
            out.append(value)
    return out


def _tokenize_clean(text: str, engine: str) -> list[str]:
    """Tokenize text that has already been through :func:`_clean`."""
    sequences = _full_form_sequences()
    top = [t for t in _top_level(text, engine) if t not in _DROPPED]
    if sequences.keys().isdisjoint(top):  # the usual case: no multi-word full form ends here
        return list(itertools.chain.from_iterable(map(_expand, top)))
    out: list[str] = []
    for i, token in enumerate(top, 1):
        out.extend(_expand(token))
        for seq, abbr in sequences.get(token, ()):
            if i >= len(seq) and tuple(top[i - len(seq) : i]) == seq:
                out.append(abbr)
                break
    return out


# --- public API ----------------------------------------------------------------


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` is an abbreviation the index knows, written with its dots.

    The list is ``data/abbreviations.tsv`` ("อปท.", "น.", "มี.ค.").
    """
    return _clean(word) in _resources_get().abbr_to_full


def tokenize(text: str, engine: str = DEFAULT_ENGINE) -> list[str]:
    """Split text into search tokens; use the same call for documents and queries.

    Returns lower-case tokens without whitespace or punctuation, in text order,
    each word followed by the extra tokens it stands for (parts of compounds,
    abbreviations and their full forms). Never raises on any ``str``.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown tokenizer engine {engine!r}; choose one of {ENGINES}")
    if not text:
        return []
    return _tokenize_clean(_clean(text), engine)


def token_groups(text: str, engine: str = DEFAULT_ENGINE) -> list[tuple[str, ...]]:
    """:func:`tokenize`'s tokens grouped by the word of ``text`` they come from.

    Each group is a word followed by the extra tokens it stands for (its parts,
    abbreviation or full form), in text order; joined, the groups are exactly
    ``tokenize(text)``.  A multi-word full form that is abbreviated ("ผู้ว่าราชการ
    จังหวัด" … "ผวจ.") adds the abbreviation to its last word's group.  Never raises.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown tokenizer engine {engine!r}; choose one of {ENGINES}")
    if not text:
        return []
    sequences = _full_form_sequences()
    top: list[str] = []
    out: list[tuple[str, ...]] = []
    for token in _top_level(_clean(text), engine):
        if token in _DROPPED:
            continue
        top.append(token)
        group = list(_expand(token))
        for seq, abbr in sequences.get(token, ()):
            if len(top) >= len(seq) and tuple(top[-len(seq) :]) == seq:
                group.append(abbr)
                break
        out.append(tuple(group))
    return out


def use_nlpo3_for_newmm() -> bool:
    """Segment newmm runs through nlpo3 where vouched for, in this process, if nlpo3 imports.

    The words stay newmm's (:func:`_segment_vouched`); segmenting new text gets several
    times faster, after loading the word list into nlpo3 once (about 0.3 s).  For
    processes that tokenize or read much text: index builds and the serving processes
    that answer questions.  Returns whether nlpo3 is used.
    """
    return _use_nlpo3_for_newmm()


def _use_nlpo3_for_newmm() -> bool:
    """Segment newmm runs through :func:`_segment_vouched` in this process, if nlpo3 imports."""
    global _newmm_by_nlpo3
    try:
        import nlpo3  # noqa: F401
    except ImportError:  # an optional speed-up: newmm alone gives the same words
        return False
    _nlpo3_dict_name()
    _build_lazy_tables()
    _newmm_by_nlpo3 = True
    return True


def _build_lazy_tables() -> None:
    """Build now what the first few texts would otherwise build (about 15 ms in all).

    The word set and the cluster pattern that vouch for nlpo3's words (:func:`_vouched`),
    the compounds' parts (read from the cache), and the regular expressions PyThaiNLP's
    ``normalize`` compiles at its first call.
    A process that reads many texts pays for them at start-up instead of in whichever
    text happens to need them first (a search's timed queries).
    """
    _word_set()
    _tcc_step()
    _compound_parts()
    thai_normalize("\u0e01")


def _worker_init(engine: str) -> None:
    """Build the dictionaries once per worker process, before any task."""
    _resources_get()
    if engine == "nlpo3":
        _nlpo3_dict_name()
    else:
        _use_nlpo3_for_newmm()


class TokenizerPool:
    """Worker processes that tokenize batch after batch, started once.

    The workers start with the first batch of at least ``start_from`` texts (none
    when ``processes`` <= 1), so a pool costs nothing where every batch is small.
    They are started with the ``spawn`` method, which is safe in threaded programs
    and on every platform (the caller's main module must be guarded by
    ``if __name__ == "__main__"``).  Each worker builds its own trie, about half a
    second, so processes only pay off for a few megabytes of text; an index build
    feeds one pool all its batches.
    """

    def __init__(
        self, processes: int = 1, engine: str = DEFAULT_ENGINE, start_from: int = 2
    ) -> None:
        """Tokenize on ``processes`` workers once a batch has ``start_from`` texts."""
        if engine not in ENGINES:
            raise ValueError(f"unknown tokenizer engine {engine!r}; choose one of {ENGINES}")
        self.engine = engine
        self.processes = processes
        self.start_from = max(2, start_from)
        self._pool: Any = None

    def __enter__(self) -> TokenizerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(
        self, texts: Iterable[str], progress: Callable[[int], object] | None = None
    ) -> list[list[str]]:
        """The tokens of each text, in order; ``progress(n)`` is told as they come."""
        return self.submit(texts, progress)()

    def submit(
        self, texts: Iterable[str], progress: Callable[[int], object] | None = None
    ) -> Callable[[], list[list[str]]]:
        """Start tokenizing ``texts``; the returned function waits for their tokens.

        On worker processes the texts are tokenized while the caller goes on (an index
        build adds one page of passages while the next is tokenized); in-process they
        are tokenized before this returns.  Batches are tokenized in the order they
        were submitted; ``progress(n)`` is told as the tokens are collected.
        """
        items: Sequence[str] = texts if isinstance(texts, Sequence) else list(texts)
        work = functools.partial(tokenize, engine=self.engine)
        self._start_for(len(items))
        if self._pool is None or len(items) < 2:
            out = []
            for t in items:
                out.append(work(t))
                if progress:
                    progress(1)
            return lambda: out
        chunksize = max(1, min(256, len(items) // (self.processes * 8)))
        pending = self._pool.imap(work, items, chunksize=chunksize)

        def collect() -> list[list[str]]:
            result: list[list[str]] = []
            for tokens in pending:
                result.append(tokens)
                if progress and len(result) % chunksize == 0:
                    progress(chunksize)
            if progress and len(result) % chunksize:
                progress(len(result) % chunksize)
            return result

        return collect

    def _start_for(self, size: int) -> None:
        """Start the worker processes for a batch of ``size`` texts when it is worth it."""
        if self._pool is None and self.processes > 1 and size >= self.start_from:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ctx.Pool(self.processes, initializer=_worker_init,
                                  initargs=(self.engine,))

    def submit_each(
        self, func: Callable[[_T], _R], items: Sequence[_T], size: int,
        progress: Callable[[_R], object] | None = None,
    ) -> Callable[[], list[_R]]:
        """Start ``func`` on each item; the returned function waits for the results, in order.

        ``func`` must be a module-level function (it is sent to the workers by name)
        that tokenizes; ``size`` is the number of texts the items hold, which decides as
        in :meth:`submit` whether the workers start.  On workers the items are worked
        on while the caller goes on, in-process before this returns.
        ``progress(result)`` is told as each result is collected.
        """
        self._start_for(size)
        if self._pool is None or len(items) < 2:
            out = []
            for item in items:
                out.append(func(item))
                if progress:
                    progress(out[-1])
            return lambda: out
        pending = self._pool.imap(func, items, chunksize=1)

        def collect() -> list[_R]:
            result: list[_R] = []
            for r in pending:
                result.append(r)
                if progress:
                    progress(r)
            return result

        return collect


def tokenize_many(
    texts: Iterable[str],
    processes: int = 1,
    engine: str = DEFAULT_ENGINE,
    progress: Callable[[int], object] | None = None,
) -> list[list[str]]:
    """Tokenize many texts, on several processes for large index builds.

    One :class:`TokenizerPool` for the call; see there for when processes pay off.
    """
    with TokenizerPool(processes, engine) as pool:
        return pool.map(texts, progress)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` of the words of ``text``, in order.

    The same word boundaries as :func:`tokenize` (newmm with the domain dictionary
    for Thai runs; Latin words, numbers and dotted abbreviations whole), but over
    ``text`` as given, so that ``text[start:end]`` is the word as written.  Use it on
    text already normalised for display (:func:`knowledge.thai.normalize_text`);
    white space and punctuation belong to no word.  Never raises on any ``str``.
    """
    out: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(text):
        if m.lastgroup == "thai":
            pos = m.start()
            for piece in _segment(m.group(), DEFAULT_ENGINE):
                out.append((pos, pos + len(piece)))
                pos += len(piece)
        else:
            out.append((m.start(), m.end()))
    return out


def query_words(text: str) -> list[str]:
    """The distinct words of ``text`` as written (:func:`word_spans`), in order."""
    return list(dict.fromkeys(text[s:e] for s, e in word_spans(text)))


def word_at(text: str, pos: int) -> tuple[int, int] | None:
    """The word of :func:`word_spans` ``(text)`` that ``pos`` falls strictly inside, or None.

    ``(start, end)`` with ``start < pos < end``, exactly as found by walking
    ``word_spans(text)``; None when ``pos`` is at a word's edge or outside every word.
    Each run of Thai letters is segmented on its own, so only the run around ``pos`` is
    segmented: a window cut out of a longer text (the answerer's region edges) often
    starts and ends inside words, and those cut runs are the ones the fast segmenter
    cannot vouch for (PyThaiNLP's newmm in Python, about half a millisecond each).
    """
    for m in _TOKEN_RE.finditer(text):
        a, b = m.start(), m.end()
        if b <= pos:
            continue
        if a >= pos:
            return None  # the tokens after ``pos``: none holds it
        if m.lastgroup != "thai":
            return a, b
        for piece in _segment(m.group(), DEFAULT_ENGINE):
            end = a + len(piece)
            if a < pos < end:
                return a, end
            a = end
        return None
    return None
