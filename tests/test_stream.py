"""stream.write_graph: graph.ttl written report by report is byte for byte the whole graph's Turtle; shards add up."""
from __future__ import annotations

import pickle
from typing import IO
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from conftest import WriteReport
from reportgraph import pipeline, rdf, stream
from reportgraph.cache import KeptPage
from reportgraph.export import to_turtle
from reportgraph.model import LinkedReport
from reportgraph.terms import Triple
from reportgraph.turtle import natural_key
from reportgraph.viz import VizGraph


def _three_reports(write_report: WriteReport, small: str, other: str, bundled: Path) -> list[Path]:
    return [write_report(small, "a.txt"), write_report(other, "b.txt"), bundled]


def test_streamed_turtle_is_the_whole_graphs_turtle(tmp_path: Path, write_report: WriteReport,
                                                    small_report_text: str, other_report_text: str,
                                                    bundled_report: Path) -> None:
    result = pipeline.build(_three_reports(write_report, small_report_text, other_report_text, bundled_report))
    written = stream.write_graph(result.reports, tmp_path / "out" / "graph.ttl")
    whole = to_turtle(rdf.to_graph(result.reports))
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == whole
    assert written.triples == len(result.graph)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.ttl"]  # spool files gone


def test_shards_hold_one_named_graph_per_report_and_add_up_to_the_graph(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str,
        bundled_report: Path) -> None:
    result = pipeline.build(_three_reports(write_report, small_report_text, other_report_text, bundled_report))
    written = stream.write_graph(result.reports, tmp_path / "graph.ttl", tmp_path / "shards")
    names = sorted(p.name for p in written.shards)
    assert stream.SHARED_SHARD in names and len(names) == 4
    union = Graph()
    for shard in written.shards:
        data = Dataset()
        data.parse(shard, format="nquads")
        graphs = {str(g.identifier) for g in data.graphs() if len(g)}
        if shard.name == stream.SHARED_SHARD:
            assert graphs <= {"urn:x-rdflib:default"}
        else:
            report = next(str(rdf.report_iri(lr.report)) for lr in result.reports
                          if stream.shard_name(str(rdf.report_iri(lr.report))) == shard.name)
            assert graphs == {f"{report}/graph"}
        for s, p, o, _ in data.quads():
            union.add((s, p, o))
        # a second RDF implementation reads every shard too
        assert len(list(ox.parse(path=str(shard), format=ox.RdfFormat.N_QUADS))) > 0
    assert isomorphic(union, result.graph)


def test_series_assessments_measures_and_name_forms_stream_as_the_whole_graph(
        tmp_path: Path, write_report: WriteReport, report_series: tuple[str, str]) -> None:
    from rdflib import RDF

    targets, review = report_series
    result = pipeline.build([write_report(targets, "a/2024.txt"), write_report(review, "a/2025.txt")])
    g = result.graph
    for kind in ("TargetAssessment", "Series", "Measure", "NameForm", "MeasureScheme"):
        assert any(g.subjects(RDF.type, rdf.RG[kind])), kind  # the test holds every new kind of node
    written = stream.write_graph(result.reports, tmp_path / "out" / "graph.ttl", tmp_path / "shards")
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == to_turtle(g)
    assert written.triples == len(g)
    union = Graph()
    for shard in written.shards:
        data = Dataset()
        data.parse(shard, format="nquads")
        for s, p, o, _ in data.quads():
            union.add((s, p, o))
    assert isomorphic(union, g)


def test_runs_whose_subjects_interleave_are_merged_block_by_block(tmp_path: Path) -> None:
    """Natural order could in principle put one report's blocks among another's: the merge still sorts them."""
    import pickle
    import tempfile

    a = [("x/r1/a1", "A1\n"), ("x/r1/a9", "A9\n")]
    b = [("x/r1/a5", "B5\n")]
    shared = [(natural_key("x/r0"), b"S0\n"), (natural_key("x/r1/a7"), b"S7\n"), (natural_key("x/z"), b"SZ\n")]
    with tempfile.TemporaryFile() as spool, tempfile.TemporaryFile() as body:
        runs = []
        for blocks in (b, a):  # as a chunk holds them: the text, then the index
            data = "\n".join(text for _, text in blocks).encode()
            index = pickle.dumps([(s, len(text.encode())) for s, text in blocks])
            runs.append(stream._Run(natural_key(blocks[0][0]), natural_key(blocks[-1][0]), spool.tell(), len(data),
                                    spool.tell() + len(data), len(index)))
            spool.write(data + index)
        stream._merge(iter(shared), runs, spool, body)
        body.seek(0)
        assert body.read().decode() == "S0\n\nA1\n\nB5\n\nS7\n\nA9\n\nSZ\n"


