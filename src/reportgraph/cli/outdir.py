"""``build``'s output folder: one build at a time, one transaction per build, nothing left behind.

``graph.ttl`` and ``graph.html`` are a pair: the page draws the graph beside
it. A build writes both to temporary files in the folder (``.graph.ttl.*.tmp``,
``.graph.html.*.tmp``), each flushed to disk, and only then moves them into
place, one rename right after the other, under a journal (``.graph.commit``)
that names the two moves. A build that crashes, is killed or fails to write
before that point leaves the old pair untouched; one that dies between the two
renames (a window of microseconds) leaves the journal, and the next build into
the folder finishes the moves before it starts. So a failed or killed build
leaves the old pair or the new one, and a reader never finds a new graph
beside the old picture for the seconds the picture takes to draw. (A link into
a folder per build, switched by one rename, would close even the microseconds;
but ``graph.ttl`` stays a plain file, where other tools read it.)

An advisory lock (``fcntl.flock`` on ``.graph.lock`` in the folder, which holds
the pid of the build that has it, and is removed when that build ends) keeps
a second build out while one is running: it waits, saying so, or with
``--no-wait`` stops at once. Temporary
files that killed builds left are removed, but only files of our own names,
owned by this user, older than :data:`STALE_SECONDS` and locked by no process
(each writer holds a lock on its temporary file while it lives).

``--out`` must be a folder (or missing, then it is made); a link, a named
pipe, a device or a file is refused with a message, as are ``graph.ttl`` and
``graph.html`` inside it when they are anything but files: replacing a link
would silently leave its target stale, replacing a device would replace the
device.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from reportgraph import regexcache
from reportgraph.cli.common import (
    GRAPH_FILE, PAGE_FILE, current_umask, describe_kind, fsync_folder, refuse_unreplaceable,
)
from reportgraph.errors import ReportError
from reportgraph.limits import megabytes

__all__ = ["JOURNAL_FILE", "LOCK_FILE", "STALE_SECONDS", "OutputFolder", "claim", "prepare", "remove_stale"]

#: The lock file every build into the folder takes, removed by the build that holds it when it ends.
LOCK_FILE = ".graph.lock"
#: Present only while a build moves its files into place: what to finish if it died doing so.
_JOURNAL_NAME = "graph.commit"
JOURNAL_FILE = f".{_JOURNAL_NAME}"
#: The files one build replaces together, in the order they are moved into place.
PAIR: tuple[str, ...] = (GRAPH_FILE, PAGE_FILE)
#: A temporary file younger than this is never removed: its writer may have made it a moment ago.
STALE_SECONDS = 60
#: Our temporary files: ``tempfile.mkstemp(prefix=".graph.ttl.", suffix=".tmp")`` and the journal's.
_TEMPORARY = regexcache.compile(r"^\.(graph\.ttl|graph\.html|graph\.commit)\.[a-z0-9_]{8}\.tmp$")
#: What to do when graph.ttl or graph.html is a link, a pipe or a device.
_ELSEWHERE = "build into another --out"
#: A journal is a few short lines; anything larger is not ours.
_JOURNAL_BYTES = 4096

#: Called with a line for the user: waiting for another build, files cleaned up.
Notify = Callable[[str], None]


def prepare(out: Path) -> Path:
    """The folder ``--out`` names, made if missing; a link, pipe, device or file there is refused.

    Checked before the build starts, so a wrong ``--out`` costs no work.
    """
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        out.mkdir(parents=True, exist_ok=True)
        mode = os.lstat(out).st_mode
    if stat.S_ISLNK(mode):
        raise ReportError(str(out), f"is a symbolic link (to {os.path.realpath(out)}); build writes into a folder, "
                                    "not through a link: give the folder itself as --out")
    if not stat.S_ISDIR(mode):
        kind = describe_kind(mode)
        hint = " (--out - writes the Turtle to standard output)" if stat.S_ISFIFO(mode) else ""
        raise ReportError(str(out), f"is {kind}, not a folder: --out names the folder to write "
                                    f"{GRAPH_FILE} and {PAGE_FILE} into{hint}")
    for name in PAIR:
        refuse_unreplaceable(out / name, _ELSEWHERE)
    return out


class OutputFolder:
    """A locked output folder and the files one build stages in it, until they are committed together."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: name -> (temporary path, descriptor holding the file's lock), in the order of PAIR at commit
        self._staged: dict[str, tuple[Path, int]] = {}

    @contextlib.contextmanager
    def file(self, name: str) -> Iterator[BinaryIO]:
        """A temporary file to write ``name``'s new content into; it replaces ``name`` at :meth:`commit`.

        The temporary exists (locked, so no cleanup takes it) from the moment
        this is entered, and is flushed to disk when the block ends. An error
        writing it names ``name``, the file the user asked for.
        """
        if name not in PAIR:
            raise ValueError(f"{name}: not one of the files a build replaces ({', '.join(PAIR)})")
        target = self.folder / name
        self._discard(name)
        tmp, fd = _stage(self.folder, name)
        self._staged[name] = (tmp, fd)
        try:
            with os.fdopen(os.dup(fd), "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())  # on disk before any rename: a power cut cannot leave an empty file
        except BaseException as err:
            self._discard(name)
            if isinstance(err, OSError) and err.filename in (None, str(tmp)):
                raise OSError(err.errno, err.strerror, str(target)) from err
            raise

    def write(self, name: str, data: bytes) -> None:
        """Stage ``data`` as ``name``'s new content."""
        with self.file(name) as fh:
            fh.write(data)

    def commit(self) -> None:
        """Move every staged file into place together: the journal first, then the renames, then no journal."""
        names = [name for name in PAIR if name in self._staged]
        if not names:
            return
        for name in names:
            refuse_unreplaceable(self.folder / name, _ELSEWHERE)  # something may have appeared there meanwhile
        self._write_journal("".join(f"{name}\t{self._staged[name][0].name}\n" for name in names))
        staged, self._staged = self._staged, {}  # from here on the journal owns them: abort must not remove them
        try:
            for name in names:
                try:
                    os.replace(staged[name][0], self.folder / name)
                except OSError as err:
                    raise OSError(err.errno, f"{err.strerror}; the next build into {self.folder} finishes replacing "
                                             f"{' and '.join(names)}", str(self.folder / name)) from err
        finally:
            for _, fd in staged.values():
                os.close(fd)
        fsync_folder(self.folder)
        os.unlink(self.folder / JOURNAL_FILE)

    def abort(self) -> None:
        """Remove what was staged and not committed: the old files stay as they were."""
        for name in list(self._staged):
            self._discard(name)

    def _write_journal(self, text: str) -> None:
        """The journal, whole or not at all (written aside and renamed), on disk before the first rename."""
        tmp, fd = _stage(self.folder, _JOURNAL_NAME)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
            os.replace(tmp, self.folder / JOURNAL_FILE)
        except OSError as err:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise OSError(err.errno, err.strerror, str(self.folder / GRAPH_FILE)) from err  # the file asked for
        finally:
            os.close(fd)
        fsync_folder(self.folder)

    def _discard(self, name: str) -> None:
        staged = self._staged.pop(name, None)
        if staged is None:
            return
        tmp, fd = staged
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        os.close(fd)


def _stage(folder: Path, name: str) -> tuple[Path, int]:
    """A new temporary file for ``name`` in ``folder``, locked by us while it lives, with ordinary permissions."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(folder / name)) from err
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp makes the file private; outputs get ordinary permissions
    return Path(tmp), fd


@contextlib.contextmanager
def claim(out: Path, *, wait: bool = True, notify: Notify | None = None) -> Iterator[OutputFolder]:
    """The output folder, locked for this build; what is staged and not committed is removed at the end.

    Another build holding the folder is waited for (``notify`` says so once),
    or with ``wait=False`` is a :class:`ReportError`. Once the lock is held,
    a journal a killed build left is finished and stale temporary files are
    removed (``notify`` says what was done). The lock file is removed when
    the build ends, and so is the folder if this build made it and wrote
    nothing into it.
    """
    made = _missing(out)
    lock = _lock(out, wait, notify)
    try:
        tell = notify or (lambda line: None)
        if recover(out):
            tell(f"{out}: finished replacing {GRAPH_FILE} and {PAGE_FILE}, which an interrupted build had begun")
        removed = remove_stale(out)
        if removed:
            size = megabytes(sum(size for _, size in removed))
            tell(f"{out}: removed {len(removed)} temporary file(s) ({size}) that interrupted builds left")
        output = OutputFolder(out)
        try:
            yield output
        finally:
            output.abort()
    finally:
        # removed while still held: a build that waited on this file sees it is gone and takes a new one
        with contextlib.suppress(OSError):
            os.unlink(out / LOCK_FILE)
        os.close(lock)  # closing the descriptor releases the lock
        for folder in made:  # deepest first; a folder with anything in it stays
            try:
                os.rmdir(folder)
            except OSError:
                break


def _missing(out: Path) -> list[Path]:
    """The folders making ``out`` would create, deepest first."""
    missing = []
    for folder in (out, *out.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    return missing


def _lock(out: Path, wait: bool, notify: Notify | None) -> int:
    """The descriptor holding the folder's lock: at once if it is free, else once the build holding it ends.

    The lock file is removed by the build that ends, so a lock won on a file
    no longer at its path is no lock: the file is opened anew and locked again.
    """
    told = False
    while True:
        folder = prepare(out)
        lock = _open_lock(folder)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(lock)
            if not wait:
                os.close(lock)
                raise ReportError(str(folder), f"another build{holder} is writing into this folder; let it finish "
                                               "(without --no-wait, build waits for it), or give another --out")
            if notify is not None and not told:
                notify(f"{folder}: another build{holder} is writing into this folder; waiting for it to finish "
                       "(Ctrl-C stops; --no-wait would stop at once)")
                told = True
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
            except BaseException:
                os.close(lock)
                raise
        if _still_there(lock, folder / LOCK_FILE):
            os.ftruncate(lock, 0)
            os.pwrite(lock, f"{os.getpid()}\n".encode("ascii"), 0)  # for the message a waiting build shows
            return lock
        os.close(lock)


def _still_there(lock: int, path: Path) -> bool:
    """Is the file ``lock`` holds still the lock file at ``path`` (not one a build that ended removed)?"""
    try:
        return os.lstat(path).st_ino == os.fstat(lock).st_ino
    except FileNotFoundError:
        return False


def _open_lock(folder: Path) -> int:
    """The folder's lock file, opened (made if missing); a link or anything but a file there is refused."""
    path = folder / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise ReportError(str(path), "is a symbolic link, not build's lock file: remove it") from None
        raise OSError(err.errno, err.strerror, str(path)) from err
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ReportError(str(path), f"is {describe_kind(mode)}, not build's lock file: remove it")
    return fd


def _holder(lock: int) -> str:
    """`` (pid 1234)``: the process the lock file names, if it names one."""
    try:
        text = os.pread(lock, 32, 0).decode("ascii", errors="replace").strip()
    except OSError:
        return ""
    return f" (pid {text})" if text.isdigit() else ""


def recover(folder: Path) -> bool:
    """Finish the renames a journal names, if a build died making them; True if there was one to finish."""
    path = folder / JOURNAL_FILE
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_size > _JOURNAL_BYTES:
        raise ReportError(str(path), f"is not a journal build wrote ({describe_kind(st.st_mode)}, "
                                     f"{st.st_size} bytes): remove it")
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, tmp = line.partition("\t")
        if name not in PAIR or not tmp.startswith(f".{name}.") or not _TEMPORARY.match(tmp):
            continue  # not a line build writes: nothing is moved on its say
        with contextlib.suppress(FileNotFoundError):  # moved already, before the build died
            if stat.S_ISREG(os.lstat(folder / tmp).st_mode):
                os.replace(folder / tmp, folder / name)
    fsync_folder(folder)
    os.unlink(path)
    return True


def remove_stale(folder: Path, now: float | None = None) -> list[tuple[str, int]]:
    """Remove temporary files interrupted builds left in ``folder``; the (name, size) of each removed.

    Only our own names, regular files of this user, unchanged for
    :data:`STALE_SECONDS`, and not locked: a live writer holds a lock on its
    temporary file, so one that is still being written is never taken.
    """
    moment = time.time() if now is None else now
    removed: list[tuple[str, int]] = []
    with os.scandir(folder) as entries:
        candidates = [entry for entry in entries if _TEMPORARY.match(entry.name)]
    for entry in sorted(candidates, key=lambda e: e.name):
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or moment - st.st_mtime < STALE_SECONDS:
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(fd).st_ino == st.st_ino:
                os.unlink(entry.path)
                removed.append((entry.name, st.st_size))
        except OSError:
            continue  # locked by its writer, or gone: not ours to remove
        finally:
            os.close(fd)
    return removed

