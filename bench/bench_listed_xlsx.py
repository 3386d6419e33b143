"""The listed projects' workbook alone: XlsxWriter against rustpy-xlsxwriter, same rows.

Usage (from the project root, on a database ``bench/bench_summary.py --keep DIR`` built)::

    PYTHAINLP_OFFLINE=1 .venv/bin/python bench/bench_listed_xlsx.py DIR [--repeat N]

Reads quarter 2/2566's listed rows once (37,672 for the ThaiME workbooks), then writes
them ``--repeat`` times with each writer in turn: XlsxWriter's ``listed`` sheet (what the
CLI's full workbook still uses) and :func:`bot.summary_workbook.write_listed_xlsx`
(rustpy-xlsxwriter).  Prints the medians of CPU and wall seconds and the file sizes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.atomic_file import save_atomically
from bot.summary_workbook import _listed_sheet, _open, write_listed_xlsx
from knowledge.db import Database, sqlite_url
from knowledge.project_queries import Filters, ListedRow, listed_rows
from knowledge.thai import FiscalQuarter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path, help="the --keep folder of bench_summary.py")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    q = FiscalQuarter(2566, 2)
    db = Database(sqlite_url(args.home))
    with db.read() as s:
        rows: list[ListedRow] = list(listed_rows(s, Filters(None, None, None, 2566, 2)))
    print(f"{len(rows)} rows")
    folder = Path(tempfile.mkdtemp(prefix="bench-listed-"))

    def xlsxwriter(path: Path) -> None:
        def save(tmp: str) -> None:
            wb, book, heading = _open(q, tmp, "บัญชีโครงการที่เสนอในไตรมาส")
            _listed_sheet(book, heading, iter(rows), None)
            wb.close()
        save_atomically(path, save)

    def rustpy(path: Path) -> None:
        write_listed_xlsx(q, path, iter(rows))

    writers: dict[str, Callable[[Path], None]] = {"xlsxwriter": xlsxwriter, "rustpy": rustpy}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in writers}
    for _ in range(args.repeat):
        for name, write in writers.items():
            c0, t0 = time.process_time(), time.perf_counter()
            write(folder / f"{name}.xlsx")
            times[name].append((time.process_time() - c0, time.perf_counter() - t0))
    for name, got in times.items():
        size = (folder / f"{name}.xlsx").stat().st_size
        print(f"{name}: CPU {statistics.median(c for c, _ in got):.3f} s, "
              f"wall {statistics.median(w for _, w in got):.3f} s, {size:,} bytes")
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
