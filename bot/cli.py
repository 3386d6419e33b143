"""The ``sdgbot`` command line: a thin edge over the library (see CONTRACTS.md).

Library errors become user errors here: a clear message on stderr and exit status
1, with nothing written.  Bad usage exits 2 (argparse).  Settings are read once
from the environment and passed down.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.config import Settings
from knowledge.textcut import shorten, snippet

if TYPE_CHECKING:  # the composition root (SQLAlchemy, numpy, the tokenizer) is imported by
    from bot.app import App  # the commands that open the folder, under _start_up_without_gc

__all__ = ["main"]

log = logging.getLogger("sdgbot")

#: Niceness ``sdgbot ingest`` adds for indexing what it stored (``--index-nice``): the
#: batch's tokenising then yields the CPU to the workers that answer on the same host.
INDEX_NICE = 10
#: ...when at least this many passages are to be indexed (a few index in a moment).
INDEX_NICE_FROM = 5000


class UserError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 1."""


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


#: One encoder for every line (``json.dumps`` with options builds a new one each call).
#: The objects printed are trees built for the line: no check for cycles (one dict
#: insertion and removal per object and list, a dozen for a search's line).
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default,
                            check_circular=False)


def dumps(obj: object) -> str:
    """JSON with Thai kept readable and Decimals as numbers."""
    return _ENCODER.encode(obj)


def _progress_bar(desc: str, unit: str, total: int | None) -> Any | None:
    """A tqdm bar on stderr when stderr is a terminal, else None.

    The one place that asks whether we run on a terminal, so that every path that
    only runs there is the same code the pseudo-terminal tests run.  Callers compare
    the bar with None: a bar without a total must never be tested for truth (tqdm
    raises ``TypeError`` for ``bool()`` of such a bar).
    """
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, leave=False)


def _progress_factory(desc: str) -> Callable[[int, int], Callable[[int], object] | None]:
    """A tqdm progress bar on a terminal; nothing when stderr is not a terminal."""

    def make(total: int, _pending: int) -> Callable[[int], object] | None:
        bar = _progress_bar(desc, "passage", total)
        return None if bar is None else bar.update

    return make


def _open(settings: Settings, *, sync: bool = True) -> App:
    from bot.app import open_app

    return open_app(settings, sync_index=sync, progress=_progress_factory("indexing"))


def _lines(stream: TextIO) -> Iterator[str]:
    """Input lines split on newline only (U+2028 inside a line must not split it)."""
    data = stream.read()
    if not data:
        return
    parts = data.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    yield from (p.rstrip("\r") for p in parts)


# -- commands ---------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.documents import IngestLimits, ingest_paths, result_json, result_lines
    from knowledge.parsers import DocumentError

    t0 = time.perf_counter()
    try:
        limits = IngestLimits.from_settings(settings.max_file_mb, settings.max_passages)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UserError(f"{missing[0]}: ไม่พบไฟล์ (file not found)")
    app = _open(settings)
    try:
        skipped_files: list[tuple[Path, str]] = []
        bar = _progress_bar("storing", "doc", None)
        step: Callable[[int], object] | None = None if bar is None else bar.update
        # Documents are parsed as they are stored, so a news archive is never all in
        # memory at once; a bad file or line anywhere rolls the whole ingest back.
        try:
            report = ingest_paths(app.db, None, paths, progress=step, limits=limits)
            result = report.result
        except DocumentError as exc:
            raise UserError(str(exc)) from exc
        finally:
            if bar is not None:
                bar.close()
        pending = app.index.count_pending()
        cb = _progress_factory("indexing")(pending, pending) if pending > 2000 else None
        if args.index_nice > 0 and pending >= INDEX_NICE_FROM:
            # The documents are stored (committed); indexing them is batch work. On a
            # host that also serves (the workers wait for this process's saved index
            # and answer from the old one meanwhile), its tokenising processes and its
            # inversion must not take the CPU the replies need: this process and the
            # tokenising processes it starts now run at a lower priority.
            with contextlib.suppress(OSError):
                os.nice(args.index_nice)
        app.index.sync(progress=cb)
        app.index.save_if_dirty()
        if result.added:
            _warm_listed(app, settings)
        took = time.perf_counter() - t0
        summary = {
            "added": result.added,
            "skipped": result.skipped,
            "passages": result.passages,
            "seconds": round(took, 2),
            "skipped_files": [{"path": str(p), "reason": why} for p, why in skipped_files],
        }
        if args.json:
            print(dumps({**summary, **result_json(report)}))
        else:
            print(
                f"เพิ่ม {result.added} เอกสาร, ข้าม {result.skipped} (มีอยู่แล้ว), "
                f"{result.passages} ข้อความย่อย ใน {took:.1f} วินาที "
                f"(added {result.added}, skipped {result.skipped}, passages {result.passages})"
            )
            for line in result_lines(report):
                print(line)
        return 0
    finally:
        app.close()


def _warm_listed(app: App, settings: Settings) -> None:
    """Make the listed projects' workbooks ``/summary`` sends, now that the lists changed.

    Called at the end of ``sdgbot ingest``, ``remove`` and ``reparse`` when they
    changed listed projects.

    They change only with the lists (see :func:`bot.summary_view.warm_listed_workbooks`):
    made here, a manager's first ``/summary`` after the ingest finds them.  A failure
    costs only that: ``/summary`` makes a missing one itself.
    """
    from bot.summary_view import warm_listed_workbooks

    try:
        warm_listed_workbooks(app.db, settings.home / "media")
    except Exception:
        log.exception("could not make the listed projects' workbooks ahead of time")


