"""The switch: journalled, so that a run killed half-way is rolled back by the next one.

The release is two things in the root, publish/ and datapackage.json, and no rename moves two
things at once. So the switch writes a journal first (naming the staging folder and which of
the two existed), then moves the old ones into the staging folder and the new ones into the
root, then deletes the journal: that deletion is the moment the new release counts. A run
killed before it leaves the journal, and the next build (or recover_release) puts the old
release back from the staging folder, rename by rename; every step is safe to repeat.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from datarelease.errors import DataReleaseError
from datarelease.package.staging import (
    STAGING_PREFIX,
    StagedRelease,
    in_use,
    release_staging,
    remove_stale_staging,
)

JOURNAL = ".datarelease-commit.json"
_RELEASE_ITEMS = ("publish", "datapackage.json")
COMMIT_STEPS = ("journal", "old publish", "old datapackage.json", "new publish",
                "new datapackage.json", "forget journal", "clean")
"""The steps of :func:`commit_release`, in order; ``step`` is called with each before it runs."""


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_journal(root: Path, staging: Path, had: list[str]) -> None:
    temporary = root / f"{JOURNAL}.tmp"
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump({"staging": staging.name, "had": had}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / JOURNAL)
    _fsync_dir(root)


def commit_release(staged: StagedRelease, *, step: Callable[[str], None] | None = None) -> None:
    """Move the staged ``publish/`` and ``datapackage.json`` into the root, as one switch.

    Each move is a rename on the same file system, recorded in a journal first (see above), so
    a failure or a kill at any point leaves a root that :func:`recover_release` (run by every
    build) turns back into the previous release. ``step`` (for tests) is called with each of
    :data:`COMMIT_STEPS` before it runs. Schemas and the release log are inputs, not touched.
    """
    root, staging = staged.root, staged.staging
    hook = step or (lambda name: None)
    try:
        hook("journal")
        _write_journal(root, staging, [n for n in _RELEASE_ITEMS if (root / n).exists()])
        for name in _RELEASE_ITEMS:
            hook(f"old {name}")
            if (root / name).exists():
                os.replace(root / name, staging / f"{name}.previous")
        for name in _RELEASE_ITEMS:
            hook(f"new {name}")
            os.replace(staging / name, root / name)
        _fsync_dir(root)
        hook("forget journal")
        (root / JOURNAL).unlink()
        _fsync_dir(root)
    except BaseException:
        _roll_back(root)
        release_staging(staging, staged.lock)
        raise
    hook("clean")
    release_staging(staging, staged.lock)


def _roll_back(root: Path) -> bool:
    """Undo a switch the journal says did not finish; False when there is no journal."""
    journal = root / JOURNAL
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        name = str(record["staging"])
        had = set(record["had"])
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataReleaseError(f"{journal}: unreadable build journal ({exc}); restore publish/ "
                               "and datapackage.json from version control and delete it") from None
    if "/" in name or not name.startswith(STAGING_PREFIX):
        raise DataReleaseError(f"{journal}: names {name!r}, not a staging folder; delete it")
    staging = root / name
    for item in _RELEASE_ITEMS:
        current, previous, new_home = root / item, staging / f"{item}.previous", staging / item
        if previous.exists():  # the old one was moved out: bring it back
            if current.exists():
                _move_aside(current, new_home)
            os.replace(previous, current)
        elif item not in had and current.exists() and not new_home.exists():
            _move_aside(current, new_home)  # a first build's new file: there was nothing before
    _fsync_dir(root)
    journal.unlink()
    _fsync_dir(root)
    return True


def _move_aside(path: Path, to: Path) -> None:
    if to.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    else:
        to.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, to)


def recover_release(root: Path) -> bool:
    """Finish what a killed build left: roll back a half-done switch, remove stale staging.

    Returns True when a switch was rolled back. Raises when another build is switching now.
    """
    journal = root / JOURNAL
    if journal.exists():
        try:
            name = str(json.loads(journal.read_text(encoding="utf-8")).get("staging", ""))
        except (OSError, ValueError, AttributeError):
            name = ""
        if name and "/" not in name and (root / name).is_dir() and in_use(root / name):
            raise DataReleaseError(f"another build is switching the release in {root} right now")
    rolled_back = _roll_back(root)
    remove_stale_staging(root)
    with contextlib.suppress(FileNotFoundError):
        (root / f"{JOURNAL}.tmp").unlink()
    return rolled_back
