"""Who, where and how many, as releases answer them: a titled name or a body for "who",
no person for "where", a number for "how many" (issue 12: a wrong kind of value under a
real citation is a wrong answer; the breaker's 20 "wrong kind" replies)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from releases import ask_over, assert_leads

from bot.answering import Answerer
from bot.answering.candidates import opens_with_name

_COMPLAINT = {
    "title": "คนพิการร้องเรียนสายการบินปฏิเสธการขึ้นเครื่อง", "date": "2023-04-02", "kind": "news",
    "text": ("สายการบินไทยเวียตเจ็ทปฏิเสธกลุ่มคนพิการขึ้นเครื่องบิน ทางกลุ่มจึงยื่นหนังสือ"
             "ร้องเรียนต่อกระทรวงเมื่อวันที่ 2 เมษายน 2566 เพื่อขอให้ตรวจสอบการปฏิเสธดังกล่าว")}
_RECEIVED = {
    **_COMPLAINT,
    "text": ("สายการบินไทยเวียตเจ็ทปฏิเสธกลุ่มคนพิการขึ้นเครื่องบิน ทางกลุ่มจึงยื่นหนังสือ"
             "ร้องเรียน โดยมีนายสมชาย ใจดี ผู้ตรวจราชการกระทรวง เป็นผู้รับหนังสือร้องเรียน "
             "เมื่อวันที่ 2 เมษายน 2566")}
_MEETING = {
    "title": "ประชุมคณะกรรมการอำนวยการโครงการทูบีนัมเบอร์วัน ประจำปี 2564", "date": "2021-03-10",
    "kind": "news",
    "text": ("การประชุมคณะกรรมการอำนวยการโครงการทูบีนัมเบอร์วัน ประจำปี 2564 โดยมีนายอนุทิน "
             "ชาญวีรกูล รองนายกรัฐมนตรี เป็นประธานการประชุม")}
_FAIR = {
    "title": "มท.1 เปิดงาน OTOP Midyear 2022", "date": "2022-06-20", "kind": "news",
    "text": ("มท.1 เปิดงาน OTOP Midyear 2022 ภายใต้แนวคิด สุขช้อป สุขใจ ณ อาคารชาเลนเจอร์ "
             "อิมแพ็ค เมืองทองธานี ซึ่งมีผู้ประกอบการร่วมจำหน่ายสินค้าจากทั่วประเทศ")}
_BOND = {
    "title": "การเคหะแห่งชาติออกพันธบัตรเพื่อสังคม", "date": "2020-08-01", "kind": "news",
    "text": ("การเคหะแห่งชาติออกพันธบัตรเพื่อสังคม (Social Bond) ในปี 2563 วงเงินไม่เกิน "
             "6,800 ล้านบาท นับเป็นครั้งแรกของรัฐวิสาหกิจไทย")}


@pytest.mark.parametrize(("releases", "question", "lead"), [
    # "Who": a titled name, or nothing ("กลุ่มคนพิการขึ้นเครื่องบิน" led before).
    ([_COMPLAINT], "ใครรับหนังสือร้องเรียนไทยเวียตเจ็ทปฏิเสธคนพิการขึ้นเครื่อง", None),
    ([_RECEIVED], "ใครรับหนังสือร้องเรียนไทยเวียตเจ็ทปฏิเสธคนพิการขึ้นเครื่อง", "นายสมชาย ใจดี"),
    # "Where": no person ("มีนายอนุทิน ชาญวีรกูล" led before).
    ([_MEETING], "ประชุมคณะกรรมการอำนวยการโครงการทูบีนัมเบอร์วัน ประจำปี 2564 จัดที่ไหน", None),
    # "How many": a number, not a name that holds a year ("เปิดงาน OTOP Midyear 2022").
    ([_FAIR], "งาน OTOP Midyear 2022 มีผู้เข้าชมกี่คน", None),
    # "กี่ล้าน" is answered in ล้านบาท.
    ([_BOND], "social bond การเคหะ ปี 63 กี่ล้าน", "ไม่เกิน 6,800 ล้านบาท"),
])
def test_a_release_answers_with_the_kind_asked_or_not_at_all(
        make_app: Callable[..., Any], tmp_path: Path, releases: list[dict[str, str]],
        question: str, lead: str | None) -> None:
    assert_leads(ask_over(make_app, tmp_path, releases, question), lead)


@pytest.mark.parametrize(("question", "qtype"), [
    ("ผู้ว่าพัทลุงชื่อไร", "person"),
    ("นอภ.ตระการพืชผล ชื่อไร", "person"),
    ("ปมท. ปี 68 ชื่ออะไร", "person"),
    ("รองอธิบดีกรมเจ้าท่าด้านปฏิบัติการ ปี 2565 ชื่ออะไร", "person"),
    ("รองเท้าแบรนด์นี้ชื่ออะไร", "title"),
    ("โครงการนี้ชื่ออะไร", "title"),
])
def test_a_post_before_its_name_asks_a_person(question: str, qtype: str) -> None:
    assert Answerer.prepare(question)[1].qtype == qtype


@pytest.mark.parametrize(("span", "kind", "opens"), [
    ("ท่านหาน จื้อเฉียง (韩志强) เอกอัครราชทูต", "person", True),
    ("พ.ต.อ.สมชาย ใจดี ผู้กำกับการ", "person", True),
    ("นพ.สมศักดิ์ อรรฆศิลป์", "person", True),
    ("ท่านผู้ว่าราชการจังหวัด", "person", False),
    ("ท่านจะได้รับ", "person", False),
    ("กรมการปกครอง", "org", True),
    ("ประจำปี 2564", "person", False),
])
def test_names_with_their_titles(span: str, kind: str, opens: bool) -> None:
    assert opens_with_name(span, kind) is opens


def _mediation(day: int, mediated: str) -> dict[str, str]:
    return {"title": f"ไกล่เกลี่ยหนี้นอกระบบ ข้อมูล ณ วันที่ {day} เมษายน 2567",
            "date": f"2024-04-{day:02d}", "kind": "news",
            "text": (f"ผลการไกล่เกลี่ยหนี้นอกระบบทั่วประเทศ ลูกหนี้เข้าสู่กระบวนการไกล่เกลี่ย"
                     f"และสามารถไกล่เกลี่ยสำเร็จ {mediated} ราย ทำให้มูลหนี้ลดลง")}


@pytest.mark.parametrize(("question", "lead"), [
    ("การไกล่เกลี่ยหนี้นอกระบบ ข้อมูล 3 เมษายน 2567 ไกล่เกลี่ยสำเร็จกี่ราย", "26,299 ราย"),
    ("ไกล่เกลี่ยหนี้นอกระบบสำเร็จกี่ราย ข้อมูล 5 เม.ย. 67", "26,380 ราย"),
])
def test_a_day_of_a_daily_series_is_that_days_release(
        make_app: Callable[..., Any], tmp_path: Path, question: str, lead: str) -> None:
    """Releases of a daily series, two days apart: the day asked is its own release's
    figure, not the neighbour's (a release dated within three days agrees with a day
    only when no release of that very day is read)."""
    releases = [_mediation(5, "26,380"), _mediation(3, "26,299")]
    ans = ask_over(make_app, tmp_path, releases, question)
    assert ans.found and ans.point.startswith(lead), ans.point


def test_a_release_dated_after_the_day_it_opens_with_still_agrees(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    """"เมื่อวันที่ 20 มี.ค. 66 ..." opens a release dated the 22nd; a passage further on
    answers, and the day is in the document's opening, not in that passage."""
    filler = "\n".join(" ".join([f"ชาวบ้านกลุ่มที่ {k} ร่วมกันทำความสะอาดถนนและคูคลอง"] * 12)
                       for k in range(12))
    releases = [
        {"title": "นายอำเภอเบตงขับเคลื่อนหมู่บ้านยั่งยืน", "date": "2023-03-22", "kind": "news",
         "text": (f"เมื่อวันที่ 20 มี.ค. 66 นายอำเภอเบตงลงพื้นที่ {filler}\n"
                  "นายอำเภอเบตงขับเคลื่อนโครงการหนึ่งตำบล หนึ่งหมู่บ้านยั่งยืน ณ บ้านกาแป๊ะซาลัง "
                  "หมู่ที่ 3 ตำบลธารน้ำทิพย์ อำเภอเบตง จังหวัดยะลา")},
        # The same day's other release covers the question as well, and names no village.
        {"title": "แม่บ้านมหาดไทยเบตงร่วมขับเคลื่อนหมู่บ้านยั่งยืน", "date": "2023-03-20",
         "kind": "news",
         "text": ("เมื่อวันที่ 20 มี.ค. 66 นายอำเภอเบตงลงพื้นที่ขับเคลื่อนโครงการหนึ่งตำบล "
                  "หนึ่งหมู่บ้านยั่งยืน ร่วมกับแม่บ้านมหาดไทยอำเภอเบตง")},
    ]
    ans = ask_over(make_app, tmp_path, releases,
                   "นายอำเภอเบตงลงพื้นที่ขับเคลื่อนโครงการหนึ่งตำบล หนึ่งหมู่บ้านยั่งยืน "
                   "เมื่อ 20 มี.ค. 66 ที่หมู่บ้านอะไร")
    assert ans.found and "กาแป๊ะซาลัง" in ans.point[:40], ans.point


