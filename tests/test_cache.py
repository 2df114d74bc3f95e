"""cache: a rebuild extracts only what changed; the tool, the lexicon or a sidecar changing invalidates; shared safely."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from conftest import WriteReport
from reportgraph import cache, pipeline, workers
from reportgraph.lexicon import Lexicon
from reportgraph.link import Identities, LinkContext, Measures
from reportgraph.metadata import Metadata


def _reports(write_report: WriteReport, small: str, n: int = 4) -> list[Path]:
    return [write_report(small.replace("和风", name), f"r{i}.txt") for i, name in enumerate("甲乙丙丁戊己"[:n])]


def test_a_rebuild_extracts_only_the_report_that_changed(tmp_path: Path, write_report: WriteReport,
                                                         small_report_text: str) -> None:
    paths = _reports(write_report, small_report_text)
    folder = tmp_path / "cache"
    first = pipeline.build(paths, cache=folder)
    assert first.cached == 0
    again = pipeline.build(paths, cache=folder)
    assert again.cached == 4
    paths[2].write_text(small_report_text.replace("和风", "庚辛").replace("8.5%", "9.5%"), encoding="utf-8")
    changed = pipeline.build(paths, cache=folder)
    assert changed.cached == 3
    fresh = pipeline.build(paths)
    pipeline.write(changed, tmp_path / "cached")
    pipeline.write(fresh, tmp_path / "fresh")
    assert (tmp_path / "cached" / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()


def _key(folder: Path, path: Path, lexicon: Lexicon, stated: Metadata | None = None,
         identities: Identities | None = None, measures: Measures | None = None) -> str | None:
    job = workers.Job(lexicon=lexicon, context=LinkContext.of(lexicon, identities, measures),
                      stated=stated or Metadata(), finders=())
    return cache.Cache(folder, job).key(path)


def test_the_lexicon_options_sidecars_identities_measures_and_the_package_are_in_the_key(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_report(small_report_text)
    lexicon = Lexicon.load()
    base = _key(tmp_path, path, lexicon)
    assert base is not None and base == _key(tmp_path, path, Lexicon.load())
    user = tmp_path / "names.tsv"
    user.write_text("甲乙科技有限公司\tCompany\n", encoding="utf-8")
    assert _key(tmp_path, path, Lexicon.load(user)) != base
    assert _key(tmp_path, path, lexicon, Metadata(date="2024-07-15")) != base
    apart = Identities.parse("different 和风街道 和风社区\n")
    assert _key(tmp_path, path, lexicon, identities=apart) != base
    assert _key(tmp_path, path, lexicon, identities=Identities.parse("# nothing said\n")) == base
    more = tmp_path / "measures.tsv"
    more.write_text("夜间经济\thigher\t夜间经济|夜经济\n", encoding="utf-8")
    assert _key(tmp_path, path, lexicon, measures=Measures.load(more)) != base
    sidecar = path.with_name(path.stem + ".meta.json")
    sidecar.write_text('{"level": "town"}', encoding="utf-8")
    assert _key(tmp_path, path, lexicon) != base
    sidecar.unlink()
    monkeypatch.setattr(cache, "package_fingerprint", lambda: "another version of the rules")
    assert _key(tmp_path, path, lexicon) != base


def _package_digest(folder: Path, settled: float) -> str:
    digest = hashlib.sha256()
    cache._walk_files(folder, "", digest, settled)
    return digest.hexdigest()


@pytest.mark.parametrize("settled", ["long ago", "just now"])
def test_the_package_fingerprint_sees_a_module_rewritten_to_the_same_size_and_time(tmp_path: Path,
                                                                                 settled: str) -> None:
    """Known by its status (files long settled) or read (files just written), a rule changed is a new fingerprint."""
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    module = package / "rules.py"
    module.write_text("LIMIT = 1\n", encoding="utf-8")
    (package / "data" / "words.txt").write_text("# words\n", encoding="utf-8")
    when = time.time() + 60 if settled == "long ago" else time.time() - 60  # every file older, or newer, than it
    before = _package_digest(package, when)
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"bytecode")  # not part of the package
    assert _package_digest(package, when) == before
    stamp = module.stat()
    time.sleep(0.05)  # a later tick of the clock that stamps the file's status
    module.write_text("LIMIT = 2\n", encoding="utf-8")
    os.utime(module, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # the same size and modification time as before
    assert _package_digest(package, when) != before


_KEY_OF_A_LEXICON_IN_USE = """
import sys
from pathlib import Path
from reportgraph import cache, workers
from reportgraph.lexicon import Lexicon
from reportgraph.link import LinkContext
lexicon = Lexicon.load()
assert lexicon.names and lexicon.index  # looked up before the cache is opened: sets, in this process's order
job = workers.Job(lexicon=lexicon, context=LinkContext.of(lexicon), finders=())
print(cache.Cache(Path(sys.argv[1]), job).key(Path(sys.argv[2])))
"""


def test_the_key_is_the_same_in_every_process_whatever_the_lexicon_computed_before(
        tmp_path: Path, write_report: WriteReport, small_report_text: str) -> None:
    """Each process orders a set of names anew (string hashing is randomised): the key must not see that order."""
    path = write_report(small_report_text)
    keys = {subprocess.run([sys.executable, "-c", _KEY_OF_A_LEXICON_IN_USE, str(tmp_path), str(path)],
                           capture_output=True, text=True, check=True, timeout=120,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
            for seed in ("1", "2", "3")}
    assert len(keys) == 1
    assert keys == {_key(tmp_path, path, Lexicon.load())}


def test_a_changed_identity_file_rebuilds_and_the_cached_build_is_the_fresh_one(
        tmp_path: Path, write_report: WriteReport, small_report_text: str) -> None:
    paths = _reports(write_report, small_report_text)
    folder = tmp_path / "cache"
    pipeline.build(paths, cache=folder)
    identities = Identities.parse("same 某某市某某区甲街道办事处 某某市某某区乙街道办事处\n")
    changed = pipeline.build(paths, cache=folder, identities=identities)
    assert changed.cached == 0
    again = pipeline.build(paths, cache=folder, identities=Identities.parse("same 某某市某某区甲街道办事处 某某市某某区乙街道办事处\n"))
    assert again.cached == 4
    fresh = pipeline.build(paths, identities=Identities.parse("same 某某市某某区甲街道办事处 某某市某某区乙街道办事处\n"))
    assert not isomorphic(fresh.graph, pipeline.build(paths).graph)  # the rule joins two nodes
    pipeline.write(again, tmp_path / "cached")
    pipeline.write(fresh, tmp_path / "fresh")
    assert (tmp_path / "cached" / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()


def test_a_damaged_entry_is_a_miss_not_a_failure(tmp_path: Path, write_report: WriteReport,
                                                 small_report_text: str) -> None:
    paths = _reports(write_report, small_report_text, 2)
    folder = tmp_path / "cache"
    pipeline.build(paths, cache=folder)
    entries = sorted(folder.rglob("*.pickle"))
    assert len(entries) == 2
    entries[0].write_bytes(b"not a pickle")
    result = pipeline.build(paths, cache=folder)
    assert result.cached == 1 and not result.errors and len(result.reports) == 2


def test_reports_the_join_leaves_as_cached_are_spooled_as_their_entries_and_read_back_as_fresh(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, report_series: tuple[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild spools a report the join left as the cache gave it as its entry's bytes, not pickled again (here all
    but the one that assesses targets): read back alone or together, each is the fresh build's report, with its
    series and the report before it."""
    from reportgraph import stream

    targets, review = report_series
    paths = [*_reports(write_report, small_report_text, 3), write_report(targets, "s/2024.txt"),
             write_report(review, "s/2025.txt")]
    folder = tmp_path / "cache"
    pipeline.build(paths, cache=folder)
    read = []
    entry_read = pipeline._CachedReport.linked
    monkeypatch.setattr(pipeline._CachedReport, "linked", lambda self: read.append(self) or entry_read(self))
    again = pipeline.build(paths, cache=folder, graph=stream.Plan(spool=tmp_path / "out"))
    assert again.cached == 5 and isinstance(again.reports, pipeline.SpooledReports)
    fresh = pipeline.build(paths).reports
    assert fresh[4].previous is fresh[3].report and fresh[4].assessments
    together = again.reports.together()
    assert together == fresh and together[4].previous is together[3].report
    assert sorted(r.display_path for r in read) == ["2024.txt", "r0.txt", "r1.txt", "r2.txt"]
    assert list(again.reports) == fresh


