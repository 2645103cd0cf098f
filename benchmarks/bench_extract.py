"""Measure extraction of a large saved HTML page just under the source size limit.

    .venv/bin/python benchmarks/bench_extract.py [--megabytes 9.5]

A source may be at most ``extract.MAX_SOURCE_BYTES`` (10 MB; a larger file is refused before it
is read). This writes a synthetic news page of the given size (many paragraphs, a list, links)
to a temporary folder, extracts it in a fresh process and prints the time and the peak resident
memory of that process, before and after the page was read; then shows that a file over the
limit is refused at once.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
from datarelease.extract import read_source
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
record = read_source(Path(sys.argv[1]))
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_before_kib": before, "rss_after_kib": after,
                  "body_chars": len(record.body), "lists": len(record.lists)}))
"""

_HEAD = ('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>En lång sida | SKR'
         '</title></head><body><header><nav><a href="/">Start</a></nav></header><main>'
         '<p class="category">Nyhet</p><h1>En mycket lång sida</h1>'
         '<p class="pubdate">Publicerad: 1 oktober 2024</p>\n')
_CHUNK = ('<p>Kommunerna ska dela data säkert mellan verksamheter och följa upp resultaten varje '
          'år, säger <a href="/om-skr">SKR</a>.</p>\n<ul><li>Ett steg.</li><li>Ett till.</li>'
          '</ul>\n')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=9.5)
    args = parser.parse_args()
    from datarelease.errors import SourceError
    from datarelease.extract import MAX_SOURCE_BYTES, read_source

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "skr-2024-10-01-lang.html"
        count = int(args.megabytes * 1024 * 1024) // len(_CHUNK.encode())
        page.write_text(_HEAD + _CHUNK * count + "</main></body></html>", encoding="utf-8")
        size = page.stat().st_size
        done = subprocess.run([sys.executable, "-c", _MEASURE, str(page)], capture_output=True,
                              text=True, check=True)
        measured = json.loads(done.stdout)
        grew = (measured["rss_after_kib"] - measured["rss_before_kib"]) * 1024
        print(f"page {size / 2**20:.1f} MB (limit {MAX_SOURCE_BYTES / 2**20:.0f} MB): "
              f"{measured['seconds']:.1f} s, peak RSS {measured['rss_after_kib'] / 1024:.0f} MB "
              f"(+{grew / 2**20:.0f} MB while reading, {grew / size:.0f}x the page), "
              f"{measured['lists']} lists")
        huge = Path(folder) / "dump.html"
        with huge.open("wb") as file:
            file.truncate(200 * 1024 * 1024)
        try:
            read_source(huge)
        except SourceError as error:
            print(f"200 MB file: refused: {error}")
        else:
            print("200 MB file: NOT refused")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
