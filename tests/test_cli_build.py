"""``reportgraph build``, run in-process through ``cli.main`` and once as a real process."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import WriteReport
from reportgraph import cli
from reportgraph.vocab import ENTITY_TYPES


def _graph(path: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(path, format="turtle")


def _build(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["build", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_help_explains_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["build", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("INPUT", "--out", "--lexicon", "--strict", "--quiet", "--help", "seeds/", "output/", "example"):
        assert word in out
    for etype in ENTITY_TYPES:
        assert etype in out


def test_missing_input_exits_2_with_a_clear_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "report.txt"
    code, out, err = _build(capsys, str(missing), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == f"reportgraph: error: {missing}: no such file or folder\n"
    assert not (tmp_path / "out").exists()


def test_folder_without_reports_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _build(capsys, str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "no reports found" in err


def test_bad_lexicon_exits_2(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    report = write_report(small_report_text)
    lexicon = write_report("幸福社区\tNeighbourhood\n", "lex.tsv")
    code, _, err = _build(capsys, str(report), "--lexicon", str(lexicon), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.startswith(f"reportgraph: error: {lexicon}: line 1:")
    assert err.count("\n") == 1


# --------------------------------------------------------------------------- building


def test_build_writes_graph_and_summary(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    report = write_report(small_report_text)
    out_dir = tmp_path / "new" / "out"
    code, out, err = _build(capsys, str(report), "--out", str(out_dir))
    assert (code, err) == (0, "")
    target = out_dir / "graph.ttl"
    assert len(_graph(target)) > 0
    # no temporary file left behind (.cache/ is the build cache)
    assert sorted(os.listdir(out_dir)) == [".cache", "graph.html", "graph.ttl"]
    assert "reports:     1" in out
    for etype in ENTITY_TYPES:
        assert etype in out
    assert "achievement" in out and "target" in out
    assert "work areas:" in out and "report.txt:" in out
    assert "problems:" in out
    assert str(target) in out


def test_build_replaces_an_existing_graph(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text("stale", encoding="utf-8")
    code, _, _ = _build(capsys, str(write_report(small_report_text)), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0
    assert len(_graph(tmp_path / "out" / "graph.ttl")) > 0


def test_lexicon_option(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    lexicon = write_report("和风街道办事处\tGovernmentBody\t和风街道\n", "lex.tsv")
    code, _, err = _build(capsys, str(write_report(small_report_text)), "--lexicon", str(lexicon), "--out", str(tmp_path / "o"))
    assert (code, err) == (0, "")


def test_quiet_prints_nothing(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    code, out, err = _build(capsys, str(write_report(small_report_text)), "--out", str(tmp_path / "o"), "--quiet")
    assert (code, out, err) == (0, "", "")


def test_one_bad_file_in_a_batch(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    good = write_report(small_report_text, "in/good.txt")
    bad = write_report(b"\x00\x01\x02binary", "in/bad.txt")
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert err == f"reportgraph: error: {bad}: looks like a binary file, not a text report\n"
    assert "Traceback" not in err
    assert "reports:     1" in out and "failed:      1" in out
    assert "good.txt" in out
    alone = tmp_path / "alone"
    assert cli.main(["build", str(good), "--out", str(alone), "--quiet"]) == 0
    assert isomorphic(_graph(tmp_path / "out" / "graph.ttl"), _graph(alone / "graph.ttl"))


def test_strict_stops_at_first_failure(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    write_report(b"", "in/a-empty.txt")
    write_report(small_report_text, "in/b-good.txt")
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict")
    assert code == 1
    assert err == f"reportgraph: error: {tmp_path / 'in' / 'a-empty.txt'}: file is empty\n"
    assert out == ""
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_nothing_built_exits_2_and_keeps_old_graph(capsys: pytest.CaptureFixture[str], write_report: WriteReport, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text("previous", encoding="utf-8")
    empty = write_report(b"", "empty.txt")
    blank = write_report("  \n", "blank.txt")
    code, out, err = _build(capsys, str(empty), str(blank), "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"{blank}: file has no text" in err and f"{empty}: file is empty" in err
    assert "nothing was built" in err
    assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8") == "previous"


def test_unwritable_output_is_one_line_exit_2(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    blocker = write_report("not a folder", "blocker")
    code, _, err = _build(capsys, str(write_report(small_report_text)), "--out", str(blocker / "sub"))
    assert code == 2
    assert err.startswith("reportgraph: error: ") and err.count("\n") == 1
    assert "Traceback" not in err


def test_default_input_is_seeds(capsys: pytest.CaptureFixture[str], repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    code, out, _ = _build(capsys, "--out", str(tmp_path))
    assert code == 0
    assert "shajing-2024h1.txt" in out
    assert len(_graph(tmp_path / "graph.ttl")) > 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_on_a_terminal(
    write_report: WriteReport, small_report_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    for n in range(4):
        write_report(small_report_text.replace("和风", f"和风{n}"), f"batch/r{n}.txt")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    argv = ["build", str(tmp_path / "batch"), "--out", str(tmp_path / "out")] + (["--quiet"] if quiet else [])
    assert cli.main(argv) == 0
    if quiet:
        assert terminal.getvalue() == ""
    else:
        assert "[1/4]" in terminal.getvalue() and "[4/4]" in terminal.getvalue()
        assert "r3.txt" in terminal.getvalue()


def test_no_progress_when_not_a_terminal(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path) -> None:
    for n in range(4):
        write_report(small_report_text, f"batch/r{n}.txt")
    code, _, err = _build(capsys, str(tmp_path / "batch"), "--out", str(tmp_path / "out"))
    assert (code, err) == (0, "")


def test_keyboard_interrupt_exits_130_quietly(capsys: pytest.CaptureFixture[str], write_report: WriteReport, small_report_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgraph import pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    code, out, err = _build(capsys, str(write_report(small_report_text)), "--out", str(tmp_path))
    assert (code, out, err) == (130, "", "")


# --------------------------------------------------------------------------- a real process


def test_python_m_reportgraph_build(bundled_report: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "reportgraph", "build", str(bundled_report.parent), "--out", str(out_dir)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "reports:     1" in proc.stdout
    graph = _graph(out_dir / "graph.ttl")
    assert len(graph) > 100


# --- the limits, links and --debug wired from the reading boundary -------------------------------


def test_a_limit_option_raises_or_lowers_a_bound(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "a.txt"
    report.write_text("某某镇2024年工作总结\n一、工作回顾\n（一）经济。新增企业12家。\n", encoding="utf-8")
    assert cli.main(["build", str(report), "--out", str(tmp_path / "out"), "--max-chars", "10"]) == 2
    err = capsys.readouterr().err
    assert "a.txt: report text is" in err and "--max-chars" in err
    assert cli.main(["build", str(report), "--out", str(tmp_path / "out"), "--max-chars", "0"]) == 2
    assert "--max-chars: must be a positive number" in capsys.readouterr().err
    assert cli.main(["build", str(report), "--out", str(tmp_path / "out"), "--max-chars", "1000"]) == 0


def test_a_link_out_of_a_folder_is_skipped_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, outside = tmp_path / "in", tmp_path / "outside.txt"
    folder.mkdir()
    (folder / "a.txt").write_text("某某镇2024年工作总结\n一、工作回顾\n（一）经济。新增企业12家。\n", encoding="utf-8")
    outside.write_text("某某县2024年工作总结\n一、工作回顾\n（一）经济。新增企业9家。\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(outside)
    assert cli.main(["build", str(folder), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "b.txt" in err and "warning" in err
    assert "新增企业9家" not in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert cli.main(["build", str(folder), "--out", str(tmp_path / "out2"), "--follow-links"]) == 0
    assert "新增企业9家" in (tmp_path / "out2" / "graph.ttl").read_text(encoding="utf-8")


def test_a_write_error_names_the_file_asked_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "a.txt"
    report.write_text("某某镇2024年工作总结\n一、工作回顾\n（一）经济。新增企业12家。\n", encoding="utf-8")
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("running as a user who can write into a read-only folder (root)")
        assert cli.main(["build", str(report), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "graph.ttl" in err and ".tmp" not in err
    finally:
        out.chmod(0o700)


def test_quiet_prints_errors_only(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                  small_report_text: str, tmp_path: Path) -> None:
    """-q drops the summary and the warnings; an error still says what went wrong."""
    write_report(small_report_text, "in/good.txt")
    write_report("只是一些文字，没有标题，也没有编号的标题。\n再写一句。\n", "in/notes.txt")
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "o"))
    assert code == 0 and "reportgraph: warning: " in err and "reports:     2" in out
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "o"), "-q")
    assert (code, out, err) == (0, "", "")
    write_report(b"\x00\x01binary", "in/bad.txt")
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "o"), "-q")
    assert (code, out) == (1, "") and err == f"reportgraph: error: {tmp_path / 'in' / 'bad.txt'}: looks like a binary file, not a text report\n"


def test_json_summary_on_stdout_messages_on_stderr(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                                   small_report_text: str, tmp_path: Path) -> None:
    write_report(small_report_text, "in/good.txt")
    write_report(b"\x00\x01binary", "in/bad.txt")
    code, text_out, _ = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "o"))
    code, out, err = _build(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--json")
    assert code == 1 and err.startswith("reportgraph: error: ")
    doc = json.loads(out)
    assert doc["exit_code"] == 1 and doc["reports"] == 1
    assert f"entities:    {doc['entities']['total']}  (" in text_out
    assert ", ".join(f"{t} {doc['entities'][t]}" for t in ENTITY_TYPES) in text_out
    assert f"indicators:  {doc['indicators']['total']}  (achievement {doc['indicators']['achievement']}, " in text_out
    assert f"work areas:  {doc['work_areas']['total']}  ({doc['work_areas']['numbered_sections']} numbered" in text_out
    assert f"problems:    {doc['problems']}" in text_out
    assert [f["source_file"] for f in doc["files"]] == ["good.txt"]
    assert doc["files"][0]["numbered_sections"][0] == "经济发展稳中有进"
    assert doc["failed"] == [{"file": str(tmp_path / "in" / "bad.txt"), "problem": "looks like a binary file, not a text report"}]
    assert doc["written"] == str(tmp_path / "o" / "graph.ttl") and doc["picture"]["nodes"] > 0
    code, out, err = _build(capsys, str(tmp_path / "in" / "good.txt"), "--out", str(tmp_path / "o"), "--json", "-q")
    assert code == 0 and json.loads(out)["exit_code"] == 0 and err == ""


def test_no_input_outside_a_checkout_says_what_to_do(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _build(capsys)
    assert (code, out) == (2, "")
    assert err.startswith("reportgraph: error: no INPUT given, and no seeds/ folder here") and err.count("\n") == 1
    assert "reportgraph build REPORT.txt" in err


def test_the_same_reports_from_two_folders_give_the_same_bytes(capsys: pytest.CaptureFixture[str], write_report: WriteReport,
                                                               small_report_text: str, tmp_path: Path) -> None:
    outputs = []
    for place in ("here", "there/and/deeper"):
        write_report(small_report_text, f"{place}/reports/2024/r.txt")
        code, _, _ = _build(capsys, str(tmp_path / place / "reports"), "--out", str(tmp_path / place / "out"), "-q")
        assert code == 0
        outputs.append((tmp_path / place / "out" / "graph.ttl").read_bytes())
    assert outputs[0] == outputs[1] and b'rg:sourceFile "2024/r.txt"' in outputs[0]


def test_a_build_imports_no_rdflib_pyvis_ipython_networkx_or_jieba(tmp_path: Path, bundled_report: Path) -> None:
    """The build writes graph.ttl and graph.html from its own triples: those libraries cost start-up for nothing."""
    code = (
        "import sys\nfrom reportgraph import cli\n"
        f"assert cli.main(['build', {str(bundled_report)!r}, '--out', {str(tmp_path)!r}, '--quiet']) == 0\n"
        "print(sorted(m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
        "('rdflib', 'pyvis', 'IPython', 'networkx', 'jieba')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "graph.ttl").is_file() and (tmp_path / "graph.html").is_file()


def test_a_build_whose_reports_all_come_from_its_cache_loads_no_word_dictionary(tmp_path: Path,
                                                                             bundled_report: Path) -> None:
    """rjieba's dictionary (built when it is imported) is most of a start-up; a rebuild that cuts nothing needs none."""
    code = (
        "import sys\nfrom reportgraph import cli\n"
        f"assert cli.main(['build', {str(bundled_report)!r}, '--out', {str(tmp_path)!r}, '--quiet']) == 0\n"
        "print('rjieba' in sys.modules)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
            for _ in range(2)]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]


