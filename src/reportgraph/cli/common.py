"""What every command shares: the program's name, exit codes, default paths, messages, atomic files.

Each is spelled once here, so that ``build`` writes where ``query``, ``viz``,
``export``, ``validate`` and ``evaluate`` read, and every command says an
error the same way: ``reportgraph: error: PATH: problem`` on one line.
Nothing here loads rdflib, pyoxigraph or pyvis: ``--help`` stays fast.
"""
from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import stat
import sys
from collections.abc import Callable

from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.graphfile import GRAPH_FILE, PAGE_FILE
from reportgraph.safetext import terminal_safe
from reportgraph.termwidth import truncate_start

#: Names for the type checker only: ``--help`` imports this module, and neither typing nor pathlib
#: (with urllib and ipaddress behind it) is needed to print it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import BinaryIO, TextIO

__all__ = [
    "DEFAULT_GRAPH", "DEFAULT_INPUT", "DEFAULT_OUT", "EXIT_FAILURE", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE",
    "GRAPH_FILE", "PAGE_FILE", "PROG", "PROGRESS_MIN_FILES", "Progress", "clear_progress", "copy_to_stdout", "current_umask",
    "describe_kind", "describe_os_error", "error", "example", "fsync_folder", "note", "progress_printer",
    "refuse_unreplaceable", "table_width", "warning", "write_atomically", "write_stdout",
]

PROG = "reportgraph"

#: Exit codes, as documented in each command's ``--help`` and the README.
EXIT_OK = 0
#: build: some inputs failed (the rest were written); query: an ASK was false; validate: violations.
EXIT_FAILURE = 1
#: A usage error, a missing or broken file, or nothing could be done.
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

#: What ``build`` reads when given no input, and where it writes.
DEFAULT_INPUT = "seeds/"
DEFAULT_OUT = "output/"
#: The graph every other command reads by default: the one ``build`` wrote.
DEFAULT_GRAPH = os.path.join(DEFAULT_OUT, GRAPH_FILE)

#: Progress is only worth a line when a run takes several files.
PROGRESS_MIN_FILES = 4
#: Characters in the progress bar.
_PROGRESS_BAR = 20
#: How much of the Turtle ``build --out -`` copies to standard output at a time.
_STDOUT_CHUNK = 1 << 20

#: Example values the help texts show (names, dates, periods).
_EXAMPLES = datafile("cli/examples.tsv")

#: A progress callback: (files done, files in all, the file now).
Progress = Callable[[int, int, str], None]


def example(key: str) -> str:
    """An example value for a help text, e.g. ``example("issuer")``."""
    return _EXAMPLES.pairs[key]


def error(message: object) -> None:
    """The one way a command reports an error: one line on stderr.

    Messages quote file names and report text, so control characters in them
    are shown as escapes, never sent to the terminal raw.
    """
    print(f"{PROG}: error: {terminal_safe(str(message))}", file=sys.stderr)


def warning(message: object) -> None:
    """A problem that did not stop the command, on stderr (escaped as :func:`error` is)."""
    print(f"{PROG}: warning: {terminal_safe(str(message))}", file=sys.stderr)


def note(message: object) -> None:
    """A hint on stderr that is neither an error nor a warning (escaped as :func:`error` is)."""
    print(f"{PROG}: {terminal_safe(str(message))}", file=sys.stderr)


def describe_os_error(err: OSError) -> str:
    """``path: reason`` like ReportError, rather than Python's ``[Errno 13] ...`` form."""
    reason = (err.strerror or str(err)).lower()
    if err.filename is not None:
        return f"{err.filename}: {reason}"
    return reason


def current_umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def describe_kind(mode: int) -> str:
    """What a file system entry is, for a message: ``a symbolic link``, ``a named pipe``, ``a device`` ..."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file" if stat.S_ISREG(mode) else "not a file"


def refuse_unreplaceable(target: Path, instead: str = "write to another path") -> None:
    """Refuse to replace ``target`` unless it is missing or a regular file; ``instead`` says what to do then.

    An atomic write renames a new file over the old: over a link it would
    leave what the link leads to stale, over a device or a pipe it would
    replace the device or the pipe, over a folder it fails.
    """
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet (or a parent that is no folder, which making the file reports)
    if stat.S_ISREG(mode):
        return
    if stat.S_ISLNK(mode):
        raise ReportError(str(target), f"is a symbolic link (to {os.readlink(target)}): it would be replaced by a "
                                       f"file, not written through; remove the link, or {instead}")
    if stat.S_ISDIR(mode):
        raise ReportError(str(target), f"is a folder, not a file: remove it, or {instead}")
    raise ReportError(str(target), f"is {describe_kind(mode)}, not a file: writing would replace it with a file; "
                                   f"remove it, or {instead}")


def fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (where the file system supports syncing a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a temporary file in the same folder.

    Readers (a SPARQL endpoint, a browser) never see a half-written file, and
    a failed run leaves the previous file in place. A link, pipe or device at
    ``target`` is refused (see :func:`refuse_unreplaceable`). The temporary
    file is locked while it lives, so ``build``'s cleanup of stale temporary
    files never takes one being written.
    """
    import tempfile  # not at import: --help needs none of it

    refuse_unreplaceable(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(target)) from err
    try:
        with os.fdopen(fd, "wb") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the rename: a power cut cannot leave an empty file
            # mkstemp makes the file private; the output should get ordinary permissions
            os.fchmod(fh.fileno(), 0o666 & ~current_umask())
            os.replace(tmp, target)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):  # name the file the user asked for, not the hidden temporary
            raise OSError(err.errno, err.strerror, str(target)) from err
        raise


def copy_to_stdout(source: BinaryIO) -> None:
    """A file's bytes to standard output, a chunk at a time (``build --out -``: the Turtle written whole first, so
    that a failed build prints none, but never held whole in memory); a reader that went away (``| head``) ends it
    quietly."""
    try:
        sys.stdout.flush()
        shutil.copyfileobj(source, sys.stdout.buffer, _STDOUT_CHUNK)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def write_stdout(text: str) -> None:
    """Print to standard output; a reader that went away (``| head``) ends the output quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def table_width(option: int | None) -> int | None:
    """How wide output may be: ``option`` (0: no limit), else $COLUMNS, else the terminal's; None means no cut."""
    if option is not None:
        return option if option > 0 else None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def progress_printer(stream: TextIO) -> Progress:
    """A callback that keeps one ``[n/total] path`` line up to date on a terminal."""

    def progress(n: int, total: int, path: str) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        done = _PROGRESS_BAR * n // total
        line = f"[{n}/{total}] [{'=' * done}{' ' * (_PROGRESS_BAR - done)}] "
        room = shutil.get_terminal_size((80, 24)).columns - 1 - len(line)
        stream.write(f"\r\033[K{line}{truncate_start(path, room)}")
        stream.flush()

    return progress


def clear_progress(stream: TextIO, total: int) -> None:
    """Remove the progress line before anything else is printed."""
    if total >= PROGRESS_MIN_FILES:
        stream.write("\r\033[K")


def whole_number(least: int) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number of at least ``least``, with a message that says so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < least:
            raise argparse.ArgumentTypeError("must be 0 or more" if least == 0 else f"must be at least {least}")
        return value

    return parse
