"""build's output folder: one transaction per build, one build at a time, nothing stale, no surprises at --out.

The builds here are real ``python -m reportgraph build`` processes where a
process is what matters (killed with SIGKILL while drawing the picture, two
at once into one folder, a file size limit that makes the page unwritable);
the folder checks run through ``cli.main``.
"""
from __future__ import annotations

import fcntl
import os
import resource
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from reportgraph import cli
from reportgraph.cli import outdir
from reportgraph.cli.build import CACHE_DIR  # the build cache's folder in --out: not one of the pair
from reportgraph.vocab import RDF_NS, rg

#: Generous bounds against a run that hangs; nothing here is timed.
SECONDS = 180
#: Variants of the bundled report in the input whose picture takes a second or so to draw (about 1,000 nodes).
VARIANTS = 6


def _pair(out: Path) -> tuple[bytes, bytes]:
    return (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()


def _temporaries(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".tmp"))


def _command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "reportgraph", "build", *map(str, args)]


def _built(report: Path, out: Path) -> tuple[bytes, bytes]:
    """The pair one build of ``report`` writes: what a consistent folder holds, byte for byte."""
    assert cli.main(["build", str(report), "--out", str(out), "--quiet"]) == 0
    return _pair(out)


@pytest.fixture
def reports(tmp_path: Path, small_report_text: str, other_report_text: str) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(small_report_text, encoding="utf-8")
    b.write_text(other_report_text, encoding="utf-8")
    return a, b


def _many_reports(folder: Path, bundled_report: Path) -> Path:
    """Variants of the bundled report, renamed: an input whose picture takes a second or so to draw."""
    text = bundled_report.read_text(encoding="utf-8")
    folder.mkdir()
    for n in range(VARIANTS):
        (folder / f"r{n:02d}.txt").write_text(text.replace("沙井", f"沙井{n}").replace("社区", f"{n}社区"),
                                              encoding="utf-8")
    return folder


def _older(paths: list[Path], seconds: float) -> None:
    """Make files look left behind ``seconds`` ago, as a build killed that long ago leaves them."""
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then), follow_symlinks=False)


# --------------------------------------------------------------------------- one transaction per build


