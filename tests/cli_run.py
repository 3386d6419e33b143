"""Running ``sdgbot`` in-process for tests: the result type (the fixture is in conftest)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple


class Result(NamedTuple):
    """Exit status and what a command printed."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def json_lines(self) -> list[Any]:
        return [json.loads(line) for line in self.out.split("\n") if line]


#: ``run(home, *args, stdin=None, database_url=None) -> Result``
Run = Callable[..., Result]
