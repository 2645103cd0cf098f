"""What every part of the streaming engine shares: array types, the error scope, error descriptors,
the default block and key budgets, and two small helpers for the threads."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import frictionless
import frictionless.errors as ferrors
import frictionless.helpers as fhelpers
import numpy as np
import numpy.typing as npt

from datarelease.progress import Progress
from datarelease.validate.reference import make_checklist
from datarelease.validate.report import FINDINGS_PER_KIND

BLOCK_BYTES = 8 << 20
"""Bytes read (and parsed as one pyarrow batch) at a time."""
KEY_MEMORY_BYTES = 64 << 20
"""Key hashes kept in memory before they are spilled to disk, for the whole package."""
QUEUE_DEPTH = 3


@dataclass(frozen=True)
class Budget:
    """How much one run reads at a time and keeps in memory (parameters, so tests can shrink them)."""

    block_bytes: int = BLOCK_BYTES
    key_memory: int = KEY_MEMORY_BYTES
    per_kind: int = FINDINGS_PER_KIND
    """Findings kept per type and field of a table (every one is counted)."""
    workers: int | None = None
    """Worker processes for a multipart table (None: one per core, for tables of at least
    ``PARALLEL_BYTES``; 1: read in this process, as one stream)."""
    check_threads: int | None = None
    """Threads running the vectorised column checks and key hashes of a batch (None: one per
    core; 1: none, the caller's thread runs them)."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def progress_of(progress: bool | Progress | None) -> Progress:
    """A :class:`Progress` as given, or one made for ``True``/``False``/``None`` (a terminal, not CI)."""
    return progress if isinstance(progress, Progress) else Progress.create(progress)

LF, CR = 10, 13

U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
ErrorDict = dict[str, Any]
Undecodable = tuple[int, int | None, int, int]
"""An undecodable cell: row number, field number (None: not known), file offset of its first
invalid UTF-8 sequence, and how many invalid sequences it holds."""


# --------------------------------------------------------------------------- error scope


class Scope:
    """frictionless's checklist: which error types are reported."""

    def __init__(self, pick_errors: Sequence[str], skip_errors: Sequence[str]) -> None:
        self.pick, self.skip = tuple(pick_errors), tuple(skip_errors)
        self.checklist = make_checklist(pick_errors, skip_errors)
        self._scope = set(self.checklist.scope)
        self._data_types: dict[str, bool] = {}

    def wants(self, kind: str) -> bool:
        """Whether an error of this type is reported (errors that are not data errors always are)."""
        if kind in self._scope:
            return True
        data = self._data_types.get(kind)
        if data is None:
            cls = frictionless.system.select_error_class(kind)
            data = isinstance(cls, type) and issubclass(cls, ferrors.DataError)
            self._data_types[kind] = data
        return not data


def error_descriptor(cls: type[Any], **values: Any) -> ErrorDict:
    """An error descriptor as frictionless writes it (message rendered from its template)."""
    descriptor: ErrorDict = {"type": cls.type, **values}
    descriptor["message"] = fhelpers.safe_format(cls.template, descriptor)
    return descriptor


def put_unless_stopped(target: queue.Queue[Any], item: Any, stop: threading.Event) -> None:
    """Put unless told to stop (a consumer that gave up must not leave producers blocked)."""
    while not stop.is_set():
        try:
            target.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def get_unless_stopped(source: queue.Queue[Any], stop: threading.Event) -> Any:
    """The next item, or None once told to stop (a producer told to stop puts nothing more)."""
    while not stop.is_set():
        try:
            return source.get(timeout=0.1)
        except queue.Empty:
            continue
    return None


def cap_key(error: ErrorDict) -> tuple[str, str | None]:
    """The type and field findings are capped by (a foreign key's fields joined, as in reports)."""
    name = error.get("fieldName")
    if name is None and error.get("fieldNames"):
        name = ", ".join(str(n) for n in error["fieldNames"])
    return str(error["type"]), None if name is None else str(name)


def resource_place(resource: Any) -> str | None:
    path = resource.path
    return path if isinstance(path, str) else None
