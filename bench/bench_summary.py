"""``/summary 2/2566`` at ministry scale: text, chart and workbook, timed and profiled.

Usage (from the project root; no network)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_summary.py [--repeat N] [--profile]
        [--pg postgresql+psycopg://...] [--keep DIR] [--json]
        [--ab CHECKOUT [--ab-rounds N] [--ab-only]]

It builds a database once (kept in ``--keep``, default a temporary folder):

* both ThaiME workbooks ingested with ``sdgbot ingest`` (37,672 distinct listed projects
  from 40,725 rows), every listed project then filed under quarter 2/2566, so that one
  quarter holds them all;
* 300 report-form projects with a form each for 2/2566 and 3,000 approved officer
  updates in that quarter, 600 of them with a small photo as evidence.

With ``--pg`` the same rows are copied into that PostgreSQL database (its tables are
dropped and made again first).

It then times, in this process, a manager's ``/summary 2/2566`` through
:meth:`bot.core.Core.handle` (text, chart and workbook: every listed project and every
report project on their own sheets), and the same with a province and an agency after
the quarter (``จังหวัดเชียงใหม่``: 442 listed projects, ``กรมส่งเสริมการปกครองท้องถิ่น``:
36,131), each the median of ``--repeat`` runs, wall clock and this process's CPU time
(the view's listed workbook made first, by a first call):

* ``cold``: no chart or summary workbook made before for this data; ``Core.handle(msg)``
  makes them in place (what LINE's single reply and the command line wait for).  The
  listed projects' workbook (a file of its own, named by the lists alone) is there: the
  end of ``sdgbot ingest`` makes it (timed: ``listed_warm_ms``), and nothing but an
  ingest or a removal changes it;
* ``coldest``: that workbook removed too (a view nobody made it for, or lists changed
  and no warmer ran);
* ``text_first`` / ``files_after_text``: cold as Telegram and the console get it
  (``Core.handle(msg, defer=True)``): the text, then the files made once it is out;
* ``cached``: the same data asked again (any manager with the same view, any worker).

Then an officer's ``/update`` in chat, after which the core's background warmer makes
the files (``after_chat_update``), and an update stored outside chat followed by the
scheduler's run (``after_new_update``); each time the manager's next ``/summary``.
Each part is timed apart too (loading the summary, the project lists, the chart, the
workbook).  ``sdgbot summary 2/2566 --xlsx FILE`` is timed as a subprocess (process
start-up reported apart).  ``--profile`` prints the 25 costliest functions (own time)
of one cold ``/summary`` (cProfile).  ``--ab CHECKOUT`` times cold and cached ``/summary``
again in child processes, with this checkout's code and with another's (a git worktree of
the commit to compare with), alternately, on the same database: the ratio within one run
is what a shared machine's load leaves meaningful (``--ab-only``: that alone).  Target:
2 s for a cold ``/summary`` with its files.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "thaime-nesdc" / "original"
WORKBOOKS = [DATA / "thaime_v2p1.xlsx", DATA / "thaime_v2p2.xlsx"]
FY, QN = 2566, 2
REPORT_PROJECTS = 300
UPDATES = 3000
PHOTOS_EVERY = 5  # one update in five carries a photo
MANAGER = "console:bench-manager"
OFFICER = "console:bench-officer"


def _env(home: Path, db_url: str | None) -> dict[str, str]:
    env = dict(os.environ, SDGBOT_HOME=str(home), PYTHAINLP_OFFLINE="1", MPLBACKEND="Agg")
    env.pop("DATABASE_URL", None)
    if db_url:
        env["DATABASE_URL"] = db_url
    return env


def _sdgbot(home: Path, db_url: str | None, *args: str) -> tuple[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", *args],
        env=_env(home, db_url), capture_output=True, text=True, check=False, cwd=ROOT)
    took = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"sdgbot {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout, took


def _photo() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


def _fill(db: Any) -> None:
    """File every listed project under 2/2566; add report projects, updates and photos."""
    import hashlib

    from sqlalchemy import func, insert, select, update

    from knowledge.models import (
        Document,
        ListedProject,
        ProgressUpdate,
        Project,
        QuarterReport,
        UpdateEvidence,
        User,
    )

    now = dt.datetime(2566 - 543, 2, 15, 3, 0, tzinfo=dt.UTC)
    photo = _photo()
    digest = hashlib.sha256(photo).hexdigest()
    with db.write() as s:
        s.execute(update(ListedProject).values(fiscal_year=FY, quarter=QN))
        if s.scalar(select(func.count(Project.id))) >= REPORT_PROJECTS:
            return
        doc = Document(kind="report", title="แบบรายงานทดสอบ (bench)", date=now.date(),
                       source="bench", content_hash=hashlib.sha256(b"bench").hexdigest(),
                       text="bench")
        s.add(doc)
        s.flush()
        agencies = [f"หน่วยงานทดสอบ{i:02d}" for i in range(20)]
        projects = []
        for i in range(REPORT_PROJECTS):
            p = Project(agency=agencies[i % 20], name=f"โครงการทดสอบที่ {i:04d} เพื่อการพัฒนา")
            s.add(p)
            projects.append(p)
        s.flush()
        s.execute(insert(QuarterReport), [
            {"project_id": p.id, "document_id": doc.id, "fiscal_year": FY, "quarter": QN,
             "budget_baht": Decimal(1_000_000 + 1000 * k), "target_level": 4,
             "result_level": 3 + k % 3, "disbursement_target_baht": Decimal(500_000),
             "disbursement_actual_baht": Decimal(250_000 + 100 * k),
             "results_text": "1. ดำเนินการประชุมชี้แจง 2. ลงพื้นที่ติดตาม",
             "problems": "=HYPERLINK(\"http://example.invalid\")" if k == 0 else None}
            for k, p in enumerate(projects)])
        s.add(User(platform="console", external_id=MANAGER.split(":", 1)[1], role="manager"))
        rows = [{"project_id": projects[k % REPORT_PROJECTS].id, "platform": "console",
                 "external_user_id": f"officer{k % 50}", "platform_message_id": f"bench-{k}",
                 "text": f"ดำเนินการแล้ว เบิกจ่าย {1000 + k:,} บาท ระดับ 3", "author_role": "officer",
                 "amount_baht": Decimal(1000 + k), "level": 3, "fiscal_year": FY, "quarter": QN,
                 "created_at": now + dt.timedelta(minutes=k), "status": "approved"}
                for k in range(UPDATES)]
        s.execute(insert(ProgressUpdate), rows)
        ids = list(s.scalars(select(ProgressUpdate.id).order_by(ProgressUpdate.id)))
        s.execute(insert(UpdateEvidence), [
            {"update_id": uid, "platform": "console", "source_id": f"bench-photo-{uid}",
             "mime": "image/png", "filename": f"{digest[:16]}.png", "size": len(photo),
             "sha256": digest, "width": 64, "height": 48, "data": photo, "created_at": now}
            for uid in ids[::PHOTOS_EVERY]])


def _copy_to_pg(sqlite_url: str, pg_url: str) -> None:
    """Copy every table from the SQLite database into a fresh PostgreSQL schema."""
    from sqlalchemy import create_engine, insert, select, text

    from knowledge.db import Database
    from knowledge.models import Base

    src = create_engine(sqlite_url)
    dst = create_engine(pg_url)
    with dst.begin() as c:
        c.execute(text("drop schema public cascade; create schema public"))
    Database(pg_url).migrate()
    with src.connect() as a, dst.begin() as b:
        for table in Base.metadata.sorted_tables:
            if table.name == "data_versions":  # PostgreSQL's own, bumped by its triggers
                continue
            rows = [dict(r._mapping) for r in a.execute(select(table))]
            for i in range(0, len(rows), 5000):
                b.execute(insert(table), rows[i:i + 5000])
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.c.id.autoincrement:
                b.execute(text(f"select setval(pg_get_serial_sequence('{table.name}', 'id'), "
                               f"coalesce((select max(id) from {table.name}), 1))"))
    # What autovacuum does soon after a bulk load: statistics and the visibility map
    # (index-only scans), so the figures are those of a database in service.
    with dst.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("vacuum analyze"))
    src.dispose()
    dst.dispose()


#: The A/B run (``--ab``): cold and cached ``/summary`` through ``Core.handle`` with the
#: code of one checkout, on the database built above.  Only what every version has.
_AB_DRIVER = r"""
import datetime as dt, json, statistics, sys, time
from pathlib import Path
from bot.core import Core, Message
from indexer.service import SearchIndex
from knowledge.db import Database
url, home, manager, repeat = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
db = Database(url)
media = home / "media-ab"
media.mkdir(exist_ok=True)
core = Core(db, SearchIndex(db, home / "index-bench", processes=1), media_dir=media,
            clock=lambda: dt.datetime(2023, 2, 20, 5, 0, tzinfo=dt.UTC))
