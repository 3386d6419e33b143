"""English questions in Thai words, and English leads for values found in Thai text.

Staff sometimes ask in English while every document is Thai.  :func:`render_thai`
turns an English question into a Thai question string that the Thai machinery
(tokenizer, BM25, :func:`bot.qtype.analyse_question`, the answer extractor) can
search and classify:

- content words and phrases become the Thai terms the documents use, longest
  phrase first, from (in this order of trust) the hand-kept glossary of the
  ministry's and the government press releases' vocabulary (``data/en_th.tsv``),
  Thailand's provinces, districts and subdistricts (the ``geothai`` package, DOPA
  names, CC BY 4.0), PyThaiNLP's Thai–English transliteration dictionary (loan
  words: "graph" → กราฟ), and a word list joined from Princeton WordNet 3.0 and
  NICT's Thai WordNet (``data/wordnet_en_th.tsv``, built by
  ``bench/build_english_vocab.py``);
- capitalised names nothing above knows are looked up by sound in a table of
  people's and places' names written in Thai in the news archive
  (``data/names_th.tsv``: "Anupong Paochinda" → อนุพงษ์ เผ่าจินดา); failing that
  they stay as written, since Thai text keeps many English names in Latin
  ("MOI Waste Bank", "UNDP", "Kick Off");
- :func:`find_names` looks for those names in the passages a first search reads
  (a span of Thai words with the name's consonant skeleton whose RTGS romanisation
  is alike: "Opal Suchata" → โอปอล สุชาตา), and the answerer searches again with
  their Thai spelling (``names=``);
- dates and years become Buddhist-era Thai dates in the full and the abbreviated
  form ("24 November 2020" → "24 พฤศจิกายน 2563 24 พ.ย. 63"), quarters
  ``ไตรมาส 3``, fiscal years ``ปีงบประมาณ 2566`` ("fiscal year 2023", "fiscal 2566",
  "the 2023 fiscal year", "FY66"), ordinals ``ครั้งที่ 8`` ("8th", "eighth meeting";
  "third phase" ``ระยะที่ 3``); numbers written in words are digits ("twenty-five" 25,
  "two hundred and fifty" 250); with ``alternatives``, a year alone is also written
  ``ปี 2568`` and a post over a province or a district with its place
  (``ผู้ว่าราชการจังหวัดพัทลุง``), as Thai writes them and as the answerer reads the
  year and the post a question asks about;
- the question frame becomes a Thai question word that keeps the question's type
  and unit ("How many provinces" → ``กี่จังหวัด``, "how much … cost" → ``กี่บาท``,
  "who" → ``ใคร``, "where" → ``ที่ไหน``, "when" → ``เมื่อไร``); :func:`question_unit`
  gives every unit a count may be written in (the classifier and the counted noun:
  ``แห่ง|องค์กรปกครองส่วนท้องถิ่น|อปท.``; ``%|เปอร์เซ็นต์``).

Several Thai alternatives are given, separated by spaces, where a term has more
than one usual form: BM25 search is a bag of words.  Words nothing knows and
that are not names (``bookbuild``) are left out, since a Thai text cannot hold
them and they would only lower the share of the question an answer can cover.

:func:`count_lead` gives a count in the question's own noun ("418 แห่ง" for "How
many check dams" → "418 check dams") when its unit is one the question asks for;
:func:`english_lead` goes the other way for an answer's first words: "15 จังหวัด"
→ "15 provinces", "2.5 ล้านบาท" → "2.5 million baht", "1 พฤษภาคม 2567" → "1 May
2024"; ``None`` when the value cannot be rendered faithfully (a Thai person's
name: no offline romaniser writes names the way their owners do).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path

from bot.answering.english_negation import with_negation
from bot.answering.name_parts import name_part
from bot.answering.question import UNIT_SPELLINGS, same_unit, unit_spellings
from knowledge.cache import cache_dir, load_marshal, save_marshal
from knowledge.thai import BE_OFFSET, MONTHS_FULL, MONTHS_SHORT, find_dates, to_arabic_digits

__all__ = [
    "MAX_QUESTION_CHARS", "count_lead", "counted_noun", "english_lead", "find_names",
    "load_vocabulary", "name_key", "name_runs", "question_unit", "render_thai", "thai_terms",
    "unsure_terms",
]

#: A longer question is rendered from its opening (a pasted page is not a question).
MAX_QUESTION_CHARS = 1000
#: Most words one glossary phrase may span.
_MAX_PHRASE_WORDS = 9

_DATA = Path(__file__).resolve().parent / "data"
GLOSSARY_FILE = _DATA / "en_th.tsv"
WORDNET_FILE = _DATA / "wordnet_en_th.tsv"
NAMES_FILE = _DATA / "names_th.tsv"
LOANWORDS_FILE = _DATA / "loanwords_en.txt"

# ---------------------------------------------------------------------------------------
# Vocabulary

_END = "\0"  # a trie node's key for the Thai terms of the phrase that ends there


@dataclass
class _Vocab:
    """Phrase tries (case-folded, and case-kept for acronyms), names by sound, units."""

    words: dict[str, object] = field(default_factory=dict)  # trie, lower-case keys
    cased: dict[str, object] = field(default_factory=dict)  # trie, keys as written
    places: dict[str, object] = field(default_factory=dict)  # trie of place names
    squashed: dict[str, list[str]] = field(default_factory=dict)  # "lopburi" → ลพบุรี
    wordnet: dict[str, object] = field(default_factory=dict)  # trie of WordNet's phrases
    single: dict[str, list[str]] = field(default_factory=dict)  # WordNet's words, loan words
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key → (Thai, roman)
    reverse: dict[str, str] = field(default_factory=dict)  # Thai term → English phrase
    geo: dict[str, str] = field(default_factory=dict)  # Thai province/district → English


def _insert(trie: dict[str, object], words: list[str], thai: list[str], keep: bool) -> None:
    node = trie
    for w in words:
        child = node.get(w)
        if not isinstance(child, dict):
            child = {}
            node[w] = child
        node = child
    if keep and _END in node:
        old = node[_END]
        assert isinstance(old, list)
        node[_END] = old + [t for t in thai if t not in old]
    elif _END not in node:
        node[_END] = list(thai)


def _phrase_words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", phrase.strip()) if w]


def _folded_words(phrase: str) -> list[str]:
    """A lower-case phrase's words as :func:`_forms` reads a question's: no possessive.

    A question's "Women's" is looked up as "women" (:func:`_forms`), so the glossary's
    "women's development fund" and "prime minister's office" are kept without it too.
    """
    return [_bare(w) for w in _phrase_words(phrase)]


def _read_tsv(path: Path) -> Iterator[tuple[str, list[str]]]:
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            alts = [a.strip() for a in parts[1].split("|") if a.strip()]
            if alts:
                yield parts[0].strip(), alts


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def load_vocabulary() -> None:
    """Load the vocabulary now (about half a second) rather than on the first English question.

    PyThaiNLP's romanisation, which :func:`find_names` uses, builds its dictionary on
    its first word (seconds): that is done now too.
    """
    _vocab()
    _roman("ทดสอบ")


#: Bumped when the cached form of the vocabulary (:func:`_vocab`) changes.
_VOCAB_CACHE_FORMAT = 3


@functools.cache
def _vocab() -> _Vocab:
    """The vocabulary, built from the data files once and then read from the cache folder.

    Building it reads four files and every district of ``geothai`` (about 0.3 s of CPU,
    paid by the first English question of a process); the cached form
    (:mod:`knowledge.cache`, keyed by the files' contents and the two packages'
    versions) holds the same dicts and lists and is read in a few milliseconds.
    """
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    import pythainlp

    digest = hashlib.sha256()
    for path in (GLOSSARY_FILE, WORDNET_FILE, NAMES_FILE, LOANWORDS_FILE):
        digest.update(path.read_bytes() if path.is_file() else b"-")
        digest.update(b"\0")
    try:
        geo = version("geothai")
    except PackageNotFoundError:  # pragma: no cover - a dependency of the package
        geo = "?"
    versions = f"{geo}-{pythainlp.__version__}"
    digest.update(versions.encode())
    path = cache_dir() / f"english-vocab-{digest.hexdigest()[:24]}-{_VOCAB_CACHE_FORMAT}.marshal"
    cached = load_marshal(path)
    names = [f.name for f in fields(_Vocab)]
    if isinstance(cached, dict) and set(cached) == set(names) and all(
            isinstance(cached[n], dict) for n in names):
        return _Vocab(**cached)
    v = _build_vocab()
    save_marshal(path, {n: getattr(v, n) for n in names})
    return v


def _build_vocab() -> _Vocab:
    """The vocabulary from the data files (:func:`_vocab` caches it)."""
    v = _Vocab()
    for key, alts in _read_tsv(GLOSSARY_FILE):
        cased = any(c.isupper() for c in key)
        trie = v.cased if cased else v.words
        phrase = key if cased else key.lower()
        split = _phrase_words if cased else _folded_words
        _insert(trie, split(phrase), alts, keep=True)
        if "-" in phrase:  # "Chan-o-cha" may come split into its parts
            _insert(trie, split(phrase.replace("-", " ")), alts, keep=True)
        for thai in alts:
            v.reverse.setdefault(thai, key)
    _add_places(v)
    for key, alts in _read_tsv(WORDNET_FILE):
        if " " in key:
            _insert(v.wordnet, _phrase_words(key), alts, keep=False)
        else:
            v.single.setdefault(key, alts)
    loans = _loanwords()
    try:
        from pythainlp.corpus.th_en_translit import get_transliteration_dict

        for thai, entry in get_transliteration_dict().items():
            for en in entry.get("en", []):
                if isinstance(en, str) and en.isascii() and en.isalpha() and (
                        loans is None or en.lower() in loans):
                    v.single.setdefault(en.lower(), [thai])
    except (ImportError, OSError, ValueError):  # an older PyThaiNLP without the table
        pass
    if NAMES_FILE.is_file():
        with NAMES_FILE.open(encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3 and not line.startswith("#"):
                    v.names.setdefault(parts[0], []).append((parts[1], parts[2]))
    return v


def _loanwords() -> frozenset[str] | None:
    """English words whose Thai loan spelling the archive writes (None: no list, all)."""
    if not LOANWORDS_FILE.is_file():
        return None
    with LOANWORDS_FILE.open(encoding="utf-8") as f:
        return frozenset(w.strip() for w in f if w.strip() and not w.startswith("#"))


def _add_places(v: _Vocab) -> None:
    """Provinces, districts and subdistricts in their English spelling (geothai, DOPA data)."""
    import geothai

    def add(name_en: str, thai: list[str], squash: bool = True) -> None:
        _insert(v.places, _phrase_words(name_en.lower().replace("-", " ")), thai, keep=False)
        if squash:
            v.squashed.setdefault(_squash(name_en), thai)

    for p in geothai.provinces():
        add(p.name_en, [p.name_th])
        words = _phrase_words(p.name_en.lower().replace("-", " "))
        if len(words) > 1 or len(words[0]) >= 5:
            # A province is found in lower case too ("kamphaeng phet"); short one-word
            # names ("Tak", "Nan") need their capital letter.
            _insert(v.words, words, [p.name_th], keep=False)
        v.geo.setdefault(p.name_th, f"{p.name_en} province" if p.code != "10" else "Bangkok")
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            th = re.sub(r"^(?:เขต|อำเภอ)", "", d.name_th)
            en = d.name_en
            add(en, [th])
            v.geo.setdefault(th, f"{en} district")
            if en.startswith("Mueang "):
                add(en[len("Mueang "):] + " city", ["เมือง" + th[len("เมือง"):]], squash=False)
                # "Muang Nan", "Muang Sing Buri": the older spelling English text still uses.
                add("Muang " + en[len("Mueang "):], [th])
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for s in geothai.subdistricts(d.code):
                if " " in s.name_en:  # one-word names too often spell an English word
                    add(s.name_en, [s.name_th])


# ---------------------------------------------------------------------------------------
# English words

_STOP = frozenset(
    "a an the of to in on at by for from with and or is are was were be been being has have had "
    "do does did how many much what which who whom whose when where why will would can could "
    "should shall may might must it its this that these those there their they them he she his "
    "her him i you we our your my me us up so as about into than then also not no yes please "
    "tell know name named called kind type number amount total give any some all each every "
    "other such same own more most very just only both either whether if while during after "
    "before since until over under between through per out off again once here via s "
    "get got make made set out use used according says said say report reported according "
    "year's month's across behind beyond toward towards around along among within without near "
    "inside outside upon onto against beside besides despite except like unlike early late "
    "recently recent currently current now still already ever "
    # Honorifics before a name ("Dr. Yong Poovorawan", "Mr. Anutin"): a Thai text writes its
    # own title (นพ., ดร., นาย) or none, never these.
    "mr mrs ms dr".split()
)
# Verbs of the question frame that carry no content.
_FRAME = frozenset("take took taken happen happened occur occurred go went come came".split())

_IRREGULAR = {
    "people": "people", "children": "child", "women": "woman", "men": "man", "held": "hold",
    "won": "win", "sold": "sell", "built": "build", "spent": "spend", "gave": "give",
    "given": "give", "met": "meet", "led": "lead", "chose": "choose", "chosen": "choose",
    "paid": "pay", "began": "begin", "begun": "begin", "brought": "bring", "bought": "buy",
    "sent": "send", "lent": "lend", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "saw": "see", "seen": "see", "took": "take", "taken": "take",
    "grew": "grow", "grown": "grow", "thought": "think", "taught": "teach", "caught": "catch",
    "centres": "centre", "centers": "center", "data": "data", "news": "news",
}


def _forms(word: str) -> list[str]:
    """The word in lower case and its likely base forms (plural, past, -ing folded)."""
    w = word.lower().strip("'’")
    w = re.sub(r"['’]s$", "", w)
    out = [w]
    if w in _IRREGULAR:
        out.append(_IRREGULAR[w])
    if len(w) > 3:
        if w.endswith("ies"):
            out.append(w[:-3] + "y")
        elif w.endswith(("sses", "xes", "ches", "shes")):
            out.append(w[:-2])
        elif w.endswith("s") and not w.endswith(("ss", "us", "sis", "xis", "tis", "ris")):
            # "Thais", "taxis", "Saudis" are plurals; "analysis", "axis", "Paris" are not.
            out.append(w[:-1])
        if w.endswith("ied"):
            out += [w[:-3] + "y", w[:-1]]  # "carried": carry; "died", "tied": die, tie
        elif w.endswith("ed"):
            out += [w[:-2], w[:-1]]
            if len(w) > 4 and w[-3] == w[-4]:
                out.append(w[:-3])
        if w.endswith("ing") and len(w) > 5:
            out += [w[:-3], w[:-3] + "e"]
            if w[-4] == w[-5]:
                out.append(w[:-4])
    return list(dict.fromkeys(out))


@dataclass
class _Word:
    text: str  # as written
    start: int  # offset in the question
    forms: list[str]

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def _bare(word: str) -> str:
    """A word as written without its possessive ("Thailand's" → "Thailand")."""
    return re.sub(r"['’]s$", "", word)


#: "drug-free", "smoke-free": free of a thing, which Thai writes ปลอด + the thing
#: ("ปลอดยาเสพติด", "ปลอดบุหรี่"), kept one word by :func:`_words`.
_FREE_OF = re.compile(r"(?P<thing>[A-Za-z]{3,})-free", re.I)

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’.&]*(?:-[A-Za-z0-9]+)*|\d[\d,]*(?:\.\d+)?%?")


def _words(text: str, trie: dict[str, object]) -> list[_Word]:
    out: list[_Word] = []
    for m in _WORD_RE.finditer(text):
        tok = m.group(0).rstrip(".'’,")
        if not tok:
            continue
        if "-" in tok and tok.lower() not in trie and not tok[0].isdigit() and \
                not _FREE_OF.fullmatch(tok):
            pos = m.start()
            for part in tok.split("-"):
                if part:
                    out.append(_Word(part, pos, _forms(part)))
                pos += len(part) + 1
            continue
        out.append(_Word(tok, m.start(), _forms(tok)))
    return out


def _walk(
    trie: dict[str, object], words: list[_Word], i: int, cased: bool
) -> tuple[int, list[str]]:
    """The longest phrase of ``trie`` that starts at ``words[i]``: (words used, Thai terms)."""
    best: tuple[int, list[str]] = (0, [])
    frontier: list[dict[str, object]] = [trie]
    for j in range(i, min(len(words), i + _MAX_PHRASE_WORDS)):
        forms = [words[j].text] if cased else words[j].forms
        nxt: list[dict[str, object]] = []
        for node in frontier:
            for f in forms:
                child = node.get(f)
                if isinstance(child, dict):
                    nxt.append(child)
        if not nxt:
            break
        frontier = nxt
        for node in frontier:
            val = node.get(_END)
            if isinstance(val, list):
                best = (j - i + 1, val)
                break
    return best


# ---------------------------------------------------------------------------------------
# Names by sound

_TH_CONSONANT_KEY = {
    **dict.fromkeys("กขฃคฅฆ", "k"), "ง": "N", **dict.fromkeys("จฉชฌ", "c"),
    **dict.fromkeys("ซศษส", "s"), **dict.fromkeys("ญย", ""), **dict.fromkeys("ดฎตฏถฐทธฑฒ", "t"),
    **dict.fromkeys("นณ", "n"), **dict.fromkeys("บปผพภ", "p"), **dict.fromkeys("ฝฟ", "f"),
    "ม": "m", **dict.fromkeys("รลฬ", "n"), "ว": "", **dict.fromkeys("หฮอ", ""),
}  # fmt: skip
#: What :func:`name_key` keeps of Thai text (the consonants), and each one's key.
_TH_UNKEYED = re.compile(f"[^{''.join(_TH_CONSONANT_KEY)}]")
_TH_KEY_TABLE = str.maketrans(_TH_CONSONANT_KEY)
_THAI_BLOCK = re.compile(r"[\u0e00-\u0e7f]")
_SILENT = re.compile(r"[\u0e01-\u0e2e][\u0e34-\u0e39]?\u0e4c")
_RO_HAN_VOWEL = re.compile("รร(?=[\u0e01-\u0e2e])")
_REPEATED = re.compile(r"(.)\1+")


def name_key(text: str) -> str:
    """A rough sound key of a name in Thai or in Latin letters, equal for both spellings.

    Consonants only, grouped as an English spelling of a Thai name confuses them
    (ph/p/b, th/t/d, ch/j, r/l/n: a final ร or ล sounds n), silent letters (before
    the karan ์, the ร of ศรี and "sri") and vowels dropped; ร หัน (รร) is a vowel.
    ``name_key("อนุพงษ์")`` and ``name_key("Anupong")`` are both ``"npN"``.
    """
    if _THAI_BLOCK.search(text):
        t = _SILENT.sub("", text) if "\u0e4c" in text else text  # silent before karan
        t = t.replace("ศรี", "ส").replace("ทร", "ส")
        # ร หัน: "รร" before a consonant is the vowel a ("ธรรม" tham, "สรรพ" sap), at
        # the end a and n ("สวรรค์" sawan, its ค silent).
        if "รร" in t:
            t = _RO_HAN_VOWEL.sub("", t).replace("รร", "น")
        key = _TH_UNKEYED.sub("", t).translate(_TH_KEY_TABLE)
    else:
        t = text.lower()
        # "sri" (ศรี, สรี) is said si: its r is silent, as the Thai key drops it.
        t = re.sub(r"(?<=s)r(?=i)", "", t)
        for a, b in (("ng", "N"), ("ph", "p"), ("th", "t"), ("kh", "k"), ("ch", "c"),
                     ("sh", "s"), ("zh", "c"), ("tr", "t"), ("j", "c"), ("x", "s"), ("z", "s"),
                     ("q", "c"), ("v", "w"), ("g", "k"), ("b", "p"), ("d", "t"), ("r", "n"),
                     ("l", "n")):
            t = t.replace(a, b)
        key = re.sub(r"[^a-zN]|[aeiouwyh]", "", t)
    return _REPEATED.sub(r"\1", key)


# ---------------------------------------------------------------------------------------
# Dates and numbers

_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
_MONTH_NUM = {m: i + 1 for i, m in enumerate(_EN_MONTHS)}
_MONTH_NUM.update({m[:3]: i + 1 for i, m in enumerate(_EN_MONTHS)})
_MONTH_NUM["sept"] = 9
_MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|"
             r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
_ORD = r"(?:st|nd|rd|th)?"

_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 20-23 February 2024, 20 to 23 Feb 2024
    re.compile(rf"\b(?P<d1>\d{{1,2}}){_ORD}\s*(?:-|–|to|and)\s*(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?"
               rf"(?P<m>{_MONTH_RE})\b\.?,?(?:\s+(?P<y>\d{{4}}))?", re.I),
    # 24 November 2020, 1st of May
    re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH_RE})\b\.?,?(?:\s+(?P<y>\d{{4}}))?",
               re.I),
    # November 24, 2020
    re.compile(rf"\b(?P<m>{_MONTH_RE})\b\.?\s+(?P<d>\d{{1,2}}){_ORD}\b"
               rf"(?:,?\s+(?P<y>\d{{4}}))?", re.I),
    # November 2020, Nov. 2022, May of 2024
    re.compile(rf"\b(?P<m>{_MONTH_RE})\b\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.I),
)
#: "fiscal year 2025", "fiscal 2568", "budget year 2567", "FY66", "the 2024 fiscal year".
_FISCAL_RE = re.compile(r"\b(?:fiscal|budget)(?:\s+year)?\s*(?:of\s+)?(?P<y>\d{4})\b|"
                        r"\bFY\s*(?P<y2>\d{2,4})\b|"
                        r"\b(?P<y3>\d{4})\s+(?:fiscal|budget)\s+year\b", re.I)
_QUARTER_RE = re.compile(r"\bQ(?P<q>[1-4])\b|\b(?P<w>first|second|third|fourth|1st|2nd|3rd|4th)\s+"
                         r"quarter\b", re.I)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4,
                  "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
#: A year, not part of a longer number ("2,024,000"): a comma may follow it ("in 2024, …").
_YEAR_RE = re.compile(r"(?<![\d,.])(?P<y>(?:19|20)\d\d|25\d\d)(?!\d|,\d)")
#: A year with its era written: "B.E. 2569", "2569 BE", "Buddhist Era 2567", "2026 CE",
#: "A.D. 2024" (the marker is the era, not a word for the documents to hold).
_ERA_YEAR_RE = re.compile(
    r"(?:\b(?P<e1>B\.\s?E\.?|BE|Buddhist\s+Era|C\.\s?E\.?|CE|A\.\s?D\.?|AD)\s*"
    r"(?P<y1>\d{4})\b|\b(?P<y2>\d{4})\s*(?P<e2>B\.\s?E\.?|BE|C\.\s?E\.?|CE|A\.\s?D\.?|AD)"
    r"(?![A-Za-z]))")
_ORDINAL_RE = re.compile(r"\b(?P<n>\d{1,4})(?:st|nd|rd|th)\b(?P<anniv>\s+anniversary)?", re.I)
#: A birthday counted in twelve-year cycles ("the King's 6th-cycle birthday", "sixth cycle
#: birthday", "7 cycles"): Thai writes "(เฉลิมพระชนมพรรษา) 6 รอบ", not "ครั้งที่ 6" (the
#: ordinal) nor วัฏจักร (the word list's "cycle").
_CYCLE_RE = re.compile(
    r"\b(?:(?P<n>\d{1,2})(?:st|nd|rd|th)?|(?P<w>first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth))[-\s]+cycles?\b", re.I)
#: An ordinal written as a word before what it counts ("second meeting", "third phase").
_ORDINAL_WORD_RE = re.compile(
    r"\b(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth)\s+(?:(?:\w+\s+){0,2}?)(?P<noun>meeting|session|conference|assembly|forum|"
    r"edition|round|phase|stage|batch|cohort|generation|class|year|anniversary)s?\b", re.I)
_ORDINAL_NUMBER = {w: k for k, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
    start=1)}
#: How Thai numbers the nouns of :data:`_ORDINAL_WORD_RE` ("ครั้งที่ 2", "ระยะที่ 3").
_ORDINAL_TH = {"round": ("รอบที่", "ครั้งที่"), "phase": ("ระยะที่",), "stage": ("ระยะที่",),
               "batch": ("รุ่นที่",), "cohort": ("รุ่นที่",), "generation": ("รุ่นที่",),
               "class": ("รุ่นที่",), "year": ("ปีที่",)}
_DURATION_RE = re.compile(r"\b(?P<n>\d+(?:\.\d+)?)[-\s]"
                          r"(?P<u>year|month|week|day|hour|minute)s?[-\s]"
                          r"(?:old|long)?", re.I)
_DURATION_TH = {"year": "ปี", "month": "เดือน", "week": "สัปดาห์", "day": "วัน", "hour": "ชั่วโมง",
                "minute": "นาที"}


def _be(year: int) -> int:
    return year + BE_OFFSET if year < 2400 else year


def _thai_date(
    day: int | None, month: int, year: int | None, day_from: int | None = None
) -> list[str]:
    full, short = MONTHS_FULL[month - 1], MONTHS_SHORT[month - 1]
    days = f"{day_from}-{day}" if day_from is not None else f"{day}" if day else ""
    forms = []
    be = _be(year) if year else None
    if days:
        forms.append(" ".join(x for x in (days, full, str(be) if be else "") if x))
        forms.append(" ".join(x for x in (days, short, f"{be % 100:02d}" if be else "") if x))
    else:
        forms.append(f"{full} {be}" if be else full)
        if be:
            forms.append(f"{short} {be % 100:02d}")
    return forms


def _dates(text: str) -> tuple[str, list[tuple[int, list[str]]]]:
    """Dates, quarters, fiscal years, ordinals rendered in Thai: (text without them, renderings)."""
    found: list[tuple[int, list[str]]] = []
    taken = list(text)

    def blank(m: re.Match[str]) -> None:
        for k in range(m.start(), m.end()):
            taken[k] = " "

    def free(m: re.Match[str]) -> bool:
        return all(taken[k] != " " or text[k] == " " for k in range(m.start(), m.end())) and \
            "".join(taken[m.start():m.end()]) == text[m.start():m.end()]

    for pat in _DATE_PATTERNS:
        for m in pat.finditer(text):
            if not free(m):
                continue
            month_word = m.group("m")
            if month_word.lower() in ("may", "march", "mar") and not month_word[0].isupper():
                continue  # "may" the verb, "march" the walk
            g = m.groupdict()
            day = int(g["d"]) if g.get("d") else None
            if day is not None and not 1 <= day <= 31:
                continue
            year = int(g["y"]) if g.get("y") else None
            d1 = int(g["d1"]) if g.get("d1") else None
            found.append((m.start(), _thai_date(day, _MONTH_NUM[month_word.lower().rstrip(".")],
                                                year, d1)))
            blank(m)
    for m in _ERA_YEAR_RE.finditer(text):
        if not free(m):
            continue
        era = re.sub(r"[^a-z]", "", (m.group("e1") or m.group("e2")).lower())
        y = int(m.group("y1") or m.group("y2"))
        be = y if era in ("be", "buddhistera") else y + BE_OFFSET
        if 2400 <= be <= 2700:
            found.append((m.start(), [str(be), str(be - BE_OFFSET)]))
            blank(m)
    for m in _FISCAL_RE.finditer(text):
        if not free(m):
            continue
        raw = m.group("y") or m.group("y2") or m.group("y3") or ""
        y = int(raw)
        if y < 100:  # FY66 is Buddhist-era 2566, FY23 is 2023
            y = 2500 + y if y >= 40 else 2000 + y
        be = _be(y)
        found.append((m.start(), [f"ปีงบประมาณ {be}", f"ปีงบประมาณ พ.ศ. {be}"]))
        blank(m)
    for m in _QUARTER_RE.finditer(text):
        if not free(m):
            continue
        q = int(m.group("q")) if m.group("q") else _QUARTER_WORDS[m.group("w").lower()]
        found.append((m.start(), [f"ไตรมาส {q}", f"ไตรมาสที่ {q}"]))
        blank(m)
    for m in _CYCLE_RE.finditer(text):
        if not free(m):
            continue
        n = m.group("n") or str(_ORDINAL_NUMBER[m.group("w").lower()])
        found.append((m.start(), [f"{n} รอบ"]))
        blank(m)
    for m in _ORDINAL_RE.finditer(text):
        if not free(m):
            continue
        n = m.group("n")
        found.append((m.start(), [f"ครบรอบ {n} ปี" if m.group("anniv") else f"ครั้งที่ {n}"]))
        blank(m)
    for m in _ORDINAL_WORD_RE.finditer(text):
        if not free(m):
            continue
        n, noun = _ORDINAL_NUMBER[m.group("w").lower()], m.group("noun").lower()
        if noun == "anniversary":
            found.append((m.start(), [f"ครบรอบ {n} ปี"]))
            blank(m)
            continue
        forms = [f"{p} {n}" for p in _ORDINAL_TH.get(noun, ("ครั้งที่",))]
        if n == 1 and noun in ("meeting", "session", "conference", "assembly", "forum", "round"):
            forms.append("ครั้งแรก")
        found.append((m.start(), forms))
        # The noun stays a word of the question ("การประชุม"); the ordinal is rendered.
        for k in range(m.start("w"), m.end("w")):
            taken[k] = " "
    for m in _DURATION_RE.finditer(text):
        if not free(m):
            continue
        found.append((m.start(), [f"{m.group('n')} {_DURATION_TH[m.group('u').lower()]}"]))
        blank(m)
    for m in _YEAR_RE.finditer(text):
        if not free(m):
            continue
        y = int(m.group("y"))
        found.append((m.start(), [str(_be(y)), str(y)] if y < 2400 else [str(y)]))
        blank(m)
    for m in re.finditer(rf"\b{_MONTH_RE}\b", text, re.I):
        w = m.group(0)
        if not free(m) or (w.lower() in ("may", "march", "mar") and not w[0].isupper()):
            continue
        if w.lower() in _MONTH_NUM and (len(w) > 3 or w[0].isupper()):
            found.append((m.start(), _thai_date(None, _MONTH_NUM[w.lower()], None)))
            blank(m)
    return "".join(taken), found


# ---------------------------------------------------------------------------------------
# The question frame: type and unit

#: English noun (base form) → the Thai classifier a count of it is written with.
_UNITS: dict[str, str] = {
    **dict.fromkeys("province provincial".split(), "จังหวัด"),
    "district": "อำเภอ", "subdistrict": "ตำบล", "sub-district": "ตำบล", "tambon": "ตำบล",
    "village": "หมู่บ้าน", "household": "ครัวเรือน", "family": "ครัวเรือน",
    **dict.fromkeys(
        "person people visitor participant attendee member student farmer official officer "
        "volunteer resident tourist worker patient child elderly man woman staff villager "
        "applicant voter victim trainee leader teacher entrepreneur citizen youth "
        "beneficiary recipient migrant employee athlete guest delegate thai foreigner elder "
        "senior soldier police policeman inmate prisoner passenger driver user customer buyer "
        "pupil nurse doctor survivor evacuee refugee labourer laborer spectator viewer fan "
        "graduate intern caregiver candidate".split(), "คน"),
    # Thai counts suspects, offenders and businesses in ราย ("ผู้ต้องหา 5 ราย", "ผู้ประกอบการ
    # 120 ราย").
    **dict.fromkeys("case debtor creditor suspect offender dealer trafficker addict vendor "
                    "trader investor operator company firm business".split(), "ราย"),
    **dict.fromkeys("monk novice".split(), "รูป"),
    **dict.fromkeys("pill tablet".split(), "เม็ด"), "project": "โครงการ",
    "activity": "กิจกรรม", "time": "ครั้ง",
    **dict.fromkeys("ton tonne".split(), "ตัน"), "rai": "ไร่", "kilogram": "กิโลกรัม",
    "kg": "กิโลกรัม", "kilometre": "กิโลเมตร", "kilometer": "กิโลเมตร", "km": "กิโลเมตร",
    "metre": "เมตร", "meter": "เมตร", "centimetre": "เซนติเมตร", "centimeter": "เซนติเมตร",
    "cm": "เซนติเมตร", "millimetre": "มิลลิเมตร", "millimeter": "มิลลิเมตร", "mm": "มิลลิเมตร",
    "litre": "ลิตร", "liter": "ลิตร", "day": "วัน",
    "year": "ปี", "month": "เดือน", "week": "สัปดาห์", "hour": "ชั่วโมง", "minute": "นาที",
    **dict.fromkeys("country nation".split(), "ประเทศ"),
    **dict.fromkeys("organisation organization agency".split(), "หน่วยงาน"),
    "community": "ชุมชน", "network": "เครือข่าย", "plan": "แผน", "item": "รายการ",
    **dict.fromkeys(
        "school hospital dam weir centre center site place location point market bank branch "
        "building temple factory shop store facility office station well pond reservoir "
        "bridge municipality plant camp shelter checkpoint hub spot".split(), "แห่ง"),
    # Housing, power and military units are counted in หน่วย ("3,756 หน่วย").
    "unit": "หน่วย",
    **dict.fromkeys("vehicle car truck bus boat".split(), "คัน"),
    **dict.fromkeys("house home".split(), "หลัง"), "tree": "ต้น", "book": "เล่ม",
    "level": "ระดับ", "step": "ขั้นตอน", "dimension": "มิติ", "goal": "เป้าหมาย",
    "target": "เป้าหมาย", "seat": "ที่นั่ง", "award": "รางวัล", "baht": "บาท",
    "partner": "ภาคี", "product": "ผลิตภัณฑ์", "dollar": "ดอลลาร์",
    **dict.fromkeys("kind type species variety sort".split(), "ชนิด"), "base": "ฐาน",
    "room": "ห้อง", "floor": "ชั้น", "medal": "เหรียญ", "card": "บัตร", "bag": "ถุง",
    "bottle": "ขวด", "piece": "ชิ้น", **dict.fromkeys("machine computer device".split(), "เครื่อง"),
    "route": "เส้นทาง", "flight": "เที่ยวบิน", "trip": "เที่ยว", "round": "รอบ",
    **dict.fromkeys("batch cohort generation".split(), "รุ่น"), "group": "กลุ่ม", "team": "ทีม",
    "course": "หลักสูตร", "language": "ภาษา", "rank": "อันดับ", "storey": "ชั้น",
    "greenhouse": "โรงเรือน", "coop": "โรงเรือน", "set": "ชุด", "package": "ชุด",
    "clump": "กอ",
    # Jobs opened are counted in อัตรา ("18,587 อัตรา"), areas warned in โซน, hotspots in
    # จุด, rights of a scheme in สิทธิ.
    **dict.fromkeys("position vacancy".split(), "อัตรา"), "zone": "โซน",
    "hotspot": "จุด", "right": "สิทธิ", "deed": "แปลง",
}
_MONEY_WORDS = re.compile(
    r"\b(?:cost|costs|budget|budgets|revenue|income|money|spend|spent|price|worth|value|fund|"
    r"funds|funding|pay|paid|baht|earn|earned|earnings|sales|sell|sold|donat\w*|loan|loans|"
    r"wage|wages|salary|salaries|fee|fees|"
    r"invest\w*|remittance|remit\w*|compensation|allocat\w*|tax|taxes|debt|fine|grant|"
    r"profit|expenditure|expense|expenses|amount of money|subsid\w*|disburse\w*|export\w*|"
    r"import\w*|trade|traded|buy|bought|purchase\w*)\b", re.I)

_KIND_NOUNS: dict[str, str] = {
    "city": "เมือง", "town": "เมือง", "country": "ประเทศ", "province": "จังหวัด",
    "district": "อำเภอ", "subdistrict": "ตำบล", "village": "หมู่บ้าน", "venue": "สถานที่",
    "place": "สถานที่", "location": "สถานที่", "room": "ห้อง", "building": "อาคาร",
    "hotel": "โรงแรม", "temple": "วัด", "school": "โรงเรียน", "region": "ภาค",
    "area": "พื้นที่", "hall": "ห้องประชุม", "university": "มหาวิทยาลัย",
    "checkpoint": "ด่าน", "port": "ท่าเรือ", "island": "เกาะ",
    # "Through which border checkpoint": Thai names a crossing จุดผ่านแดน(ถาวร) ...
    "border": "จุดผ่านแดน", "crossing": "จุดผ่านแดน",
    # Venues releases name (session 11): "At which municipality's child centre …".
    "municipality": "เทศบาล", "museum": "พิพิธภัณฑ์", "hospital": "โรงพยาบาล",
    "market": "ตลาด", "park": "สวน", "centre": "ศูนย์", "center": "ศูนย์", "shop": "ร้าน",
    "store": "ร้าน", "restaurant": "ร้าน", "stadium": "สนามกีฬา", "airport": "ท่าอากาศยาน",
    "station": "สถานี", "pier": "ท่าเรือ", "beach": "หาด", "dam": "เขื่อน", "palace": "พระราชวัง",
    "residence": "บ้านพัก", "camp": "ค่าย", "farm": "ฟาร์ม", "shelter": "ศูนย์พักพิง",
    "prison": "เรือนจำ", "community": "ชุมชน", "monastery": "วัด", "college": "วิทยาลัย",
}
#: Kinds of places named in two words, looked for before :data:`_KIND_NOUNS`.
_KIND_PHRASES: dict[str, str] = {
    "national park": "อุทยานแห่งชาติ", "police station": "สถานีตำรวจ",
    "learning centre": "ศูนย์เรียนรู้", "learning center": "ศูนย์เรียนรู้",
    "meeting room": "ห้องประชุม", "city hall": "ศาลากลาง", "provincial hall": "ศาลากลางจังหวัด",
    "health centre": "โรงพยาบาลส่งเสริมสุขภาพตำบล", "health center": "โรงพยาบาลส่งเสริมสุขภาพตำบล",
}
_ORG_NOUNS: dict[str, str] = {
    "department": "กรม", "agency": "หน่วยงาน", "ministry": "กระทรวง", "office": "สำนักงาน",
    "organisation": "หน่วยงาน", "organization": "หน่วยงาน", "unit": "หน่วยงาน",
    "company": "บริษัท", "bank": "ธนาคาร", "bureau": "สำนัก", "authority": "หน่วยงาน",
    "body": "หน่วยงาน", "institution": "สถาบัน", "university": "มหาวิทยาลัย",
    "committee": "คณะกรรมการ", "team": "ทีม", "group": "กลุ่ม", "party": "พรรค",
}
_PERSON_NOUNS = (
    r"ambassador|governor|minister|chief|director|head|mayor|officer|official|spokes\w*|"
    r"secretary|president|chairman|chairperson|chair|winner|person|leader|commander|abbot|"
    r"monk|headman|kamnan|deputy|adviser|advisor|speaker|representative|envoy|consul|"
    r"general|manager|founder|owner|farmer|villager|teacher|student|queen|champion|author|"
    r"designer|artist|singer|actor|actress|doctor|expert|guest|member|chief executive|"
    r"sheriff|officer|prime minister|premier|rector|dean|inspector|council+or|councilor|"
    r"commissioner"
)

def _i(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# A word between "what"/"which" and the noun it asks about, but not an auxiliary
# ("which big province", not "what did the ministry").
_GAP = r"(?:(?!(?:did|does|do|is|was|are|were|has|have|had|will|would|can|could|should)\b)\w+\s+)"

_QUESTION_FRAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("person", _i(rf"\bwho(?:m|se)?\b|\b(?:what|which)\s+(?:is|was|were|are)\s+the\s+names?\s+"
                          rf"of\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:{_PERSON_NOUNS})s?\b|"
                          rf"\b(?:which|what)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_PERSON_NOUNS})s?\b"
                          rf"(?=.*\b(?:did|was|is|were|has|had|will|led|chaired|presided|signed)\b)")),
    # A bare "rate" is no percentage ("At what rate was water released?": cubic metres a
    # second); interest, inflation, unemployment and growth rates are, and so is a rate
    # asked of a bank's lending rates ("To what rate did the bank cut its MLR?").
    ("percent", _i(rf"\b(?:what|which)\s+(?:(?:is|was|were|are)\s+)?{_GAP}{{0,2}}?"
                           r"(?:percentage|percent|share|proportion|"
                           r"(?:interest|inflation|unemployment|growth|lending|loan|deposit|"
                           r"policy|mortgage)\s+rate|"
                           r"rate(?=.*\b(?:MLR|MRR|MOR|interest|lending|deposit|mortgage)\b)|"
                           r"growth(?!\s+(?:strateg|plan|polic|engine|model|sector|area|industr|pole))|"
                           r"inflation)\b|\bhow\s+many\s+percent\b|\bwhat\s+%|\bby\s+how\s+much\s+percent")),
    ("level", _i(rf"\b(?:what|which)\s+{_GAP}{{0,2}}?level\b")),
    ("rank", _i(rf"\b(?:what|which)\s+{_GAP}{{0,2}}?(?:rank|ranking)\b|\branked\s+(?:what|which)\b|"
                r"\bhow\s+(?:high|low|well)\s+(?:was|is|did|does)\b[^?]*\brank")),
    ("quarter", _i(rf"\b(?:what|which)\s+{_GAP}?quarter\b")),
    ("date", _i(rf"\bwhen\b|\b(?:what|which)\s+{_GAP}?(?:date|day|dates|days|year|month|"
                        r"time|period)\b|\bhow\s+soon\b|\bby\s+when\b")),
    ("duration", _i(r"\bhow\s+long\b|\bfor\s+how\s+many\s+(?:years|months|days|weeks|hours)\b")),
    ("count", _i(r"\bhow\s+many\b|\bwhat\s+(?:is\s+|was\s+)?the\s+(?:total\s+)?number\s+of\b|"
                         r"\bhow\s+(?:large|big|far|high|tall|deep|wide|old|heavy)\b")),
    ("money", _i(r"\bhow\s+much\b|\bwhat\s+(?:is\s+|was\s+|were\s+|are\s+)?the\s+(?:total\s+)?"
                 r"(?:(?:monthly|daily|annual|yearly|minimum|average)\s+)?"
                 r"(?:amount|budget|cost|price|value|sales|revenue|income|spending|expenditure|"
                 r"wage|salary|fee|prize money|prize)s?\b")),
    ("place", _i(rf"\bwhere\b|\b(?:in|at|to|from|on|through|via|into|near|across|along|"
                         rf"inside|within)\s+(?:which|what)\s+{_GAP}{{0,2}}?"
                         r"(?:city|town|country|province|district|subdistrict|village|venue|place|"
                         r"location|room|building|hotel|temple|school|region|area|hall|university|"
                         r"checkpoint|port|island|municipality|museum|hospital|market|park|centre|center|shop|store|restaurant|stadium|airport|station|pier|beach|dam|palace|residence|camp|farm|shelter|prison|community|monastery|college)\b|"
                         r"\b(?:which|what)\s+(?:city|town|country|province|district|subdistrict|"
                         r"village|venue|place|location|room|building|hotel|region|hall|checkpoint|"
                         r"port|island|municipality|museum|hospital|market|park|centre|center|shop|store|restaurant|stadium|airport|station|pier|beach|dam|palace|residence|camp|farm|shelter|prison|community|monastery|college)\b")),
    ("org", _i(rf"\b(?:which|what)\s+{_GAP}{{0,2}}?(?:department|agency|ministry|office|"
                       r"organi[sz]ation|unit|company|bank|bureau|authority|body|institution|"
                       r"committee|team|group|party)\b")),
    ("phone", _i(rf"\b(?:which|what)\s+{_GAP}{{0,2}}?(?:number|hotline|phone)\b")),
    ("title", _i(rf"\b(?:what|which)\s+(?:is|was|were|are)\s+(?:the\s+)?{_GAP}{{0,2}}?(?:name|"
                         r"title|theme|topic|slogan|motto|concept)\b|\bcalled\b|\bnamed\b|"
                         r"\bwhat\s+(?:name|title|theme|topic|slogan)\b")),
    ("list", _i(r"\bwhat\s+(?:are|were)\b|\bwhich\b.*\b(?:are|were)\b|\blist\b|"
                        r"\bwhat\s+\w+s\s+(?:did|do|does|were|are|will)\b")),
    ("why", _i(r"\bwhy\b|\bfor\s+what\s+reason\b")),
    ("how", _i(r"\bhow\b")),
    ("yesno", _i(r"^\s*(?:did|does|do|is|was|are|were|has|have|had|can|will|would|should)\b")),
    ("what", _i(r"\bwhat\b|\bwhich\b")),
)


#: The end of a period is asked: "until when", "until what date", "by which day", "what is
#: the deadline", "when does ... end / close / expire".
_ASKS_UNTIL = _i(r"\b(?:until|till)\s+(?:when|what|which)\b|\bdeadline\b|\blast\s+day\b|"
                 r"\bby\s+(?:what|which)\s+(?:date|day)\b|"
                 r"\bwhen\b.*\b(?:end|ends|ended|close|closes|closed|expire|expires|expired)\b")

_HOW_MUCH_WAS = _i(r"how\s+much\s+(?:is|was|were|are|did|does|do|will|would|has|have|had|"
                  r"can|could)\b")


#: "How long is/was the …" of a thing that has a length (a bridge, a road), not a time.
_LENGTH_ASKED = _i(r"how\s+long\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+)?(?:[\w'-]+\s+){0,5}?"
                   r"(?:bridges?|roads?|routes?|rivers?|canals?|tunnels?|railways?|rail\s+lines?|"
                   r"lines?|tracks?|runways?|pipelines?|coastlines?|walls?|paths?|trails?|"
                   r"lanes?|highways?|streets?|expressways?|dykes?|dikes?|embankments?|"
                   r"beach(?:es)?)\b")


#: "per household", "for each village", "a rai": the unit money is asked per.
_PER_UNIT = re.compile(r"\b(?:per|for\s+each|each|a)\s+(?P<noun>[a-z]+)", re.I)


def _frame(question: str, words: list[_Word]) -> tuple[str, str]:
    """The question's type and its Thai question phrase."""
    best: tuple[int, int, str, re.Match[str]] | None = None
    for rank, (name, pattern) in enumerate(_QUESTION_FRAMES):
        m = pattern.search(question)
        if m and (best is None or (m.start(), rank) < (best[0], best[1])):
            best = (m.start(), rank, name, m)
    if best is None:
        return "what", "อะไร"
    _, _, name, m = best
    after = [w for w in words if w.start >= m.start()]
    if name == "person":
        return name, "ใคร"
    if name == "percent":
        return name, "ร้อยละเท่าไร"
    if name == "level":
        return name, "ระดับเท่าไร"
    if name == "rank":
        # "What rank did Thailand get": a place in an order, asked as Thai asks it.
        return "count", "อันดับที่เท่าไร"
    if name == "quarter":
        return name, "ไตรมาสใด"
    if name == "date":
        if re.match(r"what\s+time\b", m.group(0), re.I):
            return name, "เวลา กี่โมง"
        if _ASKS_UNTIL.search(question):
            # "Until when can people register?": the end of the period, as Thai asks
            # it ("ได้ถึงเมื่อไร"), not its start.
            return name, "ถึงวันที่ เมื่อไร สิ้นสุด"
        if re.match(r"(?:what|which)\s+year\b", m.group(0), re.I):
            # "By which year does Thailand aim …": a year, as Thai asks it ("ปีใด"), which
            # is what the answerer reads as asking a year and not a day.
            return name, "ปีใด"
        return name, "เมื่อไร"
    if name == "duration":
        unit = _unit_after(after[:6])
        if not unit and _LENGTH_ASKED.match(question, m.start()):
            # "How long is the Prasae Sin bridge?": a length, not a time.
            return "count", "กี่เมตร"
        return name, f"กี่{unit}" if unit else "นานเท่าไร"
    if name == "money" and (per := _PER_UNIT.search(question, m.end())):
        # "How much per household", "how much per rai": money per a unit, as Thai asks it
        # ("ครัวเรือนละเท่าไร"), not a count of households (bot.answering.per_unit).
        unit = _unit_after([w for w in words if w.start >= per.start("noun")][:2])
        if unit and unit not in ("บาท", "ล้านบาท"):
            return "money", f"{unit}ละเท่าไร กี่บาท"
    if name in ("count", "money"):
        # "How much was the bond?", "How much did it receive?": nothing named to measure,
        # so money ("How much water was released" measures water).
        money = bool(_MONEY_WORDS.search(question[m.start():]) or (
            name == "money" and _HOW_MUCH_WAS.match(question, m.start())))
        unit = _unit_after(_noun_phrase(after[2:12] if name == "count" else after[2:6])) or (
            _thai_unit(question, m) if name == "count" else None)
        if unit and unit != "บาท" and not (name == "money" and money and unit in ("ครั้ง",)):
            return "count", f"กี่{unit}"
        if money or (name == "money" and unit == "บาท"):
            budget = re.search(r"\bbudget", question, re.I)
            return "money", ("งบประมาณเท่าไร กี่บาท" if budget else "กี่บาท")
        if re.search(r"\bhow\s+old\b", question, re.I):
            return "count", "อายุเท่าไร"
        return "count", "จำนวนเท่าไร"
    if name == "place":
        # "In which national park": a kind of two words first (อุทยานแห่งชาติ, not สวน).
        pairs = (f"{a} {b}" for x, y in itertools.pairwise(after[:6])
                 for a in x.forms for b in y.forms)
        kind = next((_KIND_PHRASES[p] for p in pairs if p in _KIND_PHRASES), "") or next(
            (_KIND_NOUNS[f] for w in after[:6] for f in w.forms if f in _KIND_NOUNS), "")
        return name, (f"{kind}ใด ที่ไหน" if kind else "ที่ไหน")
    if name == "org":
        kind = next((_ORG_NOUNS[f] for w in after[:5] for f in w.forms if f in _ORG_NOUNS),
                    "หน่วยงาน")
        return name, f"{kind}ใด"
    if name == "phone":
        return name, "หมายเลขอะไร"
    if name == "title":
        return name, "ชื่ออะไร"
    if name == "list":
        return name, "อะไรบ้าง"
    if name == "why":
        return name, "เพราะอะไร"
    if name == "how":
        return name, "อย่างไร"
    if name == "yesno":
        return name, "หรือไม่"
    return "what", "อะไร"


