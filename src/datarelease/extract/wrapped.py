"""Text exports that a browser wrote for a terminal or a fixed width, made readable line by line.

A text-mode browser's dump (lynx, w3m) or a "save as text" breaks every paragraph into lines of
at most some 72-80 characters, marks links with ``[12]`` and lists their addresses under a final
"References"; a desktop browser's "save as text" writes a link's address after its text
(``Kultur <https://…>``). The text reader takes one line for one block, so :func:`unwrap`
first puts each paragraph back on one line and drops the link marks.

A line was broken by the width when the next line's first word would not have fitted on it
(the test a greedy line breaker applies): such lines are joined, keeping the first line's
number for messages. An export is taken to be wrapped only when the lines that run on into the
next are within a terminal's width and at least :data:`_MIN_JOINTS` of them break in
mid-sentence, so pasted text whose paragraphs are single long lines is left as it is.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["Line", "unwrap"]

_MAX_WIDTH = 100  # terminals and "save as text" wrap at 72-80 columns
_MIN_WIDTH = 50
_MIN_JOINTS = 2
_BAND = 6  # wrapped lines end within a few columns of the width
_PROSE_WORDS = 12
_SLACK = 3
_LINK_MARK = re.compile(r"\[\d{1,4}\]")  # lynx: "[12]Nordlandsforskning"
_ADDRESS = re.compile(r"\s*<(?:https?://|mailto:|#|/)[^<>\s]*>")  # "Kultur <https://…>"
_REFERENCES = re.compile(r"\s*(?:References|Referenser|Referanser|Referencer|Viitteet)\s*")
_REFERENCE = re.compile(r"\s*\d{1,4}\.\s+(?:https?|mailto|ftp|file):\S*\s*")
_LIST_START = re.compile(r"\s*(?:[-–—•*·▪◦+o]\s|\(?\d{1,2}[.)]\s|\(?[a-h][.)]\s)")
_SENTENCE_END = frozenset(".!?:;")


@dataclass(frozen=True)
class Line:
    """A line of the export as the reader should see it, and where it starts in the file."""

    number: int
    text: str


def unwrap(text: str) -> list[Line]:
    """The export's lines, with a dump's link marks and references dropped and, when the
    export is wrapped at a fixed width, each paragraph joined into one line."""
    raw = text.split("\n")
    raw = raw[:_references_start(raw)]
    width = _wrap_width(raw)
    lines = [Line(number, _without_marks(line)) for number, line in enumerate(raw, start=1)]
    if width is None:
        return lines
    joined: list[Line] = []
    for above, line in zip(["", *raw], lines, strict=False):  # the width counts the marks
        if joined and _broken_by_width(above, line.text, width):
            joined[-1] = Line(joined[-1].number, f"{joined[-1].text.rstrip()} {line.text.strip()}")
        else:
            joined.append(line)
    return _dedented(joined)


def _dedented(lines: list[Line]) -> list[Line]:
    """Without the indent a dump gives all body text (lynx: three spaces), so that only lists
    and quotations stand in from the margin, as in other exports."""
    indents = Counter(_indent(line.text) for line in lines if line.text.strip())
    common = indents.most_common(1)[0][0] if indents else 0
    if common == 0:
        return lines
    return [Line(line.number, line.text[min(common, _leading_spaces(line.text)):])
            for line in lines]


def _leading_spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _without_marks(line: str) -> str:
    if "[" in line:
        line = _LINK_MARK.sub("", line)
    if "<" in line:
        line = _ADDRESS.sub("", line)
    return line.rstrip()


def _references_start(raw: list[str]) -> int:
    """Where a dump's closing list of link addresses begins (the end of the file if none)."""
    for index in range(len(raw) - 1, -1, -1):
        if _REFERENCES.fullmatch(raw[index]):
            rest = [line for line in raw[index + 1 :] if line.strip()]
            if rest and all(_REFERENCE.fullmatch(line) for line in rest):
                return index
            return len(raw)
    return len(raw)


def _wrap_width(lines: list[str]) -> int | None:
    """The width the export is wrapped at, or None when it is not wrapped: the longest length
    that several lines running on into the next come close to, in an export with no long
    lines of prose (pasted text has its paragraphs on lines of hundreds of characters)."""
    shapes = [(len(expanded.rstrip()), len(expanded) - len(expanded.lstrip()))
              for expanded in (line.expandtabs(4) if "\t" in line else line for line in lines)]
    running_on = Counter(length for (length, indent), (below_length, below_indent), below
                         in zip(shapes, shapes[1:], lines[1:], strict=False)
                         if 0 < length <= _MAX_WIDTH and below_length and indent == below_indent
                         and not _LIST_START.match(below))
    width = next((length for length in range(_MAX_WIDTH, 0, -1)  # lengths are few: bounded
                  if running_on[length]
                  and sum(running_on[other] for other in range(length - _BAND, length + 1)) >= 3),
                 None)
    if width is None or width < _MIN_WIDTH:
        return None
    prose = sum(1 for line in lines
                if len(line.rstrip()) > width + _BAND and len(line.split()) >= _PROSE_WORDS)
    if prose >= 2:
        return None
    joints = sum(1 for above, below in itertools.pairwise(lines)
                 if above.rstrip()[-1:] not in _SENTENCE_END and _broken_by_width(above, below, width))
    return width if joints >= _MIN_JOINTS else None


def _broken_by_width(above: str, line: str, width: int) -> bool:
    """``above`` ended where it did because ``line``'s first word would not fit on it."""
    if not line.strip() or not above.strip() or _LIST_START.match(line):
        return False
    same_indent = _indent(line) == _indent(above) or (
        _LIST_START.match(above) is not None and _indent(line) > _indent(above))
    return same_indent and _would_not_fit(len(above.expandtabs(4).rstrip()), line, width)


def _would_not_fit(above_length: int, below: str, width: int) -> bool:
    """A line longer than the width stands alone (an address, a menu); a line within it was
    broken when the next word would have run past it (give or take :data:`_SLACK`, as tools
    and hands differ on the last column)."""
    words = below.split()
    return (bool(words) and above_length <= width
            and above_length + 1 + len(words[0]) > width - _SLACK)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())
