"""Where Prometheus's multiprocess files go; set before ``prometheus_client`` is imported.

Kept apart from :mod:`bot.metrics` because importing that module imports
``prometheus_client``, which reads ``PROMETHEUS_MULTIPROC_DIR`` once, at import.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ensure_multiprocess_dir"]


def ensure_multiprocess_dir(default: Path) -> Path:
    """Set ``PROMETHEUS_MULTIPROC_DIR`` (unless set) to ``default``, create it, return it.

    Child processes (uvicorn's workers) inherit the variable.  Files of processes that
    ended stay: their counters still count, as Prometheus expects of counters.
    """
    folder = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(default)))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
