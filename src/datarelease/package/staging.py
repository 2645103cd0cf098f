"""Staging folders: in use while their lock is held, removable once it is not.

A staging folder holds a file locked with flock(2) by the process that made it. The kernel
releases the lock when that process ends however it ends (SIGKILL included), so a later run
tells a folder left by a killed run (lock free) from one another run is using (lock held).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datarelease.package.tables import FileInfo


@dataclass(frozen=True)
class StagedRelease:
    """A complete release written under ``staging``; nothing in the target root changed yet."""

    root: Path
    staging: Path
    descriptor: dict[str, Any]
    files: tuple[FileInfo, ...]
    lock: int = -1
    """The open, locked file that marks ``staging`` as in use (see :func:`make_staging`)."""


STAGING_PREFIX = ".datarelease-staging-"
_LOCK_NAME = ".datarelease-lock"
_UNLOCKED_GRACE = 60.0  # seconds: a folder without a lock file may be one being created


def make_staging(parent: Path, prefix: str = STAGING_PREFIX) -> tuple[Path, int]:
    """A fresh hidden folder in ``parent`` and the locked descriptor that marks it in use."""
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        lock = os.open(staging / _LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, lock


def release_staging(staging: Path, lock: int) -> None:
    """Remove a staging folder made by :func:`make_staging` and let go of its lock."""
    shutil.rmtree(staging, ignore_errors=True)
    if lock >= 0:
        with contextlib.suppress(OSError):
            os.close(lock)


def in_use(folder: Path) -> bool:
    try:
        lock = os.open(folder / _LOCK_NAME, os.O_RDWR)
    except FileNotFoundError:
        with contextlib.suppress(OSError):
            return time.time() - folder.stat().st_mtime < _UNLOCKED_GRACE
        return False
    except OSError:
        return True
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(lock)
    return False


def remove_stale_staging(parent: Path, prefix: str = STAGING_PREFIX) -> list[Path]:
    """Remove staging folders in ``parent`` that no running process holds (a killed run's)."""
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for folder in parent.glob(f"{prefix}*"):
        if folder.is_dir() and not folder.is_symlink() and not in_use(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
