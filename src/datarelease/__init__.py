"""datarelease: build, validate and publish open data releases as Frictionless Data Packages."""

from typing import Any

__all__ = ["__version__"]


def __getattr__(name: str) -> Any:
    # importlib.metadata takes tens of milliseconds to import: only the callers that want the
    # version (the User-Agent of portal calls) pay for it, not `datarelease --help`.
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datarelease")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"
