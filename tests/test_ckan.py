"""datarelease.ckan: the Data Package ⇄ CKAN mapping (fixtures, recorded CKAN traffic, properties)
and the Portal client against the real local CKAN (retries, errors, streamed uploads)."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from datarelease import ckan
from datarelease.ckan import Portal, Upload
from datarelease.errors import (
    NotAuthorizedError,
    PortalUnavailable,
    PortalValidationError,
    SchemaError,
)

from .ckan_fixtures import CkanEnv
from .proxy import Proxy

DATA = Path(__file__).parent / "data" / "ckan"
REPO = Path(__file__).resolve().parent.parent
CASES = json.loads((DATA / "mapper-cases.json").read_text(encoding="utf-8"))["cases"]
# CKAN's default licence register, as the local CKAN 2.11 answers license_list (ids and URLs).
CKAN_LICENSES = [
    {"id": "notspecified", "url": ""},
    {"id": "odc-pddl", "url": "http://www.opendefinition.org/licenses/odc-pddl"},
    {"id": "odc-odbl", "url": "http://www.opendefinition.org/licenses/odc-odbl"},
    {"id": "odc-by", "url": "http://www.opendefinition.org/licenses/odc-by"},
    {"id": "cc-zero", "url": "http://www.opendefinition.org/licenses/cc-zero"},
    {"id": "cc-by", "url": "http://www.opendefinition.org/licenses/cc-by"},
    {"id": "cc-by-sa", "url": "http://www.opendefinition.org/licenses/cc-by-sa"},
    {"id": "uk-ogl", "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
]

# Mapper cases (by index in mapper-cases.json) where datarelease deliberately differs, with the key
# that differs and why. The test checks that they still differ, so this list cannot go stale.
DEVIATIONS: dict[int, tuple[str | tuple[str, ...], str]] = {
    1: ("contributors", "Data Package v2 writes roles: [...], not v1's role"),
    2: ("contributors", "Data Package v2 writes roles: [...], not v1's role"),
    16: ("hash", "an empty hash is dropped: Data Package v2 requires [algorithm:]hex"),
    29: ("license_url", "CKAN derives license_title/license_url from license_id; not sent"),
    30: ("license_title", "CKAN derives license_title/license_url from license_id; not sent"),
    31: ("license_title", "CKAN derives license_title/license_url from license_id; not sent"),
    33: (("id", "owner_org", "metadata_created", "metadata_modified", "creator_user_id", "private",
          "revision_id"), "other descriptor keys go to extras (CKAN's bookkeeping is not writable)"),
    34: ("resources", "resources are mapped one by one (resource_fields), each with its upload"),
    36: ("size", "CKAN sets size from the upload; ours is datarelease_bytes"),
    37: ("hash", "hash is the file's sha256 (with hash_algorithm), computed, not passed through"),
    38: ("url", "files are uploaded: CKAN sets url from the upload"),
    39: ("url", "files are uploaded: CKAN sets url from the upload"),
    40: ("url", "files are uploaded: CKAN sets url from the upload"),
}


def _run_case(case: dict[str, Any]) -> Any:
    function, given_ = case["function"], case["input"]
    if function == "ckan_to_frictionless.dataset":
        return ckan.package_from_dataset(given_)
    if function == "ckan_to_frictionless.resource":
        return ckan.package_from_dataset({"resources": [given_]})["resources"][0]
    if function == "frictionless_to_ckan.package":
        return ckan.dataset_from_package({"name": "x", **given_}, portal_licenses=CKAN_LICENSES)
    return ckan.resource_fields({"name": "x", **given_}, sha256="ab" * 32, size=1)


def _expected_view(case: dict[str, Any], out: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(expected, got) as dicts, narrowed to the keys the case states."""
    expected = case["expected"]
    for key in case["output_path"]:
        out = out.get(key) if isinstance(out, dict) else out
    if not isinstance(expected, dict) or case["output_path"]:
        key = case["output_path"][-1] if case["output_path"] else "value"
        return {key: expected}, {key: out}
    return expected, {k: out.get(k) for k in expected}


