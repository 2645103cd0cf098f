"""datarelease add: drafts from new sources, and how build treats them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from datarelease import draft, pipeline
from datarelease.cli import main
from datarelease.errors import InputError
from datarelease.extract import read_text_source
from datarelease.normalise import evidence_occurs, load_registry

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "benchmarks" / "drafting"
SEED = REPO / "datasets" / "sources" / "skr-2020-09-10-norge.txt"
# A page written for the tests (a KS news item in bokmål); see tests/data/drafting/README.md.
NEW_PAGE = Path(__file__).parent / "data" / "drafting" / "ks-2021-10-12-veileder.txt"


def _evidences(result: draft.Draft) -> list[str]:
    quotes = []
    for document in result.documents:
        quotes.append(document.evidence)
        quotes += [str(f.data["evidence"]) for f in (*document.roles, *document.principles)]
    quotes += [str(f.data["evidence"]) for f in result.relationships]
    quotes += [org.evidence for org in result.proposed]
    return quotes


@pytest.mark.parametrize("page", sorted((CORPUS / "pages").iterdir()), ids=lambda p: p.name)
def test_every_evidence_quote_occurs_in_its_source(page: Path) -> None:
    registry = load_registry(CORPUS / "organisations.yaml")
    result = draft.draft(page, registry)
    source_text = read_text_source(page)
    quotes = _evidences(result)
    assert quotes
    for quote in quotes:
        assert evidence_occurs(quote, source_text), quote


def test_the_seed_page_drafts_the_seeds_facts() -> None:
    registry = load_registry(REPO / "datasets" / "organisations.yaml")
    result = draft.draft(SEED, registry)
    seed = yaml.safe_load((REPO / "datasets/annotations/skr-2020-09-10-norge.yaml").read_text())
    assert result.publisher == "se-skr"
    assert [d.title for d in result.documents] == [d["title"] for d in seed["policy_documents"]]
    white_paper = result.documents[0]
    assert white_paper.issuer == "no-government" and white_paper.type == "white_paper"
    assert {(r.data["organisation"], r.data["role"]) for r in white_paper.roles} == {
        ("no-kmd", "lead"), ("no-ks", "contributor"), ("no-storting", "addressee")}
    assert [p.data["text"] for p in white_paper.principles] == [
        p["text"] for p in seed["policy_documents"][0]["principles"]]
    assert {(r.data["subject"], r.data["predicate"], r.data["object"])
            for r in result.relationships} == {
        (r["subject"], r["predicate"], r["object"]) for r in seed["relationships"]}


@pytest.mark.parametrize(("page", "not_principles"), [
    ("skr-2021-03-04-strategi.txt", "En långsiktig finansiering av gemensam infrastruktur."),
    ("skr-2022-05-17-rapport.html", "Sju av tio kommuner saknar en budget för utvecklingsarbete."),
    ("ks-2020-06-19-melding.txt", "mer penger til utviklingsprosjekter i kommunene"),
    ("kl-2023-01-10-kronik.txt", "Forsøgene skal kunne vare mindst fem år."),
    ("kuntaliitto-2022-03-15-selvitys.html", "pienillä kunnilla on vähemmän digitaalisia palveluja,"),
])
def test_demands_and_findings_are_not_principles(page: str, not_principles: str) -> None:
    registry = load_registry(CORPUS / "organisations.yaml")
    result = draft.draft(CORPUS / "pages" / page, registry)
    texts = [str(p.data["text"]) for d in result.documents for p in d.principles]
    assert not any(not_principles.rstrip(",.") in text for text in texts)


def test_extract_and_normalise_do_not_import_drafting() -> None:
    code = ("import sys, datarelease.extract, datarelease.normalise, datarelease.pipeline; "
            "print(sorted(m for m in sys.modules if m.startswith('datarelease.draft')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_add_copies_the_source_and_writes_a_draft(release_root: Path) -> None:
    registry_before = (release_root / "datasets/organisations.yaml").read_bytes()
    [result] = draft.add([NEW_PAGE], release_root)
    assert result.copied and result.annotation is not None
    assert (release_root / "datasets/sources" / NEW_PAGE.name).read_bytes() == NEW_PAGE.read_bytes()
    data = yaml.safe_load(result.annotation.read_text(encoding="utf-8"))
    assert data["status"] == "draft"
    assert data["source"]["file"] == NEW_PAGE.name and data["source"]["publisher"] == "no-ks"
    assert data["source"]["rights"]["republication"] == "excerpt"
    assert "# why:" in result.text
    names = [org["name"] for org in data.get("proposed_organisations") or []]
    assert "Bergen kommune" in names
    assert (release_root / "datasets/organisations.yaml").read_bytes() == registry_before
    again = draft.add([NEW_PAGE], release_root)  # the same file again: nothing changes
    assert not again[0].copied and again[0].annotation is None


def test_add_never_overwrites_a_different_file(release_root: Path, tmp_path: Path) -> None:
    other = tmp_path / "skr-2020-09-10-norge.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("Nyhet", "Notis"), encoding="utf-8")
    before = _snapshot(release_root)
    with pytest.raises(InputError, match="already exists and is a different file"):
        draft.add([other], release_root)
    assert _snapshot(release_root) == before


def test_add_writes_nothing_when_a_source_cannot_be_read(release_root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Ingen dato her\n\nBare tekst.\n", encoding="utf-8")
    before = _snapshot(release_root)
    done = CliRunner().invoke(main, ["add", str(NEW_PAGE), str(bad), "--root", str(release_root)])
    assert done.exit_code == 3 and "no date line" in done.output
    assert _snapshot(release_root) == before


def test_stdout_prints_and_writes_nothing(release_root: Path) -> None:
    before = _snapshot(release_root)
    done = CliRunner().invoke(main, ["add", str(NEW_PAGE), str(SEED), "--root", str(release_root),
                                     "--stdout", "--publisher", "no-ks"])
    assert done.exit_code == 0, done.output
    documents = list(yaml.safe_load_all(done.output))
    assert [d["source"]["file"] for d in documents] == [NEW_PAGE.name, SEED.name]
    assert all(d["source"]["publisher"] == "no-ks" for d in documents)
    assert _snapshot(release_root) == before
    unknown = CliRunner().invoke(main, ["add", str(NEW_PAGE), "--root", str(release_root),
                                        "--stdout", "--publisher", "xx-nobody"])
    assert unknown.exit_code == 3 and "not in the registry" in unknown.output


def test_build_leaves_drafts_out_and_strict_fails(release_root: Path) -> None:
    pipeline.build(release_root)
    built = _snapshot(release_root / "publish")
    draft.add([NEW_PAGE], release_root)
    done = CliRunner().invoke(main, ["build", "--root", str(release_root)])
    assert done.exit_code == 0, done.output
    assert "1 draft not released: ks-2021-10-12-veileder.yaml" in done.output
    assert _snapshot(release_root / "publish") == built  # the draft's source is not released
    strict = CliRunner().invoke(main, ["build", "--root", str(release_root), "--strict"])
    assert strict.exit_code == 3 and "1 draft not reviewed" in strict.output


def test_a_reviewed_draft_is_released(release_root: Path) -> None:
    [result] = draft.add([NEW_PAGE], release_root)
    assert result.annotation is not None
    text = result.annotation.read_text(encoding="utf-8")
    result.annotation.write_text(text.replace("status: draft\n", ""), encoding="utf-8")
    pipeline.build(release_root)
    rows = (release_root / "publish/news_items.csv").read_text(encoding="utf-8")
    assert "Ny veileder skal hjelpe kommunene med innovasjon" in rows
    principles = (release_root / "publish/policy_principles.csv").read_text(encoding="utf-8")
    assert "Innbyggerne skal involveres tidlig." in principles
    shutil.rmtree(release_root / "publish")
