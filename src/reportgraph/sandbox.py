"""Run jobs on a loaded graph in throw-away processes: a time limit, a memory limit, a crash kept apart.

pyoxigraph evaluates a query in Rust with the GIL released and has no way
to interrupt it: a cross product of every triple runs until it is done, and
when memory runs out Rust aborts the whole process. A server therefore
cannot stop a runaway query inside its own process. So:

* at start-up, while the process has one thread, :meth:`Sandbox.start` forks
  a *zygote* that holds the loaded graph (shared copy-on-write with the
  parent, not copied);
* for every job the zygote forks a child (``socketserver.ForkingMixIn``)
  that runs one function on the graph and sends its pid, then its answer,
  over a Unix socket in a private folder;
* the caller waits up to the time limit, then kills the child. The child
  also arms ``alarm()`` for the limit plus a grace second, so it dies even
  if its caller is gone, and runs under ``RLIMIT_AS``, so a job that needs
  too much memory ends that child only.

A fork costs about 20 ms on a graph of a million triples: right for user
queries, which may run long (``serve``'s endpoint, every ``reportgraph
query``); a server's own bounded page queries run in process. Needs ``fork()`` (Linux, macOS); the memory limit is applied where
``/proc/self/statm`` tells the process size (Linux).
"""
from __future__ import annotations

import math
import os
import pickle
import resource
import shutil
import signal
import socket
import socketserver
import struct
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["Busy", "JobCrashed", "JobFailed", "Limits", "Sandbox", "SandboxError", "TimeLimitExceeded"]

_T = TypeVar("_T")
_LENGTH = struct.Struct("!Q")
#: Seconds a child lives past its time limit before its own alarm ends it.
_GRACE_SECONDS = 1
#: How often the zygote reaps finished children and checks that its parent still lives.
_POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Limits:
    """What one job may take: wall-clock seconds and memory above what the graph already uses.

    ``queue_seconds`` is how long a job may wait for a free slot before the
    caller is told the server is busy: waiting is not running, so it is not
    counted against ``seconds``. ``seconds`` may be ``math.inf``: no time
    limit (``reportgraph query --timeout 0``), the memory limit still holds.
    """

    seconds: float = 10.0
    memory_mb: int = 2048
    queue_seconds: float = 60.0


class SandboxError(Exception):
    """A job gave no answer; ``str()`` is one message for the user."""


class TimeLimitExceeded(SandboxError):
    """The job ran past its time limit and was stopped."""


class JobCrashed(SandboxError):
    """The job's process ended without an answer (most often: it hit the memory limit)."""


class JobFailed(SandboxError):
    """The job raised an exception it did not handle; the message names it."""


class Busy(SandboxError):
    """Every job slot stayed taken for as long as a job may run."""


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(_LENGTH.pack(len(payload)) + payload)


def _receive(sock: socket.socket, deadline: float | None = None) -> bytes | None:
    """One frame, or None when the other side closed the connection first.

    With a ``deadline`` (``time.monotonic()``), ``socket.timeout`` is raised
    once it passes, however the frame trickles in.
    """
    head = _receive_exactly(sock, _LENGTH.size, deadline)
    if head is None:
        return None
    return _receive_exactly(sock, _LENGTH.unpack(head)[0], deadline)


