"""Regular expressions compiled at their first use, not when their module is imported.

A fresh ``sdgbot ask`` imports every module of the answering path, and a module's
patterns were compiled at import (``re.compile`` parses and compiles in Python: a long
Thai alternation takes a millisecond).  Patterns that only some inputs reach (report
forms' money, quarters and percentages; yes/no questions' stated values) are made with
:func:`lazy_pattern` instead and cost nothing until one of those inputs comes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

__all__ = ["lazy_pattern"]


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter of ``re.compile(pattern, flags)``, compiled at its first call and kept.

    Use as ``_MONEY = lazy_pattern(r"...")`` and ``_MONEY().finditer(text)``; the call
    is a cached lookup (tens of nanoseconds), and the compiled pattern is kept for the
    process whatever ``re``'s own cache evicts.
    """

    @lru_cache(maxsize=1)
    def get() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return get
