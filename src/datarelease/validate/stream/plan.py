"""Planning: which resources are streamed, with which dialect, fields and keys, and which are handed
to frictionless (and why); the order in which tables are read."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
from pathlib import Path
from typing import IO, Any

import frictionless
import frictionless.errors as ferrors
import frictionless.helpers as fhelpers
import frictionless.settings as fsettings

from datarelease.validate.stream.common import ErrorDict
from datarelease.validate.stream.read import LENIENT_UTF8
from datarelease.validate.stream.spec import Delegate, KeyRef, Segment, TableSpec
from datarelease.validate.stream.transcode import UTF8, single_byte

_FAST_KEY_TYPES = {"string", "integer", "number", "boolean", "date", "datetime", "time", "year", "any"}
_CSV_FORMATS = {"csv", "tsv"}


class Planner:
    def __init__(self, in_package: bool, undecodable: frozenset[str] = frozenset()) -> None:
        """``undecodable``: tables whose bytes their encoding cannot decode (found by a scan)."""
        self.in_package = in_package
        self.undecodable = undecodable

    def plan(self, resource: Any, package_names: set[str]) -> TableSpec | Delegate | list[ErrorDict]:
        """A spec to stream, a reason to delegate, or the errors frictionless stops with."""
        if str(resource.name) in self.undecodable:
            return Delegate("bytes its encoding cannot decode")
        if not isinstance(resource, frictionless.resources.TableResource):
            return Delegate("not a table resource")
        if resource.data is not None or not isinstance(resource.path, str):
            return Delegate("inline data")
        paths = list(resource.paths)
        remote = resource.remote or any(fhelpers.is_remote_path(p) for p in paths)  # .remote misses some
        compressed = any(p.rsplit(".", 1)[-1].lower() in fsettings.COMPRESSION_FORMATS for p in paths)
        if remote or resource.compression or compressed:
            return Delegate("remote or compressed data")
        if resource.format not in _CSV_FORMATS:
            return Delegate(f"format {resource.format!r} is not CSV")
        try:
            resource.to_descriptor(validate=True)
        except frictionless.FrictionlessException as exc:
            return [error.to_descriptor() for error in exc.to_errors()]
        parts = _parts(resource) if resource.multipart else ()
        if isinstance(parts, list):
            return parts
        foreign_keys = list(resource.schema.foreign_keys) if resource.schema else []
        probe = self._probe(resource)
        if isinstance(probe, frictionless.FrictionlessException):
            declared = resource.get_defined("encoding")
            undecodable = probe.error.type == "encoding-error" and _codec(declared) in UTF8
            if not undecodable:
                return [error.to_descriptor() for error in probe.to_errors()]
            # The sample frictionless reads holds undecodable bytes: read it leniently, so that
            # the engine can point at the row and field of each one.
            probe = self._probe(resource, LENIENT_UTF8)
            if isinstance(probe, frictionless.FrictionlessException):
                return [error.to_descriptor() for error in probe.to_errors()]
        try:
            return self._spec(resource, probe, foreign_keys, package_names, parts)
        finally:
            probe.close()

    @staticmethod
    def _probe(resource: Any, encoding: str | None = None) -> Any:
        """The resource opened by frictionless without its foreign keys (which would make it
        read the tables they refer to): frictionless reads a sample only."""
        probe = resource.to_copy()
        if probe.schema:
            probe.schema.foreign_keys = []
        if encoding:
            probe.encoding = encoding
        try:
            probe.open()
        except frictionless.FrictionlessException as exc:
            with contextlib.suppress(Exception):
                probe.close()
            return exc
        return probe

    def _spec(self, resource: Any, probe: Any, foreign_keys: list[dict[str, Any]],
              package_names: set[str], parts: tuple[Segment, ...]) -> TableSpec | Delegate | list[ErrorDict]:
        encoding = codecs.lookup(probe.encoding or "utf-8").name
        if encoding == LENIENT_UTF8:
            encoding = codecs.lookup(resource.get_defined("encoding")).name
        if encoding not in UTF8 and not single_byte(encoding):
            return Delegate(f"encoding {encoding}")
        dialect = probe.dialect
        control = dialect.get_control("csv") if dialect.has_control("csv") else None
        delimiter = control.delimiter if control else ","
        quote = control.quote_char if control else '"'
        if control and (control.escape_char or control.skip_initial_space):
            return Delegate("escapeChar or skipInitialSpace")
        if not (len(delimiter) == 1 and len(quote) == 1 and delimiter.isascii() and quote.isascii()
                and delimiter not in "\r\n" and quote not in "\r\n" and delimiter != quote):
            return Delegate("delimiter or quote character")
        if dialect.comment_char or dialect.comment_rows or dialect.skip_blank_rows:
            return Delegate("commentChar, commentRows or skipBlankRows")
        if not dialect.header_case:
            return Delegate("headerCase false")
        header_records = dialect.header_rows[-1] if dialect.header and dialect.header_rows else 0
        header = probe.header
        try:
            fields = list(header.get_expected_fields())
        except frictionless.FrictionlessException as exc:
            return [error.to_descriptor() for error in exc.to_errors()]
        names = [f.name for f in fields]
        header_errors: list[ErrorDict] = []
        if not (probe.labels or probe.fragment):
            header_errors.append(ferrors.SourceError(note="the source is empty").to_descriptor())
        header_errors += [error.to_descriptor() for error in header.errors]
        # Foreign keys as frictionless's lookup would meet them (in schema order).
        refs: list[KeyRef] = []
        for number, fk in enumerate(foreign_keys):
            source_name = fk["reference"]["resource"]
            if source_name and source_name != resource.name:
                if not self.in_package:
                    note = 'package is required for foreign keys to other resources: "{fk}"'
                    return [ferrors.ResourceError(note=note).to_descriptor()]
                if source_name not in package_names:
                    note = (f'failed to handle a foreign key for resource "{resource.name}" as resource '
                            f'"{source_name}" does not exist')
                    return [ferrors.ResourceError(note=note).to_descriptor()]
            target = tuple(fk["fields"])
            if set(target).issubset(names):
                refs.append(KeyRef(number, target, source_name or str(resource.name),
                                    tuple(fk["reference"]["fields"]), str(source_name)))
        schema = probe.schema
        primary = list(schema.primary_key) if schema else []
        pk = [names.index(name) for name in primary] if primary and set(primary) <= set(names) else []
        unique = [i for i, f in enumerate(fields) if f.constraints.get("unique")]
        key_fields = {fields[i].type for i in [*pk, *unique]}
        key_fields |= {fields[names.index(n)].type for ref in refs for n in ref.target}
        odd = sorted(key_fields - _FAST_KEY_TYPES)
        if odd:
            return Delegate(f"key field of type {', '.join(odd)}")
        for f in fields:
            if f.type == "string" and f.constraints.get("pattern") is not None:
                try:
                    re.compile(f"^{f.constraints['pattern']}$")
                except re.error:
                    return Delegate("a pattern Python cannot compile")
        algorithm = expected = None
        if resource.hash:
            algorithm, expected = fhelpers.parse_resource_hash_v1(resource.hash)
            if algorithm not in ("md5", "sha256"):
                algorithm = expected = None
        path = Path(resource.normpath)
        return TableSpec(
            resource=resource, name=str(resource.name), path=path,
            skip_bom=encoding == "utf-8-sig", delimiter=delimiter, quote=quote,
            header_records=header_records, first_row=header_records + 1 if dialect.header else 1,
            fields=fields, header_errors=header_errors,
            hash_algorithm=algorithm, hash_expected=expected,
            declared_bytes=resource.bytes or None, declared_rows=resource.rows or None,
            declared_fields=resource.fields or None,
            schema_fields=len(schema.fields) if schema else 0,
            unique=unique, primary_key=pk, foreign_keys=refs, parts=parts,
            encoding="utf-8" if encoding in UTF8 else encoding,
        )


def _codec(encoding: Any) -> str | None:
    """The codec's name, or None (not declared, or a name Python does not know: frictionless
    reports that as an ``encoding-error``)."""
    try:
        return codecs.lookup(encoding).name if isinstance(encoding, str) and encoding else None
    except LookupError:
        return None


def _parts(resource: Any) -> tuple[Segment, ...] | list[ErrorDict]:
    """The parts of a multipart resource as frictionless reads them: one stream, in which every
    part after the first loses its first line (up to its first LF: frictionless drops it as the
    part's header) when the resource is CSV with a header. A part that cannot be opened is the
    ``scheme-error`` frictionless reports when its reading reaches it (frictionless also reports
    the rows it read before that; the engine stops before reading any)."""
    drop_header = resource.format == "csv" and resource.dialect.header is not False
    parts: list[Segment] = []
    for number, (name, normpath) in enumerate(zip(resource.paths, resource.normpaths, strict=True)):
        try:
            with open(normpath, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                start = _first_line_end(handle) if drop_header and number else 0
        except OSError as exc:
            return [ferrors.SchemeError(note=str(exc)).to_descriptor()]
        parts.append(Segment(name=str(name), path=Path(normpath), start=start, end=size))
    return tuple(parts)


def _first_line_end(handle: IO[bytes]) -> int:
    """The offset just after the first LF (the end of the file if there is none)."""
    at = 0
    while block := handle.read(1 << 16):
        found = block.find(b"\n")
        if found >= 0:
            return at + found + 1
        at += len(block)
    return at


def dependency_order(specs: list[TableSpec]) -> list[TableSpec]:
    """Tables in descriptor order, except that a table is read after the tables its foreign
    keys refer to when that is possible (a cycle is read in descriptor order)."""
    by_name = {spec.name: spec for spec in specs}
    done: set[str] = set()
    order: list[TableSpec] = []

    def visit(spec: TableSpec, path: set[str]) -> None:
        if spec.name in done or spec.name in path:
            return
        path.add(spec.name)
        for ref in spec.foreign_keys:
            source = by_name.get(ref.source_name)
            if source is not None and source is not spec:
                visit(source, path)
        path.discard(spec.name)
        if spec.name not in done:
            done.add(spec.name)
            order.append(spec)

    for spec in specs:
        visit(spec, set())
    return order
