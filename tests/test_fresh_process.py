"""A fresh ``sdgbot ask`` loads only what its one answer needs (issue 17: <= 0.8 s).

Measured on the news corpus: configuring every ORM mapper on the first ORM statement
cost ~40 ms, ``numpy.ma`` (imported by ``np.unique``/``np.union1d``) 15-30 ms and numba
half a second; none of them is needed to answer one question.  Session 10: SQLAlchemy's
PostgreSQL dialect (imported for two partial indexes' ``postgresql_where``) ~25 ms, the
``regex`` module (only a text to cut needs it) ~8 ms, report forms' and yes/no questions'
patterns compiled at import ~10 ms.  These are counts, not timings: a loaded machine
cannot make them fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.answering.answerer import _union
from knowledge.db import Database
from knowledge.models import PARTIAL_INDEXES, Base

#: Runs one ``sdgbot ask`` in this interpreter, then reports what it loaded.
_PROBE = """
import json, sys
from bot.cli import main
code = main(["ask", "--json", sys.argv[1]])
from knowledge.models import Passage
from bot.answering import confirm
from knowledge import thai
print(json.dumps({"code": code, "numba": "numba" in sys.modules,
                  "numpy.ma": "numpy.ma" in sys.modules,
                  "mappers configured": Passage.__mapper__.configured,
                  "postgresql": "sqlalchemy.dialects.postgresql" in sys.modules,
                  "report patterns": thai._MONEY_FULL_RE.cache_info().currsize,
                  "yes/no patterns": confirm._EN_MONEY.cache_info().currsize}))
"""

#: Imports the answering package in a fresh interpreter and lists what came with it.
_IMPORTS = """
import json, sys
import bot.answering.answerer
print(json.dumps(sorted(m for m in ("sqlalchemy.dialects.postgresql", "regex", "numba",
                                    "alembic", "tqdm", "psycopg") if m in sys.modules)))
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
                      "mappers configured": False, "postgresql": False,
                      "report patterns": 0, "yes/no patterns": 0}


def test_importing_the_answerer_loads_no_postgresql_dialect_nor_regex() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PYTHAINLP_OFFLINE="1", PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    res = subprocess.run([sys.executable, "-c", _IMPORTS], env=env, capture_output=True,
                         text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout.strip().split("\n")[-1]) == []


def _partial_predicates(dialect_name: str) -> dict[str, str]:
    """The WHERE of each partial index as ``CREATE INDEX`` compiles it for a dialect."""
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex

    dialect = (postgresql if dialect_name == "postgresql" else sqlite).dialect()
    out = {}
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            if index.name in PARTIAL_INDEXES:
                ddl = str(CreateIndex(index).compile(dialect=dialect))
                out[index.name] = ddl.partition(" WHERE ")[2]
    return out


def test_partial_indexes_keep_their_predicates_on_both_databases() -> None:
    pytest.importorskip("psycopg")
    assert _partial_predicates("sqlite") == PARTIAL_INDEXES
    # Opening a PostgreSQL database (no connection is made) declares PostgreSQL's.
    Database("postgresql+psycopg://nobody@127.0.0.1:1/none").dispose()
    assert _partial_predicates("postgresql") == PARTIAL_INDEXES


def test_union_is_numpys_union1d() -> None:
    rng = np.random.default_rng(0)
    for _ in range(500):
        a = rng.integers(0, 40, rng.integers(0, 25)).astype(np.intp)
        b = rng.integers(0, 40, rng.integers(0, 25)).astype(np.intp)
        got, want = _union(a, b), np.union1d(a, b)
        assert got.dtype == want.dtype and np.array_equal(got, want)
