"""The README's examples, run as written, so that the README cannot drift from the code.

Every fenced block of README.md is read in order and checked in one sandbox:
a temporary folder holding a copy of the bundled report (``seeds/``) where
``reportgraph build`` has run (so ``output/graph.ttl`` is there, as after the
set-up command), plus the few files the examples name as a user's own
(:data:`USER_FILES`: a folder ``reports/``, a lexicon ``my-names.tsv``, an
identity file, a pair of reports to track).

What a block is checked for, by its fence's language:

- ``sh``, ``bash``, ``shell``: each line is a command (``\\`` continues it; a
  ``# comment`` is bash's), run by bash in the sandbox; it must exit 0.
- ``console``: ``$ `` lines are commands; the lines after one, up to the next,
  are what it prints: all of its output, or its first lines when a line ``…``
  ends them. A command shown with no output is only run.
- ``python``: run as one script in the sandbox; it must exit 0.
- ``turtle``: every triple in it is in the built ``output/graph.ttl`` (read
  with the prefixes that file declares).
- anything else (``text``, ``json``, ``yaml`` …) is not run unless a marker says so.

Markers: an HTML comment alone on the line before a block's fence (GitHub does
not show it) says how to treat that block. Whoever adds an example that cannot
run in the sandbox marks it; nothing else needs to change here:

- ``<!-- readme-test: skip REASON -->``: not run; reported as skipped with
  REASON, e.g. ``skip needs a server``, ``skip needs a cluster``,
  ``skip the set-up itself``.
- ``<!-- readme-test: synopsis -->``: a command's syntax (``[--out DIR]``), not
  a command; not run.
- ``<!-- readme-test: output of COMMAND -->``: the block (of any language) is
  exactly what COMMAND prints to standard output in the sandbox.

A command that does not finish within :data:`TIMEOUT` seconds fails with a
hint to mark it (a server, for instance, never finishes).

When the extraction improves, what ``reportgraph build`` prints changes, and
the ``output of`` blocks with it: ``python tests/test_readme.py --update``
writes what the commands print now into those blocks (look at the diff).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import REPO

README = REPO / "README.md"
#: Seconds one command (or Python block) may take before it is taken for one that never ends.
TIMEOUT = 180
#: Files the examples name as a user's own, made in the sandbox: path -> text (a str) or a file to copy.
USER_FILES: dict[str, str | Path] = {
    "reports/2024/shajing-2024h1.txt": REPO / "seeds" / "shajing-2024h1.txt",
    "my-names.tsv": "# NAME\tTYPE\tALIASES\n沙井街道办事处\tGovernmentBody\t沙井街道\n",
    "identities.txt": "# identities.txt\nsame 沙头社区 沙头\ndifferent 步涌社区 和一社区\n",
    # an invented city's two reports: the 2024 targets, and the 2025 review of them
    "2024年政府工作报告.txt": "某某市人民政府2024年政府工作报告\n一、2023年工作回顾\n（一）经济运行。\n各项工作有序推进。\n"
                          "二、2024年工作安排\n（一）主要预期目标。\n地区生产总值增长5%左右，新增企业200家以上。\n",
    "2025年政府工作报告.txt": "某某市人民政府2025年政府工作报告\n一、2024年工作回顾\n（一）经济运行。\n"
                          "地区生产总值增长5.3%，新增企业180家。\n二、2025年工作安排\n（一）主要预期目标。\n地区生产总值增长5%左右。\n",
}
#: Fence languages whose blocks run as shell commands.
SHELLS = ("sh", "bash", "shell")
_MARKER = re.compile(r"^<!--\s*readme-test:\s*(skip|synopsis|output of)\b\s*(.*?)\s*-->$")
_ANY_MARKER = re.compile(r"^<!--\s*readme-test:")
_FENCE = re.compile(r"^```\s*([\w+-]*)\s*$")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Block:
    """One fenced block of the README: its language, its text, the line it starts on, its marker."""

    language: str
    text: str
    line: int
    marker: str = ""
    argument: str = ""

    @property
    def where(self) -> str:
        return f"README.md:{self.line} ({self.language or 'plain'} block)"


def readme_blocks(text: str) -> list[Block]:
    """The fenced blocks, each with the marker on the line before its fence (a bad marker is an error)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        before = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        marker = _MARKER.match(before)
        if _ANY_MARKER.match(before) and not marker:
            raise AssertionError(f"README.md:{i}: unknown readme-test marker {before!r} (see tests/test_readme.py)")
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "```"), None)
        if end is None:
            raise AssertionError(f"README.md:{i + 1}: a fenced block that never ends")
        blocks.append(Block(fence.group(1), "\n".join(lines[i + 1:end]) + "\n", i + 1,
                            marker.group(1) if marker else "", marker.group(2) if marker else ""))
        i = end + 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))
