"""Ids survive corrections: the seed's 0.1.0 ids are pinned, and new ids come from slugs and keys."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from datarelease import diff, pipeline, release
from datarelease.errors import AnnotationError

# The ids published in release 0.1.0 (datapackage.json and publish/*.csv of that release): the
# contract with every consumer who joined on them. They must never change.
SEED_IDS_010 = {
    "news_items": {"news-1b7b86a08848"},
    "policy_documents": {"doc-f938f35867bb", "doc-adf586211fbc"},
    "policy_principles": {"pr-c37a785314cb", "pr-4a7cb6348b20", "pr-55bab39ebc9e"},
    "organisation_relationships": {"rel-62d5799732b2", "rel-875d623347f3", "rel-b753e62ca666"},
}
ID_FIELDS = {"news_items": "news_item_id", "policy_documents": "policy_document_id",
             "policy_principles": "principle_id", "organisation_relationships": "relationship_id"}
ANNOTATION = Path("datasets/annotations/skr-2020-09-10-norge.yaml")


def _ids(root: Path, table: str) -> set[str]:
    with (root / "publish" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return {row[ID_FIELDS[table]] for row in csv.DictReader(handle)}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_seeds_ids_are_the_ones_published_in_0_1_0(release_root: Path) -> None:
    pipeline.build(release_root)
    for table, ids in SEED_IDS_010.items():
        assert _ids(release_root, table) == ids, table
    # and no machine path reaches a published file
    published = [release_root / "datapackage.json", *(release_root / "publish").iterdir()]
    for path in published:
        assert str(release_root).encode() not in path.read_bytes(), path.name
        assert str(Path.home()).encode() not in path.read_bytes(), path.name


@pytest.fixture
def seed_built(release_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    pipeline.build(release_root)
    old = tmp_path / "old"
    shutil.copytree(release_root, old)
    return old, release_root


def test_correcting_the_title_is_one_changed_row_and_a_patch(seed_built: tuple[Path, Path]) -> None:
    old, root = seed_built
    # A steward corrects the title in the annotation (the source stays as published).
    _edit(root / ANNOTATION, "  file: skr-2020-09-10-norge.txt\n",
          "  file: skr-2020-09-10-norge.txt\n"
          "  title: Nationellt initiativ för offentlig innovation i Norge 2020\n")
    pipeline.build(root)
    decision = release.decide(diff.diff_releases(old, root))
    assert decision.bump == "patch"
    assert [(r.where, r.text) for r in decision.reasons] == [
        ("news_items", "1 row changed (in title)")]


def test_correcting_wording_and_evidence_keeps_every_id(seed_built: tuple[Path, Path]) -> None:
    old, root = seed_built
    annotation = root / ANNOTATION
    # the document's title, a principle's wording and a relationship's evidence, all corrected
    _edit(annotation, "    title: En innovativ offentlig sektor\n",
          "    title: En innovativ offentlig sektor (Meld. St. 30)\n")
    _edit(annotation, "      - id: pr-55bab39ebc9e\n        text: Offentliga verksamheter ska",
          "      - id: pr-55bab39ebc9e\n        text: Offentliga verksamheter bör")
    _edit(annotation, "    evidence: SKRs systerorganisation i Norge, KS\n",
          "    evidence: SKRs systerorganisation i Norge\n")
    # and the page itself corrected in the source file
    _edit(root / "datasets/sources/skr-2020-09-10-norge.txt",
          "Nationellt initiativ för offentlig innovation i Norge",
          "Nationellt initiativ för offentlig innovation i Norge!")
    pipeline.build(root)
    for table in SEED_IDS_010:
        assert _ids(root, table) == _ids(old, table), table
    decision = release.decide(diff.diff_releases(old, root))
    assert decision.bump == "patch"
    assert {r.where for r in decision.reasons} == {
        "news_items", "policy_documents", "policy_principles", "organisation_relationships"}
    assert not any("added" in r.text or "removed" in r.text for r in decision.reasons)


def test_new_ids_come_from_the_slug_and_the_keys(release_root: Path) -> None:
    annotation = release_root / ANNOTATION
    text = annotation.read_text(encoding="utf-8")
    for pinned in ("  id: news-1b7b86a08848\n", "    id: doc-f938f35867bb\n",
                   "    id: doc-adf586211fbc\n"):
        text = text.replace(pinned, "")
    annotation.write_text(text, encoding="utf-8")
    pipeline.build(release_root)
    first = {table: _ids(release_root, table) for table in ID_FIELDS}
    assert first["news_items"] != SEED_IDS_010["news_items"]
    _edit(annotation, "    title: En innovativ offentlig sektor\n",
          "    title: En innovativ offentlig sektor – korrigerad\n")
    _edit(release_root / "datasets/sources/skr-2020-09-10-norge.txt",
          "Nationellt initiativ", "Ett nationellt initiativ")
    pipeline.build(release_root)
    assert {table: _ids(release_root, table) for table in ID_FIELDS} == first


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  id: news-1b7b86a08848\n", "  id: news-XYZ\n", r"'id' must be 'news-' and 12"),
    ("    id: doc-f938f35867bb\n", "", None),
    ("  - key: innovativ-offentlig-sektor\n    id: doc-f938f35867bb\n", "  - id: doc-f938f35867bb\n",
     None),
    ("  - key: innovativ-offentlig-sektor\n    id: doc-f938f35867bb\n",
     "  - url: https://example.org/x\n",  # (not title_en: a second one is a duplicate key now)
     r"'key' is required"),
    ("  file: skr-2020-09-10-norge.txt\n", "  file: ../../etc/passwd\n",
     r"'file' must be a file name in datasets/sources/"),
    ("  file: skr-2020-09-10-norge.txt\n", "  file: /etc/passwd\n",
     r"'file' must be a file name in datasets/sources/"),
])
def test_ids_and_source_files_are_checked(release_root: Path, old: str, new: str,
                                          message: str | None) -> None:
    _edit(release_root / ANNOTATION, old, new)
    if message is None:
        pipeline.build(release_root)  # a key alone, or an id alone, is enough
        return
    with pytest.raises(AnnotationError, match=message):
        pipeline.build(release_root)


def test_a_source_symlinked_out_of_datasets_is_refused(release_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    source = release_root / "datasets/sources/skr-2020-09-10-norge.txt"
    shutil.copy(source, outside)
    source.unlink()
    source.symlink_to(outside)
    with pytest.raises(AnnotationError, match="leads out of datasets/") as caught:
        pipeline.build(release_root)
    assert str(tmp_path) not in str(caught.value).split(": ", 1)[1]
