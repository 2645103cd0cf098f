"""The streaming engine's check threads change nothing but the time it takes.

The vectorised column checks and key hashes of a batch run side by side on a small thread pool
(``check_threads``); cells that need frictionless's cell readers are still read in the caller's
thread (a reader's ``pattern`` check is time-limited only in the main thread). These tests run
the same tables with one thread and with several, in batches of drawn sizes, and compare the
whole reports; and they record which threads read cells.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datarelease.validate import stream as engine
from datarelease.validate.stream.cells import Column

from .test_engine_parity import load_generator, tables

ROOT = Path(__file__).parent.parent


def load_shapes() -> Any:
    source = ROOT / "benchmarks" / "shapes.py"
    spec = importlib.util.spec_from_file_location("shapes", source)
    assert spec is not None and spec.loader is not None
    shapes = importlib.util.module_from_spec(spec)
    sys.modules["shapes"] = shapes
    spec.loader.exec_module(shapes)
    return shapes


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), block=st.sampled_from([1 << 20, 64, 5]), threads=st.sampled_from([2, 3, 8]))
def test_generated_tables_same_with_any_number_of_check_threads(
    table: tuple[dict[str, Any], bytes], block: int, threads: int
) -> None:
    schema, data = table
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "t.csv").write_bytes(data)
        descriptor = {"name": "t", "type": "table", "path": "t.csv", "schema": schema}
        alone = engine.validate_resource_streaming(descriptor, folder, block_bytes=block, check_threads=1)
        pooled = engine.validate_resource_streaming(descriptor, folder, block_bytes=block,
                                                    check_threads=threads)
    assert pooled == alone


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small packages of every shape of ``benchmarks/generate.py``, with injected errors."""
    root = tmp_path_factory.mktemp("shapes")
    shapes = load_shapes()
    shapes.generate_mixed(root / "mixed", 4000, 40, 5)
    shapes.generate_bounded(root / "bounded", 4000, 40, 5)
    load_generator().generate(root / "news", rows=3000, errors=40, seed=5)
    return {"mixed": root / "mixed", "bounded": root / "bounded", "news": root / "news"}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(["mixed", "bounded", "news"]),
       block=st.integers(min_value=1 << 13, max_value=1 << 18), threads=st.sampled_from([2, 4]))
def test_benchmark_shapes_same_findings_in_the_same_order(
    packages: dict[str, Path], shape: str, block: int, threads: int
) -> None:
    alone = engine.validate_package_streaming(packages[shape], block_bytes=block, check_threads=1)
    pooled = engine.validate_package_streaming(packages[shape], block_bytes=block, check_threads=threads)
    assert [f.row_number for f in alone.findings] != []
    assert pooled.findings == alone.findings  # order included
    assert pooled == alone


def test_cell_readers_run_in_the_callers_thread_and_checks_on_the_pool(
        packages: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """frictionless's cell readers (whose pattern checks are time-limited only in the main
    thread) never run on a check thread; the vectorised checks do."""
    readers: set[str] = set()
    checkers: set[str] = set()
    read, check = Column.read, Column.check

    def recorded_read(self: Column, cell: str | None) -> Any:
        readers.add(threading.current_thread().name)
        return read(self, cell)

    def recorded_check(self: Column, column: Any) -> Any:
        checkers.add(threading.current_thread().name)
        return check(self, column)

    monkeypatch.setattr(Column, "read", recorded_read)
    monkeypatch.setattr(Column, "check", recorded_check)
    report = engine.validate_package_streaming(packages["mixed"], block_bytes=1 << 14, check_threads=2)
    assert not report.valid
    assert readers == {threading.main_thread().name}
    assert threading.main_thread().name in checkers  # the columns that read cells
    assert any(name.startswith("datarelease-check-") for name in checkers)


def test_a_check_that_raises_stops_every_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception in the checks comes back to the caller even while the parser waits for a
    reader that is slow to read (a parser waiting without end kept the run from returning)."""
    from datarelease.validate.stream.read import Chunk, Reader
    from datarelease.validate.stream.scan import TableScan

    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "t.csv").write_text("id\n" + "".join(f"{i}\n" for i in range(5000)), encoding="utf-8")
    descriptor = {"name": "t", "type": "table", "path": "t.csv",
                  "schema": {"fields": [{"name": "id", "type": "integer"}]}}
    put = Reader._put

    def put_then_stall(self: Reader, item: Any) -> None:
        put(self, item)
        if isinstance(item, Chunk):
            self.stop.wait()  # a slow disk: nothing more until told to stop

    def failing(self: TableScan, batch: Any) -> None:
        raise RuntimeError("a check failed")

    monkeypatch.setattr(Reader, "_put", put_then_stall)
    monkeypatch.setattr(TableScan, "_check", failing)
    raised: list[BaseException] = []

    def run() -> None:
        try:
            engine.validate_resource_streaming(descriptor, folder, block_bytes=64)
        except RuntimeError as exc:
            raised.append(exc)

    caller = threading.Thread(target=run, daemon=True)
    caller.start()
    caller.join(timeout=30)
    assert not caller.is_alive(), "the run did not return"
    assert [str(e) for e in raised] == ["a check failed"]
