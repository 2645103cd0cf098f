"""The ``datarelease`` command: one short function per command over one library call.

This is the one place where exceptions become exit codes (documented in the README):

0 success · 1 the data does not validate · 2 usage error or an unexpected failure ·
3 a steward-edited input is wrong · 4 the portal failed · 5 a download does not verify ·
6 a program the build needs (Graphviz's dot) is not installed ·
130 interrupted (Ctrl-C; 143 for SIGTERM)

An unexpected failure prints one line and saves the traceback (secrets taken out) in a file of
its own, mode 600, under the user's cache folder; ``datarelease --debug`` prints it as well.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from datarelease import validate
from datarelease.errors import DataReleaseError, InputError, ValidationFailed
from datarelease.progress import Progress

if TYPE_CHECKING:
    from datarelease import pipeline

F = TypeVar("F", bound=Callable[..., Any])

# Every stage but validate's light front (reports and renderers) is imported inside the commands
# that use it: extract pulls in BeautifulSoup, pipeline pyarrow, the portal, diff, DCAT and release
# stages requests, DuckDB, rdflib and pandas; `datarelease --help` and `validate` should not wait.


EXIT_UNEXPECTED = 2
EXIT_INTERRUPTED = 130


def _secrets(kwargs: dict[str, Any]) -> list[str]:
    values = [kwargs.get("api_token"), os.environ.get("CKAN_API_TOKEN")]
    return [v for v in values if isinstance(v, str) and len(v) >= 8]  # as ckan.MIN_REDACTED


def _redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "<token>")
    return text


def crash_folder() -> Path:
    """Where tracebacks of unexpected failures go: the user's cache folder, else the temp dir."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "datarelease" / "crashes"