def test_a_build_killed_while_drawing_its_picture_leaves_the_old_pair(tmp_path: Path, reports: tuple[Path, Path],
                                                                      bundled_report: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = reports
    out = tmp_path / "out"
    old = _built(a, out)
    many = _many_reports(tmp_path / "many", bundled_report)
    build = subprocess.Popen(_command(many, "--out", out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + SECONDS
    try:
        # the page's temporary file appears when the picture starts to be drawn, after the graph's is written
        while not any(name.startswith(".graph.html.") for name in _temporaries(out)):
            assert build.poll() is None, f"the build ended before drawing: {build.stderr.read()!r}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline
            time.sleep(0.005)
        build.send_signal(signal.SIGKILL)
    finally:
        build.wait(timeout=SECONDS)
    assert build.returncode == -signal.SIGKILL
    assert _pair(out) == old  # the old graph and the old picture, not the new graph beside the old picture
    left = _temporaries(out)
    assert [name.split(".")[2] for name in left] == ["html", "ttl"]
    # what the killed build had staged is the whole new graph: only its rename was missing
    staged = pyoxigraph.Store()
    staged.load(path=str(out / next(n for n in left if n.startswith(".graph.ttl."))), format=pyoxigraph.RdfFormat.TURTLE)
    made = staged.quads_for_pattern(None, pyoxigraph.NamedNode(RDF_NS + "type"), pyoxigraph.NamedNode(rg("Report")))
    assert len(list(made)) == VARIANTS

    # a later build keeps them while they may still be a live build's, and removes them once they are stale
    assert cli.main(["build", str(a), "--out", str(out)]) == 0
    assert _temporaries(out) == left and "removed" not in capsys.readouterr().err
    _older([out / name for name in left], outdir.STALE_SECONDS + 60)
    assert cli.main(["build", str(a), "--out", str(out)]) == 0
    assert capsys.readouterr().err.startswith(f"reportgraph: {out}: removed 2 temporary file(s) (")
    assert _temporaries(out) == [] and _pair(out) == old
    assert sorted(n for n in os.listdir(out) if n != CACHE_DIR) == ["graph.html", "graph.ttl"]


def _limit_file_size(size: int) -> None:
    """In the child: files may not grow past ``size`` bytes (a full disk, for this process only)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_picture_that_cannot_be_written_leaves_the_old_pair(tmp_path: Path, reports: tuple[Path, Path]) -> None:
    a, b = reports
    out = tmp_path / "out"
    old = _built(a, out)
    new_graph = _built(b, tmp_path / "reference")[0]
    # room for the new graph and for the spool its blocks wait in (with what its triples say of the shared nodes,
    # and their digests), not for its page (which inlines the drawing library)
    limit = len(new_graph) + 64 * 1024
    assert len(_pair(tmp_path / "reference")[1]) > limit
    done = subprocess.run(_command(b, "--out", out), capture_output=True, text=True, timeout=SECONDS,
                          preexec_fn=lambda: _limit_file_size(limit))
    assert done.returncode == 2
    assert done.stderr == f"reportgraph: error: {out / 'graph.html'}: file too large\n"
    assert _pair(out) == old
    assert sorted(n for n in os.listdir(out) if n != CACHE_DIR) == ["graph.html", "graph.ttl"]


def test_the_journal_of_a_build_killed_between_its_renames_is_finished(tmp_path: Path, reports: tuple[Path, Path],
                                                                        small_report_text: str) -> None:
    """A build that died after moving graph.ttl and before graph.html: the next one completes the pair first."""
    a, b = reports
    out = tmp_path / "out"
    new = _built(b, tmp_path / "reference")
    _built(a, out)
    (out / "graph.ttl").write_bytes(new[0])  # the first rename happened
    (out / ".graph.html.abcd1234.tmp").write_bytes(new[1])  # the second did not
    (out / outdir.JOURNAL_FILE).write_text("graph.ttl\t.graph.ttl.zyxw9876.tmp\ngraph.html\t.graph.html.abcd1234.tmp\n"
                                           "graph.html\t../../a.txt\n", encoding="utf-8")
    _older([out / ".graph.html.abcd1234.tmp"], outdir.STALE_SECONDS + 60)  # a journal's files are kept, however old
    notes: list[str] = []
    with outdir.claim(out, notify=notes.append):
        assert _pair(out) == new
    assert notes == [f"{out}: finished replacing graph.ttl and graph.html, which an interrupted build had begun"]
    assert sorted(n for n in os.listdir(out) if n != CACHE_DIR) == ["graph.html", "graph.ttl"]
    assert a.read_text(encoding="utf-8") == small_report_text  # a line naming anything else moved nothing


# --------------------------------------------------------------------------- one build at a time


def _first_line(proc: subprocess.Popen[bytes], deadline: float) -> str:
    """The first line a build prints on stderr, read without hanging past ``deadline``."""
    assert proc.stderr is not None
    seen = b""
    while not seen.endswith(b"\n"):
        ready, _, _ = select.select([proc.stderr], [], [], max(deadline - time.monotonic(), 0))
        assert ready, f"no line from the build; so far {seen!r}"
        chunk = os.read(proc.stderr.fileno(), 1)
        assert chunk, f"the build ended without a line; so far {seen!r}"
        seen += chunk
    return seen.decode("utf-8")


def test_two_builds_into_one_folder_take_their_turns(tmp_path: Path, reports: tuple[Path, Path]) -> None:
    a, b = reports
    references = {_built(a, tmp_path / "ref-a"), _built(b, tmp_path / "ref-b")}
    out = tmp_path / "out"
    deadline = time.monotonic() + SECONDS
    with outdir.claim(out):  # this test holds the folder, as a running build would, until both builds wait
        builds = [subprocess.Popen(_command(report, "--out", out), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                  for report in (a, b)]
        for build in builds:
            assert _first_line(build, deadline) == (
                f"reportgraph: {out}: another build (pid {os.getpid()}) is writing into this folder; waiting for it "
                "to finish (Ctrl-C stops; --no-wait would stop at once)\n")
        refused = subprocess.run(_command(a, "--out", out, "--no-wait"), capture_output=True, text=True,
                                 timeout=SECONDS)
        assert refused.returncode == 2
        assert refused.stderr == (f"reportgraph: error: {out}: another build (pid {os.getpid()}) is writing into this "
                                  "folder; let it finish (without --no-wait, build waits for it), or give another --out\n")
        assert not (out / "graph.ttl").exists()
    for build in builds:
        stdout, stderr = build.communicate(timeout=SECONDS)
        assert build.returncode == 0, stderr
        assert b"reports:     1" in stdout
    assert _pair(out) in references  # one build's graph with the same build's picture
    assert sorted(n for n in os.listdir(out) if n != CACHE_DIR) == ["graph.html", "graph.ttl"]


def test_a_lock_file_left_by_a_killed_build_does_not_hold_the_folder(tmp_path: Path, reports: tuple[Path, Path]) -> None:
    a, _ = reports
    out = tmp_path / "out"
    out.mkdir()
    (out / outdir.LOCK_FILE).write_text("999999999\n", encoding="ascii")  # its process is gone, and its lock with it
    assert cli.main(["build", str(a), "--out", str(out), "--no-wait", "--quiet"]) == 0
    assert sorted(n for n in os.listdir(out) if n != CACHE_DIR) == ["graph.html", "graph.ttl"]


# --------------------------------------------------------------------------- what --out may be


def _refused(capsys: pytest.CaptureFixture[str], report: Path, out: Path | str) -> str:
    assert cli.main(["build", str(report), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "Traceback" not in captured.err
    return captured.err


def test_an_out_that_is_not_a_folder_is_refused(tmp_path: Path, reports: tuple[Path, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = reports
    folder = tmp_path / "real"
    old = _built(a, folder)
    link = tmp_path / "link"
    link.symlink_to(folder)
    assert _refused(capsys, a, link) == (f"reportgraph: error: {link}: is a symbolic link (to {folder}); build writes "
                                         "into a folder, not through a link: give the folder itself as --out\n")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert _refused(capsys, a, fifo) == (f"reportgraph: error: {fifo}: is a named pipe, not a folder: --out names the "
                                         "folder to write graph.ttl and graph.html into (--out - writes the Turtle to "
                                         "standard output)\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "/dev/null: is a device, not a folder" in _refused(capsys, a, "/dev/null")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    plain = tmp_path / "file.txt"
    plain.write_text("mine", encoding="utf-8")
    assert f"{plain}: is a file, not a folder" in _refused(capsys, a, plain)
    assert plain.read_text(encoding="utf-8") == "mine" and _pair(folder) == old


def test_a_graph_or_page_that_is_not_a_file_is_refused(tmp_path: Path, reports: tuple[Path, Path],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = reports
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("someone else's page", encoding="utf-8")
    out.mkdir()
    (out / "graph.html").symlink_to(elsewhere)
    assert _refused(capsys, a, out) == (
        f"reportgraph: error: {out / 'graph.html'}: is a symbolic link (to {elsewhere}): it would be replaced by a "
        "file, not written through; remove the link, or build into another --out\n")
    assert elsewhere.read_text(encoding="utf-8") == "someone else's page"
    (out / "graph.html").unlink()
    os.mkfifo(out / "graph.ttl")
    assert "graph.ttl: is a named pipe, not a file" in _refused(capsys, a, out)
    (out / "graph.ttl").unlink()
    (out / "graph.ttl").mkdir()
    assert "graph.ttl: is a folder, not a file" in _refused(capsys, a, out)
    assert sorted(os.listdir(out)) == ["graph.ttl"]  # nothing written, nothing left


def test_a_device_in_the_folder_is_refused_not_replaced(tmp_path: Path, reports: tuple[Path, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    a, _ = reports
    out = tmp_path / "out"
    out.mkdir()
    try:
        os.mknod(out / "graph.ttl", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("making a device node needs root")
    assert "graph.ttl: is a device, not a file: writing would replace it with a file" in _refused(capsys, a, out)
    assert stat.S_ISCHR(os.lstat(out / "graph.ttl").st_mode)


def test_out_dash_streams_the_turtle_and_draws_no_picture(tmp_path: Path, reports: tuple[Path, Path]) -> None:
    a, _ = reports
    graph, _ = _built(a, tmp_path / "reference")
    done = subprocess.run(_command(a, "--out", "-"), capture_output=True, timeout=SECONDS, cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == graph
    summary = done.stderr.decode("utf-8")
    assert "reports:     1" in summary and "written:     standard output" in summary
    assert "picture:     none (--out - writes the graph only)" in summary
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt", "reference"]  # no output/ made, no lock taken
    quiet = subprocess.run(_command(a, "--out", "-", "--quiet"), capture_output=True, timeout=SECONDS)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, graph, b"")


def test_out_dash_ends_quietly_when_its_reader_leaves_and_keeps_no_file(
        tmp_path: Path, reports: tuple[Path, Path]) -> None:
    """``build --out - | head -1``: a reader that leaves after one line fails nothing (exit 0, no traceback), and
    the file the Turtle is written to before it is copied out leaves nothing in the temporary folder."""
    a, _ = reports
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    build = subprocess.Popen(_command(a, "--out", "-", "--quiet"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env)
    assert build.stdout is not None and build.stderr is not None
    first = build.stdout.readline()
    build.stdout.close()  # the reader leaves
    err = build.stderr.read()
    assert build.wait(timeout=SECONDS) == 0
    assert first.startswith(b"@prefix ")
    assert b"Traceback" not in err
    assert os.listdir(scratch) == []


def test_a_build_that_writes_nothing_leaves_no_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert cli.main(["build", str(empty), "--out", str(tmp_path / "new" / "out")]) == 2
    assert "nothing was built" in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


# --------------------------------------------------------------------------- temporary files left behind


def test_only_our_own_stale_and_unlocked_temporary_files_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    ours = [".graph.ttl.k2j4h5g6.tmp", ".graph.html.a_b9c8d7.tmp", ".graph.commit.zz00zz00.tmp"]
    others = [".graph.ttl.tmp", "graph.ttl.k2j4h5g6.tmp", ".other.ttl.k2j4h5g6.tmp", ".graph.ttl.K2J4H5G6.tmp",
              ".graph.ttl.k2j4h5g6.tmp.keep", "notes.txt"]
    for name in ours + others:
        (out / name).write_bytes(b"x" * 1000)
    fresh, held = out / ".graph.ttl.fresh123.tmp", out / ".graph.html.held1234.tmp"
    fresh.write_bytes(b"being written")
    held.write_bytes(b"being written, slowly")
    (out / ".graph.ttl.linkto12.tmp").symlink_to(out / "notes.txt")
    (out / ".graph.ttl.folder12.tmp").mkdir()
    _older([p for p in out.iterdir() if p != fresh], outdir.STALE_SECONDS + 60)
    with open(held, "rb") as writer:
        fcntl.flock(writer.fileno(), fcntl.LOCK_EX)  # a live writer holds its temporary file
        removed = outdir.remove_stale(out)
    assert sorted(removed) == sorted((name, 1000) for name in ours)
    assert sorted(os.listdir(out)) == sorted(
        others + [fresh.name, held.name, ".graph.ttl.linkto12.tmp", ".graph.ttl.folder12.tmp"])
    assert (out / "notes.txt").read_bytes() == b"x" * 1000
