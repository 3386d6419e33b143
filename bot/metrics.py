"""Prometheus metrics of the web and queue workers (the ``prometheus-client`` library).

Several processes serve (``sdgbot serve --workers N``, ``sdgbot worker`` M times), so
the metrics are kept in prometheus-client's *multiprocess mode*: every process writes
its values to files in ``PROMETHEUS_MULTIPROC_DIR`` and ``GET /metrics`` on any web
worker adds them up (:func:`render`).  The variable must be set before
``prometheus_client`` is first imported: the ``serve`` and ``worker`` commands set it
(default ``$SDGBOT_HOME/metrics``) before they import this module.  Without it (tests,
single-process modes) the metrics are the process's own.

Names (all prefixed ``sdgbot_``): webhook requests and their latency by platform and
status; chat requests and their latency by platform and command; jobs by outcome,
their run time and their wait in the queue; answers found and not found; the index's
size and lag; LINE push messages sent (they count against the channel's monthly
quota, replies do not); and, read from the database at scrape time, the queue's depth
and the dead letter's size.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

__all__ = [
    "ANSWERS",
    "CONTENT_TYPE",
    "INDEX_LAG",
    "INDEX_PASSAGES",
    "JOBS",
    "JOB_SECONDS",
    "JOB_WAIT_SECONDS",
    "LINE_PUSH_MESSAGES",
    "LINE_PUSH_REQUESTS",
    "REQUESTS",
    "REQUEST_SECONDS",
    "SEND_RECORD_SECONDS",
    "UNCERTAIN_SENDS",
    "WEBHOOK_REQUESTS",
    "WEBHOOK_SECONDS",
    "mark_process_dead",
    "render",
]

CONTENT_TYPE = CONTENT_TYPE_LATEST
_FAST = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_SLOW = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 180.0)

WEBHOOK_REQUESTS = Counter("sdgbot_webhook_requests_total",
                           "Webhook requests answered, by platform and HTTP status",
                           ["platform", "status"])
WEBHOOK_SECONDS = Histogram("sdgbot_webhook_seconds", "Time to answer a webhook request",
                            ["platform"], buckets=_FAST)
REQUESTS = Counter("sdgbot_requests_total", "Chat requests handled, by platform and command",
                   ["platform", "command"])
REQUEST_SECONDS = Histogram("sdgbot_request_seconds",
                            "Time the core took for a chat request, by platform and command",
                            ["platform", "command"], buckets=_SLOW)
JOBS = Counter("sdgbot_jobs_total", "Queue jobs ended, by platform and outcome "
               "(done, retry, failed)", ["platform", "outcome"])
JOB_SECONDS = Histogram("sdgbot_job_seconds", "Run time of a queue job", ["platform"],
                        buckets=_SLOW)
JOB_WAIT_SECONDS = Histogram("sdgbot_job_wait_seconds",
                             "From the webhook's acceptance of an event to its job's start",
                             ["platform"], buckets=_SLOW)
ANSWERS = Counter("sdgbot_answers_total", "Questions answered, found or not found", ["found"])
INDEX_PASSAGES = Gauge("sdgbot_index_passages", "Passages in this process's search index",
                       multiprocess_mode="livemax")
INDEX_LAG = Gauge("sdgbot_index_lag_passages",
                  "Passages in the database that this process's index does not hold yet",
                  multiprocess_mode="livemax")
LINE_PUSH_MESSAGES = Counter("sdgbot_line_push_messages_total",
                             "LINE message objects sent by push (bubbles)")
LINE_PUSH_REQUESTS = Counter("sdgbot_line_push_requests_total",
                             "LINE push requests made by this host's processes (each counts "
                             "once per recipient against the monthly quota; the whole "
                             "deployment's count is sdgbot_line_push_quota_used)",
                             ["kind"])
SEND_RECORD_SECONDS = Histogram("sdgbot_send_record_seconds",
                                "From a platform's answer to a send to the commit of its record "
                                "in the delivery journal (the window of a double send)",
                                buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1,
                                         0.25, 1.0, 5.0))
UNCERTAIN_SENDS = Counter("sdgbot_uncertain_sends_total",
                          "Sends an earlier attempt made but never recorded, met again by a "
                          "retried job, by platform and what happened (skipped: the platform "
                          "refused the repeat; resent: made again)", ["platform", "outcome"])


def mark_process_dead(pid: int | None = None) -> None:
    """Drop the live gauges of process ``pid`` (default: this one) when it exits."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid or os.getpid())


class _DatabaseCollector(Collector):
    """Gauges read from the database at scrape time (queue depth, dead letter)."""

    def __init__(self, read: Callable[[], dict[str, float]]) -> None:
        self.read = read

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            values = self.read()
        except Exception:  # a scrape must not fail because the database is away
            return
        for name, value in values.items():
            yield GaugeMetricFamily(f"sdgbot_{name}", f"sdgbot {name.replace('_', ' ')}",
                                    value=value)


def render(read_db: Callable[[], dict[str, float]] | None = None) -> bytes:
    """The text exposition of every process's metrics, plus ``read_db()``'s gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry = CollectorRegistry()
        for collector in list(REGISTRY._collector_to_names):  # this process's own metrics
            registry.register(collector)
    if read_db is not None:
        registry.register(_DatabaseCollector(read_db))
    return generate_latest(registry)
