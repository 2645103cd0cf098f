"""One line for external developers: a published release as typed DataFrames, or in DuckDB.

::

    import datarelease
    tables = datarelease.load("https://portal.example/dataset/roads@1.2.0")   # {table: DataFrame}
    con = datarelease.connect("https://portal.example/dataset/roads")       # every table a view
    con.sql("SELECT count(*) FROM organisations")

A dataset URL is downloaded with :func:`datarelease.download.download` (every file checked against
the descriptor's bytes and sha256, the release re-validated) into a per-user cache, then read from
there; a local folder (or its ``datapackage.json``) is read in place, as
:func:`datarelease.download.load` reads it.

The cache (:func:`default_cache_dir`: ``$DATARELEASE_CACHE_DIR``, else
``$XDG_CACHE_HOME/datarelease/releases``, else ``~/.cache/datarelease/releases``)::

    blobs/ab/abcdef…        every file once, named by its sha256 (read-only)
    trees/<id>/…            a release as a folder of hard links to blobs (id: sha256 of its file list)
    trees/<id>.json         that file list: path, bytes, sha256
    refs/<key>.json         what a dataset URL gave last: the portal's fingerprint, the tree, last use
    locks/, .lock           file locks

When the portal is asked:

- ``…/dataset/NAME@X.Y.Z``, cached: **never** (zero requests). A released version is a frozen
  dataset that ``datarelease release`` never changes; ``refresh=True`` asks anyway.
- ``…/dataset/NAME``, cached: **one** ``package_show``. Its fingerprint (the sha256 that publish
  records for ``datapackage.json``, and the Table Schemas carried on the resources; for a dataset
  datarelease did not publish, CKAN's modification time and each resource's URL, size and hash) is
  compared with the cached one: equal means nothing changed, and no file is downloaded.
- Otherwise: that ``package_show`` plus the download (which asks again, and fetches every file,
  even those the cache already holds from another release: they are then stored once; fetching
  only the missing ones would mean re-doing :func:`datarelease.download.download`'s checks here).

Cached files are hashed again before they are used (``verify=False`` skips that); a release whose
files no longer match is dropped and downloaded again.

Concurrency: a lock per dataset URL makes concurrent calls for one dataset wait for one download
rather than each making its own; a cache-wide lock (shared while reading, exclusive while adding or
evicting) keeps files from being removed while they are read. Files are downloaded into a
temporary folder and renamed into place, so a call that dies leaves nothing half-written. Locks
are waited for at most ``lock_timeout`` seconds.

Bound: after adding a release the cache evicts the least recently used releases until its files
take at most ``max_bytes`` (default 2 GiB, ``$DATARELEASE_CACHE_MAX_BYTES``); the release just
loaded is kept even when it alone is larger. A :func:`connect` connection (and a :func:`fetch`
folder) reads the cached files whenever it is queried: should another process evict them
meanwhile, the queries fail (give long-lived connections a cache of their own or a larger bound).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import requests

from datarelease import download
from datarelease.ckan import Portal
from datarelease.errors import DataReleaseError, PortalError
from datarelease.versions import version_dataset_name

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = [
    "DEFAULT_MAX_BYTES", "Cache", "connect", "default_cache_dir", "fetch", "load", "snippet",
]

DEFAULT_MAX_BYTES = 2 << 30
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds: another process may be downloading the same release
_DESCRIPTOR = download.DESCRIPTOR_NAME  # also the datarelease_name publish gives its CKAN resource
_CHUNK = 1 << 20


def default_cache_dir() -> Path:
    """``$DATARELEASE_CACHE_DIR``, else ``$XDG_CACHE_HOME/datarelease/releases``, else
    ``~/.cache/datarelease/releases``."""
    named = os.environ.get("DATARELEASE_CACHE_DIR")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "datarelease" / "releases"


def _default_max_bytes() -> int:
    named = os.environ.get("DATARELEASE_CACHE_MAX_BYTES")
    if not named:
        return DEFAULT_MAX_BYTES
    try:
        return int(named)
    except ValueError:
        raise DataReleaseError(f"DATARELEASE_CACHE_MAX_BYTES must be a whole number of bytes, "
                               f"got {named!r}") from None


# --------------------------------------------------------------------------- small pieces


@contextlib.contextmanager
def _locked(path: Path, *, shared: bool = False, timeout: float) -> Iterator[None]:
    """An advisory file lock, waited for at most ``timeout`` seconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        deadline = time.monotonic() + timeout
        mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
        while True:
            try:
                fcntl.flock(handle, mode)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise DataReleaseError(f"the cache lock {path} is held by another process for "
                                           f"more than {timeout:g} s; try again later") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_json(path: Path, data: Any) -> None:
    """Write a small JSON file atomically (a temporary name, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, sort_keys=True)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _inside(path: str) -> bool:
    """A manifest path that stays inside its tree (the manifest is a file on disk, so check)."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and ".." not in parts and "\\" not in path


