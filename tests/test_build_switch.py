"""Issue 9, item 18: a build killed at any step of switching releases leaves a release that the
next run turns back into the previous one, and no staging folder behind."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from datarelease import package, pipeline

KILL_AT = ("staged", "validated", *package.COMMIT_STEPS)

_KILLER = """
import os, signal, sys
from pathlib import Path
from datarelease import pipeline

def step(name):
    if name == sys.argv[2]:
        os.kill(os.getpid(), signal.SIGKILL)

pipeline.build(Path(sys.argv[1]), step=step)
"""


def _snapshot(root: Path) -> dict[str, str]:
    """Every file of the release (publish/ and datapackage.json) → its sha256."""
    files = [root / "datapackage.json", *sorted((root / "publish").rglob("*"))]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.is_file()}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".datarelease"))


def _change_inputs(root: Path) -> None:
    meta = root / "datasets" / "dataset.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text.replace("title: Innovation in", "title: Changed innovation in"),
                    encoding="utf-8")


def _kill_build(root: Path, step: str) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLER, str(root), step], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize("step", KILL_AT)
def test_a_build_killed_at_any_step_is_rolled_back_by_the_next_run(release_root: Path,
                                                                   step: str) -> None:
    pipeline.build(release_root)
    old = _snapshot(release_root)
    _change_inputs(release_root)
    _kill_build(release_root, step)
    rolled_back = package.recover_release(release_root)
    assert rolled_back == (step in package.COMMIT_STEPS[1:-1])  # a journal was left
    if step == "clean":  # the switch had finished: the new release stands
        assert _snapshot(release_root) != old
        assert "Changed innovation" in (release_root / "datapackage.json").read_text("utf-8")
    else:
        assert _snapshot(release_root) == old
    assert _leftovers(release_root) == []
    pipeline.build(release_root)
    assert "Changed innovation" in (release_root / "datapackage.json").read_text("utf-8")
    assert _leftovers(release_root) == []


@pytest.mark.parametrize("step", ["old publish", "new publish", "new datapackage.json"])
def test_a_first_build_killed_half_way_leaves_no_release(release_root: Path, step: str) -> None:
    _kill_build(release_root, step)
    package.recover_release(release_root)
    assert not (release_root / "publish").exists()
    assert not (release_root / "datapackage.json").exists()
    assert _leftovers(release_root) == []


def test_the_next_build_recovers_by_itself(release_root: Path) -> None:
    pipeline.build(release_root)
    old = _snapshot(release_root)
    _change_inputs(release_root)
    _kill_build(release_root, "new publish")
    assert not (release_root / "datapackage.json").exists()  # half-switched until recovered
    (release_root / "datasets" / "dataset.yaml").write_text("name: [broken\n", encoding="utf-8")
    with pytest.raises(Exception, match="not valid YAML"):
        pipeline.build(release_root)  # fails on the input, but first puts the release back
    assert _snapshot(release_root) == old
    assert _leftovers(release_root) == []


def test_a_failure_during_the_switch_rolls_back_at_once(release_root: Path) -> None:
    pipeline.build(release_root)
    old = _snapshot(release_root)
    _change_inputs(release_root)

    def fail(name: str) -> None:
        if name == "new datapackage.json":
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        pipeline.build(release_root, step=fail)
    assert _snapshot(release_root) == old
    assert _leftovers(release_root) == []


def test_a_staging_folder_in_use_is_not_removed(release_root: Path) -> None:
    staging, lock = package.make_staging(release_root)
    try:
        assert package.remove_stale_staging(release_root) == []
        assert staging.is_dir()
    finally:
        package.release_staging(staging, lock)
    stale = release_root / f"{package.STAGING_PREFIX}old"
    stale.mkdir()
    os.utime(stale, (0, 0))  # no lock file and old: left by a run killed long ago
    assert package.remove_stale_staging(release_root) == [stale]
