"""Typed-span patterns skipped on texts without their word find what running them finds.

:func:`bot.answering.candidates._typed` runs the money, percent, level and quoted-title
patterns only over texts that hold a word each of them must match (a currency, a percent
word, "ระดับ", a quotation mark); the spans must be those of running every pattern.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering import candidates
from bot.answering.reading import clean_passage

XQUAD = Path(__file__).resolve().parent / "data" / "xquad-th"

SAMPLES = [
    "งบประมาณ 2.5 ล้านบาท และ 300 ดอลลาร์สหรัฐ คิดเป็นร้อยละ 40 หรือ 15% ของทั้งหมด",
    "ผลการประเมินระดับ 5 จาก 14 แห่ง ใน 76 จังหวัด",
    "หนังสือ “ความสุขของกะทิ” และ \"บ้านเล็กในป่าใหญ่\" ได้รับรางวัล 3 รางวัล",
    "ไม่มีตัวเลขหรือคำใดที่ต้องใช้ ณ ห้องประชุม ศาลากลางจังหวัดเชียงราย",
    "10 เปอร์เซ็นต์ ของ 1,000 ยูโร 5 ปอนด์ 20 เยน 7 หยวน",
    "",
]


def _texts() -> list[str]:
    rows = [json.loads(line) for line in
            (XQUAD / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[:40]]
    return SAMPLES + [clean_passage(r["text"]) for r in rows]


@pytest.mark.parametrize("text", _texts())
def test_skipped_patterns_find_what_running_them_finds(text: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    regions = [(0, len(text)), (len(text) // 3, len(text)), (0, len(text) // 2)]
    got = [list(candidates.typed_spans(text, lo, hi).items()) for lo, hi in regions]
    monkeypatch.setattr(candidates, "_holds_any", lambda _text, _words: True)
    assert got == [list(candidates.typed_spans(text, lo, hi).items()) for lo, hi in regions]