def _fingerprint(dataset: Mapping[str, Any]) -> str:
    """What says whether a dataset on the portal changed (see the module docstring)."""
    resources = [r for r in dataset.get("resources") or [] if r.get("state", "active") == "active"]
    entries = [r for r in resources if r.get("datarelease_name") == _DESCRIPTOR]
    basis: dict[str, Any]
    if len(entries) == 1 and entries[0].get("datarelease_sha256"):
        basis = {"descriptor": entries[0]["datarelease_sha256"],
                 "schemas": sorted(json.dumps(r.get("schema"), sort_keys=True, default=str)
                                   for r in resources if r.get("schema"))}
    else:
        basis = {"id": dataset.get("id"), "modified": dataset.get("metadata_modified"),
                 "resources": [[r.get(k) for k in ("id", "url", "size", "hash", "last_modified",
                                                   "metadata_modified")] for r in resources]}
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()


# --------------------------------------------------------------------------- the cache


@dataclass(frozen=True)
class Cache:
    """The on-disk cache (layout in the module docstring)."""

    root: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def trees(self) -> Path:
        return self.root / "trees"

    @property
    def refs(self) -> Path:
        return self.root / "refs"

    def blob(self, sha256: str) -> Path:
        return self.blobs / sha256[:2] / sha256

    def shared(self) -> contextlib.AbstractContextManager[None]:
        return _locked(self.root / ".lock", shared=True, timeout=self.lock_timeout)

    def exclusive(self) -> contextlib.AbstractContextManager[None]:
        return _locked(self.root / ".lock", timeout=self.lock_timeout)

    def dataset_lock(self, key: str) -> contextlib.AbstractContextManager[None]:
        return _locked(self.root / "locks" / f"{key}.lock", timeout=self.lock_timeout)

    # -- refs and trees -------------------------------------------------------------------------

    def ref(self, key: str) -> dict[str, Any] | None:
        found = _read_json(self.refs / f"{key}.json")
        return found if isinstance(found, dict) and isinstance(found.get("tree"), str) else None

    def manifest(self, tree: str) -> list[dict[str, Any]] | None:
        found = _read_json(self.trees / f"{tree}.json")
        if not isinstance(found, list):
            return None
        ok = all(isinstance(f, dict) and isinstance(f.get("path"), str) and _inside(f["path"])
                 and isinstance(f.get("sha256"), str) and isinstance(f.get("bytes"), int) for f in found)
        return found if ok else None

    def intact(self, tree: str, *, verify: bool) -> bool:
        """The tree is there and every file has its size (and, with ``verify``, its sha256)."""
        files = self.manifest(tree)
        folder = self.trees / tree
        if files is None or not folder.is_dir():
            return False
        for entry in files:
            path = folder / entry["path"]
            if not path.is_file() or path.stat().st_size != entry["bytes"]:
                return False
            if verify and _sha256(path) != entry["sha256"]:
                return False
        return True

    def touch(self, key: str, ref: Mapping[str, Any]) -> None:
        _write_json(self.refs / f"{key}.json", {**ref, "used": time.time()})

    def drop(self, tree: str) -> None:
        """Remove a tree that failed its check, and any of its blobs whose bytes are wrong."""
        with self.exclusive():
            for entry in self.manifest(tree) or []:
                blob = self.blob(entry["sha256"])
                if blob.is_file() and (blob.stat().st_size != entry["bytes"]
                                       or _sha256(blob) != entry["sha256"]):
                    blob.unlink()
            shutil.rmtree(self.trees / tree, ignore_errors=True)
            (self.trees / f"{tree}.json").unlink(missing_ok=True)

    # -- adding a release --------------------------------------------------------------------------

    def add(self, key: str, url: str, fingerprint: str, folder: Path,
            files: tuple[download.DownloadedFile, ...]) -> str:
        """Move a downloaded release into the cache; point ``key`` at it; evict. Its tree id."""
        manifest: list[dict[str, Any]] = [{"path": f.path, "bytes": f.bytes, "sha256": f.sha256}
                                          for f in sorted(files, key=lambda f: f.path)]
        tree = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()
        with self.exclusive():
            for entry in manifest:
                blob = self.blob(entry["sha256"])
                if not blob.is_file():
                    blob.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(folder / entry["path"], blob)
                    blob.chmod(0o444)
            if not self.intact(tree, verify=False):
                self._link_tree(tree, manifest)
            _write_json(self.trees / f"{tree}.json", manifest)
            _write_json(self.refs / f"{key}.json",
                        {"url": url, "fingerprint": fingerprint, "tree": tree, "used": time.time()})
            self._evict(keep=key)
        return tree

    def _link_tree(self, tree: str, manifest: list[dict[str, Any]]) -> None:
        self.trees.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.trees))
        try:
            for entry in manifest:
                target = building / entry["path"]
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(self.blob(entry["sha256"]), target)
                except OSError:  # a file system without hard links: a copy
                    shutil.copyfile(self.blob(entry["sha256"]), target)
            shutil.rmtree(self.trees / tree, ignore_errors=True)
            os.replace(building, self.trees / tree)
        finally:
            shutil.rmtree(building, ignore_errors=True)

    # -- the bound ---------------------------------------------------------------------------------

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.blobs.glob("*/*") if p.is_file())

    def _evict(self, *, keep: str) -> None:
        """Least recently used releases go until the blobs fit ``max_bytes`` (caller holds the lock);
        trees and blobs nothing points to go too."""
        refs: dict[str, dict[str, Any]] = {}
        for path in self.refs.glob("*.json"):
            ref = self.ref(path.stem)
            if ref is None:
                path.unlink(missing_ok=True)
            else:
                refs[path.stem] = ref
        self._sweep_scratch()
        oldest = sorted((k for k in refs if k != keep), key=lambda k: float(refs[k].get("used", 0)))
        while True:
            self._collect({str(r["tree"]) for r in refs.values()})
            if self.size() <= self.max_bytes or not oldest:
                return
            key = oldest.pop(0)
            (self.refs / f"{key}.json").unlink(missing_ok=True)
            del refs[key]

    def _sweep_scratch(self) -> None:
        """Download folders of calls that died (a live download is never a day old)."""
        limit = time.time() - 86400
        for folder in (self.root / "tmp").glob("download-*"):
            with contextlib.suppress(OSError):
                if folder.stat().st_mtime < limit:
                    shutil.rmtree(folder, ignore_errors=True)

    def _collect(self, live_trees: set[str]) -> None:
        live_blobs: set[str] = set()
        for manifest in self.trees.glob("*.json"):
            tree = manifest.stem
            files = self.manifest(tree)
            if tree not in live_trees or files is None:
                shutil.rmtree(self.trees / tree, ignore_errors=True)
                manifest.unlink(missing_ok=True)
            else:
                live_blobs |= {f["sha256"] for f in files}
        for folder in self.trees.iterdir() if self.trees.is_dir() else []:
            if folder.is_dir() and not folder.name.startswith(".") and folder.name not in live_trees:
                shutil.rmtree(folder, ignore_errors=True)
        for blob in self.blobs.glob("*/*"):
            if blob.name not in live_blobs:
                blob.unlink(missing_ok=True)


