from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datarelease.errors import AnnotationError
from datarelease.extract import Contact, Link, Record
from datarelease.normalise import (
    Annotation,
    Organisation,
    Source,
    evidence_occurs,
    find_mentions,
    load_annotation,
    load_registry,
    normalise,
)

ORGS = [
    Organisation("se-skr", "Sveriges Kommuner och Regioner", "SALAR", "SE",
                 "association_of_local_authorities", acronym="SKR"),
    Organisation("no-ks", "KS – Kommunesektorens organisasjon", "KS", "NO",
                 "association_of_local_authorities", acronym="KS"),
    Organisation("no-government", "Regjeringen", "Government of Norway", "NO", "government",
                 aliases=("norska regeringen",)),
    Organisation("se-government", "Regeringen", "Government of Sweden", "SE", "government"),
    Organisation("no-kmd", "Kommunal- og moderniseringsdepartementet", "KMD", "NO", "ministry",
                 parent="no-government"),
]

KS_EVIDENCE = "systerorganisation i Norge, KS"  # evidence is at least two words and 12 characters
SKR_EVIDENCE = "SKR:s underlag till regeringen"
TEXT = (
    "SKRs systerorganisation i Norge, KS, har bidragit. Den norska regeringen presenterade "
    "”En innovativ offentlig sektor”. SKR:s underlag till regeringen."
)


def record(**changes: object) -> Record:
    values: dict[str, object] = dict(
        source="a.txt", format="text", title="Rubrik", published=dt.date(2020, 9, 10),
        content_type="news", content_label="Nyhet", language="sv", lede="Ingress.", body=TEXT,
        sections=(), lists=(), contacts=(Contact("Anna Andersson", "Handläggare",
                                                 "information_officer"),),
        links=(Link("Underlaget", None, "application/pdf", True),),
    )
    values.update(changes)
    return Record(**values)  # type: ignore[arg-type]


def annotation(path: Path, **changes: object) -> Annotation:
    values: dict[str, object] = dict(
        path=path, source_file="a.txt", publisher="se-skr", url=None, page_title="Rubrik",
        origin=None, rights_holder="SKR", rights_statement="©", republication="excerpt",
        policy_documents=(), relationships=(),
    )
    values.update(changes)
    return Annotation(**values)  # type: ignore[arg-type]


def source(path: Path, **changes: object) -> Source:
    return Source(record(), TEXT, "0" * 64, annotation(path, **changes))


@pytest.mark.parametrize("quote", [
    'presenterade "En innovativ offentlig sektor"',
    "presenterade   ”En innovativ\noffentlig sektor”",
    "SKRs systerorganisation i Norge, KS",
])
def test_evidence_occurs_after_normalising_space_and_quotes(quote: str) -> None:
    assert evidence_occurs(quote, TEXT)


@pytest.mark.parametrize("quote", ["", "SKRs systerorganisation i Sverige", "skrs systerorganisation"])
def test_evidence_that_is_not_in_the_source(quote: str) -> None:
    assert not evidence_occurs(quote, TEXT)


def test_mentions_handle_genitives_acronym_case_and_overlaps() -> None:
    found = find_mentions(TEXT + " Vi tackar ks och skr.", ORGS)
    assert found == {
        "se-skr": ["SKR", "SKR"],
        "no-ks": ["KS"],
        "no-government": ["norska regeringen"],
        "se-government": ["Regeringen"],
    }


