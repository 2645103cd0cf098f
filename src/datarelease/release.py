"""A data release: decide the semantic version from the diff, write the changelog, publish both.

The version follows the Data Package versioning rules, from the consumer's side:

- **major**: a change that can break a consumer: a table or field removed, a field retyped or
  reordered, a stricter constraint, a changed primary or foreign key, a required field added, a
  changed licence or dataset name;
- **minor**: data or optional structure added: rows or tables added, an optional field added, a
  constraint loosened;
- **patch**: corrections that change no structure: values changed, rows removed (facts withdrawn
  as wrong), metadata and documentation corrected.

The previous release is the one on the portal (the dataset named in ``datapackage.json``,
downloaded, verified and re-validated by :func:`datarelease.download.download`), or any local
release given as ``against``. The decision lists every reason with its level; asking for a smaller
bump than the diff needs is refused with those reasons unless forced. Nothing is written or
published before every check has passed, and the built release must be a fresh build of
``datasets/`` (what was diffed is what gets released).

Files: the entry is prepended to ``RELEASES.md`` at the repository root, the release notes of the
*data* (``CHANGELOG.md`` is the toolkit's own), which only this module writes. The release log is
the source of the version: the build takes it from the newest entry (``datasets/dataset.yaml``'s
``version`` is only the starting version, and the tool never writes ``datasets/``) and lists the
file as the resource ``changelog``. So a release writes the log, then rebuilds with
:func:`datarelease.pipeline.build`, which writes the version and the changelog's size and sha256
into ``datapackage.json``.

On the portal each release is published twice with :mod:`datarelease.publish`: as the dataset
``<name>`` (always the latest; CKAN's ``version`` field says which), exactly as ``datarelease
publish`` would, and as a frozen dataset ``<name>-v<major>-<minor>-<patch>`` that later releases
never touch (:func:`datarelease.ckan.version_dataset_name`), so every version stays downloadable
(``datarelease download --version``; CKAN 2.11 keeps old *metadata* in its activity stream, but an
uploaded file is replaced in place: a resource's old bytes are gone).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from datarelease import ckan, diff, pipeline, publish, validate
from datarelease.errors import BumpRefused, InputError, ValidationFailed
from datarelease.versions import (
    BUMPS,
    RELEASE_LOG,
    SEMVER,
    ReleaseEntry,
    next_version,
    parse_version,
    read_release_log,
    version_dataset_name,
)

__all__ = [
    "CHANGELOG_NAME",
    "Decision",
    "Prepared",
    "Reason",
    "ReleaseResult",
    "changelog_entry",
    "decide",
    "prepare",
    "release",
    "render",
]

CHANGELOG_NAME = RELEASE_LOG
Level = Literal["major", "minor", "patch"]
_RANK = {"none": 0, "patch": 1, "minor": 2, "major": 3}
_IGNORED_METADATA = {"version", "created"}  # set by the release itself
_BREAKING_METADATA = {"licenses": "the licence changed", "name": "the dataset's name changed"}
_EXAMPLES = 3
_MEANING = {
    "major": "a change can break consumers: check the reasons before upgrading",
    "minor": "data or optional structure was added; existing consumers keep working",
    "patch": "corrections only: no structure changed",
    "none": "nothing changed",
}


# --------------------------------------------------------------------------- the decision


@dataclass(frozen=True)
class Reason:
    level: Level
    where: str
    """The table, or ``metadata``."""
    text: str


@dataclass(frozen=True)
class Decision:
    bump: Literal["major", "minor", "patch", "none"]
    reasons: tuple[Reason, ...]

    def reasons_for(self, level: str) -> list[Reason]:
        return [r for r in self.reasons if r.level == level]


def _table_reasons(table: diff.TableDiff) -> list[Reason]:
    reasons = []
    for change in table.schema_changes:
        if change.breaking:
            level: Level = "major"
        elif change.kind in ("table-added", "field-added", "constraint-changed"):
            level = "minor"
        else:
            level = "patch"
        reasons.append(Reason(level, table.name, change.summary))
    rows = table.rows
    if rows is not None:
        if rows.added:
            reasons.append(Reason("minor", table.name, f"{_rows(rows.added)} added"))
        if rows.removed:
            reasons.append(Reason("patch", table.name, f"{_rows(rows.removed)} removed"))
        if rows.changed:
            fields = ", ".join(rows.changed_fields)
            reasons.append(Reason("patch", table.name, f"{_rows(rows.changed)} changed (in {fields})"))
    return reasons


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def decide(result: diff.ReleaseDiff) -> Decision:
    """The smallest bump that says what the changes from OLD to NEW mean to a consumer, and why."""
    reasons = [r for table in result.tables for r in _table_reasons(table)]
    for change in result.metadata:
        if change.key in _IGNORED_METADATA:
            continue
        if change.key in _BREAKING_METADATA:
            reasons.append(Reason("major", "metadata", _BREAKING_METADATA[change.key]))
        else:
            reasons.append(Reason("patch", "metadata", f"{change.key} changed"))
    bump = max((r.level for r in reasons), key=_RANK.__getitem__, default="none")
    reasons.sort(key=lambda r: -_RANK[r.level])
    return Decision(bump, tuple(reasons))  # type: ignore[arg-type]


def _choose(decision: Decision, requested: str, force: bool) -> str:
    """The bump to apply: the decision's, or the one asked for when it is not smaller (or forced)."""
    if requested == "auto":
        if decision.bump == "none" and not force:
            raise BumpRefused("nothing changed since the last release: there is nothing to release "
                              "(pass --bump and --force to release anyway)")
        return "patch" if decision.bump == "none" else decision.bump
    if _RANK[requested] < _RANK[decision.bump] and not force:
        needed = decision.reasons_for(decision.bump)
        shown = "; ".join(f"{r.where}: {r.text}" for r in needed[:5])
        more = f" (and {len(needed) - 5} more)" if len(needed) > 5 else ""
        raise BumpRefused(f"--bump {requested} is refused: the changes need a {decision.bump} release "
                          f"because {shown}{more}. Pass --force to release as {requested} anyway")
    if decision.bump == "none" and not force:
        raise BumpRefused("nothing changed since the last release: there is nothing to release "
                          "(pass --force to release anyway)")
    return requested


