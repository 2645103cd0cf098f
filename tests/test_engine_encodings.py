"""Tables in a single-byte encoding (Latin-1, Windows-1252, ...) are streamed, transcoded run by
run (:mod:`datarelease.validate.stream.transcode`), with frictionless's findings: compared with
frictionless itself on tables Hypothesis draws (every CSV quirk of ``test_engine_parity``, each
encoding's own letters, C1 controls, bytes the encoding leaves undefined), on a byte the encoding
cannot decode far beyond frictionless's sample (the table is then handed to frictionless, and
the tables referring to it with it), on the size and hash of the original bytes, and on
multipart tables read by worker processes."""

from __future__ import annotations

import gc
import hashlib
import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.validate import stream as engine
from datarelease.validate import validate_package, validate_resource
from datarelease.validate.stream.transcode import HandOver, single_byte, transcode
from datarelease.validate.stream.transcode import undefined_bytes as transcode_undefined

from .test_engine_parity import assert_same, tables

ENCODINGS = ["latin-1", "cp1252", "iso-8859-15", "cp1251", "koi8-r", "mac-roman", "ascii", "iso-8859-3"]
SENTINEL = "\ue000"
"""Written as a byte the encoding leaves undefined (where it has one)."""


def high_letters(encoding: str) -> list[str]:
    """The characters the encoding writes with one byte above 127 (the C1 controls included)."""
    return [c for c in bytes(range(128, 256)).decode(encoding, "replace") if c != "\ufffd"]


def undefined_bytes(encoding: str) -> list[int]:
    out = []
    for b in range(256):
        try:
            bytes([b]).decode(encoding)
        except UnicodeDecodeError:
            out.append(b)
    assert bytes(out) == transcode_undefined(encoding)
    return out


def encode(text: str, encoding: str) -> bytes:
    undefined = undefined_bytes(encoding)
    filler = bytes(undefined[:1]) or b"?"
    return filler.join(part.encode(encoding, "replace") for part in text.split(SENTINEL))


@st.composite
def encoded_tables(draw: st.DrawFn) -> tuple[dict[str, Any], bytes, str]:
    schema, data = draw(tables())
    encoding = draw(st.sampled_from(ENCODINGS))
    text = data.decode("utf-8")
    letters = high_letters(encoding) or ["?"]
    # the pools' own non-ASCII letters become the encoding's: its high half, C1 controls and all
    for old in ("é", "Å", "٣"):
        pool = [*letters, SENTINEL] if draw(st.booleans()) else letters
        text = text.replace(old, draw(st.sampled_from(pool)))
    return schema, encode(text, encoding), encoding


def _same(descriptor: dict[str, Any], folder: Path, **options: Any) -> None:
    reference = validate_resource(descriptor, folder, engine="frictionless")
    stream = engine.validate_resource_streaming(descriptor, folder, **options)
    assert_same(stream, reference)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=encoded_tables(), declared=st.booleans(), block=st.sampled_from([1 << 20, 64, 5]),
       budget=st.sampled_from([1 << 20, 1]))
def test_tables_in_single_byte_encodings_same_in_both_engines(
    table: tuple[dict[str, Any], bytes, str], declared: bool, block: int, budget: int
) -> None:
    schema, data, encoding = table
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "t.csv").write_bytes(data)
        descriptor: dict[str, Any] = {"name": "t", "type": "table", "path": "t.csv", "schema": schema}
        if declared:
            descriptor["encoding"] = encoding
        _same(descriptor, folder, block_bytes=block, key_memory=budget)


def _latin_rows(count: int, encoding: str, letter: str) -> list[bytes]:
    lines = ["id,name,amount"] + [f"{i},{letter}sa {i},{i}.5" for i in range(1, count + 1)]
    lines[700] = "700,x,not a number"
    return [line.encode(encoding) for line in lines]