#: The blocks this test checks (the others are text, JSON, sidecar examples ... that show, not run).
CHECKED = [b for b in BLOCKS if b.marker or b.language in (*SHELLS, "console", "python", "turtle")]


# --------------------------------------------------------------------------- the sandbox


def environment() -> dict[str, str]:
    """This interpreter's ``reportgraph`` and ``python`` first on PATH; no terminal width, UTF-8 output."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(command: str, cwd: Path, where: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              env=environment(), timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{where}: `{command}` did not finish in {TIMEOUT} s; if it needs a server or a cluster, "
                    "put <!-- readme-test: skip needs a server --> on the line before the block")


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like a fresh checkout after the set-up command: seeds/, output/ built, the user's files."""
    return make_sandbox(tmp_path_factory.mktemp("readme"))


def make_sandbox(root: Path) -> Path:
    shutil.copytree(REPO / "seeds", root / "seeds")
    for name, content in USER_FILES.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    done = run("reportgraph build", root, "sandbox")
    assert done.returncode == 0, done.stderr
    return root


def commands(block: Block) -> list[tuple[str, list[str]]]:
    """(command, the output lines shown after it) of a shell or console block."""
    found: list[tuple[str, list[str]]] = []
    pending = ""
    for line in block.text.splitlines():
        if block.language == "console":
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        found.append((pending + line, []))
        pending = ""
    return found


def check_output(where: str, command: str, shown: list[str], printed: str) -> None:
    """What the README shows after a command is what it prints (its start, when a line ``…`` ends the excerpt)."""
    while shown and not shown[-1].strip():
        shown = shown[:-1]
    if not shown:
        return
    actual = printed.rstrip("\n").split("\n")
    if shown[-1].strip() == ELLIPSIS:
        head = shown[:-1]
        assert actual[: len(head)] == head, f"{where}: `{command}` prints other lines than the README shows"
    else:
        assert actual == shown, f"{where}: `{command}` prints other lines than the README shows"


# --------------------------------------------------------------------------- the blocks


def test_the_readme_has_examples_and_shows_what_build_prints() -> None:
    """The summary of the bundled build is among the checked outputs, and the shell examples are many."""
    assert any(b.marker == "output of" and b.argument == "reportgraph build" for b in BLOCKS)
    assert sum(b.language in (*SHELLS, "console") and not b.marker for b in BLOCKS) >= 4
    assert any(b.language == "python" and not b.marker for b in BLOCKS)


@pytest.mark.parametrize("block", CHECKED, ids=[b.where for b in CHECKED])
def test_readme_example(block: Block, sandbox: Path) -> None:
    if block.marker == "skip":
        pytest.skip(f"{block.where}: {block.argument or 'marked skip'}")
    if block.marker == "synopsis":
        return  # shows a command's syntax; there is nothing to run
    if block.marker == "output of":
        done = run(block.argument, sandbox, block.where)
        assert done.returncode == 0, f"{block.where}: `{block.argument}` failed:\n{done.stderr}"
        assert done.stdout == block.text, f"{block.where}: `{block.argument}` prints other lines than the README shows"
        return
    if block.language == "python":
        script = sandbox / f"readme_{block.line}.py"
        script.write_text(block.text, encoding="utf-8")
        done = run(f"python {script.name}", sandbox, block.where)
        assert done.returncode == 0, f"{block.where}: the Python example failed:\n{done.stderr}"
        return
    if block.language == "turtle":
        built = (sandbox / "output" / "graph.ttl").read_text(encoding="utf-8")
        prefixes = "".join(line + "\n" for line in built.splitlines() if line.startswith("@prefix"))
        shown = Graph().parse(data=prefixes + block.text, format="turtle")
        graph = Graph().parse(data=built, format="turtle")
        missing = [t for t in shown if t not in graph]
        assert not missing, f"{block.where}: triples the built graph does not hold: {missing[:3]}"
        return
    for command, shown in commands(block):
        done = run(command, sandbox, block.where)
        assert done.returncode == 0, f"{block.where}: `{command}` exited {done.returncode}:\n{done.stderr}"
        check_output(block.where, command, shown, done.stdout)


def update_outputs() -> None:
    """Write what each ``output of`` block's command prints now into README.md."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = make_sandbox(Path(folder))
        lines = README.read_text(encoding="utf-8").split("\n")
        for block in reversed([b for b in BLOCKS if b.marker == "output of"]):
            printed = subprocess.run(["bash", "-c", block.argument], cwd=root, capture_output=True, text=True,
                                     encoding="utf-8", env=environment(), timeout=TIMEOUT).stdout
            end = block.line + len(block.text.splitlines())
            lines[block.line:end] = printed.rstrip("\n").split("\n")
        README.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_readme.py --update   (rewrites README.md's output-of blocks)")
    update_outputs()
