"""The few exception types datarelease raises.

Bad data is a *report* (see :mod:`datarelease.validate`); a run that cannot go on is an exception::

    DataReleaseError                 base of everything below; ``exit_code`` is what the CLI exits with
    ├── InputError                   a file a steward edits is wrong (exit 3)
    │   ├── SourceError              a source document cannot be read or understood
    │   ├── AnnotationError          an annotation or the organisation registry is wrong
    │   ├── SchemaError              a Table Schema or descriptor is not valid
    │   ├── UnsafeInputError         a package goes past a limit: size, depth, zip expansion, a path out
    │   │   └── IncompatibleKeysError  two releases' primary keys cannot match a table's rows
    │   ├── VersionError             a version is not a semantic version (MAJOR.MINOR.PATCH)
    │   └── BumpRefused              the release bump asked for is smaller than the changes need
    ├── ValidationFailed             the release does not pass validation (exit 1); carries the report
    ├── PortalError                  talking to a CKAN portal failed (exit 4)
    │   ├── PortalUnavailable        connection refused, timed out, or 5xx after retries
    │   ├── NotAuthorizedError       the token is missing, wrong, or lacks a permission
    │   ├── PortalValidationError    CKAN refused the data; keeps CKAN's ``error_dict``
    │   └── ConflictError            the dataset changed on the portal between plan and apply
    ├── VerificationError            downloaded bytes do not match the descriptor (exit 5)
    └── ToolMissing                  a program the build needs is not installed, e.g. Graphviz (exit 6)

Every message names the file, and the line, row, item or field where one applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = [
    "AnnotationError", "BumpRefused", "ConflictError", "DataReleaseError", "IncompatibleKeysError",
    "InputError", "NotAuthorizedError", "PortalError", "PortalUnavailable", "PortalValidationError",
    "SchemaError", "SourceError", "ToolMissing", "UnsafeInputError", "ValidationFailed",
    "VerificationError", "VersionError",
]


class DataReleaseError(Exception):
    """Base class: a run that cannot go on."""

    exit_code = 2


class InputError(DataReleaseError):
    """A steward-edited input is wrong; the message says where."""

    exit_code = 3

    def __init__(self, message: str, *, path: Path | str | None = None,
                 location: str | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.location = location
        where = ""
        if path is not None:
            where = f"{path}"
            if location:
                where += f", {location}"
            where += ": "
        super().__init__(f"{where}{message}")


class SourceError(InputError):
    """A source document cannot be decoded or does not look like an article."""


class AnnotationError(InputError):
    """An annotation file or the organisation registry is wrong."""


class SchemaError(InputError):
    """A Table Schema or a Data Package descriptor is not valid."""


class UnsafeInputError(InputError):
    """An untrusted package goes past a limit (descriptor size or depth, zip expansion) or points
    outside its folder; nothing of it was used."""


class IncompatibleKeysError(SchemaError):
    """The primary keys of OLD and NEW cannot match rows of a table."""


class VersionError(InputError):
    """A version is not a semantic version (MAJOR.MINOR.PATCH)."""


class BumpRefused(InputError):
    """The bump asked for is smaller than the changes need."""


class ValidationFailed(DataReleaseError):
    """The release does not validate; ``report`` says why."""

    exit_code = 1

    def __init__(self, message: str, report: Any) -> None:
        self.report = report
        super().__init__(message)


class PortalError(DataReleaseError):
    """A CKAN portal call failed."""

    exit_code = 4


class PortalUnavailable(PortalError):
    """The portal cannot be reached or keeps failing with 5xx."""


class NotAuthorizedError(PortalError):
    """The API token is missing, invalid, or not allowed to do this."""


class PortalValidationError(PortalError):
    """CKAN refused the data; ``error_dict`` is CKAN's own."""

    def __init__(self, message: str, error_dict: dict[str, Any] | None = None) -> None:
        self.error_dict = error_dict or {}
        super().__init__(message)


class ConflictError(PortalError):
    """The dataset on the portal changed between plan and apply."""


class VerificationError(DataReleaseError):
    """A downloaded file does not match its descriptor."""

    exit_code = 5


class ToolMissing(DataReleaseError):
    """A program the build runs is not installed (Graphviz's ``dot``); the message says which."""

    exit_code = 6
