"""Load test of the production topology: web and queue workers on PostgreSQL, driven by webhooks.

    DATABASE_URL=postgresql://postgres@127.0.0.1/sdgbot_bench \\
        python bench/load.py --seconds 60 [--users 20] [--web 3] [--workers 2] [--kill] --json

It starts its own processes: ``sdgbot migrate``, ``sdgbot serve --workers WEB`` and
WORKERS ``sdgbot worker`` processes on the PostgreSQL of ``DATABASE_URL`` (a fresh data
folder in a temporary directory), with the loopback Telegram and LINE fakes of
``tests/`` standing in for the platforms.  Simulated users, half on LINE and half on
Telegram, each send a message, wait for its reply and send the next, for S seconds,
with the mix of issue 16: questions 70 %, updates 20 %, summaries 5 %, documents 5 %.
LINE webhooks are signed with the channel secret; a webhook that fails (an error
status, or a web worker killed under it) is delivered again, as the platforms do.

Replies are matched to requests by what the platforms give: on LINE the reply token
(and the push retry key of the answer's first part); on Telegram, the quoted message
(users write in group chats, where the bot quotes the question), and for documents
(private chats only) the sendMessage calls to that chat.  ``lost``: requests with no
reply within ``--timeout`` seconds.  ``duplicated``: requests answered more than once.

With ``--kill``, midway one web worker (a child of the ``serve`` supervisor, which
starts a new one) and one queue worker (started again here) are killed with SIGKILL.

Prints one JSON object (``--json``) or a short table: ``rps`` (requests sent per second
over the run), ``webhook_p50_ms``/``p95``/``p99`` (time for the webhook's 200),
``reply_p50_ms``/``reply_p95_ms`` (from the webhook to the reply's arrival at the
fake), ``reply_p95_ms_questions``, ``sent``, ``replied``, ``lost``, ``duplicated``,
``errors`` (webhook attempts answered other than 200 or not answered).

The database is used as given: the bench adds its users, events and documents.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the loopback fakes and the topology helpers

from fake_line import PUSH_PATH, REPLY_PATH, FakeLine  # noqa: E402
from fake_telegram import FakeTelegram, message_update  # noqa: E402
from topology import (  # noqa: E402
    LINE_TOKEN,
    TELEGRAM_TOKEN,
    Topology,
    line_body,
    line_file_event,
    line_text_event,
    sign,
    telegram_secret,
    web_workers,
)

from bot.config import Settings  # noqa: E402
from bot.queue.line_worker import retry_key  # noqa: E402

QUESTIONS = [
    "ธนาคารขยะตั้งแล้วกี่แห่ง", "งบประมาณของโครงการเท่าไร", "ผลการดำเนินงานอยู่ระดับใด",
    "เบิกจ่ายไปแล้วเท่าไร", "โครงการนี้มีปัญหาอุปสรรคอะไร", "หน่วยงานใดรับผิดชอบโครงการ",
    "ตัวชี้วัดของโครงการคืออะไร", "How many waste banks have been set up?",
    "ประชาชนได้ประโยชน์อย่างไร", "กระทรวงมหาดไทยขับเคลื่อน SDGs อย่างไร",
]
GROUPS_PER_USER = 40
#: ``/readyz`` ``index_lag`` under which an ingest's batch counts as caught up.
CAUGHT_UP_BELOW = 100
MIX = (("question", 0.70), ("update", 0.20), ("summary", 0.05), ("document", 0.05))


def pick(rng: random.Random) -> str:
    x = rng.random()
    for kind, share in MIX:
        if x < share:
            return kind
        x -= share
    return MIX[0][0]


@dataclass
class Request:
    """One message sent, and what came back."""

    kind: str
    platform: str
    sent_at: float
    webhook_ms: list[float] = field(default_factory=list)
    replied_at: float | None = None
    deliveries: int = 0  # replies received (more than one: duplicated)
    done: asyncio.Event = field(default_factory=asyncio.Event)


class Matcher:
    """Reads the fakes' calls as they come and marks the requests they answer."""

    def __init__(self, line: FakeLine, tg: FakeTelegram) -> None:
        self.line, self.tg = line, tg
        self.line_seen = self.tg_seen = 0
        self.by_token: dict[str, Request] = {}
        self.by_retry_key: dict[str, Request] = {}
        self.by_quote: dict[tuple[str, int], Request] = {}
        self.private: dict[str, Request] = {}  # chat id -> its one outstanding document
        self.private_sent: Counter[str] = Counter()
        self.quote_content: dict[tuple[str, int], Counter[tuple[str, str]]] = {}
        self.unmatched = 0
        self.unmatched_samples: list[str] = []

    def _sample(self, what: str) -> None:
        if len(self.unmatched_samples) < 5:
            self.unmatched_samples.append(what)

    @staticmethod
    def _hit(req: Request, at: float) -> None:
        req.deliveries += 1
        if req.replied_at is None:
            req.replied_at = at
            req.done.set()

    def poll(self) -> None:
        with self.line._cond:
            new_line = self.line.calls[self.line_seen:]
            self.line_seen += len(new_line)
        for call in new_line:
            if call.status != 200:
                continue
            if call.path == REPLY_PATH:
                req = self.by_token.get(str(call.body.get("replyToken")))
            elif call.path == PUSH_PATH:
                req = self.by_retry_key.get(call.headers.get("x-line-retry-key", ""))
            else:
                req = None
            if req is None:
                if call.path == REPLY_PATH or call.headers.get("x-line-retry-key"):
                    self.unmatched += 1
                    self._sample(f"line {call.path} {call.body.get('replyToken')} "
                                 f"{call.headers.get('x-line-retry-key')} {call.texts[:1]}")
                continue
            self._hit(req, call.at)
        with self.tg._cond:
            new_tg = self.tg.calls[self.tg_seen:]
            self.tg_seen += len(new_tg)
        for c in new_tg:
            if c.method not in ("sendMessage", "sendPhoto"):
                continue
            chat = str(c.params.get("chat_id"))
            quote = c.params.get("reply_parameters")
            if isinstance(quote, dict) and "message_id" in quote:
                key = (chat, int(quote["message_id"]))
                req = self.by_quote.get(key)
                if req is None:
                    self.unmatched += 1
                    self._sample(f"telegram {c.method} {key} {str(c.params.get('text'))[:60]}")
                    continue
                content = (c.method, str(c.params.get("text") or c.params.get("caption") or ""))
                seen = self.quote_content.setdefault(key, Counter())
                seen[content] += 1
                if seen[content] == 1 and req.replied_at is None:
                    self._hit(req, c.at)
                elif seen[content] > 1:
                    req.deliveries += 1  # the same part sent again
            elif not chat.startswith("-") and c.method == "sendMessage":
                self.private_sent[chat] += 1
                req = self.private.get(chat)
                if req is not None and req.replied_at is None:
                    self._hit(req, c.at)


