"""``datarelease.validate.arrays`` builds the arrays ``pa.array`` would and reads back what
``np.asarray`` would, and with it the streaming engine validates without pyarrow importing pandas
(a start-up cost of 0.15–0.3 s CPU). The second part runs the engine in a fresh interpreter on
packages of each shape ``benchmarks/generate.py`` writes, with injected errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from datarelease.validate.arrays import bool_scalar, bools, ints, string_scalar, strings, to_bools, to_ints

ROOT = Path(__file__).resolve().parents[1]

TEXTS = [[], [""], ["a", None, "é", "", "𝔘nicode", None], ["x" * 1000, "line\nbreak", "\"q\",c"]]


@pytest.mark.parametrize("values", TEXTS)
def test_strings_are_what_pa_array_builds(values: list[str | None]) -> None:
    built = strings(values)
    built.validate(full=True)
    assert built.equals(pa.array(values, pa.string()))
    assert built.null_count == sum(v is None for v in values)


def test_a_string_that_is_not_unicode_fails_as_pyarrow_fails() -> None:
    with pytest.raises(UnicodeEncodeError):
        pa.array(["\ud800"], pa.string())
    with pytest.raises(UnicodeEncodeError):
        strings(["\ud800"])


def test_scalars_and_numbers_are_what_pyarrow_builds() -> None:
    assert string_scalar("0").equals(pa.scalar("0", pa.string()))
    assert bool_scalar(True).equals(pa.scalar(True)) and bool_scalar(False).equals(pa.scalar(False))
    flags = np.array([True, False, True, True, False, False, True, False, True], dtype=bool)
    assert bools(flags).equals(pa.array(flags)) and bools([]).equals(pa.array([], pa.bool_()))
    numbers = np.array([0, -1, 2**62, 7], dtype=np.int64)
    assert ints(numbers).equals(pa.array(numbers)) and ints([3, 4]).equals(pa.array([3, 4]))


def test_reading_back_matches_numpy_on_slices_chunks_and_nulls() -> None:
    flags = pa.chunked_array([pa.array([True, False, None, True, False, True, True, True, False])[2:],
                              pa.array([], pa.bool_()), pa.array([None, True])])
    assert to_bools(flags).tolist() == np.asarray(flags, dtype=bool).tolist()
    matched = pc.match_substring_regex(pa.array(["ab", None, "b", "a"]), "a")
    assert to_bools(matched).tolist() == [True, False, False, True]
    for numbers in (pa.array(list(range(20)), pa.int32())[5:9], pa.array([3, 250], pa.uint8()),
                    pa.chunked_array([pa.array([1, -2]), pa.array([2**40])])):
        assert to_ints(numbers).tolist() == np.asarray(numbers, dtype=np.int64).tolist()
        assert to_ints(numbers).dtype == np.int64


ENGINE_RUN = """
import json, sys
from pathlib import Path
from datarelease.validate import validate_package
report = validate_package(Path(sys.argv[1]), engine="stream")
print(json.dumps({"errors": len(report.findings), "pandas": "pandas" in sys.modules}))
"""


@pytest.mark.parametrize("shape", ["news", "mixed", "bounded"])
def test_the_engine_does_not_import_pandas(tmp_path: Path, shape: str) -> None:
    package = tmp_path / shape
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--shape", shape,
                    "--rows", "400", "--errors", "12", "--out", str(package)],
                   check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", ENGINE_RUN, str(package)],
                          check=True, capture_output=True, text=True)
    result = json.loads(done.stdout)
    assert result["errors"] > 0  # the injected errors were checked, on the vectorised paths
    assert result["pandas"] is False
