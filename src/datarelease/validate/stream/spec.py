"""The plan of one streamed table, as plain data: what :mod:`.plan` decides and the other parts read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datarelease.validate.stream.common import ErrorDict

# --------------------------------------------------------------------------- planning


@dataclass
class Delegate:
    reason: str


@dataclass(frozen=True)
class Segment:
    """The bytes of one part of a multipart resource that frictionless reads: from ``start`` (after
    the first line of every part but the first, when the parts have a header) to the end of the
    file (``end``, its size when planned)."""

    name: str
    """The part's path as the descriptor gives it (for notes)."""
    path: Path
    start: int
    end: int


@dataclass
class KeyRef:
    """A foreign key of a streamed table, as frictionless builds it."""

    index: int
    target: tuple[str, ...]
    source_name: str
    """The table referred to (this table for a self-reference)."""
    source_key: tuple[str, ...]
    label: str
    """The resource as the descriptor names it (``""`` for a self-reference), for the note."""


@dataclass
class TableSpec:
    """Everything needed to stream one CSV resource."""

    resource: Any
    name: str
    path: Path
    skip_bom: bool
    delimiter: str
    quote: str
    header_records: int
    first_row: int
    fields: list[Any]
    header_errors: list[ErrorDict]
    hash_algorithm: str | None
    hash_expected: str | None
    declared_bytes: int | None
    declared_rows: int | None
    declared_fields: int | None
    schema_fields: int
    """Fields of the schema frictionless uses (declared, or inferred from a sample)."""
    unique: list[int]
    primary_key: list[int]
    foreign_keys: list[KeyRef]
    referenced_keys: list[tuple[str, ...]] = field(default_factory=list)
    parts: tuple[Segment, ...] = ()
    """A multipart resource: the parts, read as one stream (empty: ``path`` alone)."""
    encoding: str = "utf-8"
    """The codec the bytes are decoded with: UTF-8, or a single-byte encoding whose runs of
    records are transcoded to UTF-8 (:mod:`.transcode`)."""


Plan = TableSpec | Delegate | list[ErrorDict]