def test_an_entry_replaced_since_it_was_read_gives_no_bytes(tmp_path: Path, write_report: WriteReport,
                                                            small_report_text: str) -> None:
    path = write_report(small_report_text)
    folder = tmp_path / "cache"
    pipeline.build([path], cache=folder)
    lexicon = Lexicon.load()
    store = cache.Cache(folder, workers.Job(lexicon=lexicon, context=LinkContext.of(lexicon)))
    key = store.key(path)
    entry = store.get(key)
    assert key is not None and entry is not None
    data = store.entry_bytes(key, entry.crc)
    assert data is not None and data == next(folder.rglob(f"{key}.pickle")).read_bytes()
    next(folder.rglob(f"{key}.pickle")).write_bytes(data + b".")
    assert store.entry_bytes(key, entry.crc) is None


def test_two_builds_sharing_a_cache_at_once_both_write_the_same_graph(tmp_path: Path, write_report: WriteReport,
                                                                      small_report_text: str) -> None:
    paths = _reports(write_report, small_report_text, 6)
    folder = tmp_path / "shared-cache"
    outs = [tmp_path / "a", tmp_path / "b"]
    procs = [subprocess.Popen([sys.executable, "-m", "reportgraph", "build", *map(str, paths), "--out", str(out),
                               "--cache", str(folder), "--jobs", "1", "--quiet"]) for out in outs]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    assert (outs[0] / "graph.ttl").read_bytes() == (outs[1] / "graph.ttl").read_bytes()
    assert (outs[0] / "graph.html").read_bytes() == (outs[1] / "graph.html").read_bytes()
    entries = list(folder.rglob("*.pickle"))
    chunks = [e for e in entries if cache.CHUNKS_DIR in e.relative_to(folder).parts]
    blocks = [e for e in chunks if e.name.startswith(cache.SHARED_BLOCKS)]  # the shared nodes' Turtle: one file
    pages = [e for e in chunks if e.name.startswith(cache.PAGE)]  # the last page: one file
    assert (len(entries) - len(chunks), len(chunks) - len(blocks) - len(pages), len(blocks), len(pages)) == (6, 6, 1, 1)
    assert not list(folder.rglob("*.tmp"))
    again = pipeline.build(paths, cache=folder)
    assert again.cached == 6


