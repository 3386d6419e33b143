"""A word list as PyThaiNLP's newmm segmenter reads it, without building a trie.

``pythainlp.util.Trie`` costs about 0.5 s of CPU to build for the 62,000 words of
PyThaiNLP's list, paid by every fresh process before its first segmentation: the
search tokenizer (``indexer.tokenize``, its own list) and the text shortener
(:mod:`knowledge.textcut`, PyThaiNLP's list) each needed one.  :class:`WordDict`
answers newmm's questions from the sorted words instead, building per-letter tables
only for the letters text actually uses often; :func:`default_words` is PyThaiNLP's
own list in that form, read once per process.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from pythainlp.util import Trie

from knowledge.cache import cache_dir, join_lines, load_marshal, save_marshal, split_lines

__all__ = ["TABLE_AFTER", "WordDict", "default_words"]


#: Lookups of text positions beginning with one character before its table is built.
TABLE_AFTER = 256


class WordDict(Trie):
    """The dictionary as newmm reads it: :meth:`prefixes` and membership, built lazily.

    A drop-in for PyThaiNLP's :class:`Trie` as newmm uses it (``prefixes`` and a truth
    test; nothing here adds or removes words).  The words are kept sorted and searched
    by bisection (a few microseconds a lookup: a question needs a few hundred); once
    text positions starting with one character have been looked up
    :data:`TABLE_AFTER` times, the prefixes of the words that begin with it are put
    in a table (a dict lookup per character, as fast as the trie), so a corpus runs
    on tables.  ``prefixes`` returns what ``Trie.prefixes`` returns (tested).
    """

    def __init__(self, words: tuple[str, ...]) -> None:
        """Words must be sorted and non-empty strings."""
        self._words = words
        self._tables: dict[str, dict[str, bool]] = {}
        self._lookups: dict[str, int] = {}
        self._word_count = len(words)

    def _table(self, first: str) -> dict[str, bool]:
        """Every prefix of the words beginning with ``first``: True for the words."""
        table = self._tables.get(first)
        if table is None:
            words = self._words
            group = words[bisect_left(words, first) : bisect_left(words, chr(ord(first) + 1))]
            table = dict.fromkeys((w[:i] for w in group for i in range(1, len(w))), False)
            table.update(dict.fromkeys(group, True))
            self._tables[first] = table  # a racing thread builds an equal table
        return table

    def build_tables(self, letters: str | None = None) -> int:
        """Build the tables of the words beginning with each of ``letters`` now.

        By default every Thai letter a word begins with: the tables a process that
        segments Thai text builds within its first few hundred texts anyway (about
        0.3 s and 20-30 MB for all of them), built while nothing waits (an answerer's
        warm-up) instead of during the first answers.  Returns the tables built.
        """
        if letters is None:
            letters = "".join(sorted({w[0] for w in self._words if "\u0e01" <= w[0] <= "\u0e5b"}))
        built = 0
        for first in letters:
            if first not in self._tables:
                self._table(first)
                built += 1
        return built

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The dictionary words that ``text`` has at ``start``, shortest first."""
        n = len(text)
        if start >= n:
            return []
        first = text[start]
        table = self._tables.get(first)
        if table is None:
            seen = self._lookups.get(first, 0) + 1
            self._lookups[first] = seen  # a lost update between threads only delays a table
            if seen < TABLE_AFTER:
                return self._bisect_prefixes(text, start)
            table = self._table(first)
        res = []
        j = start + 1
        while j <= n:
            piece = text[start:j]
            found = table.get(piece)
            if found is None:
                break
            if found:
                res.append(piece)
            j += 1
        return res

    def _bisect_prefixes(self, text: str, start: int) -> list[str]:
        """:meth:`prefixes` by bisection of the sorted words."""
        words = self._words
        end = len(words)
        res = []
        lo = 0
        for j in range(start + 1, len(text) + 1):
            piece = text[start:j]
            lo = bisect_left(words, piece, lo)  # longer pieces sort after shorter ones
            if lo == end or not words[lo].startswith(piece):
                break
            if words[lo] == piece:
                res.append(piece)
        return res

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str) or not key:
            return False
        i = bisect_left(self._words, key)
        return i < len(self._words) and self._words[i] == key

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def add(self, word: str) -> None:
        """Not supported: the dictionary is fixed once built."""
        raise TypeError("the dictionary is read-only")

    def remove(self, word: str) -> None:
        """Not supported: the dictionary is fixed once built."""
        raise TypeError("the dictionary is read-only")


@lru_cache(maxsize=1)
def default_words() -> WordDict:
    """PyThaiNLP's default word list (what ``word_tokenize`` segments with), read once.

    The same words as ``pythainlp.tokenize.word_dict_trie()`` (surrounding white space
    stripped, as ``Trie.add`` does), so newmm gives the same words with either.  Sorted
    once per PyThaiNLP version and kept in the cache folder (:mod:`knowledge.cache`).
    """
    import pythainlp

    path = cache_dir() / f"pythainlp-words-{pythainlp.__version__}-lines.marshal"
    words = split_lines(load_marshal(path))
    if not words:
        from pythainlp.corpus import thai_words

        words = tuple(sorted({w.strip() for w in thai_words()} - {""}))
        save_marshal(path, join_lines(words))
    return WordDict(words)
