"""Time extraction of pages built to stress the readers' rules (not to look like news pages).

    .venv/bin/python benchmarks/bench_extract_hostile.py [--megabytes 2]

Text exports: 100,000s of indented lines, lines under a colon with no blank lines, text wrapped
at 74 columns, a long menu before the date, short lines with no date (refused), a long contact
block, many colon-introduced runs. HTML pages: 200 levels deep with no <h1> (the title comes from
<title>), contact blocks beside the article, a table of contact rows. Each is written to a
temporary folder and read once; the time and the outcome are printed. The times should grow
linearly with ``--megabytes`` (a source may be at most 10 MB).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from datarelease.errors import SourceError
from datarelease.extract import read_source

_HEAD = "Publicerad 14 januari 2031\n\nTitel\n\nIngress som är en mening.\n\n"


def _text_pages(size: int) -> dict[str, str]:
    return {
        "indented.txt": _HEAD + "Intro:\n" + "    kort rad här\n" * (size // 17),
        "no-blank-lines.txt": "Publicerad 14 januari 2031\nTitel\nIntro:\n"
                              + "kort rad här utan punkt\n" * (size // 24),
        "wrapped.txt": "Publicerad 14 januari 2031\n\nTitel\n\n"
                       + ("ord " * 17 + "ordet\n") * (size // 74),
        "menu-then-date.txt": "Meny\nKort rad\n" * (size // 18) + _HEAD,
        "no-date.txt": "Kort rad\n" * (size // 9),
        "contacts.txt": _HEAD + "Kontakt\n" + "Anna Lind, handläggare, 08-123 45 67\n" * (size // 38),
        "colon-runs.txt": _HEAD + "Intro:\nrad ett\nrad två\n\n" * (size // 24),
        "crumbs.txt": "Etusivu\nAjankohtaista\nUutiset\n\n" * (size // 30) + _HEAD,
        "home-then-crumbs.txt": "Etusivu\n" + "Uutiset\n/\n" * (size // 10) + "\n" + _HEAD,
        "related.txt": _HEAD + "Läs också:\n• rad ett\n• rad två\n\n" * (size // 34),
    }


def _html_pages(size: int) -> dict[str, str]:
    def page(body: str) -> str:
        return f"<html><head><title>Site - Ingen rubrik här</title></head><body>{body}</body></html>"

    return {
        "deep-no-h1.html": page("<div id='content'>" + "<div>" * 200
                                + "<p>Publicerad 14 januari 2031</p>"
                                + "<span>text om saken här.</span>" * (size // 31)
                                + "</div>" * 200 + "</div>"),
        "contacts-beside.html": page("<div id='content'><h1>Rubrik</h1><p>Publicerad 14 januari "
                                     "2031</p><p>Ingress om saken här i dag.</p></div>"
                                     + "<div><b>Kontakt</b><p>Anna Lind, handläggare</p></div>"
                                     * (size // 55)),
        "contact-rows.html": page("<main><h1>Rubrik</h1><p>Publicerad 14 januari 2031</p>"
                                  "<p>Ingress om saken.</p><table>"
                                  + "<tr><td><b>Kontakt</b></td></tr><tr><td>Anna Lind</td>"
                                  "<td>handläggare</td></tr>" * (size // 80) + "</table></main>"),
        "nested-sidebars.html": page("<main><h1>Rubrik</h1><p>Publicerad 14 januari 2031</p>"
                                     "<p>Ingress.</p></main>" + "<div class='sidebar'>" * 200
                                     + "<h2>Kontakt</h2><p>Anna Lind, handläggare</p>" * (size // 46)
                                     + "</div>" * 200),
        "contact-chunks.html": page("<table><tr><td><h1>Rubrik</h1>Publicerad 14 januari 2031<br><br>Ingress."
                                    + "<br><br><b>Kontakt</b><br>Anna Lind, handläggare<br>"
                                    "tel. 010-123 45 67<br><br>Per Holm<br>chef" * (size // 100)
                                    + "</td></tr></table>"),
        "fact-boxes.html": page("<main><h1>Rubrik</h1><p>Publicerad 14 januari 2031</p>"
                                "<p>Ingress.</p>" + "<aside><h3>Fakta</h3><p>Text i rutan.</p>"
                                "</aside><p>Artikeln fortsätter. <span>Dela</span> <a href='#'>"
                                "Facebook</a></p>" * (size // 120) + "</main>"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    size = int(parser.parse_args().megabytes * 1_000_000)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in {**_text_pages(size), **_html_pages(size)}.items():
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            try:
                record = read_source(path)
                outcome = f"read: {len(record.lists)} lists, {len(record.contacts)} contacts"
            except SourceError as exc:
                outcome = f"refused: {str(exc).split(': ', 2)[-1][:60]}"
            seconds = time.perf_counter() - started
            print(f"{name:22s} {path.stat().st_size / 1e6:5.1f} MB {seconds:6.1f} s  {outcome}",
                  flush=True)


if __name__ == "__main__":
    main()