def _cache(cache_dir: Path | str | None, max_bytes: int | None) -> Cache:
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    if not root.exists():  # private datasets may be cached: readable by this user only
        root.mkdir(parents=True, exist_ok=True, mode=0o700)  # exist_ok: a concurrent call
    elif not root.is_dir():
        raise DataReleaseError(f"the cache {root} is a file, not a folder")
    return Cache(root, max_bytes if max_bytes is not None else _default_max_bytes())


# --------------------------------------------------------------------------- fetching a release


def _is_url(source: str | os.PathLike[str]) -> bool:
    return isinstance(source, str) and source.startswith(("http://", "https://"))


@contextlib.contextmanager
def _release(url: str, cache: Cache, *, token: str | None, refresh: bool, verify: bool,
             allow_insecure_http: bool = False) -> Iterator[Path]:
    """The cached folder of the release at ``url``, held under the shared lock while in use."""
    portal_url, name, version = download.parse_dataset_url(url)
    on_portal = version_dataset_name(name, version) if version else name
    key = hashlib.sha256(f"{portal_url}\n{name}\n{version or ''}".encode()).hexdigest()[:32]
    with cache.dataset_lock(key):
        ref = cache.ref(key)
        fingerprint = None
        if ref is None or version is None or refresh:  # a cached pinned version needs no request
            with requests.Session() as session:
                dataset = Portal(portal_url, token, session=session,
                                 allow_insecure_http=allow_insecure_http).package_show(on_portal)
            if dataset is None:
                what = f"version {version} of dataset {name!r}" if version else f"dataset {name!r}"
                raise PortalError(f"{portal_url} has no {what} (no dataset {on_portal!r}, or it is "
                                  "private and no token with access to it was given)")
            fingerprint = _fingerprint(dataset)
        tree = None
        if ref is not None and (fingerprint is None or fingerprint == ref.get("fingerprint")):
            tree = str(ref["tree"])
        if fingerprint is None:  # a cached pinned version: what the portal said when it was added
            fingerprint = str((ref or {}).get("fingerprint") or "")
        for _attempt in range(2):
            if tree is None:
                tree = _download(cache, key, portal_url, name, version, token, fingerprint,
                                 allow_insecure_http)
                ref = cache.ref(key)
            with cache.shared():
                if cache.intact(tree, verify=verify):
                    if ref is not None:
                        cache.touch(key, ref)
                    yield cache.trees / tree
                    return
            cache.drop(tree)  # its files changed on disk (or were evicted): download again
            tree = None
        raise DataReleaseError(f"the cached files of {url} do not match their sha256 even after a "
                               f"fresh download; is something else writing to {cache.root}?")


