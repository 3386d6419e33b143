"""Answers over an app that holds only a few given press releases (shared by tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.answering.answerer import Answer, Answerer
from knowledge.ingest import read_paths, store_documents


def news(n: int, title: str, text: str, date: str = "2024-03-01",
         site: str = "https://example.go.th/news") -> dict[str, str]:
    """A press-release record (the ingest's JSONL form), its source ``{site}/{n}``."""
    return {"title": title, "kind": "news", "date": date, "source": f"{site}/{n}", "text": text}


#: Releases about other things, for tests over a few releases: rank-bm25's IDF needs a few
#: documents (ids 90-92: tests number their own releases below 90).
FILLERS = [
    news(90, "ผู้ว่าราชการจังหวัดน่านเปิดตลาดนัดชุมชน",
         "นายสมศักดิ์ ใจงาม ผู้ว่าราชการจังหวัดน่าน เปิดตลาดนัดชุมชนที่ลานวัฒนธรรม "
         "มีผู้ประกอบการร่วมจำหน่ายสินค้า 120 ราย", "2023-01-05"),
    news(91, "กรมการพัฒนาชุมชนจัดอบรมผ้าไทย",
         "กรมการพัฒนาชุมชนจัดอบรมการออกแบบผ้าไทยให้กลุ่มทอผ้า 45 กลุ่ม ที่จังหวัดสกลนคร",
         "2023-02-11"),
    news(92, "จังหวัดชัยนาทรณรงค์คัดแยกขยะ",
         "จังหวัดชัยนาทรณรงค์คัดแยกขยะในครัวเรือน มีครัวเรือนเข้าร่วม 3,200 ครัวเรือน",
         "2023-03-20"),
]


def app_over(make_app: Any, tmp_path: Path, releases: list[dict[str, str]]) -> Any:
    """An app holding only ``releases`` (news records), indexed."""
    path = tmp_path / "releases.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in releases),
                    encoding="utf-8")
    app = make_app()
    with app.db.write() as s:
        assert store_documents(s, read_paths([path])).added == len(releases)
    app.index.sync()
    return app


def ask_over(make_app: Any, tmp_path: Path, releases: list[dict[str, str]],
             question: str) -> Answer:
    """``question`` answered over an app holding only ``releases`` (news records)."""
    app = app_over(make_app, tmp_path, releases)
    return Answerer(app.db, app.index).ask(question)


def assert_leads(ans: Answer, lead: str | None) -> None:
    """``ans`` leads with ``lead``, or is the not-found reply when ``lead`` is None."""
    if lead is None:
        assert not ans.found, ans.point
    else:
        assert ans.found and ans.point.startswith(lead), ans.point


#: The land title deed survey of fiscal 2568 (news archive doc 7936): 69 provinces, all but 8.
DEEDS = news(
    4, "มหาดไทย เดินหน้าสำรวจที่ดิน เล็งเป้าปีนี้ออกโฉนด 86,000 แปลง ใน 69 จังหวัด",
    "ในปีงบประมาณ พ.ศ. 2568 กรมที่ดินได้รับการจัดสรรงบประมาณเพื่อจัดทำโครงการเดินสำรวจ"
    "ออกโฉนดที่ดิน เป้าหมายรวม 86,000 แปลง มีพื้นที่ดำเนินการทั้งสิ้น 69 จังหวัด ยกเว้น 8 "
    "จังหวัด ได้แก่ กรุงเทพมหานคร นนทบุรี ปทุมธานี แม่ฮ่องสอน สมุทรปราการ สมุทรสาคร "
    "สมุทรสงคราม และภูเก็ต เนื่องจากมีพื้นที่ในการออกเอกสารสิทธิ์หนาแน่นแล้ว", "2025-05-25")
#: The same project, the included set only.
DEEDS_KICK_OFF = news(
    5, "มท.2 คิ๊กออฟปล่อยคาราวานโครงการเดินสำรวจออกโฉนดที่ดินในพื้นที่ 69 จังหวัด",
    "กรมที่ดินนำข้อมูลที่ประชาชนแจ้งตำแหน่งไปจัดทำโครงการเดินสำรวจออกโฉนดที่ดินในพื้นที่ "
    "69 จังหวัด มีเป้าหมายดำเนินการออกโฉนดที่ดินให้กับประชาชน รวมจำนวนทั้งสิ้น 86,000 แปลง",
    "2024-11-11")
