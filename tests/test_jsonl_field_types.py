"""A JSON-lines field of the wrong type is told as such, never as "missing".

The fault: ``{"title": "x", "text": 5}`` was refused with "ไม่มีช่อง text (missing or
empty "text")": the text is there, but a number.  Every field of a document line
alike; ``null`` still counts as no value.
"""

from __future__ import annotations

import json

import pytest

from knowledge.ingest import read_bytes
from knowledge.parsers import DocumentError


def _line(**fields: object) -> bytes:
    return (json.dumps({"title": "ข่าว", "text": "เนื้อหาข่าวการขับเคลื่อน SDGs", **fields},
                       ensure_ascii=False) + "\n").encode()


@pytest.mark.parametrize(("field", "value", "english"), [
    ("text", 5, "number"), ("text", ["a"], "array"), ("text", True, "boolean"),
    ("title", 5, "number"), ("title", {"th": "x"}, "object"),
    ("date", 20230101, "number"), ("kind", 1, "number"), ("kind", ["news"], "array"),
    ("kind", False, "boolean"), ("source", 7, "number"),
])
def test_a_field_of_the_wrong_type_is_named_with_its_type(field: str, value: object,
                                                          english: str) -> None:
    with pytest.raises(DocumentError) as err:
        read_bytes(_line(**{field: value}), "docs.jsonl")
    said = str(err.value)
    assert "missing" not in said and "ไม่มีช่อง" not in said, said
    assert f'"{field}" must be a string, got a {english}' in err.value.say(True), said
    assert f"ช่อง {field} ต้องเป็นข้อความ" in err.value.say(False), said


def test_a_missing_or_null_text_is_still_missing_and_null_fields_are_no_value() -> None:
    with pytest.raises(DocumentError, match="missing or empty"):
        read_bytes(b'{"title": "x"}\n', "docs.jsonl")
    with pytest.raises(DocumentError, match="missing or empty"):
        read_bytes(b'{"title": "x", "text": null}\n', "docs.jsonl")
    _, docs = read_bytes(_line(date=None, kind=None, source=None), "docs.jsonl")
    assert len(docs) == 1 and docs[0].kind == "text"
