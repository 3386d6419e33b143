"""Messages that are code, not words: SQL, shell commands, markup, program source.

"SELECT * FROM updates; DROP TABLE updates" or "' OR 1=1 --" sent as a question was
searched for its words and answered about "updates"; a reply built from a statement's
tokens is no answer to anyone.  :func:`code_kind` tells such a message from a question
that merely holds a tag or a symbol ("<b>งบ</b>ประมาณเท่าไร" is a question): the
message shows a sign of code (:data:`_SIGNS`) and, with every piece of code taken out
(:func:`_without_code`), no Thai words and no English question are left.
:func:`not_a_question` is the polite reply (Thai, or English for a user known to write
English: code's Latin letters tell no language).

Pure text functions; nothing here imports the rest of the bot (the answerer, the chat
core, the language rules and the update drafts all use it).
"""

from __future__ import annotations

import re

__all__ = ["code_kind", "not_a_question"]

_I = re.I
#: A sign of code, by kind, in the order they are told (the first kind found names it).
_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sql", re.compile(
        r"\bSELECT\b(?=[^;\n]{0,200}\bFROM\b)"  # SELECT ... FROM, typed as SQL is
        r"|\bselect\s+(?:\*|distinct\b|count\s*\(|top\s+\d)"
        r"|\b(?:insert\s+into|delete\s+from|truncate\s+table|alter\s+table|"
        r"drop\s+(?:table|database|schema|view|index|user)|"
        r"create\s+(?:table|database|schema|index|view|user))\b"
        r"|\bupdate\s+[\w.\"`\[\]]+\s+set\s+[\w.\"`\[\]]+\s*="
        r"|\bunion\s+(?:all\s+)?select\b"
        r"|['\"`]\s*\)?\s*(?:or|and)\s+['\"]?\w+['\"]?\s*(?:=|like\b)"  # ' OR 1=1, ' or 'a'='a
        r"|\b(?:or|and)\s+(\d+)\s*=\s*\1\b"  # OR 1=1
        r"|['\";]\s*--|/\*.*?\*/|\bxp_cmdshell\b|\bwaitfor\s+delay\b"
        r"|\b(?:sleep|benchmark|pg_sleep)\s*\(\s*\d", _I | re.S)),
    ("shell", re.compile(
        r"(?:^|[;&|`(]\s*|\$\(\s*)(?:sudo\s+)?(?:"
        r"(?:rm|ls|chmod|chown|kill|nc|ps|grep|find|tar|cp|mv)\s+-{1,2}\w"
        r"|(?:cat|rm|ls|cd|chmod|chown|cp|mv|touch|mkdir|source)\s+[~/.$]"
        r"|(?:curl|wget)\s+(?:-\S+\s+)*(?:https?://|\S+\.\S+/)"
        r"|(?:bash|sh|zsh|python3?|perl|node|ruby|php)\s+-c\b"
        r"|sudo\s+\w|echo\s+[$'\"]|export\s+\w+=|mkfs\b|dd\s+if=|shutdown\s+-\w)"
        r"|\$\([^()\n]{1,200}\)|/etc/(?:passwd|shadow|hosts)\b|(?:\.\./){2,}"
        r"|\|\s*(?:ba|z)?sh\b|>\s*/dev/null|&&\s*(?:rm|ls|cat|curl|wget|echo|sudo|cd)\b"
        r"|:\(\)\s*\{", _I | re.M)),
    ("markup", re.compile(
        r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|<\?(?:php|xml)\b|<!doctype\b"
        r"|\{\{.*?\}\}|\{%.*?%\}|<%.*?%>|\$\{[^{}\n]{1,200}\}|\bjavascript\s*:", _I | re.S)),
    ("code", re.compile(
        r"^\s*(?:import\s+[\w.]+(?:\s+as\s+\w+)?|from\s+[\w.]+\s+import\s+[\w*]+)\s*;?\s*$"
        r"|\bdef\s+\w+\s*\([^()\n]*\)\s*:|\bfunction\s*\w*\s*\([^()\n]*\)\s*\{"
        r"|\b(?:console\.log|document\.(?:cookie|write|location)|window\.location|"
        r"os\.system|subprocess\.\w+|__import__|eval|exec|alert|printf?|require|"
        r"System\.out\.println)\s*\("
        r"|#include\s*[<\"]|\bpublic\s+(?:static\s+)?(?:void|class)\b"
        r"|\b(?:var|let|const)\s+\w+\s*=|=>\s*\{|;\s*\}|\{\s*\"[^\"\n]+\"\s*:",
        _I | re.M)),
)

