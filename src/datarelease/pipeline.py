"""The order of the stages: the only module that knows it.

``datasets/`` ─▶ extract ─▶ normalise ─▶ package (staged) ─▶ validate ─▶ commit

``RELEASES.md`` at the root (written only by ``datarelease release``) is read too: its newest
entry is the dataset's version, and the file itself is a resource of the release (``changelog``).
Without it the version is ``datasets/dataset.yaml``'s. The organisation network is drawn from the
normalised tables (:mod:`datarelease.network`) and packaged as the resource ``organisation_network``.
"""

from __future__ import annotations

import csv
import datetime as dt
import filecmp
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from datarelease import extract, network, normalise, package, validate
from datarelease.errors import AnnotationError, InputError, SourceError, ValidationFailed
from datarelease.versions import RELEASE_LOG

__all__ = [
    "NETWORK_RESOURCE", "BuildResult", "Layout", "build", "check_release", "collect_sources",
    "network_figure", "source_date",
]


@dataclass(frozen=True)
class Layout:
    """Where a release repository keeps its inputs and outputs."""

    root: Path

    @property
    def datasets(self) -> Path:
        return self.root / "datasets"

    @property
    def sources(self) -> Path:
        return self.datasets / "sources"

    @property
    def annotations(self) -> Path:
        return self.datasets / "annotations"

    @property
    def registry(self) -> Path:
        return self.datasets / "organisations.yaml"

    @property
    def metadata(self) -> Path:
        return self.datasets / "dataset.yaml"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def descriptor(self) -> Path:
        return self.root / "datapackage.json"

    @property
    def release_log(self) -> Path:
        """``RELEASES.md``: the release notes, and the source of the version once it exists."""
        return self.root / RELEASE_LOG


@dataclass(frozen=True)
class BuildResult:
    descriptor: Path
    tables: dict[str, int]
    files: tuple[package.FileInfo, ...]
    report: validate.Report


