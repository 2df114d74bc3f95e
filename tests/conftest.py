"""Shared fixtures. Tests write their own reports; only ``bundled_report`` reads the repo's seed."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal

REPO = Path(__file__).resolve().parent.parent

#: A short, invented report in the genre: title, source line, the three parts,
#: numbered sections with figures, a community and a project, problems, targets.
SMALL_REPORT = """\
某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划

信息来源:某某市某某区和风街道办事处 信息提供日期:2024-07-15 10:30

  一、上半年工作总结

  上半年,和风街道在区委、区政府的正确领导下,聚焦高质量发展,各项工作有序推进。

  (一)经济发展稳中有进。1-6月,实现规上工业增加值增长8.5%,社会消费品零售总额增长6.2%。新增企业12家,其中规上工业企业3家。招引新项目落户5宗,新增注资1.2亿元。

  (二)城市建设提质增效。幸福社区土地整备利益统筹项目完成签约,签约率98%。幸福社区新建口袋公园2个,改造老旧小区3个。清理违法建筑1.5万平方米。

  二、存在的主要问题

  一是经济增长动力不足,部分企业经营困难。二是公共服务供给不足,学位和床位仍然紧张。

  三、下半年工作计划

  (一)抓经济。力争全年规上工业增加值增长6%以上,新增企业20家以上。

  (二)抓建设。推进幸福社区土地整备利益统筹项目拆除清表,年内完成拆除率90%。
"""

#: A second invented report, so that batches have two different reports.
OTHER_REPORT = """\
某某市某某区青山镇人民政府2024年工作报告

信息来源:某某市某某区青山镇人民政府 信息提供日期:2025-01-20 09:00

  一、2024年工作总结

  (一)产业发展持续向好。全年实现地区生产总值增长5.8%,新增企业30家。青山村乡村振兴示范项目建成投用。

  二、存在的主要问题

  一是产业结构单一。二是基础设施欠账较多。

  三、2025年工作计划

  (一)抓产业。力争地区生产总值增长5%以上。
"""


#: Two invented reports of one city, a series: 2024's with its targets, and 2025's, which reviews them (one target
#: met, one not met, one not reported) and names the city's government two ways (in full, and as 市政府).
SERIES_TARGETS = """\
某某市人民政府2024年政府工作报告
一、2023年工作回顾
（一）经济运行。
市政府推进各项工作。
二、2024年工作安排
（一）主要预期目标。
地区生产总值增长5%左右，固定资产投资增长8%，新增企业200家以上。
"""
SERIES_REVIEW = """\
某某市人民政府2025年政府工作报告
一、2024年工作回顾
（一）经济运行。
地区生产总值增长5.3%，新增企业180家。
二、2025年工作安排
（一）主要预期目标。
地区生产总值增长5%左右。
"""


@pytest.fixture
def small_report_text() -> str:
    """A short synthetic work report in Chinese (invented names, invented figures)."""
    return SMALL_REPORT


@pytest.fixture
def other_report_text() -> str:
    """A second, different synthetic report."""
    return OTHER_REPORT


WriteReport = Callable[..., Path]


@pytest.fixture(scope="session")
def report_series() -> tuple[str, str]:
    """A series of two invented reports: the one with targets, and the later one that reviews them."""
    return SERIES_TARGETS, SERIES_REVIEW


@pytest.fixture
def write_report(tmp_path: Path) -> WriteReport:
    """Factory: ``write_report(text, name="report.txt", encoding="utf-8")`` writes a file, returns its path.

    ``text`` may be ``bytes`` to write raw content. ``name`` may contain folders.
    """

    def write(text: str | bytes, name: str = "report.txt", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return write


@pytest.fixture
def bundled_report() -> Path:
    """The real report shipped in ``seeds/``, for end-to-end tests."""
    path = REPO / "seeds" / "shajing-2024h1.txt"
    assert path.is_file(), path
    return path


@pytest.fixture
def repo_root() -> Path:
    return REPO


# --- fixtures for the segment and indicator tests -------------------------------

from reportgraph.model import Report, SourceText  # noqa: E402
from reportgraph.segment import segment  # noqa: E402

SegmentText = Callable[..., Report]


@pytest.fixture
def segment_text() -> SegmentText:
    """Factory: ``segment_text(text, meta=None, path="report.txt")`` segments ``text`` into a Report."""

    def run(text: str, meta: dict[str, str] | None = None, path: str = "report.txt") -> Report:
        return segment(SourceText(path=path, text=text, meta=dict(meta or {})))

    return run


ProvinceReport = Callable[[str], Report]
#: Opening of a provincial report (a level whose reports name kinds, not places) for one-line tests.
PROVINCE_OPENING = "某某省人民政府2026年政府工作报告\n一、2025年工作回顾\n（一）经济发展。\n"


@pytest.fixture
def province_report(segment_text: SegmentText) -> ProvinceReport:
    """Factory: ``province_report(line)`` segments a provincial report whose one work area holds ``line``."""
    return lambda line: segment_text(PROVINCE_OPENING + line + "\n")


#: Skeleton of a half-year subdistrict report; ``{summary}`` and ``{plan}`` are
#: filled with the body lines of the summary section and the plan section.
WORK_REPORT = """\
某某市某某区和风街道办事处2024年上半年工作报告和下半年工作计划
一、上半年工作总结
（一）经济发展稳中有进。
{summary}
二、下半年工作计划
（一）抓经济促发展。
{plan}
"""


@pytest.fixture
def work_report(segment_text: SegmentText) -> Callable[..., Report]:
    """Factory: ``work_report(summary=[...], plan=[...])`` segments a report with those body lines.

    The summary lines land in one numbered section of the summary part, the plan
    lines in one numbered section of the plan part; the frame itself holds no quantity.
    """

    def build(summary: list[str] | tuple[str, ...] = (), plan: list[str] | tuple[str, ...] = ()) -> Report:
        text = WORK_REPORT.format(summary="\n".join(summary) or "各项工作有序推进。",
                                  plan="\n".join(plan) or "抓好各项工作落实。")
        return segment_text(text)

    return build


# --- the bundled report built once, for the export, validate and Turtle tests ----

from reportgraph.pipeline import BuildResult  # noqa: E402


@pytest.fixture(scope="session")
def seed_build() -> BuildResult:
    """``pipeline.build`` of the bundled seed, once per session. Copy ``.graph`` before changing it."""
    from reportgraph import pipeline

    return pipeline.build([REPO / "seeds" / "shajing-2024h1.txt"])


@pytest.fixture(scope="session")
def seed_graph_file(seed_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled report's graph.ttl, the bytes ``reportgraph build`` writes."""
    from reportgraph.export import to_turtle

    path = tmp_path_factory.mktemp("seed-graph") / "graph.ttl"
    path.write_bytes(to_turtle(copy_graph(seed_build.graph)))
    return path


