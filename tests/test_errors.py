"""One-line messages: names escaped where they cannot be printed; unexpected failures kept for --debug."""
from __future__ import annotations

import os

from reportgraph.errors import ReportError, printable


def test_printable_shows_bytes_and_escapes_controls() -> None:
    assert printable(os.fsdecode(b"dir/\xff.txt")) == "dir/\\xff.txt"
    assert printable("a\nb\x1b[31m\u202ec\u200b.txt") == "a\\nb\\x1b[31m\\u202ec\\u200b.txt"
    assert printable("某某　报告 (1).txt") == "某某　报告 (1).txt"  # spaces of any width are kept


def test_a_report_error_is_one_printable_line() -> None:
    error = ReportError("x\n.txt", "bad \x1b[31mthing")
    assert str(error) == "x\\n.txt: bad \\x1b[31mthing"
    assert (error.path, error.problem, error.details) == ("x\\n.txt", "bad \\x1b[31mthing", None)


def test_an_internal_error_keeps_its_traceback() -> None:
    def fail() -> None:
        raise ValueError("first line\nsecond line " + "x" * 500)

    try:
        fail()
    except ValueError as failure:
        error = ReportError.internal("r.txt", failure)
    assert str(error).startswith("r.txt: internal error (ValueError: first line second line xxx")
    assert str(error).endswith("…) — please report") and len(error.problem) < 220
    assert error.details is not None and "Traceback" in error.details and "in fail" in error.details


def test_exhausted_memory_says_to_split_the_file() -> None:
    error = ReportError.internal("big.txt", MemoryError())
    assert str(error) == "big.txt: ran out of memory building it (MemoryError): split the file and build the parts"