def test_a_rebuild_with_workers_reads_its_cache_here_and_is_the_fresh_build(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``jobs`` 2 the reports the cache holds are read in this process, their chunks too: only the chunks it
    lacks (the changed report's, and the next one's in their series) go to workers; a join of cached reports cuts
    no words (each report's issuer was scoped when it was linked alone), so it loads no word dictionary."""
    from reportgraph import stream
    from reportgraph.export import to_turtle
    from reportgraph.extract import words

    paths = _reports(write_report, small_report_text)
    folder = tmp_path / "cache"
    # an issuer no entity of the reports is: its key is the one its name resolves to, which cuts it into words
    stated = Metadata(issuer="深圳市宝安区松岗街道")

    def built(out: Path) -> bytes:
        result = pipeline.build(paths, jobs=2, cache=folder, metadata=stated,
                                graph=stream.Plan(draw=True, spool=out))
        pipeline.write(result, out)
        return (out / "graph.ttl").read_bytes()

    assert built(tmp_path / "one") == to_turtle(pipeline.build(paths, metadata=stated).graph)

    def no_cut() -> None:
        raise AssertionError("a join of cached reports cut words")

    with monkeypatch.context() as patched:
        patched.setattr(words, "cutter", no_cut)
        assert built(tmp_path / "two") == (tmp_path / "one" / "graph.ttl").read_bytes()
    paths[1].write_text(small_report_text.replace("和风", "庚辛") + "\n新增企业3家。\n", encoding="utf-8")
    forked: list[int] = []
    real = workers.forked_map

    def counted(func: object, count: int, jobs: int) -> object:
        forked.append(count)
        return real(func, count, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "forked_map", counted)
    assert built(tmp_path / "three") == to_turtle(pipeline.build(paths, metadata=stated).graph)
    assert sum(forked) < len(paths)
