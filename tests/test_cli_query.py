"""``reportgraph query``: the named queries, your own SPARQL, every format and every error, as a user types them."""
from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from reportgraph import cli
from reportgraph.sparql import named_queries, named_query
from reportgraph.termwidth import display_width


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["query", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_list_prints_one_line_per_named_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(named_queries())
    assert any(line.startswith("entity NAME ") for line in lines)
    assert all(len(line.split(None, 1)) == 2 for line in lines)


def test_query_help_explains_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["query", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--name", "--graph", "--format", "--list", "-f", "table", "csv", "tsv", "json", "ttl", "ASK"):
        assert word in out


def test_named_query_as_a_table(capsys: pytest.CaptureFixture[str], seed_graph_file: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run_cli(capsys, "--name", "targets", "--graph", str(seed_graph_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("area") and all(display_width(line) <= 100 for line in lines)
    assert lines[2].startswith("抓经济  规上工业增加值")


def test_entity_with_its_argument_and_a_hint_when_nothing_matches(
    capsys: pytest.CaptureFixture[str], seed_graph_file: Path
) -> None:
    code, out, _ = run_cli(capsys, "--name", "entity", "沙头社区", "--graph", str(seed_graph_file), "--format", "csv")
    assert code == 0
    assert "^rg:locatedIn,沙头社区利益统筹项目" in out
    code, out, err = run_cli(capsys, "entity", "沙头", "--graph", str(seed_graph_file))
    assert code == 0 and "(0 rows)" in out
    assert "沙头社区" in err and "no entity is named exactly" in err
    code, _, err = run_cli(capsys, "--name", "entity", "--graph", str(seed_graph_file))
    assert code == 2 and "needs NAME" in err


def test_ask_exits_0_when_true_and_1_when_false(capsys: pytest.CaptureFixture[str], seed_graph_file: Path) -> None:
    code, out, _ = run_cli(capsys, "ASK { ?p a rg:Problem }", "--graph", str(seed_graph_file))
    assert (code, out) == (0, "true\n")
    code, out, _ = run_cli(capsys, "ASK { ?p a rg:NoSuchThing }", "--graph", str(seed_graph_file))
    assert (code, out) == (1, "false\n")


def test_query_from_a_file(capsys: pytest.CaptureFixture[str], seed_graph_file: Path, tmp_path: Path) -> None:
    rq = tmp_path / "communities.rq"
    rq.write_text("SELECT ?name\nWHERE { ?c a rg:Community ; rdfs:label ?name }\nORDER BY ?name\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "-f", str(rq), "--graph", str(seed_graph_file), "--format", "tsv")
    assert code == 0
    assert "和一社区" in out.splitlines()
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?name\nWHERE { ?c a rg:Community ;\n  rdfs:label ?name \n", encoding="utf-8")
    code, _, err = run_cli(capsys, "-f", str(bad), "--graph", str(seed_graph_file))
    assert code == 2
    assert f"{bad}: SPARQL syntax error at line 3, column 19" in err  # just after the last word
    assert "^" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str], seed_graph_file: Path) -> None:
    code, _, err = run_cli(capsys, "target", "--graph", str(seed_graph_file))
    assert code == 2 and "no named query 'target'" in err and "targets" in err
    code, _, err = run_cli(capsys, "--name", "nosuch", "--graph", str(seed_graph_file))
    assert code == 2 and "achievements, areas, communities" in err
    code, _, err = run_cli(capsys, "--graph", str(seed_graph_file))
    assert code == 2 and "--list" in err
    code, _, err = run_cli(capsys, "SELECT ?c WHERE { ?c ?p ?o }", "--graph", str(seed_graph_file), "--format", "ttl")
    assert code == 2 and "CONSTRUCT and DESCRIBE" in err
    code, _, err = run_cli(capsys, "--graph", str(seed_graph_file), str(seed_graph_file), "targets")
    assert code == 2 and "own --graph" in err


def test_missing_default_graph_says_how_to_build_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(capsys, "targets")
    assert code == 2
    assert os.path.join("output", "graph.ttl") in err and "reportgraph build" in err


def test_unreadable_seed_graph_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix rg: <https://w3id.org/reportgraph/ns#> .\nrg:a rg:b .\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "targets", "--graph", str(bad))
    assert code == 2 and f"{bad}: not valid Turtle" in err
    code, _, err = run_cli(capsys, "targets", "--graph", str(tmp_path / "none.ttl"))
    assert code == 2 and "none.ttl: no such file" in err


def test_show_prints_a_complete_query(capsys: pytest.CaptureFixture[str], seed_graph_file: Path) -> None:
    """With its PREFIX lines, so it runs in any SPARQL tool; a named query without arguments as its template."""
    code, out, _ = run_cli(capsys, "--name", "targets", "--show")
    assert code == 0 and out.startswith("# summary:") and "PREFIX rg: <https://w3id.org/reportgraph/ns#>" in out
    assert out.endswith(named_query("targets").sparql.split("\n\n", 1)[1])
    store = ox.Store()
    store.bulk_load(path=str(seed_graph_file), format=ox.RdfFormat.TURTLE)
    assert len(list(store.query(out))) > 0
    code, template, _ = run_cli(capsys, "entity", "--show")  # no NAME: the template
    assert code == 0 and "VALUES ?name { UNDEF }" in template and "PREFIX skos:" in template
    code, filled, _ = run_cli(capsys, "entity", "沙头社区", "--show", "--graph", str(seed_graph_file))
    assert code == 0 and '    VALUES ?name { "沙头社区"@zh }' in filled and "    VALUES ?name { UNDEF }" not in filled
    code, table, _ = run_cli(capsys, "entity", "沙头社区", "--graph", str(seed_graph_file), "--format", "csv")
    assert len(list(store.query(filled))) == len(table.splitlines()) - 1 > 0
    code, own, _ = run_cli(capsys, "SELECT ?c WHERE { ?c rdfs:label ?want }", "--param", "want=沙头社区", "--show",
                           "--graph", str(seed_graph_file))
    assert own == ('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n'
                   'SELECT ?c WHERE { VALUES ?want { "沙头社区"@zh } ?c rdfs:label ?want }\n')


def test_param_binds_the_graphs_form_anywhere_once(capsys: pytest.CaptureFixture[str], seed_graph_file: Path) -> None:
    graph = ("--graph", str(seed_graph_file), "--format", "csv")
    code, out, _ = run_cli(capsys, "SELECT ?c WHERE { ?c rdfs:label ?want }", "--param", "want=沙头社区", *graph)
    assert (code, out.splitlines()[1:]) == (0, ["https://w3id.org/reportgraph/id/community/深圳市宝安区沙井街道沙头社区"])
    code, out, _ = run_cli(capsys, "SELECT ?c WHERE { ?c rdfs:label ?want }", "--param", "want=沙头社区^^xsd:string", *graph)
    assert (code, out.splitlines()[1:]) == (0, [])
    code, out, _ = run_cli(capsys, "SELECT ?l WHERE { ?c rdfs:label ?l }", "--param", "c=community:深圳市宝安区沙井街道沙头社区", *graph)
    assert out.splitlines()[1:] == ["沙头社区"]
    code, _, err = run_cli(capsys, "SELECT ?c WHERE { ?c rdfs:label ?want }", "--param", "wnt=x", *graph)
    assert code == 2 and "no variable ?wnt" in err


def test_the_command_as_a_user_runs_it(seed_graph_file: Path, tmp_path: Path) -> None:
    """``python -m reportgraph query`` in a child process, from a folder with output/graph.ttl."""
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.ttl").write_bytes(seed_graph_file.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("COLUMNS", None)

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "reportgraph", "query", *argv], cwd=tmp_path,
                              capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)

    done = run("--name", "targets", "--format", "csv")
    assert done.returncode == 0, done.stderr
    table = list(csv.reader(io.StringIO(done.stdout, newline="")))
    assert table[0] == ["area", "metric", "value", "unit", "qualifier", "sentence", "report"]
    assert table[1][:2] == ["抓经济", "规上工业增加值"] and Decimal(table[1][2]) == 7 and table[1][3] == "%"
    done = run("SELECT ?c WHERE { ?c a rg:Community }")
    assert done.returncode == 0 and "community:深圳市宝安区沙井街道沙头社区" in done.stdout  # piped: nothing is cut
    done = run("SELECT ?l WHERE { community:深圳市宝安区沙井街道沙头社区 rdfs:label ?l }")  # the table's IRI, pasted back
    assert done.returncode == 0 and "(1 row)" in done.stdout
    done = run("SELECT ?c WHERE {\n  ?c a rg:Community\n  FILTER(?c = }")
    assert done.returncode == 2
    assert "line 3, column" in done.stderr and "Traceback" not in done.stderr
    done = run("ASK { ?c a rg:Community }")
    assert (done.returncode, done.stdout) == (0, "true\n")


HOSTILE_GRAPH = """\
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:text "red\\u001B[31m title\\u001B]0;pwned\\u0007 \\u009B2J end" ;
    ex:formula "=HYPERLINK(\\"http://x\\")" ;
    ex:at "@SUM(A1)" ;
    ex:n -5 .
"""


def test_table_and_errors_never_send_control_characters(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Report text with ESC sequences shows them as escapes; so do error lines quoting a file name or the query."""
    graph = tmp_path / "hostile.ttl"
    graph.write_text(HOSTILE_GRAPH, encoding="utf-8")
    code, out, _ = run_cli(capsys, "SELECT ?t WHERE { ?s <http://example.org/text> ?t }", "--graph", str(graph))
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "red\\x1b[31m title\\x1b]0;pwned\\x07 \\x9b2J end" in out
    code, _, err = run_cli(capsys, "targets", "--graph", str(tmp_path / "\x1b[2Jgone.ttl"))
    assert code == 2 and "\x1b" not in err and "\\x1b[2Jgone.ttl: no such file" in err
    code, _, err = run_cli(capsys, "SELECT ?t WHERE { ?s \x1b[31m }", "--graph", str(graph))
    assert code == 2 and "\x1b" not in err and "\\x1b[31m" in err
    caret = err.splitlines()[-2:]  # the caret still stands under the column the message names
    assert caret[1].index("^") - 2 <= len(caret[0]) - 2


def test_csv_and_tsv_guard_cells_a_spreadsheet_would_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    graph = tmp_path / "hostile.ttl"
    graph.write_text(HOSTILE_GRAPH, encoding="utf-8")
    sparql = "SELECT ?f ?a ?n WHERE { ?s <http://example.org/formula> ?f ; <http://example.org/at> ?a ; <http://example.org/n> ?n }"
    code, out, _ = run_cli(capsys, sparql, "--graph", str(graph), "--format", "csv")
    assert code == 0
    assert list(csv.reader(io.StringIO(out, newline="")))[1] == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "-5"]
    code, out, _ = run_cli(capsys, sparql, "--graph", str(graph), "--format", "tsv")
    assert out.splitlines()[1].split("\t") == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "-5"]


# --------------------------------------------------------------------------- limits: in a child, as a user runs it

#: Three patterns over every triple: 1,200³ rows to count, far past any time limit a test waits for.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Two patterns over every triple, sorted: 1,440,000 rows held at once, far past 64 MB.
HOARDER = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f ?a ?d LIMIT 1"


@pytest.fixture(scope="module")
def generated_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,200 triples the test writes itself: small to load, huge to join with itself."""
    path = tmp_path_factory.mktemp("generated") / "graph.nt"
    path.write_text("".join(f"<http://example.org/s{i % 40}> <http://example.org/p{i % 7}> \"{i}\" .\n"
                            for i in range(1200)), encoding="utf-8")
    return path


def query_process(*argv: str, stdout: Any = subprocess.PIPE) -> subprocess.Popen[str]:
    """``python -m reportgraph query ARGV`` as a user starts it, stderr (and stdout, unless given) captured."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "reportgraph", "query", *argv], stdout=stdout,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    return process.returncode, out or "", err


def test_service_is_refused_and_the_listener_receives_nothing(generated_graph: Path, loopback_listener: Any) -> None:
    code, out, err = finish(query_process(
        "--graph", str(generated_graph), f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{loopback_listener.port}/> "
        "{ ?s ?p ?o } }"))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "reportgraph: error: SERVICE (a federated query, line 1) is refused: queries may only read the loaded "
        "graph, never another endpoint"]
    time.sleep(0.3)
    assert loopback_listener.connections == 0


def test_a_runaway_query_stops_at_the_timeout(generated_graph: Path) -> None:
    started = time.monotonic()
    code, out, err = finish(query_process("--graph", str(generated_graph), "--timeout", "1", RUNAWAY))
    assert time.monotonic() - started < 60  # generous: it stops at about 1 s, the count would take minutes
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "reportgraph: error: the query ran longer than 1 s (--timeout); add LIMIT or narrow it, or give it more "
        "time with --timeout SECONDS (0: no limit)"]


def test_a_query_that_needs_too_much_memory_ends_with_a_message_not_an_abort(generated_graph: Path) -> None:
    code, out, err = finish(query_process("--graph", str(generated_graph), "--memory-limit", "64", HOARDER))
    assert code == 2 and code != 134 and out == ""
    assert len(err.splitlines()) == 1 and "needed more memory than --memory-limit allows (64 MB" in err


def test_ctrl_c_stops_a_running_query_at_once(generated_graph: Path) -> None:
    process = query_process("--graph", str(generated_graph), "--timeout", "600", RUNAWAY)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    while not children.read_text().split() and time.monotonic() < deadline:  # the query's processes are forked
        time.sleep(0.05)
    helpers = [int(pid) for pid in children.read_text().split()]
    assert helpers, "the query never started"
    time.sleep(0.5)  # the query is running in its child now
    process.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    code, out, err = finish(process)
    assert time.monotonic() - stopped < 10  # generous: it takes milliseconds
    assert (code, out) == (130, "")
    assert err.splitlines() == ["reportgraph: error: interrupted: the query was stopped"]
    for pid in helpers:  # nothing it started lives on
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


def test_no_timeout_and_the_row_limits(generated_graph: Path) -> None:
    code, out, _ = finish(query_process("--graph", str(generated_graph), "--timeout", "0",
                                        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
    assert code == 0 and "1200" in out
    code, out, err = finish(query_process("--graph", str(generated_graph), "--max-rows", "10",
                                          "SELECT ?o WHERE { ?s ?p ?o }"))
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 2 + 10 + 1 and out.splitlines()[-1].startswith("(10 rows; more were left out")
    code, out, err = finish(query_process("--graph", str(generated_graph), "--format", "tsv",
                                          "SELECT ?o WHERE { ?s ?p ?o }"))
    assert code == 0 and len(out.splitlines()) == 1 + 1200  # csv, tsv and json print every row
    code, out, err = finish(query_process("--graph", str(generated_graph), "--format", "csv", "--max-rows", "5",
                                          "SELECT ?o WHERE { ?s ?p ?o }"))
    assert code == 0 and len(out.splitlines()) == 1 + 5
    assert err.splitlines() == ["reportgraph: stopped after 5 rows (--max-rows 5); --max-rows 0 prints them all"]


@pytest.mark.parametrize("option", [("--timeout", "-1"), ("--memory-limit", "10"), ("--max-rows", "-3")])
def test_limits_out_of_range_are_usage_errors(capsys: pytest.CaptureFixture[str], generated_graph: Path,
                                              option: tuple[str, str]) -> None:
    code, out, err = run_cli(capsys, "--graph", str(generated_graph), *option, "ASK { ?s ?p ?o }")
    assert (code, out) == (2, "") and option[0] in err and len(err.splitlines()) == 1


def test_output_goes_straight_to_a_file(generated_graph: Path, tmp_path: Path) -> None:
    """The child writes to the standard output it shares with the command: a redirect gets every row."""
    target = tmp_path / "rows.csv"
    with target.open("w", encoding="utf-8") as fh:
        code, _, err = finish(query_process("--graph", str(generated_graph), "--format", "csv",
                                            "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", stdout=fh))
    assert code == 0, err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "o" and len(lines) == 1201


def test_a_reader_that_goes_away_ends_a_huge_output_quietly(generated_graph: Path) -> None:
    """``| head``: 1.44 million rows stream until the reader leaves, then the command ends at once, exit 0."""
    process = query_process("--graph", str(generated_graph), "--format", "csv", "--timeout", "120",
                            "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }")
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "a,b,c,o,p,s" and process.stdout.readline()
    process.stdout.close()
    started = time.monotonic()
    err = process.stderr.read() if process.stderr else ""
    assert process.wait(timeout=60) == 0 and time.monotonic() - started < 30
    assert err == ""


def test_help_teaches_the_limits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for option in ("--timeout SECONDS", "--memory-limit MB", "--max-rows N"):
        assert option in out
    assert "SERVICE" in out and "130 interrupted" in out