def _thai_unit(question: str, m: re.Match[str]) -> str | None:
    """The classifier of a thing an English count question names in Thai words.

    "How many ธนาคารขยะ", "ธนาคารขยะ how many?": the Thai run after "how many", else the
    one before it, counted as the glossary's English for it is ("waste bank": แห่ง).
    None when no Thai run ends with a term the glossary renders.
    """
    runs = list(_THAI_RUN.finditer(question))
    run = next((r for r in runs if r.start() >= m.end()), None) or next(
        (r for r in reversed(runs) if r.end() <= m.start()), None)
    if run is None:
        return None
    v = _vocab()
    text = run.group().replace("\u0e4d\u0e32", "\u0e33")
    # the longest glossary term the run ends with is its head ("โครงการธนาคารขยะ")
    english = next((v.reverse[text[k:]] for k in range(len(text)) if text[k:] in v.reverse),
                   None)
    return _unit_after(_words(english, v.words)) if english else None


_PHRASE_ENDS = frozenset(
    "did do does was were is are have has had will would can could should in at of for from to "
    "by on with that which who whom where when than as the a an its their this these those "
    "came come went got made took set say said".split()
)
_NOUN_PLURALS = frozenset(
    {"people", "children", "women", "men", "centres", "centers", "data", "news"}
)


