"""Hashing ahead (``validate/prehash.py``): the reader takes over a file's hash part way through,
and the hash it compares is still the whole file's; a file that changed, another algorithm or
a path out of the package give nothing ahead."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.validate import stream as engine
from datarelease.validate.prehash import Prehash


def finish(prehash: Prehash) -> None:
    assert prehash.thread is not None
    prehash.thread.join(timeout=30)
    assert not prehash.thread.is_alive()


def package(folder: Path, data: bytes, declared: str | None = None) -> Path:
    """A one-table package whose declared sha256 is the file's (or ``declared``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t.csv").write_bytes(data)
    digest = declared or hashlib.sha256(data).hexdigest()
    descriptor = {"name": "p", "resources": [{
        "name": "t", "type": "table", "path": "t.csv", "format": "csv", "encoding": "utf-8",
        "hash": f"sha256:{digest}", "bytes": len(data),
        "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "text", "type": "string"}]}}]}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def rows(count: int, width: int) -> bytes:
    return ("id,text\n" + "".join(f'{i},"{"é" * (i % width)} ""q"", x"\n' for i in range(count))).encode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(count=st.integers(0, 300), width=st.integers(1, 40), block=st.integers(1, 4096),
       budget=st.integers(0, 20_000), read_block=st.sampled_from([16, 333, 1 << 20]),
       wrong=st.booleans())
def test_the_hash_compared_is_the_whole_files_whatever_was_hashed_ahead(
    tmp_path: Path, count: int, width: int, block: int, budget: int, read_block: int, wrong: bool
) -> None:
    data = rows(count, width)
    folder = package(tmp_path / f"p{count}-{block}-{budget}-{read_block}", data, "0" * 64 if wrong else None)
    ahead = Prehash.of_package(folder, budget=budget, block=block)
    finish(ahead)
    hashed = ahead.files[0].result
    if budget:  # reads of `block` bytes until `budget` is reached
        assert hashed is not None and hashed[1] == min(len(data), -(-budget // block) * block)
    else:
        assert hashed is None
    with_ahead = engine.validate_package_streaming(folder, block_bytes=read_block, prehash=ahead)
    without = engine.validate_package_streaming(folder, block_bytes=read_block, check_threads=1,
                                                prehash=Prehash([]))
    assert with_ahead == without
    hash_errors = [f for f in with_ahead.findings if f.type == "hash-count"]
    if wrong:
        assert [f.note for f in hash_errors] == [
            f'expected is "{"0" * 64}" and actual is "{hashlib.sha256(data).hexdigest()}"']
    else:
        assert hash_errors == [] and with_ahead.valid


def test_a_claim_hands_over_the_hasher_and_the_bytes_hashed(tmp_path: Path) -> None:
    data = rows(2000, 30)
    folder = package(tmp_path / "p", data)
    ahead = Prehash.of_package(folder, block=1000)
    finish(ahead)
    with open(folder / "t.csv", "rb") as handle:
        claimed = ahead.claim(folder / "t.csv", "sha256", os.fstat(handle.fileno()))
        assert claimed is not None
        hasher, count = claimed
        assert count == len(data) and hasher.hexdigest() == hashlib.sha256(data).hexdigest()
        # one claim only; and another algorithm gets nothing
        assert ahead.claim(folder / "t.csv", "sha256", os.fstat(handle.fileno())) is None
    again = Prehash.of_package(folder)
    finish(again)
    with open(folder / "t.csv", "rb") as handle:
        assert again.claim(folder / "t.csv", "md5", os.fstat(handle.fileno())) is None


def test_a_file_changed_after_it_was_hashed_ahead_is_hashed_again(tmp_path: Path) -> None:
    data = rows(500, 10)
    folder = package(tmp_path / "p", data)
    ahead = Prehash.of_package(folder)
    finish(ahead)
    changed = data.replace(b"x", b"y")
    (folder / "t.csv").write_bytes(changed)
    os.utime(folder / "t.csv", ns=(time.time_ns(), time.time_ns() + 10**9))
    report = engine.validate_package_streaming(folder, prehash=ahead)
    notes = [f.note for f in report.findings if f.type == "hash-count"]
    assert notes == [f'expected is "{hashlib.sha256(data).hexdigest()}" and actual is '
                     f'"{hashlib.sha256(changed).hexdigest()}"']


def test_only_declared_local_files_inside_the_package_are_hashed_ahead(tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_bytes(b"id\n1\n")
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "link.csv").symlink_to(outside)
    (folder / "a.csv").write_bytes(b"id\n1\n")
    resources = [
        {"name": "up", "path": "../secret.csv", "hash": "sha256:00"},
        {"name": "link", "path": "link.csv", "hash": "sha256:00"},
        {"name": "absolute", "path": str(outside), "hash": "sha256:00"},
        {"name": "remote", "path": "https://example.org/a.csv", "hash": "sha256:00"},
        {"name": "undeclared", "path": "a.csv"},
        {"name": "sha1", "path": "a.csv", "hash": "sha1:00"},
        {"name": "parts", "path": ["a.csv", "a.csv"], "hash": "sha256:00"},
        {"name": "v1", "path": "a.csv", "hash": "00"},  # no prefix: md5, as frictionless reads it
    ]
    ahead = Prehash.of_resources(resources, folder)
    assert [(f.path.name, f.algorithm) for f in ahead.files] == [("a.csv", "md5")]
    ahead.close()
    assert Prehash.of_package(tmp_path / "missing").files == []
