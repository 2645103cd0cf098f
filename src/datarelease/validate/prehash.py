"""Hash the tables' files while the streaming engine starts.

The streaming engine takes most of a second to start (importing frictionless, pyarrow and
numpy, loading the package with frictionless, planning), on one core. The sha256 (or md5) of
every table whose descriptor declares one needs none of that, and hashlib releases the GIL: a
:class:`Prehash` started before the engine is imported hashes the files, in descriptor order,
on a thread of its own, meanwhile. When the engine's reader comes to a file it *claims* it: the
prehash stops hashing that file (after the block in hand) and hands over its hasher and how many
bytes it has hashed; the reader hashes the rest as it reads. Nothing else changes: the reader
still reads every byte (from the page cache, for the part already hashed) and the hash compared
is of the whole file.

It is speculative and checked: only regular files inside the package's folder are opened (the
engine's own checks of paths come later), it stops after :data:`PREHASH_BYTES` in all, and a
claim gives nothing back unless the file the reader opened is the one hashed (same device,
inode, size and modification time, at the start and at the end of the prehash) and the
algorithm is the one the engine wants. A file the engine does not read is hashed for nothing (it
costs CPU, never a finding). Standard library only: importing this module costs nothing.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datarelease import untrusted

PREHASH_BYTES = 1 << 30
"""Bytes hashed ahead at most, in all (the start-up lasts about a second; beyond that, the
reader would find the bytes hashed ahead no longer in the page cache of a small machine)."""
BLOCK = 4 << 20
"""Bytes read and hashed at a time (a claim waits for at most one)."""
_HASHES = ("md5", "sha256")

Identity = tuple[int, int, int, int]
"""(device, inode, size, modification time in ns) of a file."""


def identity(status: os.stat_result) -> Identity:
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass
class _File:
    path: Path
    algorithm: str
    claimed: bool = False
    hashing: bool = False
    done: bool = False
    result: tuple[Any, int, Identity] | None = None
    """The hasher, the bytes it has hashed (from the start of the file), the file's identity."""
    real: str = field(default="")


class Prehash:
    """Hashes the given files ahead, one after the other, on a daemon thread (see the module)."""

    def __init__(self, files: list[tuple[Path, str]], budget: int = PREHASH_BYTES,
                 block: int = BLOCK) -> None:
        self.files = [_File(path, algorithm, real=os.path.realpath(path)) for path, algorithm in files]
        self.by_real = {f.real: f for f in self.files}
        self.budget = budget
        self.block = block
        self.hashed = 0
        self.closed = False
        self.lock = threading.Condition()
        self.thread: threading.Thread | None = None
        if self.files:
            self.thread = threading.Thread(target=self._run, daemon=True, name="datarelease-prehash")
            self.thread.start()

    @classmethod
    def of_package(cls, path: Path, budget: int = PREHASH_BYTES, block: int = BLOCK) -> Prehash:
        """A prehash of the local single-file tables with a declared hash of a package (a folder
        or a descriptor file); of nothing when the descriptor cannot be read."""
        try:
            descriptor_path = untrusted.find_descriptor(path) if path.is_dir() else path
            descriptor = untrusted.load_descriptor(descriptor_path)
        except Exception:  # whatever it is, the engine reports it; nothing is hashed ahead
            return cls([])
        resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
        return cls.of_resources(resources if isinstance(resources, list) else [],
                                descriptor_path.parent, budget, block)

    @classmethod
    def of_resources(cls, resources: list[Any], folder: Path, budget: int = PREHASH_BYTES,
                     block: int = BLOCK) -> Prehash:
        files: list[tuple[Path, str]] = []
        seen: set[Path] = set()
        for resource in resources:
            found = _declared(resource, folder)
            if found is not None and found[0] not in seen:
                seen.add(found[0])
                files.append(found)
        return cls(files, budget, block)

    def claim(self, path: Path, algorithm: str, opened: os.stat_result) -> tuple[Any, int] | None:
        """Stop hashing ``path`` ahead; its hasher and the bytes it has hashed (from the start),
        if the file ``opened`` (by the caller) is the one hashed, with ``algorithm``; else None."""
        with self.lock:
            entry = self.by_real.get(os.path.realpath(path))
            if entry is None:
                return None
            entry.claimed = True
            while entry.hashing:  # at most one block
                self.lock.wait()
            result, entry.result = entry.result, None
        if result is None or entry.algorithm != algorithm or result[2] != identity(opened):
            return None
        return result[0], result[1]

    def close(self) -> None:
        """Stop hashing ahead (within a block; the thread is not waited for)."""
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def _run(self) -> None:
        buffer = memoryview(bytearray(self.block))
        for entry in self.files:
            with self.lock:
                if self.closed or self.hashed >= self.budget:
                    return
                if entry.claimed:
                    continue
                entry.hashing = True
            result = None
            try:
                result = self._hash(entry, buffer)
            except (OSError, ValueError):
                result = None
            finally:
                with self.lock:
                    entry.result, entry.hashing, entry.done = result, False, True
                    self.lock.notify_all()

    def _hash(self, entry: _File, buffer: memoryview) -> tuple[Any, int, Identity] | None:
        # O_NONBLOCK: a FIFO put in the file's place must not block the thread at open
        fd = os.open(entry.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                return None
            hasher = hashlib.new(entry.algorithm)
            count = 0
            while True:
                with self.lock:
                    if entry.claimed or self.closed or self.hashed >= self.budget:
                        break
                got = os.readv(fd, [buffer])
                if not got:
                    break
                hasher.update(buffer[:got])
                count += got
                with self.lock:
                    self.hashed += got
            after = os.fstat(fd)
        finally:
            os.close(fd)
        if identity(before) != identity(after):
            return None
        return hasher, count, identity(before)


def _declared(resource: Any, folder: Path) -> tuple[Path, str] | None:
    """(file, hash algorithm) of a resource with one local path inside ``folder`` and a declared
    md5 or sha256 hash (frictionless's reading of ``hash``: no prefix means md5)."""
    if not isinstance(resource, dict):
        return None
    where, declared = resource.get("path"), resource.get("hash")
    if not isinstance(where, str) or not isinstance(declared, str) or untrusted.is_remote(where):
        return None
    algorithm = declared.split(":", 1)[0] if ":" in declared else "md5"
    if algorithm not in _HASHES:
        return None
    try:
        found = untrusted.inside(folder, where)
    except (OSError, ValueError, RuntimeError):
        return None
    return (found, algorithm) if found is not None else None