def _noun_phrase(words: list[_Word]) -> list[_Word]:
    """The words up to the first verb or preposition: the noun phrase after "how many"."""
    out: list[_Word] = []
    for w in words:
        low = w.forms[0]
        verb = (low.endswith("ed") and len(low) > 4) or (
            low in _IRREGULAR and low not in _NOUN_PLURALS)
        if low in _PHRASE_ENDS or verb:
            break
        out.append(w)
    return out


#: Countable things named by several words, counted with their own classifier.
_PHRASE_UNITS: dict[tuple[str, ...], str] = {
    ("local", "administrative", "organization"): "แห่ง",
    ("local", "administrative", "organisation"): "แห่ง",
    ("local", "government", "organization"): "แห่ง",
    ("local", "government", "organisation"): "แห่ง",
    ("local", "authority"): "แห่ง",
    ("waste", "bank"): "แห่ง",
    ("check", "dam"): "แห่ง",
    ("health", "volunteer"): "คน",
    # An area is no length: "square kilometres" counts ตารางกิโลเมตร, not กิโลเมตร.
    **{("square", u): "ตารางกิโลเมตร" for u in ("kilometre", "kilometer", "km")},
    **{("square", u): "ตารางเมตร" for u in ("metre", "meter")},
    ("learning", "base"): "ฐาน",
}


