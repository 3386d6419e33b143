"""The whole value: a chosen span widened to the date, range, gloss, number or list it is in."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answering.extent import (
    MAX_WHOLE_CHARS,
    asked_end,
    asks_end,
    asks_period,
    ends_a_range,
    whole_value,
)
from indexer.tokenize import word_spans


def widened(text: str, part: str, *, period: bool = False) -> str:
    k = text.index(part)
    a, b = whole_value(text, k, k + len(part), period=period)
    return text[a:b]


@pytest.mark.parametrize(("text", "part", "whole"), [
    # A date's year or day-month alone states less than the text.
    ("ก่อตั้งเมื่อวันที่ 7 กันยายน พ.ศ. 2560 ที่กรุงเทพ", "พ.ศ. 2560", "7 กันยายน พ.ศ. 2560"),
    ("อดีล อแลม เกิด 28 มีนาคม ค.ศ. 1986 เป็นนักมวยปล้ำ", "28 มีนาคม", "28 มีนาคม ค.ศ. 1986"),
    # Money and counts with their unit; a range of numbers is one value.
    ("โครงการได้รับงบประมาณ 9,684,500 บาท ในปีนี้", "9,684,500", "9,684,500 บาท"),
    ("มีความยาวของลำตัวตั้งแต่ 15-25 เซนติเมตร แต่บางชนิด", "25 เซนติเมตร", "15-25 เซนติเมตร"),
    ("เปิดบริการเวลา 05.20 - 00.30 นาฬิกาของวันถัดไป", "05.20", "05.20 - 00.30 นาฬิกา"),
    # A numbered noun keeps its number.
    ("จุดชมวิวตั้งอยู่ที่ชั้น 67 ของ สเตท ทาวเวอร์", "ตั้งอยู่ที่ชั้น", "ตั้งอยู่ที่ชั้น 67"),
    ("เป็นบุตรของจอห์น เอิร์ลแห่งซัมเมอร์เซ็ทที่ 1 และมาร์กาเร็ต", "เอิร์ลแห่งซัมเมอร์เซ็ทที่",
     "เอิร์ลแห่งซัมเมอร์เซ็ทที่ 1"),
    # A regnal number keeps its realm; a name its abbreviation in parentheses.
    ("สร้างโดยสมเด็จพระเจ้าวิลเลียมที่ 1 แห่งอังกฤษเมื่อปี ค.ศ. 1070", "สมเด็จพระเจ้าวิลเลียมที่",
     "สมเด็จพระเจ้าวิลเลียมที่ 1 แห่งอังกฤษ"),
    ("การแข่งขันโดยคณะกรรมการโอลิมปิกสากล (ไอโอซี) ร่วมกับสหพันธ์", "คณะกรรมการโอลิมปิกสากล",
     "คณะกรรมการโอลิมปิกสากล (ไอโอซี)"),
    ("โดยนายสุทธิพงษ์ จุลเจริญ (ปมท.) เป็นประธาน", "นายสุทธิพงษ์ จุลเจริญ",
     "นายสุทธิพงษ์ จุลเจริญ (ปมท.)"),
    # A name with its English or scientific gloss.
    ("ปลาชนิดนี้อยู่ในวงศ์ปลากะรัง (Serranidae) มีลักษณะ", "วงศ์ปลากะรัง",
     "วงศ์ปลากะรัง (Serranidae)"),
    ("ท่าทางนี้เรียกว่า แพลงกิง (อังกฤษ: planking) เป็นการนอน", "แพลงกิง",
     "แพลงกิง (อังกฤษ: planking)"),
    # A list keeps its last item; a person keeps the surname.
    ("ตะเกียบนิยมทำมาจาก ไม้ ไม้ไผ่ โลหะ และพลาสติก บางชนิด", "ไม้ ไม้ไผ่ โลหะ",
     "ไม้ ไม้ไผ่ โลหะ และพลาสติก"),
    ("ประพันธ์คำร้องโดย พันเอก บุญส่ง หักฤทธิ์ศึก และขับร้องโดย สิบเอก อุบล", "พันเอก บุญส่ง",
     "พันเอก บุญส่ง หักฤทธิ์ศึก"),
    # A name in Latin letters runs on through its Latin words.
    ("ประชุมที่ห้องประชุม War room ชั้น 2 อาคารศาลาว่าการ", "ห้องประชุม War",
     "ห้องประชุม War room"),
    # A place keeps the larger units of its address, each of a higher rank.
    ("โรงเรียนตั้งอยู่ที่ อำเภอภูเวียง จังหวัดขอนแก่น เปิดสอน", "อำเภอภูเวียง",
     "อำเภอภูเวียง จังหวัดขอนแก่น"),
    ("สำนักงานอยู่ แขวงทุ่งพญาไท เขตราชเทวี กรุงเทพมหานคร โดยมี", "แขวงทุ่งพญาไท",
     "แขวงทุ่งพญาไท เขตราชเทวี กรุงเทพมหานคร"),
    ("ธนาคารขยะ ต.พรเจริญ อ. พรเจริญ จ. บึงกาฬ มีสมาชิก", "ต.พรเจริญ",
     "ต.พรเจริญ อ. พรเจริญ จ. บึงกาฬ"),
])
def test_a_part_is_widened_to_the_whole_value(text: str, part: str, whole: str) -> None:
    assert widened(text, part) == whole


@pytest.mark.parametrize(("text", "part", "whole"), [
    # A year keeps the same year in the other era written right after it.
    ("ในรัฐอิลลินอยส์ ก่อตั้งในปี พ.ศ. 2508 (ค.ศ. 1965) ในปัจจุบัน", "พ.ศ. 2508",
     "พ.ศ. 2508 (ค.ศ. 1965)"),
    # A name of a series keeps the number that says which one.
    ("ชนะเลิศในรายการ เอเชียเน็กซต์ท็อปโมเดล ฤดูกาลที่ 1 รายการเรียลลิตีโชว์",
     "เอเชียเน็กซต์ท็อปโมเดล", "เอเชียเน็กซต์ท็อปโมเดล ฤดูกาลที่ 1"),
    # The first item of a list is led with the rest of it.
    ("ใช้เป็นอุปกรณ์หลักในการกินอาหารในประเทศจีน ญี่ปุ่น เกาหลี และเวียดนาม ในประเทศไทย",
     "ประเทศจีน", "ประเทศจีน ญี่ปุ่น เกาหลี และเวียดนาม"),
    ("มีชื่อเสียงในด้านแพทยศาสตร์ และการเงิน มหาวิทยาลัย", "ด้านแพทยศาสตร์",
     "ด้านแพทยศาสตร์ และการเงิน"),
])
def test_a_value_keeps_the_words_that_say_which_one(text: str, part: str, whole: str) -> None:
    assert widened(text, part) == whole


@pytest.mark.parametrize(("text", "part"), [
    # "และ" that opens the next clause or a phrase, not a list's last item.
    ("เขาเป็นนักแสดงชาวไทย และได้รับรางวัลมากมาย", "นักแสดงชาวไทย"),
    ("อุทยานตั้งอยู่ในเขตอำเภอเกาะช้าง และบางส่วนของอำเภอแหลมงอบ", "อำเภอเกาะช้าง"),
    ("นายกรัฐมนตรี และคณะ เดินทางถึงกรุงโตเกียว", "นายกรัฐมนตรี"),
    # A number of a series after an amount is the next clause's.
    ("ได้รับงบประมาณ 500 บาท ครั้งที่ 2 ในปีนี้", "500 บาท"),
])
def test_a_value_is_not_run_into_the_next_clause(text: str, part: str) -> None:
    assert widened(text, part) == part




def test_a_range_of_dates_only_for_a_question_about_a_span_of_time() -> None:
    life = "นายสุวัฒน์ (1 พฤศจิกายน พ.ศ. 2476 - 31 กรกฎาคม พ.ศ. 2555) อดีตรองหัวหน้าพรรค"
    # "เกิดวันที่เท่าไร": the range holds the date asked and another one.
    assert widened(life, "31 กรกฎาคม พ.ศ. 2555") == "31 กรกฎาคม พ.ศ. 2555"
    assert widened(life, "พ.ศ. 2476") == "1 พฤศจิกายน พ.ศ. 2476"
    assert widened(life, "พ.ศ. 2476", period=True) == (
        "1 พฤศจิกายน พ.ศ. 2476 - 31 กรกฎาคม พ.ศ. 2555")
    # A range of years is one period, whatever is asked (its start alone states less;
    # a question for one end gets it from asked_end).
    reign = "ครองสิริราชสมบัติระหว่างปี ค.ศ. 946 - ค.ศ. 967 ต่อมา"
    assert widened(reign, "ค.ศ. 946") == "ค.ศ. 946 - ค.ศ. 967"
    assert widened(reign, "ค.ศ. 946", period=True) == "ค.ศ. 946 - ค.ศ. 967"
    assert asks_period("จักรพรรดิมูรากามิครองสิริราชสมบัติระหว่างปีใด")
    assert asks_period("How long did the war last?")
    assert not asks_period("สุวัฒน์ วรรณศิริกุล เกิดวันที่เท่าไร")


@pytest.mark.parametrize(("text", "part"), [
    ("ผลิตโดยบริษัทหนึ่ง และจำหน่ายในต่างประเทศ", "บริษัทหนึ่ง"),  # one item is no list
    ("ได้รับรางวัลในปี 1937 จากสมาคม", "ปี 1937"),  # nothing further to take
    # A smaller unit or an unnamed one after a place is no part of its address.
    ("ประชุมที่จังหวัดขอนแก่น อำเภอเมือง และจังหวัดอุดรธานี", "จังหวัดขอนแก่น"),
    ("ย้ายไปอำเภอเมือง จังหวัด ที่ใกล้กัน", "อำเภอเมือง"),
    # "แห่งนี้" is no realm, a count's parenthesis no abbreviation of it.
    ("ประชุมที่ชั้นที่ 5 แห่งนี้ทุกเดือน", "ชั้นที่ 5"),
    ("ตั้งธนาคารขยะได้ 5 แห่ง (ร้อยละ 10) ในปีนี้", "5 แห่ง"),
    # A number with its unit is one value, not a list whose "และ X" would be its last item.
    ("สะสมจำนวน 62,975 ล้านบาท และ สคร. สามารถจัดเก็บ", "62,975 ล้านบาท"),
    ("มีประชากรสูงอายุ 70 ล้านคน หรือคิดเป็นร้อยละ 11", "70 ล้านคน"),
    ("โดยมีน้ำหนัก 680 กรัม และ 601 กรัม สำหรับรุ่นสอง", "680 กรัม"),
])
def test_a_whole_value_is_left_alone(text: str, part: str) -> None:
    assert widened(text, part) == part


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="กขคงจ่้ัาิีึุู เแโ0123456789-(),.:พศคabcXY", max_size=80),
       st.integers(0, 80), st.integers(1, 20))
def test_widening_holds_the_span_and_stays_short(text: str, start: int, length: int) -> None:
    end = start + length
    if end > len(text):
        assert whole_value(text, start, end) == (start, end)
        return
    a, b = whole_value(text, start, end, period=True)
    assert a <= start and b >= end
    assert (a, b) == (start, end) or b - a <= MAX_WHOLE_CHARS


def test_widening_ends_between_words() -> None:
    text = "มีผู้ชุมนุมกว่า 3 แสนราย ในกรุงเทพมหานคร และจังหวัดใกล้เคียงอีกหลายแห่ง"
    for a0, b0 in word_spans(text):
        a, b = whole_value(text, a0, b0)
        edges = {x for span in word_spans(text) for x in span}
        assert a in edges and b in edges, text[a:b]


def test_a_word_that_introduces_a_date_keeps_it() -> None:
    text = "ซึ่งมีช่วงชีวิตในประวัติศาสตร์ราว ปี ค.ศ. 780 ถึง 840 (เฉพาะเลข 0"
    assert widened(text, "ประวัติศาสตร์ราว ปี", period=True) == (
        "ประวัติศาสตร์ราว ปี ค.ศ. 780 ถึง 840")
    assert widened(text, "ประวัติศาสตร์ราว ปี") == "ประวัติศาสตร์ราว ปี ค.ศ. 780 ถึง 840"



def test_a_birth_or_death_question_takes_its_end_of_a_life_span() -> None:
    life = "นายสุวัฒน์ (1 พฤศจิกายน พ.ศ. 2476 - 31 กรกฎาคม พ.ศ. 2555) อดีตรองหัวหน้าพรรค"
    born, died = "1 พฤศจิกายน พ.ศ. 2476", "31 กรกฎาคม พ.ศ. 2555"

    def end_of(part: str, question: str) -> str:
        k = life.index(part)
        a, b = asked_end(life, k, k + len(part), question)
        return life[a:b]

    assert end_of(died, "สุวัฒน์ วรรณศิริกุล เกิดวันที่เท่าไร") == born
    assert end_of(born, "สุวัฒน์ เสียชีวิตเมื่อไร") == died
    assert end_of(born, "When did he die? When was his death?") == died
    # The end asked already, or a question about neither end or both: unchanged.
    assert end_of(born, "สุวัฒน์ เกิดเมื่อไร") == born
    assert end_of(died, "ดำรงตำแหน่งเมื่อไร") == died
    assert end_of(died, "เกิดและเสียชีวิตเมื่อไร") == died
    single = "เกิดเมื่อ 31 กรกฎาคม พ.ศ. 2555 ที่กรุงเทพ"
    k = single.index(died)
    assert asked_end(single, k, k + len(died), "เกิดเมื่อไร") == (k, k + len(died))


def test_until_when_asks_for_the_later_end_of_a_period() -> None:
    """"ถึงเมื่อไร", "จัดถึงวันที่เท่าไร", "หมดเขต" ask for the end, as "สิ้นสุด" does."""
    for question in ("กรอบเวลาการดำเนินงานของ UNDP ถึงเมื่อไร", "งานจัดถึงวันที่เท่าไร",
                     "รับสมัครหมดเขตเมื่อไร", "โครงการสิ้นสุดเมื่อไร", "When does it end?"):
        assert asks_end(question), question
    for question in ("เดินทางไปถึงจังหวัดอะไร", "เริ่มเมื่อไรและสิ้นสุดเมื่อไร", "จัดเมื่อไร"):
        assert not asks_end(question), question
    text = "ให้บริการฟรี ตั้งแต่วันที่ 30 มีนาคม ถึงวันที่ 7 เมษายน 2567 เวลา 08.30 น."
    k = text.index("30 มีนาคม")
    a, b = asked_end(text, k, k + len("30 มีนาคม"), "จัดถึงวันที่เท่าไร")
    assert text[a:b] == "7 เมษายน 2567"
    k = text.index("7 เมษายน 2567")
    assert ends_a_range(text, k, k + len("7 เมษายน 2567"))
    release = "วันนี้ (29 มีนาคม 2567) นายคารม กล่าวว่า"
    k = release.index("29 มีนาคม 2567")
    assert not ends_a_range(release, k, k + len("29 มีนาคม 2567"))
    # The earlier end is no answer to "until when".
    k = text.index("30 มีนาคม")
    assert not ends_a_range(text, k, k + len("30 มีนาคม"))


def test_a_range_that_is_one_span_is_cut_at_its_dash_for_a_start_or_an_end() -> None:
    expo = "ในงาน Sustainability Expo 2024 ระหว่างวันที่ 29 กันยายน – 8 ตุลาคม 2566 ณ ศูนย์"
    whole = "29 กันยายน – 8 ตุลาคม 2566"
    k = expo.index(whole)

    def end_of(question: str) -> str:
        a, b = asked_end(expo, k, k + len(whole), question)
        return expo[a:b]

    assert end_of("งานเริ่มวันที่เท่าไร") == "29 กันยายน"
    assert end_of("งานสิ้นสุดวันที่เท่าไร") == "8 ตุลาคม 2566"
    assert end_of("งานจัดเมื่อไร") == whole
    life = "หม่อมเจ้าประสบศรี (28 เมษายน พ.ศ. 2454 - 1 กันยายน พ.ศ. 2544) เป็น"
    span = "28 เมษายน พ.ศ. 2454 - 1 กันยายน พ.ศ. 2544"
    k = life.index(span)
    a, b = asked_end(life, k, k + len(span), "หม่อมเจ้าประสบศรี สิ้นชีพิตักษัยเมื่อไร")
    assert life[a:b] == "1 กันยายน พ.ศ. 2544"


def test_a_joining_word_after_a_number_is_no_classifier() -> None:
    """"ที่ 6 โดยมี ...": "6 โดย" was a count and led a reply; a classifier may be any word
    but a joining one ("4 โรงเรือน" still is)."""
    from bot.answering.candidates import CTYPES, propose

    def counts(text: str) -> set[str]:
        c = propose(text)
        return {text[a:b] for a, b, k in zip(c.start.tolist(), c.end.tolist(), c.ctype.tolist(),
                                             strict=True) if k == CTYPES.index("count")}

    assert "6 โดย" not in counts("จุดดำเนินการที่ 6 โดยมี นายสมคิด เป็นประธาน")
    assert "4 โรงเรือน" in counts("ได้รับมอบ 4 โรงเรือน จากมูลนิธิ")


@pytest.mark.parametrize(("text", "part", "whole"), [
    # A foreign name spelled in Thai letters is cut by the segmenter, not by the text:
    # its parts after a space belong to it, and so does the part before it.
    ("เนื้อเรื่องถูกเล่าผ่านมุมมองของแคตนิส เอฟเวอร์ดีน เด็กสาววัย 16 ปี", "แคตนิส",
     "แคตนิส เอฟเวอร์ดีน"),
    ("และกำกับโดยอาเลคันโดร กอนซาเลซ อีญาร์รีตู นำแสดงโดยไมเคิล คีตัน",
     "อาเลคันโดร กอนซาเลซ", "อาเลคันโดร กอนซาเลซ อีญาร์รีตู"),
    ("2554 สืบต่อจากลอบซัง เทนซิน ซัมทงรินโปเช องค์ที่ 5 และจะเป็น", "ลอบซัง เทนซิน",
     "ลอบซัง เทนซิน ซัมทงรินโปเช"),
    ("โจฮันเนส ฮันส์ วิลเลม เกนการ์ ไกเกอร์ เป็นนักฟิสิกส์ชาวเยอรมัน", "ฮันส์ วิลเลม เกนการ์ ไกเกอร์",
     "โจฮันเนส ฮันส์ วิลเลม เกนการ์ ไกเกอร์"),
    # A word the segmenter cuts where the dictionary does not know the rest.
    ("2561 เกิดแผ่นดินไหวขนาด 6.9 แมกนิจูก[1] บนเกาะฮาวาย", "6.9 แมก", "6.9 แมกนิจูก"),
    # A realm that starts with a leading vowel (เ แ โ ใ ไ) is a realm too.
    ("มีพระโอรสคือ เจ้าชายอะเมเดโอ ดยุกที่ 5 แห่งโอสตา ทรงเป็น", "เจ้าชายอะเมเดโอ ดยุกที่ 5",
     "เจ้าชายอะเมเดโอ ดยุกที่ 5 แห่งโอสตา"),
])
def test_spelled_out_names_and_cut_words_are_led_whole(text: str, part: str, whole: str) -> None:
    assert widened(text, part) == whole


@pytest.mark.parametrize(("text", "part"), [
    # A Thai name with its title is whole: the village after it is not part of it.
    ("นายสุชาติ คำวาศรี บ้านบางสังตี ตำบลบางแก้ว", "นายสุชาติ คำวาศรี"),
    # Words after a spelled-out name ("ก็ได้โจมตี...") are no part of it.
    ("ทหารจากเซนต์ ออกัสติน ก็ได้โจมตีฟอร์ต แคโรไลน์", "เซนต์ ออกัสติน"),
    # Thai words after a span are words, not a cut one.
    ("ธนาคารขยะตั้งแล้วทั้งหมด 3,000 แห่ง", "ธนาคารขยะ"),
    ("ประชุมที่ห้องประชุมราชบพิธ ชั้น 5 อาคารดำรงราชานุสรณ์", "ห้องประชุมราชบพิธ"),
])
def test_names_and_words_are_not_run_on(text: str, part: str) -> None:
    assert widened(text, part) == part


def test_the_reply_quotes_no_text_twice() -> None:
    # The question's words stand before the clause around the value: the earlier excerpt
    # ends where the clause opens (a tester read "…จำนวน 3,140 ตัน… … จากธนาคารกสิกรไทย
    # จำนวน 3,140 ตัน…"), and the room left goes to the clause.
    from bot.answering.compose import compose_reply

    text = ("การคัดแยกขยะครัวเรือนเป็นจุดเริ่มต้นของการซื้อขายคาร์บอนเครดิต ซึ่งกระทรวงมหาดไทย"
            "ได้รับสนับสนุนรับซื้อคาร์บอนเครดิตจากธนาคารกสิกรไทย จำนวน 3,140 ตันคาร์บอนไดออกไซด์"
            "เทียบเท่า รวมมูลค่า 816,400 บาท ตลอดจน บมจ. ไทยเบฟเวอเรจ และองค์กรภาครัฐและเอกชน"
            "ที่ให้การสนับสนุน ทำให้ปัจจุบันเราได้จำหน่ายคาร์บอนเครดิตแล้วกว่า 2.5 ล้านบาท")
    start = text.index("3,140")
    end = start + len("3,140 ตัน")
    reply = compose_reply(text, start, end, kind="count", english=False, budget=300,
                          context=text.index("เป็นจุดเริ่มต้น"))
    assert reply.startswith("3,140 ตัน — ")
    body = reply.split(" — ", 1)[1]
    assert body.count("3,140") == 1, reply
    assert "เป็นจุดเริ่มต้น" in body and "ไทยเบฟเวอเรจ" in body, reply
    assert len(reply) <= 300
