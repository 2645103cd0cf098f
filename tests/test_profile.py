"""The release's datapackage.json against the official Data Package v2 JSON Schema, and stock
frictionless 5.21 on it (no false errors, and the Parquet files still checked by bytes and hash)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import frictionless
import jsonschema

REPO = Path(__file__).resolve().parent.parent
PROFILE = Path(__file__).parent / "data" / "profiles" / "datapackage-2.0.json"


def test_the_release_declares_and_passes_the_v2_profile() -> None:
    descriptor = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    schema = json.loads(PROFILE.read_text(encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(descriptor)]
    assert errors == []


def test_frictionless_validates_the_release_and_still_checks_the_parquet_files(tmp_path: Path) -> None:
    assert frictionless.Package(str(REPO / "datapackage.json")).validate().valid
    copy = tmp_path / "release"
    shutil.copytree(REPO / "publish", copy / "publish")
    shutil.copytree(REPO / "schemas", copy / "schemas")
    shutil.copy(REPO / "datapackage.json", copy)
    for extra in ("RELEASES.md",):
        if (REPO / extra).exists():
            shutil.copy(REPO / extra, copy)
    parquet = next((copy / "publish").glob("*.parquet"))
    parquet.write_bytes(parquet.read_bytes() + b"x")
    report = frictionless.Package(str(copy / "datapackage.json")).validate()
    kinds = {(task.name, error.type) for task in report.tasks for error in task.errors}
    name = f"{parquet.stem}-parquet"
    assert kinds == {(name, "byte-count"), (name, "hash-count")}
