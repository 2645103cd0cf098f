"""datarelease add: drafts from new sources, and how build treats them."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

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


EVALUATION_SETS = ("drafting", "drafting-heldout", "drafting-fresh", "drafting-fresh2",
                   "drafting-fresh3", "drafting-fresh4", "drafting-fresh5", "drafting-fresh6",
                   "drafting-fresh7", "drafting-fresh8", "drafting-fresh9",
                   "drafting-fresh10", "drafting-fresh11", "drafting-fresh12",
                   "drafting-fresh13", "drafting-fresh14", "drafting-fresh15",
                   "drafting-dev12f", "drafting-fresh16", "drafting-dev12g", "drafting-fresh17",
                   "drafting-dev12h", "drafting-fresh18", "drafting-dev12i", "drafting-fresh19",
                   "drafting-dev12j", "drafting-fresh20", "drafting-fresh21", "drafting-fresh22",
                   "drafting-fresh23")
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


def test_a_network_clause_states_no_collaboration_or_role(tmp_path: Path) -> None:
    da = _draft_page(tmp_path, "kl-2026-02-01-udspil.txt", (
        "Publiceret 1. februar 2026\n\nNyhed\n\nUdspil\n\n"
        "Regeringen har offentliggjort udspillet ”Velfærd tæt på”.\n\n"
        "KL er en del af et nordisk netværk sammen med SKR og KS, og KL samarbejder med Danske "
        "Regioner om udspillet.\n"))
    relationships = {(r.data["subject"], r.data["predicate"], r.data["object"])
                     for r in da.relationships}
    # the network's clause gives nothing; the next clause still states its collaboration
    assert relationships == {("dk-kl", "collaborates_with", "dk-regions")}
    [document] = da.documents
    assert not {r.data["organisation"] for r in document.roles} & {"se-skr", "no-ks"}
    fi = _draft_page(tmp_path, "kuntaliitto-2026-02-01-kysely.txt", (
        "Julkaistu 1.2.2026\n\nUutinen\n\nKysely\n\n"
        "Kuntaliitto tekee pohjoismaista yhteistyötä SKR:n, KS:n ja KL:n kanssa.\n\n"
        "Kuntaliitto tekee yhteistyötä valtiovarainministeriön kanssa.\n"))
    assert {(r.data["subject"], r.data["object"]) for r in fi.relationships} == {
        ("fi-kuntaliitto", "fi-vm")}


def test_taking_part_side_by_side_is_no_collaboration(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "ks-2026-02-01-gruppe.txt", (
        "Publisert: 1. februar 2026\n\nNyhet\n\nReferansegruppe\n\n"
        "KS har deltatt i referansegruppen sammen med Digitaliseringsdirektoratet.\n\n"
        "KS har sammen med Digitaliseringsdirektoratet laget en ny veileder.\n"))
    assert [(r.data["subject"], r.data["predicate"], r.data["object"])
            for r in result.relationships] == [("no-ks", "collaborates_with", "no-digdir")]


def test_a_foreign_ministry_named_in_one_word_is_the_page_countrys(tmp_path: Path) -> None:
    page = ("Publiceret 1. marts 2026\n\nNyhed\n\nUdspil\n\n"
            "Finansministeriet har offentliggjort udspillet ”Økonomi i balance”. Det er ikke "
            "sikkert, at kommunerne får flere penge, siger KL, som også gerne vil have mere "
            "frihed til at prioritere selv.\n")
    [document] = _draft_page(tmp_path, "kl-2026-03-01-udspil.txt", page).documents
    assert document.issuer != "fi-vm"  # the registry's Finnish ministry, by its Swedish name
    sv_fi = _draft_page(tmp_path, "kommunforbundet-2026-03-01-plan.txt", (
        "Publicerad 1.3.2026\n\nNyhet\n\nPlan\n\n"
        "Finansministeriet har publicerat planen ”Ekonomi i balans”.\n"))
    assert sv_fi.documents[0].issuer == "fi-vm"  # on a page from Finland it is Finland's


@pytest.mark.parametrize("items", [
    ("Etusivu", "Uutiset", "Tiedotteet"),  # breadcrumbs
    ("pysyvää rahoitusta yhteisille ratkaisuille,", "selkeää työnjakoa valtion ja kuntien"),
    ("Anna Lindqvist, kommundirektör i Närpes", "Mikael Ek, forskare vid Åbo Akademi"),
])
def test_only_lists_of_statements_are_principles(tmp_path: Path, items: tuple[str, ...]) -> None:
    listed = "\n".join(f"  • {item}" for item in items)
    result = _draft_page(tmp_path, "skr-2026-03-01-strategi.txt", (
        "Publicerad: 1 mars 2026\n\nNyhet\n\nStrategi\n\n"
        "SKR har antagit strategin ”Hela Sverige 2030”.\n\n"
        f"Strategin bygger på följande principer:\n\n{listed}\n"))
    [document] = result.documents
    assert document.principles == []


def test_a_lowercase_genitive_right_before_the_document_word_issues_it(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "kl-2026-04-01-udspil.txt", (
        "Publiceret 1. april 2026\n\nNyhed\n\nForhandlinger\n\n"
        "Forhandlingerne tager udgangspunkt i regeringens udspil ”Velfærd tæt på”. KL mener, at "
        "kommunerne skal have mere frihed, og at pengene ikke rækker til de nye opgaver.\n\n"
        "Udspillet er lavet i samråd med Danske Regioner.\n"))
    [document] = result.documents
    assert document.issuer == "dk-government"
    assert {(r.data["organisation"], r.data["role"]) for r in document.roles} == {
        ("dk-regions", "contributor")}


def test_a_reply_about_a_report_issues_the_reply_not_the_report(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "skr-2026-05-01-remissvar.txt", (
        "Publicerad: 1 maj 2026\n\nNyhet\n\nRemissvar\n\n"
        "SKR har lämnat remissvar till regeringen om betänkandet ”Mindre matsvinn”.\n\n"
        "Utredningen har letts av en särskild utredare och lämnades till regeringen i januari.\n"))
    [document] = result.documents
    assert document.issuer is None  # SKR issued its reply, not the committee's report
    roles = {(r.data["organisation"], r.data["role"]) for r in document.roles}
    assert ("se-government", "lead") not in roles  # led by the investigator, handed to it
    assert ("se-government", "addressee") in roles


def test_a_name_right_after_the_verb_is_its_subject_not_the_genitive_before(
        tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "kl-2026-09-01-topmoede.txt", (
        "Publiceret 1. september 2026\n\nNyhed\n\nTopmøde\n\n"
        "På KL’s børnetopmøde i Aalborg præsenterede Undervisningsministeriet handlingsplanen "
        "»Alle børn lærer«. KL mener, at planen er et godt skridt, men at der mangler penge.\n"))
    [document] = result.documents
    assert document.issuer != "dk-kl"


def test_ministries_in_lowercase_and_short_agency_names_are_proposed(tmp_path: Path) -> None:
    fi = _draft_page(tmp_path, "kuntaliitto-2026-12-01-tiekartta.txt", (
        "Julkaistu 1.12.2026\n\nTiedote\n\nTiekartta\n\n"
        "Kuntaliitto julkaisi tiekartan ”Hyvä ilmasto”. Tiekartta on laadittu yhdessä "
        "ympäristöministeriön ja sosiaali- ja terveysministeriön kanssa. Ministeriön mukaan "
        "työ jatkuu.\n"))
    names = {org.name for org in fi.proposed}
    # proposed in their base form, as the gold of every set writes them (issue 12f)
    assert {"ympäristöministeriö", "sosiaali- ja terveysministeriö"} <= names
    assert not any(name.lower() in ("ministeriö", "ministeriön") for name in names)  # a bare
    # word names none
    sv = _draft_page(tmp_path, "skr-2026-12-01-bostad.txt", (
        "Publicerad: 1 december 2026\n\nNyhet\n\nBostäder\n\n"
        "Boverket har bidragit med underlag till rapporten ”Bo i hela landet”.\n"))
    assert "Boverket" in {org.name for org in sv.proposed}


def test_a_name_ending_in_a_places_genitive_keeps_its_noun(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "skr-2026-12-02-samrad.txt", (
        "Publicerad: 2 december 2026\n\nNyhet\n\nSamråd\n\n"
        "Rapporten ”Mat för alla” har tagits fram i samråd med Region Jönköpings län och "
        "Svenska Finlands folkting.\n"))
    names = {org.name for org in result.proposed}
    assert {"Region Jönköpings län", "Svenska Finlands folkting"} <= names
    assert "Region Jönköpings" not in names


@pytest.mark.parametrize(("intro", "items", "principles"), [
    # a sentence about the plan that ends in ':' over sentences: principles, whatever their noun
    ("Planen vilar på två bärande tankar:", ("Invånarna ska få samma service i hela landet.",
                                             "Kommunerna väljer själva hur de organiserar sig."),
     True),
    # the same sentence, but its items are questions or programme points
    ("Planen besvarar två frågor:", ("Vem betalar för den nya servicen?",
                                     "Hur ska kommunerna samarbeta?"), False),
    ("Planen vilar på två bärande tankar:", ("Välkommen och inledning",
                                             "Panelsamtal om närservice"), False),
    # someone else speaks about the plan: SKR's view, not the plan's principles
    ("SKR anser att planen behöver kompletteras:", ("Staten bör ta ett större ansvar.",
                                                    "Kommunerna bör få mer tid."), False),
    # an indefinite "Program" names something new, not the plan
    ("Program för lanseringen:", ("Öppning av ministern för dagen.",
                                  "Samtal med tre kommunchefer."), False),
    # on a page about one document, a count over sentences is enough; not when someone speaks
    ("Dessa två punkter står i centrum:", ("Invånarna ska få samma service i hela landet.",
                                           "Kommunerna väljer själva hur de organiserar sig."),
     True),
    ("Två saker måste hända nu, menar SKR:", ("Staten ska betala för reformen.",
                                              "Kommunerna ska få mer tid."), False),
    # the plan's figures, introduced by its name and a colon
    ("Planen i siffror:", ("Kommunerna får 600 miljoner kronor.",
                           "Regionerna får 200 miljoner kronor."), False),
    # a stated number that is not the number of items
    ("Planen vilar på fyra bärande tankar:", ("Invånarna ska få samma service i hela landet.",
                                              "Kommunerna väljer själva hur de organiserar sig."),
     False),
])
def test_a_list_is_principles_by_its_structure(tmp_path: Path, intro: str,
                                                items: tuple[str, ...], principles: bool) -> None:
    text = ("Publicerad: 1 mars 2026\n\nNyhet\n\nNy plan\n\n"
            "Regeringen har presenterat planen ”Starka kommuner”.\n\n"
            f"{intro}\n\n" + "".join(f"- {item}\n" for item in items))
    [document] = _draft_page(tmp_path, "skr-2026-03-01-plan.txt", text).documents
    assert [p.data["text"] for p in document.principles] == (list(items) if principles else [])


def test_a_reports_own_proposal_of_principles_is_its_principles(tmp_path: Path) -> None:
    text = ("Publicerad: 1 mars 2026\n\nNyhet\n\nBetänkande\n\n"
            "Utredningen har lämnat betänkandet ”Mat som räcker” till regeringen.\n\n"
            "Betänkandet föreslår tre principer:\n\n"
            "- Maten ska ätas upp.\n- Överskott går till foder.\n- Resten blir biogas nu.\n\n"
            "SKR föreslår tre principer för det fortsatta arbetet:\n\n"
            "- Kommunerna ska få ersättning.\n- Reglerna ska vara enkla.\n"
            "- Uppföljningen ska vara lätt.\n")
    [document] = _draft_page(tmp_path, "skr-2026-03-02-betankande.txt", text).documents
    # the second list is SKR's proposal (a registry organisation speaks), not the report's
    assert [p.data["text"] for p in document.principles] == [
        "Maten ska ätas upp.", "Överskott går till foder.", "Resten blir biogas nu."]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("SKR och Vinnova har under flera år samarbetat kring kompetensstöd.",
     {("se-skr", "collaborates_with", "se-vinnova")}),
    ("Vinnova har ingått ett partnerskap med SKR om innovationsledare.",
     {("se-vinnova", "collaborates_with", "se-skr")}),
    # working together with someone else, or not at all, or a member of another's group
    ("SKR och Vinnova samarbetar med Tillväxtverket om en ny satsning.", set()),
    ("SKR samarbetar inte med Vinnova i den här frågan.", set()),
    ("SKR och Vinnova bjuder in till ett seminarium om samarbete mellan kommuner.", set()),
    ("SKR och Vinnova har tillsammans tagit fram en ny vägledning.",
     {("se-skr", "collaborates_with", "se-vinnova")}),
    ("SKR och Vinnova har i dag presenterat vägledningen ”Tillsammans för innovation”.", set()),
    ("SKR är också medlem i Vinnovas referensgrupp för välfärdsinnovation.", set()),
])
def test_a_collaboration_word_between_two_organisations(tmp_path: Path, sentence: str,
                                                         expected: set[tuple[str, str, str]]
                                                         ) -> None:
    result = _draft_page(tmp_path, "skr-2026-03-03-samarbete.txt", (
        "Publicerad: 3 mars 2026\n\nNyhet\n\nSamarbete\n\n" + sentence + "\n"))
    found = {(r.data["subject"], r.data["predicate"], r.data["object"])
             for r in result.relationships}
    symmetric = {(o, p, s) for s, p, o in found}
    assert found == expected or symmetric == expected


def test_organisations_named_without_an_organisation_word(tmp_path: Path) -> None:
    result = _draft_page(tmp_path, "kl-2026-03-04-analyse.txt", (
        "Publiceret 4. marts 2026\n\nNyhed\n\nNy analyse\n\n"
        "Ifølge en ny analyse fra DMI stiger havet hurtigere end ventet. Udvalget bestod af "
        "borgmester Hanne Ries, Aabenraa Kommune. Anna Holm præsenterede rapporten ”Klar til "
        "klimaet” på mødet, og KL og Kombit har bidraget med data. Regeringen har sendt "
        "strategien til Folketinget.\n"))
    names = {p.name for p in result.proposed}
    assert {"DMI", "Kombit", "Folketinget", "Aabenraa Kommune"} <= names
    assert not names & {"Ries", "Hanne Ries", "Anna Holm", "Holm", "Udvalget"}


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_drafts",
                                                  REPO / "benchmarks" / "score_drafts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Issue 12's precision targets; a wrong fact a tired steward approves is worse than a missing one
PRECISION_TARGETS = {"documents": 0.85, "roles": 0.85, "principles": 0.9, "relationships": 0.85}


@pytest.mark.parametrize("corpus", EVALUATION_SETS)
def test_every_evaluation_set_meets_the_precision_targets(corpus: str) -> None:
    scorer = _scorer()
    root = REPO / "benchmarks" / corpus
    registry = load_registry(root / "organisations.yaml")
    counts = {kind: [0, 0] for kind in PRECISION_TARGETS}  # right, wrong
    for gold_path in sorted((root / "gold").glob("*.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        result = draft.draft(root / "pages" / gold["source"]["file"], registry,
                             publisher=gold["source"].get("publisher"))
        drafted = scorer._facts(
            [{"title": d.title, "issuer": d.issuer, "organisations": [r.data for r in d.roles],
              "principles": [p.data for p in d.principles]} for d in result.documents],
            [r.data for r in result.relationships])
        expected = scorer._facts(gold.get("policy_documents") or [],
                                 gold.get("relationships") or [])
        for kind in PRECISION_TARGETS:
            counts[kind][0] += len(drafted[kind] & expected[kind])
            counts[kind][1] += len(drafted[kind] - expected[kind])
    for kind, (right, wrong) in counts.items():
        assert right + wrong == 0 or right / (right + wrong) >= PRECISION_TARGETS[kind], (
            kind, right, wrong)


def test_a_subject_after_the_verb_issues_the_document(tmp_path: Path) -> None:
    inverted = _draft_page(tmp_path, "ks-2026-03-05-plan.txt", (
        "Publisert: 5. mars 2026\n\nNyhet\n\nHandlingsplan\n\n"
        "Under KS' toppmøte i Oslo la KS og Digitaliseringsdirektoratet fram handlingsplanen "
        "«Digital hverdag».\n"))
    [document] = inverted.documents
    assert document.issuer == "no-ks"
    assert [(r.data["organisation"], r.data["role"]) for r in document.roles] == [
        ("no-digdir", "contributor")]
    # "i vår" (this spring) inside the particle verb is not "our": the subject stands first
    plain = _draft_page(tmp_path, "ks-2026-03-06-melding.txt", (
        "Publisert: 6. mars 2026\n\nNyhet\n\nMelding\n\n"
        "Regjeringen la i vår fram meldingen «Tillit i forvaltningen».\n"))
    assert plain.documents[0].issuer == "no-government"


def test_input_to_someone_makes_them_no_contributor(tmp_path: Path) -> None:
    nb = _draft_page(tmp_path, "ks-2026-03-07-melding.txt", (
        "Publisert: 7. mars 2026\n\nNyhet\n\nMelding\n\n"
        "Regjeringen la i går fram meldingen «Trygg hverdag». Meldingen skal behandles av "
        "Stortinget i vår. KS har sendt innspill til Kommunal- og distriktsdepartementet om "
        "finansieringen.\n"))
    [document] = nb.documents
    roles = {(r.data["organisation"], r.data["role"]) for r in document.roles}
    assert ("no-storting", "addressee") in roles and ("no-kmd", "contributor") not in roles
    # sending a draft out for comment ("lausunnolle") is no statement given to anyone
    fi = _draft_page(tmp_path, "kuntaliitto-2026-03-07-lausunto.txt", (
        "Julkaistu 7.3.2026\n\nUutinen\n\nLausunto\n\n"
        "Valtiovarainministeriö lähetti lausunnolle hallituksen esityksen luonnoksen ”Uusi "
        "kuntalaki”. Kuntaliitto on antanut luonnoksesta lausunnon valtiovarainministeriölle.\n"))
    assert {(r.data["subject"], r.data["predicate"], r.data["object"])
            for r in fi.relationships} == {("fi-kuntaliitto", "provided_input_to", "fi-vm")}
