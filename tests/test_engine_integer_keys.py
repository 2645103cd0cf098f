"""Key hashes of an integer column are the hashes of frictionless's cast values, cell by cell.

``Column.key_hashes`` casts the plain cells of an integer column column-wise and reads the others
with frictionless's cell reader; which cells are plain it takes from the column's check (every
present cell outside the plain form is a suspect there) instead of matching the column again.
Drawn cells (plain, with leading zeros, signs, spaces, exponents, out of bounds, too large for 64
bits, missing) must hash as their cast values do, one by one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from frictionless import fields
from hypothesis import given, settings
from hypothesis import strategies as st

from datarelease.validate.arrays import strings
from datarelease.validate.stream.cells import Column, canonical
from datarelease.validate.stream.keys import hash_texts

CELLS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.integers(-50, 50).map(str),
    st.sampled_from(["", "NA", "007", "-0", "+5", " 5", "5 ", "1e3", "1.0", "x", "9" * 19, "-" + "9" * 18]),
)


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(CELLS, min_size=1, max_size=30),
       constraints=st.sampled_from([{}, {"minimum": 0}, {"maximum": 10}, {"required": True},
                                    {"enum": [1, 2, 3]}]),
       missing=st.sampled_from([[""], ["", "NA"]]))
def test_integer_key_hashes_are_those_of_the_cast_values(
        cells: list[str], constraints: dict[str, Any], missing: list[str]) -> None:
    field = fields.IntegerField(name="n", constraints=constraints, missing_values=missing)
    column = Column(0, field)
    array = strings(cells)
    hashed = column.key_hashes(array, column.check(array))
    for i, cell in enumerate(cells):
        target, _notes = column.read(cell)
        assert bool(hashed.null[i]) == (target is None), cell
        if target is None:
            continue
        text, domain = canonical(target)
        h1, h2 = hash_texts(strings([text]), np.array([domain], dtype=np.uint8))
        assert (hashed.h1[i], hashed.h2[i]) == (h1[0], h2[0]), cell
