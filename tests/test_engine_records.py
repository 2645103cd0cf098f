"""The records pyarrow sets aside are placed by the numbers pyarrow gives them.

A record with a cell count other than the header's is set aside by pyarrow's CSV reader and read
with Python's csv module at its row. The parser places such records by the record number pyarrow
hands over with each (``Parser._numbered``) instead of finding their text in the bytes (which
meant finding every record's end: a second pass over the run). These tests draw runs of records
(cells too few and too many, quoted line ends, CR, CR LF, empty lines, long and non-ASCII cells)
and pyarrow block sizes (a record longer than a block makes pyarrow start over with one block:
the records set aside before that must not count twice), and compare the batches with those of
the search in the bytes and with Python's csv module. A run with a CR is read as one block: where
a block of pyarrow's ended between the CR and the LF of a quoted CR LF, pyarrow lost the LF.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from frictionless import fields
from hypothesis import given, settings
from hypothesis import strategies as st

from datarelease.validate import stream as engine
from datarelease.validate import validate_package
from datarelease.validate.stream.parse import Batch, Parser
from datarelease.validate.stream.read import Chunk

CELLS = st.one_of(
    st.sampled_from(["", "a", "1", "x,y", 'say "hi"', "two\nlines", "cr\rlf\r\n", "åäö", "é" * 300]),
    st.text(alphabet="ab ,\"\n\r-é", max_size=12),
)


@st.composite
def runs(draw: st.DrawFn) -> tuple[int, str, bytes]:
    """(header width, line terminator, the bytes of a run of records after the header)."""
    width = draw(st.integers(1, 4))
    terminator = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=terminator)
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            buffer.write(terminator)  # an empty line
            continue
        count = width if kind > 3 else draw(st.integers(1, width + 2))
        writer.writerow([draw(CELLS) for _ in range(count)])
    text = buffer.getvalue()
    if draw(st.booleans()):
        text = text[: len(text) - len(terminator)]  # no line end after the last record
    return width, terminator, text.encode("utf-8")


def parser(width: int) -> Parser:
    spec = SimpleNamespace(fields=[fields.StringField(name=f"f{i}") for i in range(width)],
                           quote='"', delimiter=",", encoding="utf-8")
    return Parser(spec)  # type: ignore[arg-type]


def chunk(data: bytes) -> Chunk:
    """A run as the reader hands it over (saying whether it holds a CR)."""
    return Chunk(memoryview(data), 0, carriage_returns=b"\r" in data)


def summary(batch: Batch) -> tuple[Any, ...]:
    return (batch.table.to_pylist(), batch.rows.tolist(), batch.odd, batch.count)


@settings(max_examples=300, deadline=None)
@given(run=runs(), block=st.sampled_from([1 << 20, 1 << 12, 300, 64]), first_row=st.integers(2, 10**6))
def test_set_aside_records_numbered_as_found_in_the_bytes(
        run: tuple[int, str, bytes], block: int, first_row: int) -> None:
    width, _terminator, data = run
    with pytest.MonkeyPatch.context() as patch:
        read_options = Parser._read_options
        patch.setattr(Parser, "_read_options", lambda self, size=block: read_options(self, size))
        try:
            numbered = parser(width).parse(chunk(data), first_row)
        except Exception as exc:  # pyarrow refuses the run (e.g. a quote left open at the end)
            with pytest.raises(type(exc)):
                parser(width).parse(chunk(data), first_row)
            return
        patch.setattr(Parser, "_numbered", lambda *args: None)
        searched = parser(width).parse(chunk(data), first_row)
    assert summary(numbered) == summary(searched)
    # and what Python's csv module reads, record by record
    records = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    by_row = {first_row + i: cells for i, cells in enumerate(records)}
    assert numbered.count == len(records)
    for row, cells in numbered.odd:
        assert by_row[row] == cells and len(cells) != width
    for row, values in zip(numbered.rows.tolist(), numbered.table.to_pylist(), strict=True):
        assert by_row[row] in (list(values.values()), [])  # [] : an empty line, read as empty cells


def test_records_set_aside_before_a_straddling_record_count_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyarrow gives up on a record longer than its block after calling the handler for the
    records before it; the parser reads the run again as one block: each record set aside is
    reported once, at its row."""
    long = "x" * 5000
    data = f"a,b\nshort\n1,2\n\"{long}\",3\nc,d,e\n".encode()
    read_options = Parser._read_options
    monkeypatch.setattr(Parser, "_read_options", lambda self, size=1024: read_options(self, size))
    calls: list[int] = []
    numbered = Parser._numbered

    def counted(self: Parser, *args: Any) -> Any:
        calls.append(len(args[1]))
        return numbered(self, *args)

    monkeypatch.setattr(Parser, "_numbered", counted)
    batch = parser(2).parse(chunk(data), 2)
    assert calls == [2]  # two records set aside, passed once each
    assert batch.odd == [(3, ["short"]), (6, ["c", "d", "e"])]
    assert batch.rows.tolist() == [2, 4, 5]
    assert batch.count == 5


def test_a_quoted_cr_lf_across_a_pyarrow_block_keeps_its_lf(tmp_path: Path) -> None:
    """A quoted CR LF whose CR is the last byte of one of pyarrow's 1 MB parse blocks: pyarrow
    read the cell without its LF, so it equalled a cell that has only the CR (a unique-error
    frictionless does not report). The engine reports what frictionless reports."""
    block = 1 << 20  # the parser's block (Parser._read_options)
    header = b"id,t\n"
    filler = b"".join(b"%d,f%d\n" % (i, i) for i in range((block - 200) // 16))
    carrier = b'y,"a\r\nb"\n'
    pad = block - 1 - len(filler) - carrier.index(b"\r") - 3  # the CR at the run's byte block - 1
    run = filler + b"w," + b"p" * pad + b"\n" + carrier + b'z,"a\rb"\n'
    assert run.index(b"a\r\nb") + 1 == block - 1
    (tmp_path / "t.csv").write_bytes(header + run)
    schema = {"fields": [{"name": "id", "type": "string"},
                         {"name": "t", "type": "string", "constraints": {"unique": True}}]}
    descriptor = {"name": "p", "resources": [{"name": "t", "path": "t.csv", "schema": schema}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    stream = engine.validate_package_streaming(tmp_path / "datapackage.json")
    assert stream.valid
    assert stream == validate_package(tmp_path / "datapackage.json", engine="frictionless")
