"""datafiles: every packaged data file is declared by the modules that read it, and says so."""
from __future__ import annotations

import importlib
import os
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import reportgraph
from reportgraph import datafiles
from reportgraph.datafiles import DataFileError, datafile


def _import_every_module() -> None:
    """Import the whole package: each module declares its data files when it is imported."""
    for info in pkgutil.walk_packages(reportgraph.__path__, "reportgraph."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


_import_every_module()
FILES = datafiles.all_files()


def test_every_data_file_is_declared_by_a_module() -> None:
    undeclared = sorted(set(FILES) - set(datafiles.DECLARED))
    assert not undeclared, f"data files no module declares: {undeclared}"


def test_every_declared_file_exists() -> None:
    assert set(datafiles.DECLARED) <= set(FILES)


@pytest.mark.parametrize("path", FILES)
def test_a_data_file_says_what_it_holds_and_who_reads_it(path: str) -> None:
    data = datafiles.DECLARED[path]
    first = data.text.splitlines()[0]
    assert first.startswith("# ") and len(first) > 10, f"{path}: no header line saying what it holds"
    assert data.readers, f"{path}: no '# read by:' line"
    assert set(data.readers) == data.declared_by, (
        f"{path}: '# read by:' names {sorted(data.readers)}, the modules that declare it are {sorted(data.declared_by)}")


@pytest.mark.parametrize("path", FILES)
def test_a_data_file_has_entries_without_stray_whitespace(path: str) -> None:
    data = datafiles.DECLARED[path]
    assert data.lines, path
    assert all(line and not line.startswith("#") for line in data.lines)
    if path.endswith(".tsv"):
        assert all(len(row) >= 2 and all(row[:2]) for row in data.rows), path


def test_words_come_longest_first_and_unique() -> None:
    words = datafile("extract/names/boundaries.txt").words
    assert len(words) == len(set(words))
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)


def test_a_missing_file_fails_when_declared_not_when_read() -> None:
    with pytest.raises(DataFileError, match="no/such/file.txt"):
        datafile("no/such/file.txt")


def test_known_contents() -> None:
    units = {row[0]: (row[1], float(row[2])) for row in datafile("extract/indicators/units.tsv").rows}
    assert units["%"] == ("%", 1.0)
    assert units["公里"] == ("米", 1000.0)
    assert ("problems", "问题") in datafile("segment/part_keywords.tsv").rows
    assert datafile("segment/metadata_fields.tsv").pairs["信息提供日期"] == "date"
    assert "清醒地看到" in datafile("extract/problems/leads.txt").words


def test_named_patterns_are_compiled_when_first_asked_and_kept() -> None:
    patterns = datafiles.CompiledOnUse({"digits": r"\d+", "broken": "("})
    assert list(patterns) == ["digits", "broken"] and len(patterns) == 2
    assert patterns["digits"].fullmatch("2024") and patterns["digits"] is patterns["digits"]
    with pytest.raises(re.error):  # a broken pattern fails when asked for, not when the table is read
        patterns["broken"]
    with pytest.raises(KeyError):
        patterns["missing"]


def test_every_pattern_of_a_pattern_table_compiles() -> None:
    """Patterns compile on first use, so a broken one in a packaged table is caught here, not at a user's build."""
    tables = [f for f in datafiles.DECLARED.values() if "named_patterns" in vars(f)]
    assert {"segment/inline.tsv", "extract/problems/patterns.tsv"} <= {f.path for f in tables}
    for table in tables:
        for name, pattern in table.named_patterns.items():
            assert pattern.pattern == table.pairs[name], f"{table.path}: {name}"


def test_a_file_s_rows_and_lines_are_kept_between_runs_until_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run parses what the file holds and keeps it; the next one reads the kept views and not the file; a
    write to the file (its size, times or inode change) makes them parsed again."""
    monkeypatch.setattr(datafiles, "_ROOT", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(datafiles, "_SETTLED_SECONDS", -60.0)  # every file counts as settled
    (tmp_path / "data").mkdir()
    table = tmp_path / "data" / "t.tsv"
    table.write_text("# a table\n# read by: tests\n a \t b\t\n\tc\n", encoding="utf-8")

    def new_run() -> datafiles.DataFile:
        kept = datafiles._KeptViews()
        monkeypatch.setattr(datafiles, "_KEPT", kept)
        monkeypatch.setitem(datafiles.DECLARED, "t.tsv", datafiles.DataFile("t.tsv"))
        return datafiles.DECLARED["t.tsv"]

    first = new_run()
    assert first.rows == (("a", "b", ""), ("", "c")) and first.lines == ("a \t b", "c")
    datafiles._KEPT.save()
    second = new_run()
    monkeypatch.setattr(datafiles.DataFile, "text", property(lambda self: pytest.fail("the file was read")))
    assert second.rows == first.rows and second.lines == first.lines
    monkeypatch.undo()  # text readable again; the rest set anew below
    monkeypatch.setattr(datafiles, "_ROOT", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(datafiles, "_SETTLED_SECONDS", -60.0)
    table.write_text("# a table\n# read by: tests\nx\ty\n", encoding="utf-8")
    assert new_run().rows == (("x", "y"),)


def test_a_file_changed_a_moment_ago_is_parsed_and_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(datafiles, "_ROOT", str(tmp_path))
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    kept = datafiles._KeptViews()
    monkeypatch.setattr(datafiles, "_KEPT", kept)
    (tmp_path / "w.txt").write_text("# words\n# read by: tests\none\ntwo\n", encoding="utf-8")
    monkeypatch.setitem(datafiles.DECLARED, "w.txt", datafiles.DataFile("w.txt"))
    assert datafiles.DECLARED["w.txt"].lines == ("one", "two")
    kept.save()
    assert not kept._added and not os.path.exists(kept._path())


def test_a_big_file_is_parsed_when_asked_and_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every start reads the kept views whole: a big file's would cost each one more than parsing it saves the
    few commands that ask."""
    monkeypatch.setattr(datafiles, "_ROOT", str(tmp_path))
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(datafiles, "_SETTLED_SECONDS", -60.0)  # every file counts as settled
    kept = datafiles._KeptViews()
    monkeypatch.setattr(datafiles, "_KEPT", kept)
    (tmp_path / "small.txt").write_text("# words\n# read by: tests\none\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("# words\n# read by: tests\n" + "word\n" * 1000, encoding="utf-8")
    monkeypatch.setattr(datafiles, "_KEPT_MAX_BYTES", 1000)
    for name in ("small.txt", "big.txt"):
        monkeypatch.setitem(datafiles.DECLARED, name, datafiles.DataFile(name))
    assert datafiles.DECLARED["small.txt"].lines == ("one",)
    assert datafiles.DECLARED["big.txt"].lines == ("word",) * 1000
    kept.save()
    assert list(datafiles._KeptViews()._load()) == ["small.txt"]
    monkeypatch.setattr(datafiles, "_KEPT_MAX_BYTES", 1)  # a file kept by an earlier version, that kept any
    healed = datafiles._KeptViews()
    assert healed._load() == {}
    healed.save()
    assert datafiles._KeptViews()._load() == {}  # written again without it
