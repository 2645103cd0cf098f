"""datarelease: build, validate and publish open data releases as Frictionless Data Packages.

For people who use the data: ``datarelease.load(URL_OR_FOLDER)`` gives every table as a typed
pandas DataFrame and ``datarelease.connect(URL_OR_FOLDER)`` a DuckDB connection with every table
as a view (:mod:`datarelease.consume`). They are imported on first use, so that importing
``datarelease`` (and ``datarelease --help``) stays fast.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("datarelease")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from datarelease.consume import connect, fetch, load, snippet

__all__ = ["__version__", "connect", "fetch", "load", "snippet"]

_FROM_CONSUME = frozenset({"connect", "fetch", "load", "snippet"})


def __getattr__(name: str) -> Any:
    if name in _FROM_CONSUME:
        from datarelease import consume  # pandas, pyarrow, requests: only when asked for

        return getattr(consume, name)
    raise AttributeError(f"module 'datarelease' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM_CONSUME})