def _unit_after(words: list[_Word]) -> str | None:
    """The Thai classifier of the head (the last countable noun) among ``words``."""
    for k in range(len(words)):
        for phrase, classifier in _PHRASE_UNITS.items():
            part = words[k:k + len(phrase)]
            if len(part) == len(phrase) and all(p in w.forms for p, w in zip(phrase, part,
                                                                             strict=True)):
                return classifier
    found: str | None = None
    for w in words:
        found = next((_UNITS[f] for f in w.forms if f in _UNITS), found)
    return found


# ---------------------------------------------------------------------------------------
# Rendering


def _clean(question: str) -> str:
    text = unicodedata.normalize("NFKC", question or "")
    text = "".join(c if c.isprintable() else " " for c in text)
    text = text.replace("–", "-").replace("—", "-").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUESTION_CHARS]


#: Numbers written in words, as the documents write them (in digits); "one" is left out
#: ("one of the provinces" counts nothing).
_NUMBER_WORDS: dict[str, int] = {
    **{w: k for k, w in enumerate("two three four five six seven eight nine ten eleven twelve "
                                 "thirteen fourteen fifteen sixteen seventeen eighteen "
                                 "nineteen twenty".split(), start=2)},
    **{w: 10 * k for k, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(),
                                       start=3)},
}


#: Words of a number written out that only follow another: "twenty-one", "two hundred".
_UNIT_WORDS = {w: k for k, w in enumerate("one two three four five six seven eight nine".split(),
                                          start=1)}


def _number_run(words: list[_Word], i: int) -> tuple[int, int]:
    """A number written in words from ``words[i]`` (one of :data:`_NUMBER_WORDS`).

    Returns (words used, value): "twenty five" (or "twenty-five", split into two words)
    is 25, "two hundred" 200, "three thousand five hundred" 3,500; "million" is left to
    the glossary ("two million baht" is 2 ล้านบาท, as the documents write it).  "and"
    between parts is read past ("two hundred and fifty").
    """
    total, current, j = 0, _NUMBER_WORDS[words[i].forms[0]], i + 1
    while j < len(words):
        f = words[j].forms[0]
        if f == "and" and j + 1 < len(words) and (current or total) and current % 100 == 0 and (
                words[j + 1].forms[0] in _NUMBER_WORDS or words[j + 1].forms[0] in _UNIT_WORDS):
            j += 1
            continue
        open_hundreds = current % 100 == 0  # "two hundred", "three thousand", 0 after it
        after_tens = current % 10 == 0 and not open_hundreds  # "twenty" before "five"
        after_hundreds = open_hundreds and bool(current or total)  # "two hundred" before "five"
        if f in _UNIT_WORDS and (after_tens or after_hundreds):
            current += _UNIT_WORDS[f]
        elif f in _NUMBER_WORDS and after_hundreds:
            current += _NUMBER_WORDS[f]
        elif f == "hundred" and 0 < current < 100:
            current *= 100
        elif f == "thousand" and current:
            total += current * 1_000
            current = 0
        else:
            break
        j += 1
    return j - i, total + current


def _content(
    words: list[_Word], v: _Vocab, names: Mapping[str, str] | None = None
) -> Iterator[tuple[int, list[str], bool]]:
    """(offset, Thai or kept term, sure) for the content words, longest phrase first.

    ``names`` maps runs of capitalised words (as written, one space apart) to their
    Thai spelling as the documents write it; they come before every glossary.
    ``sure`` is False for a rendering only the word lists give (WordNet's phrases and
    words, loan words): one of a word's senses, often not the one the documents use
    ("lead" → นำไปสู่, "sent" → เซนต์); numbers, names, the glossary and the gazetteer
    are sure.
    """
    i = 0
    while i < len(words):
        w = words[i]
        if w.text[0].isdigit():
            yield w.start, [w.text.rstrip("%")], True
            i += 1
            continue
        free = _FREE_OF.fullmatch(w.text)
        if free and not _known(words, i, v)[0]:
            thing = [_Word(free.group("thing"), w.start, _forms(free.group("thing")))]
            n, thai = _known(thing, 0, v)
            if not n:
                thai = next((v.single[f] for f in thing[0].forms if f in v.single), [])
            if thai:
                yield w.start, [f"ปลอด{t}" for t in thai[:2]], True
            i += 1
            continue
        if names and w.capital:
            n = next((n for n in range(min(len(words) - i, 6), 0, -1)
                      if " ".join(_bare(x.text) for x in words[i:i + n]) in names), 0)
            if n:
                spaced = " ".join(_bare(x.text) for x in words[i:i + n])
                yield w.start, [names[spaced], spaced], True
                i += n
                continue
        n, thai = _known(words, i, v)
        if n <= 1 and _opens_name(words, i, v):
            # "Ban Kaeo Sombun", "Muang Thong Thani": a word of a Thai name ("ban" is
            # also ห้าม) before another capitalised word no glossary knows opens a name.
            run = _name_run_words(words, i, v)
            yield from ((at, alts, True) for at, alts in _name_run(run, v))
            i += len(run)
            continue
        if n == 1:
            n_wn, thai_wn = _walk(v.wordnet, words, i, cased=False)
            if n_wn > 1 and not any(x.forms[0] in _STOP for x in words[i:i + n_wn]):
                # A compound the word lists know ("working group": คณะทำงาน) says more
                # than its first word's glossary sense ("work": ทำงาน); a phrasal verb
                # ("work out") does not.
                yield w.start, thai_wn, False
                i += n_wn
                continue
        if n:
            if n == 1 and _capitalised(w) and _squash(w.text) not in v.squashed \
                    and _bare(w.text) not in thai:
                # A capitalised word the glossary translates ("Social", "International")
                # may be a word of an English title the release quotes in Latin letters.
                thai = [*thai, _bare(w.text)]

            yield w.start, thai, True
            i += n
            continue
        if w.forms[0] in _STOP or w.forms[0] in _FRAME or len(w.forms[0]) < 2:
            i += 1
            continue
        if w.capital:
            # A run of capitalised words the glossary does not know: a name.
            run = _name_run_words(words, i, v)
            yield from ((at, alts, True) for at, alts in _name_run(run, v))
            i += len(run)
            continue
        if w.forms[0] in _NUMBER_WORDS and not w.capital:
            # "six Thais", "twenty-five", "two hundred": the documents write digits.
            n, value = _number_run(words, i)
            yield w.start, [f"{value:,}" if value >= 1000 else str(value)], True
            i += n
            continue
        n, thai = _walk(v.wordnet, words, i, cased=False)
        if n:
            yield w.start, thai, False
            i += n
            continue
        for f in w.forms:
            if f in v.single:
                yield w.start, v.single[f][:2], False
                break
        i += 1


