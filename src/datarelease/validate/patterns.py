"""``pattern`` constraints from untrusted schemas, matched in bounded time.

A Table Schema's ``pattern`` is a regular expression that frictionless runs with Python's ``re``,
which backtracks: ``(a+)+$`` against thirty ``a`` and a ``b`` takes half a minute, and every
further character doubles it. A schema is input like any other, so every pattern check here is
bounded:

* Python's ``re`` runs first (it is fast on ordinary patterns, and it is what frictionless's
  verdict is), under a time limit of :data:`PATTERN_SECONDS` per check — a ``SIGALRM`` timer,
  which the regex engine polls, so it works only in the main thread;
* a pattern that ran out of time once, or that has spent :data:`PATTERN_BUDGET` seconds in
  Python's ``re`` over all its cells (a table of many cells each just under the limit would
  otherwise take hours), or any pattern outside the main thread, is matched by RE2
  (pyarrow's, linear in the cell) wherever RE2 decides exactly as Python would: patterns without
  letter or digit escapes, POSIX classes, ``{,n}`` or ``(?…)`` groups, on cells without a line
  feed;
* a check neither can decide fails closed: the cell gets frictionless's ``constraint-error`` for
  the pattern, and :func:`undecided_note` says in its note that the check was stopped.

:func:`check_pattern` has the signature of frictionless's own ``check_pattern``, which
:mod:`datarelease.validate.reference` replaces with it (for both engines).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PATTERN_SECONDS = 1.0
PATTERN_BUDGET = 2.0  # seconds in Python's ``re`` per pattern, over all cells, before RE2 first
"""How long one pattern check may run with Python's ``re`` before it is stopped."""
_UNDECIDED_KEPT = 10_000


class _OutOfTime(Exception):
    pass


def re2_pattern(pattern: str) -> str | None:
    """An RE2 pattern that decides as Python's ``re.match('^…$')`` does on every cell without a
    line feed (RE2 matches no cell ending in one that Python rejects, either), or None when the
    pattern uses syntax where RE2 and Python could disagree, or that RE2 cannot compile."""
    if re.search(r"\\[A-Za-z0-9]|\[:|\{,|\(\?(?!:)", pattern):
        return None
    return re2_pattern_syntax(pattern)


# Escapes whose ASCII class is a subset of what Python's ``re`` matches with them in a str pattern
# (Python's \d, \w and \s are Unicode-wide): safe wherever a subset of the cells is wanted.
_SUBSET_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_", "s": " \\t\\n\\r\\f\\v"}


def re2_fine_pattern(pattern: str) -> str | None:
    """An RE2 pattern whose every match (on a cell without a line feed) Python's
    ``re.match('^…$')`` matches too: :func:`re2_pattern` where that is exact, else the pattern with
    ``\\d``, ``\\w`` and ``\\s`` read as their ASCII classes — a subset of Python's, so a cell RE2
    passes is certainly fine and any other goes to Python's ``re``. Only where the escape stands
    outside a character class or inside one that is not negated (``[^\\d]`` would grow, not
    shrink); every other letter or digit escape, and every ``(?…)`` group, keeps it out (None)."""
    exact = re2_pattern(pattern)
    if exact is not None or re.search(r"\[:|\{,|\(\?(?!:)", pattern):
        return exact
    out: list[str] = []
    in_class = negated = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt.isascii() and nxt.isalnum():
                if nxt not in _SUBSET_ESCAPES or negated:
                    return None
                chars = _SUBSET_ESCAPES[nxt]
                out.append(chars if in_class else f"[{chars}]")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            negated = pattern[i + 1:i + 2] == "^"
            start = i + 2 if negated else i + 1
            if pattern[start:start + 1] == "]":  # a "]" first in a class is a literal
                out.append(pattern[i:start + 1])
                i = start + 1
                continue
            out.append(pattern[i:start])
            i = start
            continue
        if char == "]" and in_class:
            in_class = negated = False
        out.append(char)
        i += 1
    return re2_pattern_syntax("".join(out))


