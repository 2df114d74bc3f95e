"""The packaged data files: domain knowledge a user can read and extend.

Every word, character class and pattern the rules know lives in a file under
``reportgraph/data/``, sorted by the stage and rule that reads it
(``data/extract/names/suffixes.tsv`` is read by
:mod:`reportgraph.extract.names.suffixes`). A file opens with ``#`` lines
that say what it holds; one of them, ``# read by: MODULE[, MODULE]``, names
the modules that read it. After the header, one entry per line; ``#`` starts
a comment line; tables (``*.tsv``) have tab-separated columns.

A module declares the files it reads when it is imported
(``SUFFIXES = datafile("extract/names/suffixes.tsv")``), so a missing or
misnamed file fails at import — in a test — not at the first sentence that
needs it. Contents are read on first use and kept.

A build reads some 140 of them at every start: reading, splitting and
stripping them took about 8% of the bundled build. So a file's lines and
rows, once parsed, are kept between runs too, in one :mod:`marshal` file
where the package's bytecode lies (as :mod:`reportgraph.regexcache` keeps
its patterns), each under the file's status as git's index knows a file
(size, inode, modification and status-change times: any write changes
them); a file changed in the last moments is parsed and not kept.
"""
from __future__ import annotations

import atexit
import marshal
import mmap
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from reportgraph import regexcache

#: The marker of the header line that names a file's readers.
READ_BY = "# read by:"

#: Every declared file, by its path under data/: what the tests check against the folder.
DECLARED: dict[str, DataFile] = {}

#: The folder of the data files: plain files beside the modules, as a wheel or an editable install lays
#: them out. Found with os.path, not importlib.resources, which imports zipfile and typing at every start
#: (``reportgraph --help`` declares its examples file too).
_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


class DataFileError(RuntimeError):
    """A packaged data file is missing or malformed: a bug in the package, not in a report."""