def _known(words: list[_Word], i: int, v: _Vocab) -> tuple[int, list[str]]:
    """The longest glossary phrase or place name at ``words[i]`` (0 words if none)."""
    n, thai = _walk(v.cased, words, i, cased=True)
    n2, thai2 = _walk(v.words, words, i, cased=False)
    if n2 > n:
        n, thai = n2, thai2
    if words[i].capital:
        n3, thai3 = _walk(v.places, words, i, cased=False)
        if n3 > n:
            n, thai = n3, thai3
    return n, thai


def _in_name(word: _Word, words: list[_Word], j: int, v: _Vocab) -> bool:
    """Whether ``word`` (``words[j]``) may go on a run of capitalised name words."""
    if not word.capital or word.forms[0] in _STOP or word.text[0].isdigit():
        return False
    return not _known(words, j, v)[0] or (
        name_part(word.text) is not None and _known(words, j, v)[0] <= 1)


def _opens_name(words: list[_Word], i: int, v: _Vocab) -> bool:
    """Whether ``words[i]`` is a word of Thai names before a capitalised unknown word."""
    w = words[i]
    if not w.capital or name_part(w.text) is None or i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    return nxt.start - (w.start + len(w.text)) <= 2 and _in_name(nxt, words, i + 1, v)


def _name_run_words(words: list[_Word], i: int, v: _Vocab) -> list[_Word]:
    """The run of capitalised words from ``words[i]`` that spells one name (at most six)."""
    j = i + 1
    while j < len(words) and j - i < 6 and _in_name(words[j], words, j, v):
        j += 1
    return words[i:j]


def _name_run(run: list[_Word], v: _Vocab) -> Iterator[tuple[int, list[str]]]:
    """Thai for a run of capitalised words: a place spelled without spaces, a name by sound."""
    k = 0
    while k < len(run):
        for end in range(len(run), k, -1):
            part = run[k:end]
            joined = "".join(w.text for w in part)
            sq = _squash(joined)
            if sq in v.squashed:
                yield part[0].start, v.squashed[sq]
                k = end
                break
            if all(name_part(w.text) for w in part):
                continue  # "Thong Thani": ทอง ธานี word by word, not a name alike in sound
            key = name_key(joined)
            thai = _by_sound(joined, key, v) if len(key) >= 4 and (
                len(part) > 1 or len(key) >= 5) else None
            if thai:
                yield part[0].start, [thai, " ".join(w.text for w in part)]
                k = end
                break
        else:
            word = run[k]
            spelled = name_part(word.text)
            if spelled is not None:
                # A word of Thai names no name of the vocabulary spells with its
                # neighbours: "Muang" of "Muang Thong Thani" is เมือง.
                yield word.start, list(spelled)
            elif len(word.text) > 1 or word.text.isupper():
                yield word.start, [_bare(word.text)]
            k += 1


def _capitalised(word: _Word) -> bool:
    """Whether ``word`` is a word written with a capital ("Social", "Mother's"), not an acronym."""
    return len(word.text) >= 3 and bool(re.fullmatch(r"[A-Z][a-z]+(?:['’]s)?", word.text))


#: How alike a name's English spelling and a candidate's romanisation must be (difflib ratio).
MIN_NAME_LIKENESS = 0.6


def _by_sound(english: str, key: str, v: _Vocab) -> str | None:
    """The Thai name with ``key`` whose romanisation is most like ``english``, if alike enough."""
    low = english.lower()
    best = (0.0, "")
    for thai, roman in v.names.get(key, ()):
        ratio = difflib.SequenceMatcher(None, low, roman.lower()).ratio()
        if ratio > best[0]:
            best = (ratio, thai)
    return best[1] if best[0] >= MIN_NAME_LIKENESS else None


#: Counted nouns that say no more than their classifier ("How many people" is กี่คน).
_GENERIC_COUNTED = frozenset({"people", "person", "persons", "time", "times", "one", "ones"})


def _after_how_many(text: str, word: _Word) -> bool:
    """Whether ``word`` is the noun right after "how many" (or one word later)."""
    before = text[max(0, word.start - 30):word.start].lower().split()
    return before[-2:] == ["how", "many"] or before[-3:-1] == ["how", "many"]


_ASKED_PERIOD = re.compile(r"\b(?:what|which)\s+(?:exact\s+)?(date|day|dates|days|year|month|time|"
                           r"period)\b", re.I)


#: The ends of posts held over a province or a district ("ผู้ว่าราชการจังหวัด", "นายอำเภอ",
#: "ปลัดจังหวัด"): Thai writes the place right after them.
_OF_A_PLACE = ("จังหวัด", "อำเภอ")


#: "which event did", "what award was": the noun a what-question asks a thing of.
_ASKED_KIND = re.compile(r"\b(?:what|which)\s+([A-Za-z]{3,})\s+(?:did|does|do|is|was|are|were|"
                         r"has|have|had|will|would|can|could)\b", re.I)
#: A run of Thai words in an English question.
_THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+(?:\s+[\u0e01-\u0e5b]+)*")


def _marked_terms(
    question: str, names: Mapping[str, str] | None = None
) -> tuple[list[tuple[tuple[str, ...], bool]], str, str]:
    """:func:`thai_terms` with each term marked sure or not (:func:`unsure_terms`).

    Kept by the question and names (an English question's terms are asked for some ten
    times while it is answered: its search, coverage, places, unsure and kept words);
    each caller gets its own list.
    """
    terms, qtype, qword = _marked_terms_of(
        question, None if names is None else tuple(names.items()))
    return list(terms), qtype, qword


@functools.lru_cache(maxsize=256)
def _marked_terms_of(
    question: str, names: tuple[tuple[str, str], ...] | None
) -> tuple[tuple[tuple[tuple[str, ...], bool], ...], str, str]:
    """:func:`_marked_terms` of ``names`` as (written, Thai) pairs; a pure function."""
    terms, qtype, qword = _marking(question, None if names is None else dict(names))
    return tuple(terms), qtype, qword


def _marking(
    question: str, names: Mapping[str, str] | None
) -> tuple[list[tuple[tuple[str, ...], bool]], str, str]:
    text = _clean(question)
    if not re.search(r"[A-Za-z0-9]", text):
        return [], "what", ""
    v = _vocab()
    rest, dates = _dates(text)
    qtype, qword = _frame(text, _words(text, v.words))
    words = _words(rest, v.words)
    if qtype == "date":
        # "What time", "which day": the noun says what kind of answer (the question
        # phrase has it), not a word for the passage to hold ("time" is ครั้ง).
        asked = _ASKED_PERIOD.search(rest)
        if asked:
            words = [w for w in words if w.start != asked.start(1)]
    if qtype == "what":
        # "For which event did …", "What award did … receive": the thing asked is named
        # by its kind, as Thai asks it ("งานอะไร", "รางวัลอะไร"), and the kind is the
        # answer's head word, not a word for the passage to hold besides.
        asked = _ASKED_KIND.search(rest)
        at = next((k for k, w in enumerate(words) if asked and w.start == asked.start(1)), None)
        if at is not None and words[at].forms[0] not in _STOP:
            n, kind = _known(words, at, v)
            if n == 1 and kind and re.fullmatch(r"[\u0e01-\u0e4e]+", kind[0]):
                qword = f"{kind[0]}อะไร"
                words = words[:at] + words[at + 1:]
    if qtype == "count":
        # "How many people": the question phrase (กี่คน) says it; ประชาชน would be a
        # word for the passage to hold.
        words = [w for w in words if not (w.forms[0] in _GENERIC_COUNTED and _after_how_many(
            rest, w))]
        if qword.startswith("กี่"):
            # "How many households": a noun whose Thai is the classifier asked (กี่ครัวเรือน)
            # is said by the question phrase once, as a Thai question says it.
            words = [w for w in words if not (_after_how_many(rest, w) and _known(
                [w], 0, v)[1][:1] == [qword[len("กี่"):]])]
    # Thai the question writes ("ธนาคารขยะ how many?") is a term as it stands: the
    # documents' own words (NFKC's "ํา" written back as the "ำ" Thai text uses).
    thai = [(m.start(), [m.group().replace("\u0e4d\u0e32", "\u0e33")], True)
            for m in _THAI_RUN.finditer(rest)]
    pieces = sorted(list(_content(words, v, names)) + [(at, alts, True) for at, alts in dates]
                    + thai, key=lambda p: p[0])
    for k in range(len(pieces) - 1):
        place, post = pieces[k][1], pieces[k + 1][1]
        if place and post and place[0] in v.geo and post[0].endswith(_OF_A_PLACE) \
                and post[0] not in _OF_A_PLACE \
                and post[0] not in v.geo:
            # "the Phetchaburi governor": Thai writes the post before its province
            # (ผู้ว่าราชการจังหวัดเพชรบุรี), and a who-question reads the post there.
            pieces[k], pieces[k + 1] = (pieces[k][0], post, pieces[k + 1][2]), \
                (pieces[k + 1][0], place, pieces[k][2])
    pieces = _posts_of_bodies(pieces, rest)
    pieces = _bodies_after_posts(_deputy_posts(pieces, rest), rest)
    sure: dict[tuple[str, ...], bool] = {}
    for _, alts, is_sure in pieces:
        term = tuple(a for a in alts if a.strip())
        if term:
            sure[term] = sure.get(term, False) or is_sure
    return list(sure.items()), qtype, qword


#: Posts the glossary gives as the usual one that Thai names otherwise when they head a
#: body: (the glossary's post, how the Thai names of such bodies begin) → the post.  A
#: province's governor and the head of a state enterprise or the central bank, which
#: Thai calls ผู้ว่าการ ("the governor of the Sports Authority of Thailand": ผู้ว่าการ
#: การกีฬาแห่งประเทศไทย, not a ผู้ว่าราชการจังหวัด); the president of an association, its
#: นายกสมาคม ("the president of the Mahadthai Housewives Association").
_POSTS_OF_BODIES: dict[str, tuple[tuple[str, ...], str]] = {
    "ผู้ว่าราชการจังหวัด": (("การ", "ธนาคาร", "องค์การ"), "ผู้ว่าการ"),
    "รองผู้ว่าราชการจังหวัด": (("การ", "ธนาคาร", "องค์การ"), "รองผู้ว่าการ"),
    "ประธาน": (("สมาคม",), "นายกสมาคม"),
}
#: The English between a post and the body it heads ("governor of the").
_POST_OF = re.compile(r"(?:(?:deputy|vice|assistant)\s+)?(?:governor|president)\s+of\s+"
                      r"(?:the\s+)?", re.I)
#: A body's name written before its post ("the Bank of Thailand governor", "TAT's").
_BODY_BEFORE = re.compile(r"[A-Z][\w.&-]*(?:\s+(?:of|and|for|the|[A-Z][\w.&-]*))*(?:['’]s)?\s+")


def _posts_of_bodies(
    pieces: list[tuple[int, list[str], bool]], rest: str
) -> list[tuple[int, list[str], bool]]:
    """``pieces`` with the post of a body's head as Thai names it (:data:`_POSTS_OF_BODIES`).

    ``pieces``: (offset in ``rest``, Thai alternatives, sure) in the question's order.
    The glossary's "governor" is a province's and its "president" a meeting's or a
    country's; next to a body whose Thai name opens as a state enterprise's, the central
    bank's or an association's does, with only "of the" between or the body's capitalised
    name before, the post is that body's head's (ผู้ว่าการ, นายกสมาคม).
    """
    out = list(pieces)
    for k, (at, alts, sure) in enumerate(pieces):
        if not alts or alts[0] not in _POSTS_OF_BODIES:
            continue
        openings, post = _POSTS_OF_BODIES[alts[0]]
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        prev = pieces[k - 1] if k else None
        after = bool(nxt and nxt[1] and nxt[1][0].startswith(openings)
                     and _POST_OF.fullmatch(rest[at:nxt[0]]))
        before = bool(prev and prev[1] and prev[1][0].startswith(openings)
                      and _BODY_BEFORE.fullmatch(rest[prev[0]:at]))
        if after or before:
            out[k] = (at, [post], sure)
    return out


#: How the Thai of a post begins, to which "deputy" adds รอง ("deputy Interior permanent
#: secretary": รองปลัดกระทรวงมหาดไทย, not ผู้ช่วย + ปลัดกระทรวงมหาดไทย).
_POST_OPENINGS = ("ปลัด", "อธิบดี", "ผู้ว่า", "เลขาธิการ", "โฆษก", "ผู้อำนวยการ", "ผู้บัญชาการ",
                  "นายก", "ประธาน", "ผู้บังคับการ", "หัวหน้า", "ผู้ตรวจราชการ", "อัยการ")
#: "deputy" or "vice" alone before a post.
_DEPUTY = re.compile(r"(?:deputy|vice)[\s-]+", re.I)


#: A term of an English question: (offset in its text, Thai alternatives, sure).
_Piece = tuple[int, list[str], bool]


def _joined_pairs(pieces: list[_Piece],
                  join: Callable[[_Piece, _Piece], _Piece | None]) -> list[_Piece]:
    """``pieces`` with each piece and the next one made one where ``join`` gives the term.

    ``join(piece, next)``: the joined term, or None to keep ``piece`` as it is; a joined
    pair is not joined again with the piece after it.
    """
    out: list[_Piece] = []
    k = 0
    while k < len(pieces):
        joined = join(pieces[k], pieces[k + 1]) if k + 1 < len(pieces) else None
        out.append(joined if joined is not None else pieces[k])
        k += 2 if joined is not None else 1
    return out


