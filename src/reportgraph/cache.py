"""The build cache: each input's report, extracted and linked on its own, kept under a key made of
everything it depends on.

A key is a SHA-256 over the input's bytes and path, its sidecar files, the
metadata options, the lexicon (the packaged gazetteer and the user's file),
the identity file's rules, the measures (the packaged scheme and the user's
file), the finders asked for, the reading limits, and a fingerprint of the
package itself (every module and data file: a changed rule is a changed
extraction). So a rebuild in which one report changed extracts that one,
and any change to the tool, the lexicon, the identities, the measures or the
options extracts everything again. What needs every report (identity across
reports, series, tracking: :func:`reportgraph.link.join`) runs on every
build after the cache.

Entries are pickles written to a temporary file and renamed into place:
two builds sharing a cache folder at the same time each see a whole entry
or none, and the worst they do is extract the same report twice. An entry
that cannot be read (a disk that filled up, a file from another version)
counts as missing. Unpickling runs code, so a cache folder must be as
trusted as the package itself: it is the user's own output folder unless
``--cache`` says otherwise.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import tempfile
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgraph.lexicon import Lexicon
from reportgraph.metadata import sidecars
from reportgraph.model import LinkedReport
from reportgraph.workers import Job

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["CACHE_DIR", "CHUNKS_DIR", "PAGE", "SHARED_BLOCKS", "BlockCache", "Cache", "ChunkCache", "Entry",
           "KeptPage", "PageCache", "package_fingerprint"]

#: The cache's folder under ``build --out`` unless ``--cache`` names another.
CACHE_DIR = ".cache"
#: The folder in it of the reports' chunks of the graph (:class:`ChunkCache`).
CHUNKS_DIR = "chunks"
#: The start of the name of the file in the chunks' folder that holds the shared nodes' Turtle (:class:`BlockCache`).
SHARED_BLOCKS = "shared-"
#: The start of the name of the file in the chunks' folder that holds the last page (:class:`PageCache`).
PAGE = "page-"
#: Bumped when the form of an entry changes.
_FORMAT = 5


#: A file whose status changed this recently (seconds) is read, not known by its status: a second write within the
#: same tick of the file system's clock would leave its size and times as they were.
_RECENT_SECONDS = 2.0


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """A digest of every module and data file of the installed package: the extraction's own version.

    A file on disk counts by its name, size, inode and modification and
    status-change times (as git's index knows a file: any write, copy or
    reinstall changes its status-change time, which no tool sets back), so
    a build reads no module to know the package unchanged; one changed in
    the last moments, or a package not in plain files (a zip), is read whole.
    """
    from importlib import resources  # here: a --no-cache build never asks

    # __init__.py, which holds the version, is one of the files
    digest = hashlib.sha256(f"reportgraph cache {_FORMAT}".encode())
    root = resources.files("reportgraph")
    if isinstance(root, Path):
        _walk_files(root, "", digest, time.time() - _RECENT_SECONDS)
    else:
        _walk_resources(root, "", digest)
    return digest.hexdigest()


def _walk_files(folder: Path, prefix: str, digest: hashlib._Hash, settled: float) -> None:
    """Each file under ``folder`` into ``digest``, by its status; by its bytes when changed after ``settled``."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = prefix + entry.name
        if entry.is_dir():
            if entry.name != "__pycache__":
                _walk_files(Path(entry.path), name + "/", digest, settled)
        elif not entry.name.endswith((".pyc", ".pyo")):
            info = entry.stat()
            if max(info.st_mtime, info.st_ctime) > settled:
                digest.update(name.encode("utf-8") + b"\0" + Path(entry.path).read_bytes() + b"\0")
            else:
                digest.update(f"{name}\0{info.st_size} {info.st_ino} {info.st_mtime_ns} {info.st_ctime_ns}\0"
                              .encode("utf-8", "surrogateescape"))


def _walk_resources(node: Traversable, prefix: str, digest: hashlib._Hash) -> None:
    """Each file under ``node`` into ``digest``, by its bytes."""
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        name = prefix + child.name
        if child.is_dir():
            if child.name != "__pycache__":
                _walk_resources(child, name + "/", digest)
        elif not child.name.endswith((".pyc", ".pyo")):
            digest.update(name.encode("utf-8") + b"\0" + child.read_bytes() + b"\0")


@dataclass(frozen=True)
class Entry:
    """A linked report as the cache gave it, and its entry's CRC-32 (what :meth:`Cache.entry_bytes` checks)."""

    report: LinkedReport
    crc: int


