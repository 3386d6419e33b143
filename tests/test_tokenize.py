"""Tests of indexer.tokenize: real behaviour on ministry and general Thai text."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.tokenize import (
    DEFAULT_ENGINE,
    ENGINES,
    QUESTION_WORDS,
    TOKENIZER_VERSION,
    tokenize,
    tokenize_many,
)

SEEDS = Path("/work/shared/seeds")
SEED_FILES = ["000_fafa0956fea2a63c.txt", "002_12732f84c220f00b.txt"]
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "sample"


def seed_paragraphs() -> list[str]:
    paths = [SEEDS / name for name in SEED_FILES]
    if not all(p.exists() for p in paths):
        paths = sorted(SAMPLE_DIR.glob("*.txt"))
    if not paths:
        pytest.skip("seed documents not found")
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return [p for p in text.split("\n") if p.strip()]


def test_public_constants() -> None:
    assert TOKENIZER_VERSION
    assert DEFAULT_ENGINE in ENGINES
    assert {"กี่", "อะไร", "เท่าไร", "เท่าไหร่"} <= QUESTION_WORDS


def test_parentheses_stripped() -> None:
    tokens = tokenize("(SDGs)")
    assert "sdgs" in tokens
    assert not any(c in t for t in tokens for c in "()")


@pytest.mark.parametrize(
    "text",
    ['"ทีมมหาดไทย"', "“ทีมมหาดไทย”", "‘ทีมมหาดไทย’", "[ทีมมหาดไทย]", "ทีมมหาดไทย, ทีมมหาดไทย:"],
)
def test_quotes_and_brackets_are_separators(text: str) -> None:
    tokens = tokenize(text)
    assert "ทีมมหาดไทย" in tokens
    assert not any(c in t for t in tokens for c in '"“”‘’[],:')


def test_punctuation_and_whitespace_never_tokens() -> None:
    assert tokenize(" \t\n ,.;:!?()[]{}\"'“”‘’/\\-–—…·•|") == []


def test_decomposed_sara_am() -> None:
    assert tokenize("ดําเนินงาน") == tokenize("ดำเนินงาน")
    # with a tone mark between nikhahit and sara aa
    assert tokenize("น\u0e4d\u0e49\u0e32") == tokenize("น้ำ")
    assert tokenize("ผลการดําเนินงาน") == tokenize("ผลการดำเนินงาน")


def test_invisible_characters_removed() -> None:
    assert tokenize("ธนาคาร\u200bขยะ") == tokenize("ธนาคารขยะ")
    assert tokenize("\ufeffกระทรวง\u2060มหาดไทย\u200d") == tokenize("กระทรวงมหาดไทย")


@pytest.mark.parametrize("text", ["14,658", "14658", "๑๔,๖๕๘", "１４６５８"])
def test_numbers(text: str) -> None:
    assert tokenize(text) == ["14658"]


def test_decimals_stay_whole() -> None:
    assert tokenize("9.6845") == ["9.6845"]
    assert tokenize("2.5") == ["2.5"]
    assert tokenize("๒.๕ ล้านบาท")[0] == "2.5"
    assert tokenize("๙,๖๘๔,๕๐๐ บาท")[0] == "9684500"
    assert "9.6845" in tokenize("งบประมาณ 9.6845ล้านบาท")


def test_numbers_split_from_thai() -> None:
    assert tokenize("7ภาคี") == ["7", "ภาคี"]
    assert tokenize("๒๕๖๗ณ") == ["2567", "ณ"]


def test_latin_words() -> None:
    assert tokenize("Sustainability Expo 2024") == ["sustainability", "expo", "2024"]
    tokens = tokenize("MOI-UN")
    assert "moi" in tokens and "un" in tokens and "-" not in "".join(tokens)
    assert tokenize("COP28")[:3] == ["cop28", "cop", "28"]


def test_compound_sub_tokens() -> None:
    assert set(tokenize("มหาดไทย")) <= set(tokenize("กระทรวงมหาดไทย"))
    tokens = tokenize("โครงการธนาคารขยะ")
    assert "ธนาคารขยะ" in tokens and "โครงการ" in tokens
    assert "การธนาคาร" not in tokens
    assert {"ธนาคาร", "ขยะ"} <= set(tokens)
    # compound first, then its parts
    assert tokens.index("ธนาคารขยะ") < tokens.index("ธนาคาร") < tokens.index("ขยะ")


def test_short_query_finds_long_compound() -> None:
    long_form = set(tokenize("เป้าหมายการพัฒนาที่ยั่งยืน"))
    for short in ["เป้าหมาย", "การพัฒนาที่ยั่งยืน", "การพัฒนา", "ยั่งยืน"]:
        assert set(tokenize(short)) <= long_form, short
    assert set(tokenize("ท้องถิ่น")) <= set(tokenize("องค์กรปกครองส่วนท้องถิ่น"))


@pytest.mark.parametrize(
    "abbr", ["มี.ค.", "มท.", "สป.มท.", "อปท.", "พ.ศ.", "ค.ศ.", "ตท.สป.", "บมจ.", "อบต.", "ดร.", "น."]
)
def test_dotted_abbreviations_stay_whole(abbr: str) -> None:
    assert tokenize(abbr)[0] == abbr
    assert abbr in tokenize(f"ข้อมูลจาก {abbr} ครับ")


def test_abbreviation_in_context() -> None:
    assert "บมจ." in tokenize("บมจ.ไทยเบฟเวอเรจ")
    assert "อบต." in tokenize("ปลัด อบต.โก่งธนู")
    assert "มี.ค." in tokenize("วันนี้ (27 มี.ค. 66) 15.00 น. ณ ห้องประชุม")
    chain = tokenize("ตท.สป.")
    assert {"ตท.", "กองการต่างประเทศ"} <= set(chain)


def test_sentence_final_dot_is_not_an_abbreviation() -> None:
    assert tokenize("ท่านกล่าว.") == tokenize("ท่านกล่าว")


@pytest.mark.parametrize(
    ("abbr", "full"),
    [
        ("มท.", "กระทรวงมหาดไทย"),
        ("สป.มท.", "สำนักงานปลัดกระทรวงมหาดไทย"),
        ("อปท.", "องค์กรปกครองส่วนท้องถิ่น"),
        ("พช.", "กรมการพัฒนาชุมชน"),
        ("กพย.", "คณะกรรมการเพื่อการพัฒนาที่ยั่งยืน"),
        ("SDGs", "เป้าหมายการพัฒนาที่ยั่งยืน"),
        ("UN", "สหประชาชาติ"),
        ("มี.ค.", "มีนาคม"),
    ],
)
def test_abbreviations_both_ways(abbr: str, full: str) -> None:
    abbr_tokens = tokenize(abbr)
    full_tokens = tokenize(full)
    assert abbr_tokens[0] in full_tokens  # the full form yields the abbreviation
    assert full_tokens[0] in abbr_tokens  # the abbreviation yields the full form


def test_full_form_with_space_yields_abbreviation() -> None:
    tokens = tokenize("กองการต่างประเทศ สำนักงานปลัดกระทรวงมหาดไทย")
    assert "ตท.สป." in tokens


def test_question_words_dropped_both_sides() -> None:
    query = tokenize("ภาคีเครือข่ายในการขับเคลื่อน SDGs มีกี่ภาคี")
    assert "กี่" not in query and "ภาคีเครือข่าย" in query and "ภาคี" in query
    assert tokenize("งบประมาณเท่าไหร่ครับ") == tokenize("งบประมาณ")
    assert tokenize("จังหวัดอะไรบ้าง") == tokenize("จังหวัด")
    assert "และ" in tokenize("ข้าวและน้ำ")  # general words are kept


def test_general_thai() -> None:
    tokens = tokenize("ทีมรับของแพนเธอร์สถอดใจที่คะแนน 308 ได้อันดับที่หกของลีก")
    assert "308" in tokens and "คะแนน" in tokens
    tokens = tokenize("พัทธ์ธีรา ศรุติพงศ์โภคิน เกิดวันที่ 3 ธันวาคม พ.ศ. 2533")
    assert {"พ.ศ.", "พุทธศักราช", "ธันวาคม", "3", "2533"} <= set(tokens)


HOSTILE = [
    "",
    " ",
    "\n\n\t",
    "😀🎉👍",
    "!!!...,,,???",
    "()[]{}“”‘’",
    "ๆ ฯ ฯลฯ ๏ ๚ ๛ ฿",
    "\x00\x01\x02\x1f\x7f\x9f",
    "\u200b\u200c\u200d\ufeff\u2060",
    "ํ่า ่ ้ ๊ ๋ ั ิ",  # dangling marks
    "ก" * 10_000,
    "กระทรวงมหาดไทย" * 800,
    "ธนาคารขยะ SDGs 2567 " * 500,
    "Ελληνικά русский 中文 日本語 한국어 العربية हिन्दी ไทย",
    "a.b.c.d. ก.ข.ค.ง.จ.ฉ.ช.ซ. ........",
    "1,2,3,4 1.2.3.4 ,,,1,,, 00000 9" * 50,
    "\ud7ff\ue000\uffff",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_inputs(text: str, engine: str) -> None:
    tokens = tokenize(text, engine=engine)
    assert all(t and not any(c.isspace() for c in t) for t in tokens)


def test_unknown_engine() -> None:
    with pytest.raises(ValueError, match="engine"):
        tokenize("ก", engine="deepcut")


thai_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F),
        st.sampled_from(list(" \n\t.,()-“”0123456789abcXYZ\u200b")),
    ),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(thai_text, st.text(alphabet=st.characters(exclude_categories=["Cs"]))))
def test_random_text_never_raises(text: str) -> None:
    tokens = tokenize(text)
    assert all(t and not any(c.isspace() for c in t) for t in tokens)
    assert tokens == tokenize(text)  # deterministic


@settings(max_examples=100, deadline=None)
@given(thai_text)
def test_engines_agree_on_random_dictionary_text(text: str) -> None:
    # Random text is mostly out-of-dictionary; only check both never raise.
    for engine in ENGINES:
        tokenize(text, engine=engine)


def test_deterministic_on_seeds() -> None:
    paragraphs = seed_paragraphs()
    first = [tokenize(p) for p in paragraphs]
    assert first == [tokenize(p) for p in paragraphs]


def test_engines_agree_on_seed_paragraphs() -> None:
    for paragraph in seed_paragraphs():
        assert tokenize(paragraph, engine="newmm") == tokenize(paragraph, engine="nlpo3")


def test_tokenize_many_matches_tokenize() -> None:
    paragraphs = seed_paragraphs()[:40]
    expected = [tokenize(p) for p in paragraphs]
    assert tokenize_many(paragraphs) == expected
    assert tokenize_many(iter(paragraphs), processes=2) == expected
    assert tokenize_many([]) == []


# Thai letters, every mark, spaces and zero-width characters, densely: the mix where
# PyThaiNLP's normalize rules (reordering, repeats, dangling marks) fire.
marky_text = st.text(
    alphabet=st.sampled_from(list("กขคงนมอรฤฦ เแโใไะาำๅัิีึืุู็่้๊๋์ํ๎ฺ\u200b\u200c\n")),
    max_size=60,
)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(marky_text, thai_text))
def test_fast_thai_normalize_equals_pythainlp(text: str) -> None:
    from pythainlp.util import normalize

    from indexer.tokenize import _thai_normalize

    assert _thai_normalize(text) == normalize(text)


def test_fast_thai_normalize_equals_pythainlp_on_seeds() -> None:
    from pythainlp.util import normalize

    from indexer.tokenize import _thai_normalize

    for paragraph in seed_paragraphs():
        assert _thai_normalize(paragraph) == normalize(paragraph)


def _clean_reference(text: str) -> str:
    """The plain form of indexer.tokenize._clean: every step on the whole text."""
    import re
    import unicodedata

    from pythainlp.util import normalize

    drop = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ue000"}
    digits = {0x0E50 + i: ord("0") + i for i in range(10)}
    text = unicodedata.normalize("NFKC", text.translate({**drop, **digits}))
    text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", text).casefold()
    return normalize(text.replace("ฯลฯ", " "))


@settings(max_examples=2000, deadline=None)
@given(st.one_of(
    marky_text,
    thai_text,
    st.text(alphabet=st.sampled_from(list("กำา่ํ ๑๒ＡＢ１２ﬁ\u00ad\ufeff\u2060\xa0\u2026ฯลฯabc")),
            max_size=40),
))
def test_fast_clean_equals_the_plain_steps(text: str) -> None:
    from indexer.tokenize import _clean

    assert _clean(text) == _clean_reference(text)


def test_fast_clean_equals_the_plain_steps_on_seeds() -> None:
    from indexer.tokenize import _clean

    for paragraph in seed_paragraphs():
        assert _clean(paragraph) == _clean_reference(paragraph)


# ----------------------------------------------------------- dictionary lookups


def test_word_dict_prefixes_equal_the_trie_on_both_paths() -> None:
    """The lazily tabled dictionary answers newmm exactly as PyThaiNLP's Trie does."""
    from pythainlp.util import Trie

    import indexer.tokenize as tk

    res = tk._resources_get()
    trie = Trie(res.words)
    fresh = tk._WordDict(res.words)  # starts on bisection, tables after _TABLE_AFTER
    texts = ["กระทรวงมหาดไทยจัดโครงการธนาคารขยะที่จังหวัดเชียงใหม่",
             "การพัฒนาที่ยั่งยืนของชุมชนท้องถิ่นในตำบลและอำเภอ", "เหวียนเวียร์ ก ขค"] * 120
    for text in texts:
        for i in range(len(text) + 1):
            assert fresh.prefixes(text, i) == trie.prefixes(text, i), (text, i)
    assert fresh._tables  # the table path was taken too
    assert all(w in fresh for w in res.words[::97])
    assert "กขคงจ" not in fresh and "" not in fresh
    hidden = tk._TrieWithout(fresh, "มหาดไทย")
    assert "มหาดไทย" not in hidden.prefixes("มหาดไทยดี", 0)
    assert hidden.prefixes("มหาดไทยดี", 0) == [
        w for w in trie.prefixes("มหาดไทยดี", 0) if w != "มหาดไทย"]