@pytest.mark.parametrize(("encoding", "letter"), [("latin-1", "Å"), ("cp1252", "€"), ("cp1251", "Ж")])
def test_a_declared_single_byte_table_is_streamed_and_same(
        tmp_path: Path, encoding: str, letter: str) -> None:
    data = b"\r\n".join(_latin_rows(3000, encoding, letter)) + b"\r\n"
    (tmp_path / "t.csv").write_bytes(data)
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string",
                                                            "constraints": {"unique": True, "maxLength": 7}},
                         {"name": "amount", "type": "number"}], "primaryKey": ["id"]}
    # bytes and hash of the ORIGINAL bytes: right, then wrong
    right = {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
    wrong = {"bytes": len(data) + 1, "hash": "sha256:" + hashlib.sha256(data + b"x").hexdigest()}
    for extra in (right, wrong):
        descriptor = {"name": "t", "path": "t.csv", "schema": schema, "encoding": encoding, **extra}
        plan = engine.plan_resource(descriptor, tmp_path)
        assert plan is not None and plan.streamed, plan
        _same(descriptor, tmp_path, block_bytes=4096)
    stream = engine.validate_resource_streaming(
        {"name": "t", "path": "t.csv", "schema": schema, "encoding": encoding, **wrong}, tmp_path)
    assert {"type-error", "constraint-error", "hash-count", "byte-count"} <= {f.type for f in stream.findings}


def test_an_undefined_byte_beyond_the_sample_hands_the_table_and_its_referrers_to_frictionless(
        tmp_path: Path) -> None:
    """0x81 is undefined in Windows-1252: frictionless stops the table with an encoding-error
    where its text buffer is. The engine starts streaming it (the sample decodes), meets the
    byte, and validates it, and the table whose foreign key refers to it, with frictionless."""
    lines = _latin_rows(4000, "cp1252", "€")
    lines[3500] = b"3500,bad \x81 byte,1"
    (tmp_path / "items.csv").write_bytes(b"\n".join(lines) + b"\n")
    (tmp_path / "refs.csv").write_bytes(b"item\n1\n2\n99999\n")
    (tmp_path / "other.csv").write_bytes("id,name\n1,Åsa\nx,Öberg\n".encode("latin-1"))
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
              {"name": "amount", "type": "number"}]
    descriptor = {"name": "p", "resources": [
        {"name": "refs", "path": "refs.csv", "schema": {
            "fields": [{"name": "item", "type": "integer"}],
            "foreignKeys": [{"fields": ["item"], "reference": {"resource": "items", "fields": ["id"]}}]}},
        {"name": "items", "path": "items.csv", "encoding": "cp1252",
         "schema": {"fields": fields, "primaryKey": ["id"]}},
        {"name": "other", "path": "other.csv", "encoding": "latin-1",
         "schema": {"fields": fields[:2]}},
    ]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert [p.streamed for p in engine.plan_package(tmp_path)] == [True, True, True]  # the sample decodes
    stream = engine.validate_package_streaming(tmp_path, block_bytes=1024)
    reference = validate_package(tmp_path, engine="frictionless")
    assert_same(stream, reference)
    assert "encoding-error" in {f.type for f in stream.findings}
    assert {f.resource for f in stream.findings} >= {"items", "other"}


def test_many_undecodable_tables_restart_the_run_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of four Windows-1252 tables holds an undefined byte beyond the sample: the run meets
    the first, finds the others by their bytes, and starts again once (not once per table)."""
    resources = []
    fields = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"},
              {"name": "amount", "type": "number"}]
    for k in range(4):
        lines = _latin_rows(3000, "cp1252", "€")
        lines[2000 + k] = b"%d,bad \x9d byte,1" % (2000 + k)
        (tmp_path / f"t{k}.csv").write_bytes(b"\n".join(lines) + b"\n")
        resources.append({"name": f"t{k}", "path": f"t{k}.csv", "encoding": "cp1252",
                          "schema": {"fields": fields}})
    descriptor = {"name": "p", "resources": resources}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    from datarelease.validate.stream.run import Run

    runs = []
    original = Run._validate

    def counted(self: Any, *args: Any) -> Any:
        runs.append(args[-1])
        return original(self, *args)

    monkeypatch.setattr(Run, "_validate", counted)
    stream = engine.validate_package_streaming(tmp_path, block_bytes=2048)
    monkeypatch.undo()
    assert runs == [frozenset(), frozenset({"t0", "t1", "t2", "t3"})]
    assert_same(stream, validate_package(tmp_path, engine="frictionless"))


def test_a_multipart_latin1_table_read_by_workers_is_the_same(tmp_path: Path) -> None:
    head = "id,name\n"
    parts = [head + "".join(f"{i},Åsa Ö {i}\n" for i in range(k * 500 + 1, k * 500 + 501)) for k in range(3)]
    parts[1] = parts[1].replace("600,", "x600,")
    for k, text in enumerate(parts):
        (tmp_path / f"p{k}.csv").write_text(text, encoding="latin-1")
    schema = {"fields": [{"name": "id", "type": "integer"},
                         {"name": "name", "type": "string", "constraints": {"maxLength": 9}}],
              "primaryKey": ["id"]}
    descriptor = {"name": "p", "resources": [{"name": "t", "path": [f"p{k}.csv" for k in range(3)],
                                              "encoding": "latin-1", "schema": schema}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    reference = validate_package(tmp_path, engine="frictionless")
    assert_same(engine.validate_package_streaming(tmp_path, workers=2), reference)
    assert reference.findings  # the bad id and the long names


@pytest.mark.parametrize("encoding", ["utf-16", "rot13", "hex", "no-such-codec", "utf-7", "cp037"])
def test_other_or_hostile_encoding_declarations_are_not_transcoded(tmp_path: Path, encoding: str) -> None:
    """Not single-byte: handed to frictionless (an unknown codec used to raise LookupError)."""
    (tmp_path / "t.csv").write_bytes("id,name\n1,Åsa\n2,x\n".encode())
    descriptor = {"name": "t", "path": "t.csv", "encoding": encoding,
                  "schema": {"fields": [{"name": "id", "type": "integer"},
                                        {"name": "name", "type": "string"}]}}
    # frictionless's loader leaves the file open when the codec is unknown (in both engines)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        plan = engine.plan_resource(descriptor, tmp_path)
        assert plan is None or not plan.streamed
        _same(descriptor, tmp_path)
        gc.collect()


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_single_byte_encodings_decode_byte_by_byte(encoding: str) -> None:
    """What transcoding relies on: one character per byte, ASCII below 128, no state."""
    assert single_byte(encoding)
    defined = bytes(b for b in range(256) if b not in undefined_bytes(encoding))
    text = defined.decode(encoding)
    assert len(text) == len(defined) and text[:128] == "".join(map(chr, range(128)))
    assert transcode(defined, encoding, "t") == text.encode("utf-8")
    for b in undefined_bytes(encoding):
        with pytest.raises(HandOver):
            transcode(b"ok," + bytes([b]), encoding, "t")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-7", "rot13", "hex", "shift_jis", "cp037", "x"])
def test_other_codecs_are_not_single_byte(encoding: str) -> None:
    assert not single_byte(encoding)


def test_an_undefined_byte_in_a_part_read_by_a_worker_hands_the_table_over(tmp_path: Path) -> None:
    """The worker process that meets the byte raises HandOver; this process hands the table to
    frictionless, as for a single file."""
    head = "id,name\n"
    parts = [head + "".join(f"{i},€sa {i}\n" for i in range(k * 3000 + 1, k * 3000 + 3001)) for k in range(3)]
    data = [text.encode("cp1252") for text in parts]
    data[1] = data[1].replace(b"3500,", b"3500,\x81", 1)
    for k, raw in enumerate(data):
        (tmp_path / f"p{k}.csv").write_bytes(raw)
    schema = {"fields": [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]}
    descriptor = {"name": "p", "resources": [{"name": "t", "path": [f"p{k}.csv" for k in range(3)],
                                              "encoding": "cp1252", "schema": schema}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    stream = engine.validate_package_streaming(tmp_path, workers=2)
    assert_same(stream, validate_package(tmp_path, engine="frictionless"))
    assert [f.type for f in stream.findings] == ["encoding-error"]