def _save_traceback(text: str) -> Path | None:
    """Write ``text`` to a new file only the user may read; None when no folder takes it."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"crash-{stamp}-{os.getpid()}.txt"
    for folder in (crash_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return folder / name
    return None


def _unexpected(exc: BaseException, secrets: list[str]) -> NoReturn:
    """One line on stderr and the traceback in a file (printed too under --debug); exit 2."""
    text = _redact("".join(traceback.format_exception(exc)), secrets)
    saved = _save_traceback(text)
    if isinstance(exc, OSError) and exc.strerror:
        what = f"{exc.strerror}" + (f": {exc.filename}" if exc.filename else "")
    else:
        what = f"{type(exc).__name__}: {exc}"
    what = _redact(" ".join(what.split())[:300], secrets)
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().params.get("debug"):
        click.echo(text, err=True, nl=False)
    where = f"the traceback is in {saved}" if saved else "the traceback could not be saved"
    if isinstance(exc, OSError):  # the machine, not datarelease: a full disk, a read-only folder
        click.echo(f"Error: unexpected failure ({what}: an operating system error, e.g. a full "
                   f"disk or a folder that may not be written); {where}.", err=True)
    else:
        click.echo(f"Error: unexpected failure ({what}); {where}. Please report it (SECURITY.md "
                   "for anything security-related).", err=True)
    sys.exit(EXIT_UNEXPECTED)


def _reports_errors(command: F) -> F:
    """Turn library exceptions into ``Error: …`` on stderr and the documented exit code;
    anything unexpected into one line, a saved traceback and exit 2; Ctrl-C into exit 130."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        secrets = _secrets(kwargs)
        try:
            return command(*args, **kwargs)
        except ValidationFailed as exc:
            click.echo(validate.render(exc.report, "text"), nl=False)
            click.echo(_redact(f"Error: {exc}", secrets), err=True)
            sys.exit(exc.exit_code)
        except DataReleaseError as exc:
            click.echo(_redact(f"Error: {exc}", secrets), err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            _ignore_further_signals()
            click.echo("Interrupted: nothing was half-written (the work in progress was removed).",
                       err=True)
            _exit_interrupted()
        except Exception as exc:
            _unexpected(exc, secrets)

    return wrapper  # type: ignore[return-value]


def _read_token_file(path: str) -> str:
    try:
        token = Path(path).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.UsageError(f"cannot read the API token file {path}: "
                               f"{getattr(exc, 'strerror', None) or exc}") from None
    if not token or "\n" in token:
        raise click.UsageError(f"the API token file {path} must hold the token alone, on one line")
    return token


def portal_options(*, url: bool = True, token: bool = True,
                   url_help: str = "The CKAN portal.") -> Callable[[F], F]:
    """``--ckan-url`` ($CKAN_URL), ``--api-token`` ($CKAN_API_TOKEN), ``--api-token-file``
    ($CKAN_API_TOKEN_FILE) and ``--allow-insecure-http`` for a command that talks to a portal:
    the same names, environment variables and help everywhere (read at call time). The command
    gets ``api_token`` (from either source) and ``allow_insecure_http``."""

    def decorate(command: F) -> F:
        if token:
            inner = command

            @wraps(inner)
            def with_token(*args: Any, api_token_file: str | None = None, **kwargs: Any) -> Any:
                if api_token_file:
                    if kwargs.get("api_token"):
                        raise click.UsageError("give the API token once: --api-token "
                                               "($CKAN_API_TOKEN) or --api-token-file "
                                               "($CKAN_API_TOKEN_FILE), not both")
                    kwargs["api_token"] = _read_token_file(api_token_file)
                return inner(*args, **kwargs)

            command = click.option(
                "--allow-insecure-http", is_flag=True,
                help="Send the API token over plain http:// to a host that is not this machine "
                     "(refused by default: anyone on the way could read it).")(with_token)  # type: ignore[assignment]
            command = click.option(
                "--api-token-file", metavar="PATH", envvar="CKAN_API_TOKEN_FILE", show_envvar=True,
                help="Read the API token from this file (mode 600). Preferred over --api-token, "
                     "which other users of the machine can see in the process list.")(command)
            command = click.option(
                "--api-token", metavar="TOKEN", envvar="CKAN_API_TOKEN", show_envvar=True,
                help="A CKAN API token (private datasets and every write need one). It is never "
                     "printed.")(command)
        if url:
            command = click.option("--ckan-url", metavar="URL", envvar="CKAN_URL", show_envvar=True,
                                   help=url_help)(command)
        return command

    return decorate


def _terminated(signum: int, frame: Any) -> None:
    _ignore_further_signals()
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C: staging folders are removed


def _interrupted(signum: int, frame: Any) -> None:
    _ignore_further_signals()
    raise KeyboardInterrupt


def _exit_interrupted() -> NoReturn:
    """Exit 130 at once. The clean-up has run by now; leaving through the interpreter's shutdown
    would give a late KeyboardInterrupt (pyarrow re-raises the signal it intercepted during a read)
    the chance to turn exit 130 into death by SIGINT."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _ignore_further_signals() -> None:
    """Only the first signal counts. A second one (a second Ctrl-C, or the SIGINT that pyarrow
    re-sends to the main thread after cancelling a read) would otherwise arrive while the staging
    folders are being removed and kill the process by the signal instead of exit 130."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


class _Main(click.Group):
    """The command group; Ctrl-C outside a command's own handling still exits 130 (click's
    default would be "Aborted!" and exit 1, the code for invalid data)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _ignore_further_signals()
            click.echo("Interrupted.", err=True)
            _exit_interrupted()
        finally:
            # The outcome is decided and written: a signal during the interpreter's shutdown
            # (which restores the default handlers) would kill a finished run by the signal.
            _ignore_further_signals()


@click.group(cls=_Main)
@click.version_option(package_name="datarelease")
@click.option("--debug", is_flag=True, help="Print the traceback of an unexpected failure.")
def main(debug: bool) -> None:
    """Build, validate and publish open data releases as Frictionless Data Packages."""
    signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGINT, _interrupted)


@main.command()
@click.option("--root", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="The release repository (holds datasets/ and schemas/).")
@click.option("--check", is_flag=True,
              help="Do not write: exit 1 if the committed release differs from a fresh build.")
@click.option("--strict", is_flag=True,
              help="Fail (exit 3) when an annotation is still a draft (status: draft).")
@_reports_errors
def build(root: Path, check: bool, strict: bool) -> None:
    """Build the release from datasets/: extract, normalise, validate, package. Draft
    annotations (written by 'datarelease add', not yet reviewed) are left out and listed."""
    from datarelease import pipeline

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
@click.option("--engine", type=click.Choice(validate.ENGINES), default="auto", show_default=True,
              help="stream: each table read once in columnar batches; frictionless: the reference "
                   "engine; auto: frictionless for a package under 1 MB (it starts faster), stream "
                   "otherwise. All report the same findings.")
@click.option("--max-errors", type=click.IntRange(min=0), default=None, metavar="N",
              help="List at most N errors (every one is still counted, and the report says how "
                   "many are not listed). Without it, the first 1000 of each type and field.")
@click.option("--allow-remote", is_flag=True,
              help="Fetch resource paths, schemas, dialects and profiles given as URLs. Without it "
                   "nothing is fetched and each remote reference is an error.")
@click.option("--summary", "summary", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also append the report as Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY).")
@_reports_errors
def validate_command(path: Path | None, fmt: str, engine: str, max_errors: int | None,
                     allow_remote: bool, summary: Path | None) -> None:
    """Validate a Data Package (default: ./datapackage.json): a folder, a datapackage.json or
    .yaml descriptor, or a zip of a package; exit 1 if it has errors (warnings do not count)."""
    target = path or Path("datapackage.json")
    if not target.exists():  # a mistyped path is the caller's error (2), not invalid data (1)
        raise click.BadParameter(
            f"{target}: no such file or folder" + ("" if path else " (give the package's path)"),
            param_hint="PATH")
    sink = None
    if summary is not None:  # opened first: a summary that cannot be written is a usage error (2)
        try:
            sink = summary.open("a", encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"cannot write {summary}: {exc.strerror or exc}",
                                     param_hint="--summary") from exc
    try:
        report = validate.validate_release(target, engine=engine,
                                           allow_remote=allow_remote, max_errors=max_errors)
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
    from datarelease import extract

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
def diff_command(old: str, new: str, fmt: str, examples: int, api_token: str | None,
                 allow_insecure_http: bool) -> None:
    """What changed from release OLD to NEW: each a folder, datapackage.json, zip, or a dataset on
    a CKAN portal (https://portal/dataset/NAME, or NAME@VERSION for a released version)."""
    from datarelease import diff

    result = diff.diff_any(old, new, examples=examples, token=api_token,
                           allow_insecure_http=allow_insecure_http)
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
def publish_command(root: Path, ckan_url: str | None, api_token: str | None,
                    allow_insecure_http: bool, org: str | None, dry_run: bool, fmt: str,
                    no_datastore: bool, rate_limit: float | None, timeout: float) -> None:
    """Publish the release to a CKAN portal: print the plan, then apply it."""
    from datarelease import ckan, publish

    if not ckan_url:
        raise click.UsageError("no portal given: pass --ckan-url or set CKAN_URL")
    portal = ckan.Portal(ckan_url, api_token, timeout=timeout, rate_limit=rate_limit,
                         allow_insecure_http=allow_insecure_http)
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
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=3600.0,
              show_default=True, metavar="SECONDS",
              help="The most the whole download may take, however slowly the portal answers.")
@click.option("--max-file-bytes", type=click.IntRange(min=1), default=4 << 30, show_default=True,
              help="The most bytes accepted for a file whose size the descriptor does not give.")
@_reports_errors
def download_command(portal_url: str, dataset: str | None, to: Path, api_token: str | None,
                     allow_insecure_http: bool, version: str | None, timeout: float,
                     max_file_bytes: int) -> None:
    """Download a release (PORTAL_URL DATASET, or a dataset page URL), verify and re-validate it."""
    from datarelease import download

    click.echo(download.render(download.download(
        portal_url, dataset, to=to, token=api_token, version=version, timeout=timeout,
        max_file_bytes=max_file_bytes, allow_insecure_http=allow_insecure_http)))


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
                 api_token: str | None, allow_insecure_http: bool) -> None:
    """Print the DCAT-AP record of a release (PATH: its folder); exit 1 if it violates the
    DCAT-AP 3 shapes."""
    from datarelease import ckan, dcat

    if not published:
        click.echo(dcat.record(path, profile=profile, fmt=fmt), nl=False)
        return
    if not ckan_url:
        raise click.UsageError("--published needs a portal: pass --ckan-url or set CKAN_URL")
    portal = ckan.Portal(ckan_url, api_token, allow_insecure_http=allow_insecure_http)
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
                    api_token: str | None, allow_insecure_http: bool, org: str | None,
                    no_publish: bool, dry_run: bool) -> None:
    """Release the built release: decide the semantic version from the diff against the last
    published release, prepend a changelog entry to RELEASES.md, rebuild, and publish."""
    from datarelease import ckan, release

    portal = (ckan.Portal(ckan_url, api_token, allow_insecure_http=allow_insecure_http)
              if ckan_url else None)
    click.echo(release.render(release.release(
        root, portal=portal, against=against, bump=bump, force=force, org=org,
        publish_release=not no_publish, dry_run=dry_run)), nl=False)
