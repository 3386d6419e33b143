"""The production topology as plain processes: serve, worker and scheduler on PostgreSQL.

Used by ``tests/test_queue.py`` and ``bench/load.py``.  The Telegram and LINE platforms
are the loopback fakes (:mod:`fake_telegram`, :mod:`fake_line`); the processes are the
real commands, started with the environment an operator would give them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
LINE_SECRET = "topology-line-secret-8c1d2e3f4a5b6c7d"
LINE_TOKEN = "topology-line-token-Qw3Er5Ty7Ui9Op1As"
TELEGRAM_TOKEN = "424242:TopologyBotTokenAbCdEfGh_123"


def sign(body: bytes, secret: str = LINE_SECRET) -> str:
    """``X-Line-Signature``: base64(HMAC-SHA256(channel secret, raw body))."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def telegram_secret(token: str = TELEGRAM_TOKEN) -> str:
    """The webhook secret header value ``sdgbot serve`` expects for ``token``."""
    from bot.adapters.telegram import webhook_secret

    return webhook_secret(token)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sdgbot_command() -> list[str]:
    script = Path(sys.executable).with_name("sdgbot")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (from /proc)."""
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text()
            out.extend(int(x) for x in text.split())
    except OSError:
        pass
    return out


def web_workers(pid: int) -> list[int]:
    """The uvicorn worker processes under ``sdgbot serve`` ``pid`` (not its helpers)."""
    out = []
    for child in children(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:  # multiprocessing's resource tracker is another child
            out.append(child)
    return out


@dataclass
class Topology:
    """A data folder, a database, the fakes' addresses, and the processes started."""

    db_url: str
    home: Path
    line_api: str
    telegram_api: str
    port: int = field(default_factory=free_port)
    procs: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: Path | None = None
    #: More environment for every process (``SDGBOT_APPROVAL``, say).
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {**os.environ, "SDGBOT_HOME": str(self.home), "DATABASE_URL": self.db_url,
               "LINE_CHANNEL_SECRET": LINE_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": LINE_TOKEN,
               "SDGBOT_LINE_API": self.line_api, "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
               "SDGBOT_TELEGRAM_API": self.telegram_api, "PYTHAINLP_OFFLINE": "1",
               "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT),
               "PROMETHEUS_MULTIPROC_DIR": str(self.home / "metrics"), **self.extra,
               **extra}
        return env

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run ``sdgbot ARGS`` to completion."""
        return subprocess.run([*sdgbot_command(), *args], cwd=ROOT, env=self.env(),
                              capture_output=True, text=True, timeout=timeout, check=False)

    def _log(self, name: str) -> Any:
        if self.logs is None:
            return subprocess.DEVNULL
        self.logs.mkdir(parents=True, exist_ok=True)
        return open(self.logs / f"{name}.log", "ab")

    def start(self, name: str, *args: str, nice: int = 0) -> subprocess.Popen[bytes]:
        """Start ``sdgbot ARGS`` as process ``name`` (its stderr goes to ``logs/name.log``).

        ``nice`` is its niceness (as ``Nice=`` in its systemd unit), whatever this
        process's own.
        """
        log = self._log(name)
        adjust = nice - os.getpriority(os.PRIO_PROCESS, 0)
        prefix = ["nice", "-n", str(adjust)] if adjust else []
        try:
            proc = subprocess.Popen([*prefix, *sdgbot_command(), *args], cwd=ROOT,
                                    env=self.env(), stdout=subprocess.DEVNULL, stderr=log)
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # the child has its own copy
        self.procs[name] = proc
        return proc

    def start_web(self, workers: int = 1) -> subprocess.Popen[bytes]:
        return self.start("web", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                          "--workers", str(workers))

    def start_worker(self, name: str, concurrency: int = 4, nice: int = 0
                     ) -> subprocess.Popen[bytes]:
        return self.start(name, "worker", "--concurrency", str(concurrency), nice=nice)

    def start_scheduler(self, name: str, interval: int = 30) -> subprocess.Popen[bytes]:
        return self.start(name, "scheduler", "--interval", str(interval))

    def wait_ready(self, timeout: float = 90.0, workers: int = 0) -> dict[str, Any]:
        """Wait until ``/readyz`` answers 200 (and ``workers`` indexes report); its JSON."""
        deadline = time.monotonic() + timeout
        last: Any = None
        with httpx.Client(trust_env=False, timeout=5) as client:
            while time.monotonic() < deadline:
                for name, proc in self.procs.items():
                    if proc.poll() is not None:
                        raise RuntimeError(f"{name} exited with {proc.returncode}: "
                                           f"{self.tail(name)}")
                try:
                    r = client.get(f"{self.base}/readyz")
                    last = r.text
                    if r.status_code == 200 and r.json()["index_replicas"] >= workers:
                        return dict(r.json())
                except httpx.TransportError as exc:
                    last = repr(exc)
                time.sleep(0.1)
        raise RuntimeError(f"not ready in {timeout} s: {last}")

    def tail(self, name: str, n: int = 3000) -> str:
        if self.logs is None or not (self.logs / f"{name}.log").exists():
            return ""
        return (self.logs / f"{name}.log").read_text(errors="replace")[-n:]

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs[name]
        if proc.poll() is None:
            proc.send_signal(sig)
            proc.wait(30)

    def stop_all(self, timeout: float = 40.0) -> dict[str, int | None]:
        """SIGTERM every process, wait, SIGKILL what is left; their exit statuses."""
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        codes: dict[str, int | None] = {}
        for name, proc in self.procs.items():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
            codes[name] = proc.returncode
        return codes


def line_body(*events: dict[str, Any]) -> bytes:
    payload = {"destination": "U0123456789abcdef0123456789abcdef", "events": list(events)}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def line_text_event(text: str, user: str, event_id: str, reply_token: str,
                    message_id: str, redelivery: bool = False) -> dict[str, Any]:
    return {"type": "message", "mode": "active", "timestamp": int(time.time() * 1000),
            "source": {"type": "user", "userId": user}, "webhookEventId": event_id,
            "deliveryContext": {"isRedelivery": redelivery}, "replyToken": reply_token,
            "message": {"id": message_id, "type": "text", "quoteToken": "q" + message_id,
                        "text": text}}


def line_file_event(user: str, event_id: str, reply_token: str, message_id: str,
                    file_name: str, size: int) -> dict[str, Any]:
    return {"type": "message", "mode": "active", "timestamp": int(time.time() * 1000),
            "source": {"type": "user", "userId": user}, "webhookEventId": event_id,
            "deliveryContext": {"isRedelivery": False}, "replyToken": reply_token,
            "message": {"id": message_id, "type": "file", "fileName": file_name,
                        "fileSize": size}}