def test_the_prefixes_are_those_an_rdflib_graph_of_the_build_binds(write_report: WriteReport,
                                                                  small_report_text: str) -> None:
    from reportgraph.export import bind_readable_prefixes

    result = pipeline.build([write_report(small_report_text)])
    g = result.graph
    bind_readable_prefixes(g)
    kinds = stream.instance_kinds(str(s) for s in g.subjects())
    assert sorted((p, str(ns)) for p, ns in g.namespaces()) == stream.namespaces(kinds)


def test_release_lets_go_of_each_report_once_written(tmp_path: Path, write_report: WriteReport,
                                                     small_report_text: str, other_report_text: str) -> None:
    result = pipeline.build([write_report(small_report_text, "a.txt"), write_report(other_report_text, "b.txt")])
    whole = to_turtle(result.graph)
    pipeline.write(result, tmp_path, release=True)
    assert result.reports == [] and (tmp_path / "graph.ttl").read_bytes() == whole


def _planned(paths: list[Path], out: Path, *, jobs: int = 1, cache: Path | None = None) -> pipeline.BuildResult:
    """A build that makes each report's share of the graph in its own pass, as ``reportgraph build`` does."""
    plan = stream.Plan(draw=True, shards=out / stream.SHARDS_DIR, spool=out)
    return pipeline.build(paths, jobs=jobs, cache=cache, graph=plan)


def test_a_planned_build_writes_the_whole_graphs_turtle_shards_and_picture_with_one_or_two_jobs(
        tmp_path: Path, write_report: WriteReport, report_series: tuple[str, str], small_report_text: str,
        other_report_text: str, bundled_report: Path) -> None:
    from reportgraph.viz import GraphReader

    paths = [write_report(report_series[0], "s/2024.txt"), write_report(report_series[1], "s/2025.txt"),
             *_three_reports(write_report, small_report_text, other_report_text, bundled_report)]
    reference = pipeline.build(paths)
    drawn = GraphReader()
    expected = stream.write_graph(reference.reports, tmp_path / "ref" / "graph.ttl", tmp_path / "ref" / "shards",
                                  collect=drawn.add_triples)
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}"
        written = pipeline.write(_planned(paths, out, jobs=jobs), out)
        assert (out / "graph.ttl").read_bytes() == (tmp_path / "ref" / "graph.ttl").read_bytes()
        assert written.triples == expected.triples
        assert [p.name for p in written.shards] == [p.name for p in expected.shards]
        assert all(mine.read_bytes() == theirs.read_bytes() for mine, theirs in zip(written.shards, expected.shards))
        picture = written.picture  # without its indicators, read when a selection reaches them
        assert picture is not None and picture.whole is not None
        unread = picture.whole.__self__.deferred  # type: ignore[attr-defined]
        assert unread and not any(isinstance(data, bytes) for _, data in unread)  # read again from the spool
        assert picture.whole() == drawn.finish()  # after the spool is closed
        assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "shards"]  # spool files gone


def _page_of(picture: VizGraph) -> KeptPage:
    """A stand-in for the build's page: what it would draw, as bytes."""
    whole = picture.whole() if picture.whole is not None else picture
    return KeptPage(repr(sorted(whole.nodes.items())).encode("utf-8"), len(whole.nodes), whole.total_nodes)


def test_with_jobs_the_page_is_drawn_while_the_graph_is_merged_as_it_would_be_after(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str,
        bundled_report: Path) -> None:
    paths = _three_reports(write_report, small_report_text, other_report_text, bundled_report)
    drawn: dict[tuple[int, bool], stream.WrittenGraph] = {}
    for jobs in (1, 2):
        for cached in (False, True):
            out = tmp_path / f"jobs{jobs}{cached}"
            plan = stream.Plan(draw=True, spool=out, page=_page_of)
            result = pipeline.build(paths, jobs=jobs, cache=tmp_path / f"cache{jobs}" if cached else None, graph=plan)
            drawn[jobs, cached] = pipeline.write(result, out)
            assert (out / "graph.ttl").read_bytes() == (tmp_path / "jobs1False" / "graph.ttl").read_bytes()
    for cached in (False, True):
        alone, beside = drawn[1, cached], drawn[2, cached]
        assert alone.page is None and alone.picture is not None  # one job: drawn after, by the caller
        assert beside.picture is None and beside.page == _page_of(alone.picture)
        assert (beside.keep_page is not None) == cached  # the page drawn beside is kept for the next build too