def _deputy_posts(
    pieces: list[tuple[int, list[str], bool]], rest: str
) -> list[tuple[int, list[str], bool]]:
    """``pieces`` with "deputy" (or "vice") and the post after it one term, รอง + the post.

    ``pieces`` as for :func:`_posts_of_bodies`.  The glossary knows "deputy permanent
    secretary"; "the deputy Interior permanent secretary" reaches the post through the
    ministry's own entry, and "deputy" alone was WordNet's ผู้ช่วย (an assistant).  A
    minister's deputy is a รัฐมนตรีช่วยว่าการ.
    """
    def join(piece: _Piece, nxt: _Piece) -> _Piece | None:
        at, _, _ = piece
        post = nxt[1]
        if not post or not _DEPUTY.fullmatch(rest[at:nxt[0]]):
            return None
        if post[0].startswith("รัฐมนตรีว่าการ"):
            return (at, ["รัฐมนตรีช่วยว่าการ" + a[len("รัฐมนตรีว่าการ"):]
                         if a.startswith("รัฐมนตรีว่าการ") else a for a in post], nxt[2])
        if post[0].startswith(_POST_OPENINGS):
            return (at, [a if a.startswith("รอง") else "รอง" + a for a in post], nxt[2])
        return None

    return _joined_pairs(pieces, join)


#: Posts Thai writes before the body they serve ("โฆษกกระทรวงยุติธรรม" for "the Justice
#: Ministry spokesman"), and how the Thai names of such bodies begin.
_POSTS_BEFORE_BODIES = frozenset({"โฆษก", "รองโฆษก", "อธิบดี", "รองอธิบดี", "ผู้อำนวยการ",
                                  "รองผู้อำนวยการ", "เลขาธิการ", "รองเลขาธิการ", "ปลัดกระทรวง",
                                  "รองปลัดกระทรวง"})
_SERVED_BODIES = ("กระทรวง", "กรม", "สำนักงาน", "การ", "สถาบัน", "มหาวิทยาลัย", "ธนาคาร")


def _bodies_after_posts(
    pieces: list[tuple[int, list[str], bool]], rest: str
) -> list[tuple[int, list[str], bool]]:
    """``pieces`` with "the Justice Ministry spokesman" one term, as Thai writes the post.

    ``pieces`` as for :func:`_posts_of_bodies`.  A body's capitalised name right before
    a bare post (:data:`_POSTS_BEFORE_BODIES`) is the body the post serves: the term is
    the post with the body (โฆษกกระทรวงยุติธรรม; ปลัดกระทรวง + กระทรวงยุติธรรม is
    ปลัดกระทรวงยุติธรรม), then the body's own forms.  A who-question reads the post there.
    """
    def join(piece: _Piece, nxt: _Piece) -> _Piece | None:
        at, alts, sure = piece
        if not (alts and nxt[1] and nxt[1][0] in _POSTS_BEFORE_BODIES
                and alts[0].startswith(_SERVED_BODIES)
                and _BODY_BEFORE.fullmatch(rest[at:nxt[0]])):
            return None
        post = nxt[1][0]
        body = alts[0][len("กระทรวง"):] if post.endswith("กระทรวง") and alts[0].startswith(
            "กระทรวง") else alts[0]
        return (at, [post + body, *alts], sure or nxt[2])

    return _joined_pairs(pieces, join)


_BE_YEAR = re.compile(r"2[45]\d\d")


def _post_of(post: str, place_en: str) -> bool:
    """Whether the Thai ``post`` is held over a place of the gazetteer's kind ``place_en``.

    "ผู้ว่าราชการจังหวัด" over a province ("Phatthalung province"), "นายอำเภอ" over a
    district ("Mae Sai district"); the bare nouns จังหวัด and อำเภอ are no posts.
    """
    if post in _OF_A_PLACE:
        return False
    if post.endswith("จังหวัด"):
        return place_en.endswith(" province")
    return post.endswith("อำเภอ") and place_en.endswith(" district")


def thai_terms(
    question: str, names: Mapping[str, str] | None = None
) -> tuple[list[tuple[str, ...]], str, str]:
    """The English ``question`` in Thai, term by term: (terms, question type, question phrase).

    Each term is a tuple of alternatives for one thing the question names (the
    usual Thai form first: ``("ผู้ว่าราชการจังหวัด", "ผู้ว่าฯ")``), in the question's
    order; a name kept in Latin letters is a term of its own.  A measure of how much
    of a question a passage covers should count a term as covered when any one of its
    alternatives is there.  The type is one of ``count``, ``money``, ``percent``,
    ``level``, ``quarter``, ``date``, ``duration``, ``place``, ``person``, ``org``,
    ``phone``, ``title``, ``list``, ``why``, ``how``, ``yesno``, ``what``; the phrase is
    the Thai question words (``กี่จังหวัด``).  ``names`` maps names as the question
    writes them to their Thai spelling (:func:`find_names`).  Never raises.
    """
    marked, qtype, qword = _marked_terms(question, names)
    return [t for t, _ in marked], qtype, qword


def unsure_terms(question: str, names: Mapping[str, str] | None = None) -> frozenset[str]:
    """The usual Thai forms of the terms of ``question`` only the word lists render.

    WordNet's and the loan-word list's renderings give one sense of an English word,
    often not the word the documents use ("lead" → นำไปสู่, "royal" → ราช, "sent" →
    เซนต์): a passage that lacks such a term may well answer the question, so
    coverage weighs them less (:data:`bot.answering.answerer.UNSURE_TERM_WEIGHT`).  A
    Thai term another word of the question gives surely is not among them.  Never raises.
    """
    marked, _, _ = _marked_terms(question, names)
    sure = {t[0] for t, is_sure in marked if is_sure}
    return frozenset(t[0] for t, is_sure in marked if not is_sure and t[0] not in sure)


def question_unit(question: str) -> str | None:
    """The units an English count or percentage question is answered in, or None.

    Alternatives are separated by ``|``, as :class:`bot.answering.question.QuestionInfo`
    holds them: the classifier first, then the counted noun as the documents write
    it, since Thai text counts in either ("How many local administrative
    organizations" → ``แห่ง|องค์กรปกครองส่วนท้องถิ่น|อปท.``); a percentage is written
    ``%`` or ``เปอร์เซ็นต์`` (``ร้อยละ 40`` carries no unit after its number); a unit of
    several spellings gives them all ("kilograms" → ``กิโลกรัม|กก.|ก.ก.``).  Never raises.
    """
    text = _clean(question)
    if not re.search(r"[A-Za-z]", text):
        return None
    v = _vocab()
    words = _words(text, v.words)
    qtype, qword = _frame(text, words)
    if qtype == "percent":
        return "%|เปอร์เซ็นต์"
    if qtype != "count" or not qword.startswith("กี่"):
        return None
    units = [qword[len("กี่"):]]
    m = re.search(r"\bhow\s+many\b", text, re.I)
    if m and units[0] not in UNIT_SPELLINGS:
        # A measure is its unit alone: "square kilometres" is no count of กิโลเมตร.
        phrase = _noun_phrase([w for w in words if w.start >= m.end()][:10])
        for _, alts, _sure in _content(phrase, v):
            units += [a for a in alts if " " not in a and re.search(r"[\u0e01-\u0e4e]", a)]
    # Every spelling the documents write the unit in: "kilograms" is "21 ก.ก." as well.
    return unit_spellings("|".join(dict.fromkeys(units)))


def name_runs(question: str) -> list[str]:
    """The runs of capitalised words of an English question (dates left out).

    ``"Where did Opal Suchata win Miss World?"`` gives ``["Opal Suchata", "Miss
    World"]``: names, which Thai text writes in Thai letters or keeps in Latin, or
    words of a title.  A word that is only a question or function word ("Where") ends
    a run.  Never raises.
    """
    return [" ".join(w for w, _ in run) for run in _runs(question)]


def _runs(question: str) -> list[list[tuple[str, bool]]]:
    """The runs of capitalised words, each word with whether it is known.

    Known: a glossary or the gazetteer has it, alone or in a phrase ("Nakhon Si" of
    "Nakhon Si Thammarat").
    """
    text = _clean(question)
    if not re.search(r"[A-Za-z]", text):
        return []
    v = _vocab()
    rest, _ = _dates(text)
    words = _words(rest, v.words)
    known = [False] * len(words)
    i = 0
    while i < len(words):
        n = _known(words, i, v)[0]
        if not n and words[i].capital:
            n = next((n for n in range(min(len(words) - i, 6), 0, -1)
                      if _squash("".join(w.text for w in words[i:i + n])) in v.squashed), 0)
        for k in range(i, i + n):
            known[k] = True
        i += max(n, 1)
    runs: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    for w, is_known in zip(words, known, strict=True):
        if w.capital and w.forms[0] not in _STOP and not w.text[0].isdigit():
            current.append((_bare(w.text), is_known))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _with_kind(thai: str, english: str) -> str:
    """A gazetteer name with its kind: "จังหวัดน่าน", "อำเภอทุ่งสง", "กรุงเทพมหานคร"."""
    if english == "Bangkok" or thai.startswith("เมือง"):
        return thai
    return ("อำเภอ" if english.endswith(" district") else "จังหวัด") + thai


#: "Who …", and "In June 2024, who …", "According to X, who …": the question's own "who"
#: after an opening phrase, not a relative one ("the governor who reported").
_ASKING_WORD = re.compile(r"\b(?:which|what|where|when|how|whose|who|whom|why)\b", re.I)
_LEADING_WHO = re.compile(r"(?P<lead>[^,?]{0,80},\s*)?(?P<rest>(?:who|whom)\s.*)", re.I | re.S)


def render_thai(
    question: str, *, alternatives: bool = True, names: Mapping[str, str] | None = None
) -> str:
    """The English ``question`` as a Thai question string for search and classification.

    Returns Thai terms for the content words (with ``alternatives``, every usual form
    of a term, separated by spaces; without, the first form only), Thai dates and
    numbers, the English names that Thai text keeps in Latin, and a Thai question
    phrase that keeps the question's type and unit (``กี่จังหวัด``, ``กี่บาท``, ``ใคร``,
    ``ที่ไหน``, ``เมื่อไร``; ``ใคร`` comes first, as Thai puts it, in "who did …").
    ``names`` as for :func:`thai_terms`.  Only the first :data:`MAX_QUESTION_CHARS`
    characters are read.  Never raises; a question with no words gives ``""``.
    """
    lead = _LEADING_WHO.match(_clean(question))
    if lead is not None and _ASKING_WORD.search(lead.group("lead") or ""):
        lead = None  # "Which temple is X, who led …": "which" asks, "who" is relative
    if lead is not None and lead.group("lead"):
        # "In June 2024, who was the Interior permanent secretary …": read as "who was the
        # … in June 2024", so that the post follows ใคร as Thai asks ("ใครคือปลัด…").
        question = f"{lead.group('rest').rstrip(' ?？')} {lead.group('lead').rstrip(', ')}?"
    terms, qtype, qword = thai_terms(question, names)
    chosen = [t if alternatives else t[:1] for t in terms]
    if alternatives:
        # A province or district as Thai text names it, with its kind ("จังหวัดน่าน"): a
        # passage's "จังหวัดน่าน" then repeats the question and is not taken for its answer.
        geo = _vocab().geo
        # "the Phatthalung governor", "the governor of Phatthalung": the post as Thai
        # writes it with its place (ผู้ว่าราชการจังหวัดพัทลุง), which is what a who-question's
        # post is read as (another province's governor is not the one asked).
        chosen = [(t[0] + nxt[0], *t) if nxt and _post_of(t[0], geo.get(nxt[0], "")) else t
                  for t, nxt in zip(chosen, [*chosen[1:], ()][:len(chosen)], strict=True)]
        chosen = [(*t, _with_kind(t[0], geo[t[0]])) if t[0] in geo else t for t in chosen]
        # "plan for 2025": a year alone as Thai writes it ("ปี 2568"), which is what a
        # question's year is read as (:mod:`bot.answering.qualifiers`: the value stated
        # for that year, not the one stated for the year before it).
        chosen = [(f"ปี {t[0]}", *t) if _BE_YEAR.fullmatch(t[0]) else t for t in chosen]
    body = " ".join(dict.fromkeys(a for t in chosen for a in t))
    # "In how many provinces was it not carried out?": the complement, as Thai asks it.
    body = with_negation(question, qtype, body)
    if not body:
        return qword if qtype != "what" else ""
    # "Which deputy permanent secretary led …" asks who holds the post, as "who" does.
    first = qtype == "person" and (lead is not None or _clean(question).lower().startswith(
        "which "))
    return f"{qword} {body}" if first else f"{body} {qword}"


# ---------------------------------------------------------------------------------------
# Names found in the documents read

#: Fewest letters of a name looked for in the documents (shorter ones match by chance).
MIN_NAME_LETTERS = 5
#: How alike a name's English spelling and a Thai span's romanisation must be (difflib
#: ratio of the two after :func:`_fold`), and for a short name (fewer than
#: :data:`SHORT_NAME` letters folded).  True pairs measure 0.75 ("Phnom Penh" พนมเปญ)
#: to 1.0, "Mount" มูลนิธิ 0.73.
MIN_FOUND_LIKENESS = 0.72
MIN_SHORT_LIKENESS = 0.8
SHORT_NAME = 8
#: Most words of an English name looked for, and most names and parts of names looked
#: for in one question (a question in title case is not a list of names).
MAX_NAME_WORDS = 4
MAX_PIECES = 24
#: Most words of a Thai span that may spell one name.
_MAX_SPAN_WORDS = 7


def _fold(latin: str) -> str:
    """A spelling of a name in Latin letters with the differences of its spellings folded.

    RTGS and the spellings people use for Thai names differ in aspirated pairs
    (ph/p, th/t, kh/k), ch/j, final r/l (which Thai says as n), doubled letters
    and some vowels; pinyin's zh/q/x are Thai ช/ฉ/ซ.
    """
    t = re.sub(r"[^a-z]", "", latin.lower())
    for a, b in (("ph", "p"), ("th", "t"), ("kh", "k"), ("zh", "c"), ("ch", "c"), ("sh", "s"),
                 ("j", "c"), ("q", "c"), ("x", "s"), ("z", "s"), ("v", "w"), ("r", "n"),
                 ("l", "n"), ("ee", "i"), ("oo", "u"), ("ue", "u"), ("eu", "u"), ("oe", "e"),
                 ("y", "i"), ("h", "")):
        t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", t)


@functools.cache
def _royin() -> Callable[[str], str]:
    """PyThaiNLP's ``royin`` romanisation, its segmenter reading the word list without a trie.

    ``royin`` segments its text with newmm and PyThaiNLP's default dictionary, which
    newmm builds as a ``pythainlp.util.Trie`` on first use: about 1 s of CPU in the
    first English question of a process (3 ms of the mean CPU a query over the 300
    queries of ``bench/search_cpu.py`` on the news corpus).  newmm's default is pointed at
    :func:`knowledge.worddict.default_words` instead: the same words, read from the
    cache folder, whose prefixes are the trie's (``tests/test_tokenize.py``, so newmm
    segments alike; ``tests/test_english.py`` compares romanisations)
    — done once, here, before the first romanisation, and only when newmm's default
    has not been built yet.
    """
    from pythainlp.tokenize import newmm
    from pythainlp.transliterate import romanize

    from knowledge.worddict import default_words

    default = getattr(newmm, "word_dict_trie", None)
    cache_info = getattr(default, "cache_info", None)
    if cache_info is not None and cache_info().currsize == 0:
        newmm.word_dict_trie = default_words

    def royin(token: str) -> str:
        return romanize(token, engine="royin")

    return royin