def test_a_rebuild_of_the_same_triples_writes_the_last_page_and_any_change_draws_it_again(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, write_report: WriteReport, small_report_text: str,
        other_report_text: str) -> None:
    """The page is kept in the cache under a digest of what it is drawn from: a rebuild that changes nothing
    draws nothing; a changed report, or a damaged kept page, draws the page again, as a build without a cache does."""
    from reportgraph import cache, viz

    first = write_report(small_report_text, "a.txt")
    second = write_report(other_report_text, "b.txt")
    drawn: list[int] = []
    real = viz.render_html

    def counting(vg: viz.VizGraph, **kwargs: object) -> str:
        drawn.append(len(vg.nodes))
        return real(vg, **kwargs)  # type: ignore[arg-type]

    def fresh(name: str) -> bytes:
        assert cli.main(["build", str(first), str(second), "--out", str(tmp_path / name), "--no-cache", "--quiet",
                         *one_job]) == 0
        return (tmp_path / name / "graph.html").read_bytes()

    out = tmp_path / "out"
    one_job = ["--jobs", "1"]  # the pages drawn here are counted (with jobs, a forked process draws it)
    viz.render_html = counting  # type: ignore[assignment]
    try:
        code, text, _ = _build(capsys, str(first), str(second), "--out", str(out), *one_job)
        assert code == 0 and len(drawn) == 1
        code, again, _ = _build(capsys, str(first), str(second), "--out", str(out), *one_job)
        assert code == 0 and len(drawn) == 1  # the same triples: the kept page, not drawn again
        assert [line for line in again.splitlines() if line.startswith("picture:")] == \
            [line for line in text.splitlines() if line.startswith("picture:")]
        assert (out / "graph.html").read_bytes() == fresh("fresh1")
        second.write_text(other_report_text + "\n新增企业3家。\n", encoding="utf-8")
        assert cli.main(["build", str(first), str(second), "--out", str(out), "--quiet", *one_job]) == 0
        assert len(drawn) == 3  # the changed report's page (and the fresh build's)
        assert (out / "graph.html").read_bytes() == fresh("fresh2")
        [kept] = (out / ".cache" / cache.CHUNKS_DIR).glob(f"{cache.PAGE}*")
        kept.write_bytes(b"not a pickle")
        assert cli.main(["build", str(first), str(second), "--out", str(out), "--quiet", *one_job]) == 0
        assert len(drawn) == 5
        assert (out / "graph.html").read_bytes() == (tmp_path / "fresh2" / "graph.html").read_bytes()
    finally:
        viz.render_html = real  # type: ignore[assignment]
