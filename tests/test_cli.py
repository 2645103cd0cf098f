"""The command line: exact output, exit codes, and that every command is documented."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import datarelease
from datarelease.cli import main

from .conftest import REPO

SEED = REPO / "tests" / "data" / "sources" / "skr-2020-09-10-norge.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_the_record_as_json() -> None:
    code, out, err = run("extract", str(SEED))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["title"] == "Nationellt initiativ för offentlig innovation i Norge"
    assert (data["published"], data["content_type"], data["content_label"], data["language"]) == \
        ("2020-09-10", "news", "Nyhet", "sv")
    assert len(data["lists"]) == 1 and len(data["lists"][0]) == 3
    assert data["contacts"] == [{"name": "Klas Danerlöv", "role": "Handläggare",
                                 "block": "information_officer"}]
    assert {"title", "published", "content_type", "content_label", "language", "lede", "body",
            "lists", "contacts", "links"} <= set(data)


def test_extract_text_format() -> None:
    code, out, _ = run("extract", str(SEED), "--format", "text")
    assert code == 0
    assert out.splitlines()[:3] == [
        "title: Nationellt initiativ för offentlig innovation i Norge",
        "published: 2020-09-10",
        "content_type: news",
    ]
    assert out.splitlines()[-1] == "lists: 1, contacts: 1, links: 2"


def test_extract_bad_source_exits_3_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Publicerad: 10 septober 2020\n\nNyhet\n\nRubrik\n\nIngress.\n", encoding="utf-8")
    code, out, err = run("extract", str(bad))
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: {bad}, line 1: ")
    assert "septober" in err


def test_build_prints_where_and_what(release_root: Path) -> None:
    code, out, err = run("build", "--root", str(release_root))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Built {release_root / 'datapackage.json'}"
    assert lines[2].split() == ["table", "rows", "csv", "bytes", "parquet", "bytes"]
    csv_size = (release_root / "publish/policy_principles.csv").stat().st_size
    parquet_size = (release_root / "publish/policy_principles.parquet").stat().st_size
    assert f"policy_principles{'3':>21}{csv_size:>11}{parquet_size:>15}" in lines
    svg_size = (release_root / "publish/organisation_network.svg").stat().st_size
    assert f"{'publish/organisation_network.svg':<32}{svg_size:>17}" in lines
    resources = json.loads((release_root / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert lines[-1] == f"Valid: {len(resources)} resources, 0 errors."


def test_build_check_exits_1_when_the_release_is_stale(release_root: Path) -> None:
    run("build", "--root", str(release_root))
    assert run("build", "--root", str(release_root), "--check")[:2] == \
        (0, "The committed release equals a fresh build.\n")
    (release_root / "publish/organisations.csv").write_text("tampered\n")
    code, out, err = run("build", "--root", str(release_root), "--check")
    assert (code, out) == (1, "differs: publish/organisations.csv\n")
    assert err.startswith("Error: the committed release is not what")


def test_build_with_bad_annotation_exits_3(release_root: Path) -> None:
    annotation = release_root / "datasets/annotations/skr-2020-09-10-norge.yaml"
    annotation.write_text(annotation.read_text().replace("object: no-ks", "object: no-nobody"))
    code, out, err = run("build", "--root", str(release_root))
    assert (code, out) == (3, "")
    assert err == (f"Error: {annotation}: relationships[0] (se-skr sister_organisation_of "
                   "no-nobody): unknown organisation 'no-nobody' (not in the registry)\n")


def test_validate_exit_codes(release_root: Path) -> None:
    run("build", "--root", str(release_root))
    descriptor = release_root / "datapackage.json"
    code, out, _ = run("validate", str(descriptor))
    assert code == 0 and out.startswith("valid: ")
    code, out, _ = run("validate", str(descriptor), "--format", "json")
    assert code == 0 and json.loads(out)["valid"] is True
    csv_path = release_root / "publish/organisations.csv"
    csv_path.write_text(csv_path.read_text().replace(",NO,", ",Norway,", 1))
    code, out, _ = run("validate", str(descriptor), "--format", "json")
    report = json.loads(out)
    assert code == 1
    types = {(e["resource"], e["type"]) for e in report["errors"]}
    assert ("organisations", "constraint-error") in types
    assert ("organisations", "hash-count") in types


def test_validate_a_folder_without_a_descriptor_exits_1_with_a_report(tmp_path: Path) -> None:
    """The folder is there but holds no package: a report, as frictionless gives (a path that does
    not exist at all is a usage error: see test_exit_codes)."""
    code, out, _ = run("validate", str(tmp_path))
    assert code == 1
    assert "package-error" in out and "descriptor not found" in out


def test_usage_errors_exit_2() -> None:
    assert run("validate", "--format", "yaml")[0] == 2
    assert run("no-such-command")[0] == 2


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"### datarelease {name}" in readme, f"README has no section for '{name}'"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "datarelease", "--version"],
                            capture_output=True, text=True, check=True)
    assert datarelease.__version__ in result.stdout


@pytest.mark.parametrize("module", ["extract", "normalise", "validate", "package", "pipeline", "errors"])
def test_public_names_exist(module: str) -> None:
    imported = importlib.import_module(f"datarelease.{module}")
    names = getattr(imported, "__all__", [n for n in vars(imported) if not n.startswith("_")])
    assert names
    for name in names:
        assert hasattr(imported, name), f"datarelease.{module}.__all__ names missing {name}"


REAL = REPO / "tests" / "data" / "real-packages"


def test_validate_real_packages() -> None:
    code, out, _ = run("validate", str(REAL / "countries-and-currencies" / "datapackage.json"))
    assert code == 0 and out.startswith("valid: ")
    code, out, _ = run("validate", str(REAL / "periodic-table" / "datapackage.json"),
                       "--format", "json")
    [error] = json.loads(out)["errors"]
    assert (code, error["type"]) == (1, "package-error")
    assert 'license requires "path" or "name"' in error["note"]
