"""jieba's word cut (dictionary only, no HMM), and where its dictionary is built.

rjieba builds its dictionary when it is imported: about 0.15 s, a third of
the build of one short report, holding the GIL all along (a thread started
beside it makes no progress meanwhile: measured), so no thread can overlap
it. A build of one input therefore starts a helper process first thing
(:func:`start_helper`, forked before the extractors are imported): it builds
the dictionary while this process imports the extractors, loads the
lexicon, reads and segments the report, and then cuts what it is sent, over
a pair of pipes (the bundled report's 372 cuts cost 5 ms there and back on
idle cores, 25-30 ms on a busy machine). The helper sends back the lengths
of the words, which are consecutive pieces of the text, so the words are the
text's own. Anything wrong with it (it died, it failed on a text) and the
cut is made in this process, where the dictionary is then built as without
a helper. On a machine with no core to spare it gains nothing: the build
takes as long, and the helper's 0.15 s of CPU is spent besides.

A build of many inputs has no helper: its workers share the dictionary
loaded before they fork (:func:`load`), and a long build's many cuts would
each pay the round trip. A build whose cache is there has none either: its
reports most likely come from the cache and cut nothing.

rjieba is used where installed, else jieba (the same words, eight times
slower, which is then imported instead).
"""
from __future__ import annotations

import os
import signal
import sys
from array import array
from collections.abc import Callable
from functools import lru_cache

__all__ = ["cut", "load", "start_helper", "stop_helper"]

#: The reply that says the helper could not cut the text: cut it here.
_FAILED = 0xFFFFFFFF


@lru_cache(maxsize=1)
def _in_process() -> Callable[[str], list[str]]:
    """rjieba's cut where installed, else jieba's; its dictionary built now, in this process."""
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba is a declared dependency
        import jieba

        jieba.setLogLevel(60)
        return lambda text: jieba.lcut(text, HMM=False)
    return lambda text: rjieba.cut(text, hmm=False)


class _Helper:
    """The parent's end of a helper process: its pid, the pipe to it and the pipe from it, and the process that
    started it (a process forked from that one inherits this object, and must not use the pipes)."""

    def __init__(self, pid: int, to_helper: int, from_helper: int) -> None:
        self.pid = pid
        self.to_helper = to_helper
        self.from_helper = from_helper
        self.owner = os.getpid()

    def cut(self, text: str) -> list[str] | None:
        """The words of ``text``, or None if the helper cannot give them."""
        data = text.encode("utf-8", "surrogatepass")
        try:
            _write(self.to_helper, len(data).to_bytes(4, "little") + data)
            count = int.from_bytes(_read(self.from_helper, 4), "little")
            if count == _FAILED:
                return None
            lengths = array("I")
            lengths.frombytes(_read(self.from_helper, count * lengths.itemsize))
        except (OSError, EOFError):  # the helper died (or the pipe broke): it is let go of
            stop_helper()
            return None
        words, at = [], 0
        for length in lengths:
            words.append(text[at:at + length])
            at += length
        return words if at == len(text) else None

    def close(self) -> None:
        for fd in (self.to_helper, self.from_helper):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)  # it may still be building the dictionary: no need to wait for that
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


_helper: _Helper | None = None


def cut(text: str) -> list[str]:
    """jieba's words of ``text`` (they make up the text, in order)."""
    if _helper is not None and _helper.owner == os.getpid():
        words = _helper.cut(text)
        if words is not None:
            return words
    return _in_process()(text)


def load() -> None:
    """Build the dictionary in this process now, as a build does before it forks workers that share it (its
    helper, if it has one, is stopped: the workers could not share the pipes)."""
    stop_helper()
    _in_process()


def start_helper() -> bool:
    """Start building the dictionary in a helper process, if this process can fork safely and has not built it
    already; whether one was started."""
    global _helper
    import threading  # imported already wherever a build runs

    if (_helper is not None or _in_process.cache_info().currsize or "rjieba" in sys.modules
            or not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() > 1):
        return False
    requests, replies = os.pipe(), os.pipe()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice, by both processes
        if stream is not None:
            stream.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the helper process: it reports through its pipe, and never returns
        code = 0
        try:
            os.close(requests[1])
            os.close(replies[0])
            _serve(requests[0], replies[1])
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(requests[0])
    os.close(replies[1])
    _helper = _Helper(pid, requests[1], replies[0])
    return True


def stop_helper() -> None:
    """Let the helper go (a build's reports are cut): its process ends, and is waited for."""
    global _helper
    helper, _helper = _helper, None
    if helper is not None and helper.owner == os.getpid():
        helper.close()


def _serve(requests: int, replies: int) -> None:  # pragma: no cover - runs in the helper process
    """The helper: the dictionary built, then each text it is sent cut, until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; the pipe's end tells this one
    words_of = _in_process()
    while True:
        try:
            size = int.from_bytes(_read(requests, 4), "little")
        except EOFError:
            return
        text = bytes(_read(requests, size)).decode("utf-8", "surrogatepass")
        try:
            lengths = [len(word) for word in words_of(text)]
        except Exception:
            _write(replies, _FAILED.to_bytes(4, "little"))
            continue
        # the lengths as machine integers: both ends are the same machine
        _write(replies, len(lengths).to_bytes(4, "little") + array("I", lengths).tobytes())


def _read(fd: int, size: int) -> memoryview:
    """Exactly ``size`` bytes from ``fd``; EOFError if it ends first."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = os.readv(fd, [view[got:]])
        if n == 0:
            raise EOFError("the pipe ended")
        got += n
    return view


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
