"""``sdgbot ingest FOLDER`` reads the folder and nothing outside it, and says what it skipped.

Tester 20 (D1): ``ln -s /etc/passwd weird/link-to-passwd.txt; sdgbot ingest weird``
stored the system's password file, searchable by every staff member.  (D4b): a file
whose name starts with "." was passed over without the "skipped" line README promises.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_run import Run

from knowledge.folder_walk import Skipped, folder_files
from knowledge.ingest import read_path
from knowledge.parsers import DocumentError

NEWS = "ข่าวประชาสัมพันธ์ กระทรวงมหาดไทยจัดประชุมติดตามงานธนาคารขยะ {n} แห่ง\n"
SECRET = "root:x:0:0:zqxsecretword:/root:/bin/bash\n"


def _weird(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with links out of it and into it, hidden files, a FIFO; and a file outside."""
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    secret = outside / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    (outside / "deep" / "more.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "weird"
    (folder / "sub").mkdir(parents=True)
    (folder / "ok.txt").write_text(NEWS.format(n=1), encoding="utf-8")
    (folder / "sub" / "inner.txt").write_text(NEWS.format(n=2), encoding="utf-8")
    (folder / "link-to-passwd.txt").symlink_to(secret)
    (folder / "sub" / "relative-out.txt").symlink_to(Path("..") / ".." / "outside" / "passwd")
    (folder / "linked-dir").symlink_to(outside / "deep", target_is_directory=True)
    (folder / "inside-link.txt").symlink_to(folder / "sub" / "inner.txt")
    (folder / "broken.txt").symlink_to(folder / "nothing-here.txt")
    (folder / "..%2f..%2fetc%2fpasswd.txt").write_text(NEWS.format(n=3), encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "config.txt").write_text(NEWS.format(n=4), encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")  # reading it would block the ingest for ever
    return folder, secret


def test_the_walk_never_leaves_the_folder_and_names_every_file_it_skips(tmp_path: Path) -> None:
    folder, _secret = _weird(tmp_path)
    skipped: list[Skipped] = []
    read = list(folder_files(folder, skipped))
    assert read == [folder / "inside-link.txt", folder / "ok.txt", folder / "sub" / "inner.txt"]
    why = {s.path.relative_to(folder).as_posix(): s.reason for s in skipped}
    assert set(why) == {"..%2f..%2fetc%2fpasswd.txt", ".git", "broken.txt", "link-to-passwd.txt",
                        "linked-dir", "pipe.txt", "sub/relative-out.txt"}
    assert "out of the folder" in why["link-to-passwd.txt"]
    assert "out of the folder" in why["sub/relative-out.txt"]
    assert "hidden file" in why["..%2f..%2fetc%2fpasswd.txt"]
    assert "hidden folder" in why[".git"]
    assert "link to a folder" in why["linked-dir"]
    assert "broken" in why["broken.txt"] and "not a regular file" in why["pipe.txt"]


def test_read_path_of_a_folder_reports_links_and_hidden_files(tmp_path: Path) -> None:
    folder, _secret = _weird(tmp_path)
    told: list[tuple[Path, str]] = []
    docs = list(read_path(folder, lambda p, why: told.append((p, why))))
    assert not any("zqxsecretword" in d.text for d in docs)
    assert {p.name for p, _ in told} >= {"link-to-passwd.txt", "..%2f..%2fetc%2fpasswd.txt"}


def test_ingest_of_the_folder_stores_nothing_from_outside_and_says_so(
        run: Run, tmp_path: Path) -> None:
    folder, _secret = _weird(tmp_path)
    home = tmp_path / "home"
    res = run(home, "ingest", str(folder))
    assert res.code == 0, res.err
    lines = res.out.strip().split("\n")
    skipped = [ln for ln in lines if ln.startswith("ข้าม ")]
    assert len(skipped) == 7, skipped  # one line per file, each with its reason
    assert any("link-to-passwd.txt" in ln and "out of the folder" in ln for ln in skipped)
    assert any("..%2f..%2fetc%2fpasswd.txt" in ln and "hidden file" in ln for ln in skipped)
    hits = run(home, "search", "zqxsecretword root bash", "--json").json()["hits"]
    assert not any("zqxsecretword" in h["text"] for h in hits)
    docs = run(home, "docs", "--json").json()
    assert not any("zqxsecretword" in d["title"] for d in docs)
    # --json lists them too.
    again = run(home, "ingest", str(folder), "--json").json()
    assert {"link-to-passwd.txt", "pipe.txt"} <= {Path(f["path"]).name
                                                 for f in again["skipped_files"]}


def test_a_link_named_on_its_own_is_judged_against_its_folder(run: Run, tmp_path: Path) -> None:
    folder, _secret = _weird(tmp_path)
    home = tmp_path / "home"
    res = run(home, "ingest", str(folder / "link-to-passwd.txt"))
    assert res.code == 0, res.err
    assert "added 0" in res.out and "out of the folder" in res.out
    assert not any("zqxsecretword" in h["text"] for h in run(
        home, "search", "zqxsecretword", "--json").json()["hits"])
    inside = run(home, "ingest", str(folder / "inside-link.txt"))  # a link within its folder
    assert inside.code == 0 and "added 1" in inside.out
    hidden = run(home, "ingest", str(folder / "..%2f..%2fetc%2fpasswd.txt"))  # named: read
    assert hidden.code == 0 and "added 1" in hidden.out
    with pytest.raises(DocumentError, match="out of the folder"):
        from knowledge.ingest import read_paths
        read_paths([folder / "link-to-passwd.txt"])


def test_media_serves_files_of_its_folder_only(tmp_path: Path) -> None:
    """Both web servers' ``/media/{name}`` ask :func:`bot.media_files.media_file`."""
    from bot.media_files import media_file

    media = tmp_path / "media"
    media.mkdir()
    (tmp_path / "secret.png").write_bytes(b"secret")
    (media / "link.png").symlink_to(tmp_path / "secret.png")
    (media / "ok.png").write_bytes(b"\x89PNG")
    (media / "in.png").symlink_to(media / "ok.png")
    kinds = ("png",)
    assert media_file(media, "ok.png", kinds) == (media / "ok.png").resolve()
    assert media_file(media, "in.png", kinds) == (media / "ok.png").resolve()
    for name in ("link.png", ".hidden.png", "../secret.png", "ok.xlsx", "missing.png", "a\0.png"):
        assert media_file(media, name, kinds) is None, name


def test_summary_files_replace_a_link_at_their_path_never_write_through_it(
        run: Run, tmp_path: Path) -> None:
    """``--xlsx``/``--chart`` onto a symbolic link: the link is replaced, its target untouched."""
    target = tmp_path / "outside" / "important.txt"
    target.parent.mkdir()
    target.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("q.xlsx", "q.png"):
        (out / name).symlink_to(target)
    res = run(tmp_path / "home", "summary", "2/2566", "--xlsx", str(out / "q.xlsx"),
              "--chart", str(out / "q.png"))
    assert res.code == 0, res.err
    assert target.read_text(encoding="utf-8") == "keep me"
    for name in ("q.xlsx", "q.png"):
        assert not (out / name).is_symlink() and (out / name).stat().st_size > 0