# --------------------------------------------------------------------------- the changelog


def _example_lines(table: diff.TableDiff) -> list[str]:
    rows = table.rows
    if rows is None:
        return []
    lines = [f"  - added: `{_compact(r)}`" for r in rows.added_examples[:_EXAMPLES]]
    lines += [f"  - removed: `{_compact(r)}`" for r in rows.removed_examples[:_EXAMPLES]]
    for row in rows.changed_examples[:_EXAMPLES]:
        what = "; ".join(f"{name}: {_compact(old)} → {_compact(new)}"
                         for name, (old, new) in row.changes.items())
        lines.append(f"  - changed `{_compact(row.key)}`: {what}")
    return lines


def _compact(value: Any, width: int = 100) -> str:
    text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("`", "'")


def changelog_entry(result: diff.ReleaseDiff | None, decision: Decision | None, bump: str,
                    old_version: str | None, new_version: str, date: str) -> str:
    """One Markdown entry of ``RELEASES.md``: the version, why it is that version, what changed."""
    lines = [f"## {new_version} — {date}", ""]
    if result is None or decision is None or old_version is None:
        return "\n".join([*lines, "First release.", ""])
    lines.append(f"**{bump.capitalize()} release** ({old_version} → {new_version}): {_MEANING[bump]}.")
    if bump != decision.bump:
        lines.append(f"The changes alone would make it a {decision.bump} release; "
                     f"{bump} was asked for{' and forced' if _RANK[bump] < _RANK[decision.bump] else ''}.")
    lines += ["", "Why:"]
    lines += [f"- {r.level}: {r.where}: {r.text}" for r in decision.reasons] or ["- no changes"]
    changed = [t for t in result.tables if t.status != "unchanged"]
    if changed:
        lines += ["", "| table | status | rows added | removed | changed |", "|---|---|---:|---:|---:|"]
        for t in changed:
            r = t.rows
            counts = ((str(r.added), str(r.removed), "–" if r.method == "multiset" else str(r.changed))
                      if r else (str(t.row_count) if t.status == "added" else "–",
                                 str(t.row_count) if t.status == "removed" else "–", "–"))
            lines.append(f"| {t.name} | {t.status} | {' | '.join(counts)} |")
        examples = [(t.name, _example_lines(t)) for t in changed]
        if any(ex for _, ex in examples):
            lines += ["", "Examples:"]
            for name, ex in examples:
                if ex:
                    lines += [f"- {name}", *ex]
        multisets = [t.name for t in changed if t.rows is not None and t.rows.method == "multiset"]
        if multisets:
            lines += ["", f"Tables without a primary key ({', '.join(multisets)}) are compared as "
                      "multisets of rows: a changed row counts as one removed and one added."]
    return "\n".join(lines) + "\n"


_HEADER = ("# Releases\n\nRelease notes of this dataset, newest first: what changed and why each release has "
           "its version number.\nWritten by `datarelease release`; the toolkit's own changes are in "
           "CHANGELOG.md.\n")


def _entries(path: Path) -> list[ReleaseEntry]:
    """The entries of the changelog at ``path`` (none if there is no file), newest first."""
    return read_release_log(path)[1] if path.is_file() else []


