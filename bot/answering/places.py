"""Thailand's provinces as the answering reads them: their names and how texts write one.

One list for every check that binds a value, a lead or a question to a province
(PyThaiNLP's bundled names, read once).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["english_provinces", "province_english", "province_names", "thai_places",
           "written_province"]


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    """Thai province names, longest first (PyThaiNLP's list; empty when it cannot be read)."""
    try:
        from pythainlp.corpus import provinces
    except ImportError:  # pragma: no cover - PyThaiNLP is a dependency
        return ()
    names = [n for n in provinces() if isinstance(n, str) and len(n) >= 3]
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def written_province() -> re.Pattern[str]:
    """A province written with its noun: "จังหวัดสงขลา", "จ. สงขลา" (group ``name``)."""
    names = "|".join(re.escape(n) for n in province_names())
    return re.compile(rf"(?:จังหวัด|จ\.)\s?(?P<name>{names})")


#: How the lists and texts may write Bangkok, which English names without "province".
_BANGKOK = frozenset({"กรุงเทพมหานคร", "กรุงเทพฯ", "กรุงเทพ", "กทม.", "กทม"})
_PROVINCE_NOUN = re.compile(r"^(?:จังหวัด|จ\.)\s*")


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """Thai province name -> English name (``geothai``; empty when it cannot be read)."""
    try:
        import geothai
    except ImportError:  # pragma: no cover - geothai is a dependency
        return {}
    return {p.name_th: p.name_en for p in geothai.provinces()}


def province_english(name: str) -> str:
    """A province as an English reply names it: "ลำปาง" or "จังหวัดลำปาง" → "Lampang province".

    Bangkok is "Bangkok" (no province).  A name ``geothai`` does not know (a typing
    error in a project list) is kept as written, with " province" after it.  Never raises.
    """
    bare = _PROVINCE_NOUN.sub("", name.strip())
    if bare in _BANGKOK:
        return "Bangkok"
    english = _english_names().get(bare)
    return f"{english or bare} province"


@lru_cache(maxsize=1)
def english_provinces() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each province's English name (geothai, DOPA spelling) as a pattern, and its Thai.

    Longest first, so that "Nakhon Si Thammarat" is read before a shorter name in it;
    spaces and hyphens between its words are optional ("chiang mai", "chiangmai",
    "Chiang-Mai"), case ignored, a " province" after it taken along.  The one reading
    of English province names: ``/projects``, ``/summary``'s filter and the answers.
    """
    try:
        import geothai
    except ImportError:  # pragma: no cover - geothai is a dependency
        return ()
    names = sorted(((p.name_en, p.name_th) for p in geothai.provinces()),
                   key=lambda n: -len(n[0]))
    return tuple(
        (re.compile(r"(?<![A-Za-z])" + r"[\s-]*".join(map(re.escape, en.replace("-", " ").split()))
                    + r"(?:\s+province)?(?![A-Za-z])", re.IGNORECASE), th)
        for en, th in names)


def thai_places(text: str) -> str:
    """``text`` with each English province name in Thai ("trang" → "ตรัง").

    Lists write provinces in Thai; an English user names them in English.
    """
    if not re.search("[A-Za-z]", text):
        return text
    for pattern, thai in english_provinces():
        text = pattern.sub(thai, text)
    return text
