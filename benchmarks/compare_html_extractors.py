"""Compare article extraction from government web pages: reportgraph's own finder vs trafilatura and readability.

The bundled report is wrapped in each page layout of ``tests/govpages.py``
(Shenzhen district site, gov.cn, an old Hanweb table layout in GBK, a TRS
信息公开 page with a metadata table and a news sidebar, an HTML5 page) and
each extractor is scored on: body paragraphs lost, furniture lines let in,
the title and the publication date found, and time per page. A list page with
no article must be refused. trafilatura and readability-lxml are optional:
install them to include them (``pip install trafilatura readability-lxml``).

    python benchmarks/compare_html_extractors.py
"""
from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import govpages  # noqa: E402

from reportgraph.readers import FormatProblem  # noqa: E402
from reportgraph.readers.html import read_html  # noqa: E402

#: name -> function(page) -> (text, title, date); raises or returns "" for "no article".
Extractor = Callable[[str], tuple[str, str, str]]


def _ours(page: str) -> tuple[str, str, str]:
    try:
        text, meta = read_html(page)
    except FormatProblem:
        return "", "", ""
    return text, meta.get("title", ""), meta.get("date", "")


def _trafilatura() -> Extractor | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def run(page: str) -> tuple[str, str, str]:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_tables=True, favor_recall=True)
        if doc is None:
            return "", "", ""
        get = doc.get if isinstance(doc, dict) else lambda k, d=None: getattr(doc, k, d)
        return get("text") or "", get("title") or "", get("date") or ""

    return run


def _readability() -> Extractor | None:
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        return None

    def run(page: str) -> tuple[str, str, str]:
        doc = Document(page)
        summary = lxml.html.fromstring(doc.summary(html_partial=True))
        for br in summary.iter("br"):
            br.tail = "\n" + (br.tail or "")
        for block in summary.iter("p", "div", "tr", "li", "h1", "h2", "h3", "h4"):
            block.tail = "\n" + (block.tail or "")
        return summary.text_content(), doc.title() or "", ""

    return run


def _title_mark(found: str, title: str) -> str:
    if found.strip() == title:
        return "yes"
    return "with the site's name" if title in found else repr(found[:20])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def main() -> int:
    seed = (ROOT / "seeds" / "shajing-2024h1.txt").read_text(encoding="utf-8")
    report = govpages.split_plain_report(seed)
    extractors: dict[str, Extractor | None] = {
        "reportgraph (stdlib)": _ours, "trafilatura": _trafilatura(), "readability-lxml": _readability(),
    }
    print("| extractor | page | paragraphs not kept whole | furniture in text | title | date | ms/page |")
    print("|---|---|---|---|---|---|---|")
    for name, run in extractors.items():
        if run is None:
            print(f"| {name} | (not installed) | | | | | |")
            continue
        for layout, make in govpages.TEMPLATES.items():
            page = make(report)
            start = time.perf_counter()
            for _ in range(5):
                text, title, date = run(page)
            ms = (time.perf_counter() - start) / 5 * 1000
            lines = {_squash(line) for line in text.splitlines() if line.strip()}
            lost = sum(1 for p in report.paragraphs if _squash(p) not in lines)
            leaks = [f for f in govpages.FURNITURE if f in text]
            print(f"| {name} | {layout} | {lost}/{len(report.paragraphs)} | {', '.join(leaks) or '-'} | "
                  f"{_title_mark(title, report.title)} | "
                  f"{'yes' if date[:10] == report.date[:10] else repr(date)} | {ms:.0f} |")
        text, _, _ = run(govpages.list_page(report))
        print(f"| {name} | list page (no article) | {'refused' if not text.strip() else 'returned text: ' + repr(text.strip()[:30])} | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