class Cache:
    """Linked reports on disk under ``folder``, keyed by :meth:`key`, for the builds of one ``job``."""

    def __init__(self, folder: Path, job: Job) -> None:
        self.folder = folder
        setting = hashlib.sha256(package_fingerprint().encode())
        setting.update(_lexicon_digest(job.lexicon))
        setting.update(repr(job.stated).encode("utf-8"))
        setting.update(repr(job.limits).encode("utf-8"))
        setting.update(repr(_finder_names(job.finders)).encode("utf-8"))
        setting.update(job.context.identities.dump().encode("utf-8"))
        setting.update(repr(sorted(job.context.measures.measures.items())).encode("utf-8"))
        self._setting = setting.digest()
        self._max_bytes = job.limits.file_bytes
        self.hits = 0
        self.misses = 0

    def key(self, path: Path) -> str | None:
        """The key of an input as it is now; None when it is not a regular file within the limits (never cached:
        reading it says what is wrong)."""
        digest = hashlib.sha256(self._setting)
        try:
            digest.update(str(path).encode("utf-8", "surrogateescape"))
            for part in (path, *sidecars(path)):
                info = part.stat()
                if not stat.S_ISREG(info.st_mode) or info.st_size > self._max_bytes:
                    return None  # a pipe would block the hash, a huge file only fails later
                digest.update(b"\0" + part.name.encode("utf-8", "surrogateescape") + b"\0")
                with open(part, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        digest.update(chunk)
        except OSError:
            return None
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def holds(self, key: str) -> bool:
        """Is there an entry under ``key`` (whole, as entries are written, but maybe damaged or foreign)?"""
        return self._file(key).is_file()

    def get(self, key: str | None) -> Entry | None:
        """The linked report stored under ``key`` and its entry's CRC-32, or None."""
        if key is None:
            return None
        try:
            data = _read_whole(self._file(key))
            found = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a missing, damaged or foreign entry is a miss, never a failed build
            self.misses += 1
            return None
        if not isinstance(found, LinkedReport):
            self.misses += 1
            return None
        self.hits += 1
        return Entry(found, zlib.crc32(data))

    def entry_bytes(self, key: str, crc: int) -> bytes | None:
        """The bytes of the entry under ``key`` if they are still those :meth:`get` gave with ``crc``; None if
        another build replaced or removed it since, or the disk damaged it.

        Read again, not held since :meth:`get`: a rebuild would hold every
        entry at once. A CRC suffices: it guards against accidents, and a
        cache folder must be trusted anyway (unpickling runs code).
        """
        try:
            data = _read_whole(self._file(key))
        except OSError:
            return None
        return data if zlib.crc32(data) == crc else None

    def put(self, key: str | None, linked: LinkedReport) -> None:
        """Store a linked report atomically; a cache that cannot be written only costs the next build time."""
        if key is not None:
            _store(self._file(key), key, linked)


class ChunkCache:
    """Each report's share of the graph (:class:`reportgraph.stream.Chunk`), keyed by a digest of the report's
    triples after the join and of how they are formatted.

    The join may change what an unchanged report says (one node for a
    company named in a new report, a target another report now assesses),
    so its chunk is keyed by what its triples are, not by its input alone:
    by its extraction's key and the triples the join decides
    (:func:`reportgraph.rdf.joined_triples`) where the join left its
    entities as they were, else by all its triples. A rebuild formats only
    the reports whose triples changed, and makes all the triples only of
    those whose entities a join changed. Entries are written as the
    extraction's are: atomically, a damaged one a miss.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._setting = hashlib.sha256(f"chunks {package_fingerprint()}".encode()).digest()
        self.hits = 0
        self.misses = 0

    def key(self, options: object, triples: list[tuple[object, object, object]], origin: str | None = None) -> str:
        """The digest of the options (a frozen dataclass: its repr is its content) and the triples, in their order.

        With ``origin`` (what the report was made of before the join: its
        extraction's key and how the inputs name it) the triples are only
        those the join decides (:func:`reportgraph.rdf.joined_triples`): a
        report the join left as it was is found without making all its triples.
        Pickled without its memo (``fast``), so that equal triples give equal
        bytes whichever objects they share, each literal as a plain tuple
        (see :meth:`BlockCache.keys`).
        """
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        pickler.dump([t if type(t[2]) is str else (t[0], t[1], (*t[2],)) for t in triples])  # see BlockCache.keys
        digest = hashlib.sha256(self._setting)
        digest.update(repr(options).encode("utf-8"))
        if origin is not None:
            digest.update(b"\0origin\0" + origin.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(buffer.getbuffer())
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def holds(self, key: str) -> bool:
        """Is there an entry under ``key`` (whole, as entries are written, but maybe damaged or foreign)?"""
        return self._file(key).is_file()

    def get(self, key: str) -> object | None:
        """What is stored under ``key``, or None."""
        try:
            found: object = _unpickled(self._file(key))
        except Exception:  # noqa: BLE001 - missing, damaged or foreign: a miss, never a failed build
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, value: object) -> None:
        """Store ``value`` atomically; a cache that cannot be written only costs the next build time."""
        _store(self._file(key), key, value)

    def blocks(self, namespaces: Sequence[tuple[str, str]]) -> BlockCache:
        """The shared nodes' Turtle kept from the last build, if it wrote with these prefixes."""
        return BlockCache(self.folder / f"{SHARED_BLOCKS}{self._setting.hex()[:32]}.pickle", namespaces)

    def page(self) -> PageCache:
        """The page the last build drew, under the digest of what it was drawn from."""
        return PageCache(self.folder / f"{PAGE}{self._setting.hex()[:32]}.pickle")


@dataclass(frozen=True)
class KeptPage:
    """A build's page (graph.html's bytes), and how many nodes it draws of how many the graph has."""

    html: bytes
    drawn: int
    total: int


class PageCache:
    """The last build's page, kept under a digest of what it was drawn from (the shared nodes' triples and each
    report's picture part): a rebuild in which no report's triples changed writes it again as it is, without
    reading, choosing, laying out or rendering anything. One file, the last page only, written atomically."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def get(self, key: bytes) -> KeptPage | None:
        """The page kept under ``key``, or None (another page, or missing, damaged or foreign)."""
        try:
            kept, page = _unpickled(self.file)
        except Exception:  # noqa: BLE001 - a miss, never a failed build
            return None
        return page if kept == key and isinstance(page, KeptPage) else None

    def put(self, key: bytes, page: KeptPage) -> None:
        """Keep ``page`` (this build's) under ``key``, in place of the last build's."""
        _store(self.file, self.file.stem, (key, page))


#: A shared node's Turtle block (as graph.ttl holds it: UTF-8, kept so, neither decoded when read nor encoded when
#: written), the prefixes it uses (prefix, namespace), how many triples it holds and its subject's
#: place in graph.ttl's order (:func:`reportgraph.turtle.natural_key`), by its digest: of the subject, of its own
#: triples and of each report's triples about it (each :meth:`BlockCache.keys`).
Blocks = dict[bytes, tuple[bytes, tuple[tuple[str, str], ...], int, tuple[tuple[str | int, ...], str]]]


class BlockCache:
    """The Turtle blocks of the nodes reports share (entities, periods, measures, series), as the last build
    formatted them, each under a digest of its subject and its triples: of its own (the merged entity's) and of
    each report's share of them, digested once when that report's chunk is made.

    One changed report changes the triples of the few shared nodes it
    names; every other block is the same text as before, and is taken from
    here instead of being formatted again. A block is a function of its
    triples and the prefixes alone (the writer sorts its predicates and
    objects), so a digest that matches, with the same prefixes, is the
    block. One file, holding the blocks of the last build only (so it does
    not grow), written atomically: two builds sharing the cache each read a
    whole file, and at worst format blocks the other one's file lacks.
    """

    def __init__(self, file: Path, namespaces: Sequence[tuple[str, str]]) -> None:
        self.file = file
        self.namespaces = tuple(namespaces)

    @staticmethod
    def keys(grouped: Mapping[str, Mapping[str, Iterable[object]]]) -> dict[str, bytes]:
        """Each subject's digest of itself and its ``{predicate: objects}``.

        Pickled without its memo (``fast``), so that equal triples give
        equal bytes whichever objects they share, and each literal as a plain
        tuple: a named tuple pickles through Python calls, six times slower
        (a rebuild digests every shared node's own triples: 38,000 on 300
        reports, half of them literals). Any other difference in the bytes
        only costs a block formatted again.
        """
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        digests: dict[str, bytes] = {}
        for subject, preds in grouped.items():
            buffer.seek(0)
            buffer.truncate()
            pickler.dump((subject, [(p, [o if type(o) is str else (*o,) for o in objs])  # type: ignore[misc]
                                    for p, objs in preds.items()]))
            digests[subject] = hashlib.blake2b(buffer.getbuffer(), digest_size=16).digest()
        return digests

    def load(self) -> Blocks:
        """The blocks kept, or none (missing, damaged, foreign or of other prefixes: formatted again, never a
        failed build)."""
        try:
            namespaces, blocks = _unpickled(self.file)
        except Exception:  # noqa: BLE001
            return {}
        return blocks if namespaces == self.namespaces and isinstance(blocks, dict) else {}

    def save(self, blocks: Blocks) -> None:
        """Keep ``blocks`` (this build's) in place of the last build's."""
        _store(self.file, self.file.stem, (self.namespaces, blocks))


def _unpickled(file: Path) -> Any:
    """What ``file`` holds, read whole first: a fifth faster than unpickling from the open file, which asks it for
    every few bytes."""
    return pickle.loads(_read_whole(file))


def _read_whole(file: Path) -> bytes:
    with open(file, "rb") as fh:
        return fh.read()


def _store(target: Path, key: str, value: object) -> None:
    """``value`` pickled into ``target`` via a temporary file renamed into place."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _lexicon_digest(lexicon: Lexicon) -> bytes:
    """The gazetteer's entries, field by field in their order: all the extraction reads of a lexicon.

    Not its pickle: that holds what the lexicon computed on first use too (its
    sets of names, in an order each process draws anew), so a build that had
    looked a name up before it opened the cache would find none of its entries.
    """
    digest = hashlib.sha256()
    for e in lexicon.gazetteer:
        digest.update(repr((e.name, e.type, e.aliases, e.user, e.region)).encode("utf-8", "surrogateescape") + b"\n")
    return digest.digest()


def _finder_names(finders: Sequence[object]) -> list[str]:
    """The finders as names: their repr may hold a memory address, which no two builds share."""
    return [getattr(f, "name", type(f).__name__) for f in finders]
