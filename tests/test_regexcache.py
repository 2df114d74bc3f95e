"""The kept compilations of the package's patterns: the very patterns ``re.compile`` makes, from the file or not."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgraph import regexcache
from reportgraph.segment import inline

pytestmark = pytest.mark.skipif(regexcache._sre is None, reason="the stdlib's compiler internals are 3.11+")

#: Patterns of every shape the package has: classes the stdlib walks slowly, groups, flags, back-references.
SOURCES = [
    (inline._HEAD_TOKENS.pattern, 0),
    (r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]", 0),
    (r"(?P<num>\d+)(?:\.(?P=num))?|(ab)\2", 0),
    (r"^ {0,3}#{1,6}[ \t]+", re.M),
    (r"<body[\s>]", re.IGNORECASE),
    (r"(?s)^([一二三四五六七八九十]+)、(.*)$", 0),
]


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache as a new process finds it, its file under a pycache prefix of the test's own."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(regexcache, "_entries", None)
    monkeypatch.setattr(regexcache, "_asked", set())
    monkeypatch.setattr(regexcache, "_added", False)
    yield Path(regexcache._path())


def _new_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the next process starts with: nothing loaded, nothing added."""
    monkeypatch.setattr(regexcache, "_entries", None)
    monkeypatch.setattr(regexcache, "_asked", set())
    monkeypatch.setattr(regexcache, "_added", False)


@pytest.mark.parametrize(("source", "flags"), SOURCES)
def test_a_pattern_from_the_file_is_the_one_re_compile_makes(
        fresh_cache: Path, monkeypatch: pytest.MonkeyPatch, source: str, flags: int) -> None:
    """Patterns compare equal only when their flags, text and compiled code are the same."""
    made = regexcache.compile(source, flags)
    assert made == re.compile(source, flags) and made.groupindex == re.compile(source, flags).groupindex
    regexcache._save()
    assert fresh_cache.is_file()
    _new_run(monkeypatch)
    kept = regexcache.compile(source, flags)
    assert not regexcache._added  # it came from the file
    assert kept == re.compile(source, flags)
    assert kept.groups == made.groups and kept.groupindex == made.groupindex and kept.flags == made.flags
    text = "2024年6月1日在区十八届人大会议上 记者 王 五 摄\n# 标题 <body>一、工作"
    assert [m.span() for m in kept.finditer(text)] == [m.span() for m in re.finditer(source, text, flags)]


def test_the_file_lies_where_bytecode_does(fresh_cache: Path, tmp_path: Path) -> None:
    package = os.path.dirname(os.path.abspath(regexcache.__file__))
    assert str(fresh_cache).startswith(str(tmp_path)) and package.lstrip(os.sep) in str(fresh_cache)
    assert sys.implementation.cache_tag in fresh_cache.name


def test_nothing_is_written_where_bytecode_is_not(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    regexcache.compile(r"[\u3000-\u303f]+")
    regexcache._save()
    assert not fresh_cache.exists()


def test_a_run_that_compiles_nothing_new_leaves_the_file(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regexcache.compile(r"[\u4e00-\u9fff]{2}")
    regexcache._save()
    before = fresh_cache.stat().st_mtime_ns
    _new_run(monkeypatch)
    regexcache.compile(r"[\u4e00-\u9fff]{2}")
    regexcache._save()
    assert fresh_cache.stat().st_mtime_ns == before and not regexcache._added


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\xe9\x00\x00", None])
def test_a_damaged_file_or_entry_is_compiled_again(
        fresh_cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None) -> None:
    """Garbage, a file of another shape, or an entry the engine refuses: the pattern is compiled as re does."""
    source = r"(?P<a>[\u4e00-\u9fff]+)年"
    fresh_cache.parent.mkdir(parents=True, exist_ok=True)
    if content is None:  # a well-formed file whose entry is not the compiler's output
        fresh_cache.write_bytes(marshal.dumps({(source, 0): (0, [999, 1, 2], 0, {}, (None,))}))
    else:
        fresh_cache.write_bytes(content)
    assert regexcache.compile(source) == re.compile(source)
    assert regexcache._added
    regexcache._save()
    _new_run(monkeypatch)
    assert regexcache.compile(source) == re.compile(source) and not regexcache._added


def test_a_bad_pattern_fails_as_re_compile_fails(fresh_cache: Path) -> None:
    with pytest.raises(re.error):
        regexcache.compile("(?P<a>x")


def test_too_many_entries_keep_this_runs_own(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Patterns the package no longer has (an upgrade changed them) do not pile up in the file."""
    monkeypatch.setattr(regexcache, "_MAX_ENTRIES", 3)
    regexcache._entries = {(f"y{n}", 0): regexcache._compile_anew(f"y{n}", 0)[1] for n in range(4)}
    regexcache.compile("z")
    regexcache._save()
    _new_run(monkeypatch)
    assert set(regexcache._load()) == {("z", 0)}


def test_a_second_build_compiles_no_pattern_anew_whatever_the_hash_seed(tmp_path: Path, bundled_report: Path) -> None:
    """A pattern made from a set's iteration order is another text in every process (strings hash with a new seed
    each time): it would miss the file and rewrite it at every build, and the file would grow with each."""
    code = (
        "import sys\nfrom reportgraph import cli, regexcache\n"
        f"assert cli.main(['build', {str(bundled_report)!r}, '--out', {str(tmp_path / 'out')!r}, '--quiet', "
        "'--no-cache']) == 0\n"
        "print(regexcache._added, len(regexcache._entries))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = []
    for seed in ("1", "2"):
        env.update(PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"), PYTHONHASHSEED=seed)
        runs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                                   check=True, env=env).stdout.split())
    assert runs[0][0] == "True" and runs[1] == ["False", runs[0][1]]
