"""Every format a user has builds the bundled report into the same graph as its plain text.

The fixtures are made here from ``seeds/shajing-2024h1.txt``: saved as GBK and
UTF-16, wrapped in government web pages with navigation, scripts and footers,
written to a Word document with headings and a table, printed to PDF. Each
must give the same entity names, the same (metric, value, unit, kind)
indicators and the same report metadata as the plain text.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Namespace

import govpages
import reportfiles
from reportgraph import pipeline
from reportgraph.model import LinkedReport

RG = Namespace("https://w3id.org/reportgraph/ns#")


@dataclass(frozen=True)
class Built:
    """What must not change with the format a report came in."""

    entities: frozenset[tuple[str, str]]
    indicators: tuple[tuple[str, Decimal, str, str], ...]
    metadata: tuple[object, ...]
    sections: tuple[str, ...]
    text: str


def _built(linked: LinkedReport) -> Built:
    r = linked.report
    return Built(
        entities=frozenset((e.type, e.name) for e in linked.entities),
        indicators=tuple(sorted((i.metric, i.value, i.unit, i.kind) for i in linked.indicators)),
        metadata=(r.title, r.issuer, r.date, r.period, r.plan_period, r.level, tuple(r.region)),
        sections=tuple(s.heading for s in r.sections),
        text=r.text,
    )


@pytest.fixture(scope="module")
def seed_text() -> str:
    return (Path(__file__).resolve().parent.parent / "seeds" / "shajing-2024h1.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plain(seed_text: str, tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("plain") / "report.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = pipeline.build([path])
    assert result.errors == []
    built = _built(result.reports[0])
    # the seed is a real report: the comparison means something
    assert len(built.entities) > 50 and len(built.indicators) > 50
    assert built.metadata[1:] == ("深圳市宝安区沙井街道办事处", "2024-08-19", "2024年上半年", "2024年下半年",
                                  "subdistrict", ("深圳市", "宝安区", "沙井街道"))
    return built


def _build_one(path: Path) -> Built:
    result = pipeline.build([path])
    assert result.errors == []
    assert len(result.reports) == 1
    return _built(result.reports[0])


def _assert_same(built: Built, plain: Built) -> None:
    assert sorted(built.entities ^ plain.entities) == []
    assert built.indicators == plain.indicators
    assert built.metadata == plain.metadata
    assert built.sections == plain.sections


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_encodings(seed_text: str, plain: Built, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.txt"
    # GBK has no no-break space (the breadcrumb's); a GBK file has a plain one there
    path.write_bytes((seed_text.replace("\xa0", " ") if encoding == "gbk" else seed_text).encode(encoding))
    built = _build_one(path)
    _assert_same(built, plain)
    assert built.text == plain.text


@pytest.mark.parametrize("layout", sorted(govpages.TEMPLATES))
def test_government_web_pages(seed_text: str, plain: Built, tmp_path: Path, layout: str) -> None:
    report = govpages.split_plain_report(seed_text)
    built = _build_one(govpages.write_pages(report, tmp_path, [layout])[layout])
    _assert_same(built, plain)
    assert built.text == plain.text


def test_word_document(seed_text: str, plain: Built, tmp_path: Path) -> None:
    built = _build_one(reportfiles.write_docx(seed_text, tmp_path / "report.docx"))
    _assert_same(built, plain)
    assert built.text == plain.text


def test_pdf_printed_with_a_builtin_cid_font(seed_text: str, plain: Built, tmp_path: Path) -> None:
    _assert_same(_build_one(reportfiles.write_pdf(seed_text, tmp_path / "report.pdf")), plain)


def test_pdf_printed_with_an_embedded_font(seed_text: str, plain: Built, tmp_path: Path) -> None:
    font = reportfiles.truetype_cjk_font()
    if font is None:
        pytest.skip("no Chinese TrueType font on this machine (.ci/run installs fonts-wqy-microhei)")
    built = _build_one(reportfiles.write_pdf(seed_text, tmp_path / "report.pdf", font))
    _assert_same(built, plain)
    assert built.text == plain.text


def test_a_batch_of_every_format(seed_text: str, tmp_path: Path) -> None:
    """Different reports in every format, in folders: one rg:Report each, order free, failures named."""
    folder = tmp_path / "in"
    (folder / "web").mkdir(parents=True)
    variants = {  # the same genre, different issuers: different reports
        "a.txt": seed_text,
        "b.docx": seed_text.replace("沙井", "新桥"),
        "c.pdf": seed_text.replace("沙井", "松岗"),
        "web/d.html": seed_text.replace("沙井", "福永"),
    }
    (folder / "a.txt").write_bytes(variants["a.txt"].encode("gb18030"))
    reportfiles.write_docx(variants["b.docx"], folder / "b.docx")
    reportfiles.write_pdf(variants["c.pdf"], folder / "c.pdf")
    page = govpages.TEMPLATES["shenzhen"](govpages.split_plain_report(variants["web/d.html"]))
    (folder / "web" / "d.html").write_text(page, encoding="utf-8")
    (folder / "web" / "list.html").write_text(govpages.list_page(govpages.split_plain_report(seed_text)), encoding="utf-8")
    (folder / "README.md").write_text("# 这些是报告\n", encoding="utf-8")

    result = pipeline.build([folder])
    assert [(Path(e.path).name, e.problem) for e in result.errors] == [
        ("list.html", "web page has no article: only navigation, links or scripts")]
    assert sorted(Path(r.report.path).name for r in result.reports) == ["a.txt", "b.docx", "c.pdf", "d.html"]
    assert len(set(result.graph.subjects(RDF.type, RG.Report))) == 4
    issuers = sorted(r.report.issuer for r in result.reports)
    assert issuers == sorted(f"深圳市宝安区{p}街道办事处" for p in ("沙井", "新桥", "松岗", "福永"))
    reverse = pipeline.build([folder / "web", folder / "c.pdf", folder / "b.docx", folder / "a.txt"])
    assert sorted(reverse.reports[i].report.path for i in range(4)) == sorted(r.report.path for r in result.reports)
    from rdflib.compare import isomorphic

    # the same inputs in another order (each file is named relative to the input that named it, so
    # web/ gives "d.html" where the folder above gives "web/d.html")
    forward = pipeline.build([folder / "a.txt", folder / "b.docx", folder / "c.pdf", folder / "web"])
    assert isomorphic(forward.graph, reverse.graph)
