"""A new user's first hour, as one walk: a fresh copy of the checkout, the README's set-up and test
commands, ``build``, three named queries, ``query entity``, an IRI pasted from a table back into a
query, ``viz``, and every export format read by a tool that is not ours.

Each step runs the command a user types, in a child process, in the copy. Two steps are the
README's own commands with the network taken out: the set-up command installs the copy editable
into a new virtual environment whose pip and dependencies come from the environment running the
tests (a ``.pth`` line, as ``tests/test_install.py`` does), with ``--no-index``; and the test command
runs on two small test modules, with the copy's configuration and fixtures (``.ci/run`` runs both
commands verbatim, the whole suite included).
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib

from conftest import REPO
from reportgraph.graphfile import EXPORT_FORMATS, RDF_FORMATS

#: Bound on any one step, against a runaway (the whole walk takes well under a minute).
STEP_TIMEOUT = 300
#: What a copy of the checkout leaves out: what a fresh clone does not have.
NOT_CLONED = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", "output", "build", "dist")
#: rdflib's name for each RDF export format.
RDFLIB_NAMES = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdfxml": "xml"}


def readme_command(heading: str) -> str:
    """The command of the first ``sh`` block under the README heading ``heading``."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1]
    match = re.search(r"```sh\n(.*?)\n```", section, re.S)
    assert match, f"README.md: no sh block under ## {heading}"
    return match.group(1).strip()


def clone(target: Path) -> None:
    """The checkout's files as a clone has them: what git tracks (or would), else the tree without build leftovers."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, timeout=STEP_TIMEOUT)
    if listed.returncode != 0:
        shutil.copytree(REPO, target, symlinks=True, ignore=NOT_CLONED)
        return
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        source, copy = REPO / name, target / name
        if not os.path.lexists(source):
            continue  # deleted in the working tree
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), copy)
        else:
            shutil.copy2(source, copy)


class User:
    """Types commands in a folder, in a shell whose PATH starts with a virtual environment's bin."""

    def __init__(self, home: Path, venv: Path) -> None:
        self.home = home
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "COLUMNS")}
        self.env["PATH"] = os.pathsep.join([str(venv / "bin"), self.env.get("PATH", "")])
        self.env["PYTHONIOENCODING"] = "utf-8"

    def shell(self, command: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["bash", "-c", command], cwd=self.home, capture_output=True, text=True,
                              encoding="utf-8", env=self.env, timeout=STEP_TIMEOUT)
        assert done.returncode == 0, f"`{command}` exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def run(self, *argv: str) -> str:
        """``reportgraph ARGV`` as the user types it; its standard output."""
        return self.shell(" ".join(["reportgraph", *map(quote, argv)])).stdout


def quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def test_a_new_users_first_hour(tmp_path: Path) -> None:
    home = tmp_path / "reportgraph"
    clone(home)
    assert (home / "seeds" / "shajing-2024h1.txt").is_file() and not (home / "output" / "graph.ttl").exists()

    # the README's set-up command, offline: the dependencies come from this environment
    steps = readme_command("Set up").split(" && ")
    assert steps == ["python -m venv .venv", ". .venv/bin/activate", "python -m pip install -e '.[test]'",
                     "reportgraph build"], steps
    user = User(home, home / ".venv")
    # without a pip of its own: its pip, setuptools and libraries are this environment's (an older
    # setuptools from ensurepip would shadow the one the test extra brings)
    user.shell(f"{quote(sys.executable)} -m venv --without-pip .venv")
    purelib = user.shell("python -c 'import sysconfig; print(sysconfig.get_path(\"purelib\"))'").stdout.strip()
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
    (Path(purelib) / "dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(ours) if Path(p).is_dir()),
                                                   encoding="utf-8")
    install = steps[2].replace("pip install", "pip install --quiet --no-index --no-build-isolation")
    summary = user.shell(" && ".join([steps[1], install, steps[3]])).stdout
    assert re.search(r"^reports:     1$", summary, re.M) and "written:     output/graph.ttl" in summary
    graph_file = home / "output" / "graph.ttl"
    assert graph_file.is_file() and (home / "output" / "graph.html").is_file()
    # the installed command is the copy's own code, not the checkout's
    where = user.shell("python -c 'import reportgraph; print(reportgraph.__file__)'").stdout.strip()
    assert Path(where).resolve().is_relative_to(home.resolve())

    # the README's test command in the copy (on two quick modules: the whole suite is what is running this)
    test = readme_command("Test")
    assert test == "python -m pytest -q"
    ran = user.shell(f"{test} tests/test_safetext.py tests/test_termwidth.py").stdout
    assert re.search(r"^\d+ passed", ran, re.M) and "failed" not in ran

    # three named queries, and everything about one entity
    for name, column in (("targets", "metric"), ("areas", "area"), ("communities", "community")):
        rows = list(csv.DictReader(io.StringIO(user.run("query", name, "--format", "csv"), newline="")))
        assert rows and all(row[column] for row in rows), name
    facts = list(csv.DictReader(io.StringIO(user.run("query", "entity", "沙头社区", "--format", "csv"), newline="")))
    assert {"rdf:type", "rdfs:label", "rg:statement"} <= {row["property"] for row in facts}

    # IRIs from a table, pasted back into a query: an entity, and a sentence (whose name needs an escape)
    table = user.run("query", "SELECT ?c ?s WHERE { ?c a rg:Community ; rg:statement ?s } ORDER BY ?c ?s LIMIT 1")
    entity, sentence = table.splitlines()[2].split()
    assert entity.startswith("community:") and sentence.startswith("report:") and "\\/" in sentence
    label = user.run("query", f"SELECT ?l WHERE {{ {entity} rdfs:label ?l }}", "--format", "csv").splitlines()
    assert entity.split(":", 1)[1].endswith(label[1])  # the IRI names the community within its region
    named = user.run("query", f"ASK {{ {entity} rg:statement {sentence} }}")
    assert named == "true\n"

    # the picture of a part of the graph
    drawn = user.run("viz", "--type", "Community", "Project", "--out", "part.html")
    assert "drawn:" in drawn and (home / "part.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    # every export format, read by another tool
    triples = len(rdflib.Graph().parse(graph_file, format="turtle"))
    for fmt, suffix in EXPORT_FORMATS.items():
        target = home / "exports" / (fmt if fmt == "csv" else f"graph{suffix}")
        user.run("export", "--format", fmt, "--out", str(target))
        if fmt in RDFLIB_NAMES:
            if fmt in ("nq", "trig"):
                dataset = rdflib.Dataset()
                dataset.parse(target, format=RDFLIB_NAMES[fmt])
                read = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
            else:
                read = set(rdflib.Graph().parse(target, format=RDFLIB_NAMES[fmt]))
            oxigraph = {q.triple for q in ox.parse(path=str(target), format=getattr(ox.RdfFormat, RDF_FORMATS[suffix]))}
            assert len(read) == len(oxigraph) == triples, fmt
        elif fmt == "graphml":
            net = nx.read_graphml(target)
            assert {d["type"] for _, d in net.nodes(data=True)} >= {"Report", "WorkArea", "Community"}
            assert any(d["relation"] == "coMentioned" for _, _, d in net.edges(data=True))
        else:
            for name in ("entities.csv", "indicators.csv"):
                data = (target / name).read_bytes()
                assert data.startswith(b"\xef\xbb\xbf"), name
                rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
                assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows), name
    assert sorted(p.name for p in (home / "exports").iterdir()) == sorted(
        fmt if fmt == "csv" else f"graph{suffix}" for fmt, suffix in EXPORT_FORMATS.items())
