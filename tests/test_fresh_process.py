"""A fresh ``sdgbot ask`` loads only what its one answer needs (issue 17: <= 0.8 s).

Measured on the news corpus: configuring every ORM mapper on the first ORM statement
cost ~40 ms, ``numpy.ma`` (imported by ``np.unique``/``np.union1d``) 15-30 ms and numba
half a second; none of them is needed to answer one question.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from bot.answering.answerer import _union

#: Runs one ``sdgbot ask`` in this interpreter, then reports what it loaded.
_PROBE = """
import json, sys
from bot.cli import main
code = main(["ask", "--json", sys.argv[1]])
from knowledge.models import Passage
print(json.dumps({"code": code, "numba": "numba" in sys.modules,
                  "numpy.ma": "numpy.ma" in sys.modules,
                  "mappers configured": Passage.__mapper__.configured}))
"""


def test_a_fresh_ask_loads_no_numba_numpy_ma_or_orm_mappers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SDGBOT_HOME=str(tmp_path / "home"), PYTHAINLP_OFFLINE="1",
               PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    seed = subprocess.run([sys.executable, "-m", "bot.cli", "search", "ธนาคารขยะ"], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert seed.returncode == 0, seed.stderr  # the sample is loaded and indexed first
    res = subprocess.run([sys.executable, "-c", _PROBE, "ธนาคารขยะตั้งแล้วกี่แห่ง"], env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    answer, loaded = (json.loads(line) for line in res.stdout.strip().split("\n")[-2:])
    assert answer["found"], answer
    assert loaded == {"code": 0, "numba": False, "numpy.ma": False,
                      "mappers configured": False}


def test_union_is_numpys_union1d() -> None:
    rng = np.random.default_rng(0)
    for _ in range(500):
        a = rng.integers(0, 40, rng.integers(0, 25)).astype(np.intp)
        b = rng.integers(0, 40, rng.integers(0, 25)).astype(np.intp)
        got, want = _union(a, b), np.union1d(a, b)
        assert got.dtype == want.dtype and np.array_equal(got, want)
