"""Progress of long work, one way for every stage.

Every stage that takes long (validating or writing a table, uploading or downloading a file)
reports through one callback protocol, :data:`Callback`::

    progress(label, done, total)

``label`` names the thing being worked on (a table or a file), ``done`` counts the units done so
far (rows or bytes; it never goes down for one label), ``total`` is the size when it is known.
:class:`Progress` is the one implementation the CLI uses: a line on stderr that shows the count,
the rate and, when the total is known, the share done. Library callers may pass any callable of
that shape, or nothing.

This module imports nothing heavy, so the CLI can import it without starting the engine.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import IO

__all__ = ["EVERY", "Callback", "Progress"]

Callback = Callable[[str, int, int | None], None]
"""``progress(label, done, total)``: ``done`` units of ``label`` so far, ``total`` if known."""

EVERY = 0.5
"""Seconds between two progress lines (and before the first): short work leaves no line."""


class Progress:
    """A one-line progress report on a text stream (stderr by default).

    Use it as a :data:`Callback` (``progress(label, done, total)``), or drive it with
    :meth:`start`, :meth:`update` and :meth:`finish` when the count shown (rows) differs from
    the measure of the share done (bytes read). ``unit`` names what is counted.
    """

    def __init__(self, enabled: bool = True, stream: IO[str] | None = None, *,
                 unit: str = "rows", every: float = EVERY) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.unit = unit
        self.every = every
        self.label = ""
        self.total: int | None = None
        self.count = 0
        self.started = 0.0
        self.last = 0.0
        self._open = False

    @classmethod
    def create(cls, wanted: bool | None, *, unit: str = "rows") -> Progress:
        """Enabled as asked; ``None``: only when stderr is a terminal and ``CI`` is not set."""
        if wanted is None:
            wanted = sys.stderr.isatty() and not os.environ.get("CI")
        return cls(bool(wanted), unit=unit)

    def __call__(self, label: str, done: int, total: int | None) -> None:
        if not self._open or label != self.label:
            self.finish()
            self.start(label, total)
        self.update(done)
        if total is not None and done >= total:
            self.finish()

    def start(self, label: str, total: int | None) -> None:
        self.label, self.total, self.count = label, total, 0
        self.started = self.last = time.perf_counter()
        self._open = True

    def update(self, count: int, done: int | None = None) -> None:
        """``count`` units so far; ``done`` out of the total for the share (default ``count``)."""
        self.count = count
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self.last < self.every:
            return
        self.last = now
        rate = count / max(now - self.started, 1e-9)
        done = count if done is None else done
        share = f" {100 * done / self.total:3.0f}%" if self.total else ""
        self.stream.write(f"\r{self.label}: {count:,} {self.unit}, {rate:,.0f} {self.unit}/s{share}  ")
        self.stream.flush()

    def finish(self, count: int | None = None) -> None:
        """The closing line (only when the work took long enough to show a line at all)."""
        if not self._open:
            return
        self._open = False
        count = self.count if count is None else count
        if not self.enabled or time.perf_counter() - self.started < self.every:
            return
        elapsed = time.perf_counter() - self.started
        self.stream.write(f"\r{self.label}: {count:,} {self.unit} in {elapsed:.1f} s "
                          f"({count / max(elapsed, 1e-9):,.0f} {self.unit}/s)\n")
        self.stream.flush()
