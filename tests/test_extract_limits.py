"""A source document has a size limit (extract.MAX_SOURCE_BYTES, 10 MB): a larger file is refused
with a SourceError naming the file and the limit (exit 3) before it is read, in `extract`, `add`
and `build`; a large page under the limit extracts with memory that grows with the page, not more.
An HTML tree deeper or larger than a news page's is refused (exit 3) instead of exhausting the stack.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from datarelease import draft, extract
from datarelease.cli import main
from datarelease.errors import SourceError
from datarelease.extract import MAX_SOURCE_BYTES, read_source
from datarelease.extract.decode import read_bytes

SEED = Path(__file__).parent / "data" / "sources" / "skr-2020-09-10-norge.txt"


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space: the seed, then a hole."""
    path.write_bytes(SEED.read_bytes())
    with path.open("r+b") as file:
        file.truncate(size)
    return path


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_source_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = _sparse(tmp_path / "skr-2024-01-01-dump.txt", 200 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(SourceError) as raised:
            read_source(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(raised.value)
    assert "skr-2024-01-01-dump.txt" in message and "200.0 MB" in message
    assert "at most 10.0 MB" in message
    assert raised.value.exit_code == 3
    assert peak < 1024 * 1024  # nothing of the 200 MB was read


def test_one_byte_over_the_limit_is_refused_and_the_limit_itself_is_not(tmp_path: Path) -> None:
    over = _sparse(tmp_path / "over.txt", MAX_SOURCE_BYTES + 1)
    with pytest.raises(SourceError, match=r"at most 10\.0 MB"):
        extract.read_source_bytes(over)
    at_limit = _sparse(tmp_path / "at-limit.txt", MAX_SOURCE_BYTES)
    assert len(extract.read_source_bytes(at_limit)) == MAX_SOURCE_BYTES


def test_a_pipe_is_cut_at_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)
    writer = subprocess.Popen(  # a pipe has no size to check: the read itself stops
        [sys.executable, "-c", f"try:\n    open({str(fifo)!r}, 'wb').write(b'a' * 5000)\n"
         "except BrokenPipeError:\n    pass"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with pytest.raises(SourceError, match="larger than that; a source may be at most"):
            read_bytes(fifo, limit=1000)
    finally:
        writer.kill()
        writer.wait()


def test_cli_extract_and_add_exit_3_naming_the_file(tmp_path: Path, release_root: Path) -> None:
    huge = _sparse(tmp_path / "ks-2024-01-01-dump.html", 50 * 1024 * 1024)
    done = CliRunner().invoke(main, ["extract", str(huge)])
    assert done.exit_code == 3, done.output
    assert "ks-2024-01-01-dump.html" in done.output and "at most 10.0 MB" in done.output
    assert "Traceback" not in done.output
    before = _snapshot(release_root)
    added = CliRunner().invoke(main, ["add", str(huge), "--root", str(release_root)])
    assert added.exit_code == 3 and "at most 10.0 MB" in added.output
    assert _snapshot(release_root) == before
    with pytest.raises(SourceError):
        draft.add([huge], release_root)


def test_build_refuses_an_oversized_source(release_root: Path) -> None:
    seed = release_root / "datasets" / "sources" / "skr-2020-09-10-norge.txt"
    with seed.open("r+b") as file:
        file.truncate(MAX_SOURCE_BYTES + 10)
    done = CliRunner().invoke(main, ["build", "--root", str(release_root)])
    assert done.exit_code == 3, done.output
    assert "skr-2020-09-10-norge.txt" in done.output and "at most 10.0 MB" in done.output


_MEASURE = """
import json, resource, sys
from pathlib import Path
from datarelease.extract import read_source
read_source(Path(sys.argv[1]))  # warm: imports, parser tables
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
record = read_source(Path(sys.argv[2]))
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"grew_kib": after - before, "paragraphs": record.body.count("\\n\\n") + 1}))
"""


def test_memory_grows_with_a_large_html_page_and_no_more(tmp_path: Path) -> None:
    """A 1 MB page (the limit is 10): the extra peak memory stays within a fixed multiple of the
    page's size (about 40x is measured; benchmarks/bench_extract.py measures a page near the
    limit)."""
    small = tmp_path / "small.html"
    big = tmp_path / "big.html"
    head = ('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sida | SKR'
            '</title></head><body><main><p class="category">Nyhet</p><h1>En lång sida</h1>'
            '<p class="pubdate">Publicerad: 1 oktober 2024</p>\n')
    paragraph = "<p>Kommunerna ska dela data säkert mellan verksamheter, säger SKR.</p>\n"
    small.write_text(head + paragraph * 3 + "</main></body></html>", encoding="utf-8")
    count = 1024 * 1024 // len(paragraph.encode())
    big.write_text(head + paragraph * count + "</main></body></html>", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(small), str(big)],
                          capture_output=True, text=True, check=True)
    measured = json.loads(done.stdout)
    assert measured["paragraphs"] >= count - 1  # the whole page was read (one is the lede)
    assert measured["grew_kib"] * 1024 < 80 * big.stat().st_size


def test_the_limit_is_documented() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "10 MB" in readme


# --- HTML built to exhaust the readers: depth and size of the tree ---------------------------------

def _nested(depth: int) -> str:
    return ("<html><body><main><h1>Rubrik</h1><p>Publicerad 12 oktober 2021</p>" + "<div>" * depth
            + "<p>En mening om saken.</p><ul><li>punkt</li></ul>" + "</div>" * depth
            + "</main></body></html>")


@pytest.mark.parametrize(("html", "message"), [
    (_nested(20_000), "nested more than 256 elements deep"),
    ("<html><body><main><h1>R</h1><p>Publicerad 12 oktober 2021" + "<p>stycke" * 400
     + "</main></body></html>", "nested more than 256 elements deep (unclosed tags?)"),
    ("<html><body><main><h1>R</h1><p>Publicerad 12 oktober 2021</p><ul>"
     + "<li>punkt</li>" * 120_000 + "</ul></main></body></html>", "more than 100,000 elements"),
])
def test_a_tree_no_news_page_has_is_refused_with_exit_3(tmp_path: Path, html: str,
                                                        message: str) -> None:
    page = tmp_path / "sida.html"
    page.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(page)])
    assert result.exit_code == 3, result.output
    assert str(page) in result.output and message in result.output
    assert "Traceback" not in result.output


def test_a_page_nested_as_deep_as_allowed_is_read(tmp_path: Path) -> None:
    page = tmp_path / "sida.html"
    page.write_text(_nested(250), encoding="utf-8")
    record = read_source(page)
    assert record.lists == (("punkt",),) and "En mening om saken." in record.lede + record.body


def test_add_refuses_to_draft_a_page_longer_than_a_news_page(tmp_path: Path,
                                                             release_root: Path) -> None:
    sentence = "Kommunen har i dag fattat ett beslut om en ny plan för skolan. "
    long_page = tmp_path / "skr-2024-01-01-rapport.txt"
    long_page.write_text("Publicerad: 1 januari 2024\n\nNyhet\n\nRubrik\n\n"
                         + sentence * (draft.MAX_DRAFT_CHARS // len(sentence) + 10) + "\n",
                         encoding="utf-8")
    before = _snapshot(release_root)
    added = CliRunner().invoke(main, ["add", str(long_page), "--root", str(release_root)])
    assert added.exit_code == 3, added.output
    assert "skr-2024-01-01-rapport.txt" in added.output and "too long to draft" in added.output
    assert _snapshot(release_root) == before
    assert CliRunner().invoke(main, ["extract", str(long_page)]).exit_code == 0  # still readable
