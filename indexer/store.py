"""Atomic on-disk persistence for :class:`~indexer.bm25.BM25Index`.

Layout under ``root``::

    CURRENT                 name of the live index folder (one line)
    index-<uuid hex>/       one complete index
        manifest.json       format version, params, caller meta, sizes
        vocab.txt           terms in term-id order, UTF-8, newline-separated
        term_ptr.npy post_docs.npy post_tf.npy doc_len.npy keys.npy alive.npy df.npy
        post_imp.npy        optional: float32 impact of every posting for the compiled
                            search, for the manifest's "bound_avgdl" (computed on first
                            use if absent or drifted)
        max_impact.npy      optional: per-term bounds of those impacts
        block_max.npy       optional: their block bounds (bm25.block_maxima), for the
                            manifest's "block_shift" and "blocked_from"

A save writes a brand-new folder, fsyncs every file and the folder, then switches
``CURRENT`` atomically (``CURRENT.tmp`` + fsync + ``os.replace`` + fsync of ``root``).
Anything interrupted before the ``os.replace`` leaves the previous index in place; stray
folders are ignored by :func:`load_index` and removed by the next successful save.
Saves are serialised with an advisory ``flock`` on ``root/.lock`` where available, so a
concurrent saver never deletes a folder another saver is about to publish.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from indexer.bm25 import BM25Index, BM25Params, IndexArrays, block_layout, block_maxima
from knowledge.locks import exclusive_lock

__all__ = ["FORMAT_VERSION", "load_index", "save_index", "saved_meta"]

FORMAT_VERSION = 1
_CURRENT = "CURRENT"
_PREFIX = "index-"
_FOLDER_RE = re.compile(r"^index-[0-9a-f]{32}$")
_ARRAYS = ("term_ptr", "post_docs", "post_tf", "doc_len", "keys", "alive", "df")
# Large postings arrays are memory-mapped read-only; the small ones are loaded eagerly.
_MMAP = frozenset({"post_docs", "post_tf", "post_imp"})
_BOUNDS = "max_impact"
_IMPACTS = "post_imp"
_BLOCKS = "block_max"


def _fsync_dir(path: Path) -> None:
    """Fsync a directory so that entries created in it are durable (POSIX only)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file and fsync it."""
    with open(path, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_array(path: Path, array: npt.NDArray[Any]) -> None:
    """Write one array in ``.npy`` format to a new file and fsync it."""
    with open(path, "xb") as fh:
        np.save(fh, np.ascontiguousarray(array), allow_pickle=False)
        fh.flush()
        os.fsync(fh.fileno())


def _write_chunks(path: Path, n: int, dtype: np.dtype[Any],
                  chunks: Iterator[npt.NDArray[Any]]) -> None:
    """Write a 1-d ``.npy`` array of ``n`` items given in chunks, and fsync it."""
    header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False,
              "shape": (n,)}
    written = 0
    with open(path, "xb") as fh:
        np.lib.format.write_array_header_1_0(fh, header)
        for chunk in chunks:
            fh.write(np.ascontiguousarray(chunk, dtype=dtype).tobytes())
            written += chunk.shape[0]
        if written != n:
            raise ValueError(f"{path.name}: {written} items written, {n} announced")
        fh.flush()
        os.fsync(fh.fileno())


def _locked(root: Path) -> contextlib.AbstractContextManager[None]:
    """Hold an exclusive advisory lock on ``root/.lock`` (no-op without fcntl)."""
    return exclusive_lock(root / ".lock")


def _read_current(root: Path) -> str | None:
    """Return the folder name recorded in ``CURRENT``, or None if absent or invalid."""
    try:
        name = (root / _CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return name if _FOLDER_RE.match(name) else None


def _remove_stale(root: Path, keep: str) -> None:
    """Best effort: delete every index folder except ``keep``, and ``CURRENT.tmp``."""
    for entry in root.iterdir():
        if entry.name.startswith(_PREFIX) and entry.name != keep and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
    with contextlib.suppress(OSError):
        (root / f"{_CURRENT}.tmp").unlink()


def save_index(index: BM25Index, root: Path, meta: dict[str, object]) -> Path:
    """Persist ``index`` with caller ``meta`` under ``root``; return the new folder.

    ``meta`` must be JSON-serialisable (checked before anything is written). Pending
    additions are merged into the index first. The previous index stays loadable
    until the final atomic switch of ``root/CURRENT``.
    """
    root = Path(root)
    meta_json = json.loads(json.dumps(meta, allow_nan=False))  # fail early, before I/O
    arrays = index.to_arrays()
    params = arrays.params
    manifest = {
        "format": FORMAT_VERSION,
        "params": {"k1": params.k1, "b": params.b, "epsilon": params.epsilon},
        "meta": meta_json,
        "n_positions": int(arrays.doc_len.shape[0]),
        "n_live": len(index),
        "n_terms": len(arrays.terms),
        "n_postings": int(arrays.post_docs.shape[0]),
    }
    impacts = len(arrays.terms) > 0
    if impacts:
        manifest["bound_avgdl"] = index.impact_avgdl
    vocab = "\n".join(arrays.terms)
    if arrays.terms and vocab.count("\n") != len(arrays.terms) - 1:
        raise ValueError("terms must not contain newlines")
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        name = f"{_PREFIX}{uuid.uuid4().hex}"
        folder = root / name
        folder.mkdir()
        try:
            _write_bytes(folder / "vocab.txt", vocab.encode("utf-8"))
            for field in _ARRAYS:
                _write_array(folder / f"{field}.npy", getattr(arrays, field))
            if impacts:
                bounds = np.zeros(len(arrays.terms), dtype=np.float64)
                blocks: list[npt.NDArray[np.float32]] = []  # gathered as the chunks go by
                _write_chunks(folder / f"{_IMPACTS}.npy", arrays.post_docs.shape[0],
                              np.dtype("<f4"), block_maxima(
                                  arrays.term_ptr, arrays.post_docs, index.impact_chunks(bounds),
                                  int(arrays.doc_len.shape[0]), blocks))
                _write_array(folder / f"{_BOUNDS}.npy", bounds)
                _write_array(folder / f"{_BLOCKS}.npy", blocks[0])
                manifest["block_shift"], manifest["blocked_from"] = block_layout()
            _write_bytes(folder / "manifest.json",
                         json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            _fsync_dir(folder)
            _write_bytes_replace(root / f"{_CURRENT}.tmp", f"{name}\n".encode("ascii"))
            os.replace(root / f"{_CURRENT}.tmp", root / _CURRENT)
            _fsync_dir(root)
        except BaseException:
            if _read_current(root) != name:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        _remove_stale(root, keep=name)
    return folder


def _write_bytes_replace(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (truncating any leftover) and fsync it."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _load_array(path: Path, mmap: bool) -> npt.NDArray[Any]:
    """Load one ``.npy`` array, memory-mapped read-only if ``mmap`` and it is large."""
    mmap = mmap and path.stat().st_size > 1 << 16
    return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)


def _load_folder(folder: Path) -> tuple[BM25Index, dict[str, object]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT_VERSION:
        raise ValueError(f"unsupported index format {manifest.get('format')!r} in {folder}")
    text = (folder / "vocab.txt").read_bytes().decode("utf-8")  # no newline translation
    terms = text.split("\n") if manifest["n_terms"] else []
    arrs: dict[str, npt.NDArray[Any]] = {}
    for field in _ARRAYS:
        arrs[field] = _load_array(folder / f"{field}.npy", mmap=field in _MMAP)
    p = manifest["params"]
    bound_avgdl = manifest.get("bound_avgdl")
    bounds = impacts = blocks = None
    # impacts are used only with their bounds (an index saved before impacts were
    # saved has bounds alone: they are then recomputed with the impacts on first use)
    if (isinstance(bound_avgdl, int | float) and (folder / f"{_BOUNDS}.npy").exists()
            and (folder / f"{_IMPACTS}.npy").exists()):
        bounds = np.load(folder / f"{_BOUNDS}.npy", allow_pickle=False)
        impacts = _load_array(folder / f"{_IMPACTS}.npy", mmap=True)
        if ([manifest.get("block_shift"), manifest.get("blocked_from")] == list(block_layout())
                and (folder / f"{_BLOCKS}.npy").exists()):  # else computed on first use
            blocks = np.load(folder / f"{_BLOCKS}.npy", allow_pickle=False)
    arrays = IndexArrays(
        terms=terms,
        params=BM25Params(k1=float(p["k1"]), b=float(p["b"]), epsilon=float(p["epsilon"])),
        max_impact=bounds,
        bound_avgdl=float(bound_avgdl) if bounds is not None else 0.0,
        post_imp=impacts,
        block_max=blocks,
        **arrs,
    )
    if len(terms) != manifest["n_terms"] or arrays.doc_len.shape[0] != manifest["n_positions"]:
        raise ValueError(f"index files in {folder} do not match its manifest")
    meta = manifest.get("meta", {})
    return BM25Index.from_arrays(arrays), dict(meta)


def load_index(root: Path) -> tuple[BM25Index, dict[str, object]] | None:
    """Load the index that ``root/CURRENT`` points to, with its meta; None if none.

    The postings arrays are memory-mapped read-only. Retries a few times if a
    concurrent save replaced and removed the folder while it was being read.
    """
    root = Path(root)
    for _attempt in range(3):
        name = _read_current(root)
        if name is None:
            return None
        try:
            return _load_folder(root / name)
        except FileNotFoundError:
            if _read_current(root) == name:
                raise
    raise RuntimeError(f"index under {root} kept changing while loading")


def saved_meta(root: Path) -> dict[str, object] | None:
    """The caller meta of the index ``root/CURRENT`` points to, without loading it; None if none."""
    name = _read_current(Path(root))
    if name is None:
        return None
    try:
        manifest = json.loads((Path(root) / name / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = manifest.get("meta", {}) if isinstance(manifest, dict) else {}
    return dict(meta) if isinstance(meta, dict) else None