def _download(cache: Cache, key: str, portal_url: str, name: str, version: str | None,
              token: str | None, fingerprint: str, allow_insecure_http: bool) -> str:
    scratch = cache.root / "tmp"
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="download-", dir=scratch))
    try:
        result = download.download(portal_url, name, to=work / "release", token=token,
                                   version=version, allow_insecure_http=allow_insecure_http)
        label = f"{portal_url}/dataset/{name}" + (f"@{version}" if version else "")
        return cache.add(key, label, fingerprint, work / "release", result.files)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fetch(source: str, *, cache_dir: Path | str | None = None, token: str | None = None,
          refresh: bool = False, verify: bool = True, max_bytes: int | None = None,
          allow_insecure_http: bool = False) -> Path:
    """The local folder holding the release at a dataset URL, downloading it into the cache when the
    portal has something newer (see the module docstring). The folder belongs to the cache: read
    it, do not write to it."""
    with _release(source, _cache(cache_dir, max_bytes), token=token, refresh=refresh,
                  verify=verify, allow_insecure_http=allow_insecure_http) as folder:
        return folder


def load(source: str | os.PathLike[str], *, cache_dir: Path | str | None = None,
         token: str | None = None, refresh: bool = False, verify: bool = True,
         max_bytes: int | None = None, allow_insecure_http: bool = False
         ) -> dict[str, pd.DataFrame]:
    """Every table of a release as a typed pandas DataFrame (see :func:`datarelease.download.load`).

    ``source``: a dataset URL (``https://portal/dataset/NAME``, ``…/NAME@1.2.0`` for a released
    version), downloaded, verified and cached; or a local release folder or ``datapackage.json``.
    ``token`` (a CKAN API token, for private datasets) is sent to that portal only. ``refresh``
    asks the portal even for a cached pinned version; ``verify`` re-hashes cached files before
    reading them; ``cache_dir`` and ``max_bytes`` override the cache's place and bound.
    ``allow_insecure_http`` sends the token over plain ``http://`` to a host that is not this
    machine (refused by default, as for ``datarelease download``).
    """
    if not _is_url(source):
        return download.load(Path(source))
    with _release(str(source), _cache(cache_dir, max_bytes), token=token, refresh=refresh,
                  verify=verify, allow_insecure_http=allow_insecure_http) as folder:
        return download.load(folder)


