"""The ``datarelease`` command: one short function per command over one library call.

This is the one place where exceptions become exit codes (documented in the README):

0 success · 1 the data does not validate · 2 usage error or an unexpected failure ·
3 a steward-edited input is wrong · 4 the portal failed · 5 a download does not verify ·
6 a program the build needs (Graphviz's dot) is not installed
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from datarelease import extract, pipeline, validate
from datarelease.errors import DataReleaseError, InputError, ValidationFailed
from datarelease.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])

# The portal, diff, DCAT and release stages are imported inside their commands: they pull in
# requests, DuckDB, rdflib and pandas, and `datarelease validate` should not wait for them.


def _reports_errors(command: F) -> F:
    """Turn library exceptions into ``Error: …`` on stderr and the documented exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ValidationFailed as exc:
            click.echo(validate.render(exc.report, "text"), nl=False)
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except DataReleaseError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]


def portal_options(*, url: bool = True, token: bool = True,
                   url_help: str = "The CKAN portal.") -> Callable[[F], F]:
    """``--ckan-url`` ($CKAN_URL) and ``--api-token`` ($CKAN_API_TOKEN) for a command that talks to a
    portal: the same names, environment variables and help everywhere (read at call time)."""

    def decorate(command: F) -> F:
        if token:
            command = click.option(
                "--api-token", metavar="TOKEN", envvar="CKAN_API_TOKEN", show_envvar=True,
                help="A CKAN API token (private datasets and every write need one). It is never "
                     "printed.")(command)
        if url:
            command = click.option("--ckan-url", metavar="URL", envvar="CKAN_URL", show_envvar=True,
                                   help=url_help)(command)
        return command

    return decorate


