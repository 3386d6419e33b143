"""Running the installed ``sdgbot`` under a pseudo-terminal, as a person at a terminal does.

Code that runs only on a terminal (progress bars, prompts) is invisible to tests that
capture output through pipes; CI has no terminal either.  :func:`run_in_pty` gives
the child a pseudo-terminal on stdin, stdout and stderr.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

EOT = "\x04"  # Ctrl-D at the start of a line: end of input on a terminal


class TtyResult(NamedTuple):
    """Exit status and everything the terminal showed (stdout and stderr together)."""

    code: int
    screen: str


def sdgbot_command() -> list[str]:
    """The installed console script (or ``python -m bot.cli`` when not installed)."""
    script = Path(sys.executable).with_name("sdgbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def run_in_pty(args: Sequence[str], env: Mapping[str, str], typed: str = "",
               timeout: float = 180.0) -> TtyResult:
    """Run ``args`` on a new pseudo-terminal; ``typed`` is what the user types.

    Returns when the child exits; the child is killed after ``timeout`` seconds (a
    hang is a failure, reported with what the screen showed).
    """
    master, slave = pty.openpty()
    proc = subprocess.Popen(list(args), stdin=slave, stdout=slave, stderr=slave,
                            env=dict(env), close_fds=True, start_new_session=True)
    os.close(slave)
    if typed:
        os.write(master, typed.encode("utf-8"))
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        else:
            proc.kill()
            proc.wait()
            screen = b"".join(chunks).decode("utf-8", "replace")
            raise AssertionError(f"{args[1:]} hung on a terminal; screen:\n{screen[-2000:]}")
        code = proc.wait(timeout=30)
    finally:
        os.close(master)
    return TtyResult(code, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n"))
