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
import gc, json, sys
from bot.cli import main
code = main(["ask", "--json", sys.argv[1]])
from knowledge.models import Passage
from bot.answering import confirm
from knowledge import thai
gc_after = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}
print(json.dumps({"code": code, "numba": "numba" in sys.modules,
                  "numpy.ma": "numpy.ma" in sys.modules,
                  "mappers configured": Passage.__mapper__.configured,
                  "postgresql": "sqlalchemy.dialects.postgresql" in sys.modules,
                  "report patterns": thai._MONEY_FULL_RE.cache_info().currsize,
                  "yes/no patterns": confirm._EN_MONEY.cache_info().currsize,
                  "not needed": sorted(m for m in NOT_NEEDED if m in sys.modules),
                  "gc after": gc_after}))
"""

#: Modules a fresh ask of a news question never calls into (session 20: the guided
#: conversation's router, drafts, photos and Pillow came with ``bot.conversation.lang``,
#: /summary's counting and lists with ``bot.structured`` and the field answers: ~30 ms).
NOT_NEEDED = ("bot.conversation.router", "bot.conversation.drafts", "bot.conversation.evidence",
              "bot.conversation.update_flow", "PIL", "bot.summary_lists", "knowledge.summary")

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
    res = subprocess.run([sys.executable, "-c", f"NOT_NEEDED = {NOT_NEEDED!r}\n{_PROBE}",
                          "ธนาคารขยะตั้งแล้วกี่แห่ง"], env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    answer, loaded = (json.loads(line) for line in res.stdout.strip().split("\n")[-2:])
    assert answer["found"], answer
    assert loaded == {"code": 0, "numba": False, "numpy.ma": False,
                      "mappers configured": False, "postgresql": False,
                      "report patterns": 0, "yes/no patterns": 0, "not needed": [],
                      # the collector, off while the command started, is back on and
                      # nothing stays frozen once it returns (cli._gc_after_start_up)
                      "gc after": {"enabled": True, "frozen": 0}}


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


#: What importing the command line loads (a fresh interpreter), of the heavy packages.
_CLI_IMPORTS = """
import json, sys
import bot.cli
print(json.dumps(sorted(m for m in ("sqlalchemy", "numpy", "pythainlp", "regex", "bot.app",
                                    "indexer.service", "knowledge.models") if m in sys.modules)))
"""


def test_importing_the_command_line_loads_no_database_engine_or_tokenizer() -> None:
    """``sdgbot --help``, a usage error and the parser cost no SQLAlchemy, numpy or PyThaiNLP.

    The commands import the composition root (``bot.app``) themselves, after
    :func:`bot.cli._gc_after_start_up` has turned the collector off for their start-up.
    """
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PYTHAINLP_OFFLINE="1", PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    res = subprocess.run([sys.executable, "-c", _CLI_IMPORTS], env=env, capture_output=True,
                         text=True, timeout=300, check=False)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout.strip().split("\n")[-1]) == []


def test_start_up_runs_without_the_collector_and_leaves_nothing_frozen() -> None:
    import gc

    from bot.cli import _gc_after_start_up

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with _gc_after_start_up() as started:
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]  # start-up's objects
        started()
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), _gc_after_start_up():  # a start-up that fails
        raise RuntimeError("the folder cannot be opened")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # a caller that runs without the collector keeps it off
    try:
        with _gc_after_start_up() as started:
            started()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
