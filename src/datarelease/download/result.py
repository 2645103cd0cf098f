"""What a download writes and gives back: each file with the check it passed, the result, and
the lines the CLI prints (:func:`render`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from datarelease import validate

DESCRIPTOR_NAME = "datapackage.json"
STAGING_PREFIX = ".datarelease-download-"  # the hidden folder a download is staged in

# How a file's check went, as printed by the CLI.
VERIFIED = "verified"
SIZE_CHECKED = "size matches CKAN, sha256 recorded"
RECORDED = "not verifiable: sha256 recorded"
SCHEMA_FROM_PORTAL = "schema from the portal's resource metadata"
MAPPED = "mapped from CKAN's metadata"


@dataclass(frozen=True)
class DownloadedFile:
    """One file written into the target folder."""

    path: str
    """Relative to the target folder, POSIX separators."""
    resource: str | None
    """The descriptor's resource name; None for the descriptor and schemas."""
    bytes: int
    sha256: str
    check: str
    """What the file was checked against: ``VERIFIED`` (bytes and hash in the descriptor or in
    datarelease's CKAN fields), ``SIZE_CHECKED``, ``RECORDED``, ``SCHEMA_FROM_PORTAL`` or ``MAPPED``
    (a descriptor written here)."""


@dataclass(frozen=True)
class DownloadResult:
    descriptor: Path
    files: tuple[DownloadedFile, ...]
    verified: bool
    """True when the release had a descriptor on the portal and every data file matched it."""
    report: validate.Report
    """The re-validation of the downloaded release (always valid: invalid ones raise)."""
    notes: tuple[str, ...]
    """What could not be verified, and why."""


def render(result: DownloadResult) -> str:
    """What the CLI prints: each file with its size and check, then the verdict and any notes."""
    width = max(len(f.path) for f in result.files)
    lines = [f"Downloaded into {result.descriptor.parent}", ""]
    lines += [f"{f.path:<{width}}  {f.bytes:>10} bytes  {f.check}" for f in result.files]
    data = [f for f in result.files if f.resource is not None]
    lines.append("")
    if result.verified:
        lines.append(f"Verified: {len(data)} files match {DESCRIPTOR_NAME} (bytes and sha256).")
    lines += [f"Note: {note}" for note in result.notes]
    lines.append(f"Valid: {len(result.report.resources)} resources, 0 errors.")
    return "\n".join(lines)
