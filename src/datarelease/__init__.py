"""datarelease: build, validate and publish open data releases as Frictionless Data Packages.

For people who use the data: ``datarelease.load(URL_OR_FOLDER)`` gives every table as a typed
pandas DataFrame and ``datarelease.connect(URL_OR_FOLDER)`` a DuckDB connection with every table
as a view (:mod:`datarelease.consume`). They are imported on first use, so that importing
``datarelease`` (and ``datarelease --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datarelease.consume import connect, fetch, load, snippet

__all__ = ["__version__", "connect", "fetch", "load", "snippet"]

_FROM_CONSUME = frozenset({"connect", "fetch", "load", "snippet"})


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # importlib.metadata takes tens of milliseconds to import: only the callers that want
        # the version (the User-Agent of portal calls) pay for it, not `datarelease --help`.
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("datarelease")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "0+unknown"
    if name in _FROM_CONSUME:
        from datarelease import consume  # pandas, pyarrow, requests: only when asked for

        return getattr(consume, name)
    raise AttributeError(f"module 'datarelease' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_FROM_CONSUME, "__version__"})
