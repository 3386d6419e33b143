"""Build the data files that English questions are rendered in Thai with.

Writes three files under ``bot/answering/data/``:

- ``wordnet_en_th.tsv``: English word → Thai words, joined through WordNet synsets:
  Princeton WordNet 3.0 (Debian package ``wordnet-base``, files in
  ``/usr/share/wordnet``) gives each English word's senses in frequency order, and
  NICT's Thai WordNet (shipped by PyThaiNLP as ``corpus/wordnet_th.db``) the Thai words
  of those senses.  Only the first senses are read, and only Thai words that the news
  archive uses (every token of the word in at least ``--min-df`` passages of the
  index) are kept, so rare glosses do not enter queries.
- ``names_th.tsv``: the sound key (:func:`bot.answering.english.name_key`) of a name
  written in Thai in the archive → that name: people after a title (นาย, นาง,
  นางสาว, ดร., ranks) and places after their kind (สะพาน, โรงเรียน, วัด, บ้าน, …).
- ``loanwords_en.txt``: the English words whose Thai loan spelling in PyThaiNLP's
  Thai–English transliteration dictionary ("graph" → กราฟ) the news archive writes, in
  at least ``--min-docs`` articles: English questions are rendered with that dictionary
  only for these words, so "behalf" does not become บิฮาล์ฟ nor "call" คอล.  Only the
  English words are kept; the dictionary itself is read from PyThaiNLP at run time.

Usage (the news archive ingested into ``SDGBOT_HOME`` first)::

    apt-get install wordnet-base
    SDGBOT_HOME=/tmp/en-home PYTHAINLP_OFFLINE=1 \\
        .venv/bin/python bench/build_english_vocab.py ../shared/data/thaigov-news.jsonl.gz

Deterministic: the same inputs give the same files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pythainlp.corpus
from pythainlp.corpus import thai_stopwords
from pythainlp.transliterate import romanize

from bot.answering.english import name_key
from indexer.tokenize import tokenize

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bot" / "answering" / "data"
WORDNET_DIR = Path("/usr/share/wordnet")
#: Names kept for one sound key, the most frequent first.
MAX_PER_KEY = 4

WORDNET_NOTICE = """\
# English -> Thai words joined through WordNet synsets (built by bench/build_english_vocab.py).
#
# English senses: WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS. The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database. Title to copyright
# in this software, database and any associated documentation shall at all times remain
# with Princeton University and LICENSEE agrees to preserve same.
#
# Thai words: Thai WordNet Copyright 2011 by the National Institute of Information and
# Communications Technology (NICT). All rights reserved. THIS SOFTWARE AND DATABASE IS
# PROVIDED "AS IS" AND NICT MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
# BY WAY OF EXAMPLE, BUT NOT LIMITATION, NICT MAKES NO REPRESENTATIONS OR WARRANTIES OF
# MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED
# SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS,
# COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of the National Institute of
# Information and Communications Technology may not be used in advertising or publicity
# pertaining to distribution of the software and/or database. Title to copyright in this
# software, database and any associated documentation shall at all times remain with
# National Institute of Information and Communications Technology and LICENSEE agrees to
# preserve same.
#
# Both are used, copied and modified under their licences' permission to "use, copy,
# modify and distribute this software and database ... for any purpose and without fee or
# royalty", with the notices above.
"""

NAMES_NOTICE = """\
# Sound key TAB a name as the government press releases write it in Thai (people after a
# title, places after their kind) TAB its RTGS romanisation (PyThaiNLP royin), the most
# frequent names of a key first; built by bench/build_english_vocab.py from the news
# archive.  Keys: bot.answering.english.name_key.
"""

_TITLES = (r"นางสาว|นาง|นาย|ดร\.|พลเอก|พลโท|พลตรี|พล\.อ\.|พล\.ท\.|พล\.ต\.|พลตำรวจเอก|พลตำรวจโท|"
           r"พลตำรวจตรี|พล\.ต\.อ\.|พล\.ต\.ท\.|พล\.ต\.ต\.|พันเอก|พันตำรวจเอก|พ\.อ\.|พ\.ต\.อ\.|"
           r"ว่าที่ร้อยตรี|ว่าที่ ร\.ต\.|ศาสตราจารย์|รองศาสตราจารย์|ผู้ช่วยศาสตราจารย์|นายแพทย์|"
           r"แพทย์หญิง|ร้อยตำรวจเอก|ร\.ต\.อ\.|เรือเอก|นาวาเอก")
# "นายก", "นายอำเภอ" are offices, not นาย + a name.
_NOT_NAMES = re.compile(r"^(?:ก|อำเภอ|ทะเบียน|ช่าง|หน้า|จ้าง|ทหาร|ตำรวจ|สัตวแพทย์|งาม|พยาบาล|"
                        r"ร้อย|สิบ|พล|พัน|ประกัน|ท่า|ด่าน|กอง|ห้าง|ทุน|แบบ|ไฟ)")
_PERSON = re.compile(rf"(?<![\u0e01-\u0e4e])(?:{_TITLES})\s?([ก-ฮเแโใไ][\u0e01-\u0e4e]{{1,19}})\s"
                     rf"([ก-ฮเแโใไ][\u0e01-\u0e4e]{{1,24}})(?=[\s)\"”,]|$)")
# A verb glued to a name ("นายชัยวุฒิกล่าว ทั้งนี้"): not a name.
_SPEECH = re.compile(r"(?:กล่าว|เปิดเผย|ระบุ|ว่า|เผย|แถลง)$")
# Words that start a clause, not a name ("นางมนพร กล่าวต่อว่า", "ชุมชนให้มีความสุข").
_CLAUSE = re.compile(r"^(?:กล่าว|ได้|ให้|และ|ที่|จะ|เป็น|ร่วม|พร้อม|เพื่อ|โดย|ซึ่ง|ใน|ของ|มี|ไป|มา|ว่า|"
                     r"ต่อ|จาก|กับ|แก่|แล้ว|นั้น|นี้|ทั้ง|ช่วง|เมื่อ|หรือ|ตาม|ด้วย)")
_END = r"(?=[\s)\"”,]|$)"
# A place's name after its kind ("สะพานศรีมงคลวชิรานุสรณ์ "), and names that carry their kind
# in English too ("บ้านคุยมะม่วง" is "Ban Khui Mamuang", "ภูแอ่น" is "Phu Aen").
_PLACE = re.compile(
    r"(?:สะพาน|โรงเรียน|อำเภอ|ตำบล|หมู่บ้าน|ชุมชน|ถนน|โรงแรม|อาคาร|ห้องประชุม|อ่างเก็บน้ำ|น้ำตก|"
    r"อุทยานแห่งชาติ|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร|ศูนย์ประชุม|มหาวิทยาลัย)"
    rf"([\u0e01-\u0e4e]{{3,25}}){_END}"
    rf"|(?<![\u0e01-\u0e4e])((?:ภู|ดอย|เกาะ|บ้าน|วัด|หาด|ถ้ำ)[\u0e01-\u0e4e]{{2,20}}){_END}"
)


def _df(home: Path) -> dict[str, int]:
    """Passage frequency of each token in the ingested index."""
    index = home / "index"
    folder = index / (index / "CURRENT").read_text(encoding="utf-8").strip()
    terms = (folder / "vocab.txt").read_bytes().decode("utf-8").split("\n")
    df = np.load(folder / "df.npy")
    return {t: int(n) for t, n in zip(terms, df, strict=False)}


def _wordnet(df: dict[str, int], min_df: int, senses: int) -> dict[str, list[str]]:
    db = Path(pythainlp.corpus.__file__).resolve().parent / "wordnet_th.db"
    thai: dict[str, list[str]] = defaultdict(list)
    with sqlite3.connect(db) as con:
        for sid, lemma in con.execute("SELECT synsetid, li FROM word_synset ORDER BY synsetid, li"):
            thai[sid].append(lemma)

    def usable(word: str) -> int:
        toks = tokenize(word)
        if not toks or len(toks) > 2 or len(word) > 16:
            return 0
        return min(df.get(t, 0) for t in toks)

    # Each word's part of speech whose senses are most often tagged in WordNet's corpora
    # ("come" is a verb before it is a noun), and that part's first senses.
    chosen: dict[str, tuple[int, int, str, list[str]]] = {}
    # Adverbs are left out: their Thai glosses ("behind" → ช้า) are mostly wrong as search words.
    for order, (pos, name) in enumerate((("n", "noun"), ("v", "verb"), ("a", "adj"))):
        for line in (WORDNET_DIR / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0].replace("_", " ")
            if not re.fullmatch(r"[a-z][a-z -]*", lemma):
                continue
            n = int(fields[2])
            tagged = int(fields[-n - 1])
            key = (tagged, -order)
            if lemma not in chosen or key > chosen[lemma][:2]:
                chosen[lemma] = (tagged, -order, pos, fields[-n:][:senses])
    out: dict[str, list[str]] = {}
    for lemma, (_, _, pos, offsets) in sorted(chosen.items()):
        found: list[tuple[int, int, str]] = []
        for rank, offset in enumerate(offsets):
            for p in (pos, "s") if pos == "a" else (pos,):
                for th in thai.get(f"{offset}-{p}", []):
                    score = usable(th)
                    if score >= min_df:
                        found.append((rank, -score, th))
        found.sort()
        words = list(dict.fromkeys(th for _, _, th in found))[:2]
        if words:
            out[lemma] = words
    return out


def _names(corpus: Path, min_count: int) -> list[tuple[str, str, str]]:
    counts: Counter[tuple[str, str]] = Counter()  # (key, Thai) → occurrences
    stop = thai_stopwords()
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = f"{doc.get('title', '')}\n{doc.get('text', '')}"
            for m in _PERSON.finditer(text):
                first, last = m.group(1), m.group(2)
                if _NOT_NAMES.match(first) or _SPEECH.search(first) or last in stop or \
                        _CLAUSE.match(last):
                    continue
                counts[(name_key(first + last), f"{first} {last}")] += 1
            for m in _PLACE.finditer(text):
                name = m.group(1) or m.group(2)
                if _CLAUSE.match(name) or len(name) > 20:
                    continue
                counts[(name_key(name), name)] += 1
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (key, thai), n in counts.items():
        if n >= min_count and len(key) >= 4:
            by_key[key].append((n, thai))
    out: list[tuple[str, str, str]] = []
    for key in sorted(by_key):
        for _, thai in sorted(by_key[key], key=lambda c: (-c[0], c[1]))[:MAX_PER_KEY]:
            out.append((key, thai, romanize(thai.replace(" ", ""), engine="royin")))
    return out


LOANWORDS_NOTICE = """\
# English words whose Thai loan spelling (PyThaiNLP's Thai-English transliteration
# dictionary v1.4) the government press releases write in at least a few articles; built
# by bench/build_english_vocab.py from the news archive.  Read by bot.answering.english.
"""


def _loanwords(corpus: Path, min_docs: int) -> list[str]:
    """English words of the transliteration dictionary whose Thai form the archive writes."""
    from pythainlp.corpus.th_en_translit import get_transliteration_dict

    by_thai: dict[str, set[str]] = defaultdict(set)
    for thai, entry in get_transliteration_dict().items():
        for en in entry.get("en", []):
            if isinstance(en, str) and en.isascii() and en.isalpha() and len(thai) >= 2:
                by_thai[thai].add(en.lower())
    by_head: dict[str, list[str]] = defaultdict(list)
    for thai in by_thai:
        by_head[thai[:2]].append(thai)
    docs: Counter[str] = Counter()
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = f"{doc.get('title', '')}\n{doc.get('text', '')}"
            found: set[str] = set()
            for i in range(len(text) - 1):
                for thai in by_head.get(text[i:i + 2], ()):
                    if text.startswith(thai, i):
                        # The whole word, not the start of a longer one ("คอล" of "คอลัมน์"):
                        # the next letter is no Thai consonant or vowel sign of the word.
                        # A short one also stands apart before ("คอล" of "โปรโตคอล").
                        nxt = text[i + len(thai):i + len(thai) + 1]
                        prev = text[i - 1:i] if i else ""
                        if (not nxt or not "\u0e30" <= nxt <= "\u0e4e") and (
                                len(thai) > 3 or not prev or not "\u0e01" <= prev <= "\u0e4e"):
                            found.add(thai)
            docs.update(found)
    return sorted({en for thai, n in docs.items() if n >= min_docs for en in by_thai[thai]})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="the news archive (.jsonl or .jsonl.gz)")
    ap.add_argument("--home", type=Path, default=Path(os.environ.get("SDGBOT_HOME", ".")),
                    help="data folder with the archive ingested (default: $SDGBOT_HOME)")
    ap.add_argument("--min-df", type=int, default=5, help="passages a Thai word must occur in")
    ap.add_argument("--senses", type=int, default=3, help="WordNet senses read per word")
    ap.add_argument("--min-count", type=int, default=2, help="occurrences a name must have")
    ap.add_argument("--min-docs", type=int, default=3,
                    help="articles that must write a loan word")
    ap.add_argument("--loanwords-only", action="store_true",
                    help="write loanwords_en.txt only (no index or WordNet needed)")
    args = ap.parse_args(argv)
    loans = _loanwords(args.corpus, args.min_docs)
    with (DATA / "loanwords_en.txt").open("w", encoding="utf-8") as f:
        f.write(LOANWORDS_NOTICE)
        f.writelines(f"{en}\n" for en in loans)
    print(f"loanwords_en.txt: {len(loans)} English words")
    if args.loanwords_only:
        return 0
    df = _df(args.home)
    wn = _wordnet(df, args.min_df, args.senses)
    with (DATA / "wordnet_en_th.tsv").open("w", encoding="utf-8") as f:
        f.write(WORDNET_NOTICE)
        for en, th in sorted(wn.items()):
            f.write(f"{en}\t{'|'.join(th)}\n")
    names = _names(args.corpus, args.min_count)
    with (DATA / "names_th.tsv").open("w", encoding="utf-8") as f:
        f.write(NAMES_NOTICE)
        for key, thai, roman in names:
            f.write(f"{key}\t{thai}\t{roman}\n")
    print(f"wordnet_en_th.tsv: {len(wn)} English words; names_th.tsv: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
