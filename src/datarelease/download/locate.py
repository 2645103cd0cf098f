"""Where the dataset is: a dataset page URL, or a portal URL and a name, with an optional
``@<version>``."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from datarelease.errors import DataReleaseError


def parse_dataset_url(url: str) -> tuple[str, str, str | None]:
    """``https://host[/prefix]/dataset/<name>[@<version>][/...]`` → (portal URL, dataset name,
    version or None)."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    if parts.scheme in ("http", "https") and "dataset" in segments:
        at = segments.index("dataset")
        name = unquote(segments[at + 1]) if at + 1 < len(segments) else ""
        if name:
            return (f"{parts.scheme}://{parts.netloc}{'/'.join(segments[:at])}",
                    *_split_version(name))
    raise DataReleaseError(f"{url!r} is not a dataset page URL (https://host/dataset/<name>); "
                           "give the portal URL and the dataset name instead")


def _split_version(dataset: str) -> tuple[str, str | None]:
    """``<name>@<version>`` → (name, version); a plain name has no version (CKAN names have no @)."""
    name, at, version = dataset.partition("@")
    if at and not (name and version):
        raise DataReleaseError(f"{dataset!r}: expected NAME@VERSION, e.g. roads@1.4.0")
    return name, version if at else None


def locate(target: str, dataset: str | None, version: str | None) -> tuple[str, str, str | None]:
    url, name, given = (target, *_split_version(dataset)) if dataset else parse_dataset_url(target)
    if version and given and version != given:
        raise DataReleaseError(f"two versions asked for: {given} (in {dataset or target}) and {version}")
    return url, name, version or given
