"""Versions, in one place: semantic versions (parsing, bumping), the release log ``RELEASES.md``
(its entries, newest first, and the version it states), and the name of a released version's
frozen dataset on a portal."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datarelease.errors import DataReleaseError, InputError, VersionError

__all__ = [
    "BUMPS", "RELEASE_LOG", "SEMVER", "ReleaseEntry", "latest_entry", "next_version", "parse_version",
    "read_release_log", "release_log_version", "version_dataset_name",
]

BUMPS = ("major", "minor", "patch")
RELEASE_LOG = "RELEASES.md"
"""The release log at the repository root: written only by ``datarelease release``, newest first."""
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")
_ENTRY_HEADING = re.compile(r"##[ \t]+(?P<version>\S+)[ \t]+(?:—|–|-{1,2})[ \t]+(?P<date>\S+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")


@dataclass(frozen=True)
class ReleaseEntry:
    """One entry of the release log: its heading ``## X.Y.Z — YYYY-MM-DD`` and its text."""

    version: str
    date: str
    line: int
    """The heading's line number (1-based)."""
    text: str
    """The entry from its heading to the next one, ending in one newline."""


def read_release_log(path: Path) -> tuple[str, list[ReleaseEntry]]:
    """The text before the first entry and the entries of a release log, newest first.

    Every level-2 heading (``## ``, outside fenced code) starts an entry and must read
    ``## MAJOR.MINOR.PATCH — YYYY-MM-DD`` (an en dash or hyphen also does); any other is an
    :class:`~datarelease.errors.InputError` naming the file and the line.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the release log: {exc}", path=path) from exc
    lines = text.splitlines(keepends=True)
    starts: list[tuple[int, str, str]] = []
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        bare = line.rstrip("\n")  # read_text made every line end "\n"
        opening = _FENCE.match(bare)
        if opening:
            fence = None if fence == opening.group(1) else fence or opening.group(1)
            continue
        if fence is not None or not re.match(r"##(?!#)", bare):
            continue
        match = _ENTRY_HEADING.fullmatch(bare.rstrip())
        if (match is None or not SEMVER.fullmatch(match["version"])
                or not _ISO_DATE.fullmatch(match["date"])):
            raise InputError(f"the release heading {bare.strip()!r} is not '## MAJOR.MINOR.PATCH — "
                             "YYYY-MM-DD' (e.g. '## 1.4.0 — 2026-11-27'); this file is written by "
                             "'datarelease release'", path=path, location=f"line {number}")
        try:
            dt.date.fromisoformat(match["date"])
        except ValueError:
            raise InputError(f"the release heading {bare.strip()!r} has no valid date "
                             f"({match['date']} is not a day of the calendar)", path=path,
                             location=f"line {number}") from None
        starts.append((number, match["version"], match["date"]))
    first = starts[0][0] - 1 if starts else len(lines)
    ends = [number - 1 for number, _, _ in starts[1:]] + [len(lines)] * bool(starts)
    entries = [ReleaseEntry(version, date, number,
                            "".join(lines[number - 1:end]).rstrip("\n") + "\n")
               for (number, version, date), end in zip(starts, ends, strict=True)]
    return "".join(lines[:first]), entries


def release_log_version(path: Path) -> str:
    """The version of the newest entry (the first) of the release log at ``path``."""
    _, entries = read_release_log(path)
    if not entries:
        raise InputError("the release log has no entry ('## MAJOR.MINOR.PATCH — YYYY-MM-DD'), so it "
                         "says no version; remove the file to take the version from "
                         "datasets/dataset.yaml", path=path)
    return entries[0].version



def parse_version(text: Any, *, where: str = "datapackage.json") -> tuple[int, int, int]:
    if not isinstance(text, str) or not SEMVER.fullmatch(text):
        raise VersionError(f"version {text!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)",
                           path=where, location="version")
    major, minor, patch = (int(part) for part in SEMVER.fullmatch(text).groups())  # type: ignore[union-attr]
    return major, minor, patch


def next_version(current: str, bump: str) -> str:
    major, minor, patch = parse_version(current)
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"unknown bump {bump!r}; expected one of {', '.join(BUMPS)}")


def version_dataset_name(name: str, version: str) -> str:
    """The frozen dataset of one released version: ``<name>-v1-4-0`` (CKAN names allow no dots)."""
    match = SEMVER.fullmatch(version) if isinstance(version, str) else None
    if match is None:
        raise DataReleaseError(f"version {version!r} is not a semantic version (MAJOR.MINOR.PATCH, "
                               "e.g. 1.4.0)")
    major, minor, patch = match.groups()
    return f"{name}-v{major}-{minor}-{patch}"


def latest_entry(root: Path) -> str | None:
    """The newest entry of ``RELEASES.md``, if there is one."""
    entries = read_release_log(path)[1] if (path := root / RELEASE_LOG).is_file() else []
    return entries[0].text if entries else None