def source_date() -> str | None:
    """``SOURCE_DATE_EPOCH`` as an ISO 8601 UTC timestamp, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except ValueError as exc:
        raise SourceError(f"SOURCE_DATE_EPOCH must be whole seconds, got {epoch!r}") from exc
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def collect_sources(layout: Layout) -> list[normalise.Source]:
    """Every annotated source document, extracted; a source without annotation is an error.
    Draft annotations (``status: draft``) and their sources are left out: not reviewed yet."""
    annotation_files = sorted(layout.annotations.glob("*.yaml"))
    statuses = {path: normalise.annotation_status(path) for path in annotation_files}
    annotations = [normalise.load_annotation(path) for path, (status, _) in statuses.items()
                   if status != "draft"]
    annotated = {a.source_file for a in annotations} | {
        file for status, file in statuses.values() if status == "draft" and file}
    for path in sorted(p for p in layout.sources.iterdir() if p.is_file()):
        if path.name not in annotated and not path.name.startswith("."):
            raise AnnotationError(
                "source has no annotation file (datasets/annotations/*.yaml naming it as "
                "source.file), so its publisher and rights are unknown", path=path)
    sources = []
    for annotation in annotations:
        path = source_path(layout, annotation)
        data = extract.read_source_bytes(path)  # at most MAX_SOURCE_BYTES, else exit 3
        sources.append(normalise.Source(
            record=extract.read_source(path),
            text=extract.decode_source(data, path),
            sha256=hashlib.sha256(data).hexdigest(),
            annotation=annotation,
        ))
    return sources


def _check_layout(layout: Layout) -> None:
    """The folders a build reads, named when one is missing (exit 3, not a traceback)."""
    for folder, holds in ((layout.sources, "the source documents"),
                          (layout.annotations, "one annotation file per source"),
                          (layout.schemas, "one Table Schema per table")):
        if not folder.is_dir():
            raise InputError(f"no such folder: the build needs it ({holds})", path=folder)


def source_path(layout: Layout, annotation: normalise.Annotation) -> Path:
    """The annotation's source file, refused when it is missing or leads out of ``datasets/``
    (a symlink to elsewhere): a release is built from its repository and nothing else."""
    path = layout.sources / annotation.source_file
    if not path.is_file():
        raise AnnotationError(f"source.file '{annotation.source_file}' not found in "
                              "datasets/sources/", path=annotation.path)
    try:
        path.resolve(strict=True).relative_to(layout.datasets.resolve(strict=True))
    except (OSError, ValueError):
        raise AnnotationError(f"source.file '{annotation.source_file}' leads out of datasets/ "
                              "(a symbolic link to elsewhere): copy the file into "
                              "datasets/sources/ instead", path=annotation.path) from None
    return path


def drafts(layout: Layout) -> list[Path]:
    """Annotations still marked ``status: draft``: written by ``datarelease add``, not reviewed."""
    if not layout.annotations.is_dir():
        return []
    return [path for path in sorted(layout.annotations.glob("*.yaml"))
            if normalise.annotation_status(path)[0] == "draft"]


def _stage(layout: Layout) -> package.StagedRelease:
    package.recover_release(layout.root)  # a killed build's half-done switch, before anything else
    _check_layout(layout)
    sources = collect_sources(layout)
    organisations = normalise.load_registry(layout.registry)
    contacts = normalise.include_contacts(layout.metadata)
    tables = normalise.normalise(sources, organisations, include_contacts=contacts)
    release_log = layout.release_log if layout.release_log.is_file() else None
    metadata = normalise.load_metadata(layout.metadata, [s.annotation for s in sources],
                                       created=source_date(), release_log=release_log)
    return package.stage_release(tables, metadata, root=layout.root, schemas_dir=layout.schemas,
                                 release_log=release_log, figures=[network_figure(tables)])


NETWORK_RESOURCE = "organisation_network"


def network_figure(tables: normalise.Tables) -> package.Figure:
    """The organisations and their relationships as an SVG (Graphviz lays it out)."""
    svg = network.render_svg(tables.get("organisations", []),
                             tables.get("organisation_relationships", []))
    return package.Figure(
        name=NETWORK_RESOURCE, content=svg, format="svg", mediatype=network.MEDIATYPE,
        title="Organisation network (SVG)",
        description="The organisations that take part in a relationship and how they relate "
                    "(organisation_relationships), laid out by Graphviz: each edge shows its "
                    "predicate and a number; the legend gives each relationship's evidence and "
                    "source, and so does the edge's tooltip.")


def _table_rows(staged: package.StagedRelease) -> dict[str, int]:
    """Records per CSV table (a cell may hold line breaks, so lines are not rows)."""
    rows = {}
    for resource in staged.descriptor["resources"]:
        if resource["format"] == "csv":
            with (staged.staging / resource["path"]).open(encoding="utf-8", newline="") as handle:
                rows[resource["name"]] = sum(1 for _ in csv.reader(handle)) - 1
    return rows


def build(root: Path, *, engine: str = "stream",
          step: Callable[[str], None] | None = None) -> BuildResult:
    """Build, validate and (only if valid) write the release into ``root``.

    Raises :class:`ValidationFailed` with the report when the new release does not validate; the
    previous ``publish/`` and ``datapackage.json`` are then left exactly as they were. A build
    that was killed while switching releases is rolled back first
    (:func:`datarelease.package.recover_release`). ``engine`` validates (see
    :func:`datarelease.validate.validate_release`). ``step`` (for tests) is called with
    ``"staged"``, ``"validated"`` and each of :data:`datarelease.package.COMMIT_STEPS`.
    """
    layout = Layout(root)
    hook = step or (lambda name: None)
    staged = _stage(layout)
    try:
        hook("staged")
        report = validate.validate_release(staged.staging / "datapackage.json", engine=engine)
        if not report.valid:
            raise ValidationFailed(
                f"the release built from {layout.datasets} does not validate "
                f"({len(report.findings)} errors); nothing was written", report)
        rows = _table_rows(staged)
        hook("validated")
    except BaseException:
        package.discard_release(staged)
        raise
    package.commit_release(staged, step=step)
    return BuildResult(layout.descriptor, rows, staged.files, report)


def check_release(root: Path) -> list[str]:
    """Files of the committed release that differ from a fresh build (empty: identical)."""
    layout = Layout(root)
    staged = _stage(layout)
    try:
        differ = []
        names = ["datapackage.json", *(f.path for f in staged.files)]
        for name in names:
            committed = root / name
            if not committed.is_file() or not filecmp.cmp(committed, staged.staging / name,
                                                          shallow=False):
                differ.append(name)
        publish = root / "publish"
        built = {f.path for f in staged.files}
        if publish.is_dir():
            differ += sorted(f"publish/{p.name}" for p in publish.iterdir()
                             if f"publish/{p.name}" not in built)
        return differ
    finally:
        package.discard_release(staged)
