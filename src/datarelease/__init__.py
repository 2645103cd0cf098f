"""datarelease: build, validate and publish open data releases as Frictionless Data Packages."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("datarelease")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
