"""The YAML files stewards edit (annotations, the registry, ``dataset.yaml``), read strictly.

A steward's file is input the tool did not write, so reading it is bounded and nothing in it is
guessed:

* **Bounded.** At most :attr:`Limits.bytes` are read; the events are scanned once (PyYAML's
  parser keeps no recursion) before anything is built, refusing nesting deeper than
  :attr:`Limits.depth`, more than :attr:`Limits.aliases` aliases, and documents whose aliases
  would expand to more than :attr:`Limits.nodes` nodes (a "billion laughs" file is a few hundred
  bytes that expand to gigabytes). Each refusal is an :class:`~datarelease.errors.AnnotationError`
  naming the file and line.
* **YAML 1.2 booleans.** Only ``true`` and ``false`` are booleans: ``no``, ``off``, ``N`` and
  ``NO`` (Norway) stay text, so an option that must be a boolean refuses them instead of reading
  ``"no"`` as true.
* **No duplicate keys.** PyYAML keeps the last of two equal keys without a word; here it is an
  error naming both lines.
* **Lines kept.** Mappings and lists come back as :class:`YamlMapping` / :class:`YamlList`
  (subclasses of dict and list) that remember the line of every key and item (:func:`line_of`), so later
  checks can name the line of what they refuse.
* **Typed.** :func:`check` compares data with a small declarative shape (:data:`TEXT`,
  :data:`BOOLEAN`, a dict of :class:`Key` for a mapping, a one-item list for a list) and reports
  every unknown key, missing key and value of the wrong type, each with its line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import yaml
from yaml.constructor import ConstructorError

from datarelease.errors import AnnotationError

__all__ = [
    "BOOLEAN", "DATE_OR_TEXT", "TEXT", "TEXTS", "TEXT_OR_TEXTS", "Key", "Limits", "YamlList",
    "YamlMapping", "check", "line_of", "load",
]


@dataclass(frozen=True)
class Limits:
    """What one steward file may be: bytes read, nesting depth, aliases, nodes once expanded."""

    bytes: int = 8 << 20
    depth: int = 64
    aliases: int = 1000
    nodes: int = 250_000


class YamlMapping(dict[Any, Any]):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int = 0
    lines: dict[Any, int]


class YamlList(list[Any]):
    """A YAML list that remembers its own line and each item's line (1-based)."""

    line: int = 0
    lines: list[int]


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of ``container[key]`` (or of the container itself); None when not known."""
    if key is None:
        return getattr(container, "line", None) or None
    lines = getattr(container, "lines", None)
    if isinstance(lines, dict):
        found = lines.get(key)
        return found if isinstance(found, int) else None
    if isinstance(lines, list) and isinstance(key, int) and 0 <= key < len(lines):
        return int(lines[key])
    return None


class _Loader(yaml.SafeLoader):
    """Safe YAML, YAML 1.2 booleans, duplicate keys refused, lines kept."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Any:
    data = YamlMapping()
    data.line, data.lines = node.start_mark.line + 1, {}
    yield data
    first_line: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise ConstructorError("while reading a mapping", node.start_mark,
                                   "a key must be a plain value, not a list or mapping",
                                   key_node.start_mark)
        line = key_node.start_mark.line + 1
        if key in first_line:
            raise ConstructorError(None, None, f"duplicate key {key!r} (first on line "
                                   f"{first_line[key]}; a second one would silently win)",
                                   key_node.start_mark)
        first_line[key] = line
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = key_node.start_mark.line + 1


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Any:
    data = YamlList()
    data.line, data.lines = node.start_mark.line + 1, []
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(item.start_mark.line + 1)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def _refuse(path: Path, line: int | None, message: str) -> AnnotationError:
    return AnnotationError(message, path=path, location=f"line {line}" if line else None)


def _scan(text: str, path: Path, limits: Limits) -> None:
    """Walk the events once, refusing depth, aliases and expansion beyond ``limits``."""
    weights: dict[str, int] = {}  # anchor → nodes its value expands to
    stack: list[list[Any]] = []  # open collections: [nodes so far, anchor]
    total = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= limits.depth:
                raise _refuse(path, line, f"nested deeper than {limits.depth} levels")
            stack.append([1, event.anchor])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            weight, anchor = stack.pop()
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > limits.aliases:
                raise _refuse(path, line, f"more than {limits.aliases} aliases (*name)")
            if event.anchor not in weights:  # an alias inside its own anchor: a loop
                raise _refuse(path, line, f"alias *{event.anchor} refers to a value that holds it")
            weight, anchor = weights[event.anchor], None
        elif isinstance(event, yaml.ScalarEvent):
            weight, anchor = 1, event.anchor
        else:
            continue
        if anchor is not None:
            weights[anchor] = weight
        total += 0 if stack else weight
        if stack:
            stack[-1][0] += weight
        if total > limits.nodes or (stack and stack[-1][0] > limits.nodes):
            raise _refuse(path, line, f"expands to more than {limits.nodes} values (aliases "
                                      "repeat what their anchor holds)")


