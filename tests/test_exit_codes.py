"""Issue 9, item 23: expected failures keep their documented exit codes; anything unexpected exits
2 with one line and a saved traceback (mode 600, no secrets); Ctrl-C exits 130 with nothing
half-written."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from . import hostile

TOKEN = "tok-0a1b2c3d4e5f-exit-codes-secret"


def _run(*args: str, cache: Path, preexec: Callable[[], None] | None = None,
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "CKAN_API_TOKEN": TOKEN}
    return subprocess.run([sys.executable, "-m", "datarelease", *args], capture_output=True,
                          text=True, timeout=timeout, env=env, preexec_fn=preexec, check=False)


def _snapshot(root: Path) -> dict[str, str]:
    files = [root / "datapackage.json", *sorted((root / "publish").rglob("*"))]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".datarelease"))


def _saved_traceback(stderr: str) -> Path:
    found = re.search(r"the traceback is in (\S+?)\.(?:\s|$)", stderr)
    assert found, stderr
    return Path(found.group(1))


def _assert_unexpected(done: subprocess.CompletedProcess[str], cache: Path, words: str) -> str:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr  # one line
    assert "Traceback" not in done.stderr
    assert words in done.stderr
    saved = _saved_traceback(done.stderr)
    assert saved.is_relative_to(cache / "datarelease" / "crashes")
    assert saved.stat().st_mode & 0o777 == 0o600
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("Traceback") and TOKEN not in text
    return text


def _no_space() -> None:
    """In the child: files may not grow past 8 KiB, and writing past it fails (EFBIG) rather
    than killing the process, as a full disk would."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))


def test_a_write_that_fails_exits_2_with_one_line_and_leaves_the_release(
        release_root: Path, tmp_path: Path) -> None:
    assert _run("build", "--root", str(release_root), cache=tmp_path).returncode == 0
    before = _snapshot(release_root)
    meta = release_root / "datasets" / "dataset.yaml"
    meta.write_text(meta.read_text("utf-8").replace("title: Innovation", "title: New innovation"),
                    encoding="utf-8")
    done = _run("build", "--root", str(release_root), cache=tmp_path, preexec=_no_space)
    _assert_unexpected(done, tmp_path, "File too large")
    assert _snapshot(release_root) == before
    assert _leftovers(release_root) == []


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, check=False) if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("needs root and tmpfs to make a small or read-only file system")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.parametrize("how", ["full", "read-only"])
def test_a_full_or_read_only_file_system_exits_2_and_leaves_the_release(
        release_root: Path, tmp_path: Path, how: str) -> None:
    with _tmpfs(tmp_path / "fs", "3m") as fs:
        root = fs / "release"
        root.mkdir()
        for part in ("datasets", "schemas"):
            subprocess.run(["cp", "-r", str(release_root / part), str(root)], check=True)
        assert _run("build", "--root", str(root), cache=tmp_path).returncode == 0
        before = _snapshot(root)
        if how == "full":
            with contextlib.suppress(OSError), (fs / "filler").open("wb") as filler:
                while True:
                    filler.write(b"\0" * 65536)
        else:
            subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)
        done = _run("build", "--root", str(root), cache=tmp_path)
        words = "No space left on device" if how == "full" else "Read-only file system"
        _assert_unexpected(done, tmp_path, words)
        assert _snapshot(root) == before
        if how == "full":
            (fs / "filler").unlink()
            assert _leftovers(root) == []


def test_debug_prints_the_traceback(release_root: Path, tmp_path: Path) -> None:
    done = _run("--debug", "build", "--root", str(release_root), cache=tmp_path,
                preexec=_no_space)
    assert done.returncode == 2
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.rstrip().splitlines()[-1].startswith("Error: unexpected failure")


@pytest.mark.parametrize(("args", "code", "words"), [
    (["build", "--root", "{tmp}/missing"], 2, "does not exist"),
    (["build", "--root", "{root}", "--nope"], 2, "No such option"),
    (["publish", "--root", "{root}"], 2, "no portal given"),
])
def test_usage_errors_exit_2(release_root: Path, tmp_path: Path, args: list[str], code: int,
                             words: str) -> None:
    done = _run(*[a.format(tmp=tmp_path, root=release_root) for a in args], cache=tmp_path)
    assert done.returncode == code, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("remove", "words"), [
    ("schemas", "schemas: no such folder"),
    ("datasets/sources", "sources: no such folder"),
    ("datasets/annotations", "annotations: no such folder"),
    ("datasets/organisations.yaml", "organisations.yaml: cannot read"),
    ("datasets/dataset.yaml", "dataset.yaml: cannot read"),
])
def test_a_missing_input_exits_3_naming_it(release_root: Path, tmp_path: Path, remove: str,
                                           words: str) -> None:
    target = release_root / remove
    subprocess.run(["rm", "-r", str(target)], check=True)
    done = _run("build", "--root", str(release_root), cache=tmp_path)
    assert done.returncode == 3, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr


def test_a_nul_in_a_path_is_an_input_error(release_root: Path, tmp_path: Path) -> None:
    path = release_root / "datasets" / "annotations" / "skr-2020-09-10-norge.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("file: skr-2020-09-10-norge.txt",
                                 'file: "skr-2020-09-10\\0norge.txt"'), encoding="utf-8")
    done = _run("build", "--root", str(release_root), cache=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "source.file: contains a NUL character" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("answer", [
    b'{"success": true, "result": [1, 2]}', b'{"success": true}', b"[" * 100_000,
    b'{"success": true, "result": {"name": "x", "resources": "nope"}}',
    b'{"success": true, "result": {"name": "x", "resources": [1]}}', b"\xff\xfe junk",
])
def test_junk_answers_from_a_portal_exit_4_in_one_line(tmp_path: Path, answer: bytes) -> None:
    with hostile.HostilePortal() as portal:
        portal.action("package_show", hostile.raw(200, answer))
        done = _run("download", portal.url, "x", "--to", str(tmp_path / "out"), cache=tmp_path)
    assert done.returncode == 4, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_ctrl_c_during_a_build_exits_130_with_nothing_half_written(release_root: Path,
                                                                   tmp_path: Path) -> None:
    assert _run("build", "--root", str(release_root), cache=tmp_path).returncode == 0
    before = _snapshot(release_root)
    process = subprocess.Popen([sys.executable, "-m", "datarelease", "build", "--root",
                                str(release_root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert hostile.wait_for(lambda: bool(_leftovers(release_root)), timeout=60)
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:  # the build finished before the signal: nothing to test here
        pytest.skip("the build was faster than the signal")
    assert process.returncode == 130, err
    assert "Interrupted" in err and "Traceback" not in err, err
    assert _snapshot(release_root) == before, err
    assert _leftovers(release_root) == [], err


def test_sigterm_cleans_up_too(release_root: Path, tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "datarelease", "build", "--root",
                                str(release_root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert hostile.wait_for(lambda: bool(_leftovers(release_root)), timeout=60)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the build was faster than the signal")
    assert process.returncode == 143
    assert _leftovers(release_root) == []
    assert not (release_root / "datapackage.json").exists()


@pytest.mark.parametrize("where", ["missing/datapackage.json", "missing-folder", None])
def test_validate_of_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path,
                                                                 where: str | None) -> None:
    """A mistyped path is the caller's mistake (exit 2), not data that fails validation (exit 1):
    CI must not read a typo in a workflow as invalid data."""
    args = ["validate", str(tmp_path / where)] if where else ["validate"]
    done = subprocess.run([sys.executable, "-m", "datarelease", *args], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, check=False,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 2, done.stderr
    assert "no such file or folder" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
