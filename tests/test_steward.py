"""Steward YAML (annotations, registry, dataset.yaml) is read strictly and within bounds: issue 9,
items 10, 16 (YAML), 21, and a property-based layer over annotation files."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease import pipeline, steward
from datarelease.errors import AnnotationError, DataReleaseError
from datarelease.normalise import load_annotation, load_registry

ANNOTATION = """\
source:
  file: a.txt
  publisher: se-skr
  rights:
    holder: SKR
    statement: All rights reserved
    republication: excerpt
relationships:
  - subject: se-skr
    predicate: sister_organisation_of
    object: no-ks
    evidence: SKRs systerorganisation i Norge, KS
"""


def _write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _set_contacts(root: Path, value: str) -> Path:
    meta = root / "datasets" / "dataset.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("contacts: false", f"contacts: {value}"),
                    encoding="utf-8")
    return meta


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


# --- item 10: personal_data.contacts is a boolean or an error ------------------------------------

@pytest.mark.parametrize("value", ["no", "off", "N", '"no"', "yes", "on", "1", "0", "'false'", "NO"])
def test_contacts_that_is_not_a_real_boolean_is_an_input_error_and_publishes_nothing(
        release_root: Path, value: str) -> None:
    meta = _set_contacts(release_root, value)
    with pytest.raises(AnnotationError) as caught:
        pipeline.build(release_root)
    message = str(caught.value)
    assert message.startswith(f"{meta}: line {_line_of(meta, 'contacts:')}, personal_data.contacts")
    assert "expected true or false" in message
    assert caught.value.exit_code == 3
    assert not (release_root / "publish").exists()
    assert not (release_root / "datapackage.json").exists()


def test_contacts_false_leaves_names_out_and_true_opts_in(release_root: Path) -> None:
    pipeline.build(release_root)
    assert not (release_root / "publish" / "news_item_contacts.csv").exists()
    _set_contacts(release_root, "true")
    pipeline.build(release_root)
    assert "Danerlöv" in (release_root / "publish" / "news_item_contacts.csv").read_text("utf-8")


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("dataset.yaml", "personal_data:", "personal_dta:", r"personal_dta: unknown key"),
    ("dataset.yaml", "version: 0.1.0", "version: 1.0", r"version: expected text, got the number 1.0"),
    ("dataset.yaml", "themes: [GOVE]", "themes: GOVE", r"themes: expected a list of texts"),
    ("dataset.yaml", "  contacts: false", "  contacts: false\n  emails: true",
     r"personal_data\.emails: unknown key"),
    ("organisations.yaml", "    parent: no-government", "    parnet: no-government",
     r"organisations\[4\]\.parnet: unknown key"),
    ("organisations.yaml", "    aliases: []", "    aliases: SKR",
     r"organisations\[0\]\.aliases: expected a list of texts, got the text 'SKR'$"),
    ("annotations/skr-2020-09-10-norge.yaml", "    republication: excerpt",
     "    republication: excerpt\n    licence: none", r"source\.rights\.licence: unknown key"),
    ("annotations/skr-2020-09-10-norge.yaml", "    issuer: no-government", "    issuer: 17",
     r"policy_documents\[0\]\.issuer: expected text, got the number 17"),
])
def test_every_option_is_type_checked_and_unknown_keys_are_reported_with_their_line(
        release_root: Path, file: str, old: str, new: str, expected: str) -> None:
    path = release_root / "datasets" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(AnnotationError, match=rf"line \d+, {expected}") as caught:
        pipeline.build(release_root)
    line = int(re.search(r"line (\d+)", str(caught.value)).group(1))  # type: ignore[union-attr]
    assert new.split("\n")[-1].strip().split(":")[0] in path.read_text("utf-8").splitlines()[line - 1]


# --- item 21: short or numeric evidence, duplicate keys, parent cycles ---------------------------

@pytest.mark.parametrize(("evidence", "expected"), [
    ('"i"', r'evidence "i" is too short'),
    ("KS", r'evidence "KS" is too short'),
    ("2020", r"evidence: expected text, got the number 2020"),
    ("true", r"evidence: expected text, got the boolean true"),
])
def test_evidence_that_cannot_show_anything_is_refused_with_its_line(
        release_root: Path, evidence: str, expected: str) -> None:
    path = release_root / "datasets" / "annotations" / "skr-2020-09-10-norge.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    evidence: SKRs systerorganisation i Norge, KS"
    path.write_text(text.replace(old, f"    evidence: {evidence}"), encoding="utf-8")
    with pytest.raises(AnnotationError, match=expected) as caught:
        pipeline.build(release_root)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index(f"    evidence: {evidence}") + 1
    assert f"line {line}, relationships[0]" in str(caught.value)


def test_duplicate_keys_are_an_error_naming_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, ANNOTATION.replace("  publisher: se-skr\n",
                                               "  publisher: se-skr\n  publisher: no-ks\n"))
    with pytest.raises(AnnotationError, match=r"line 4, column 3: .*duplicate key 'publisher' "
                                              r"\(first on line 3"):
        load_annotation(path)


def test_duplicate_keys_in_the_registry_and_in_flow_mappings(tmp_path: Path) -> None:
    path = _write(tmp_path, "organisations:\n"
                            "  - {id: se-a, name: A, name_en: A, country: SE, type: agency, id: se-b}\n")
    with pytest.raises(AnnotationError, match=r"line 2, .*duplicate key 'id'"):
        load_registry(path)


def test_a_cycle_of_parents_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "organisations:\n"
                            "  - {id: se-a, name: A, name_en: A, country: SE, type: agency, parent: se-c}\n"
                            "  - {id: se-b, name: B, name_en: B, country: SE, type: agency, parent: se-a}\n"
                            "  - {id: se-c, name: C, name_en: C, country: SE, type: agency, parent: se-b}\n"
                            "  - {id: se-d, name: D, name_en: D, country: SE, type: agency, parent: se-d}\n")
    with pytest.raises(AnnotationError) as caught:
        load_registry(path)
    message = str(caught.value)
    assert "line 2, organisation se-a: parents form a cycle: se-a → se-c → se-b → se-a" in message
    assert "line 5, organisation se-d: parents form a cycle: se-d → se-d" in message
    assert message.count("parents form a cycle") == 2  # one cycle is reported once, not once per member


def test_a_parent_chain_without_a_cycle_is_fine(tmp_path: Path) -> None:
    path = _write(tmp_path, "organisations:\n"
                            "  - {id: se-a, name: A, name_en: A, country: SE, type: agency}\n"
                            "  - {id: se-b, name: B, name_en: B, country: SE, type: agency, parent: se-a}\n"
                            "  - {id: se-c, name: C, name_en: C, country: SE, type: agency, parent: se-b}\n")
    assert [o.parent for o in load_registry(path)] == [None, "se-a", "se-b"]


# --- item 16: bounded reading -----------------------------------------------------------------------

def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "source:\n  file: x\nlaughs:\n" + "\n".join(f"  {line}" for line in lines) + "\n"


@pytest.mark.parametrize(("text", "expected"), [
    (_billion_laughs(), r"line \d+: expands to more than 250000 values"),
    ("[" * 5000 + "]" * 5000 + "\n", r"line 1: nested deeper than 64 levels"),
    ("".join(f"{' ' * i}k:\n" for i in range(2000)), r"line 65: nested deeper than 64 levels"),
    ("a: &a [*a]\n", r"line 1: alias \*a refers to a value that holds it"),
    ("a: &a x\nb: [" + ", ".join(["*a"] * 1001) + "]\n", r"line 2: more than 1000 aliases"),
])
def test_hostile_yaml_is_a_clear_error_within_bounded_memory(tmp_path: Path, text: str,
                                                             expected: str) -> None:
    path = _write(tmp_path, text)
    tracemalloc.start()
    try:
        with pytest.raises(AnnotationError, match=expected):
            load_annotation(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 << 20


@pytest.mark.parametrize("file", ["dataset.yaml", "organisations.yaml"])
def test_hostile_yaml_in_the_registry_or_metadata_stops_the_build(release_root: Path,
                                                                  file: str) -> None:
    path = release_root / "datasets" / file
    path.write_text(_billion_laughs(), encoding="utf-8")
    with pytest.raises(AnnotationError, match=rf"{file}, line \d+: expands to more than"):
        pipeline.build(release_root)
    path.write_text("a:\n" + "".join(f"{' ' * i}- \n" for i in range(1, 500)), encoding="utf-8")
    with pytest.raises(AnnotationError, match=rf"{file}, line \d+: nested deeper than 64"):
        pipeline.build(release_root)


def test_a_file_over_the_size_limit_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = _write(tmp_path, "source:\n  origin: " + "x" * 2000 + "\n")
    with pytest.raises(AnnotationError, match=r"larger than 1000 bytes"):
        steward.load(path, limits=steward.Limits(bytes=1000))


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"source:\n  file: a.txt\n  origin: caf\xe9\n")
    with pytest.raises(AnnotationError, match=r"line 3: not UTF-8"):
        load_annotation(path)


def test_a_nul_or_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError, match="cannot read"):
        load_annotation(tmp_path / "missing.yaml")


# --- property: any text in an annotation file is an annotation or a clear error -------------------

_KEYS = st.sampled_from(["source", "file", "publisher", "rights", "holder", "statement",
                         "republication", "evidence", "relationships", "subject", "object",
                         "predicate", "policy_documents", "x", "<<", "&a", "*a", "? ", "- "])
_SCALARS = st.one_of(st.sampled_from(["no", "yes", "~", "null", "1e3", "0x1F", "2020-06-01",
                                      "'q'", '"q"', "[", "{", "&a x", "*a", "!!python/object:os.system",
                                      "!!binary AA==", "|", ">"]),
                     st.text(max_size=20))


@st.composite
def _yaml_texts(draw: st.DrawFn) -> str:
    base = ANNOTATION.splitlines()
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(base)))
        indent = " " * draw(st.sampled_from([0, 2, 4, 6]))
        base.insert(at, f"{indent}{draw(_KEYS)}: {draw(_SCALARS)}")
    return "\n".join(base) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_yaml_texts())
def test_any_annotation_text_is_an_annotation_or_an_input_error(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    try:
        annotation = load_annotation(path)
    except AnnotationError as exc:
        assert str(exc).startswith(str(path)), exc
        assert exc.exit_code == 3
        return
    except DataReleaseError as exc:  # pragma: no cover - would be a wrong error class
        pytest.fail(f"not an AnnotationError: {exc!r}")
    assert isinstance(annotation.source_file, str) and annotation.source_file
    for item in annotation.relationships:
        assert isinstance(item["evidence"], str)


_BOOLEANISH = st.sampled_from(["true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
                               "no", "No", "NO", "on", "off", "y", "n", "Y", "N", "1", "0", "~",
                               "null", "''", '"true"', "'false'", "[true]", "{a: true}", "!!bool yes",
                               "tRue", "1.0", "2020-01-01"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(_BOOLEANISH, st.text(alphabet=st.characters(blacklist_categories=("Cs",)),
                                             max_size=8)))
def test_contacts_are_published_only_for_the_boolean_true(tmp_path: Path, value: str) -> None:
    """Property (item 10): whatever a steward writes after ``contacts:``, names are included only
    when YAML 1.2 reads the boolean true; any non-boolean is an error naming the line."""
    from datarelease.normalise import include_contacts

    path = _write(tmp_path, "name: n\ntitle: t\ndescription: d\nversion: 0.1.0\nlicenses:\n"
                            "  - name: CC-BY-4.0\npersonal_data:\n  contacts: " + value + "\n",
                  "dataset.yaml")
    try:
        parsed = steward.load(path)
    except AnnotationError:
        with pytest.raises(AnnotationError):
            include_contacts(path)
        return
    contacts = parsed["personal_data"]["contacts"] if isinstance(parsed.get("personal_data"),
                                                                   dict) else None
    try:
        included = include_contacts(path)
    except AnnotationError as exc:
        assert contacts is not None and not isinstance(contacts, bool), exc
        assert str(exc).startswith(f"{path}: line 8, personal_data")
        return
    assert included is (contacts is True)
    assert contacts is None or isinstance(contacts, bool)