def test_word_tables_built_ahead_answer_as_the_trie() -> None:
    """A warm-up's tables (every Thai first letter at once) give newmm the trie's words."""
    from pythainlp.util import Trie

    import indexer.tokenize as tk

    res = tk._resources_get()
    trie = Trie(res.words)
    fresh = tk._WordDict(res.words)
    built = fresh.build_tables()
    assert built == len(fresh._tables) >= 40 and fresh.build_tables() == 0
    assert "ก" in fresh._tables and "a" not in fresh._tables  # Thai letters only
    for text in ("กระทรวงมหาดไทยจัดโครงการธนาคารขยะที่จังหวัดเชียงใหม่",
                 "การพัฒนาที่ยั่งยืนของชุมชนท้องถิ่นในตำบลและอำเภอ ๆ ฯลฯ"):
        for i in range(len(text) + 1):
            assert fresh.prefixes(text, i) == trie.prefixes(text, i), (text, i)


def test_word_lists_are_cached_a_word_a_line(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """One string a list, split when read (session 20: half the reading of 60,000 strings)."""
    import marshal

    import indexer.tokenize as tk
    import knowledge.worddict as wd
    from knowledge.cache import join_lines, split_lines

    built = tk._build_lists()
    path = tmp_path / "words.marshal"
    tk._write_lists(path, built)
    assert isinstance(marshal.loads(path.read_bytes())[0], str)
    assert tk._read_lists(path) == built
    assert split_lines(join_lines(("ก", "a\nb"))) == ("ก", "a\nb")  # kept as the tuple
    assert split_lines(join_lines(())) == () and split_lines(5) is None
    monkeypatch.setenv("SDGBOT_CACHE", str(tmp_path / "cache"))
    want = tuple(wd.default_words())
    wd.default_words.cache_clear()
    try:
        written = wd.default_words()  # built and written to the empty cache folder
        wd.default_words.cache_clear()
        read = wd.default_words()  # read back from it
        assert tuple(written) == tuple(read) == want
        (cached,) = (tmp_path / "cache").glob("pythainlp-words-*.marshal")
        assert isinstance(marshal.loads(cached.read_bytes()), str)
    finally:
        wd.default_words.cache_clear()


def test_word_list_cache_is_used_and_a_bad_one_rebuilt(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.tokenize as tk

    built = tk._build_lists()
    path = tmp_path / "words.marshal"
    tk._write_lists(path, built)
    assert tk._read_lists(path) == built
    path.write_bytes(b"\x00not marshal")
    assert tk._read_lists(path) is None
    assert tk._read_lists(tmp_path / "absent") is None
    monkeypatch.setenv("SDGBOT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(tk, "_resources", None)
    fresh = tk._resources_get()
    assert fresh.words == built[0]
    assert list((tmp_path / "cache").glob("words-*.marshal"))
    monkeypatch.setattr(tk, "_resources", None)
    monkeypatch.setattr(tk, "_build_lists", lambda: pytest.fail("cache not used"))
    assert tk._resources_get().words == built[0]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ธนาคารขยะ มีนาคม ผวจ. นอภ. 2567 ABC,.")), max_size=60))
def test_token_groups_are_tokenize_grouped_by_word(text: str) -> None:
    """Joined, the groups are exactly tokenize()'s tokens; each group starts with its word."""
    from indexer.tokenize import token_groups

    groups = token_groups(text)
    assert [t for g in groups for t in g] == tokenize(text)
    assert all(g for g in groups)


# ------------------------------------------- newmm's words by nlpo3, where vouched for

# Names the two engines segment differently (nlpo3's cluster rules differ from
# PyThaiNLP's; after a word missing from the list it keeps its graph count).
ENGINES_DIFFER = ["นายเหวียน ซวน ฟุก นายกรัฐมนตรีเวียดนาม", "ตำบลนาเขลียง ผักเขลียง",
                  "รักษาเสภียรภาพราคายาง", "นายประวิต เอราวรรณ์ นายสำราญ สาราบรรณ์",
                  "เวียร์ เหวียนเวียร์ ก ขค"]


def test_cluster_ends_are_pythainlps() -> None:
    from pythainlp.tokenize.tcc_p import tcc_pos

    import indexer.tokenize as tk

    texts = [*seed_paragraphs(), *ENGINES_DIFFER, "", "ก", "เ", "\u0e4c", "แก้ว์ๆ"]
    for text in texts:
        assert tk._tcc_ends(text) == tcc_pos(text), text


def test_vouched_nlpo3_words_are_newmms(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index is built with nlpo3's words where vouched for, queried with newmm's."""
    pytest.importorskip("nlpo3")
    import indexer.tokenize as tk

    paragraphs = [*seed_paragraphs(), *ENGINES_DIFFER]
    expected = [tokenize(p) for p in paragraphs]
    raw = [tokenize(p, engine="nlpo3") for p in paragraphs]
    assert raw != expected  # the engines do differ on these
    tk._segment_vouched.cache_clear()
    monkeypatch.setattr(tk, "_newmm_by_nlpo3", False)
    assert tk._use_nlpo3_for_newmm()
    assert tk._newmm_by_nlpo3
    assert [tokenize(p) for p in paragraphs] == expected
    assert tk._segment_vouched.cache_info().hits + tk._segment_vouched.cache_info().misses > 0
    # what nlpo3 gives for an out-of-dictionary name is not vouched for
    assert not tk._vouched("เหวียน", ["เห", "วี", "ยน"])
    assert not tk._vouched("เขลียง", ["เข", "ลี", "ยง"])  # all words, not at clusters
    assert tk._vouched("กระทรวงมหาดไทย", ["กระทรวง", "มหาดไทย"])


def test_nlpo3_for_newmm_builds_the_lazy_tables_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that reads many texts (``sdgbot search -``) builds the vouching's word set
    and cluster pattern, and PyThaiNLP normalize's expressions, when it turns nlpo3 on,
    not in whichever text needs them first (about 15 ms in a timed query)."""
    pytest.importorskip("nlpo3")
    import re

    from pythainlp.util import normalize

    import indexer.tokenize as tk

    tk._nlpo3_dict_name()  # the word lists and nlpo3's copy (built once a process)
    monkeypatch.setattr(tk, "_newmm_by_nlpo3", False)
    tk._word_set.cache_clear()
    tk._tcc_step.cache_clear()
    re.purge()
    assert tk._use_nlpo3_for_newmm()
    assert tk._word_set.cache_info().currsize == 1
    assert tk._tcc_step.cache_info().currsize == 1
    compiled: list[object] = []
    real = re._compiler.compile  # called by re's functions on a miss of re's cache

    def counting(*args: object) -> object:
        compiled.append(args)
        return real(*args)

    monkeypatch.setattr(re._compiler, "compile", counting)
    normalize("เเปลก  ก่่ \u0e4dา")  # every rule's expression, from re's cache
    assert compiled == []


def test_the_compounds_parts_table_is_what_segmenting_each_gives() -> None:
    """``_parts`` reads a table of every listed compound's parts, kept in the cache folder
    with the word lists: it equals segmenting each compound without itself, and every
    other word has none."""
    import indexer.tokenize as tk

    compounds = tk._resources_get().compounds
    tk._compound_parts.cache_clear()
    table = tk._compound_parts()  # read from the cache folder (or built and saved)
    want = {w: p for w in compounds if (p := tk._split_compound(w))}
    assert table == want and len(want) > 100
    assert tk._parts("ธนาคารขยะ") == ("ธนาคาร", "ขยะ")
    assert tk._parts("ธนาคาร") == () and tk._parts("ข") == ()
    tk._compound_parts.cache_clear()
    assert tk._compound_parts() == want  # the saved table, read back