def once(text, cold, coldest=False):
    if cold:
        for f in media.glob("summary-*"):
            f.unlink()
    if coldest:  # the listed projects' workbook too (made once per ingest, where there is one)
        for f in media.glob("listed-*"):
            f.unlink()
    t0, c0 = time.perf_counter(), time.process_time()
    core.handle(Message(platform="console", user_id=manager, text=text))
    return time.perf_counter() - t0, time.process_time() - c0
once("/summary 2/2566", True)  # the process's first call (imports, fonts) apart
out = {}
for label, text in (("all", "/summary 2/2566"), ("province", "/summary 2/2566 จังหวัดเชียงใหม่"),
                    ("agency", "/summary 2/2566 กรมส่งเสริมการปกครองท้องถิ่น")):
    once(text, False)  # the view's listed workbook made, as the ingest's end makes it
    cold, coldest = [], []
    for _ in range(repeat):
        cold.append(once(text, True))
        coldest.append(once(text, True, True))
    warm = [once(text, False) for _ in range(repeat)]
    out[label] = {k: [round(statistics.median(x[i] for x in v) * 1000) for i in (0, 1)]
                  for k, v in (("cold", cold), ("coldest", coldest), ("cached", warm))}
for f in [*media.glob("summary-*"), *media.glob("listed-*")]:
    f.unlink()
