"""Sample what PostgreSQL's backends are doing, beside a ``bench/load.py`` run.

    python bench/pg_sample.py postgresql://postgres@127.0.0.1:55433/RUN samples.txt [0.1]

Every INTERVAL seconds (default 0.1) until interrupted, one line per backend of the
database that is not idle (``A``: wall-clock time, pid, application, state, wait event,
age of its statement and of its transaction, the statement's first 90 characters) and
one per ungranted lock (``L``: pid, lock type, mode, object, the pids it waits for).
Short statements (under 50 ms, not waiting for a lock) and transactions idle for under
200 ms are left out.  The times are epoch seconds, to lay beside ``requests.jsonl``
(``--keep``) and the processes' logs.
"""

from __future__ import annotations

import sys
import time

import psycopg

ACTIVITY = """
SELECT pid, coalesce(application_name, ''), state, coalesce(wait_event_type, ''),
       coalesce(wait_event, ''),
       round(extract(epoch FROM clock_timestamp() - query_start) * 1000),
       round(extract(epoch FROM clock_timestamp() - xact_start) * 1000),
       left(regexp_replace(query, '\\s+', ' ', 'g'), 90)
FROM pg_stat_activity
WHERE pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle' AND datname = current_database()
"""
WAITING = """
SELECT l.pid, l.locktype, l.mode,
       coalesce(l.relation::regclass::text, l.classid::text || '/' || l.objid::text,
                l.transactionid::text, ''),
       pg_blocking_pids(l.pid)
FROM pg_locks l WHERE NOT l.granted
"""


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    url, out = argv[0], argv[1]
    interval = float(argv[2]) if len(argv) > 2 else 0.1
    conn: psycopg.Connection[tuple[object, ...]] | None = None
    with open(out, "a", buffering=1, encoding="utf-8") as f:
        while True:
            t = time.time()
            try:
                if conn is None:
                    conn = psycopg.connect(url, autocommit=True)
                rows = conn.execute(ACTIVITY).fetchall()
                locks = conn.execute(WAITING).fetchall()
            except psycopg.Error as exc:  # PostgreSQL restarted: reconnect
                f.write(f"{t:.2f} ERR {type(exc).__name__}\n")
                conn = None
                time.sleep(1.0)
                continue
            for pid, app, state, wtype, wevent, q_ms, x_ms, query in rows:
                q_ms, x_ms = float(q_ms or 0), float(x_ms or 0)
                if state == "idle in transaction" and x_ms < 200:
                    continue
                if state == "active" and q_ms < 50 and wtype != "Lock":
                    continue
                f.write(f"{t:.2f} A {pid} {str(app)[:20]} {state} {wtype}/{wevent} "
                        f"q={q_ms:.0f}ms x={x_ms:.0f}ms {query}\n")
            for pid, kind, mode, what, blockers in locks:
                f.write(f"{t:.2f} L {pid} {kind} {mode} {what} blockedby={blockers}\n")
            time.sleep(max(0.0, interval - (time.time() - t)))


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(0)
