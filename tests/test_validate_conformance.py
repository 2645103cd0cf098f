"""frictionless-py's own resource-validation tests, replayed through datarelease.validate.

The cases (tests/data/frictionless/validation-cases-resource.json, see the README there) are
recipes: a frictionless constructor call plus the arguments of ``.validate()``, and the
upstream authors' expected ``report.flatten([...])`` or validity. Each recipe is translated
into what our API takes — a resource descriptor, a basepath and pick/skip lists — and the
result of :func:`datarelease.validate.validate_resource` is compared with the expectation.

Translation rules:

- ``TableResource(path=..., data=..., encoding=..., ...)`` → the same properties in a
  descriptor with ``"type": "table"`` and a name; ``Dialect(header_rows=...)`` → its
  descriptor (``headerRows``); a schema file given together with ``Detector(schema_sync=True)``
  is read so that ``"fieldsMatch": "partial"`` can be added — frictionless documents
  ``schema_sync`` as exactly that.
- ``Resource("x.json")`` → that descriptor file, with its folder as basepath.
- ``Checklist(pick_errors=..., skip_errors=...)`` → our ``pick_errors``/``skip_errors``.
- ``limit_errors=n`` → our API never limits errors, so the expected list must be the first
  ``n`` of ours, and ours must be longer.
- ``flatten`` columns are compared on the Finding's fields; ``cells`` is not a Finding field,
  so that column alone is left out of the comparison.

Skipped, with the reason in the skip message: the other ``Detector`` options (schema
inference knobs our API does not expose), ``limit_rows``, an open file object as data, data
files missing from the snapshot, and formats whose optional frictionless extras are absent.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from datarelease.validate import Finding, Report, validate_resource

FIXTURES = Path(__file__).parent / "data" / "frictionless"
CASES = json.loads((FIXTURES / "validation-cases-resource.json").read_text(encoding="utf-8"))[
    "cases"
]

DIALECT_KEYS = {
    "header": "header",
    "header_rows": "headerRows",
    "header_join": "headerJoin",
    "header_case": "headerCase",
}
PLAIN_KEYS = {"path", "data", "format", "encoding", "compression", "scheme", "bytes", "rows"}
FINDING_COLUMNS = {
    "rowNumber": "row_number",
    "fieldNumber": "field_number",
    "fieldName": "field_name",
    "type": "type",
    "note": "note",
    "message": "message",
}
EXTRAS = {  # file suffix → (module frictionless needs, extra that provides it)
    ".xlsx": ("openpyxl", "excel"),
    ".xls": ("xlrd", "excel"),
    ".json": ("ijson", "json"),
}


class Untranslatable(Exception):
    """The recipe needs something our API does not offer; the message says what."""


@dataclass
class Plan:
    descriptor: dict[str, Any]
    basepath: Path
    pick_errors: list[str] = field(default_factory=list)
    skip_errors: list[str] = field(default_factory=list)
    limit_errors: int | None = None


def lit(value: dict[str, Any]) -> Any:
    if "lit" not in value:
        raise Untranslatable(f"argument {value} is not a literal")
    return value["lit"]


def call_kwargs(value: dict[str, Any], expected: str) -> dict[str, Any]:
    if value.get("call") != expected or value.get("args"):
        raise Untranslatable(f"expected a {expected}(...) call, got {value}")
    return {key: lit(arg) for key, arg in value["kwargs"].items()}


def translate(recipe: dict[str, Any]) -> Plan:
    build = recipe["validate"]
    plan = build_descriptor(build["call"], build["args"], build["kwargs"])
    for arg in recipe["args"]:
        checklist = call_kwargs(arg, "Checklist")
        unknown = set(checklist) - {"pick_errors", "skip_errors"}
        if unknown:
            raise Untranslatable(f"Checklist option(s) {sorted(unknown)} are not in our API")
        plan.pick_errors = checklist.get("pick_errors", [])
        plan.skip_errors = checklist.get("skip_errors", [])
    for key, value in recipe["kwargs"].items():
        if key != "limit_errors":
            raise Untranslatable(f"validate({key}=...): our API always reads every row")
        plan.limit_errors = lit(value)
    check_fixtures(plan)
    return plan


def build_descriptor(call: str, args: list[Any], kwargs: dict[str, Any]) -> Plan:
    if call == "Resource":
        source = lit(args[0])
        if source.endswith(".json"):
            path = FIXTURES / source
            return Plan(json.loads(path.read_text(encoding="utf-8")), path.parent)
        return Plan({"name": "case", "path": source}, FIXTURES)
    if call == "TableResource.from_descriptor":
        return Plan({"type": "table", **lit(args[0])}, FIXTURES)
    if call != "TableResource":
        raise Untranslatable(f"{call}(...) is not a resource")
    descriptor: dict[str, Any] = {"name": "case", "type": "table"}
    if args:
        source = lit(args[0])
        descriptor["path" if isinstance(source, str) else "data"] = source
    fields_match = None
    for key, value in kwargs.items():
        if key in PLAIN_KEYS:
            if "file" in value:
                raise Untranslatable(f"{key}=<open file>: a file object is not a descriptor")
            descriptor[key] = lit(value)
        elif key == "schema":
            descriptor["schema"] = schema_value(value)
        elif key == "dialect":
            options = call_kwargs(value, "Dialect")
            if set(options) - set(DIALECT_KEYS):
                raise Untranslatable(f"Dialect option(s) {sorted(options)} not mapped")
            descriptor["dialect"] = {DIALECT_KEYS[k]: v for k, v in options.items()}
        elif key == "detector":
            fields_match = detector_fields_match(call_kwargs(value, "Detector"))
        else:
            raise Untranslatable(f"TableResource({key}=...) is not mapped")
    if fields_match is not None:
        descriptor["schema"] = with_fields_match(descriptor.get("schema"), fields_match)
    return Plan(descriptor, FIXTURES)


def schema_value(value: dict[str, Any]) -> Any:
    if "lit" in value:
        return value["lit"]  # a path relative to the basepath, or an inline schema
    if value.get("call") == "Schema.from_descriptor":
        return lit(value["args"][0])
    raise Untranslatable(f"schema={value} is not mapped")


def detector_fields_match(options: dict[str, Any]) -> str:
    inference = sorted(set(options) - {"schema_sync"})
    if inference:
        raise Untranslatable(
            f"Detector({', '.join(inference)}=...) tunes schema inference; datarelease "
            "validates against declared schemas and exposes no inference options"
        )
    if options.get("schema_sync") is not True:
        raise Untranslatable(f"Detector({options}) is not mapped")
    return "partial"  # frictionless: schema_sync "resolves to" fieldsMatch "partial"


def with_fields_match(schema: Any, fields_match: str) -> dict[str, Any]:
    if isinstance(schema, str):
        schema = json.loads((FIXTURES / schema).read_text(encoding="utf-8"))
    if not isinstance(schema, dict):
        raise Untranslatable("schema_sync without a schema: nothing to declare fieldsMatch on")
    return {**schema, "fieldsMatch": fields_match}


def check_fixtures(plan: Plan) -> None:
    for key in ("path", "schema"):
        value = plan.descriptor.get(key)
        if not isinstance(value, str) or "://" in value:
            continue
        if not (plan.basepath / value).exists():
            raise Untranslatable(f"{value} is not in the frictionless-py-testdata snapshot")
        suffix = Path(value).suffix
        tabular = plan.descriptor.get("type") == "table" or suffix != ".json"
        if key == "path" and suffix in EXTRAS and tabular:
            module, extra = EXTRAS[suffix]
            if importlib.util.find_spec(module) is None:
                raise Untranslatable(f'{suffix} tables need "frictionless[{extra}]" ({module})')


def flatten(findings: tuple[Finding, ...], spec: list[str]) -> list[list[Any]]:
    columns = [FINDING_COLUMNS[name] for name in spec if name != "cells"]
    return [[getattr(finding, column) for column in columns] for finding in findings]


def expected_rows(case: dict[str, Any]) -> list[list[Any]]:
    keep = [i for i, name in enumerate(case["flatten"]) if name != "cells"]
    return [[row[i] for i in keep] for row in case["expected"]]


def run(case: dict[str, Any]) -> tuple[Plan, Report]:
    try:
        plan = translate(case["recipe"])
    except Untranslatable as reason:
        pytest.skip(str(reason))
    report = validate_resource(
        plan.descriptor,
        plan.basepath,
        pick_errors=plan.pick_errors,
        skip_errors=plan.skip_errors,
    )
    return plan, report


def case_id(case: dict[str, Any]) -> str:
    return str(case["test"].rsplit("::", 1)[1])


def test_the_cases_are_the_72_upstream_ones() -> None:
    assert len(CASES) == 72
    assert len({case_id(case) for case in CASES}) == 72


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_frictionless_case(case: dict[str, Any]) -> None:
    plan, report = run(case)
    if "expected_valid" in case:
        assert report.valid is case["expected_valid"], report.findings
        return
    actual = flatten(report.findings, case["flatten"])
    expected = expected_rows(case)
    if plan.limit_errors is not None:
        assert len(expected) == plan.limit_errors
        assert actual[: plan.limit_errors] == expected
        assert len(actual) > plan.limit_errors, "our API must not stop at frictionless's limit"
    else:
        assert actual == expected


def test_most_cases_translate() -> None:
    """A tripwire: 57 of the 72 cases run here (more with the excel/json extras installed)."""
    runnable = []
    for case in CASES:
        try:
            translate(case["recipe"])
        except Untranslatable:
            continue
        runnable.append(case_id(case))
    assert len(runnable) >= 57