@pytest.mark.parametrize("index", range(len(CASES)), ids=lambda i: f"{i}-{CASES[i]['test'].split('::')[-1]}")
def test_mapper_fixture_cases(index: int) -> None:
    case = CASES[index]
    expected, got = _expected_view(case, _run_case(case))
    if case["function"] in ("ckan_to_frictionless.dataset", "ckan_to_frictionless.resource") \
            and not case["output_path"]:
        # the mapper's own tests compare whole dicts; CKAN → Data Package adds only a name
        got_all = _run_case(case)
        extra = set(got_all) - set(expected) - {"name"}
        assert not extra, f"keys the case does not expect: {extra}"
    deviation = DEVIATIONS.get(index)
    if deviation is None:
        assert got == expected
        return
    keys, _why = deviation
    keys = (keys,) if isinstance(keys, str) else keys
    for key in keys:
        assert got.get(key) != expected.get(key), f"no longer deviates on {key}: drop it from DEVIATIONS"
    assert {k: v for k, v in got.items() if k not in keys} == \
        {k: v for k, v in expected.items() if k not in keys}


# -- recorded CKAN traffic -----------------------------------------------------------------------


def _recorded(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def test_package_from_a_real_foreign_portal() -> None:
    dataset = _recorded("recorded-package_show-dados-gov-br.json")["result"]
    package = ckan.package_from_dataset(dataset)
    assert package["name"] == "bolsa-familia-pagamentos"
    assert package["title"] == "Bolsa Família - Pagamentos"
    assert package["description"].startswith("*_Dados disponibilizados")
    assert package["keywords"] == ["PBF", "bolsa familia", "combate à pobreza", "pagamentos", "renda mínima"]
    assert package["licenses"] == [{"name": "cc-by", "title": "Creative Commons Atribuição",
                                    "path": "http://www.opendefinition.org/licenses/cc-by"}]
    assert package["contributors"] == [
        {"title": "SENARC - Secretaria Nacional de Renda de Cidadania", "roles": ["author"]},
        {"title": "SAGI - Secretaria de Avaliação e Gestão de Informação",
         "email": "aiad.sagi@mds.gov.br", "roles": ["maintainer"]}]
    assert not {"organization", "owner_org", "state", "num_resources", "private"} & set(package)
    assert len(package["resources"]) == 59
    first = package["resources"][0]
    assert first["name"] == "dicionario-de-dados"  # from "Dicionário de Dados"
    assert first["path"].startswith("https://www.portaltransparencia.gov.br/")
    assert first["format"] == "HTML"
    assert "hash" not in first and "bytes" not in first  # CKAN had "" and null: nothing to claim
    names = [r["name"] for r in package["resources"]]
    assert all(n == n.lower() and " " not in n for n in names)


def test_package_from_a_real_local_ckan_after_a_frictionless_publish() -> None:
    dataset = _recorded("recorded-package_show-local-with-schema.json")["result"]
    package = ckan.package_from_dataset(dataset)
    assert package["licenses"] == [{"name": "CC-BY-4.0", "title": "CC-BY-4.0"}]
    assert package["created"] == "1985-04-12T23:20:50.52Z"  # an extra becomes a top-level key
    assert [r["name"] for r in package["resources"]] == ["data", "data2"]
    assert [r["bytes"] for r in package["resources"]] == [114, 60]
    assert package["resources"][0]["mediatype"] == "text/csv"
    # frictionless-py sent the schema as a multipart field and CKAN kept only its key: not JSON
    assert package["resources"][0]["schema"] == "fields"


def test_the_recorded_create_request_maps_back_to_itself() -> None:
    request = _recorded("recorded-package_create-request-with-schema.json")
    package = ckan.package_from_dataset(request)
    again = ckan.dataset_from_package(package, portal_licenses=[{"id": "CC-BY-4.0", "url": ""}])
    for key in ("name", "title", "notes", "license_id", "author"):
        assert again[key] == request[key]
    assert [t["name"] for t in again["tags"]] == [t["name"] for t in request["tags"]]
    extras = {e["key"]: e["value"] for e in again["extras"]}
    assert extras.items() >= {e["key"]: e["value"] for e in request["extras"]}.items()
    # CKAN's license_id alone would lose the licence's title and URL: they are kept in extras
    assert json.loads(extras["licenses"]) == [{"name": "CC-BY-4.0", "title": request["license_title"],
                                               "path": request["license_url"]}]


class _Recorded(BaseHTTPRequestHandler):
    """Answers every action with one recorded CKAN response (status from the recording)."""

    body = b""
    status = 200

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recorded_portal() -> Iterator[type[_Recorded]]:
    handler = type("Handler", (_Recorded,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    yield handler
    server.shutdown()
    server.server_close()


def test_a_recorded_not_found_answer_is_none(recorded_portal: type[_Recorded]) -> None:
    recorded_portal.body = (DATA / "recorded-package_show-not-found.json").read_bytes()
    recorded_portal.status = 404
    portal = Portal(recorded_portal.url, retries=0)  # type: ignore[attr-defined]
    assert portal.package_show("no-such-dataset") is None
    assert portal.organization_show("no-such-org") is None


def test_a_recorded_package_show_is_returned_as_is(recorded_portal: type[_Recorded]) -> None:
    recorded_portal.body = (DATA / "recorded-package_show-local-with-schema.json").read_bytes()
    portal = Portal(recorded_portal.url, "secret-token-123", retries=0)  # type: ignore[attr-defined]
    shown = portal.package_show("dataset-test-package-with-schema")
    assert shown is not None and shown["num_resources"] == 2
    assert portal.calls == 1 and portal.writes == 0


def test_a_non_ckan_server_is_a_clear_error(recorded_portal: type[_Recorded]) -> None:
    recorded_portal.body = b"<html>not an API</html>"
    recorded_portal.status = 200
    portal = Portal(recorded_portal.url, retries=0)  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="does not answer like a CKAN Action API"):
        portal.status_show()


# -- the mapping as datarelease uses it ----------------------------------------------------------


def _descriptor() -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def test_dataset_from_this_release() -> None:
    descriptor = _descriptor()
    dataset = ckan.dataset_from_package(descriptor, portal_licenses=CKAN_LICENSES, owner_org="org-1")
    assert dataset["name"] == descriptor["name"]
    assert dataset["notes"] == descriptor["description"]
    assert dataset["version"] == descriptor["version"]
    assert dataset["license_id"] == "cc-by"  # CC-BY-4.0 by its SPDX id
    assert [t["name"] for t in dataset["tags"]] == descriptor["keywords"]
    assert dataset["author"] == dataset["maintainer"] == "datarelease maintainers"
    assert dataset["owner_org"] == "org-1"
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    assert json.loads(extras["licenses"]) == descriptor["licenses"]  # CKAN's cc-by loses "4.0"
    assert json.loads(extras["contributors"]) == descriptor["contributors"]  # and the roles
    assert json.loads(extras["language"]) == descriptor["language"]
    assert extras["rights"] == descriptor["rights"]
    assert "resources" not in dataset and "resources" not in extras


def test_licence_by_spdx_id_by_url_and_unknown() -> None:
    assert ckan.license_id_for([{"name": "ODbL-1.0"}], CKAN_LICENSES) == "odc-odbl"
    assert ckan.license_id_for([{"name": "CC0-1.0"}], CKAN_LICENSES) == "cc-zero"
    assert ckan.license_id_for([{"path": "https://opendefinition.org/licenses/odc-by/"}],
                               CKAN_LICENSES) == "odc-by"
    assert ckan.license_id_for([], CKAN_LICENSES) == ""
    with pytest.raises(SchemaError) as raised:
        ckan.license_id_for([{"name": "WTFPL"}], CKAN_LICENSES)
    message = str(raised.value)
    assert "datapackage.json, licenses[0]" in message and "'WTFPL'" in message
    assert "cc-by, cc-by-sa, cc-zero" in message  # says what to use instead


def test_a_descriptor_id_does_not_collide_with_ckans() -> None:
    descriptor = {"name": "x", "id": "https://doi.org/10.1234/x", "created": "2024-01-01T00:00:00Z"}
    dataset = ckan.dataset_from_package(descriptor, portal_licenses=CKAN_LICENSES)
    assert {e["key"] for e in dataset["extras"]} == {"datapackage_id", "created"}
    back = ckan.package_from_dataset({**dataset, "id": "ckan-uuid"})
    assert back["id"] == "https://doi.org/10.1234/x"


def test_resource_fields() -> None:
    resource = _descriptor()["resources"][0]
    schema = json.loads((REPO / resource["schema"]).read_text(encoding="utf-8"))
    sha = resource["hash"].removeprefix("sha256:")
    fields = ckan.resource_fields(resource, sha256=sha, size=resource["bytes"], schema=schema)
    assert fields["name"] == resource["title"] and fields["datarelease_name"] == resource["name"]
    assert fields["format"] == "CSV" and fields["mimetype"] == "text/csv"
    assert fields["hash"] == fields["datarelease_sha256"] == sha
    assert fields["hash_algorithm"] == "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
    assert fields["datarelease_bytes"] == resource["bytes"]
    assert json.loads(fields["schema"]) == schema
    assert fields["encoding"] == "utf-8" and fields["type"] == "table"  # the rest passes through
    parquet = ckan.resource_fields(_descriptor()["resources"][1], sha256=sha, size=1)
    assert parquet["format"] == "Parquet" and parquet["mimetype"] == "application/vnd.apache.parquet"


def test_our_resources_map_back_to_the_descriptor() -> None:
    resource = _descriptor()["resources"][0]
    fields = ckan.resource_fields(resource, sha256=resource["hash"][7:], size=resource["bytes"],
                                  schema={"fields": []})
    shown = {**fields, "id": "r1", "url": "http://portal/x.csv", "url_type": "upload", "size": 999,
             "position": 0, "state": "active", "datastore_active": True}
    back = ckan.package_from_dataset({"resources": [shown]})["resources"][0]
    for key in ("name", "title", "description", "format", "mediatype", "bytes", "hash", "type",
                "encoding", "dialect"):
        assert back[key] == resource[key], key
    assert back["schema"] == {"fields": []} and back["path"] == "http://portal/x.csv"


_text = st.text(st.characters(codec="utf-8", exclude_characters="{["), min_size=1, max_size=20)
_json = st.recursive(st.none() | st.booleans() | st.integers() | _text,
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(_text, inner, max_size=3), max_leaves=8)
# Extras are strings: top-level numbers and booleans would come back as strings (known limit)
_extra = _text | st.lists(_json, min_size=1, max_size=3) | st.dictionaries(_text, _json, min_size=1,
                                                                            max_size=3)


@given(
    title=_text, description=_text, keywords=st.lists(_text, max_size=4, unique=True),
    extras=st.dictionaries(st.from_regex(r"[a-z][a-zA-Z]{0,9}", fullmatch=True)
                           .filter(lambda k: k not in {"name", "title", "description", "version",
                                                       "keywords", "homepage", "licenses",
                                                       "contributors", "resources"}),
                           _extra, max_size=4),
    contributors=st.lists(st.fixed_dictionaries(
        {"title": _text}, optional={"email": _text,
                                    "roles": st.lists(st.sampled_from(["author", "maintainer",
                                                                       "creator", "publisher"]),
                                                      min_size=1, max_size=2, unique=True)}),
        max_size=3),
)
def test_descriptor_metadata_round_trips_through_ckan(title: str, description: str, keywords: list[str],
                                                      extras: dict[str, Any],
                                                      contributors: list[dict[str, Any]]) -> None:
    descriptor = {"name": "round-trip", "title": title, "description": description, "version": "1.2.3",
                  "keywords": keywords, "licenses": [{"name": "CC-BY-4.0", "path": "https://x/"}],
                  "contributors": contributors, **extras}
    descriptor = {k: v for k, v in descriptor.items() if v not in ([], "")}
    dataset = ckan.dataset_from_package(descriptor, portal_licenses=CKAN_LICENSES)
    shown = {**dataset, "license_title": "Creative Commons Attribution",
             "license_url": "http://www.opendefinition.org/licenses/cc-by"}
    assert ckan.package_from_dataset(shown) == descriptor


# -- Table Schema → DataStore --------------------------------------------------------------------


SCHEMA = {"fields": [
    {"name": "id", "type": "integer"}, {"name": "ok", "type": "boolean"},
    {"name": "tags", "type": "list", "delimiter": "|"}, {"name": "on", "type": "date"},
    {"name": "amount", "type": "number"}, {"name": "meta", "type": "object"},
    {"name": "note", "type": "string", "title": "Note", "description": "Free text."},
    {"name": "span", "type": "duration"}],
    "missingValues": ["", "NA"], "primaryKey": "id"}


def test_datastore_fields_are_typed_from_the_table_schema() -> None:
    types = {f["id"]: f["type"] for f in ckan.datastore_fields(SCHEMA)}
    assert types == {"id": "int8", "ok": "bool", "tags": "_text", "on": "date", "amount": "numeric",
                     "meta": "json", "note": "text", "span": "text"}
    note = next(f for f in ckan.datastore_fields(SCHEMA) if f["id"] == "note")
    assert note["info"] == {"label": "Note", "notes": "Free text."}
    assert ckan.datastore_primary_key(SCHEMA) == ["id"]


def test_datastore_records_are_typed_values() -> None:
    row = {"id": "7", "ok": "true", "tags": "a|b", "on": "2020-09-10", "amount": "0.1",
           "meta": '{"k": 1}', "note": "NA", "span": "P1D"}
    assert ckan.datastore_record(SCHEMA, row, where="t.csv, row 2") == {
        "id": 7, "ok": True, "tags": ["a", "b"], "on": "2020-09-10", "amount": "0.1", "meta": {"k": 1},
        "note": None, "span": "P1D"}
    with pytest.raises(SchemaError, match=r"t\.csv, row 3, field id: 'x' is not a valid integer"):
        ckan.datastore_record(SCHEMA, {**row, "id": "x"}, where="t.csv, row 3")


# -- the Portal client against the real local CKAN ---------------------------------------------


def test_the_token_is_never_in_repr_or_str() -> None:
    portal = Portal("http://127.0.0.1:9", "very-secret-token")
    assert "very-secret-token" not in repr(portal) and "very-secret-token" not in str(portal)
    assert "token=<set>" in repr(portal)


@pytest.mark.ckan
def test_reads_are_retried_on_5xx(ckan_proxy: Proxy, ckan_env: CkanEnv) -> None:
    portal = Portal(ckan_proxy.url, backoff=0.01, retries=3)
    ckan_proxy.fail_next(2, 503)
    assert portal.status_show()["ckan_version"].startswith(("2.11", "2.12"))
    assert ckan_proxy.actions() == ["status_show"] * 3 and portal.calls == 3


@pytest.mark.ckan
def test_reads_give_up_after_the_retries(ckan_proxy: Proxy, ckan_env: CkanEnv) -> None:
    portal = Portal(ckan_proxy.url, backoff=0.01, retries=2)
    ckan_proxy.fail_next(5, 502)
    with pytest.raises(PortalUnavailable, match="HTTP 502"):
        portal.status_show()
    assert portal.calls == 3


@pytest.mark.ckan
def test_a_write_that_may_have_been_applied_is_not_retried(proxied_portal: Portal, ckan_proxy: Proxy,
                                                           ckan_names: dict[str, str]) -> None:
    ckan_proxy.fail_next(1, 500)
    with pytest.raises(PortalUnavailable, match="HTTP 500"):
        proxied_portal.organization_create(ckan_names["org"])
    assert ckan_proxy.actions() == ["organization_create"]


@pytest.mark.ckan
def test_a_write_answered_503_is_retried(proxied_portal: Portal, ckan_proxy: Proxy,
                                         ckan_names: dict[str, str]) -> None:
    ckan_proxy.fail_next(1, 503)
    assert proxied_portal.organization_create(ckan_names["org"])["name"] == ckan_names["org"]
    assert ckan_proxy.actions() == ["organization_create"] * 2


@pytest.mark.ckan
def test_a_read_that_times_out_is_retried(ckan_proxy: Proxy, ckan_env: CkanEnv) -> None:
    portal = Portal(ckan_proxy.url, timeout=0.5, retries=1, backoff=0.01)
    ckan_proxy.before[1] = lambda: time.sleep(1.5)
    assert portal.status_show()["ckan_version"]
    assert portal.calls == 2


@pytest.mark.ckan
def test_a_write_that_times_out_is_reported_not_repeated(ckan_proxy: Proxy, ckan_env: CkanEnv,
                                                         ckan_portal: Portal,
                                                         ckan_names: dict[str, str]) -> None:
    portal = Portal(ckan_proxy.url, ckan_env.token, timeout=0.5, backoff=0.01)
    ckan_proxy.before[1] = lambda: time.sleep(1.5)
    with pytest.raises(PortalUnavailable, match=r"no answer within 0\.5 s.*may or may not have applied it"):
        portal.organization_create(ckan_names["org"])
    assert portal.calls == 1
    time.sleep(1.5)  # CKAN did get it, late: the error said so rightly
    assert ckan_portal.organization_show(ckan_names["org"]) is not None


def test_a_portal_that_is_down() -> None:
    portal = Portal("http://127.0.0.1:9", "t", retries=2, backoff=0.01)
    with pytest.raises(PortalUnavailable, match=r"127\.0\.0\.1:9 is not reachable \(connection refused\) "
                                                r"after 3 attempts at package_show"):
        portal.package_show("x")
    assert portal.calls == 3


@pytest.mark.ckan
def test_rate_limit(ckan_env: CkanEnv) -> None:
    portal = Portal(ckan_env.url, rate_limit=20)
    started = time.monotonic()
    for _ in range(5):
        portal.status_show()
    assert time.monotonic() - started >= 4 / 20


@pytest.mark.ckan
def test_wrong_token_is_refused_without_showing_it(ckan_env: CkanEnv,
                                                   ckan_names: dict[str, str]) -> None:
    token = "not-a-valid-token-0123456789"
    portal = Portal(ckan_env.url, token)
    assert portal.whoami() is None
    with pytest.raises(NotAuthorizedError) as raised:
        portal.organization_create(ckan_names["org"])
    assert "refused the API token" in str(raised.value) and token not in str(raised.value)


@pytest.mark.ckan
def test_validation_errors_keep_ckans_error_dict(ckan_portal: Portal) -> None:
    with pytest.raises(PortalValidationError) as raised:
        ckan_portal.package_create({"name": "Bad Name!"})
    assert "name" in raised.value.error_dict and "owner_org" in raised.value.error_dict
    assert "refused package_create: name: Must be purely lowercase" in str(raised.value)


class _CountingFile(io.FileIO):
    """A real file that remembers the size of every read."""

    reads: list[int]

    def read(self, size: int | None = -1, /) -> bytes:
        self.reads.append(-1 if size is None else size)
        return super().read(size)


@pytest.fixture
def dataset(ckan_portal: Portal, ckan_names: dict[str, str]) -> dict[str, Any]:
    org = ckan_portal.organization_create(ckan_names["org"])
    # notes: the portal's DCAT-AP schema requires a description
    return ckan_portal.package_create({"name": ckan_names["dataset"], "owner_org": org["id"],
                                      "notes": "A test dataset."})


@pytest.mark.ckan
def test_uploads_are_streamed_from_disk(proxied_portal: Portal, ckan_proxy: Proxy, dataset: dict[str, Any],
                                        tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 300_000)  # 1.2 MB
    with _CountingFile(path) as f:
        f.reads = []
        seen: list[int] = []
        created = proxied_portal.resource_create({"package_id": dataset["id"], "name": "big"},
                                                 Upload(f, "big.csv", "text/csv"),
                                                 progress=lambda _label, done, _total: seen.append(done))
    assert created["size"] == path.stat().st_size and created["url"].endswith("/download/big.csv")
    assert max(f.reads) <= 64 * 1024  # read in chunks, never whole
    assert seen == sorted(seen) and seen[-1] == path.stat().st_size == proxied_portal.bytes_uploaded
    assert ckan_proxy.seen[-1].body_bytes == proxied_portal.bytes_sent > path.stat().st_size


@pytest.mark.ckan
def test_a_file_over_the_upload_limit_names_the_file_and_the_limit(
        ckan_portal: Portal, dataset: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:  # one byte over ckan-local's ckan.max_resource_size = 100 MB
        f.truncate(100 * 1024 * 1024 + 1)
    with path.open("rb") as f, pytest.raises(PortalValidationError) as raised:
        ckan_portal.resource_create({"package_id": dataset["id"], "name": "huge"}, Upload(f, "huge.csv"))
    message = str(raised.value)
    assert "huge.csv (104857601 bytes): larger than the portal's upload limit" in message
    assert "ckan.max_resource_size" in message