def test_registry_reports_every_problem_with_its_item(tmp_path: Path) -> None:
    path = tmp_path / "organisations.yaml"
    path.write_text(
        "organisations:\n"
        "  - {id: se-a, name: A, name_en: A, country: SE, type: agency}\n"
        "  - {id: se-a, name: B, name_en: B, country: SE, type: agency}\n"
        "  - {id: se-c, name: C, name_en: C, country: SE, type: club, parent: se-x}\n",
        encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        load_registry(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 3 problems:")
    assert "organisation se-a: duplicate id" in message
    assert "organisations[2] (se-c): unknown type 'club'" in message
    assert "organisation se-c: unknown parent organisation 'se-x'" in message


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("source:\n  file: a.txt\n  rights: [unclosed\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"a\.yaml, line \d+, column \d+: not valid YAML"):
        load_annotation(path)


def test_annotation_needs_rights(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("source:\n  file: a.txt\n  publisher: se-skr\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"line 2, source: 'rights' is required"):
        load_annotation(path)


def test_unknown_organisation_and_missing_evidence_name_the_item(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    relationships = (
        {"subject": "se-skr", "predicate": "sister_organisation_of", "object": "no-xx",
         "evidence": "SKRs systerorganisation i Norge, KS"},
        {"subject": "se-skr", "predicate": "provided_input_to", "object": "se-government",
         "evidence": "SKR gav regeringen pengar"},
    )
    with pytest.raises(AnnotationError) as caught:
        normalise([source(path, relationships=relationships)], ORGS)
    message = str(caught.value)
    assert "relationships[0] (se-skr sister_organisation_of no-xx): unknown organisation 'no-xx'" \
        in message
    assert ('relationships[1] (se-skr provided_input_to se-government): evidence not found in '
            'a.txt: "SKR gav regeringen pengar"') in message


def test_duplicate_principles_are_refused(tmp_path: Path) -> None:
    doc = {"key": "d", "title": "D", "type": "white_paper", "issuer": "no-government",
           "evidence": "Den norska regeringen presenterade",
           "principles": [{"text": "X", "evidence": KS_EVIDENCE}, {"text": "X", "evidence": KS_EVIDENCE}]}
    with pytest.raises(AnnotationError, match=r"principles\[1\]: duplicate principle"):
        normalise([source(tmp_path / "a.yaml", policy_documents=(doc,))], ORGS)


def test_tables_rows_and_stable_ids(tmp_path: Path) -> None:
    doc = {"key": "d", "title": "En innovativ offentlig sektor", "type": "white_paper",
           "issuer": "no-government", "issued": "2020-06", "link": "Underlaget",
           "evidence": "Den norska regeringen presenterade",
           "organisations": [{"organisation": "no-ks", "role": "contributor", "evidence": KS_EVIDENCE}],
           "principles": [{"text": "Andra", "evidence": KS_EVIDENCE},
                          {"text": "Första", "evidence": SKR_EVIDENCE}]}
    tables = normalise([source(tmp_path / "a.yaml", policy_documents=(doc,))], ORGS)
    again = normalise([source(tmp_path / "a.yaml", policy_documents=(doc,))], ORGS)
    assert tables == again
    assert "news_item_contacts" not in tables
    [news] = tables["news_items"]
    assert news["news_item_id"].startswith("news-") and len(news["news_item_id"]) == 17
    assert news["body"] is None and news["lede"] == "Ingress."
    [document] = tables["policy_documents"]
    assert [p["text"] for p in tables["policy_principles"]] == ["Andra", "Första"]
    assert [p["position"] for p in tables["policy_principles"]] == [1, 2]
    assert {(r["organisation_id"], r["role"]) for r in tables["policy_document_organisations"]} \
        == {("no-government", "issuer"), ("no-ks", "contributor")}
    [link] = tables["news_item_links"]
    assert link["policy_document_id"] == document["policy_document_id"]
    [part_of] = tables["organisation_relationships"]
    assert (part_of["subject_id"], part_of["predicate"], part_of["object_id"], part_of["basis"]) \
        == ("no-kmd", "part_of", "no-government", "registry")


def test_contacts_only_when_opted_in_and_full_text_only_when_allowed(tmp_path: Path) -> None:
    tables = normalise([source(tmp_path / "a.yaml", republication="full")], ORGS,
                       include_contacts=True)
    assert tables["news_item_contacts"][0]["name"] == "Anna Andersson"
    assert tables["news_items"][0]["body"] == TEXT
    metadata_only = normalise([source(tmp_path / "a.yaml", republication="metadata")], ORGS)
    assert metadata_only["news_items"][0]["lede"] is None