class Load:
    """The simulated users."""

    def __init__(self, topo: Topology, line: FakeLine, tg: FakeTelegram, args: Any) -> None:
        self.topo, self.line, self.tg, self.args = topo, line, tg, args
        self.matcher = Matcher(line, tg)
        self.requests: list[Request] = []
        self.errors = 0
        self.secret = telegram_secret()
        # Event ids are unique across runs on the same database (a repeat would be
        # taken for a redelivery of the earlier run's event).
        self.run = int(time.time()) % 100_000_000
        self.seq = 0
        self.stop_at = 0.0
        self.documents = 0

    def _next(self) -> int:
        self.seq += 1
        return self.seq

    async def deliver(self, client: httpx.Client | httpx.AsyncClient, req: Request, url: str,
                      body: bytes, headers: dict[str, str], redelivered: bytes | None = None
                      ) -> None:
        """POST until a 200, as the platforms redeliver (LINE marks the repeat)."""
        deadline = time.monotonic() + self.args.timeout
        first = True
        while time.monotonic() < deadline:
            data = body if first or redelivered is None else redelivered
            if not first and redelivered is not None and "X-Line-Signature" in headers:
                headers = {**headers, "X-Line-Signature": sign(data)}
            t0 = time.monotonic()
            try:
                assert isinstance(client, httpx.AsyncClient)
                r = await client.post(url, content=data, headers=headers)
                req.webhook_ms.append((time.monotonic() - t0) * 1000)
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            self.errors += 1
            first = False
            await asyncio.sleep(0.2)

    async def user(self, n: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(n)
        platform = "line" if n % 2 == 0 else "telegram"
        line_user = f"U{n:032x}"
        tg_user = 700000 + n
        # Telegram lets a bot send 20 messages a minute to one group (python-telegram-bot's
        # rate limiter keeps to it), so each user writes in several groups in turn.
        groups = [-(800000 + n * 100 + g) for g in range(GROUPS_PER_USER)]
        while time.monotonic() < self.stop_at:
            kind = pick(rng)
            k = self._next()
            req = Request(kind, platform, time.monotonic())
            text = {"question": rng.choice(QUESTIONS),
                    "update": f"/update 1 ติดตามธนาคารขยะเพิ่ม {k % 50 + 1} แห่ง "
                              f"เบิกจ่าย {1000 + k} บาท ระดับ {k % 5 + 1}",
                    "summary": "/summary 2/2566"}.get(kind)
            if platform == "line":
                event_id = f"01HLOAD{self.run:08d}{k:011d}"
                token, message_id = f"loadtoken{self.run}-{k:010d}", f"4{self.run:08d}{k:09d}"
                self.matcher.by_token[token] = req
                self.matcher.by_retry_key[retry_key(event_id, 0)] = req
                if kind == "document":
                    data = self.document(k)
                    self.line.add_content(message_id, data)
                    event = line_file_event(line_user, event_id, token, message_id,
                                            f"load-{k}.jsonl", len(data))
                else:
                    assert text is not None
                    event = line_text_event(text, line_user, event_id, token, message_id)
                body = line_body(event)
                again = line_body({**event, "deliveryContext": {"isRedelivery": True}})
                self.requests.append(req)
                await self.deliver(client, req, f"{self.topo.base}/line/callback", body,
                                   {"X-Line-Signature": sign(body),
                                    "Content-Type": "application/json"}, again)
            else:
                if kind == "document":
                    data = self.document(k)
                    file_id = f"load-file-{self.run}-{k}"
                    self.tg.add_file(file_id, data, name=f"load-{k}.jsonl")
                    chat = str(tg_user)
                    self.matcher.private[chat] = req
                    document = {"file_id": file_id, "file_unique_id": f"u{k}",
                                "file_name": f"load-{k}.jsonl", "file_size": len(data),
                                "mime_type": "application/octet-stream"}
                    update = message_update(None, tg_user, None, "private", document=document)
                else:
                    assert text is not None
                    if kind == "question":
                        text = "/ask " + text
                    group = groups[k % len(groups)]
                    update = message_update(text, tg_user, group, "group")
                    self.matcher.by_quote[(str(group), k)] = req
                update["message"]["message_id"] = k
                update["update_id"] = self.run * 1_000_000 + k
                self.requests.append(req)
                await self.deliver(client, req, f"{self.topo.base}/telegram/webhook",
                                   json.dumps(update, ensure_ascii=False).encode(),
                                   {"X-Telegram-Bot-Api-Secret-Token": self.secret,
                                    "Content-Type": "application/json"})
            try:
                await asyncio.wait_for(req.done.wait(), self.args.timeout)
            except TimeoutError:
                pass

    def document(self, k: int) -> bytes:
        self.documents += 1
        doc = {"title": f"รายงานการโหลดทดสอบ {self.run} ฉบับที่ {k}",
               "text": f"ผลการดำเนินงานโครงการทดสอบภาระ รอบ {self.run} ครั้งที่ {k} "
                       f"ตั้งธนาคารขยะ {k % 97} แห่ง "
                       "ในพื้นที่ตำบลตัวอย่าง ประชาชนเข้าร่วมกิจกรรมคัดแยกขยะ",
               "date": "2024-03-01", "kind": "news"}
        return (json.dumps(doc, ensure_ascii=False) + "\n").encode()

    async def dispatcher(self) -> None:
        while True:
            self.matcher.poll()  # latencies are taken from the fakes' own arrival times
            await asyncio.sleep(0.05)


def write_requests(path: Path, reqs: list[Request]) -> None:
    """One JSON line per request (``--keep``): kind, platform, wall-clock times, latencies.

    ``sent``/``replied`` are epoch seconds, to lay beside the processes' logs and a
    sampler of ``pg_stat_activity``; ``reply_ms`` is None for a lost request.
    """
    to_wall = time.time() - time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for r in reqs:
            f.write(json.dumps({
                "kind": r.kind, "platform": r.platform, "sent": round(r.sent_at + to_wall, 3),
                "replied": None if r.replied_at is None else round(r.replied_at + to_wall, 3),
                "reply_ms": None if r.replied_at is None
                else round((r.replied_at - r.sent_at) * 1000, 1),
                "webhook_ms": [round(ms, 1) for ms in r.webhook_ms],
                "deliveries": r.deliveries}) + "\n")


def register_users(db_url: str, users: int) -> None:
    from bot.users import add_user
    from knowledge.db import Database

    db = Database(db_url)
    try:
        with db.write() as s:
            for n in range(users):
                ref = f"line:U{n:032x}" if n % 2 == 0 else f"telegram:{700000 + n}"
                add_user(s, ref, "editor", actor="bench")
    finally:
        db.dispose()


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    i = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return round(ordered[i], 1)


async def drive(load: Load, args: Any) -> dict[str, Any]:
    topo = load.topo
    limits = httpx.Limits(max_connections=args.users + 8, max_keepalive_connections=args.users)
    killed: list[str] = []
    async with httpx.AsyncClient(trust_env=False, timeout=10, limits=limits) as client:
        dispatcher = asyncio.create_task(load.dispatcher())
        t0 = time.monotonic()
        load.stop_at = t0 + args.seconds
        users = [asyncio.create_task(load.user(n, client)) for n in range(args.users)]
        restarted: list[str] = []
        supervisor = asyncio.create_task(supervise(topo, args, restarted))
        pg_task = asyncio.create_task(restart_postgres(args, killed)) if args.pg_restart \
            else None
        reload_task = asyncio.create_task(rolling_restart(topo, args, killed)) \
            if args.reload else None
        ingest_task = None
        if args.ingest:
            ingest_task = asyncio.create_task(ingest_midway(topo, client, args, t0))
        if args.kill:
            await asyncio.sleep(args.seconds / 2)
            web_children = web_workers(topo.procs["web"].pid)
            if web_children:
                os.kill(web_children[0], signal.SIGKILL)
                killed.append(f"web worker {web_children[0]}")
            name = "worker1"
            pid = topo.procs[name].pid
            topo.kill(name)
            killed.append(f"queue worker {pid}")
            topo.procs[f"{name}-again"] = topo.start_worker(
                f"{name}-again", args.concurrency, nice=args.worker_nice)
        await asyncio.gather(*users)
        elapsed = time.monotonic() - t0
        ingest = await ingest_task if ingest_task is not None else None
        for task in (pg_task, reload_task):
            if task is not None:
                await task
        await asyncio.sleep(args.settle)  # late duplicates
        dispatcher.cancel()
        supervisor.cancel()
        server = server_side((await client.get(f"{topo.base}/metrics")).text)
    load.matcher.poll()
    reqs = load.requests
    if args.keep and load.topo.logs is not None:
        write_requests(load.topo.logs / "requests.jsonl", reqs)
    webhook = [ms for r in reqs for ms in r.webhook_ms]
    replied = [r for r in reqs if r.replied_at is not None]
    latency = [(r.replied_at - r.sent_at) * 1000 for r in replied if r.replied_at]
    questions = [(r.replied_at - r.sent_at) * 1000 for r in replied
                 if r.replied_at and r.kind == "question"]
    duplicated = sum(1 for r in reqs if r.deliveries > 1)
    # Documents in private Telegram chats: one sendMessage each; more is a duplicate.
    tg_docs = sum(1 for r in reqs if r.kind == "document" and r.platform == "telegram")
    duplicated += max(0, sum(load.matcher.private_sent.values()) - tg_docs)
    by_kind: dict[str, Any] = {}
    for kind, _share in MIX:
        mine = [r for r in reqs if r.kind == kind]
        lat = [(r.replied_at - r.sent_at) * 1000 for r in mine if r.replied_at]
        by_kind[kind] = {"sent": len(mine), "replied": len(lat),
                         "reply_p50_ms": percentile(lat, 50), "reply_p95_ms": percentile(lat, 95)}
    return {
        "seconds": round(elapsed, 1), "users": args.users, "web_workers": args.web,
        "queue_workers": args.workers, "concurrency": args.concurrency,
        "worker_nice": args.worker_nice, "bench_nice": args.bench_nice,
        "rps": round(len(reqs) / elapsed, 2),
        "replies_per_s": round(len(replied) / elapsed, 2),
        "webhook_p50_ms": percentile(webhook, 50), "webhook_p95_ms": percentile(webhook, 95),
        "webhook_p99_ms": percentile(webhook, 99), "webhook_max_ms": percentile(webhook, 100),
        "reply_p50_ms": percentile(latency, 50), "reply_p95_ms": percentile(latency, 95),
        "reply_p95_ms_questions": percentile(questions, 95),
        "sent": len(reqs), "replied": len(replied), "lost": len(reqs) - len(replied),
        "duplicated": duplicated, "errors": load.errors,
        "unmatched_replies": load.matcher.unmatched,
        "unmatched_samples": load.matcher.unmatched_samples, "by_kind": by_kind,
        "duplicated_samples": [f"{r.platform} {r.kind} x{r.deliveries}" for r in reqs
                               if r.deliveries > 1][:5],
        "killed": killed, "restarted": restarted,
        "server": server,
    } | ({"ingest": during(ingest, reqs)} if ingest is not None else {})


async def supervise(topo: Topology, args: Any, restarted: list[str]) -> None:
    """Start again a queue worker that exited on its own, as systemd's Restart=always does."""
    n = 0
    while True:
        await asyncio.sleep(0.5)
        for name, proc in list(topo.procs.items()):
            if name.startswith("worker") and proc.poll() is not None and proc.returncode != -9 \
                    and not name.endswith("-dead"):
                n += 1
                topo.procs[f"{name}-dead"] = topo.procs.pop(name)
                topo.start_worker(f"worker-r{n}", args.concurrency, nice=args.worker_nice)
                restarted.append(f"{name} (exit {proc.returncode})")


async def rolling_restart(topo: Topology, args: Any, events: list[str]) -> None:
    """At 40 % of the run, SIGHUP to ``sdgbot serve``: its web workers are replaced one by one."""
    await asyncio.sleep(args.seconds * 0.4)
    before = set(web_workers(topo.procs["web"].pid))
    topo.procs["web"].send_signal(signal.SIGHUP)
    for _ in range(120):
        await asyncio.sleep(0.5)
        gone = before - set(web_workers(topo.procs["web"].pid))
        if gone == before:
            events.append(f"rolling restart: {len(gone)} web workers replaced")
            return
    events.append("rolling restart: not finished in 60 s")


async def restart_postgres(args: Any, events: list[str]) -> None:
    """At ``--pg-restart-at`` (60 % of the run), run ``--pg-restart`` (``pg_ctl restart``)."""
    await asyncio.sleep(args.seconds * args.pg_restart_at)
    t0 = time.monotonic()
    proc = await asyncio.create_subprocess_shell(args.pg_restart,
                                                 stdout=asyncio.subprocess.DEVNULL,
                                                 stderr=asyncio.subprocess.DEVNULL)
    code = await proc.wait()
    events.append(f"postgresql restarted (exit {code}, {time.monotonic() - t0:.1f} s)")


async def ingest_midway(topo: Topology, client: httpx.AsyncClient, args: Any, t0: float
                        ) -> dict[str, Any]:
    """At a third of the run, ``sdgbot ingest FILE`` in another process; time the catch-up.

    ``/readyz`` is read every half second: the catch-up starts when ``index_lag`` first
    shows the ingest's passages (its transaction committed; the workers count what they
    lack) and is over when the ingest has ended and every worker's index holds the batch
    (``index_lag`` under :data:`CAUGHT_UP_BELOW`: the updates that keep coming are synced
    within seconds, so the lag rarely reads exactly 0 while users write).
    """
    await asyncio.sleep(args.seconds / 3)
    start = time.monotonic()
    nice = args.worker_nice if args.ingest_nice is None else args.ingest_nice
    proc = topo.start("ingest", "ingest", "--json", str(args.ingest), nice=nice)
    ended = seen = None
    most = 0
    while True:
        await asyncio.sleep(0.5)
        if ended is None and proc.poll() is not None:
            ended = time.monotonic()
        try:
            lag = (await client.get(f"{topo.base}/readyz")).json().get("index_lag")
        except (httpx.HTTPError, ValueError):
            lag = None
        if isinstance(lag, int) and lag > 1000:
            most = max(most, lag)
            if seen is None:
                seen = time.monotonic()
        # Caught up: the batch is in (updates still arriving may leave a few passages for
        # the next seconds; waiting for exactly 0 would wait for the users to stop).
        if ended is not None and isinstance(lag, int) and lag < CAUGHT_UP_BELOW:
            break
        if time.monotonic() - start > args.seconds * 4 + 600:
            break
    caught = time.monotonic()
    return {"file": str(args.ingest), "exit": proc.returncode, "nice": nice,
            "started_at_s": round(start - t0, 1),
            "started_epoch": round(time.time() - (time.monotonic() - start), 2),
            "ingest_s": round((ended or caught) - start, 1),
            "committed_at_s": round((seen or caught) - start, 1), "most_lag": most,
            "caught_up_s": round(caught - start, 1), "_from": start, "_to": caught,
            "_seen": seen or caught}


def _stats(mine: list[Request], lo: float) -> dict[str, Any]:
    lat = [(r.replied_at - r.sent_at) * 1000 for r in mine if r.replied_at]
    q = [(r.replied_at - r.sent_at) * 1000 for r in mine if r.replied_at and r.kind == "question"]
    slow = sorted((r for r in mine if r.replied_at),
                  key=lambda r: r.sent_at - (r.replied_at or 0.0))[:5]
    return {"requests": len(mine), "replied": len(lat), "reply_p50_ms": percentile(lat, 50),
            "reply_p95_ms": percentile(lat, 95), "slowest_reply_ms": percentile(lat, 100),
            "slowest_question_ms": percentile(q, 100),
            "slowest": [f"{r.platform} {r.kind} at +{r.sent_at - lo:.0f} s: "
                        f"{((r.replied_at or 0.0) - r.sent_at) * 1000:.0f} ms" for r in slow]}


def during(ingest: dict[str, Any], reqs: list[Request]) -> dict[str, Any]:
    """The replies while the ingest ran and the workers caught up, and in the catch-up alone.

    ``catch_up`` covers the requests sent from the moment the workers saw the ingest's
    passages until they held them all; the ``*_during`` figures the whole ingest.
    """
    lo, hi, seen = ingest.pop("_from"), ingest.pop("_to"), ingest.pop("_seen")
    whole = _stats([r for r in reqs if lo <= r.sent_at <= hi], lo)
    catch_up = _stats([r for r in reqs if seen <= r.sent_at <= hi], lo)
    return {**ingest, "requests_during": whole["requests"],
            "slowest_during": whole["slowest"], "replied_during": whole["replied"],
            "reply_p50_ms_during": whole["reply_p50_ms"],
            "reply_p95_ms_during": whole["reply_p95_ms"],
            "slowest_reply_during_ms": whole["slowest_reply_ms"],
            "slowest_question_during_ms": whole["slowest_question_ms"],
            "catch_up": catch_up}


def server_side(metrics: str) -> dict[str, Any]:
    """Means from the servers' own histograms: webhook time, job wait, core time by command."""
    sums: dict[str, float] = {}
    counts: dict[str, float] = {}
    for line in metrics.splitlines():
        if line.startswith("#") or " " not in line:
            continue
        name, value = line.rsplit(" ", 1)
        for suffix, into in (("_sum", sums), ("_count", counts)):
            base, _, labels = name.partition("{")
            if base.endswith(suffix):
                key = base[: -len(suffix)] + ("{" + labels if labels else "")
                into[key] = into.get(key, 0.0) + float(value)
    out: dict[str, Any] = {}
    # The webhook's own time, from the servers' histogram: the bucket bound under which
    # 50 % and 99 % of the requests were answered (what the platforms' clients add is out);
    # likewise the journal's window (from a platform's answer to the commit of its record).
    for metric, short in (("sdgbot_webhook_seconds", "webhook"),
                          ("sdgbot_send_record_seconds", "send_record")):
        buckets: dict[float, float] = {}
        for line in metrics.splitlines():
            if line.startswith(metric + "_bucket{"):
                name, value = line.rsplit(" ", 1)
                le = name.split('le="', 1)[1].split('"', 1)[0]
                bound = float("inf") if le == "+Inf" else float(le)
                buckets[bound] = buckets.get(bound, 0.0) + float(value)
        total_n = buckets.get(float("inf"), 0.0)
        for q in (50, 95, 99):
            if total_n:
                bound = min(b for b, n in buckets.items() if n >= total_n * q / 100)
                out[f"{short}_p{q}_le_ms"] = None if bound == float("inf") else bound * 1000
    for key, total in sorted(sums.items()):
        n = counts.get(key, 0.0)
        if n and ("seconds" in key):
            short = key.replace("sdgbot_", "").replace("_seconds", "")
            out[f"{short}_mean_ms"] = round(total / n * 1000, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, required=True, help="how long users send")
    p.add_argument("--users", type=int, default=20, help="simulated users (default 20)")
    p.add_argument("--web", type=int, default=3, help="web worker processes (default 3)")
    p.add_argument("--workers", type=int, default=2, help="queue worker processes (default 2)")
    p.add_argument("--concurrency", type=int, default=2, help="jobs at a time per queue worker")
    p.add_argument("--worker-nice", type=int, default=5,
                   help="CPU priority of the queue workers below the web workers (deploy/ "
                        "does the same; default 5)")
    p.add_argument("--timeout", type=float, default=90.0,
                   help="seconds a user waits for a reply before counting it lost")
    p.add_argument("--settle", type=float, default=3.0,
                   help="seconds to wait after the run for late duplicates")
    p.add_argument("--kill", action="store_true",
                   help="SIGKILL one web and one queue worker midway (both restarted)")
    p.add_argument("--ingest", type=Path, metavar="FILE",
                   help="at a third of the run, `sdgbot ingest FILE` in another process (e.g. "
                   "100,000 passages of news); reports the catch-up and the replies meanwhile")
    p.add_argument("--ingest-nice", type=int, metavar="N",
                   help="niceness of that ingest (default: the queue workers'; an operator "
                   "runs a large ingest as a batch job, e.g. `nice -n 19 sdgbot ingest`)")
    p.add_argument("--pg-restart", metavar="COMMAND",
                   help="at 60 %% of the run, this shell command restarts PostgreSQL (e.g. "
                   "'runuser -u postgres -- pg_ctl -D DIR restart -m fast'); queue workers "
                   "that exit are started again, as systemd would")
    p.add_argument("--pg-restart-at", type=float, default=0.6, metavar="F",
                   help="when to restart PostgreSQL, as a fraction of the run (default 0.6; "
                   "with --ingest, e.g. 0.2: before the ingest, whose one transaction a "
                   "restart would roll back)")
    p.add_argument("--bench-nice", type=int, default=-5,
                   help="niceness of this process (the simulated platforms and users; "
                   "default -5, needs root: on a machine this small the measuring side "
                   "must not wait for CPU behind what it measures; 0 to leave it)")
    p.add_argument("--reload", action="store_true",
                   help="at 40 %% of the run, SIGHUP to `sdgbot serve` (a rolling restart)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--keep", action="store_true", help="keep the data folder and logs")
    args = p.parse_args(argv)
    if args.bench_nice:
        try:  # the platforms are other machines: their stand-ins should not queue for CPU
            os.setpriority(os.PRIO_PROCESS, 0, args.bench_nice)
        except OSError:
            print("bench/load.py: cannot raise the bench's priority; measuring as is",
                  file=sys.stderr)
    db_url = os.environ.get("DATABASE_URL", "")
    if not db_url.startswith(("postgresql", "postgres:")):
        print("bench/load.py: set DATABASE_URL to a PostgreSQL database", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="sdgbot-load-"))
    with FakeLine(token=LINE_TOKEN) as line, FakeTelegram(token=TELEGRAM_TOKEN) as tg:
        topo = Topology(db_url=db_url, home=tmp / "home", line_api=line.url,
                        telegram_api=tg.base_url, logs=tmp / "logs")
        migrated = topo.run("migrate")
        if migrated.returncode != 0:
            print(migrated.stderr, file=sys.stderr)
            return 1
        register_users(Settings(home=topo.home, database_url=db_url).db_url, args.users)
        try:
            topo.start_web(args.web)
            for i in range(args.workers):
                topo.start_worker(f"worker{i + 1}", args.concurrency, nice=args.worker_nice)
            topo.wait_ready(timeout=180, workers=args.workers)
            time.sleep(1.0)  # every web worker up
            load = Load(topo, line, tg, args)
            result = asyncio.run(drive(load, args))
        finally:
            codes = topo.stop_all()
        result["exit_codes"] = codes
        result["fake_errors"] = line.errors + tg.errors
        if args.keep:
            result["logs"] = str(tmp / "logs")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for k, v in result.items():
            print(f"{k:>24}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