def _receive_exactly(sock: socket.socket, size: int, deadline: float | None) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise socket.timeout("deadline passed")
            sock.settimeout(remaining)
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _limit_memory(extra_mb: int) -> None:
    """Cap this process's address space at its present size plus ``extra_mb``."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[0])
    except OSError:
        return  # no /proc: no reliable present size to add to
    limit = pages * os.sysconf("SC_PAGE_SIZE") + extra_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _silence_stderr() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


class _JobHandler(socketserver.BaseRequestHandler):
    """Runs in a freshly forked child: one job, then the child exits."""

    server: _JobServer

    def handle(self) -> None:
        limits = self.server.limits
        if math.isfinite(limits.seconds):
            signal.alarm(math.ceil(limits.seconds) + _GRACE_SECONDS)
        _limit_memory(limits.memory_mb)
        _silence_stderr()  # the engine prints to fd 2 when memory runs out; the caller gets the message
        sock: socket.socket = self.request
        _send(sock, _LENGTH.pack(os.getpid()))
        frame = _receive(sock)
        if frame is None:
            return
        func, args = pickle.loads(frame)
        try:
            outcome: tuple[str, Any] = ("ok", func(self.server.state, *args))
        except MemoryError:
            outcome = ("memory", "")
        except Exception as err:  # the job's own bug: report it rather than die silently
            outcome = ("error", f"{type(err).__name__}: {err}")
        try:
            payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", ""))
        _send(sock, payload)


class _JobServer(socketserver.ForkingMixIn, socketserver.UnixStreamServer):
    """The zygote's server: forks a child per connection; exits when its parent is gone."""

    def __init__(self, path: str, state: Any, limits: Limits) -> None:
        self.state = state
        self.limits = limits
        self.parent = os.getpid()
        super().__init__(path, _JobHandler)

    def service_actions(self) -> None:
        super().service_actions()  # reaps finished children
        if os.getppid() != self.parent:
            raise SystemExit(0)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A caller that hung up early is normal (it was killed or timed out); say nothing."""


class Sandbox:
    """Jobs on ``state`` (e.g. a loaded graph), each in its own child process with :class:`Limits`.

    ``with Sandbox.start(graph, Limits(seconds=10)) as box: box.call(func, *args)``
    runs ``func(graph, *args)`` in a child and returns its value. ``func``
    and the arguments must be picklable (a module-level function and plain
    values); the zygote already has the code, as a fork of this process.
    """

    def __init__(self, path: str, zygote: int, folder: str, limits: Limits, slots: int) -> None:
        self.path = path
        self.zygote = zygote
        self.limits = limits
        self._folder = folder
        self._slots = threading.BoundedSemaphore(slots)

    @classmethod
    def start(cls, state: Any, limits: Limits = Limits(), slots: int = 2) -> Sandbox:
        """Fork the zygote now. Call it before starting threads: a fork keeps only the calling thread."""
        if not hasattr(os, "fork"):
            raise SandboxError("running queries with a time limit needs fork() (Linux or macOS)")
        if slots < 1:
            raise ValueError("a sandbox needs at least one job slot")
        folder = tempfile.mkdtemp(prefix="reportgraph-jobs-")
        path = os.path.join(folder, "jobs.sock")
        server = _JobServer(path, state, limits)  # listening before the fork: no race with the first call
        zygote = os.fork()
        if zygote == 0:  # pragma: no cover - runs in the zygote; its work is checked through call()
            status = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
                signal.signal(signal.SIGALRM, signal.SIG_DFL)
                server.serve_forever(poll_interval=_POLL_SECONDS)
            except SystemExit:
                pass
            except BaseException:
                status = 1
            finally:
                os._exit(status)
        server.socket.close()
        return cls(path, zygote, folder, limits, slots)

    def call(self, func: Callable[..., _T], *args: Any) -> _T:
        """``func(state, *args)`` in a child; raises a SandboxError when it gives no answer in time."""
        seconds = self.limits.seconds
        if not self._slots.acquire(timeout=self.limits.queue_seconds):
            raise Busy(f"the server is busy: every query slot stayed taken for {self.limits.queue_seconds:g} s; "
                       "try again")
        try:
            return self._call(func, args, seconds)
        finally:
            self._slots.release()

    def _call(self, func: Callable[..., _T], args: tuple[Any, ...], seconds: float) -> _T:
        """One job, its start (a fork, slow on a busy machine) and its run within one deadline."""
        request = pickle.dumps((func, args), protocol=pickle.HIGHEST_PROTOCOL)
        deadline = time.monotonic() + seconds if math.isfinite(seconds) else None
        pid = 0
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(seconds if deadline is not None else None)
            try:
                sock.connect(self.path)
            except OSError as err:
                raise SandboxError(f"the query service is not running ({err}); restart the server") from None
            try:
                head = _receive(sock, deadline)
                if head is None:
                    raise JobCrashed("the query process ended before it started")
                pid = _LENGTH.unpack(head)[0]
                _send(sock, request)
                frame = _receive(sock, deadline)
            except socket.timeout:
                if pid:
                    _kill(pid)
                raise TimeLimitExceeded(
                    f"the query ran longer than the time limit of {seconds:g} s and was stopped; "
                    "narrow it down (LIMIT, more specific patterns)"
                ) from None
            except OSError:
                frame = None
            except BaseException:  # Ctrl-C in the caller: the job must not outlive it
                if pid:
                    _kill(pid)
                raise
        if frame is None:
            raise JobCrashed(
                f"the query process ended without an answer: most likely the query needed more than "
                f"the memory limit ({self.limits.memory_mb} MB above the graph); narrow it down"
            )
        kind, value = pickle.loads(frame)
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "memory":
            raise JobCrashed(f"the query needed more than the memory limit ({self.limits.memory_mb} MB above the graph)")
        raise JobFailed(f"the query failed inside the server: {value}")

    def close(self) -> None:
        """Stop the zygote and remove its socket; running children end by their own alarm."""
        try:
            os.kill(self.zygote, signal.SIGTERM)
            os.waitpid(self.zygote, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
