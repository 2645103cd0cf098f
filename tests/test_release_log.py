"""RELEASES.md in the build: the source of the version, and a resource of the release."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from datarelease import pipeline, release, validate, versions
from datarelease.errors import InputError

LOG = """# Releases

Release notes of this dataset, newest first.

## 0.3.0 — 2026-11-27

**Minor release** (0.2.0 → 0.3.0).

```
## not a heading: fenced
```

## 0.2.0 — 2026-10-01

Notes.
"""


def _descriptor(root: Path) -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_without_a_release_log_the_version_is_the_stewards(release_root: Path) -> None:
    pipeline.build(release_root)
    descriptor = _descriptor(release_root)
    assert descriptor["version"] == "0.1.0"  # datasets/dataset.yaml
    assert "changelog" not in [r["name"] for r in descriptor["resources"]]


def test_the_version_is_the_newest_entry_of_the_release_log(release_root: Path) -> None:
    (release_root / "RELEASES.md").write_text(LOG, encoding="utf-8")
    pipeline.build(release_root)
    assert _descriptor(release_root)["version"] == "0.3.0"
    assert "version: 0.1.0\n" in (release_root / "datasets" / "dataset.yaml").read_text(encoding="utf-8")
    assert pipeline.check_release(release_root) == []


def test_headings_are_read_robustly(tmp_path: Path) -> None:
    path = tmp_path / "RELEASES.md"
    text = ("\ufeff# Releases\r\n\r\n## 1.2.0-rc.1 – 2026-11-27  \r\n\r\nnotes\r\n\r\n~~~\r\n## x\r\n~~~\r\n"
            "### a sub-heading is not an entry\r\n\r\n##  1.1.0 - 2026-01-02\r\n")
    path.write_bytes(text.encode("utf-8"))
    header, entries = versions.read_release_log(path)
    assert header == "# Releases\n\n"
    assert [(e.version, e.date, e.line) for e in entries] == [("1.2.0-rc.1", "2026-11-27", 3),
                                                              ("1.1.0", "2026-01-02", 12)]
    assert entries[0].text.startswith("## 1.2.0-rc.1 – 2026-11-27  \n\nnotes\n\n~~~\n## x\n~~~\n")
    assert versions.release_log_version(path) == "1.2.0-rc.1"


@pytest.mark.parametrize(("heading", "why"), [
    ("## 0.3 — 2026-11-27", "is not '## MAJOR.MINOR.PATCH — YYYY-MM-DD'"),
    ("## v0.3.0 — 2026-11-27", "is not '## MAJOR.MINOR.PATCH — YYYY-MM-DD'"),
    ("## 0.3.0", "is not '## MAJOR.MINOR.PATCH — YYYY-MM-DD'"),
    ("## 0.3.0 — 27/11/2026", "is not '## MAJOR.MINOR.PATCH — YYYY-MM-DD'"),
    ("## 0.3.0 — 2026-11-27 (withdrawn)", "is not '## MAJOR.MINOR.PATCH — YYYY-MM-DD'"),
    ("## Unreleased", "is not '## MAJOR.MINOR.PATCH — YYYY-MM-DD'"),
    ("## 0.3.0 — 2026-02-30", r"has no valid date \(2026-02-30 is not a day of the calendar\)"),
])
def test_a_malformed_heading_is_an_input_error_naming_the_file_and_line(
        release_root: Path, heading: str, why: str) -> None:
    pipeline.build(release_root)
    before = _snapshot(release_root)
    path = release_root / "RELEASES.md"
    path.write_text(LOG.replace("## 0.2.0 — 2026-10-01", heading), encoding="utf-8")
    with pytest.raises(InputError, match=why) as caught:
        pipeline.build(release_root)
    assert str(caught.value).startswith(f"{path}, line 13: the release heading {heading!r}")
    assert (caught.value.path, caught.value.location) == (path, "line 13")
    assert {k: v for k, v in _snapshot(release_root).items() if k != "RELEASES.md"} == \
        {k: v for k, v in before.items() if k != "RELEASES.md"}  # nothing written


def test_a_release_log_without_entries_is_an_error(release_root: Path) -> None:
    (release_root / "RELEASES.md").write_text("# Releases\n\nNothing yet.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"RELEASES\.md: the release log has no entry"):
        pipeline.build(release_root)


def test_the_release_log_is_a_resource_of_the_build(release_root: Path) -> None:
    log = release_root / "RELEASES.md"
    log.write_text(LOG, encoding="utf-8")
    result = pipeline.build(release_root)
    descriptor = _descriptor(release_root)
    data = LOG.encode("utf-8")
    assert descriptor["resources"][-1] == {
        "name": "changelog", "path": "RELEASES.md", "format": "md",
        "mediatype": "text/markdown", "encoding": "utf-8", "bytes": len(data),
        "hash": f"sha256:{hashlib.sha256(data).hexdigest()}", "title": "Release notes (RELEASES.md)",
        "description": "What changed in each release of this dataset and why it has its version number, "
                       "newest first.",
    }
    assert "RELEASES.md" in {f.path for f in result.files}
    assert log.read_text(encoding="utf-8") == LOG  # an input: the build leaves it as it is
    assert not list(release_root.glob(".datarelease-*"))  # no staging left behind
    for engine in ("stream", "frictionless"):
        report = validate.validate_release(release_root / "datapackage.json", engine=engine)
        assert report.valid, report.findings
        assert "changelog" in [r.name for r in report.resources]
    # byte-reproducible
    first = _snapshot(release_root)
    pipeline.build(release_root)
    assert _snapshot(release_root) == first
    # an edited log no longer matches the release: validate and build --check both say so
    log.write_text(LOG + "\nMore.\n", encoding="utf-8")
    report = validate.validate_release(release_root / "datapackage.json")
    assert {(f.resource, f.type) for f in report.findings} == {("changelog", "hash-count"),
                                                               ("changelog", "byte-count")}
    assert pipeline.check_release(release_root) == ["datapackage.json"]
    log.unlink()
    assert pipeline.check_release(release_root) == ["datapackage.json"]


def test_a_release_leaves_datasets_untouched(release_root: Path, tmp_path: Path) -> None:
    pipeline.build(release_root)
    old = tmp_path / "old"
    shutil.copytree(release_root, old)
    registry = release_root / "datasets" / "organisations.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + (
        "  - id: se-vinnova\n    name: Verket för innovationssystem\n"
        "    name_en: Sweden's Innovation Agency\n    acronym: Vinnova\n    aliases: [Vinnova]\n"
        "    country: SE\n    type: agency\n"), encoding="utf-8")
    pipeline.build(release_root)
    datasets = _snapshot(release_root / "datasets")
    result = release.release(release_root, against=old, today="2026-11-27")
    assert result.prepared.new_version == "0.2.0"
    assert _snapshot(release_root / "datasets") == datasets
    assert _descriptor(release_root)["version"] == "0.2.0"
    assert versions.release_log_version(release_root / "RELEASES.md") == "0.2.0"
    # a plain rebuild keeps the released version and the changelog resource
    assert pipeline.check_release(release_root) == []
    changelog = next(r for r in _descriptor(release_root)["resources"] if r["name"] == "changelog")
    data = (release_root / "RELEASES.md").read_bytes()
    assert changelog["bytes"] == len(data)
    assert changelog["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