#: The pieces of code taken out before looking for a question in what is left: a whole
#: script or style element, a comment, a tag, a template expression; a statement of SQL,
#: a shell command or a line of source runs from its sign to the end of its line or to
#: the next ";" (the rest of the line is the statement's, not words of a question).
_ELEMENT = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)|<!--.*?(?:-->|$)", _I | re.S)
_STATEMENT_END = re.compile(r"[;\n]|$")
#: A run of Thai letters: a Thai word left after the code is taken out.
_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]{2,}")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
#: Words of code, never of a question left after it ("table", "null", "echo").
_CODE_WORDS = frozenset("""
select from where drop table union all insert into values delete update set or and not
null like order by group having limit exec execute truncate alter create database schema
index view join on as is count distinct top sleep waitfor delay rm ls cat cd sudo bash sh
echo curl wget chmod chown grep import def function return var let const console log
alert script style div span href src onerror onload true false none print eval
""".split())
#: What an English question asks with: a question word or an auxiliary that opens one.
_ASKING = re.compile(
    r"\b(?:how|what|who|whom|whose|when|where|which|why|many|much|is|are|was|were|do|"
    r"does|did|can|could|should|will|would|has|have|had|tell|show|list|give)\b", _I)


def _without_code(text: str, kind: str) -> str:
    """``text`` with its code taken out (see :data:`_ELEMENT`)."""
    text = _ELEMENT.sub(" ", text)
    pattern = dict(_SIGNS)[kind]
    if kind == "markup":  # tags and templates around words: only they go
        return pattern.sub(" ", text)
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() < pos:
            continue
        end = _STATEMENT_END.search(text, m.end())
        out.append(text[pos:m.start()])
        pos = end.end() if end is not None else len(text)
    out.append(text[pos:])
    left = " ".join(out)
    # Another kind's code may stand beside ("<b>x</b>; rm -rf /"): taken out too.
    for other, other_pattern in _SIGNS:
        if other != kind and other_pattern.search(left):
            left = _without_code(left, other) if other != "markup" else other_pattern.sub(" ", left)
    return left


def _asks_something(left: str) -> bool:
    """Whether what is left after the code is a Thai text or an English question."""
    if _THAI_WORD.search(left):
        return True
    words = [w for w in _ENGLISH_WORD.findall(left) if w.lower() not in _CODE_WORDS]
    return len(words) >= 3 and bool(_ASKING.search(" ".join(words)) or "?" in left)


def code_kind(text: str) -> str | None:
    """The kind of code ``text`` is ("sql", "shell", "markup", "code"), or None.

    None for a question, even one with code in it ("<script>…</script>
    ธนาคารขยะตั้งแล้วกี่แห่ง", "<b>How many waste banks?</b>"): the question is read
    without the code (the answerer takes out tags and script elements itself).
    """
    if not text or not text.strip():
        return None
    for kind, pattern in _SIGNS:
        if pattern.search(text):
            return None if _asks_something(_without_code(text, kind)) else kind
    return None


#: How each kind is named in the reply: (Thai, English).
_NAMES = {"sql": ("คำสั่ง SQL", "SQL"), "shell": ("คำสั่งของระบบ (shell)", "a shell command"),
          "markup": ("แท็กหรือมาร์กอัป (HTML)", "markup (HTML tags)"),
          "code": ("โค้ดโปรแกรม", "program code")}


def not_a_question(kind: str, english: bool) -> str:
    """The polite reply to a message of code of ``kind`` (see :func:`code_kind`).

    It says the message is not read as a question, answers nothing from it, and shows
    what to type instead; Thai unless ``english``.
    """
    thai, eng = _NAMES.get(kind, _NAMES["code"])
    if english:
        return (f"This looks like {eng}, not a question, so I did not search or answer it. "
                "Please type your question in words, for example: How many waste banks "
                "have been set up? Or type /help for the commands.")
    return (f"ข้อความนี้ดูเหมือน{thai} ไม่ใช่คำถาม จึงไม่ได้ค้นหาหรือตอบจากข้อความนี้ "
            "กรุณาพิมพ์คำถามเป็นถ้อยคำ เช่น “ธนาคารขยะตั้งแล้วกี่แห่ง” หรือพิมพ์ /help "
            "เพื่อดูคำสั่ง")