def load(path: Path, *, limits: Limits = Limits()) -> Any:
    """Read one steward YAML file; every problem is an AnnotationError naming file and line."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.bytes + 1)
    except OSError as exc:
        raise AnnotationError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if len(raw) > limits.bytes:
        raise AnnotationError(f"larger than {limits.bytes} bytes, the most a steward file may be",
                              path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise _refuse(path, line, f"not UTF-8 (byte {exc.start})") from None
    try:
        _scan(text, path, limits)
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        location = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise AnnotationError(f"not valid YAML: {problem}", path=path, location=location) from None


# --- shapes ---------------------------------------------------------------------------------------

TEXT = "text"
"""A string (a number or date must be quoted to be text)."""
BOOLEAN = "true or false"
DATE_OR_TEXT = "a date or text"
TEXTS = "a list of texts"
TEXT_OR_TEXTS = "a text or a list of texts"


@dataclass(frozen=True)
class Key:
    """One key of a mapping shape: what its value must be, and whether it must be there."""

    shape: Shape
    required: bool = False


Shape: TypeAlias = "str | dict[str, Key] | list[Any]"
"""A scalar kind above, a mapping (key → :class:`Key`, nothing else allowed), or ``[shape]``."""

Report = Callable[[str, str], None]
"""Called with (where, message) for each problem; ``where`` starts with the line when known."""


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    return type(value).__name__


def _where(line: int | None, path: str) -> str:
    return f"line {line}, {path}" if line else path


def _scalar_ok(value: Any, shape: str) -> bool:
    if shape == TEXT:
        return isinstance(value, str)
    if shape == BOOLEAN:
        return isinstance(value, bool)
    if shape == DATE_OR_TEXT:
        return isinstance(value, str | dt.date)
    if shape == TEXTS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if shape == TEXT_OR_TEXTS:
        return isinstance(value, str) or _scalar_ok(value, TEXTS)
    raise ValueError(f"unknown shape {shape!r}")


def check(value: Any, shape: Shape, where: str, report: Report, *, line: int | None = None) -> bool:
    """Report (and return False) where ``value`` does not have ``shape``; ``where`` is its path."""
    if isinstance(shape, str):
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and "\0" in t for t in texts):
            report(_where(line, where), "contains a NUL character (\\0), which no text or file "
                                        "name may hold")
            return False
        if _scalar_ok(value, shape):
            return True
        hint = ""
        if shape in (TEXT, TEXT_OR_TEXTS, DATE_OR_TEXT) and isinstance(value, int | float | dt.date):
            hint = " (write it in quotes to make it text)"
        if shape == BOOLEAN and isinstance(value, str):
            hint = " (YAML 1.2: only true and false are booleans; yes, no, on, off are text)"
        report(_where(line, where), f"expected {shape}, got {_kind(value)}{hint}")
        return False
    if isinstance(shape, list):
        if not isinstance(value, list):
            report(_where(line, where), f"expected a list, got {_kind(value)}")
            return False
        return all([check(item, shape[0], f"{where}[{i}]", report, line=line_of(value, i))
                    for i, item in enumerate(value)])
    if not isinstance(value, dict):
        report(_where(line, where), f"expected a mapping, got {_kind(value)}")
        return False
    ok = True
    for key in value:
        if key not in shape:
            report(_where(line_of(value, key), f"{where}.{key}" if where else str(key)),
                   f"unknown key; expected one of {', '.join(shape)}")
            ok = False
    for key, spec in shape.items():
        inner = f"{where}.{key}" if where else key
        if value.get(key) is None:
            if spec.required:
                report(_where(line_of(value), where or "top level"), f"'{key}' is required")
                ok = False
            continue
        ok = check(value[key], spec.shape, inner, report, line=line_of(value, key)) and ok
    return ok
