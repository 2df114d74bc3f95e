"""The ``reportgraph`` command as a whole: its help, version and usage errors, what every command
shares (cli.common), and that ``--help`` starts without loading the heavy libraries."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgraph import cli
from reportgraph.cli import catalog, common
from reportgraph.errors import ReportError

COMMANDS = ("build", "query", "viz", "export", "validate", "evaluate")


# --------------------------------------------------------------------------- help, version, usage


def test_top_level_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--version", "--help", "example", *COMMANDS):
        assert word in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert "reportgraph 0.1.0" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["build", "--no-such-option"]])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "usage:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples_and_exit_codes(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert cli.main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"usage: reportgraph {command}" in out
    assert "examples:" in out and "exit codes:" in out


# --------------------------------------------------------------------------- a real process, started fast

#: Libraries no command may load just to print its help.
HEAVY = ("rdflib", "pyoxigraph", "pyvis", "jieba", "rjieba", "pyshacl", "networkx", "reportgraph.pipeline")


def test_python_m_reportgraph_help_loads_no_heavy_library() -> None:
    """``python -m reportgraph --help`` (and each command's) imports none of the libraries that do the work."""
    code = (  # the command ends the process itself: what it imported is printed as it exits
        "import atexit, sys, runpy\n"
        "sys.argv = ['reportgraph', *sys.argv[1:]]\n"
        f"atexit.register(lambda: print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} "
        f"or m in {HEAVY!r})))\n"
        "runpy.run_module('reportgraph', run_name='__main__')\n"
    )
    for argv in (["--help"], *([c, "--help"] for c in COMMANDS)):
        done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "[]", (argv, done.stdout.splitlines()[-1])


def test_the_command_exits_with_main_s_code_after_the_exit_callbacks_and_with_its_output_flushed(
        tmp_path: Path) -> None:
    """``reportgraph`` (cli.run) ends the process without the interpreter's teardown: the code is main's, what
    atexit was given still runs, and what was printed, unflushed, still arrives."""
    code = (
        "import atexit, sys\nfrom reportgraph import cli\n"
        "atexit.register(print, 'callbacks ran')\n"
        "sys.stdout.write('unflushed ')\n"
        "sys.argv = ['reportgraph', *sys.argv[1:]]\ncli.run()\n"
    )
    version = subprocess.run([sys.executable, "-c", code, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.split() == ["unflushed", "reportgraph", cli.reportgraph.__version__,
                                                                  "callbacks", "ran"]
    missing = subprocess.run([sys.executable, "-c", code, "build", str(tmp_path / "nothing.txt"), "--out",
                              str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and missing.stdout.split() == ["unflushed", "callbacks", "ran"]
    assert missing.stderr.startswith("reportgraph: error: ") and "nothing.txt" in missing.stderr


def test_the_command_exits_as_python_does_while_another_thread_runs() -> None:
    """A thread still running is waited for, as the interpreter's own exit waits for it."""
    code = (
        "import sys, threading, time\nfrom reportgraph import cli\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread done'))).start()\n"
        "sys.argv = ['reportgraph', '--version']\ncli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "thread done"


def _modules_after(argv: list[str]) -> set[str]:
    """The modules a fresh ``reportgraph ARGV`` process has imported when it is done."""
    code = (
        "import contextlib, io, sys\n"
        "from reportgraph.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(sys.argv[1:])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_help_imports_only_the_command_it_shows() -> None:
    """``reportgraph --help`` lists every command without importing one; ``build --help`` imports build's alone."""
    command_modules = {f"reportgraph.cli.{name}" for name in catalog.SUMMARIES}
    top = _modules_after(["--help"])
    assert not top & command_modules
    assert not top & {"typing", "pathlib", "dataclasses", "tempfile", "traceback", "importlib.resources"}
    assert _modules_after(["build", "--help"]) & command_modules == {"reportgraph.cli.build"}
    assert _modules_after(["--", "query", "--help"]) & command_modules == {"reportgraph.cli.query"}


def test_a_command_is_the_first_word_that_is_not_an_option() -> None:
    assert cli.command_of(["--help"]) is None and cli.command_of([]) is None
    assert cli.command_of(["build", "seeds/"]) == "build"
    assert cli.command_of(["--", "viz", "--help"]) == "viz"
    assert cli.command_of(["frobnicate", "build"]) == "frobnicate"


def test_the_full_parser_and_a_command_s_parser_print_the_same_help() -> None:
    """``make_parser`` with every command in full (for docs and tools) and with one (a run) agree."""
    full, one = cli.make_parser(), cli.make_parser(["build"])
    assert full.format_help() == one.format_help() == cli.make_parser([]).format_help()
    def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        return next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[return-value]

    assert list(commands(full)) == list(catalog.SUMMARIES)
    assert commands(full)["build"].format_help() == commands(one)["build"].format_help()


# --------------------------------------------------------------------------- what the commands share


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "graph.ttl"
    common.write_atomically(target, b"first")
    common.write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["graph.ttl"]
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):  # text where bytes belong: the write fails after the temporary file exists
        common.write_atomically(target, "new")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_an_atomic_write_refuses_a_link_a_pipe_or_a_folder(tmp_path: Path, seed_graph_file: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """Renaming over a link would leave what it leads to stale; over a pipe or a device, replace it."""
    kept = tmp_path / "kept.html"
    kept.write_bytes(b"kept")
    link = tmp_path / "page.html"
    link.symlink_to(kept)
    with pytest.raises(ReportError, match=f"^{link}: is a symbolic link \\(to {kept}\\): it would be replaced"):
        common.write_atomically(link, b"new")
    assert link.is_symlink() and kept.read_bytes() == b"kept"
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(ReportError, match="pipe: is a named pipe, not a file: writing would replace it"):
        common.write_atomically(tmp_path / "pipe", b"new")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ReportError, match="folder: is a folder, not a file"):
        common.write_atomically(tmp_path / "folder", b"new")
    assert cli.main(["viz", "--graph", str(seed_graph_file), "--out", str(link)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"reportgraph: error: {link}: is a symbolic link") and err.count("\n") == 1
    assert kept.read_bytes() == b"kept"
    assert sorted(os.listdir(tmp_path)) == ["folder", "kept.html", "page.html", "pipe"]


def test_os_errors_read_like_report_errors() -> None:
    assert common.describe_os_error(PermissionError(13, "Permission denied", "out/graph.ttl")) == "out/graph.ttl: permission denied"
    assert common.describe_os_error(OSError(28, "No space left on device")) == "no space left on device"


def test_default_paths_are_spelled_once() -> None:
    assert common.DEFAULT_GRAPH == os.path.join(common.DEFAULT_OUT, common.GRAPH_FILE)


def test_table_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "77")
    assert common.table_width(None) == 77
    assert common.table_width(40) == 40
    assert common.table_width(0) is None
    monkeypatch.delenv("COLUMNS")
    assert common.table_width(None) is None  # not a terminal under pytest: nothing is cut
