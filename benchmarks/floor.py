"""The floor of validating a package: what reading its CSV files costs without checking anything.

For every CSV file of the package (data/*.csv next to the descriptor, or every resource path):
parse it with pyarrow's streaming CSV reader, every column as strings, two threads off (as the
engine parses), and hash its bytes with sha256, each on its own; prints the seconds of each.
bench_validate.py runs it as a process and reports its wall time, CPU and peak memory.

    python benchmarks/floor.py PACKAGE [parse|sha256|both]
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv


def csv_files(package: Path) -> list[Path]:
    descriptor = package / "datapackage.json" if package.is_dir() else package
    resources = json.loads(descriptor.read_text(encoding="utf-8")).get("resources", [])
    given = [part for r in resources for part in (r["path"] if isinstance(r.get("path"), list)
                                                   else [r.get("path", "")])]  # a multipart resource's parts
    paths = [descriptor.parent / path for path in given if str(path).endswith(".csv")]
    return [p for p in paths if p.is_file()]


def parse(path: Path) -> int:
    with open(path, "rb") as handle:
        header = handle.readline().decode("utf-8").rstrip("\r\n").split(",")
    options = pcsv.ConvertOptions(column_types={name: pa.string() for name in header})
    reader = pcsv.open_csv(path, read_options=pcsv.ReadOptions(use_threads=False, block_size=1 << 20),
                           parse_options=pcsv.ParseOptions(newlines_in_values=True,
                                                           invalid_row_handler=lambda row: "skip"),
                           convert_options=options)
    return sum(batch.num_rows for batch in reader)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(8 << 20):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str]) -> int:
    package, what = Path(argv[0]), (argv[1] if len(argv) > 1 else "both")
    for path in csv_files(package):
        if what in ("parse", "both"):
            started = time.perf_counter()
            rows = parse(path)
            print(f"{path.name}: parsed {rows} rows in {time.perf_counter() - started:.2f} s")
        if what in ("sha256", "both"):
            started = time.perf_counter()
            sha256(path)
            print(f"{path.name}: sha256 in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