def cmd_docs(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.library import document_rows

    app = _open(settings, sync=False)
    try:
        with app.db.read() as s:
            docs = document_rows(s, include_updates=args.all)
    finally:
        app.close()
    if args.json:
        print(dumps(docs))
    else:
        from knowledge.thai import format_thai_date

        print(f"{'id':>6}  {'kind':<8} {'date':<13} {'pages':>5} {'passages':>8}  title")
        for d in docs:
            date = format_thai_date(dt.date.fromisoformat(d["date"]), short=True) \
                if d["date"] else "-"
            pages = d["pages"] if d["pages"] is not None else "-"
            note = f"  [แทนที่โดย {d['superseded_by']} (superseded)]" if d["superseded_by"] else ""
            if d["projects"]:
                note += f"  [{d['projects']:,} โครงการ (projects)]"
            print(f"{d['id']:>6}  {d['kind']:<8} {date:<13} {pages:>5} {d['passages']:>8}  "
                  f"{shorten(d['title'], 70)}{note}")
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from bot.conversation.lang import plural
    from bot.documents import remove

    app = _open(settings)
    try:
        info = remove(app.db, app.index, args.doc_id)
        if info is None:
            raise UserError(f"ไม่พบเอกสาร {args.doc_id} (no document {args.doc_id})")
        if args.json:
            print(dumps(info))
        else:
            print(f"ลบเอกสาร {info['id']} «{shorten(info['title'], 60)}» พร้อม {info['passages']} "
                  f"ข้อความย่อย และ {info['projects']} โครงการ (removed document {info['id']}: "
                  f"{plural(info['passages'], 'passage', 'passages')}, "
                  f"{plural(info['projects'], 'project', 'projects')})")
            for back in info["restored"]:
                print(f"เอกสาร {back} กลับมาเป็นฉบับปัจจุบันของรายงานนี้ "
                      f"(document {back} is the current version again)")
        if info["projects"]:
            _warm_listed(app, settings)
        return 0
    finally:
        app.close()


def cmd_reparse(args: argparse.Namespace, settings: Settings) -> int:
    from bot.documents import reparse

    app = _open(settings)
    try:
        done = reparse(app.db, app.index, args.doc_ids or None)
        if any(r.new_id is not None for r in done):
            _warm_listed(app, settings)
        if args.json:
            print(dumps([{"old_id": r.old_id, "new_id": r.new_id, "message": r.message}
                         for r in done]))
        else:
            for r in done:
                if r.new_id is None:
                    print(f"เอกสาร {r.old_id}: อ่านใหม่ไม่ได้ — {r.message} (not reparsed)")
                else:
                    print(f"เอกสาร {r.old_id} อ่านใหม่แล้วเป็นเอกสาร {r.new_id}: {r.message} "
                          f"(reparsed {r.old_id} -> {r.new_id})")
            if not done:
                print("ไม่มีเอกสารที่เก็บต้นฉบับไว้ (no documents with kept originals)")
        failed = [r for r in done if r.new_id is None]
        if failed and args.doc_ids:
            raise UserError(f"อ่านใหม่ไม่ได้ {len(failed)} เอกสาร ({len(failed)} not reparsed)")
        return 0
    finally:
        app.close()


def cmd_projects(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.queries import list_projects

    app = _open(settings, sync=False)
    try:
        with app.db.read() as s:
            rows = list_projects(s)
    finally:
        app.close()
    if args.json:
        print(dumps(rows))
    else:
        from bot.unknown import UNKNOWN, quarter_label
        from knowledge.thai import format_baht

        for p in rows:
            budget = format_baht(p["budget_baht"]) if p["budget_baht"] is not None else UNKNOWN
            print(f"[{p['id']}] {p['agency']} · {p['name']}")
            print(f"     งบประมาณ {budget} · ไตรมาส "
                  f"{quarter_label(p['quarter'], p['fiscal_year'])}")
    return 0


#: The most hits ``sdgbot search --order bm25`` lists (past it, nobody reads them).
MAX_SEARCH_K = 1000

def _search_obj(app: App, query: str, k: int, rerank: Any = None) -> dict[str, Any]:
    from bot.code_input import code_kind
    from bot.search_view import update_ids

    t0 = time.perf_counter()
    if not query.strip() or code_kind(query) is not None:
        hits = []  # no words, or code (SQL, a shell command): its tokens find nothing asked
    elif rerank is not None:
        hits = rerank(query, k)
    else:
        hits = app.index.search(query, k=k)
    took = (time.perf_counter() - t0) * 1000
    updates = update_ids(app.db, hits)
    return {
        "query": query,
        "took_ms": round(took, 3),
        "hits": [
            {
                "doc_id": h.doc_id,
                "passage_id": h.passage_id,
                "score": round(h.score, 6),
                "title": h.title,
                "text": h.text,
                # The progress update a hit is (null for a document's passage): two
                # officers' updates may have the same text.
                "update_id": updates.get(h.doc_id),
            }
            for h in hits
        ],
    }


def _one_shot(many: bool) -> None:
    """A command that runs one query scores it without compiled kernels.

    Both query paths of the BM25 engine give the same results; importing numba would
    cost a single query more than it saves.  One that runs many (``-``) segments by
    nlpo3 where its words are newmm's (the same tokens, a fraction of the CPU).
    """
    if not many:
        from indexer.bm25 import set_kernel

        set_kernel("numpy")
    else:  # many texts to tokenize: nlpo3's words where they are newmm's (the same tokens)
        from indexer.tokenize import use_nlpo3_for_newmm

        use_nlpo3_for_newmm()


@contextlib.contextmanager
def _gc_after_start_up() -> Iterator[Callable[[], None]]:
    """Within: the cyclic GC off until the ``started()`` it gives is called.

    A fresh ``ask`` or ``search`` makes a few hundred thousand objects while it starts
    (the modules it imports, SQLAlchemy's mappers, the models, the index's vocabulary)
    that live as long as the command: the collector's passes over them while they are
    made were about a tenth of a fresh ``sdgbot ask``'s CPU (~70 ms: 199 young, 17
    middle and one full collection).  ``started()`` freezes what exists (``gc.freeze``,
    before the collector is back on: else the first allocation would scan them all as
    young objects) and turns the collector on as it was; leaving unfreezes them, as
    :func:`_start_up_frozen` does.  Only when unreachable cycles are freed changes:
    no result does.
    """
    enabled = gc.isenabled()
    gc.disable()

    def started() -> None:
        gc.freeze()
        if enabled:
            gc.enable()

    try:
        yield started
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _start_up_frozen() -> Iterator[None]:
    """Within: what start-up made (modules, the index, word lists) is out of the GC's scans.

    It lives as long as the command anyway, and a command that reads many lines would
    otherwise walk those hundreds of thousands of objects again at every full
    collection (``sdgbot search -`` re-ranked by the answer model: 1.8 ms a query).
    ``gc.freeze``; unfrozen at the end, so that a caller that goes on (the tests run
    commands in their own process) collects them as before.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _searching(app: App) -> Iterator[None]:
    """Within: the loop of ``sdgbot search`` (its lines, all read already).

    Start-up's objects frozen (:func:`_start_up_frozen`) and one pooled connection held
    for every query's reads (:meth:`SearchIndex.one_connection`).  ``bench/search_cpu.py``
    runs its queries within it too.
    """
    with _start_up_frozen(), app.index.one_connection():
        yield


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    if args.k < 1:
        raise UserError("-k ต้องมากกว่า 0 (-k must be at least 1)")
    with _gc_after_start_up() as started:
        return _search(args, settings, started)


def _search(args: argparse.Namespace, settings: Settings, started: Callable[[], None]) -> int:
    from bot.answering.answerer import TOP_PASSAGES
    from bot.code_input import code_kind, not_a_question

    cap = TOP_PASSAGES if args.order == "model" else MAX_SEARCH_K
    if args.k > cap:  # the model re-ranks BM25's best TOP_PASSAGES: no more hits exist
        why = ("แบบจัดอันดับด้วยโมเดลได้ไม่เกิน" if args.order == "model" else "ได้ไม่เกิน")
        print(f"-k {args.k:,}: {why} {cap} ผลลัพธ์ จึงแสดง {cap} (at most {cap} hits"
              + (" are re-ranked by the model; --order bm25 gives more" if args.order == "model"
                 else "") + ")", file=sys.stderr)
        args.k = cap
    _one_shot(args.query == "-")
    app = _open(settings)
    try:
        queries = list(_lines(sys.stdin)) if args.query == "-" else [args.query]
        rerank = None
        if args.order == "model":
            from bot.answering import Answerer

            rerank = Answerer(app.db, app.index).search
        started()
        with _searching(app):
            for n, q in enumerate(queries):
                obj = _search_obj(app, q, args.k, rerank)
                if args.json:
                    print(dumps(obj), flush=args.query == "-")
                else:
                    # Plain text unless --json, from stdin too (CONTRACTS): each query's
                    # hits after a blank line and the query itself.
                    if args.query == "-":
                        print(("\n" if n else "") + f"» {q}", flush=True)
                    kind = code_kind(q)
                    if kind is not None:
                        print(not_a_question(kind, False))
                    elif not obj["hits"]:
                        print("ไม่พบข้อความที่ตรงกับคำค้น (no matching passages)")
                    from bot.search_view import distinct_hits, update_label
                    from indexer.tokenize import query_words

                    words = query_words(q)
                    shown: list[tuple[str, str]] = []
                    for h in obj["hits"]:
                        # The model's score is a LambdaRank score: only its order means
                        # something (it is often negative), so the rank is shown alone.
                        # BM25's score (never negative) says how well the words matched.
                        score = f"[{h['score']:.2f}] " if rerank is None else ""
                        uid = h["update_id"]
                        label = update_label(uid, False) if uid is not None else ""
                        text = snippet(h["text"], 200, words) or "(ไม่มีข้อความ)"
                        shown.append((f"{score}{shorten(h['title'], 60)}{label}", text))
                    doc_ids = [h["doc_id"] for h in obj["hits"]]
                    for i, (head, text) in enumerate(distinct_hits(shown, doc_ids, False), 1):
                        print(f"{i}. {head}")
                        print(f"   {text}")
        return 0
    finally:
        app.close()


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    with _gc_after_start_up() as started:
        return _ask(args, settings, started)


def _ask(args: argparse.Namespace, settings: Settings, started: Callable[[], None]) -> int:
    from bot.answering import Answerer
    from bot.structured import answer_structured, structured_json
    from knowledge.thai import clean_control_chars

    _one_shot(args.question == "-")
    app = _open(settings)
    try:
        answerer = Answerer(app.db, app.index)
        questions = list(_lines(sys.stdin)) if args.question == "-" else [args.question]
        # A NUL or an escape inside a question is no part of it (as in chat).
        questions = [clean_control_chars(q) for q in questions]
        started()
        for n, q in enumerate(questions):
            t0 = time.perf_counter()
            if not args.json and args.question == "-" and n:
                print(flush=True)  # plain replies, one blank line between them
            structured = answer_structured(app.db, q) if q.strip() else None
            if structured is not None:  # project counts and budgets, from the database
                if args.json:
                    obj = structured_json(app.db, structured)
                    obj["took_ms"] = round((time.perf_counter() - t0) * 1000, 3)
                    print(dumps(obj), flush=True)
                else:
                    print(structured.text)
                continue
            ans = answerer.ask(q)
            took = (time.perf_counter() - t0) * 1000
            if args.json:
                obj = ans.as_json()
                obj["took_ms"] = round(took, 3)
                if os.environ.get("SDGBOT_DEBUG"):
                    obj["debug"] = ans.debug
                print(dumps(obj), flush=True)
            else:
                print(ans.render(), flush=args.question == "-")
        return 0
    finally:
        app.close()


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    app = _open(settings, sync=False)
    try:
        t0 = time.perf_counter()
        with app.db.read() as s:
            from sqlalchemy import func, select

            from knowledge.models import Passage

            total = s.scalar(select(func.count(Passage.id))) or 0
        cb = _progress_factory("reindex")(total, total)
        n = app.index.rebuild(progress=cb)
        took = time.perf_counter() - t0
        if args.json:
            print(dumps({"passages": n, "seconds": round(took, 2)}))
        else:
            print(f"สร้างดัชนีใหม่ {n} ข้อความย่อย ใน {took:.1f} วินาที (reindexed {n} passages)")
        return 0
    finally:
        app.close()


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    from bot.summary_view import run_summary_command

    app = _open(settings, sync=False)
    try:
        return run_summary_command(app, args, dumps)
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    finally:
        app.close()


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    from bot.users import UserAdminError, add_user, list_users, remove_user

    app = _open(settings, sync=False)
    try:
        try:
            if args.users_cmd == "add":
                with app.db.write() as s:
                    msg = add_user(s, args.user, args.role, actor="cli", check_id=True,
                                   agency=args.agency, province=args.province)
                print(msg)
                _menus_now(app, settings, args.user)
            elif args.users_cmd == "remove":
                with app.db.write() as s:
                    msg = remove_user(s, args.user, actor="cli")
                print(msg)
                _menus_now(app, settings, args.user)
            else:
                with app.db.read() as s:
                    rows = list_users(s)
                if args.json:
                    print(dumps(rows))
                else:
                    for r in rows:
                        scope = " · ".join(str(x) for x in (r["agency"], r["province"]) if x)
                        print(f"{r['user']:<40} {r['role']:<8} {scope}".rstrip())
        except UserAdminError as exc:
            raise UserError(str(exc)) from exc
        return 0
    finally:
        app.close()


def _menus_now(app: Any, settings: Settings, user: str) -> None:
    """Set a user's role menu right after a role change (best effort: the scheduler retries)."""
    import asyncio

    from bot.menus import menu_clients_from, sync_menus

    platform = user.partition(":")[0].lower()
    clients = {k: v for k, v in menu_clients_from(settings).items() if k == platform}
    if not clients:
        return

    async def run() -> Any:
        try:
            return await sync_menus(app.db, clients, lambda: dt.datetime.now(dt.UTC),
                                    only=f"{platform}:{user.partition(':')[2]}")
        finally:
            for client in clients.values():
                await client.aclose()

    try:
        report = asyncio.run(run())
    except Exception as exc:  # the role change stands; the menu follows at the next sync
        log.warning("role menu not set now (%s); the scheduler sets it", type(exc).__name__)
        return
    if report.failed:
        print("เมนูตามบทบาทยังตั้งไม่ได้ จะลองใหม่ภายหลัง (the role menu will be set later)")


def cmd_menus(args: argparse.Namespace, settings: Settings) -> int:
    """``sdgbot menus``: set every role menu that differs from its user's role, now."""
    import asyncio

    from bot.menus import menu_clients_from, sync_menus

    clients = menu_clients_from(settings)
    if not clients:
        raise UserError("ยังไม่ได้ตั้งค่า TELEGRAM_BOT_TOKEN หรือ LINE_CHANNEL_ACCESS_TOKEN "
                        "(set a platform's credentials first)")
    app = _open(settings, sync=False)
    try:
        async def run() -> Any:
            try:
                return await sync_menus(app.db, clients, lambda: dt.datetime.now(dt.UTC),
                                        dry_run=args.dry_run)
            finally:
                for client in clients.values():
                    await client.aclose()

        report = asyncio.run(run())
        if args.json:
            print(dumps({"set": report.set, "cleared": report.cleared,
                         "failed": report.failed, "dry_run": args.dry_run}))
        else:
            for what, rows in (("ตั้งเมนู (set)", report.set), ("ล้างเมนู (cleared)", report.cleared),
                               ("ไม่สำเร็จ (failed)", report.failed)):
                for row in rows:
                    print(f"{what}: {row}")
            print(f"ตั้ง {len(report.set)} · ล้าง {len(report.cleared)} · ไม่สำเร็จ "
                  f"{len(report.failed)}" + (" (dry run: nothing sent)" if args.dry_run else ""))
        return 0
    finally:
        app.close()


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters.console import run_console
    from bot.users import UserAdminError, console_user_id

    try:  # "off1" and "console:off1" are one user, as `sdgbot users add console:off1` stores it
        user_id = console_user_id(args.user)
    except UserAdminError as exc:
        raise UserError(str(exc)) from exc
    app = _open(settings)
    try:
        return run_console(app, user_id=user_id, stdin=sys.stdin, stdout=sys.stdout)
    finally:
        app.close()


def cmd_telegram(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters.telegram import is_token_form, run_telegram

    if not settings.telegram_token:
        raise UserError("ต้องตั้งค่า TELEGRAM_BOT_TOKEN ก่อน (set TELEGRAM_BOT_TOKEN)")
    if not is_token_form(settings.telegram_token):
        # Said before any connection is tried; the token itself is never printed.
        raise UserError("TELEGRAM_BOT_TOKEN ผิดรูปแบบ ต้องเป็น ตัวเลข:รหัสลับ จาก @BotFather "
                        "(malformed TELEGRAM_BOT_TOKEN: expected DIGITS:SECRET)")
    app = _open(settings)
    try:
        return run_telegram(app, webhook_url=args.webhook, host=args.host, port=args.port)
    finally:
        app.close()


def cmd_line(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters.line import run_line

    if not settings.line_secret or not settings.line_token:
        raise UserError(
            "ต้องตั้งค่า LINE_CHANNEL_SECRET และ LINE_CHANNEL_ACCESS_TOKEN ก่อน "
            "(set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN)"
        )
    app = _open(settings)
    try:
        return run_line(app, host=args.host, port=args.port)
    finally:
        app.close()


def _field_quarter(args: argparse.Namespace, now: dt.datetime) -> Any:
    from bot.reminders import BANGKOK
    from bot.summary_view import print_ce_year_note, resolve_quarter

    typed = " ".join(args.quarter or [])
    from bot.quarter_range import check_begun
    from knowledge.thai import fiscal_quarter_of

    today = now.astimezone(BANGKOK).date()
    try:
        quarter = resolve_quarter(typed, today=today)
        # Nobody can have reported on a quarter that has not begun (as of --at).
        check_begun(quarter, fiscal_quarter_of(today))
    except ValueError as exc:
        raise UserError(str(exc)) from exc
    # "Q2 2023": which year was read is said, as /summary and /missing say it in chat.
    print_ce_year_note(typed, quarter, as_json=bool(getattr(args, "json", False)))
    return quarter


def _when(args: argparse.Namespace) -> dt.datetime:
    """``--at`` (ISO; a time without zone is Bangkok time; Thai digits too), else now."""
    from bot.reminders import BANGKOK
    from knowledge.thai import ascii_digits

    raw = getattr(args, "at", None)
    if not raw:
        return dt.datetime.now(dt.UTC)
    try:
        at = dt.datetime.fromisoformat(ascii_digits(raw.strip()))
    except ValueError as exc:
        raise UserError(f"--at: เวลาไม่ถูกต้อง {raw!r} ใช้รูปแบบ 2023-03-17T09:00 "
                        "(--at: use an ISO time such as 2023-03-17T09:00)") from exc
    return at.replace(tzinfo=BANGKOK) if at.tzinfo is None else at


def _schedule(settings: Settings) -> Any:
    from bot.schedule import Schedule

    try:
        return Schedule.from_settings(settings)
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def _check_field_settings(settings: Settings) -> None:
    """Fail fast on a bad ``SDGBOT_APPROVAL`` or reminder setting, before any work.

    Settings left unset take the defaults, which are valid: their parsers (and the
    conversation modules they live in) are not imported by every command then.
    """
    if settings.approval is not None:
        from bot.approvals import ApprovalPolicy

        try:
            ApprovalPolicy.parse(settings.approval)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
    if any(v is not None for v in (settings.deadline_days, settings.remind_days,
                                   settings.remind_hour, settings.quiet_hours)):
        _schedule(settings)


def cmd_missing(args: argparse.Namespace, settings: Settings) -> int:
    from bot.field import missing_text
    from knowledge.assignments import missing_for_quarter

    now = _when(args)
    schedule = _schedule(settings)
    app = _open(settings, sync=False)
    try:
        quarter = _field_quarter(args, now)
        with app.db.read() as s:
            rows = missing_for_quarter(s, quarter)
        if args.json:
            print(dumps({"fiscal_year": quarter.fiscal_year, "quarter": quarter.quarter,
                         "deadline": schedule.deadline(quarter),
                         "officers": [r.to_json() for r in rows]}))
        else:
            print(missing_text(rows, quarter, "ทั้งกระทรวง", limit=None))
        return 0
    finally:
        app.close()


def cmd_remind(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from bot.push import pushers_from
    from bot.reminders import BANGKOK, plan, run_reminders
    from knowledge.outbox import push_count

    now = _when(args)
    schedule = _schedule(settings)
    app = _open(settings, sync=False)
    try:
        quarter = _field_quarter(args, now)
        managers = schedule.past_deadline(now, quarter)
        deadline = schedule.deadline(quarter)
        local = now.astimezone(BANGKOK)
        with app.db.read() as s:
            line_pushes = push_count(s, "line", now)
        if args.dry_run:
            planned = plan(app.db, quarter, now, schedule, managers=managers)
            if args.json:
                print(dumps({"fiscal_year": quarter.fiscal_year, "quarter": quarter.quarter,
                             "deadline": deadline, "at": now, "quiet": schedule.is_quiet(now),
                             "line_pushes_this_month": line_pushes,
                             "reminders": [{**p.to_json(), "projects": [
                                 {"id": pid, "name": name} for m in p.missing
                                 for pid, name, _ in m.projects]} for p in planned]}))
                return 0
            print(f"ไตรมาส {quarter.quarter}/{quarter.fiscal_year} · กำหนดส่ง "
                  f"{deadline.isoformat()} · เวลา {local:%Y-%m-%d %H:%M} (Asia/Bangkok) "
                  "— ทดลอง ไม่ส่งจริง (dry run: nothing sent)")
            if schedule.is_quiet(now):
                print("(ตอนนี้อยู่ในช่วงงดส่ง ตัวตั้งเวลาจะรอถึงเช้า — quiet hours now)")
            if not planned:
                print("ไม่มีผู้ที่ต้องเตือน (nobody to remind)")
            for p in planned:
                mark = "จะเตือน (would remind)" if p.send else "ข้าม (skip)"
                projects = ", ".join(f"[{pid}] {shorten(name, 50)}" for m in p.missing
                                     for pid, name, _ in m.projects[:20]) if p.kind == "officer" \
                    else f"{len(p.missing)} คนในขอบเขต"
                who = "ผู้จัดการ " if p.kind == "manager" else ""
                print(f"{mark}: {who}{p.ref} — {projects} — {p.why}")
            print(f"LINE push เดือนนี้: {line_pushes:,} ข้อความ (LINE pushes this month)")
            return 0
        pushers = pushers_from(settings, app.db)
        if not pushers:
            raise UserError("ยังไม่ได้ตั้งค่า TELEGRAM_BOT_TOKEN หรือ LINE_CHANNEL_ACCESS_TOKEN "
                            "จึงส่งการแจ้งเตือนไม่ได้ (set a platform's credentials first)")
        if schedule.is_quiet(now):
            print("คำเตือน: ตอนนี้อยู่ในช่วงงดส่ง (quiet hours) แต่สั่งส่งเองจึงส่งทันที",
                  file=sys.stderr)

        async def send() -> Any:
            try:
                return await run_reminders(app.db, quarter, now, schedule, pushers,
                                           managers=managers)
            finally:
                for pusher in pushers.values():
                    await pusher.aclose()

        report = asyncio.run(send())
        for ref in report.sent:
            print(f"ส่งแล้ว (sent): {ref}")
        for ref in report.blocked:
            print(f"ผู้ใช้บล็อกบอท ข้าม (blocked): {ref}")
        for ref in report.failed:
            print(f"ส่งไม่สำเร็จ (failed): {ref}")
        for line in report.skipped:
            print(f"ข้าม (skipped): {line}")
        print(f"ส่ง {len(report.sent)} · บล็อก {len(report.blocked)} · ไม่สำเร็จ "
              f"{len(report.failed)} · ข้าม {len(report.skipped)}")
        return 0
    finally:
        app.close()


def cmd_notify(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from bot.push import deliver_notifications, pushers_from

    app = _open(settings, sync=False)
    pushers = pushers_from(settings, app.db)
    try:
        if not pushers:
            raise UserError("ยังไม่ได้ตั้งค่า TELEGRAM_BOT_TOKEN หรือ LINE_CHANNEL_ACCESS_TOKEN "
                            "(set a platform's credentials first)")

        async def send() -> Any:
            try:
                return await deliver_notifications(app.db, pushers,
                                                   lambda: dt.datetime.now(dt.UTC))
            finally:
                for pusher in pushers.values():
                    await pusher.aclose()

        report = asyncio.run(send())
        print(f"ส่ง {report.sent} · บล็อก {report.blocked} · ไม่สำเร็จ {report.failed}")
        return 0
    finally:
        app.close()


def cmd_scheduler(args: argparse.Namespace, settings: Settings) -> int:
    from bot.scheduler import run_scheduler

    schedule = _schedule(settings)
    app = _open(settings, sync=False)
    try:
        return run_scheduler(app, schedule, interval_s=args.interval)
    finally:
        app.close()
def _needs_postgresql(settings: Settings, command: str) -> None:
    if settings.database_url is None or Database_is_sqlite(settings):
        raise UserError(f"sdgbot {command} ต้องใช้ PostgreSQL: ตั้งค่า DATABASE_URL ก่อน "
                        f"(sdgbot {command} needs PostgreSQL: set DATABASE_URL)")


def Database_is_sqlite(settings: Settings) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(settings.db_url).get_backend_name() == "sqlite"


def _metrics_dir(settings: Settings) -> None:
    """Share Prometheus metrics between processes (before prometheus_client is imported)."""
    from bot.metrics_dir import ensure_multiprocess_dir

    ensure_multiprocess_dir(settings.home / "metrics")


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from knowledge.db import HEAD_REVISION

    app = _open(settings, sync=False)  # migrates and, when empty, loads the sample
    try:
        queue = ""
        if not app.db.is_sqlite:
            from bot.queue.schema import apply_queue_schema

            report = apply_queue_schema(settings.db_url, pre_only=args.pre_only)
            queue = "; " + report.describe()
            for name in report.applied:
                log.info("job queue migration applied: %s", name)
        pending = app.index.count_pending()
        cb = _progress_factory("indexing")(pending, pending) if pending > 2000 else None
        app.index.sync(progress=cb)  # the workers start from the saved index
        app.index.save_if_dirty()
        print(f"ฐานข้อมูลเป็นปัจจุบันแล้ว (database at {HEAD_REVISION}{queue})")
        return 0
    finally:
        app.close()


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import SchemaNotCurrent

    if args.workers < 1:
        raise UserError("--workers ต้องมากกว่า 0 (--workers must be at least 1)")
    _needs_postgresql(settings, "serve")
    if not (settings.line_secret and settings.line_token) and not settings.telegram_token:
        raise UserError("ตั้งค่า LINE_CHANNEL_SECRET/LINE_CHANNEL_ACCESS_TOKEN หรือ "
                        "TELEGRAM_BOT_TOKEN ก่อน (set the LINE or Telegram credentials)")
    if settings.telegram_token:
        from bot.adapters.telegram import is_token_form

        if not is_token_form(settings.telegram_token):
            raise UserError("TELEGRAM_BOT_TOKEN ผิดรูปแบบ (malformed TELEGRAM_BOT_TOKEN)")
    from knowledge.db import Database

    db = Database(settings.db_url)
    try:
        if not db.schema_current():
            raise UserError(str(SchemaNotCurrent("ฐานข้อมูลยังไม่เป็นปัจจุบัน: รัน sdgbot "
                                                 "migrate ก่อน (run `sdgbot migrate` first)")))
    finally:
        db.dispose()
    _metrics_dir(settings)
    from bot.logs import configure_logging
    from bot.server.run import register_telegram_webhook, run_serve

    configure_logging([settings.telegram_token, settings.line_token, settings.line_secret],
                      verbose=True)
    if args.telegram_webhook:
        if not settings.telegram_token:
            raise UserError("ต้องตั้งค่า TELEGRAM_BOT_TOKEN ก่อน (set TELEGRAM_BOT_TOKEN)")
        from telegram.error import TelegramError

        try:
            name = register_telegram_webhook(settings, args.telegram_webhook)
        except TelegramError as exc:
            raise UserError(f"ลงทะเบียน webhook กับ Telegram ไม่ได้ (could not register the "
                            f"webhook: {type(exc).__name__})") from exc
        log.warning("Telegram webhook of @%s set to %s", name, args.telegram_webhook)
    return run_serve(args.host, args.port, args.workers)


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import SchemaNotCurrent, open_app

    if args.concurrency < 1:
        raise UserError("--concurrency ต้องมากกว่า 0 (--concurrency must be at least 1)")
    _needs_postgresql(settings, "worker")
    _metrics_dir(settings)
    from bot.logs import configure_logging
    from bot.queue.schema import queue_schema_present
    from bot.queue.worker import run_worker

    configure_logging([settings.telegram_token, settings.line_token, settings.line_secret],
                      verbose=True)
    try:
        app = open_app(settings, migrate=False, progress=_progress_factory("indexing"))
    except SchemaNotCurrent as exc:
        raise UserError(f"ฐานข้อมูลยังไม่เป็นปัจจุบัน: รัน sdgbot migrate ก่อน ({exc})") from exc
    try:
        if not queue_schema_present(settings.db_url):
            raise UserError("ยังไม่มีตารางคิวงาน: รัน sdgbot migrate ก่อน "
                            "(no job queue tables: run `sdgbot migrate` first)")
        return run_worker(app, settings, concurrency=args.concurrency)
    finally:
        app.close()


def cmd_jobs(args: argparse.Namespace, settings: Settings) -> int:
    from bot.queue.store import failed_events, queued_count

    app = _open(settings, sync=False)
    try:
        with app.db.read() as s:
            failed = failed_events(s, limit=args.limit)
            queued = queued_count(s)
    finally:
        app.close()
    if args.json:
        print(dumps({"queued": queued, "failed": failed}))
    else:
        print(f"รอทำ {queued} งาน, ล้มเหลว {len(failed)} งาน "
              f"(queued {queued}, failed {len(failed)})")
        for f in failed:
            print(f"  {f['received_at'][:19]}  {f['key']}  x{f['attempts']}  "
                  f"{shorten(f['error'] or '', 120)}")
    return 0


# -- parser -----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command, with help that explains."""
    p = argparse.ArgumentParser(
        prog="sdgbot",
        description=(
            "sdgbot: ผู้ช่วยตอบคำถามเรื่องการขับเคลื่อน SDGs ของกระทรวงมหาดไทย — "
            "a Thai chat bot over the ministry's SDG reports and news. "
            "Data lives in $SDGBOT_HOME (SQLite) or $DATABASE_URL (PostgreSQL)."
        ),
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", help="add .txt/.jsonl/.pdf/.docx/.xlsx documents and folders",
                       description="Add documents: report forms and press releases (.txt, "
                       ".pdf, .docx; layout detected from the text), JSON lines ({title, text, "
                       "date?, kind?, source?}, or ThaiME project records) and project "
                       "workbooks (.xlsx). Folders are walked recursively; a file in a folder "
                       "that cannot be read is skipped, and the output ends with one line per "
                       "skipped file and why. A file named outright that cannot be read "
                       "stops the ingest: one bad file writes nothing. Re-ingesting the same "
                       "content adds nothing; a new version of a report (same project and quarter) "
                       "supersedes the old one. Originals are kept in the database.")
    s.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    s.add_argument("--index-nice", type=int, default=INDEX_NICE, metavar="N",
                   help="niceness added once the documents are stored, for indexing them "
                   f"(default {INDEX_NICE}: workers serving on this host keep the CPU; "
                   "0: index at the ingest's own priority)")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("docs", help="list documents")
    s.add_argument("--json", action="store_true", help="JSON: [{id, kind, title, date, passages}]")
    s.add_argument("--all", action="store_true", help="include progress updates")
    s.set_defaults(func=cmd_docs)

    s = sub.add_parser("remove", help="delete a document with its passages (database and index)")
    s.add_argument("doc_id", type=int, metavar="DOC_ID")
    s.add_argument("--json", action="store_true", help="print what was removed as JSON")
    s.set_defaults(func=cmd_remove)

    s = sub.add_parser("reparse", help="read stored originals again (all, or the ids given)")
    s.add_argument("doc_ids", type=int, nargs="*", metavar="DOC_ID")
    s.add_argument("--json", action="store_true", help="JSON: [{old_id, new_id, message}]")
    s.set_defaults(func=cmd_reparse)

    s = sub.add_parser("projects", help="list report projects and their parsed form fields")
    s.add_argument("--json", action="store_true", help="JSON list of projects")
    s.set_defaults(func=cmd_projects)

    s = sub.add_parser("search", help="search passages (BM25, re-ranked by the answer model)",
                       description="Search passages. QUERY '-' reads one query per line from "
                       "stdin: with --json, one JSON object per line; else each query's hits "
                       "as text, after the query. Hits are BM25's best, "
                       "re-ranked by the trained passage model (at most its 40; the JSON "
                       "score is the model's ranking score: only its order means anything, "
                       "and it may be negative, so the text output shows ranks alone); "
                       "--order bm25 keeps BM25's order and scores (faster).")
    s.add_argument("query", metavar="QUERY")
    s.add_argument("-k", type=int, default=10, help="number of hits (default 10)")
    s.add_argument("--order", choices=("model", "bm25"), default="model",
                   help="model: re-ranked (default); bm25: plain BM25 order and scores")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser("ask", help="answer a question with its source",
                       description="Answer a question from the documents, citing the source. "
                       "QUESTION '-' reads one question per line from stdin: with --json, one "
                       "JSON object per line; else the plain replies, a blank line between.")
    s.add_argument("question", metavar="QUESTION")
    s.add_argument("--json", action="store_true", help="JSON: {answer, found, sources, took_ms}")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("reindex", help="rebuild the search index from the database (atomic swap)")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_reindex)

    s = sub.add_parser("summary", help="quarter summary (text, JSON, spreadsheet, chart)",
                       description="Summarise a fiscal quarter: 2/2566, Q2 2566, Q2/66, "
                       "'ไตรมาส 2 ปีงบ 66', 'ไตรมาสที่ ๒/๒๕๖๖'; none = the current quarter.")
    s.add_argument("quarter", nargs="*", metavar="QUARTER", help="the quarter (default: current)")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.add_argument("--xlsx", metavar="FILE", help="write an Excel workbook")
    s.add_argument("--chart", metavar="FILE.png",
                   help="write a chart; the format follows the name (.png, .jpg, .svg, .pdf)")
    s.set_defaults(func=cmd_summary)

    s = sub.add_parser("users", help="manage who may use the bot")
    us = s.add_subparsers(dest="users_cmd", required=True, metavar="ACTION")
    a = us.add_parser("add", help="register a user or change their role")
    a.add_argument("user", metavar="PLATFORM:ID", help="e.g. telegram:12345, line:Uxxxx")
    a.add_argument("--role", required=True,
                   choices=["staff", "officer", "manager", "editor", "admin"])
    a.add_argument("--agency", metavar="NAME",
                   help="scope: an officer reports for this agency's projects, a manager sees "
                   "only them (the agency as the report form names it, e.g. ตท.สป.)")
    a.add_argument("--province", metavar="NAME",
                   help="scope: a province (e.g. เชียงใหม่); with --agency, both must match")
    r = us.add_parser("remove", help="remove a user")
    r.add_argument("user", metavar="PLATFORM:ID")
    ls = us.add_parser("list", help="list users")
    ls.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_users)

    s = sub.add_parser("missing", help="officers who have not reported for a quarter",
                       description="The non-submitter list managers get: each officer "
                       "lacking an update for a project they report for in the quarter "
                       "(default: the current one).")
    s.add_argument("quarter", nargs="*", metavar="QUARTER", help="e.g. 2/2566 (default: current)")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.add_argument("--at", metavar="TIME", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_missing)

    s = sub.add_parser("remind", help="remind officers who have not reported (--dry-run: list)",
                       description="Remind each officer lacking an update for a project they "
                       "report for in the quarter (default: the current one), once a day at "
                       "most; after the deadline managers get their scope's list.  "
                       "--dry-run lists who would be reminded now, and why, and sends nothing.")
    s.add_argument("quarter", nargs="*", metavar="QUARTER", help="e.g. 2/2566 (default: current)")
    s.add_argument("--dry-run", action="store_true", help="list, send nothing")
    s.add_argument("--json", action="store_true", help="with --dry-run: print JSON")
    s.add_argument("--at", metavar="TIME",
                   help="as if it were this time (ISO, Bangkok unless a zone is given)")
    s.set_defaults(func=cmd_remind)

    s = sub.add_parser("notify", help="send waiting notifications (approvals, decisions) once")
    s.set_defaults(func=cmd_notify)

    s = sub.add_parser("menus", help="set each user's role menu (Telegram commands, LINE rich "
                       "menu) where it differs from their role",
                       description="Telegram: the commands of each registered user's role in "
                       "their private chat (setMyCommands, BotCommandScopeChat); LINE: the rich "
                       "menu of their role (staff, officer, manager), made once from the bundled "
                       "image and linked to the user.  Removed users get the default back.  The "
                       "scheduler does this on every run; users add/remove at once.")
    s.add_argument("--dry-run", action="store_true", help="list, set nothing")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=cmd_menus)

    s = sub.add_parser("scheduler", help="run reminders and notifications on a schedule",
                       description="APScheduler with its job store in the database: every "
                       "INTERVAL seconds, send due reminders, manager lists and "
                       "notifications (each exactly once, however many schedulers run). On "
                       "PostgreSQL with the job queue (after `sdgbot migrate`) they are "
                       "enqueued as queue jobs and `sdgbot worker` sends them.")
    s.add_argument("--interval", type=int, default=300, help="seconds between runs (300)")
    s.set_defaults(func=cmd_scheduler)

    s = sub.add_parser("chat", help="console chat (same commands as Telegram and LINE)")
    s.add_argument("--user", default="local", metavar="ID",
                   help="console user id, as `users add console:ID` names it: ID or console:ID "
                        "(default 'local', the operator: an admin)")
    s.set_defaults(func=cmd_chat)

    s = sub.add_parser("telegram", help="run the Telegram bot (long polling or --webhook)")
    s.add_argument("--webhook", metavar="URL", help="public HTTPS URL for webhook mode")
    s.add_argument("--host", default="127.0.0.1", help="webhook listen address")
    s.add_argument("--port", type=int, default=8443, help="webhook listen port")
    s.set_defaults(func=cmd_telegram)

    s = sub.add_parser("line", help="serve the LINE webhook (/line/callback, /healthz)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_line)

    s = sub.add_parser("migrate", help="bring the database (and the job queue) to this version",
                       description="Apply the database migrations and, on PostgreSQL, create "
                       "the job queue's tables; load the bundled sample into an empty "
                       "database and save the search index. Run once before `sdgbot serve` "
                       "and `sdgbot worker` (they do not migrate). Idempotent: the queue's "
                       "schema is created once, then upgraded by the Procrastinate migrations "
                       "it has not had (recorded in sdgbot_queue_migrations).")
    s.add_argument("--pre-only", action="store_true",
                   help="apply only the job queue's 'pre' migrations (old workers still "
                   "running); run `sdgbot migrate` again once every process is upgraded")
    s.set_defaults(func=cmd_migrate)

    s = sub.add_parser("serve", help="serve the LINE and Telegram webhooks (web workers)",
                       description="Serve /line/callback, /telegram/webhook, /healthz, "
                       "/readyz and /metrics with N uvicorn worker processes on one port. "
                       "Webhooks are verified, stored and enqueued; `sdgbot worker` does "
                       "the work. Needs PostgreSQL (DATABASE_URL) and `sdgbot migrate`. "
                       "SIGHUP restarts the workers one by one; SIGTERM stops gracefully.")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=2, metavar="N",
                   help="web worker processes (default 2)")
    s.add_argument("--telegram-webhook", metavar="URL",
                   help="first point Telegram at URL (https://.../telegram/webhook) with the "
                   "secret header this server checks, and publish the command menu")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("worker", help="run a queue worker (answers, updates, summaries, files)",
                       description="Run queued work: answers, updates, summaries and files "
                       "sent in chat, replying on LINE and Telegram. Needs PostgreSQL "
                       "(DATABASE_URL) and `sdgbot migrate`. Run as many as you like.")
    s.add_argument("--concurrency", type=int, default=4, metavar="C",
                   help="jobs at a time in this process (default 4)")
    s.set_defaults(func=cmd_worker)

    s = sub.add_parser("jobs", help="the job queue: events waiting and the dead letter",
                       description="Events accepted and not done yet, and those whose work "
                       "failed every attempt (the dead letter), with the error kept.")
    s.add_argument("--json", action="store_true", help="JSON: {queued, failed: [...]}")
    s.add_argument("--limit", type=int, default=100, help="failed events shown (default 100)")
    s.set_defaults(func=cmd_jobs)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sdgbot`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)  # their URLs carry the bot token
    settings = Settings.from_env()
    try:
        _check_field_settings(settings)
        code: int = args.func(args, settings)
        return code
    except UserError as exc:
        print(f"sdgbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            print(f"sdgbot: ฐานข้อมูลใช้งานไม่ได้ (database unavailable): {exc.orig}", file=sys.stderr)
            return 1
        if isinstance(exc, OSError):
            print(f"sdgbot: อ่านหรือเขียนไฟล์ไม่ได้ (file system error): {exc}", file=sys.stderr)
            return 1
        # Never a traceback for a user: a short message, the details with --verbose.
        log.debug("unexpected error", exc_info=True)
        if args.verbose:
            traceback.print_exc()
        detail = "".join(ch if ch.isprintable() else " " for ch in str(exc)[:300])
        print(f"sdgbot: เกิดข้อผิดพลาดที่ไม่คาดคิด (unexpected error: {type(exc).__name__}: "
              f"{detail}); ใช้ -v เพื่อดูรายละเอียด (run with -v for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
