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


EVALUATION_SETS = ("drafting", "drafting-heldout", "drafting-fresh", "drafting-fresh2")
ALL_PAGES = sorted(p for name in EVALUATION_SETS for p in (REPO / "benchmarks" / name / "pages").iterdir())


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_evidence_quote_occurs_in_its_source(page: Path) -> None:
    registry = load_registry(page.parent.parent / "organisations.yaml")
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


@pytest.mark.parametrize(("page", "not_principles"), [
    ("kl-2024-02-20-strategi.html", "forenkler sproget i selvbetjeningsløsninger"),  # a report's
    ("kl-2024-05-08-betaenkning.txt", "borgmester Jens Holm"),  # a committee's members
    ("ks-2024-01-15-handlingsplan.html", "Velkommen og innledning."),  # an agenda
    ("kuntaliitto-2024-09-10-selvitys.html", "osaamisen puute hidastaa käyttöönottoa"),  # findings
    ("kuntaliitto-2024-12-03-linjaukset.html", "Kokouksen avaus."),  # a meeting's agenda
    ("ks-2024-11-20-rettleiar.html", "Voss herad"),  # a working group's members
])
def test_participants_agendas_and_findings_are_not_principles(page: str, not_principles: str
                                                              ) -> None:
    fresh = REPO / "benchmarks" / "drafting-fresh"
    result = draft.draft(fresh / "pages" / page, load_registry(fresh / "organisations.yaml"))
    texts = [str(p.data["text"]) for d in result.documents for p in d.principles]
    assert texts  # the page's real principles are found …
    assert not any(not_principles.rstrip(",.") in text for text in texts)  # … and only those


def _draft_page(tmp_path: Path, name: str, text: str) -> draft.Draft:
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    return draft.draft(page, load_registry(CORPUS / "organisations.yaml"))


def test_finnish_cases_of_registry_names_and_organisation_words(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "kuntaliitto-2025-01-01-ohjelma.txt", (
        "Julkaistu 1.1.2025\n\nUutinen\n\nOhjelma valmistui\n\n"
        "Kuntaliiton hallitus hyväksyi ohjelman ”Hyvä kunta 2030”. Kuntaliitto toimitti ohjelman "
        "hallitukselle ja eduskunnalle.\n\nVantaan kaupungissa ohjelmaa on jo kokeiltu. "
        "Helsingin ja Oulun kaupungit seuraavat työtä.\n\n"
        "Kuntaliitto on SKR:n, KS:n ja KL:n sisarjärjestö.\n"))
    [document] = result.documents
    assert document.issuer == "fi-kuntaliitto"
    assert {(r.data["organisation"], r.data["role"]) for r in document.roles} == {
        ("fi-government", "addressee"), ("fi-eduskunta", "addressee")}
    names = {p.name for p in result.proposed}
    assert "Vantaan kaupunki" in names
    assert not any("Oulun" in name for name in names)  # a plural names no one city
    assert {(r.data["subject"], r.data["predicate"], r.data["object"])
            for r in result.relationships} == {
        ("fi-kuntaliitto", "sister_organisation_of", other) for other in ("se-skr", "no-ks", "dk-kl")}


def test_scandinavian_forms_and_what_is_no_document(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "kl-2025-01-01-plan.txt", (
        "Nyhed | Publiceret 1. januar 2025\n\nNy plan for ældreplejen\n\n"
        "Den danske regering har i dag præsenteret programmet »Tryg pleje«. Programmet er "
        "udarbejdet i samarbejde med KL og Danske Regioner.\n\n"
        "KL samarbejder med Digitaliseringsstyrelsen i projektet ”Data i plejen”.\n\n"
        "Kommunalbestyrelsen skal følge arbejdet, og Indenrigs- og Sundhedsministeriet er med.\n"))
    assert [d.title for d in result.documents] == ["Tryg pleje"]  # not the project taken part in
    [document] = result.documents
    assert document.issuer == "dk-government" and document.type == "strategy"
    assert {(r.data["organisation"], r.data["role"]) for r in document.roles} == {
        ("dk-kl", "contributor"), ("dk-regions", "contributor")}
    names = {p.name for p in result.proposed}
    assert "Indenrigs- og Sundhedsministeriet" in names
    assert "Kommunalbestyrelsen" not in names  # every municipality has one


def test_a_role_phrase_does_not_reach_into_the_next_clause(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "ks-2025-01-01-veikart.txt", (
        "Publisert 1.1.2025\n\nNyhet\n\nNytt veikart\n\n"
        "KS la i dag fram veikartet «Grønt 2030». Norsk senter for klima har hatt ansvar for det "
        "faglige arbeidet, og Digitaliseringsdirektoratet har bidratt med data.\n"))
    [document] = result.documents
    assert document.issuer == "no-ks"
    assert {(r.data["organisation"], r.data["role"]) for r in document.roles} == {
        ("no-digdir", "contributor")}  # not the lead: "ansvar for" is about someone else


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


def test_a_decision_in_principle_is_no_principle_word_and_networks_are_not_parents(
        tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "kuntaliitto-2026-01-01-paatos.txt", (
        "Julkaistu 1.1.2026\n\nTiedote\n\nPeriaatepäätös valmistui\n\n"
        "Valtioneuvosto teki periaatepäätöksen ”Hyvä hallinto 2030”. Periaatepäätöksen valmisteli "
        "valtiovarainministeriö yhdessä Kuntaliiton kanssa.\n\n"
        "  • Etusivu\n  • Uutiset\n\n"
        "Kuntaliitto katsoo, että periaatepäätöksen toteutus edellyttää:\n\n"
        "  • pysyvää rahoitusta,\n  • selkeää työnjakoa.\n\n"
        "Kuntaliitto on osa pohjoismaista verkostoa, johon kuuluvat myös SKR ja KS.\n"))
    [document] = result.documents
    assert document.principles == []  # neither list is introduced as principles
    assert document.issuer == "fi-government"
    assert {(r.data["organisation"], r.data["role"]) for r in document.roles} == {
        ("fi-vm", "lead"), ("fi-kuntaliitto", "contributor")}
    relationships = {(r.data["subject"], r.data["predicate"], r.data["object"])
                     for r in result.relationships}
    assert not any(predicate == "part_of" for _, predicate, _ in relationships)
    da = _draft_page(tmp_path, "kl-2026-01-01-samarbejde.txt", (
        "Nyhed\n\nPubliceret 1. januar 2026\n\nNordisk samarbejde\n\n"
        "KL er medlem af CEMR og indgår i det nordiske samarbejde med SKR, KS og Kommunförbundet.\n"))
    assert not da.relationships
