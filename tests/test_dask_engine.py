"""dask_engine: a build on a dask.distributed cluster (two workers on loopback) equals the local build."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import WriteReport
from reportgraph import cli, pipeline, stream
from reportgraph.errors import ReportError

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster of two worker processes, listening on 127.0.0.1 only, stopped after the tests."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as cluster:
        yield cluster.scheduler_address


def _corpus(write_report: WriteReport, small: str, other: str) -> list[Path]:
    paths = [write_report(small.replace("和风", name), f"r{i}.txt") for i, name in enumerate("甲乙丙丁")]
    paths.append(write_report(other, "other.txt"))
    paths.append(write_report(b"", "empty.txt"))
    return paths


def test_the_cluster_build_writes_the_local_builds_graph_and_shards(tmp_path: Path, scheduler: str,
                                                                    write_report: WriteReport,
                                                                    small_report_text: str,
                                                                    other_report_text: str) -> None:
    paths = _corpus(write_report, small_report_text, other_report_text)
    local = pipeline.build(paths)
    on_cluster = pipeline.build(paths, executor="dask", scheduler=scheduler)
    assert [str(e) for e in on_cluster.errors] == [str(e) for e in local.errors] and len(local.errors) == 1
    pipeline.write(local, tmp_path / "local", shards=tmp_path / "local" / stream.SHARDS_DIR)
    code = cli.main(["build", *map(str, paths), "--out", str(tmp_path / "dask"), "--executor", "dask",
                     "--scheduler", scheduler, "--no-cache", "--quiet"])
    assert code == 1  # the empty file failed, the others were written
    assert (tmp_path / "dask" / "graph.ttl").read_bytes() == (tmp_path / "local" / "graph.ttl").read_bytes()
    shards = sorted(p.name for p in (tmp_path / "dask" / "shards").iterdir())
    assert shards == sorted(p.name for p in (tmp_path / "local" / "shards").iterdir()) and len(shards) == 6
    for name in shards:
        assert (tmp_path / "dask" / "shards" / name).read_bytes() == (tmp_path / "local" / "shards" / name).read_bytes()


def test_an_unreachable_scheduler_is_one_clear_error(write_report: WriteReport, small_report_text: str) -> None:
    with pytest.raises(ReportError, match="cannot reach the dask scheduler"):
        pipeline.build([write_report(small_report_text)], executor="dask", scheduler="tcp://127.0.0.1:9")