def copy_graph(g: Graph) -> Graph:
    """A changeable copy of a graph, prefixes included (session fixtures' graphs are shared)."""
    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for t in g:
        out.add(t)
    return out


def lit_int(node: object) -> int:
    """An integer literal's value; anything else fails the test."""
    assert isinstance(node, Literal)
    return int(node.toPython())


# --- a served site: `reportgraph serve` in a child process on a free loopback port -----

import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402


@dataclass
class ServedSite:
    """A running ``reportgraph serve``: its base URL, process and log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_site(graphs: list[Path], folder: Path, *options: str, timeout_s: float = 90.0) -> ServedSite:
    """Start the server on 127.0.0.1 with ``--port 0`` and wait for the line that says where it listens."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"serve-{time.monotonic_ns()}.log"
    with log.open("wb") as out:  # a file, not a pipe: a full pipe would stall the server
        process = subprocess.Popen(
            [sys.executable, "-m", "reportgraph", "serve", *map(str, graphs), "--port", "0", *options],
            stdout=out, stderr=subprocess.STDOUT, cwd=folder,
        )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"at (http://\S+?)/ ", text)
        if found:
            return ServedSite(found.group(1), process, log)
        if process.poll() is not None:
            raise RuntimeError(f"reportgraph serve exited with {process.returncode}: {text}")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"reportgraph serve did not start within {timeout_s} s: {log.read_text(encoding='utf-8')}")


def stop_site(site: ServedSite) -> int:
    """Ctrl-C the server, as a user would; kill it if it does not stop within 20 s."""
    if site.process.poll() is None:
        site.process.send_signal(signal.SIGINT)
        try:
            site.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            site.process.kill()
            site.process.wait()
    return site.process.returncode


@pytest.fixture(scope="session")
def bundled_graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``reportgraph build`` of the bundled report: its graph.ttl."""
    from reportgraph import cli

    out = tmp_path_factory.mktemp("bundled-build")
    assert cli.main(["build", str(REPO / "seeds"), "--out", str(out), "--quiet"]) == 0
    return out / "graph.ttl"


@pytest.fixture(scope="session")
def bundled_site(bundled_graph_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The bundled report served with a 3 s time limit and a 2,000-row limit (its graph has 3,864 triples)."""
    site = start_site([bundled_graph_file], tmp_path_factory.mktemp("bundled-site"),
                      "--timeout", "3", "--max-rows", "2000")
    yield site
    stop_site(site)


def payload_graph_file(folder: Path) -> Path:
    """A graph with a script-injection payload in every text a report can carry, as Turtle."""
    sys.path.insert(0, str(REPO / "tests"))
    from test_viz import payload_graph

    path = folder / "payload.ttl"
    payload_graph().serialize(path, format="turtle")
    return path


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    folder = tmp_path_factory.mktemp("payload-site")
    site = start_site([payload_graph_file(folder)], folder)
    yield site
    stop_site(site)


import socket  # noqa: E402
import threading  # noqa: E402


class LoopbackListener:
    """A TCP socket on 127.0.0.1 that counts the connections it is offered: what a query must never reach."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:  # the accept timed out: look at the stop flag again
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture
def loopback_listener() -> Iterator[LoopbackListener]:
    """A listener the test owns on loopback; the test asserts how many connections reached it."""
    listener = LoopbackListener()
    yield listener
    listener.close()