print(json.dumps(out))
"""


def _ab(roots: list[Path], home: Path, db_url: str, rounds: int, repeat: int
        ) -> dict[str, Any]:
    """Run :data:`_AB_DRIVER` with each checkout in turn, ``rounds`` times (alternating).

    Returns per checkout and request the medians over the rounds of ``[wall, cpu]`` ms.
    """
    runs: dict[str, list[dict[str, Any]]] = {str(r): [] for r in roots}
    for _ in range(rounds):
        for root in roots:
            env = _env(home, None)
            env["PYTHONPATH"] = str(root)
            proc = subprocess.run(
                [sys.executable, "-c", _AB_DRIVER, db_url, str(home),
                 MANAGER.split(":", 1)[1], str(repeat)],
                env=env, capture_output=True, text=True, check=False, cwd=root)
            if proc.returncode != 0:
                raise SystemExit(f"A/B run with {root} failed:\n{proc.stderr}")
            runs[str(root)].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out: dict[str, Any] = {}
    for root, results in runs.items():
        out[root] = {
            label: {kind: [statistics.median(r[label][kind][i] for r in results) for i in (0, 1)]
                    for kind in ("cold", "coldest", "cached")}
            for label in results[0]}
    return out


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pg", metavar="URL", help="run on this PostgreSQL database too")
    parser.add_argument("--keep", metavar="DIR", type=Path,
                        help="build (or reuse) the database in this folder")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ab", metavar="CHECKOUT", type=Path,
                        help="also time cold and cached /summary with the code of this other "
                             "checkout (a git worktree), alternating with this one")
    parser.add_argument("--ab-rounds", type=int, default=3)
    parser.add_argument("--ab-only", action="store_true",
                        help="with --ab: only the alternating runs (cold, coldest, cached), "
                             "not this process's own timings")
    args = parser.parse_args()
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

    home = args.keep or Path(tempfile.mkdtemp(prefix="sdgbot-bench-summary-"))
    home.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {}
    from knowledge.db import Database, sqlite_url

    if not (home / "sdgbot.db").exists():
        _, took = _sdgbot(home, None, "ingest", *map(str, WORKBOOKS))
        figures["ingest_s"] = round(took, 1)
    db = Database(sqlite_url(home))
    _fill(db)
    db_url = None
    if args.pg:
        _copy_to_pg(sqlite_url(home), args.pg)
        db_url = args.pg
        db = Database(args.pg)
    figures["backend"] = "postgresql" if args.pg else "sqlite"
    if args.ab_only and args.ab is not None:
        figures["ab_ms_wall_cpu"] = _ab([ROOT, args.ab.resolve()], home,
                                        db_url or sqlite_url(home), args.ab_rounds,
                                        args.repeat)
        print(json.dumps(figures, ensure_ascii=False, indent=1 if args.json else None))
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)
        return 0

    from sqlalchemy import func, select

    from knowledge.models import ListedProject, ProgressUpdate, UpdateEvidence

    with db.read() as s:
        figures["listed_projects"] = s.scalar(select(func.count(ListedProject.id)))
        figures["updates"] = s.scalar(select(func.count(ProgressUpdate.id)))
        figures["evidence_files"] = s.scalar(select(func.count(UpdateEvidence.id)))

    from bot.core import Core
    from bot.replies import Message, followers
    from bot.users import add_user
    from indexer.service import SearchIndex
    from knowledge.thai import FiscalQuarter

    with db.write() as s:
        add_user(s, OFFICER, "officer", actor="bench")
    index = SearchIndex(db, home / "index-bench", processes=1)
    media = home / "media"
    media.mkdir(exist_ok=True)
    clock = lambda: dt.datetime(2023, 2, 20, 5, 0, tzinfo=dt.UTC)  # noqa: E731 - in 2/2566
    core = Core(db, index, media_dir=media, clock=clock)
    manager = MANAGER.split(":", 1)[1]

    def clear(listed: bool = False) -> None:
        """No chart or summary workbook made before for this data: drawn and written again.

        The listed projects' workbook is named by the lists alone (they change only with
        an ingest or a removal) and made at the ingest's end: a ``/summary`` of data that
        changed since (an update) finds it.  ``listed``: that one too (the coldest case:
        a view no warmer made, or lists changed and nobody warmed them).
        """
        for f in media.glob("summary-*"):
            f.unlink()
        if listed:
            for f in media.glob("listed-*"):
                f.unlink()

    # What `sdgbot ingest` does at its end (the bench refiled the rows since): the
    # listed projects' workbooks of every quarter, made once for these lists.
    from bot.summary_view import warm_listed_workbooks

    for f in media.glob("listed-*"):
        f.unlink()
    t0, c0 = time.perf_counter(), time.process_time()
    figures["listed_workbooks_made_at_ingest_end"] = warm_listed_workbooks(db, media)
    figures["listed_warm_ms"] = {"wall": _ms(time.perf_counter() - t0),
                                 "cpu": _ms(time.process_time() - c0)}

    def once(text: str, cold: bool, coldest: bool = False) -> tuple[float, float, list[Any]]:
        """Text, chart and workbooks, as LINE (one reply) or a caller without defer gets them."""
        if cold:
            clear(coldest)
        msg = Message(platform="console", user_id=manager, text=text)
        t0, c0 = time.perf_counter(), time.process_time()
        replies = core.handle(msg)
        return time.perf_counter() - t0, time.process_time() - c0, replies

    def text_first(text: str) -> tuple[tuple[float, float], tuple[float, float]]:
        """Cold, as Telegram and the console send it: the text, then the files made."""
        clear()
        msg = Message(platform="console", user_id=manager, text=text)
        t0, c0 = time.perf_counter(), time.process_time()
        replies = core.handle(msg, defer=True)
        t1, c1 = time.perf_counter(), time.process_time()
        files = [f for r in replies for f in followers(r)]
        t2, c2 = time.perf_counter(), time.process_time()
        assert len(files) == 3, files  # chart, summary workbook, listed projects' workbook
        return (t1 - t0, c1 - c0), (t2 - t1, c2 - c1)

    def med(pairs: list[tuple[float, float]]) -> dict[str, float]:
        return {"wall": _ms(statistics.median(w for w, _ in pairs)),
                "cpu": _ms(statistics.median(c for _, c in pairs))}

    first_wall, first_cpu, replies = once("/summary 2/2566", True)
    figures["summary_first_ms"] = {"wall": _ms(first_wall), "cpu": _ms(first_cpu)}
    figures["replies"] = [("file" if getattr(r, "file", None) else "image" if r.image else "text")
                          for r in replies]
    for book in [r.file for r in replies if getattr(r, "file", None)]:
        from openpyxl import load_workbook

        wb = load_workbook(book, read_only=True)
        figures.setdefault("workbook_rows", {}).update(
            {f"{Path(book).name[:7]}{ws.title}": sum(1 for _ in ws.iter_rows(min_row=3))
             for ws in wb.worksheets})
        figures.setdefault("workbook_bytes", []).append(Path(book).stat().st_size)
        wb.close()
    for label, text in (("", "/summary 2/2566"),
                        ("province_", "/summary 2/2566 จังหวัดเชียงใหม่"),
                        ("agency_", "/summary 2/2566 กรมส่งเสริมการปกครองท้องถิ่น")):
        # cold and text-first alternate, so that both see the same load
        once(text, False)  # this view's listed workbook made (the ingest's end makes the
        # ministry-wide one; a warmer makes no filtered view's: see "coldest")
        cold, coldest, texts, made = [], [], [], []
        for _ in range(args.repeat):
            cold.append(once(text, True)[:2])
            t, f = text_first(text)
            texts.append(t)
            made.append(f)
            coldest.append(once(text, True, True)[:2])
        warm = [once(text, False)[:2] for _ in range(args.repeat)]
        figures[f"summary_{label}cold_median_ms"] = med(cold)
        figures[f"summary_{label}coldest_median_ms"] = med(coldest)
        figures[f"summary_{label}text_first_median_ms"] = med(texts)
        figures[f"summary_{label}files_after_text_median_ms"] = med(made)
        figures[f"summary_{label}cached_median_ms"] = med(warm)

    # A new update in chat: the warmer makes the files in the background at once, and
    # the manager's /summary finds them.
    core = Core(db, index, media_dir=media, clock=clock, warm_summary=True)
    warmer = core.summary_warmer
    assert warmer is not None
    warmer.wait_idle(120)  # its run at start
    runs = warmer.runs
    t0 = time.perf_counter()
    said = core.handle(Message(platform="console", user_id=OFFICER.split(":", 1)[1],
                               text="/update 1 ประชุมติดตามเพิ่มเติม",
                               message_id=f"bench-chat-{time.time_ns()}"))
    assert "บันทึก" in said[0].text, said[0].text
    warmer.wait_idle(120)
    warmed = time.perf_counter() - t0 - warmer.delay
    assert warmer.runs == runs + 1
    after = once("/summary 2/2566", False)
    figures["after_chat_update_ms"] = {
        "warmer_run_wall": _ms(warmed), "summary_wall": _ms(after[0]),
        "summary_cpu": _ms(after[1]),
        "summary_sent_files_made_before": all(r.followed_by is None for r in after[2])}
    # A change outside chat (an update stored by another program); the scheduler's next
    # run makes the files ahead of time (bot.scheduler -> warm_summary_files).
    from bot.summary_view import warm_summary_files
    from knowledge.models import ProgressUpdate as _Update

    with db.write() as s:
        s.add(_Update(project_id=1, platform="console", external_user_id="officer-new",
                      platform_message_id=f"bench-new-{time.time_ns()}", text="ประชุมเพิ่ม",
                      fiscal_year=FY, quarter=QN, status="approved",
                      created_at=clock()))
    t0 = time.perf_counter()
    warm_summary_files(db, media, FiscalQuarter(FY, QN))
    warm_s = time.perf_counter() - t0
    after = once("/summary 2/2566", False)
    figures["after_new_update_ms"] = {"scheduler_warm_wall": _ms(warm_s),
                                      "summary_wall": _ms(after[0]), "summary_cpu": _ms(after[1])}

    # the parts, apart
    from bot.summary_lists import lists_summary
    from bot.summary_view import load_summary

    q = FiscalQuarter(FY, QN)
    parts: dict[str, tuple[float, float]] = {}

    def timed(name: str, fn: Any, *a: Any) -> Any:
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn(*a)
        parts[name] = (time.perf_counter() - t0, time.process_time() - c0)
        return out

    summary = timed("load_summary", load_summary, db, q)
    lists = timed("lists_summary", lists_summary, db, q)
    from bot.chart import render_summary_chart

    timed("chart", render_summary_chart, summary, media / "bench-chart.png", lists)
    from bot.summary_view import write_listed_workbook, write_xlsx

    timed("summary_workbook", write_xlsx, summary, media / "bench.xlsx")
    assert lists is not None
    timed("listed_workbook", write_listed_workbook, db, lists, media / "bench-listed.xlsx")
    figures["parts_ms"] = {k: {"wall": _ms(w), "cpu": _ms(c)} for k, (w, c) in parts.items()}

    _, took = _sdgbot(home, db_url, "summary", f"{QN}/{FY}", "--xlsx", str(home / "cli.xlsx"))
    _, startup = _sdgbot(home, db_url, "summary", "--help")
    figures["cli_summary_xlsx_s"] = round(took, 2)
    figures["cli_startup_s"] = round(startup, 2)

    if args.ab is not None:
        figures["ab_ms_wall_cpu"] = _ab([ROOT, args.ab.resolve()], home,
                                        db_url or sqlite_url(home), args.ab_rounds,
                                        args.repeat)

    if args.profile:  # one cold /summary (text, chart and summary workbook)
        for f in media.glob("summary-*"):
            f.unlink()
        msg = Message(platform="console", user_id=manager, text="/summary 2/2566")
        prof = cProfile.Profile()
        prof.enable()
        core.handle(msg)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
        figures["profile"] = buf.getvalue()

    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        profile = figures.pop("profile", None)
        for k, v in figures.items():
            print(f"{k}: {v}")
        if profile:
            print(profile)
    for f in [*media.glob("summary-*"), *media.glob("listed-*")]:
        f.unlink()
    if args.keep is None:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
