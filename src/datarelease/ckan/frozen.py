"""Released versions: each release is also a frozen dataset that later releases never touch.

Its descriptor differs from the release's only in ``name`` and ``title``
(:func:`frozen_descriptor`, and back: :func:`released_descriptor`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from datarelease.versions import version_dataset_name


def _version_title(title: str, version: str) -> str:
    return f"{title} (version {version})"


def frozen_descriptor(descriptor: Mapping[str, Any]) -> dict[str, Any]:
    """The release's descriptor as its frozen version dataset holds it: only ``name`` and
    ``title`` differ (``<name>-v1-4-0``, ``<title> (version 1.4.0)``); keys keep their order."""
    name, version = str(descriptor["name"]), str(descriptor["version"])
    title = str(descriptor.get("title") or name)
    return {**descriptor, "name": version_dataset_name(name, version),
            "title": _version_title(title, version)}


def released_descriptor(frozen: Mapping[str, Any], name: str, version: str) -> dict[str, Any]:
    """The inverse of :func:`frozen_descriptor`: the release's own ``name`` and ``title`` back."""
    title = str(frozen.get("title") or name).removesuffix(_version_title("", version))
    return {**frozen, "name": name, "title": title}