@click.group()
@click.version_option(package_name="datarelease")
def main() -> None:
    """Build, validate and publish open data releases as Frictionless Data Packages."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The release repository (holds datasets/ and schemas/).")
@click.option("--check", is_flag=True,
              help="Do not write: exit 1 if the committed release differs from a fresh build.")
@click.option("--strict", is_flag=True,
              help="Fail (exit 3) when an annotation is still a draft (status: draft).")
@_reports_errors
def build(root: Path, check: bool, strict: bool) -> None:
    """Build the release from datasets/: extract, normalise, validate, package. Draft
    annotations (written by 'datarelease add', not yet reviewed) are left out and listed."""
    drafts = pipeline.drafts(pipeline.Layout(root))
    if drafts:
        listed = ", ".join(path.name for path in drafts)
        noun = "draft" if len(drafts) == 1 else "drafts"
        if strict:
            raise InputError(f"{len(drafts)} {noun} not reviewed: {listed} (review each, then "
                             "remove its 'status: draft' line)", path=root / "datasets" / "annotations")
        click.echo(f"{len(drafts)} {noun} not released: {listed}", err=True)
    if check:
        differ = pipeline.check_release(root)
        for name in differ:
            click.echo(f"differs: {name}")
        if differ:
            click.echo(f"Error: the committed release is not what {root / 'datasets'} builds; "
                       "run 'datarelease build' and commit the result", err=True)
            sys.exit(1)
        click.echo("The committed release equals a fresh build.")
        return
    result = pipeline.build(root)
    click.echo(_build_summary(result))


def _build_summary(result: pipeline.BuildResult) -> str:
    sizes = {f.path: f.bytes for f in result.files}
    lines = [f"Built {result.descriptor}", "",
             f"{'table':<32}{'rows':>6}{'csv bytes':>11}{'parquet bytes':>15}"]
    for table, rows in result.tables.items():
        csv_bytes = sizes[f"publish/{table}.csv"]
        parquet_bytes = sizes[f"publish/{table}.parquet"]
        lines.append(f"{table:<32}{rows:>6}{csv_bytes:>11}{parquet_bytes:>15}")
    tables = {f"publish/{t}.{ext}" for t in result.tables for ext in ("csv", "parquet")}
    others = [f for f in result.files if f.path not in tables]
    if others:
        lines += ["", f"{'file':<32}{'bytes':>17}"]
        lines += [f"{f.path:<32}{f.bytes:>17}" for f in others]
    lines += ["", f"Valid: {len(result.report.resources)} resources, 0 errors."]
    return "\n".join(lines)


@main.command(name="validate")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=None)
@click.option("--format", "fmt", type=click.Choice(validate.FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--engine", type=click.Choice(validate.ENGINES), default="stream", show_default=True,
              help="stream: each table read once in columnar batches; frictionless: the reference "
                   "engine. Both report the same findings.")
@click.option("--allow-remote", is_flag=True,
              help="Fetch resource paths, schemas, dialects and profiles given as URLs. Without it "
                   "nothing is fetched and each remote reference is an error.")
@click.option("--summary", "summary", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also append the report as Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY).")
@_reports_errors
def validate_command(path: Path | None, fmt: str, engine: str, allow_remote: bool,
                     summary: Path | None) -> None:
    """Validate a Data Package (default: ./datapackage.json): a folder, a datapackage.json or
    .yaml descriptor, or a zip of a package; exit 1 if it has errors (warnings do not count)."""
    sink = None
    if summary is not None:  # opened first: a summary that cannot be written is a usage error (2)
        try:
            sink = summary.open("a", encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot write {summary}: {exc.strerror or exc}",
                                     param_hint="--summary") from exc
    try:
        report = validate.validate_release(path or Path("datapackage.json"), engine=engine,
                                           allow_remote=allow_remote)
        click.echo(validate.render(report, fmt), nl=False)
        if sink is not None:
            sink.write(validate.render(report, "markdown"))
    finally:
        if sink is not None:
            sink.close()
    if not report.valid:
        sys.exit(1)


@main.command(name="extract")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json",
              show_default=True)
@_reports_errors
def extract_command(source: Path, fmt: str) -> None:
    """Print what is extracted from one source document."""
    record = extract.read_source(source)
    data = extract.record_to_dict(record)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for key in ("title", "published", "content_type", "content_label", "language", "lede"):
        click.echo(f"{key}: {data[key]}")
    click.echo(f"lists: {len(data['lists'])}, contacts: {len(data['contacts'])}, "
               f"links: {len(data['links'])}")


@main.command(name="add")
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The release repository (holds datasets/).")
@click.option("--publisher", metavar="ORG_ID",
              help="The publisher of the sources (a registry id); default: from the page or the "
                   "file name.")
@click.option("--stdout", is_flag=True,
              help="Print the drafts (one YAML document per source) and write nothing.")
@_reports_errors
def add_command(sources: tuple[Path, ...], root: Path, publisher: str | None, stdout: bool) -> None:
    """Copy SOURCE files into datasets/sources/ and write a draft annotation for each
    (status: draft) for a steward to review. Never writes datasets/organisations.yaml."""
    from datarelease import draft

    results = draft.add(list(sources), root, publisher=publisher, stdout=stdout)
    if stdout:
        click.echo("---\n".join(result.text for result in results), nl=False)
        return
    for result in results:
        copied = "copied" if result.copied else "already there"
        written = (f", {result.annotation.relative_to(root)}" if result.annotation else "")
        click.echo(f"{result.source.relative_to(root)} ({copied}){written}: {result.note}")


@main.command(name="diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--examples", type=click.IntRange(min=0), default=5, show_default=True,
              help="Example rows shown per table for each of added, removed and changed.")
@portal_options(url=False)
@_reports_errors
def diff_command(old: str, new: str, fmt: str, examples: int, api_token: str | None) -> None:
    """What changed from release OLD to NEW: each a folder, datapackage.json, zip, or a dataset on
    a CKAN portal (https://portal/dataset/NAME, or NAME@VERSION for a released version)."""
    from datarelease import diff

    result = diff.diff_any(old, new, examples=examples, token=api_token)
    click.echo(diff.render(result, fmt), nl=False)


@main.command(name="publish")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The release repository (holds datapackage.json).")
@portal_options()
@click.option("--org", metavar="NAME",
              help="The organisation that owns the dataset; created when missing and the token may.")
@click.option("--dry-run", is_flag=True, help="Print the plan and change nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format (json: the plan and a summary of calls and bytes).")
@click.option("--no-datastore", is_flag=True, help="Do not load the tables into CKAN's DataStore.")
@click.option("--rate-limit", type=click.FloatRange(min=0, min_open=True), metavar="CALLS_PER_SECOND",
              help="At most this many portal calls per second.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds to wait for each portal call.")
@_reports_errors
def publish_command(root: Path, ckan_url: str | None, api_token: str | None, org: str | None,
                    dry_run: bool, fmt: str, no_datastore: bool, rate_limit: float | None,
                    timeout: float) -> None:
    """Publish the release to a CKAN portal: print the plan, then apply it."""
    from datarelease import ckan, publish

    if not ckan_url:
        raise click.UsageError("no portal given: pass --ckan-url or set CKAN_URL")
    portal = ckan.Portal(ckan_url, api_token, timeout=timeout, rate_limit=rate_limit)
    plan = publish.plan(root, portal, org=org, datastore=not no_datastore)
    if fmt == "text":
        click.echo(publish.render_plan(plan))
    progress = Progress.create(None if fmt == "text" else False, unit="bytes")
    summary = None if dry_run else publish.apply(plan, portal, progress=progress)
    if fmt == "json":
        click.echo(publish.render_json(plan, summary, dry_run=dry_run))
    elif summary is not None:
        click.echo(publish.render_summary(summary))


@main.command(name="download")
@click.argument("portal_url")
@click.argument("dataset", required=False)
@click.option("--to", "to", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to download into; left as it was when anything does not verify.")
@portal_options(url=False)
@click.option("--version", metavar="X.Y.Z",
              help="An earlier released version (its frozen dataset NAME-vX-Y-Z); default: the "
                   "latest. DATASET@X.Y.Z says the same.")
@_reports_errors
def download_command(portal_url: str, dataset: str | None, to: Path, api_token: str | None,
                     version: str | None) -> None:
    """Download a release (PORTAL_URL DATASET, or a dataset page URL), verify and re-validate it."""
    from datarelease import download

    click.echo(download.render(download.download(portal_url, dataset, to=to, token=api_token,
                                                 version=version)))


@main.command(name="dcat")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option("--profile", type=click.Choice(["dcat-ap-3", "dcat-ap-se"]), default="dcat-ap-3",
              show_default=True, help="DCAT-AP 3, or its Swedish profile (needs the publisher's type).")
@click.option("--format", "fmt", type=click.Choice(["ttl", "jsonld", "xml"]), default="ttl",
              show_default=True, help="RDF serialisation.")
@click.option("--published", is_flag=True,
              help="Describe the release as published on the portal ($CKAN_URL or --ckan-url): its "
                   "URIs, download URLs, dates and latest changelog entry.")
@portal_options(url_help="The CKAN portal for --published.")
@_reports_errors
def dcat_command(path: Path, profile: str, fmt: str, published: bool, ckan_url: str | None,
                 api_token: str | None) -> None:
    """Print the DCAT-AP record of a release (PATH: its folder); exit 1 if it violates the
    DCAT-AP 3 shapes."""
    from datarelease import ckan, dcat

    if not published:
        click.echo(dcat.record(path, profile=profile, fmt=fmt), nl=False)
        return
    if not ckan_url:
        raise click.UsageError("--published needs a portal: pass --ckan-url or set CKAN_URL")
    portal = ckan.Portal(ckan_url, api_token)
    click.echo(dcat.portal_dcat(path, portal, profile=profile, fmt=fmt), nl=False)


@main.command(name="release")
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The release repository (holds datasets/ and datapackage.json).")
@click.option("--bump", type=click.Choice(["auto", "major", "minor", "patch"]), default="auto",
              show_default=True, help="The version bump; auto decides it from the diff.")
@click.option("--force", is_flag=True, help="Release even when --bump is smaller than the diff needs.")
@click.option("--against", metavar="OLD",
              help="The previous release (folder, datapackage.json or zip); default: the portal's.")
@portal_options()
@click.option("--org", metavar="NAME", help="The organisation of a dataset published for the first time.")
@click.option("--no-publish", is_flag=True, help="Write the changelog entry and rebuild; publish nothing.")
@click.option("--dry-run", is_flag=True, help="Decide and print; write and publish nothing.")
@_reports_errors
def release_command(root: Path, bump: str, force: bool, against: str | None, ckan_url: str | None,
                    api_token: str | None, org: str | None, no_publish: bool, dry_run: bool) -> None:
    """Release the built release: decide the semantic version from the diff against the last
    published release, prepend a changelog entry to RELEASES.md, rebuild, and publish."""
    from datarelease import ckan, release

    portal = ckan.Portal(ckan_url, api_token) if ckan_url else None
    click.echo(release.render(release.release(
        root, portal=portal, against=against, bump=bump, force=force, org=org,
        publish_release=not no_publish, dry_run=dry_run)), nl=False)
