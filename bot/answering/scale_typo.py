"""A count written with a scale word its digits already exceed: the source's typo.

"ลงทะเบียนรวม 151,175 แสนราย" means 151,175 ราย (the release's other figures, and its
earlier releases, say so); read as written it would be 15,117,500,000 people.  Thai
writes a scale word after a few digits ("2.5 แสน", "15 หมื่น"); grouped thousands
before "หมื่น" or "แสน" (not "แสนล้าน": 1,500 แสนล้านบาท is a real if rare amount)
are the figure written twice.  The lead gives the digits with the plain unit.
"""

from __future__ import annotations

import re

__all__ = ["without_scale_typo"]

#: Grouped thousands ("151,175"), then "หมื่น"/"แสน" not starting a larger scale.
_TYPO = re.compile(r"(?P<n>(?<![\d,.])\d{1,3}(?:,\d{3})+(?:\.\d+)?)\s*(?:หมื่น|แสน)(?!\s*ล้าน)\s*")


def without_scale_typo(value: str) -> str:
    """``value`` with a scale word its grouped digits already exceed dropped.

    "151,175 แสนราย" -> "151,175 ราย"; "2.5 แสนราย", "15 หมื่นบาท", "1,500 แสนล้านบาท"
    are kept as written.
    """
    return _TYPO.sub(lambda m: f"{m.group('n')} ", value).rstrip()