def re2_pattern_syntax(pattern: str) -> str | None:
    """``pattern`` anchored as frictionless anchors it, if RE2 compiles it (no syntax check)."""
    wrapped = f"^(?:^{pattern}$)"
    import pyarrow as pa
    import pyarrow.compute as pc

    from datarelease.validate.arrays import strings

    try:
        pc.match_substring_regex(strings([""]), wrapped)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return wrapped


class _Pattern:
    """One pattern's state: its RE2 form, and whether Python's ``re`` already ran out of time."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        body = compiled.pattern
        # frictionless compiles "^{pattern}$": take the schema's pattern back out for RE2
        inner = body[1:-1] if body.startswith("^") and body.endswith("$") else body
        self.source = inner
        self.re2 = re2_pattern(inner)
        self.slow = False
        self.spent = 0.0  # seconds in Python's ``re`` so far

    def re2_match(self, cell: str) -> bool | None:
        if self.re2 is None or "\n" in cell:
            return None
        import pyarrow.compute as pc

        from datarelease.validate.arrays import strings

        return bool(pc.match_substring_regex(strings([cell]), self.re2)[0].as_py())


_patterns: dict[str, _Pattern] = {}
_python_spent: dict[str, float] = {}  # match_in_time's seconds per pattern
_undecided: dict[tuple[str, str], None] = {}
_lock = threading.Lock()


def _state(compiled: re.Pattern[str]) -> _Pattern:
    found = _patterns.get(compiled.pattern)
    if found is None:
        with _lock:
            if len(_patterns) > 1000:
                _patterns.clear()
            found = _patterns[compiled.pattern] = _Pattern(compiled)
    return found


def check_pattern(constraint: re.Pattern[str], cell: Any) -> bool:
    """frictionless's ``check_pattern`` (``None`` passes), bounded in time (see the module)."""
    if cell is None:
        return True
    text = str(cell) if not isinstance(cell, str) else cell
    state = _state(constraint)
    in_main = threading.current_thread() is threading.main_thread()
    if not state.slow and in_main:
        started = time.perf_counter()
        try:
            with _time_limit(PATTERN_SECONDS):
                return constraint.match(text) is not None
        except _OutOfTime:
            state.slow = True
        finally:
            state.spent += time.perf_counter() - started
            state.slow = state.slow or state.spent > PATTERN_BUDGET
    exact = state.re2_match(text)
    if exact is not None:
        return exact
    if not in_main:
        return constraint.match(text) is not None  # no timer outside the main thread
    try:
        with _time_limit(PATTERN_SECONDS):
            return constraint.match(text) is not None
    except _OutOfTime:
        with _lock:
            if len(_undecided) >= _UNDECIDED_KEPT:
                _undecided.pop(next(iter(_undecided)))
            _undecided[(state.source, text)] = None
        return False


def match_in_time(constraint: re.Pattern[str], text: str) -> bool | None:
    """Python's verdict on ``text`` (what :func:`check_pattern` tries first), or None when it
    cannot be had within :data:`PATTERN_SECONDS` here (out of time, or not the main thread).
    Without RE2, so without pyarrow: for callers that would rather hand such a cell on."""
    if threading.current_thread() is not threading.main_thread():
        return None
    spent = _python_spent.get(constraint.pattern, 0.0)
    if spent > PATTERN_BUDGET:
        return None  # this pattern has had its time: the engine, with RE2, decides
    started = time.perf_counter()
    try:
        with _time_limit(PATTERN_SECONDS):
            return constraint.match(text) is not None
    except _OutOfTime:
        return None
    finally:
        if len(_python_spent) > 1000:
            _python_spent.clear()
        _python_spent[constraint.pattern] = spent + time.perf_counter() - started


def undecided_note(pattern: Any, cell: Any) -> str | None:
    """The note for a cell whose check against ``pattern`` was stopped (None if it was not)."""
    if (str(pattern), str(cell)) not in _undecided:
        return None
    return (f'constraint "pattern" is "{pattern}" (not decided: matching took longer than '
            f"{PATTERN_SECONDS:g} s and was stopped)")


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` in the main thread after ``seconds`` (the regex engine checks
    for signals while it backtracks); any timer and handler already set are put back."""

    def on_alarm(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, outer)