def test_with_no_process_to_draw_it_in_or_one_that_dies_the_page_is_drawn_after(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str,
        bundled_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgraph import workers

    paths = _three_reports(write_report, small_report_text, other_report_text, bundled_report)

    def written(name: str) -> stream.WrittenGraph:
        out = tmp_path / name
        return pipeline.write(pipeline.build(paths, jobs=2, graph=stream.Plan(draw=True, spool=out, page=_page_of)), out)

    beside = written("beside")
    assert beside.page is not None

    def refused(self: workers.Forked[object], func: object) -> None:
        raise OSError("no more processes")

    def died(self: workers.Forked[object]) -> object:
        self.close()
        raise workers.WorkerDied(workers.WORKER_DIED)

    for name, method, replacement in (("refused", "__init__", refused), ("died", "result", died)):
        with monkeypatch.context() as patched:
            patched.setattr(workers.Forked, method, replacement)
            after = written(name)
        assert after.page is None and after.picture is not None and _page_of(after.picture) == beside.page
        assert (tmp_path / name / "graph.ttl").read_bytes() == (tmp_path / "beside" / "graph.ttl").read_bytes()


#: Invented: a company named in full in one report (_FULL_NAME) and short in another (_SHORT_NAME): joined,
#: the short name's mentions are the full name's node, so the second report's triples change when the first comes.
_FULL_NAME = """\
深圳市青松区和风街道办事处2023年工作总结
一、2023年工作总结
（一）经济发展。
深圳市青禾科技股份有限公司落户辖区，白鹭中学新增学位300个。
"""
_SHORT_NAME = """\
深圳市青松区和风街道办事处2024年工作总结
一、2024年工作总结
（一）经济发展。
青禾科技获评国家级专精特新小巨人企业，白鹭中学新增学位200个。
"""


def test_the_chunk_cache_formats_only_reports_whose_triples_changed(tmp_path: Path, write_report: WriteReport,
                                                                    small_report_text: str) -> None:
    """A new report can change what an unchanged one says (here: whose node its company is): that one is made again.

    A report the join leaves as it was is found by what it was made of: its triples are not even made.
    """
    from reportgraph.cache import ChunkCache

    made: list[str] = []
    real = ChunkCache.put
    real_triples = rdf.report_triples
    triples_of: list[str] = []

    def counting_put(self: ChunkCache, key: str, value: object) -> None:
        made.append(key)
        real(self, key, value)

    def counting_triples(lr: LinkedReport, ctx: rdf.GraphContext) -> list[Triple]:
        triples_of.append(Path(lr.report.path).name)
        return real_triples(lr, ctx)

    first = [write_report(_SHORT_NAME, "s/2024.txt"), write_report(small_report_text, "other.txt")]
    cache = tmp_path / "cache"
    ChunkCache.put = counting_put  # type: ignore[method-assign]
    rdf.report_triples = counting_triples
    try:
        pipeline.write(_planned(first, tmp_path / "one", cache=cache), tmp_path / "one")
        assert len(made) == 2
        made.clear()
        triples_of.clear()
        pipeline.write(_planned(first, tmp_path / "two", cache=cache), tmp_path / "two")
        assert made == [] and triples_of == []  # nothing formatted again, no triples made
        assert (tmp_path / "two" / "graph.ttl").read_bytes() == (tmp_path / "one" / "graph.ttl").read_bytes()
        both = [*first, write_report(_FULL_NAME, "s/2023.txt")]
        pipeline.write(_planned(both, tmp_path / "three", cache=cache), tmp_path / "three")
    finally:
        ChunkCache.put = real  # type: ignore[method-assign]
        rdf.report_triples = real_triples
    assert len(made) == 2  # the new report, and the one whose company is now the new one's node; not the other
    assert sorted(triples_of) == ["2023.txt", "2024.txt"]
    fresh = pipeline.build(both)
    assert (tmp_path / "three" / "graph.ttl").read_bytes() == to_turtle(fresh.graph)


def test_the_shared_nodes_blocks_are_formatted_again_only_where_their_triples_changed(
        tmp_path: Path, write_report: WriteReport, small_report_text: str) -> None:
    """A rebuild takes the shared nodes' Turtle from the last build, but for the nodes a new report names; a
    damaged file of kept blocks only means they are formatted again."""
    from reportgraph import cache as build_cache
    from reportgraph.turtle import TurtleWriter

    formatted: list[str] = []
    real = TurtleWriter.block_prefixes

    def counting(self: TurtleWriter, subject: str, preds: object) -> dict[str, str]:
        formatted.append(subject)
        return real(self, subject, preds)  # type: ignore[arg-type]

    first = [write_report(_SHORT_NAME, "s/2024.txt"), write_report(small_report_text, "other.txt")]
    folder = tmp_path / "cache"
    TurtleWriter.block_prefixes = counting  # type: ignore[method-assign]
    try:
        pipeline.write(_planned(first, tmp_path / "one", cache=folder), tmp_path / "one")
        every = len(formatted)
        formatted.clear()
        pipeline.write(_planned(first, tmp_path / "two", cache=folder), tmp_path / "two")
        assert every > 0 and formatted == []
        both = [*first, write_report(small_report_text + "\n新增企业3家。\n", "third.txt")]
        pipeline.write(_planned(both, tmp_path / "three", cache=folder), tmp_path / "three")
        [kept] = (folder / build_cache.CHUNKS_DIR).glob(f"{build_cache.SHARED_BLOCKS}*")
        with kept.open("rb") as fh:
            _, blocks = pickle.load(fh)
        assert 0 < len(formatted) < len(blocks)  # the new report's nodes, not every node again
        kept.write_bytes(b"not a pickle")
        pipeline.write(_planned(both, tmp_path / "four", cache=folder), tmp_path / "four")
    finally:
        TurtleWriter.block_prefixes = real  # type: ignore[method-assign]
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == (tmp_path / "one" / "graph.ttl").read_bytes()
    fresh = to_turtle(pipeline.build(both).graph)
    assert (tmp_path / "three" / "graph.ttl").read_bytes() == fresh
    assert (tmp_path / "four" / "graph.ttl").read_bytes() == fresh


def test_a_rebuild_without_shards_gathers_a_shared_node_again_from_every_report_that_names_it(
        tmp_path: Path, write_report: WriteReport, small_report_text: str) -> None:
    """Without shards a rebuild gathers no shared triples but those of the nodes whose digests changed; a node
    two reports name, that one of them stops naming or that a report dropped, is gathered and written anew."""
    def planned(paths: list[Path], out: Path, cache: Path | None) -> stream.WrittenGraph:
        plan = stream.Plan(draw=True, spool=out)
        return pipeline.write(pipeline.build(paths, cache=cache, graph=plan), out)

    first = write_report(small_report_text, "first.txt")
    second = write_report(small_report_text + "\n新增企业3家。\n", "second.txt")
    folder = tmp_path / "cache"
    for step, paths in enumerate(([first, second], "rename", [second])):
        if paths == "rename":  # the second report calls the community another name: the first one's node loses it
            second.write_text(small_report_text.replace("幸福社区", "安康社区") + "\n新增企业3家。\n", encoding="utf-8")
            paths = [first, second]
        assert isinstance(paths, list)
        kept = planned(paths, tmp_path / f"kept{step}", folder)
        fresh = planned(paths, tmp_path / f"fresh{step}", None)
        assert (tmp_path / f"kept{step}" / "graph.ttl").read_bytes() == to_turtle(pipeline.build(paths).graph)
        assert (tmp_path / f"kept{step}" / "graph.ttl").read_bytes() == (tmp_path / f"fresh{step}" / "graph.ttl").read_bytes()
        assert kept.triples == fresh.triples and kept.picture == fresh.picture


def _spooled(spool: IO[bytes], shares: list[dict[str, dict[str, dict[str, None]]]]) -> list[tuple[tuple[int, int], ...]]:
    """Each report's share written into ``spool`` part by part, as a build spools it: each part's place."""
    places = []
    for share in shares:
        spans = []
        for data in stream._in_parts(share):  # type: ignore[arg-type]
            spans.append((spool.tell(), len(data)))
            spool.write(data)
        places.append(tuple(spans))
    return places


def test_the_shared_nodes_are_gathered_a_part_at_a_time_each_node_whole_in_one_part(tmp_path: Path) -> None:
    import tempfile

    shares = [{f"x/e{i}": {"p": {f"r{r}/s{i}": None}} for i in range(40)} for r in range(3)]
    own: list[Triple] = [(f"x/e{i}", "label", f"e{i}") for i in range(0, 40, 3)]
    with tempfile.TemporaryFile(dir=tmp_path) as spool:
        places = [(spans, None) for spans in _spooled(spool, shares)]
        by_part = stream._own_by_part(own)
        parts = [dict(part) for part in stream._gathered(None, by_part, places, spool)]
        assert by_part == [[] for _ in range(stream._SHARE_PARTS)]  # each part's own triples let go of once gathered
        chosen = {"x/e3", "x/e5"}
        wanted = [dict(part) for part in stream._gathered(chosen, stream._own_by_part(own, chosen), places, spool)]
    assert len(parts) == stream._SHARE_PARTS and sum(1 for part in parts if part) > 1  # spread, not one
    subjects = [s for part in parts for s in part]
    assert sorted(subjects) == sorted(f"x/e{i}" for i in range(40))  # each node in one part only
    whole = {s: preds for part in parts for s, preds in part.items()}
    assert whole["x/e3"] == {"label": {"e3": None}, "p": {"r0/s3": None, "r1/s3": None, "r2/s3": None}}
    assert {s for part in wanted for s in part} == {"x/e3", "x/e5"}
    assert all(s in parts[stream._share_part(s)] for s in whole)


def test_the_shared_parts_formatted_in_workers_are_the_blocks_formatted_here(tmp_path: Path) -> None:
    """--jobs 2 formats the 16 parts of the shared nodes in forked workers, which read the spool with pread: the
    same blocks, count, subjects and prefixes as one process formatting them in turn."""
    import tempfile

    from reportgraph.turtle import TurtleWriter

    ns = [("ex", "http://example.org/")]
    shares = [{f"http://example.org/e{i}": {"http://example.org/p": {f"http://example.org/r{r}/s{i}": None}}
               for i in range(40)} for r in range(3)]
    own: list[Triple] = [(f"http://example.org/e{i}", "http://www.w3.org/2000/01/rdf-schema#label", f"e{i}")
                         for i in range(0, 40, 3)]
    results = []
    for jobs in (1, 2):
        with tempfile.TemporaryFile(dir=tmp_path) as spool:
            places = _spooled(spool, shares)
            writer = TurtleWriter(ns)
            if jobs == 1:
                blocks, count, subjects = stream._formatted(
                    writer, stream._gathered(None, stream._own_by_part(own), ((p, None) for p in places), spool), spool)
            else:
                blocks, count, subjects = stream._formatted_in_workers(writer, own, places, spool, jobs)
            texts = [stream._read(spool, span) for _, span in blocks]
        results.append((texts, count, sorted(subjects), writer.prefix_lines()))
    assert results[0] == results[1]
    assert results[0][1] == 40 * 3 + len(own) and results[0][3]


def test_a_page_drawn_beside_a_cached_graph_is_let_go_of_when_the_graph_cannot_be_written(
        tmp_path: Path, write_report: WriteReport, small_report_text: str, other_report_text: str,
        bundled_report: Path) -> None:
    """A build with a cache begins the page's process after the shared blocks: a failure later stops it too."""
    import multiprocessing

    paths = _three_reports(write_report, small_report_text, other_report_text, bundled_report)
    out = tmp_path / "out"
    plan = stream.Plan(draw=True, spool=out, page=_page_of)
    result = pipeline.build(paths, jobs=2, cache=tmp_path / "cache", graph=plan)
    assert result.prepared is not None and multiprocessing.active_children() == []
    taken = tmp_path / "taken"  # a folder where graph.ttl would go: it cannot be replaced by a file
    taken.mkdir()
    with pytest.raises(OSError):
        result.prepared.finish(taken)
    assert multiprocessing.active_children() == []
