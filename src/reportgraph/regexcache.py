"""The package's regular expressions compiled once and kept between runs, as Python keeps bytecode.

The stdlib compiles a pattern in Python, and slowly for this package's
patterns: a character class such as ``[一-鿿]`` walks its 21,000 code points
(about a millisecond each time it appears), and the data files' word lists
make long alternations. The patterns the data files and the segmenter hold
cost some 55 ms of every build's start, more than the work on a short report.
What the compiler makes of a pattern is plain data (a list of integers, the
group names), which :mod:`marshal` stores and loads in microseconds, and from
which ``_sre`` makes the same pattern object ``re.compile`` makes (equal to
it: the code compares equal).

The file lies where Python puts the package's bytecode (``__pycache__`` beside
the modules, or under ``sys.pycache_prefix``), is named for the interpreter's
release and the regular-expression engine's code format, and is written only where
bytecode is (not under ``PYTHONDONTWRITEBYTECODE``). Any trouble reading it,
an entry ``_sre`` refuses, an interpreter without the stdlib's compiler
internals (3.10), and the pattern is compiled as ``re.compile`` does; trouble
writing it is ignored. Only the package's own patterns go through here, not
patterns built from a user's files, so the file stays the package's size.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys

try:  # the stdlib's compiler, whose steps re.compile runs; private, so used only as found in 3.11+
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    _sre = None

__all__ = ["bytecode_folder", "compile"]

#: What the compiler makes of a pattern: the arguments of ``_sre.compile`` after the pattern's text
#: (``typing`` is not imported: ``reportgraph --help`` reads a data file, and so imports this module).
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

#: More entries than the package holds patterns means stale ones: the next write keeps this run's only.
_MAX_ENTRIES = 2000

_entries: dict[tuple[str, int], _Entry] | None = None
#: The entries this run asked for, and whether it compiled one the file did not hold.
_asked: set[tuple[str, int]] = set()
_added = False


def bytecode_folder() -> str:
    """Where Python keeps this package's bytecode (importlib's rule for ``sys.pycache_prefix``): where what the
    package keeps between runs lies (these patterns, :mod:`reportgraph.datafiles`' parsed files)."""
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.pycache_prefix:
        return os.path.join(sys.pycache_prefix, os.path.splitdrive(here)[1].lstrip(os.sep))
    return os.path.join(here, "__pycache__")


def _path() -> str:
    """The file, named for the interpreter down to its patch release (a fix may change what its
    compiler makes) and for the engine's code format."""
    release = ".".join(map(str, sys.version_info[:3]))
    engine = getattr(_sre, "MAGIC", 0)
    return os.path.join(bytecode_folder(), f"patterns.{sys.implementation.cache_tag}-{release}-sre{engine}.marshal")


def _load() -> dict[tuple[str, int], _Entry]:
    global _entries
    if _entries is None:
        _entries = {}
        try:
            with open(_path(), "rb") as file:
                found = marshal.loads(file.read())  # marshal.load(file) reads item by item: ten times slower
        except (OSError, EOFError, ValueError, TypeError):
            found = None
        if isinstance(found, dict):
            _entries = found
    return _entries


def _save() -> None:
    """Write the entries back if this run compiled new ones (and bytecode is written at all)."""
    if not _added or sys.dont_write_bytecode or _entries is None:
        return
    entries = _entries if len(_entries) <= _MAX_ENTRIES else {k: _entries[k] for k in _asked if k in _entries}
    try:
        write_whole(_path(), marshal.dumps(entries))
    except ValueError:
        pass  # a pattern marshal cannot write: nothing is kept


def write_whole(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a spare file, so a build that reads it meanwhile sees the old file or
    the new, whole; a folder that cannot be written keeps nothing (the next run only starts slower)."""
    spare = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(spare, "wb") as file:
            file.write(data)
        os.replace(spare, path)
    except OSError:
        try:
            os.unlink(spare)
        except OSError:
            pass


atexit.register(_save)


def _compile_anew(source: str, flags: int) -> tuple[re.Pattern[str], _Entry]:
    """What ``re.compile`` does (``re._compiler.compile``), keeping the compiler's output."""
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # its opcodes are int subclasses marshal refuses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: _Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groupindex),
                     tuple(indexgroup))
    return _sre.compile(source, *entry), entry


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the kept compilation where there is one."""
    global _added
    if _sre is None or flags & re.DEBUG:
        return re.compile(source, flags)
    flags = int(flags)
    key = (source, flags)
    entries = _load()
    _asked.add(key)
    entry = entries.get(key)
    if entry is not None:
        try:
            return _sre.compile(source, *entry)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            pass  # an entry this engine cannot take: compiled again below, and replaced
    pattern, entries[key] = _compile_anew(source, flags)
    _added = True
    return pattern
