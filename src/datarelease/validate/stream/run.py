"""One validation run: plans every resource, streams the tables in dependency order, resolves
foreign keys across tables, and hands the rest to frictionless."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from datarelease.progress import Progress
from datarelease.validate.prehash import Prehash
from datarelease.validate.reference import NO_LIMIT, Task, task_from_report
from datarelease.validate.stream.common import Budget, Scope, resource_place
from datarelease.validate.stream.keys import KeySpace
from datarelease.validate.stream.parts import PartHook, scan_parts
from datarelease.validate.stream.plan import Planner, dependency_order
from datarelease.validate.stream.read import open_stream
from datarelease.validate.stream.scan import TableScan
from datarelease.validate.stream.spec import Delegate, Plan, TableSpec
from datarelease.validate.stream.transcode import HandOver, holds_undefined

# --------------------------------------------------------------------------- the run


class Run:
    """One validation: plans every resource, streams the tables, resolves keys, reports."""

    def __init__(self, scope: Scope, progress: Progress, budget: Budget,
                 on_part: PartHook | None = None, prehash: Prehash | None = None) -> None:
        self.scope = scope
        self.prehash = prehash
        self.progress = progress
        self.budget = budget
        self.on_part = on_part

    def plan(self, resources: list[Any], *, in_package: bool,
             undecodable: frozenset[str] = frozenset()) -> list[Plan]:
        planner = Planner(in_package, undecodable)
        names = {str(r.name) for r in resources}
        plans = [planner.plan(resource, names) for resource in resources]
        by_name: dict[str, Plan] = {str(r.name): p for r, p in zip(resources, plans, strict=True)}
        # A foreign key is streamed only if the table it refers to is streamed too.
        changed = True
        while changed:
            changed = False
            for i, p in enumerate(plans):
                if not isinstance(p, TableSpec):
                    continue
                for ref in p.foreign_keys:
                    source = by_name.get(ref.source_name, p) if ref.source_name != p.name else p
                    if not isinstance(source, TableSpec):
                        plans[i] = by_name[p.name] = Delegate(
                            f"refers to {ref.source_name!r}, which is not streamed")
                        changed = True
                        break
        for p in plans:
            if isinstance(p, TableSpec):
                for ref in p.foreign_keys:
                    source = p if ref.source_name == p.name else by_name[ref.source_name]
                    assert isinstance(source, TableSpec)
                    if ref.source_key not in source.referenced_keys:
                        source.referenced_keys.append(ref.source_key)
        return plans

    def validate(self, resources: list[Any], *, in_package: bool) -> list[Task]:
        """Every resource's task. A table found to hold bytes its single-byte encoding cannot
        decode (:class:`HandOver`) is handed to frictionless and the run starts again: what
        frictionless reports for such a table depends on where its text buffer stopped."""
        undecodable: frozenset[str] = frozenset()
        while True:
            try:
                return self._validate(resources, in_package, undecodable)
            except HandOver as exc:
                if exc.table in undecodable:  # pragma: no cover - a delegated table is not scanned
                    raise
                undecodable |= {exc.table} | self._undecodable(resources, in_package, undecodable)

    def _undecodable(self, resources: list[Any], in_package: bool, known: frozenset[str]) -> frozenset[str]:
        """The tables in a single-byte encoding holding a byte it leaves undefined (so that the
        run starts again once, not once per such table)."""
        found = set()
        for plan in self.plan(resources, in_package=in_package, undecodable=known):
            if isinstance(plan, TableSpec) and plan.encoding != "utf-8":
                with open_stream(plan) as stream:
                    if holds_undefined(stream, plan.encoding):
                        found.add(plan.name)
        return frozenset(found)

    def _validate(self, resources: list[Any], in_package: bool, undecodable: frozenset[str]) -> list[Task]:
        plans = self.plan(resources, in_package=in_package, undecodable=undecodable)
        with tempfile.TemporaryDirectory(prefix="datarelease-keys-") as tmp:
            keys = KeySpace(Path(tmp), self.budget.key_memory)
            scans: dict[str, TableScan] = {}
            for spec in dependency_order([p for p in plans if isinstance(p, TableSpec)]):
                scans[spec.name] = self._scan(spec, keys, scans)
            for scan in scans.values():
                scan.resolve_foreign_keys(scans)
            tasks = []
            for resource, plan in zip(resources, plans, strict=True):
                if isinstance(plan, TableSpec):
                    tasks.append(scans[plan.name].task())
                elif isinstance(plan, Delegate):
                    report = resource.validate(self.scope.checklist, limit_errors=NO_LIMIT)
                    tasks.extend(task_from_report(task) for task in report.tasks)
                else:
                    tasks.append(Task(name=str(resource.name), place=resource_place(resource), rows=None,
                                          valid=not plan, errors=tuple(plan)))
            keys.close()
        return tasks

    def _scan(self, spec: TableSpec, keys: KeySpace, scans: dict[str, TableScan]) -> TableScan:
        """A table read once: a multipart table by worker processes when that pays, else here."""
        if spec.parts:
            merged = scan_parts(spec, self.scope, keys, self.progress, self.budget, scans, self.on_part)
            if merged is not None:
                return merged
        return TableScan(spec, self.scope, keys, self.progress, scans, self.budget,
                         prehash=self.prehash).run()
