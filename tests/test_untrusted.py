"""Packages users bring: YAML descriptors, zips, remote references, hostile sizes and shapes.

Hostile input is made here, in tmp folders; the hostile server is the tests' own on 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import socket
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import frictionless
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease import untrusted, validate
from datarelease.cli import main
from datarelease.errors import UnsafeInputError

DATA = Path(__file__).parent / "data"
YAML_PACKAGES = DATA / "frictionless-yaml"
ENGINES = ("stream", "frictionless")


def _package(root: Path, rows: str = "id,name\n1,a\n2,b\n", **resource: Any) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "t.csv").write_text(rows, encoding="utf-8")
    descriptor = {"name": "p", "resources": [{
        "name": "t", "path": "t.csv", "format": "csv",
        "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]},
        **resource}]}
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return root


def _findings(report: validate.Report) -> list[tuple[str | None, str, int | None, str | None]]:
    return [(f.resource, f.type, f.row_number, f.field_name) for f in report.findings]


def _run(*args: str) -> Any:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


# --------------------------------------------------------------------------- 1: YAML descriptors


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", ["country.package.yaml", "capital.package.yaml"])
def test_yaml_packages_validate_as_frictionless_validates_them(tmp_path: Path, name: str,
                                                               engine: str) -> None:
    shutil.copytree(YAML_PACKAGES, tmp_path / "pkg")
    path = tmp_path / "pkg" / name
    theirs = frictionless.Package(str(path)).validate(limit_errors=0)
    expected = [(t.name, e.type, getattr(e, "row_number", None), getattr(e, "field_name", None))
                for t in theirs.tasks for e in t.errors]
    report = validate.validate_package(path, engine=engine)
    assert report.valid == theirs.valid
    assert _findings(report) == expected
    assert [s.name for s in report.resources] == [t.name for t in theirs.tasks]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_folder_with_datapackage_yaml_and_yaml_schema_files(tmp_path: Path, engine: str) -> None:
    root = _package(tmp_path / "pkg", "id,name\n1,a\nx,b\n", schema="schema.yaml")
    (root / "schema.yaml").write_text("fields:\n  - name: id\n    type: integer\n  - name: name\n"
                                      "    type: string\n", encoding="utf-8")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    (root / "datapackage.json").unlink()
    (root / "datapackage.yaml").write_text(json.dumps(descriptor), encoding="utf-8")  # JSON is YAML
    report = validate.validate_package(root, engine=engine)
    assert _findings(report) == [("t", "type-error", 3, "id")]


BILLION_LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
) + "resources: *i\n"


@pytest.mark.parametrize("engine", ENGINES)
def test_billion_laughs_yaml_is_refused_in_bounded_memory(tmp_path: Path, engine: str) -> None:
    (tmp_path / "datapackage.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    report = validate.validate_package(tmp_path / "datapackage.yaml", engine=engine)
    assert [(f.type, "expands to more than" in f.note) for f in report.findings] == [("package-error", True)]
    # the same bomb as a schema file of a JSON package: frictionless never gets to read it
    root = _package(tmp_path / "pkg", schema="schema.yaml")
    (root / "schema.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    report = validate.validate_package(root, engine=engine)
    assert [f.type for f in report.findings] == ["schema-error"]
    assert "expands to more than" in report.findings[0].note


# --------------------------------------------------------------------------- 16: depth and size


@pytest.mark.parametrize("yaml_text", [False, True])
def test_deeply_nested_descriptors_are_a_clear_error(tmp_path: Path, yaml_text: bool) -> None:
    depth = 100_000
    name = "datapackage.yaml" if yaml_text else "datapackage.json"
    (tmp_path / name).write_text('{"resources": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    result = _run("validate", str(tmp_path / name), "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["errors"]
    assert finding["type"] == "package-error" and "nested deeper than" in finding["note"]


def test_a_descriptor_over_the_size_limit_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "datapackage.json"
    path.write_text('{"resources": [], "x": "' + "a" * (untrusted.LIMITS.descriptor_bytes + 10) + '"}',
                    encoding="utf-8")
    report = validate.validate_package(path)
    assert [f.type for f in report.findings] == ["package-error"]
    assert "larger than" in report.findings[0].note
    with pytest.raises(UnsafeInputError, match="larger than 100 bytes"):
        untrusted.load_descriptor(path, untrusted.Limits(descriptor_bytes=100))


# --------------------------------------------------------------------------- 2: zips


def _zip(folder: Path, archive: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            z.write(path, prefix + str(path.relative_to(folder)))
    return archive


@pytest.mark.parametrize("engine", ENGINES)
def test_validate_reads_a_zipped_package(tmp_path: Path, engine: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    archive = _zip(_package(tmp_path / "ok"), tmp_path / "ok.zip", "release-1/")
    report = validate.validate_package(archive, engine=engine)
    assert report.valid and report.target == str(archive) and report.resources[0].rows == 2
    bad = _zip(_package(tmp_path / "bad", "id,name\n1,a\nx,b\n"), tmp_path / "bad.zip")
    result = _run("validate", str(bad), "--engine", engine)
    assert result.exit_code == 1 and "type-error" in result.output and str(bad) in result.output
    assert list(scratch.iterdir()) == []  # the unpacked copies are gone


def _hostile_zip(path: Path, member: str, data: bytes = b"x", *, symlink: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("datapackage.json", '{"name": "p", "resources": []}')
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        if symlink:
            info.external_attr = (0o120777 << 16)
        z.writestr(info, data)
    return path


@pytest.mark.parametrize("member,symlink,words", [
    ("../escape.txt", False, "outside the package"),
    ("/etc/escape.txt", False, "outside the package"),
    ("link", True, "symbolic link"),
])
def test_validate_refuses_zip_members_that_escape(tmp_path: Path, member: str, symlink: bool,
                                                  words: str) -> None:
    archive = _hostile_zip(tmp_path / "evil.zip", member, b"/etc/passwd", symlink=symlink)
    report = validate.validate_package(archive)
    assert [f.type for f in report.findings] == ["package-error"] and words in report.findings[0].note
    assert not (tmp_path / "escape.txt").exists()


def test_a_zip_bomb_is_refused_before_it_fills_the_disk(tmp_path: Path) -> None:
    archive = _hostile_zip(tmp_path / "bomb.zip", "zeros.csv", b"0" * (64 * 1024 * 1024))
    assert archive.stat().st_size < 1024 * 1024
    report = validate.validate_package(archive)
    assert "expands more than 200 times" in report.findings[0].note
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(UnsafeInputError, match="more than 1000 bytes"):
        untrusted.unzip(_hostile_zip(tmp_path / "big.zip", "a.csv", b"1" * 5000), work,
                        untrusted.Limits(zip_bytes=1000))
    with pytest.raises(UnsafeInputError, match="more than 1 members"):
        untrusted.unzip(archive, work, untrusted.Limits(zip_entries=1))
    assert list(work.iterdir()) == []  # nothing half-written


# --------------------------------------------------------------------------- 12 and 5: remote


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b"id,name\n1,a\n" if self.path.endswith(".csv") else b'{"delimiter": ","}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Recorder.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("engine", ENGINES)
def test_remote_references_are_refused_unless_allowed(tmp_path: Path, server: str, engine: str) -> None:
    root = _package(tmp_path / "pkg", path=f"{server}/t.csv", dialect=f"{server}/dialect.json")
    report = validate.validate_package(root, engine=engine)
    assert [(f.type, f.path) for f in report.findings] == [
        ("remote-reference", f"{server}/t.csv"), ("remote-reference", f"{server}/dialect.json")]
    assert "--allow-remote" in report.findings[0].message
    assert _Recorder.hits == []  # nothing fetched, not even from loopback
    result = _run("validate", str(root), "--engine", engine, "--allow-remote")
    assert result.exit_code == 0, result.output
    assert "/t.csv" in _Recorder.hits


def test_frictionless_engine_loads_from_the_path_as_frictionless_does(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    root = _package(tmp_path / "pkg", dialect=f"{closed}/dialect.json", schema=f"{closed}/schema.json")
    with pytest.raises(frictionless.FrictionlessException) as raised:
        frictionless.Package(str(root / "datapackage.json")).validate()
    theirs = raised.value.error.type
    report = validate.validate_package(root, engine="frictionless", allow_remote=True)
    assert theirs == "dialect-error"
    assert [f.type for f in report.findings] == [theirs]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_symlink_out_of_the_package_is_refused(tmp_path: Path, engine: str) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("id,name\n1,SECRET-VALUE\n", encoding="utf-8")
    root = _package(tmp_path / "pkg", path="data.csv")
    (root / "data.csv").symlink_to(secret)
    result = _run("validate", str(root), "--engine", engine, "--format", "json")
    assert result.exit_code == 1
    assert [e["type"] for e in json.loads(result.output)["errors"]] == ["unsafe-path"]
    assert "SECRET-VALUE" not in result.output


# --------------------------------------------------------------------------- 22: formulas


def test_formula_like_cells_are_warnings_and_the_data_is_untouched(tmp_path: Path) -> None:
    rows = "id,name\n1,=HYPERLINK(\"http://x\")\n2,+46 8 123\n3,plain\n4,@SUM(A1)\n5,-2\n"
    root = _package(tmp_path / "pkg", rows)
    before = (root / "t.csv").read_bytes()
    result = _run("validate", str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["valid"] and report["errorCount"] == 0
    (warning,) = report["warnings"]
    assert (warning["type"], warning["severity"], warning["fieldName"], warning["rowNumber"]) == (
        "formula-injection", "warning", "name", 2)
    assert "4 cells" in warning["note"]
    assert (root / "t.csv").read_bytes() == before
    github = _run("validate", str(root), "--format", "github").output
    assert "::warning file=t.csv,line=2,title=formula-injection::" in github
    assert "::error" not in github


def test_summary_appends_the_markdown_report(tmp_path: Path) -> None:
    root = _package(tmp_path / "pkg", "id,name\n1,a\nx,b\n")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = _run("validate", str(root), "--format", "github", "--summary", str(summary))
    assert result.exit_code == 1 and result.output.startswith("::error")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## ❌ invalid") and "type-error" in text
    unwritable = _run("validate", str(root), "--summary", str(tmp_path / "no" / "such" / "summary.md"))
    assert unwritable.exit_code == 2 and "--summary" in unwritable.output  # not 1: the data is not why


# --------------------------------------------------------------------------- properties


_SCALAR = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=12)
           | st.sampled_from(["../t.csv", "/etc/passwd", "http://127.0.0.1:9/x.csv", "t.csv", "table", "csv",
                              "integer", "string", "file:///etc/passwd", "schema.json", "id"]))
_KEYS = st.sampled_from(["name", "path", "type", "format", "schema", "dialect", "fields", "resources",
                         "primaryKey", "foreignKeys", "constraints", "data", "profile", "encoding",
                         "missingValues", "delimiter", "header"]) | st.text(max_size=6)
_JSON: st.SearchStrategy[Any] = st.deferred(
    lambda: _SCALAR | st.lists(_JSON, max_size=3) | st.dictionaries(_KEYS, _JSON, max_size=4))


@settings(max_examples=100, deadline=20_000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resource_changes=st.dictionaries(
           st.sampled_from(["name", "path", "type", "format", "schema", "dialect", "data", "profile",
                            "encoding", "bytes", "hash"]), _JSON, max_size=3),
       package_changes=st.dictionaries(
           st.sampled_from(["resources", "profile", "$schema", "name", "licenses", "sources"]), _JSON,
           max_size=2),
       fields=_JSON, as_yaml=st.booleans(), engine=st.sampled_from(ENGINES))
def test_any_descriptor_or_schema_gives_a_report_or_a_clear_error(
        tmp_path_factory: pytest.TempPathFactory, resource_changes: dict[str, Any],
        package_changes: dict[str, Any], fields: Any, as_yaml: bool, engine: str) -> None:
    """Success or a documented exit code, never a traceback, nothing written outside the folder,
    nothing fetched (the URLs point at a closed loopback port)."""
    base = tmp_path_factory.mktemp("prop")
    root = _package(base / "pkg")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0].update(resource_changes)
    if not isinstance(descriptor["resources"][0].get("schema"), str):
        descriptor["resources"][0]["schema"] = {"fields": fields}
    descriptor.update(package_changes)
    (root / "datapackage.json").unlink()
    name = "datapackage.yaml" if as_yaml else "datapackage.json"
    (root / name).write_text(json.dumps(descriptor), encoding="utf-8")
    before = sorted(p.name for p in base.rglob("*"))
    result = CliRunner().invoke(main, ["validate", str(root), "--engine", engine, "--format", "json"])
    assert isinstance(result.exception, SystemExit | type(None)), result.output
    assert result.exit_code in (0, 1, 2, 3), result.output
    if result.exit_code in (0, 1):
        json.loads(result.output)
    assert sorted(p.name for p in base.rglob("*")) == before