def connect(source: str | os.PathLike[str], *, database: str = ":memory:",
            cache_dir: Path | str | None = None, token: str | None = None, refresh: bool = False,
            verify: bool = True, max_bytes: int | None = None,
            allow_insecure_http: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with every table of a release as a view (options as for :func:`load`).

    Tables with a Parquet twin are views over the cached (or local) Parquet file; a table that has
    only a CSV is read with its Table Schema's types (as :func:`load` reads it) and registered.
    ``database``: DuckDB's database (default in memory).
    """
    import duckdb  # only connect needs it

    if _is_url(source):
        folder = fetch(str(source), cache_dir=cache_dir, token=token, refresh=refresh, verify=verify,
                       max_bytes=max_bytes, allow_insecure_http=allow_insecure_http)
    else:
        folder = Path(source)
    descriptor = folder / _DESCRIPTOR if folder.is_dir() else folder
    parquet, csv_only = _table_files(descriptor)
    con = duckdb.connect(database)
    try:
        for table, path in parquet.items():
            literal = str(path).replace("'", "''")
            con.execute(f'CREATE OR REPLACE VIEW "{_identifier(table)}" AS '
                        f"SELECT * FROM read_parquet('{literal}')")
        if csv_only:
            frames = download.load(descriptor)
            for table in csv_only:
                con.register(_identifier(table), frames[table])
    except BaseException:
        con.close()
        raise
    return con


def _identifier(name: str) -> str:
    if not name or '"' in name or "\x00" in name:
        raise DataReleaseError(f"{name!r} cannot be a table name in DuckDB")
    return name


def _table_files(descriptor: Path) -> tuple[dict[str, Path], list[str]]:
    """Tables as :func:`download.load` names them: those with a Parquet file (and its path), and
    those with only a CSV."""
    try:
        data = json.loads(descriptor.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise DataReleaseError(f"{descriptor}: cannot read the descriptor ({exc})") from None
    resources = [r for r in data.get("resources") or [] if isinstance(r, dict)]
    parquets = [r for r in resources if str(r.get("format", "")).lower() == "parquet"]
    root = descriptor.parent
    with_parquet: dict[str, Path] = {}
    csv_only: list[str] = []
    used: set[int] = set()
    for resource in resources:
        fmt = str(resource.get("format") or "").lower()
        if fmt not in ("csv", "tsv"):
            continue
        twin = next((t for t in parquets if t.get("name") == f"{resource.get('name')}-parquet"), None)
        if twin is None and isinstance(resource.get("schema"), str):
            twin = next((t for t in parquets if t.get("schema") == resource["schema"]), None)
        if twin is not None and _inside(str(twin.get("path") or "")):
            used.add(id(twin))
            with_parquet[str(resource["name"])] = root / str(twin["path"])
        else:
            csv_only.append(str(resource["name"]))
    for twin in parquets:
        if id(twin) not in used and _inside(str(twin.get("path") or "")):
            with_parquet[str(twin["name"]).removesuffix("-parquet")] = root / str(twin["path"])
    return with_parquet, csv_only


# --------------------------------------------------------------------------- the snippet


def snippet(dataset_url: str) -> str:
    """The Python a dataset page can show for its own URL (``…/dataset/NAME`` or ``NAME@X.Y.Z``).

    The URL is checked and written back in its plain form, quoted as a Python string literal.
    """
    portal_url, name, version = download.parse_dataset_url(dataset_url)
    if version is not None:
        version_dataset_name(name, version)  # a version that is not MAJOR.MINOR.PATCH is refused
    url = f"{portal_url}/dataset/{name}" + (f"@{version}" if version else "")
    literal = json.dumps(url)  # a JSON string is a valid Python string literal
    return (
        "import datarelease\n"
        "\n"
        f"tables = datarelease.load({literal})  # {{table name: typed pandas DataFrame}}\n"
        f"con = datarelease.connect({literal})  # DuckDB: every table is a view\n"
        'print(con.sql("SHOW TABLES"))\n'
    )