def test_a_release_that_names_a_neighbouring_day_is_not_that_day(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    """Only the 5 April update is held: asked for the 3rd ("3 เมษา", as typed in chat),
    its "ข้อมูล ณ วันที่ 5 เมษายน" figure is another day's, though it is dated within
    three days of the day asked."""
    ans = ask_over(make_app, tmp_path, [_mediation(5, "26,380")],
                   "หนี้นอกระบบ ข้อมูลวันที่ 3 เมษา 67 ไกล่เกลี่ยสำเร็จกี่ราย")
    assert not ans.found, ans.point


def test_who_is_neither_searched_nor_counted_in_coverage() -> None:
    """"ใคร" is rare in releases: its idf made "ใครเป็นผู้ว่าราชการจังหวัดหนองคาย" fall
    short of a large archive's coverage gate where a release names the governor."""
    q, info = Answerer.prepare("ใครเป็นผู้ว่าราชการจังหวัดหนองคาย")
    assert "ใคร" not in Answerer.search_tokens(q, info)
    assert "หนองคาย" in Answerer.search_tokens(q, info)


_GOVERNORS = [
    {"title": "ทำเนียบผู้ว่าราชการจังหวัดบึงกาฬ", "date": "2023-01-10", "kind": "news",
     "text": ("จังหวัดบึงกาฬจัดงานรำลึกอดีตผู้บริหาร รายนามผู้ว่าราชการจังหวัดบึงกาฬ "
              "1.นายสมชาย ใจดี 2.นายสมศักดิ์ ใจงาม 3.นายจุมพฎ วรรณฉัตรสิริ "
              "ผู้ว่าราชการจังหวัดบึงกาฬ")},
]


@pytest.mark.parametrize(("text", "lead"), [
    ("", None),  # no passage says who was the first
    (" โดยนายสมชาย ใจดี เป็นผู้ว่าราชการจังหวัดบึงกาฬคนแรก", "นายสมชาย ใจดี"),
])
def test_the_first_holder_is_the_one_a_passage_calls_so(
        make_app: Callable[..., Any], tmp_path: Path, text: str, lead: str | None) -> None:
    releases = [{**_GOVERNORS[0], "text": _GOVERNORS[0]["text"] + text}]
    assert_leads(ask_over(make_app, tmp_path, releases,
                          "ผู้ว่าราชการจังหวัดบึงกาฬคนแรกคือใคร"), lead)


def _minister(date: str, who: str, event: str) -> dict[str, str]:
    return {"title": f"รัฐมนตรีว่าการกระทรวงมหาดไทย{event}", "date": date, "kind": "news",
            "text": f"วันนี้ {who} เป็นประธาน{event} ณ กระทรวงมหาดไทย"}


def test_a_holder_of_two_posts_written_together_holds_the_second(
        make_app: Callable[..., Any], tmp_path: Path) -> None:
    """Today's minister is written "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการ
    กระทรวงมหาดไทย"; the post after "และ" is his, and the 2022 holder is not today's."""
    releases = [
        _minister("2022-10-07", "พลเอก อนุพงษ์ เผ่าจินดา รัฐมนตรีว่าการกระทรวงมหาดไทย",
                  "เปิดงานกาชาด"),
        _minister("2025-02-09", "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการ"
                  "กระทรวงมหาดไทย", "มอบนโยบาย"),
        _minister("2025-03-01", "นายอนุทิน ชาญวีรกูล รองนายกรัฐมนตรีและรัฐมนตรีว่าการ"
                  "กระทรวงมหาดไทย", "ตรวจเยี่ยมจังหวัด"),
    ]
    assert_leads(ask_over(make_app, tmp_path, releases, "ใครเป็นรัฐมนตรีว่าการกระทรวงมหาดไทย"),
                 "นายอนุทิน ชาญวีรกูล")