@functools.lru_cache(maxsize=65536)
def _roman(token: str) -> str:
    """A Thai word's RTGS romanisation, folded (PyThaiNLP ``royin``; "" when it fails)."""
    try:
        return _fold(_royin()(token))
    except (ValueError, KeyError, IndexError, ImportError):  # a candidate lost, no more
        return ""


def _roman_span(span: str) -> str:
    from indexer.tokenize import word_spans

    return "".join(_roman(span[a:b]) for a, b in word_spans(span))


@functools.lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    return name_key(token)


def _join_keys(keys: Sequence[str]) -> str:
    """Sound keys of consecutive words joined as :func:`name_key` of the words joined."""
    out = ""
    for k in keys:
        out += k[1:] if out and k and out[-1] == k[0] else k
    return out


@functools.lru_cache(maxsize=8192)
def _chunk_words(chunk: str) -> tuple[tuple[str, str], ...]:
    """The words of a Thai chunk (no spaces) with their sound keys."""
    from indexer.tokenize import word_spans

    return tuple((chunk[a:b], _token_key(chunk[a:b])) for a, b in word_spans(chunk))


#: A run of Thai letters (a chunk :func:`_spans` segments).
_THAI_CHUNK = re.compile(r"[\u0e01-\u0e4e]+")


@functools.lru_cache(maxsize=64)
def _key_prefixes(keys: frozenset[str]) -> frozenset[str]:
    """Every prefix of ``keys`` (the empty one and the keys themselves included)."""
    return frozenset(k[:i] for k in keys for i in range(len(k) + 1))


@functools.lru_cache(maxsize=64)
def _any_key(keys: frozenset[str]) -> Callable[[str], re.Match[str] | None]:
    """A search for any of ``keys`` (non-empty) inside a string: ``any(k in s for k in keys)``."""
    return re.compile("|".join(map(re.escape, sorted(keys)))).search


def _spans(text: str, keys: frozenset[str], longest: int) -> Iterator[tuple[str, str]]:
    """(Thai span, its sound key) for spans of Thai words whose key is one of ``keys``.

    Spans lie within a chunk of Thai letters or across two chunks one space apart (a
    first name and a family name), of at most :data:`_MAX_SPAN_WORDS` words; chunks
    whose joined key holds none of ``keys`` are not segmented (``longest``: the
    longest key).
    """
    chunks = [(m.start(), m.end(), m.group()) for m in _THAI_CHUNK.finditer(text)]
    ckeys = [_token_key(c) for _, _, c in chunks]
    # A span's key only grows as words join it: once it opens no key, none follows.
    opening = _key_prefixes(keys)
    holds_key = _any_key(keys)
    for i, (_, end, chunk) in enumerate(chunks):
        pair = i + 1 < len(chunks) and chunks[i + 1][0] == end + 1
        key = ckeys[i]
        if pair:  # _join_keys of the two chunks' keys
            nxt = ckeys[i + 1]
            key = key + (nxt[1:] if key and nxt and key[-1] == nxt[0] else nxt)
        if holds_key(key) is None:
            continue
        words = list(_chunk_words(chunk))
        if pair:
            words += [(" ", ""), *_chunk_words(chunks[i + 1][2])]
        for a in range(len(words)):
            if words[a][0] == " ":
                continue
            joined = ""
            for b in range(a, min(len(words), a + _MAX_SPAN_WORDS + 1)):
                k = words[b][1]  # _join_keys([joined, k])
                joined += k[1:] if joined and k and joined[-1] == k[0] else k
                if len(joined) > longest or joined not in opening:
                    break
                if joined in keys and words[b][0] != " ":
                    yield "".join(w for w, _ in words[a:b + 1]), joined


def find_names(question: str, texts: Sequence[str]) -> dict[str, str]:
    """Thai spellings in ``texts`` of the names the English ``question`` writes in Latin.

    Each run of capitalised words no glossary knows (:func:`name_runs`), and each of
    its words, is looked for among the spans of Thai words of ``texts`` (the passages
    read for the question): a span with the same consonant skeleton
    (:func:`name_key`) whose romanisation (PyThaiNLP ``royin``) is alike enough
    (:data:`MIN_FOUND_LIKENESS`) spells it: "Opal Suchata" → โอปอล สุชาตา, "Darun
    Witthaya" → ดรุณวิทยา.  Returns {run or word as written: Thai span}; the whole run
    is preferred to its words.  Never raises.
    """
    try:
        return _find_names(question, texts)
    except (ValueError, KeyError, IndexError, re.error):  # a name not found is no error
        return {}


def _find_names(question: str, texts: Sequence[str]) -> dict[str, str]:
    wanted: dict[str, tuple[str, str]] = {}  # run or word -> (key, folded spelling)
    for run in _runs(question):
        parts = [w for w, _ in run]
        for n in range(min(len(parts), MAX_NAME_WORDS), 0, -1):
            for i in range(len(parts) - n + 1):
                if all(known for _, known in run[i:i + n]):
                    continue  # the glossary's or the gazetteer's Thai stands
                piece = " ".join(parts[i:i + n])
                letters = re.sub(r"[^A-Za-z]", "", piece)
                if len(letters) < MIN_NAME_LETTERS or (n == 1 and letters.isupper()):
                    continue
                key = name_key(letters)
                folded = _fold(letters)
                # "Khao Khayai" (เขาขยาย) has one consonant class: its spelling decides.
                if len(key) >= 2 or (key and len(folded) >= SHORT_NAME):
                    wanted[piece] = (key, folded)
    if not wanted:
        return {}
    wanted = dict(list(wanted.items())[:MAX_PIECES])
    by_key: dict[str, list[str]] = {}
    for piece, (key, _) in wanted.items():
        by_key.setdefault(key, []).append(piece)
    best: dict[str, tuple[float, str]] = {}
    seen: set[str] = set()
    keys = frozenset(by_key)
    longest = max(len(k) for k in keys)
    for text in dict.fromkeys(texts):
        for span, key in _spans(text, keys, longest):
            pieces = by_key.get(key)
            if not pieces or span in seen:
                continue
            seen.add(span)
            roman = _roman_span(span)
            for piece in pieces:
                folded = wanted[piece][1]
                ratio = difflib.SequenceMatcher(None, folded, roman).ratio()
                need = MIN_SHORT_LIKENESS if len(folded) < SHORT_NAME else MIN_FOUND_LIKENESS
                if ratio >= need and ratio > best.get(piece, (0.0, ""))[0]:
                    best[piece] = (ratio, span)
    # A run found whole hides its words; otherwise each word stands alone.
    out: dict[str, str] = {}
    for piece in sorted(best, key=lambda p: -len(p.split())):
        if any(piece in bigger.split() or f" {piece} " in f" {bigger} " for bigger in out):
            continue
        out[piece] = best[piece][1]
    return out


# ---------------------------------------------------------------------------------------
# English leads

_TH_UNITS_EN: dict[str, tuple[str, str]] = {
    "จังหวัด": ("province", "provinces"), "อำเภอ": ("district", "districts"),
    "ตำบล": ("subdistrict", "subdistricts"), "หมู่บ้าน": ("village", "villages"),
    "ครัวเรือน": ("household", "households"), "คน": ("person", "people"),
    "ราย": ("case", "cases"), "แห่ง": ("site", "sites"), "โครงการ": ("project", "projects"),
    "กิจกรรม": ("activity", "activities"), "ครั้ง": ("time", "times"), "ตัน": ("tonne", "tonnes"),
    "ไร่": ("rai", "rai"), "กิโลกรัม": ("kg", "kg"), "กิโลเมตร": ("km", "km"),
    "เมตร": ("metre", "metres"), "ลิตร": ("litre", "litres"), "วัน": ("day", "days"),
    "ปี": ("year", "years"), "เดือน": ("month", "months"), "สัปดาห์": ("week", "weeks"),
    "ชั่วโมง": ("hour", "hours"), "นาที": ("minute", "minutes"),
    "ประเทศ": ("country", "countries"), "หน่วยงาน": ("agency", "agencies"),
    "อปท.": ("local administrative organisation", "local administrative organisations"),
    "ชุมชน": ("community", "communities"), "เครือข่าย": ("network", "networks"),
    "แผน": ("plan", "plans"), "รายการ": ("item", "items"), "คัน": ("vehicle", "vehicles"),
    "หลัง": ("house", "houses"), "ต้น": ("tree", "trees"), "ระดับ": ("level", "levels"),
    "ขั้นตอน": ("step", "steps"), "มิติ": ("dimension", "dimensions"),
    "เป้าหมาย": ("goal", "goals"), "ภาคี": ("partner", "partners"),
    "ภาคีเครือข่าย": ("partner network", "partner networks"), "ข้อ": ("item", "items"),
    "ด้าน": ("area", "areas"), "ผลิตภัณฑ์": ("product", "products"),
    "รางวัล": ("award", "awards"), "เล่ม": ("book", "books"), "ชิ้น": ("piece", "pieces"),
    "ตัว": ("unit", "units"), "ที่นั่ง": ("seat", "seats"), "ล้าน": ("million", "million"),
    "ล้านคน": ("million people", "million people"),
    "ล้านครัวเรือน": ("million households", "million households"),
    "ตารางกิโลเมตร": ("km²", "km²"), "ตารางเมตร": ("m²", "m²"),
    "ลูกบาศก์เมตร": ("m³", "m³"), "องศา": ("degree", "degrees"),
    "รูป": ("monk", "monks"), "เม็ด": ("pill", "pills"), "หน่วย": ("unit", "units"),
    "กอ": ("clump", "clumps"), "เซนติเมตร": ("cm", "cm"), "มิลลิเมตร": ("mm", "mm"),
    "แปลง": ("plot", "plots"), "ประเภท": ("type", "types"),
    "สิทธิ": ("right", "rights"), "สิทธิ์": ("right", "rights"),
    "อัตรา": ("position", "positions"), "โซน": ("zone", "zones"), "จุด": ("point", "points"),
    "คดี": ("case", "cases"), "ห้อง": ("room", "rooms"), "ลำ": ("vessel", "vessels"),
    "เครื่อง": ("machine", "machines"), "ฉบับ": ("issue", "issues"),
}
# "21 ก.ก." is 21 kg as "21 กิโลกรัม" is: every spelling of a unit reads the same.
_TH_UNITS_EN.update({s: _TH_UNITS_EN[unit] for unit, spellings in UNIT_SPELLINGS.items()
                     for s in spellings if unit in _TH_UNITS_EN})
_SCALE_EN = {"ล้าน": "million", "พันล้าน": "billion", "ล้านล้าน": "trillion", "แสน": "hundred thousand",
             "หมื่น": "ten thousand", "พัน": "thousand"}
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_SMALL_SCALES = {"แสน": Decimal(100_000), "หมื่น": Decimal(10_000), "พัน": Decimal(1_000)}
#: A quarter as Thai text writes it: "ไตรมาส 3/2566", "ไตรมาสที่ 3 ของปีงบประมาณ 2566",
#: "ไตรมาสแรก", "ไตรมาส 4 ปี 2563" (a calendar year's quarter: "ปี" alone), "ไตรมาสที่สอง".
_QUARTER_TH = re.compile(
    r"ไตรมาส(?:ที่)?\s*(?P<q>[1-4]|แรก|หนึ่ง|สอง|สาม|สี่|สุดท้าย)"
    r"(?:\s*/\s*(?P<fy>ปีงบประมาณ\s*)?|\s*(?:ของ|ใน)?\s*(?:(?P<fy2>ปีงบประมาณ|ปีงบฯ?)|"
    r"(?P<cy>ปี))\s*(?:พ\.\s?ศ\.\s*)?)?(?P<y>(?<=[\s/ีณ.])(?:\d{4}|\d{2})(?!\d))?")
_THAI_QUARTER_WORDS = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "สุดท้าย": 4}
_TIME_TH = re.compile(r"(?:เวลา\s*)?(?P<h>[0-2]?\d)[.:](?P<m>[0-5]\d)\s*(?:น\.?|นาฬิกา)?")
_MONEY_RE = re.compile(rf"^(?P<n>{_NUMBER})\s*(?P<s>ล้านล้าน|แสนล้าน|หมื่นล้าน|พันล้าน|ล้าน|แสน|หมื่น|พัน)?"
                       r"\s*บาท$")
#: Thai scales above a billion that English says in billions ("2.95 แสนล้าน": 295 billion).
_BILLIONS = {"แสนล้าน": Decimal(100), "หมื่นล้าน": Decimal(10)}
_FOREIGN_MONEY = {"ดอลลาร์สหรัฐฯ": "US dollars", "ดอลลาร์สหรัฐ": "US dollars",
                  "เหรียญสหรัฐฯ": "US dollars", "เหรียญสหรัฐ": "US dollars",
                  "ดอลลาร์": "dollars", "ยูโร": "euros",
                  "เยน": "yen", "หยวน": "yuan", "ปอนด์": "pounds"}
_PERCENT_RE = re.compile(rf"^(?:ร้อยละ\s*(?P<a>{_NUMBER})|(?P<b>{_NUMBER})\s*(?:%|เปอร์เซ็นต์))$")
_LEVEL_RE = re.compile(r"^(?:อยู่ใน)?ระดับ(?:ที่)?\s*(?P<n>\d+(?:\.\d+)?)$")
_COUNT_RE = re.compile(
    rf"^(?:จำนวน\s*|รวม\s*|ทั้งสิ้น\s*)?(?P<n>{_NUMBER})\s*(?P<u>[\u0e00-\u0e7f.²³]+)$")
_EN_MONTH_NAMES = [m.capitalize() for m in _EN_MONTHS]


