"""Whether two runs of ``sdgbot search --json -`` or ``sdgbot ask --json -`` print the same.

Usage::

    python bench/same_json.py BEFORE.jsonl AFTER.jsonl

Each line is a JSON object; the lines are compared in order, without their ``took_ms``
(the wall time of the query, which differs from run to run).  A search's hits compare
in order with their scores (rounded to 6 decimals by the command), an answer's text,
sources and everything else it prints.  Prints the number of lines that differ and the
first few, and exits 1 when any does (issue 17's check that a faster search ranks as
before; issue 12's that the answers stay the same).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def lines(path: Path) -> list[dict[str, object]]:
    """The JSON objects of ``path``, one a line, without ``took_ms``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        obj.pop("took_ms", None)
        out.append(obj)
    return out


def main() -> int:
    before, after = (lines(Path(p)) for p in sys.argv[1:3])
    if len(before) != len(after):
        print(f"{len(before)} lines before, {len(after)} after")
        return 1
    bad = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    for i in bad[:3]:
        print(f"line {i + 1}:\n  {json.dumps(before[i], ensure_ascii=False)[:400]}\n"
              f"  {json.dumps(after[i], ensure_ascii=False)[:400]}")
    print(f"{len(before)} lines, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