def _content_lines(text: str) -> list[str]:
    """Non-blank lines that are not ``#`` comments, stripped of their line ends."""
    return [line.rstrip("\r\n") for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


class DataFile:
    """One packaged data file, read on first use.

    A plain class, not a dataclass: importing :mod:`dataclasses` (and the
    :mod:`inspect` it needs) would be a good part of ``reportgraph --help``.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        #: the modules that declared the file: what its ``# read by:`` line must name
        self.declared_by: set[str] = set()
        self._file = os.path.join(_ROOT, *path.split("/"))
        if not os.path.isfile(self._file):
            raise DataFileError(f"reportgraph/data/{self.path}: packaged data file is missing")

    def __repr__(self) -> str:
        return f"DataFile(path={self.path!r})"

    @cached_property
    def text(self) -> str:
        with open(self._file, encoding="utf-8") as file:
            return file.read()

    @cached_property
    def data(self) -> mmap.mmap:
        """The file's bytes (UTF-8), mapped read-only rather than read: a rule that binary-searches a
        large table (``extract/word_tags.tsv``, 4 MB) touches only the pages it looks at."""
        with open(self._file, "rb") as file:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    @cached_property
    def readers(self) -> tuple[str, ...]:
        """The modules the header's ``# read by:`` line names."""
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            if line.startswith(READ_BY):
                return tuple(m.strip() for m in line[len(READ_BY):].split(",") if m.strip())
        return ()

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """The entries, stripped, in file order."""
        return _KEPT.view(self, "lines", lambda: tuple(line.strip() for line in _content_lines(self.text)))

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The entries, unique, longest first (so regex alternations and prefix tests prefer them)."""
        return tuple(sorted(dict.fromkeys(self.lines), key=lambda w: (-len(w), w)))

    @cached_property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.lines)

    @cached_property
    def rows(self) -> tuple[tuple[str, ...], ...]:
        """The rows of a tab-separated file, each cell stripped."""
        return _KEPT.view(self, "rows", lambda: tuple(tuple(map(str.strip, line.split("\t")))
                                                      for line in _content_lines(self.text)))

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Each entry compiled as a regular expression, in file order."""
        return tuple(regexcache.compile(p) for p in self.lines)

    @cached_property
    def pairs(self) -> dict[str, str]:
        """A two-column table as a mapping from the first column to the second."""
        return {row[0]: row[1] for row in self.rows}

    @cached_property
    def grouped(self) -> dict[str, tuple[str, ...]]:
        """A two-column table ``KEY<TAB>VALUE`` as KEY -> values, in file order."""
        out: dict[str, list[str]] = {}
        for row in self.rows:
            out.setdefault(row[0], []).append(row[1])
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def named_patterns(self) -> Mapping[str, re.Pattern[str]]:
        """A table ``NAME<TAB>REGEX`` compiled: the patterns a rule refers to by name.

        Each is compiled when first asked for: compiling is most of the cost of
        starting (a class such as ``[一-鿿]`` costs the stdlib about a millisecond),
        and a build asks for only some of them; the compilation is kept between
        runs (:mod:`reportgraph.regexcache`). A rule that only splices a
        pattern's text into a larger one reads it from :attr:`pairs`.
        """
        return CompiledOnUse(self.pairs)


#: typing for type checkers only (they read this name as true): ``reportgraph --help`` reads a data file, and
#: importing typing would be a good part of its start.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

    _V = TypeVar("_V")

#: A file whose status changed this recently (seconds) is parsed, not kept: a second write within the same tick
#: of the file system's clock would leave its size and times as they were.
_SETTLED_SECONDS = 2.0
#: A file bigger than this (bytes) is parsed when asked, not kept: every start reads the kept views whole, and the
#: 4 MB word table's lines and rows (which only the tests and tools parse; a build looks words up in its bytes)
#: made them 13 MB, a quarter of a second of every later build.
_KEPT_MAX_BYTES = 1_000_000


class _KeptViews:
    """The parsed views of the data files (their lines, their rows), kept between runs in one marshal file."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[int, ...], dict[str, object]]] | None = None
        self._added = False

    def _path(self) -> str:
        release = ".".join(map(str, sys.version_info[:3]))
        return os.path.join(regexcache.bytecode_folder(), f"datafiles.{sys.implementation.cache_tag}-{release}.marshal")

    def _load(self) -> dict[str, tuple[tuple[int, ...], dict[str, object]]]:
        if self._entries is None:
            self._entries = {}
            try:
                with open(self._path(), "rb") as file:
                    found = marshal.loads(file.read())
            except (OSError, EOFError, ValueError, TypeError):
                found = None
            if isinstance(found, dict):
                # kept before big files were not: written again without them
                self._entries = {path: entry for path, entry in found.items() if entry[0][0] <= _KEPT_MAX_BYTES}
                self._added = len(self._entries) < len(found)
        return self._entries

    def view(self, file: DataFile, name: str, make: Callable[[], _V]) -> _V:
        """``file``'s view ``name`` as kept, if the file is as it was when it was kept; else ``make()``, kept."""
        try:
            info = os.stat(file._file)
        except OSError:
            return make()
        if info.st_size > _KEPT_MAX_BYTES:
            return make()
        stamp = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        entries = self._load()
        entry = entries.get(file.path)
        if entry is not None and entry[0] == stamp and name in entry[1]:
            return entry[1][name]  # type: ignore[return-value]
        value = make()  # the status was taken first: a write meanwhile makes it stale, never the value
        if max(info.st_mtime, info.st_ctime) < time.time() - _SETTLED_SECONDS:
            if entry is None or entry[0] != stamp:
                entry = entries[file.path] = (stamp, {})
            entry[1][name] = value
            self._added = True
        return value

    def save(self) -> None:
        """Write the views back if this run parsed new ones (and bytecode is written at all)."""
        if not self._added or sys.dont_write_bytecode or self._entries is None:
            return
        try:
            # every entry, this run's files or not: a command that reads other files keeps the build's
            regexcache.write_whole(self._path(), marshal.dumps(self._entries))
        except ValueError:
            pass  # a value marshal cannot write: nothing is kept


_KEPT = _KeptViews()
atexit.register(_KEPT.save)


class CompiledOnUse(Mapping[str, re.Pattern[str]]):
    """Regular expressions by name, each compiled on first look-up and kept."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = sources
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._every: tuple[re.Pattern[str], ...] | None = None

    def __getitem__(self, name: str) -> re.Pattern[str]:
        found = self._compiled.get(name)
        if found is None:
            found = self._compiled[name] = regexcache.compile(self._sources[name])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def every(self) -> tuple[re.Pattern[str], ...]:
        """Every pattern, compiled, in table order: for a rule that runs them all on every sentence,
        one tuple rather than a look-up per pattern through the mapping's values view."""
        if self._every is None:
            self._every = tuple(self[name] for name in self._sources)
        return self._every


def datafile(path: str) -> DataFile:
    """Declare that the calling module reads ``data/PATH``; fails at once if the file is missing."""
    known = DECLARED.get(path)
    if known is None:
        known = DECLARED[path] = DataFile(path)
    known.declared_by.add(sys._getframe(1).f_globals.get("__name__", "?"))
    return known


def all_files() -> list[str]:
    """Every file under data/, as paths relative to it: what must all be declared."""
    out: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        for name in sorted(os.listdir(folder)):
            child = os.path.join(folder, name)
            if os.path.isdir(child):
                walk(child, f"{prefix}{name}/")
            elif not name.startswith(".") and name != "README.md":
                out.append(prefix + name)

    walk(_ROOT, "")
    return out