def _with_entry(existing: list[ReleaseEntry], entry: str, version: str) -> str:
    """The changelog of ``existing`` entries with ``entry`` first; one for the same version is replaced."""
    kept = [e.text for e in existing if e.version != version]
    return "\n".join([_HEADER, *(e for e in [entry.rstrip("\n") + "\n", *kept])])


# --------------------------------------------------------------------------- writing


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _descriptor_text(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"  # as package.stage_release


# --------------------------------------------------------------------------- preparing


@dataclass(frozen=True)
class Prepared:
    """Everything a release will write, decided before anything is written."""

    root: Path
    descriptor: dict[str, Any]
    """The built ``datapackage.json`` with the new version (the rebuild writes it to disk)."""
    old_version: str | None
    new_version: str
    bump: str
    decision: Decision | None
    diff: diff.ReleaseDiff | None
    entry: str
    changelog: str
    """The whole of ``RELEASES.md`` with the entry."""


def _check_release(root: Path) -> dict[str, Any]:
    layout = pipeline.Layout(root)
    if not layout.descriptor.is_file():
        raise InputError("no datapackage.json: run 'datarelease build' first", path=layout.descriptor)
    stale = pipeline.check_release(root)
    if stale:
        raise InputError(f"the built release is not what {layout.datasets} builds now (differs: "
                         f"{', '.join(stale)}): run 'datarelease build' first, so that what is "
                         "compared is what gets released", path=layout.descriptor)
    report = validate.validate_release(layout.descriptor)
    if not report.valid:
        raise ValidationFailed(f"the release in {root} does not validate; nothing was released", report)
    descriptor: dict[str, Any] = json.loads(layout.descriptor.read_text(encoding="utf-8"))
    parse_version(descriptor.get("version"), where=str(layout.descriptor))
    return descriptor


def prepare(root: Path, previous: diff.Side | None, workdir: Path, *, bump: str = "auto",
            force: bool = False, today: str | None = None) -> Prepared:
    """Decide the version and write the entry, in memory; ``previous`` is the last release."""
    if bump not in ("auto", *BUMPS):
        raise ValueError(f"unknown bump {bump!r}")
    descriptor = _check_release(root)
    date = today or dt.date.today().isoformat()
    existing = _entries(root / CHANGELOG_NAME)
    if previous is None:
        version = str(descriptor["version"])  # RELEASES.md's newest, or else dataset.yaml's
        # a version released locally (--against, --no-publish) keeps its notes on its first publish
        entry = (existing[0].text if existing and existing[0].version == version
                 else changelog_entry(None, None, "initial", None, version, date))
        return Prepared(root, descriptor, None, version, "initial", None, None, entry,
                        _with_entry(existing, entry, version))
    old_version = str(previous.descriptor.get("version"))
    parse_version(previous.descriptor.get("version"), where=f"{previous.label}: datapackage.json")
    new_side = diff.Side(str(root), root, descriptor)
    result = diff.diff_sides(previous, new_side, workdir)
    decision = decide(result)
    chosen = _choose(decision, bump, force)
    version = next_version(old_version, chosen)
    entry = changelog_entry(result, decision, chosen, old_version, version, date)
    return Prepared(root, {**descriptor, "version": version}, old_version, version, chosen, decision,
                    result, entry, _with_entry(existing, entry, version))


def write(prepared: Prepared) -> pipeline.BuildResult:
    """The entry into ``RELEASES.md``, then a rebuild that takes the version from it.

    Should the rebuild fail, ``RELEASES.md`` is put back as it was (the build leaves ``publish/``
    and ``datapackage.json`` as they were), so the repository stays a consistent release.
    """
    layout = pipeline.Layout(prepared.root)
    before = layout.release_log.read_text(encoding="utf-8") if layout.release_log.is_file() else None
    _write_atomic(layout.release_log, prepared.changelog)
    try:
        built = pipeline.build(prepared.root)
    except BaseException:
        if before is None:
            layout.release_log.unlink(missing_ok=True)
        else:
            _write_atomic(layout.release_log, before)
        raise
    return built


# --------------------------------------------------------------------------- the portal


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@contextmanager
def _renamed(root: Path, descriptor: Mapping[str, Any]) -> Iterator[Path]:
    """The built release in ``root`` as its frozen version dataset: a folder with the same files
    (hard links where possible) and the descriptor of :func:`datarelease.ckan.frozen_descriptor`."""
    staging = Path(tempfile.mkdtemp(prefix=".datarelease-release-", dir=root))
    try:
        for resource in descriptor["resources"]:
            for key in ("path", "schema"):
                relative = resource.get(key)
                if isinstance(relative, str) and not (staging / relative).exists():
                    (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                    _link_or_copy(str(root / relative), str(staging / relative))
        frozen = ckan.frozen_descriptor(descriptor)
        (staging / "datapackage.json").write_text(_descriptor_text(frozen), encoding="utf-8")
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@dataclass(frozen=True)
class Published:
    latest_url: str
    version_url: str


def _publish_folder(folder: Path, portal: ckan.Portal, owner: str | None) -> str:
    plan = publish.plan(folder, portal, org=owner)
    if plan.has_writes:
        publish.apply(plan, portal)
    return plan.dataset_url


def _publish(root: Path, portal: ckan.Portal, org: str | None) -> Published:
    """The built release: as its frozen version dataset first, then as the latest, exactly as
    ``datarelease publish`` does (so a later publish of the same build has nothing to do); each an
    idempotent plan and apply."""
    descriptor: dict[str, Any] = json.loads(pipeline.Layout(root).descriptor.read_text(encoding="utf-8"))
    latest = portal.package_show(str(descriptor["name"]))
    owner = org or ((latest or {}).get("organization") or {}).get("name")
    with _renamed(root, descriptor) as frozen:
        version_url = _publish_folder(frozen, portal, owner)
    return Published(_publish_folder(root, portal, owner), version_url)


def _previous_from_portal(portal: ckan.Portal, name: str, workdir: Path) -> diff.Side | None:
    """The last release on the portal (its files verified), or None if there is none.

    Read from the frozen dataset of the version the portal says is latest, which no publish
    touches: the latest dataset's files may be half replaced by a publish that did not finish.
    """
    latest = portal.package_show(name)
    if latest is None or latest.get("name") != name:
        return None
    version = latest.get("version")
    label = f"{portal.url}/dataset/{name}"
    if isinstance(version, str) and SEMVER.fullmatch(version):
        frozen = portal.package_show(version_dataset_name(name, version))
        if frozen is not None:
            return diff.portal_side(portal, name, version, workdir, f"{label}@{version}")
    return diff.portal_side(portal, name, None, workdir, label)


# --------------------------------------------------------------------------- the command


@dataclass(frozen=True)
class ReleaseResult:
    prepared: Prepared
    published: Published | None
    written: bool = True


def release(root: Path, *, portal: ckan.Portal | None = None, against: str | Path | None = None,
            bump: str = "auto", force: bool = False, org: str | None = None, publish_release: bool = True,
            dry_run: bool = False, today: str | None = None) -> ReleaseResult:
    """Release the built release in ``root``: decide, write, and (with a portal) publish.

    The previous release is ``against`` (a folder, datapackage.json or zip) or else the portal's.
    Every check runs before anything is written. Then the entry goes into ``RELEASES.md``, the
    release is rebuilt (taking its version from there) and the build is published. A publish that
    fails leaves the portal at the previous release, so a re-run decides the same version,
    replaces its own entry and converges. With ``dry_run`` nothing is written or published; without
    ``publish_release`` the portal (if any) is only read.
    """
    descriptor_path = pipeline.Layout(root).descriptor
    if against is None and portal is None:
        raise InputError("no previous release to compare with: pass --against PATH, or a portal "
                         "(--ckan-url or CKAN_URL)", path=descriptor_path)
    with diff.workspace() as work:
        if against is not None:
            prepared = prepare(root, diff.open_side(against, work), work, bump=bump, force=force, today=today)
        else:
            assert portal is not None
            name = str(json.loads(descriptor_path.read_text(encoding="utf-8")).get("name"))
            previous = _previous_from_portal(portal, name, work)
            prepared = prepare(root, previous, work, bump=bump, force=force, today=today)
    if dry_run:
        return ReleaseResult(prepared, None, written=False)
    write(prepared)
    published = _publish(root, portal, org) if portal is not None and publish_release else None
    return ReleaseResult(prepared, published)


def render(result: ReleaseResult) -> str:
    p = result.prepared
    if p.old_version is None:
        lines = [f"First release: {p.new_version} (nothing published before to compare with)."]
    else:
        verb = "Released" if result.written else "Would release"
        lines = [f"{verb} {p.new_version} ({p.bump}, from {p.old_version}).", ""]
        lines.append(f"Why {p.bump}: {_MEANING[p.bump]}.")
        assert p.decision is not None
        lines += [f"  {r.level:<5}  {r.where}: {r.text}" for r in p.decision.reasons]
    if result.written:
        lines += ["", f"Prepended the entry to {CHANGELOG_NAME} and rebuilt datapackage.json "
                  f"(version {p.new_version}, from {CHANGELOG_NAME}):"]
    else:
        lines += ["", f"Dry run: nothing written or published. The entry for {CHANGELOG_NAME} would be:"]
    lines += ["", p.entry.rstrip("\n")]
    if result.published is not None:
        lines += ["", f"Published: {result.published.latest_url} (latest, version {p.new_version})",
                  f"           {result.published.version_url} (this version, frozen)"]
    return "\n".join(lines) + "\n"