def _plain_number(raw: str) -> float | None:
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _lead_date(value: str) -> str | None:
    matches = find_dates(value)
    if len(matches) == 1 and len(matches[0].text) >= len(value.strip()) - 12:
        d = matches[0]
        s, e = d.start_date, d.end_date
        if s == e:
            return f"{s.day} {_EN_MONTH_NAMES[s.month - 1]} {s.year}"
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{e.day} {_EN_MONTH_NAMES[s.month - 1]} {s.year}"
        if s.year == e.year:
            return (f"{s.day} {_EN_MONTH_NAMES[s.month - 1]} – {e.day} "
                    f"{_EN_MONTH_NAMES[e.month - 1]} {s.year}")
        return (f"{s.day} {_EN_MONTH_NAMES[s.month - 1]} {s.year} – {e.day} "
                f"{_EN_MONTH_NAMES[e.month - 1]} {e.year}")
    months = "|".join([*MONTHS_FULL, *(re.escape(m) for m in MONTHS_SHORT)])
    m = re.fullmatch(
        rf"(?:เดือน)?\s*(?P<m>{months})\s*(?:พ\.ศ\.|ปี)?\s*(?P<y>\d{{4}}|\d{{2}})?", value)
    if m:
        name = m.group("m")
        month = (MONTHS_FULL.index(name) if name in MONTHS_FULL else MONTHS_SHORT.index(name)) + 1
        y = m.group("y")
        if y is None:
            return _EN_MONTH_NAMES[month - 1]
        year = int(y) + 2500 if len(y) == 2 else int(y)
        return f"{_EN_MONTH_NAMES[month - 1]} {year - BE_OFFSET if year >= 2400 else year}"
    m = re.fullmatch(r"(?:ปี|พ\.ศ\.|ปี\s*พ\.ศ\.|ปีงบประมาณ(?:\s*พ\.ศ\.)?)\s*(?P<y>25\d\d)", value)
    if m:
        fiscal = "fiscal year " if value.startswith("ปีงบ") else ""
        return f"{fiscal}{int(m.group('y')) - BE_OFFSET}"
    return None


def _title_case(phrase: str) -> str:
    small = {"of", "and", "the", "for", "in", "on", "at", "to", "with"}
    words = phrase.split()
    return " ".join(w if (i and w in small) or not w.islower() else w.capitalize()
                    for i, w in enumerate(words))


def english_lead(value: str, kind: str) -> str | None:
    """The English rendering of an answer value found in Thai text, or ``None``.

    ``kind`` is one of ``money``, ``count``, ``percent``, ``level``, ``date``,
    ``person``, ``place``, ``org``, ``title``, ``text``.  Numbers keep the digits
    and grouping of the source ("9,684,500 บาท" → "9,684,500 baht"); Thai units
    become English ones, in the plural unless the count is 1 ("15 จังหวัด" → "15
    provinces"); Buddhist-era dates become Gregorian ("1 พฤษภาคม 2567" → "1 May
    2024").  A value already in Latin letters is returned as it is.  ``None`` when
    the value holds Thai that cannot be rendered faithfully (then a reply shows the
    Thai value).  Never raises.
    """
    if not isinstance(value, str):
        return None
    # No NFKC here: it would split every sara am (ำ) into two characters.
    v = re.sub(r"\s+", " ", to_arabic_digits(value)).strip()
    if not v or len(v) > 300:
        return None
    if not re.search(r"[\u0e00-\u0e7f]", v):
        return v
    try:
        return _lead(v, kind)
    except (ArithmeticError, ValueError, IndexError, KeyError):
        return None


#: Two numbers with a dash between them, and what follows the second ("5,000 – 6,000 บาท").
_RANGE_RE = re.compile(rf"^(?P<a>{_NUMBER})\s*[-–—]\s*(?P<b>{_NUMBER}.*)$")
_PERCENT_RANGE_RE = re.compile(rf"^ร้อยละ\s*(?P<a>{_NUMBER})\s*[-–—]\s*(?P<b>{_NUMBER})$")


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 23rd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: A numbered label as Thai writes it, and its English form.
_LABEL_TH = re.compile(r"(?P<l>มาตรา|ครั้งที่|ฉบับที่|หมวด)\s*(?P<n>\d{1,4})")
_LABEL_EN: dict[str, Callable[[int], str]] = {
    "มาตรา": lambda n: f"Section {n}",
    "ครั้งที่": _ordinal,
    "ฉบับที่": lambda n: f"No. {n}",
    "หมวด": lambda n: f"Chapter {n}",
}


def _lead(v: str, kind: str) -> str | None:
    m = _PERCENT_RANGE_RE.match(v)
    if m:
        return f"{m.group('a')}–{m.group('b')}%"
    m = _RANGE_RE.match(v)
    if m:
        # "5,000 – 6,000 บาท" is 5,000–6,000 baht; the first number shares the second's
        # unit only when the second is rendered with its digits as written ("5-6 แสนบาท"
        # would scale the second alone: no lead).
        b = m.group("b")
        digits = re.match(_NUMBER, b)
        second = _lead(b, kind)
        if digits and second and re.match(rf"{re.escape(digits.group())}(?=\s|%|$)", second):
            return f"{m.group('a')}–{second}"
        return None
    m = _MONEY_RE.match(v)
    if m:
        scale = m.group("s")
        if scale in _SMALL_SCALES:  # "5 แสนบาท" is 500,000 baht
            amount = Decimal(m.group("n").replace(",", "")) * _SMALL_SCALES[scale]
            return f"{amount:,.2f}".rstrip("0").rstrip(".") + " baht"
        if scale in _BILLIONS:
            amount = Decimal(m.group("n").replace(",", "")) * _BILLIONS[scale]
            return f"{amount:,.2f}".rstrip("0").rstrip(".") + " billion baht"
        return f"{m.group('n')} {_SCALE_EN[scale]} baht" if scale else f"{m.group('n')} baht"
    m = _QUARTER_TH.fullmatch(v)
    if m and (m.group("y") or not (m.group("fy2") or m.group("cy"))):
        q = _THAI_QUARTER_WORDS.get(m.group("q")) or int(m.group("q"))
        if m.group("y"):
            year = int(m.group("y"))
            year = year + 2500 if year < 100 else year
            if m.group("cy"):
                return f"Q{q} of {year - BE_OFFSET}"
            return f"Q{q} of fiscal year {year - BE_OFFSET}"
        return f"quarter {q}"
    m = _TIME_TH.fullmatch(v)
    if m:
        return f"{int(m.group('h')):02d}:{m.group('m')}"
    for th, en in _FOREIGN_MONEY.items():
        m = re.fullmatch(rf"(?P<n>{_NUMBER})\s*(?P<s>ล้าน|พันล้าน)?\s*{th}", v)
        if m:
            scale = f" {_SCALE_EN[m.group('s')]}" if m.group("s") else ""
            return f"{m.group('n')}{scale} {en}"
    m = _PERCENT_RE.match(v)
    if m:
        return f"{m.group('a') or m.group('b')}%"
    m = _LEVEL_RE.match(v)
    if m:
        return f"level {m.group('n')}"
    if kind == "date" or (re.search(r"\d", v) and kind not in ("count", "money")):
        date = _lead_date(v)
        if date:
            return date
    m = _LABEL_TH.fullmatch(v)
    if m:
        # "มาตรา 153" is Section 153, "ครั้งที่ 9" the 9th: the label stays with its number.
        return _LABEL_EN[m.group("l")](int(m.group("n")))
    m = _COUNT_RE.match(v)
    if m:
        unit = m.group("u")
        names = _TH_UNITS_EN.get(unit)
        if names is None and unit.startswith("ล้าน") and unit[4:] in _TH_UNITS_EN:
            return f"{m.group('n')} million {_TH_UNITS_EN[unit[4:]][1]}"
        scale = next((sc for sc in _SMALL_SCALES if unit.startswith(sc)), None)
        if names is None and scale and unit[len(scale):] in _TH_UNITS_EN:
            # "1 พันชิ้น" is 1,000 pieces, "2.5 หมื่นคน" 25,000 people.
            amount = Decimal(m.group("n").replace(",", "")) * _SMALL_SCALES[scale]
            number = f"{amount:,.2f}".rstrip("0").rstrip(".")
            return f"{number} {_TH_UNITS_EN[unit[len(scale):]][1]}"
        if names is None:
            return None
        n = _plain_number(m.group("n"))
        return f"{m.group('n')} {names[0] if n == 1 else names[1]}"
    if re.fullmatch(_NUMBER, v):
        return v
    if kind in ("place", "org", "text", "title"):
        name = _lead_name(v)
        if name or not _TITLED.match(v):
            return name
    if kind in ("person", "place", "org", "text", "title"):
        # A titled name read as a phrase is a person all the same ("นาย... ผู้ว่าราชการ...").
        return _lead_person(v)
    return None


#: A person's title before the name: a value that opens with one names a person.
_TITLED = re.compile(r"(?:นาย|นาง|นางสาว|ดร\.|พล\.|พ\.ต\.|ร\.ต\.|ว่าที่)")
#: Where a person's post opens after the name: a glossary post, or a governor with
#: the province named ("ผู้ว่าราชการจังหวัดอุดรธานี").
_GOVERNOR_OF = re.compile(r"(?P<post>(?:รอง)?ผู้ว่าราชการจังหวัด)(?P<place>\S+)")


def _lead_post(post: str) -> str | None:
    """A post in English: the glossary's phrase, or "Governor of <province>"; else None."""
    vocab = _vocab()
    if post in vocab.reverse:
        return _title_case(vocab.reverse[post])
    m = _GOVERNOR_OF.fullmatch(post)
    if m and m.group("place") in vocab.geo:
        place = vocab.geo[m.group("place")]
        if place.endswith(" province"):
            title = "Vice Governor" if m.group("post").startswith("รอง") else "Governor"
            return f"{title} of {place.removesuffix(' province')}"
    return None


def _lead_person(v: str) -> str | None:
    """A person's lead: the name as written, the post after it in English, or None.

    "นายราชันย์ ซุ่นฮั้ว ผู้ว่าราชการจังหวัดอุดรธานี" → "นายราชันย์ ซุ่นฮั้ว, Governor of
    Udon Thani"; None when the post is not known in English.
    """
    words = v.split()
    for k in range(1, min(4, len(words))):
        post = _lead_post(" ".join(words[k:])) or _lead_post("".join(words[k:]))
        if post:
            return f"{' '.join(words[:k])}, {post}"
    return None


def counted_noun(question: str) -> str | None:
    """The noun phrase an English "how many" question counts, as written, or None.

    "At how many Community Development Study and Training Centres was …" gives
    "Community Development Study and Training Centres"; the phrase ends before the
    first verb or preposition ("How many water trucks joined" → "water trucks").
    """
    text = _clean(question)
    m = re.search(r"\bhow\s+many\b", text, re.I)
    if not m:
        return None
    words = _noun_phrase([w for w in _words(text, {}) if w.start >= m.end()][:8])
    # The phrase ends at its head, the last plural or counted noun: "How many provinces
    # get the signs" counts "provinces", not "provinces get".
    heads = [k for k, w in enumerate(words) if w.forms[0] in _NOUN_PLURALS or any(
        f in _UNITS for f in w.forms) or re.search(r"[^s]s$", w.forms[0])]
    if heads:
        words = words[:heads[-1] + 1]
    if not words:
        return None
    return text[words[0].start:words[-1].start + len(words[-1].text)]


_COUNT_VALUE = re.compile(rf"^(?P<n>{_NUMBER})\s*(?P<u>[\u0e00-\u0e7f.]+)$")


def count_lead(value: str, question: str) -> str | None:
    """A count found in Thai text in the English question's own noun, or None.

    "14,658 แห่ง" for "How many waste banks …" is "14,658 waste banks", but only when
    the value counts in a unit the question asks for (:func:`question_unit`): "2564
    โดย" is no number of awards.  Never raises.
    """
    try:
        m = _COUNT_VALUE.match(re.sub(r"\s+", " ", to_arabic_digits(value)).strip())
        noun = counted_noun(question)
        units = question_unit(question) or ""
    except (ValueError, re.error):
        return None
    if not m or not noun or re.match(r"(?:ล้าน|แสน|หมื่น|พัน)", m.group("u")) or \
            "ล้าน" in m.group("u"):
        # "1 พันชิ้น" is a thousand pieces, not one: the scale word belongs to the number.
        return None
    unit = m.group("u")
    if not same_unit(unit, units):
        # "0.3 กรัม" is no 0.3 kilograms, though กิโลกรัม ends in กรัม.
        return None
    words = noun.split()
    if len(words) > 3:  # a long name's head noun leads: "9 centres"
        noun = words[-1].lower()
    return f"{m.group('n')} {noun}"


_PLACE_PREFIX = re.compile(r"^(?:ณ|ที่|ใน)\s*")


def _lead_name(v: str) -> str | None:
    """A place or an organisation the glossary or the gazetteer knows."""
    vocab = _vocab()
    name = _PLACE_PREFIX.sub("", v).strip()
    m = re.fullmatch(r"(จังหวัด|จ\.|อำเภอ|อ\.|เขต|ประเทศ|กรุง|นคร|เมือง)\s*(.+)", name)
    prefix, rest = (m.group(1), m.group(2).strip()) if m else ("", name)
    if prefix in ("", "จังหวัด", "จ.", "อำเภอ", "อ.", "เขต") and rest in vocab.geo:
        en = vocab.geo[rest]
        if (prefix in ("", "จังหวัด", "จ.") and not en.endswith(" district")) or \
                (prefix in ("", "อำเภอ", "อ.", "เขต") and en.endswith(" district")):
            return en
    if prefix in ("", "ประเทศ", "กรุง", "นคร", "เมือง"):
        for key in (name, rest):
            if key in vocab.reverse:
                return _title_case(vocab.reverse[key])
    return _lead_address(name, vocab)


#: A district or province written after a venue ("อ.แม่จัน", "จังหวัดเชียงราย").
_ADDRESS_UNIT = re.compile(r"(จังหวัด|จ\.|อำเภอ|อ\.|เขต)\s*(\S+)")
_BANGKOK_TH = frozenset({"กรุงเทพมหานคร", "กรุงเทพฯ", "กทม."})


def _lead_address(name: str, vocab: _Vocab) -> str | None:
    """A venue with the district and province written after it in English, or None.

    "โรงเรียนแม่จันวิทยาคม อ.แม่จัน จ.เชียงราย" → "โรงเรียนแม่จันวิทยาคม, Mae Chan district,
    Chiang Rai province".  The venue itself stays Thai (no offline romaniser spells it
    as its owners do); the units after it that the gazetteer knows are rendered, the
    rest of the value is kept as written ("อำเภอพระพรหม จังหวัดนครศรีธรรมราช", units only,
    is "Phra Phrom district, Nakhon Si Thammarat province").  None when no unit ends the
    value.
    """
    words = name.split()
    english: list[str] = []
    while words:
        last = words[-1]
        if last in _BANGKOK_TH:
            english.insert(0, "Bangkok")
            words.pop()
            continue
        m = _ADDRESS_UNIT.fullmatch(last)
        en = vocab.geo.get(m.group(2)) if m else None
        if m is None or en is None or (m.group(1) in ("อำเภอ", "อ.", "เขต")) != en.endswith(
                " district"):
            break
        english.insert(0, en)
        words.pop()
    if not english:
        return None
    # "อำเภอพระพรหม จังหวัดนครศรีธรรมราช" is units only: every one of them in English.
    return ", ".join([" ".join(words), *english] if words else english)
