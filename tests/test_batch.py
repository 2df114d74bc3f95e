"""Many inputs at once: a bad file is named and the others still build; --strict; duplicates; progress; atomic output."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from conftest import WriteReport
from reportgraph import cli, load, pipeline
from reportgraph.segment import NO_STRUCTURE


def _build(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["build", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_kind_of_bad_input_is_one_line_naming_the_file(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                                             small_report_text: str, tmp_path: Path) -> None:
    good = write_report(small_report_text, "in/good.txt")
    bad = {
        "empty.txt": (b"", load.EMPTY),
        "binary.txt": (b"\x00\x01\x02\x03binary", load.BINARY),
        "scan.png.txt": (b"\x89PNG\r\n\x1a\n" + bytes(64), load.IMAGE),
        "bytes.txt": (b"\x81\xff" * 30, load.UNDECODABLE),
        "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), load.OLD_OFFICE),
        "nav.html": (b"<html><body><nav><a href='/'>\xe9\xa6\x96\xe9\xa1\xb5</a></nav></body></html>",
                     "web page has no article: only navigation, links or scripts"),
    }
    for name, (data, _) in bad.items():
        write_report(data, f"in/{name}")
    with (tmp_path / "in" / "huge.txt").open("wb") as fh:
        fh.truncate(load.MAX_BYTES + 1)
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 1
    expected = {f"reportgraph: error: {tmp_path / 'in' / name}: {problem}" for name, (_, problem) in bad.items()}
    expected.add(f"reportgraph: error: {tmp_path / 'in' / 'huge.txt'}: {load.TOO_LARGE}")
    assert set(err.splitlines()) == expected
    assert "reports:     1" in out and f"failed:      {len(expected)}" in out and good.name in out


def test_text_with_no_structure(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str,
                                tmp_path: Path) -> None:
    write_report(small_report_text, "in/good.txt")
    shapeless = write_report("这是一段随手记下的文字，没有标题，也没有编号。\n第二段文字。\n", "in/notes.txt")
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 0  # built, with a warning: structure-less text still yields what can be found
    assert err == f"reportgraph: warning: {shapeless}: {NO_STRUCTURE}\n"
    assert "reports:     2" in out and (tmp_path / "out" / "graph.ttl").exists()


def test_the_same_report_twice_is_built_once(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                             small_report_text: str, tmp_path: Path) -> None:
    """The same text saved twice would be one rg:Report with two source files: it is built once, and said so."""
    first = write_report(small_report_text, "in/a.txt")
    second = write_report(small_report_text.encode("gb18030"), "in/b.txt")
    for inputs in ([tmp_path / "in"], [second, first]):
        result = pipeline.build(inputs, strict=True)
        assert [r.report.path for r in result.reports] == [str(first)]
        assert result.errors == [] and result.duplicates == [(str(second), str(first))]
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    assert "reports:     1" in out and "duplicates:  1" in out and f"  {second} = {first}" in out


def test_strict_stops_at_the_first_bad_format(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                              small_report_text: str, tmp_path: Path) -> None:
    write_report(b"\x89PNG\r\n\x1a\n" + bytes(100), "in/a-scan.png.txt")
    write_report(small_report_text, "in/b.txt")
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict")
    assert code == 1 and out == ""
    assert err == f"reportgraph: error: {tmp_path / 'in' / 'a-scan.png.txt'}: {load.IMAGE}\n"
    assert not (tmp_path / "out").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(write_report: WriteReport, small_report_text: str, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(5):
        write_report(small_report_text.replace("和风", f"和风{n}"), f"batch/r{n}.txt")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["build", str(tmp_path / "batch"), "--out", str(tmp_path / "out")]) == 0
    shown = terminal.getvalue()
    assert "[1/5] [====                ]" in shown and "[5/5] [====================]" in shown
    assert shown.endswith("\r\033[K")  # the line is cleared before the summary


def test_a_crash_while_writing_leaves_the_previous_graph(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                                        small_report_text: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous", encoding="utf-8")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    code, _, err = _build(capsys, str(write_report(small_report_text)), "--out", str(out))
    assert code == 2 and "no space left on device" in err
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous"
    # no temporary file left behind (.cache/ is the build cache; its entries are renamed into place too)
    assert sorted(p.name for p in out.iterdir() if p.name != ".cache") == ["graph.ttl"]
    assert not [p for p in (out / ".cache").rglob("*") if p.is_file()]
