"""The served site in a real browser: headless Chromium (Debian's package) driven by Python playwright.

Skipped where Chromium or playwright is missing, unless REPORTGRAPH_REQUIRE_BROWSER=1
(``.ci/run`` sets it), in which case they fail: CI must not pass by skipping them.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from conftest import OTHER_REPORT, SMALL_REPORT, ServedSite, start_site, stop_site
from reportgraph import cli
from reportgraph.serve.app import page_href

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import viz_browser  # noqa: E402

_missing = viz_browser.unavailable()
if _missing and os.environ.get("REPORTGRAPH_REQUIRE_BROWSER") == "1":
    raise RuntimeError(f"browser tests are required here but cannot run: {_missing}")
pytestmark = pytest.mark.skipif(_missing is not None, reason=_missing or "")

#: The smallest text a label of the overview may be drawn at, in CSS pixels, at the first view.
LEGIBLE_PX = 12


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with viz_browser.chromium() as b:
        yield b


@dataclass
class Visit:
    """A page opened in its own browser context, with everything it asked for and everything that went wrong."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def leaving(self, base: str) -> list[str]:
        return [u for u in self.requests if not u.startswith(base + "/") and u != base]


def visit(browser: Any, url: str, *, bypass_csp: bool = False, viewport: tuple[int, int] = (1400, 900)) -> Visit:
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    run = Visit(page)
    page.on("request", lambda request: run.requests.append(request.url))
    page.on("pageerror", lambda error: run.errors.append(f"pageerror: {error}"))
    page.on("console", lambda msg: run.errors.append(f"console.{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)

    def dialog(d: Any) -> None:
        run.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url, wait_until="load")
    return run


@pytest.fixture
def opened(browser: Any) -> Iterator[list[Visit]]:
    """Visits made by a test, closed after it."""
    visits: list[Visit] = []
    yield visits
    for v in visits:
        v.page.context.close()


# --------------------------------------------------------------------------- the query page


def test_query_page_runs_a_named_query_and_shows_rows(browser: Any, bundled_site: ServedSite, opened: list[Visit]) -> None:
    run = visit(browser, f"{bundled_site.url}/query")
    opened.append(run)
    page = run.page
    page.wait_for_selector(".yasqe .CodeMirror", timeout=30000)
    page.click("button.rg-example[data-name=problems]")
    page.wait_for_function("() => document.querySelectorAll('.yasr table tbody tr').length === 4", timeout=30000)
    assert "产业转型任重道远" in page.locator(".yasr table tbody").inner_text()
    # the entity query, filled with the most mentioned name: every IRI in its rows links to a page of this site
    page.click("button.rg-example[data-name=entity]")
    page.wait_for_function("() => document.querySelectorAll('.yasr table tbody a[href^=\"/id/\"]').length > 3", timeout=30000)
    hrefs = page.eval_on_selector_all(".yasr table tbody a.iri", "as => as.map(a => a.getAttribute('href'))")
    instance = [h for h in hrefs if not h.startswith("/resource?")]
    assert instance and all(h.startswith("/id/") for h in instance), hrefs
    response = page.goto(bundled_site.url + instance[0])  # the link leads to that resource's page
    assert response is not None and response.status == 200
    assert page.locator("h1").count() == 1
    assert run.leaving(bundled_site.url) == [], run.leaving(bundled_site.url)
    assert run.errors == [], run.errors


# --------------------------------------------------------------------------- clicking through


def test_report_to_work_area_to_entity_to_sentence(browser: Any, bundled_site: ServedSite, opened: list[Visit]) -> None:
    run = visit(browser, f"{bundled_site.url}/")
    opened.append(run)
    page = run.page
    page.click("a.rg-report")
    page.wait_for_selector("section.rg-area")
    assert "/id/report/" in page.url
    area_name = page.locator("section.rg-area").nth(2).locator("a.rg-area-link").inner_text()
    page.locator("section.rg-area").nth(2).locator("a.rg-area-link").click()
    page.wait_for_selector(".rg-text")
    assert page.locator("h1").inner_text().startswith(area_name)
    entity = page.locator("ul.rg-entities a.rg-entity").first
    name = entity.inner_text()
    entity.click()
    page.wait_for_selector(".rg-mentions")
    assert name in page.locator("h1").inner_text()
    sentence = page.locator(".rg-mentions a.rg-sentence").first
    text = sentence.inner_text()
    sentence.click()
    page.wait_for_selector("#sentence")
    assert page.locator("#sentence").inner_text() == text
    assert name in text or any(name in a for a in page.locator("ul.rg-entities").all_inner_texts())
    assert run.leaving(bundled_site.url) == []
    assert run.errors == []


# --------------------------------------------------------------------------- the overview picture


@pytest.fixture(scope="module")
def four_reports_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """Four reports built together: the overview opens none of them at first."""
    folder = tmp_path_factory.mktemp("four")
    reports = folder / "reports"
    reports.mkdir()
    (reports / "small.txt").write_text(SMALL_REPORT, encoding="utf-8")
    (reports / "other.txt").write_text(OTHER_REPORT, encoding="utf-8")
    (reports / "third.txt").write_text(SMALL_REPORT.replace("和风", "松柏").replace("幸福", "长青"), encoding="utf-8")
    (reports / "bundled.txt").write_text((REPO / "seeds" / "shajing-2024h1.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["build", str(reports), "--out", str(folder / "out"), "--quiet"]) == 0
    site = start_site([folder / "out" / "graph.ttl"], folder)
    yield site
    stop_site(site)


def legibility(page: Any) -> dict[str, Any]:
    """Font sizes, overlaps and visibility of the overview's labels as the browser draws them."""
    return page.evaluate("""() => {
        const svg = document.querySelector('#rg-overview');
        const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
        const boxes = texts.map(t => t.getBoundingClientRect());
        let overlaps = 0;
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
        }
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return {
            labels: texts.length,
            smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
            overlaps: overlaps,
            visible: boxes.filter(r => r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth).length,
            reports: svg.querySelectorAll('.rg-node-report').length,
            areas: svg.querySelectorAll('.rg-node-area').length,
            scale: scale,
        };
    }""")


def test_the_overview_opens_readable(browser: Any, bundled_site: ServedSite, opened: list[Visit], tmp_path: Path) -> None:
    run = visit(browser, f"{bundled_site.url}/picture")
    opened.append(run)
    seen = legibility(run.page)
    run.page.screenshot(path=str(tmp_path / "overview-bundled.png"))
    assert seen["reports"] == 1 and seen["areas"] == 17  # one report, opened: its 17 work areas, no entities
    assert seen["scale"] == 1  # drawn at its own size, never shrunk to fit
    assert seen["smallest"] >= LEGIBLE_PX
    assert seen["overlaps"] == 0
    assert seen["visible"] >= 30  # the report and most work areas at the first view, no scrolling
    assert run.errors == [] and run.leaving(bundled_site.url) == []


def test_the_overview_of_many_reports_opens_by_click(browser: Any, four_reports_site: ServedSite, opened: list[Visit], tmp_path: Path) -> None:
    run = visit(browser, f"{four_reports_site.url}/picture")
    opened.append(run)
    page = run.page
    first = legibility(page)
    page.screenshot(path=str(tmp_path / "overview-four-closed.png"))
    assert first["reports"] == 4 and first["areas"] == 0
    assert first["smallest"] >= LEGIBLE_PX and first["overlaps"] == 0 and first["visible"] == first["labels"]
    page.click("a.rg-node-report >> nth=0")
    page.wait_for_selector("a.rg-node-area")
    second = legibility(page)
    page.screenshot(path=str(tmp_path / "overview-four-opened.png"))
    assert second["reports"] == 4 and second["areas"] > 0
    assert second["smallest"] >= LEGIBLE_PX and second["overlaps"] == 0
    # a work area opens its interactive picture: that area's nodes only
    page.click("a.rg-node-area >> nth=0")
    page.wait_for_selector(viz_browser.READY, state="attached", timeout=60000)
    drawn = page.evaluate("() => reportgraph.drawnCount()")
    page.screenshot(path=str(tmp_path / "area-picture.png"))
    area = page.url.split("iri=", 1)[1]
    members = httpx.get(f"{four_reports_site.url}{page_href(httpx.URL('?iri=' + area).params['iri'])}.json", timeout=60).json()
    expected = sum(len(members[k]) for k in ("entities", "achievements", "targets", "problems")) + 2
    assert drawn == expected
    assert run.errors == [] and run.leaving(four_reports_site.url) == []


# --------------------------------------------------------------------------- nothing leaves, nothing runs


def site_pages(site: ServedSite) -> list[str]:
    """A page of every kind the site has, found through its JSON pages."""
    with httpx.Client(base_url=site.url, timeout=60) as c:
        report = c.get("/reports.json").json()["reports"][0]["iri"]
        data = c.get(page_href(report) + ".json").json()
        area = next(a for a in data["areas"] if a["entities"] and a["achievements"])
        indicator = area["achievements"][0]
        return [
            "/", page_href(report), page_href(area["iri"]), page_href(area["entities"][0]["iri"]),
            page_href(indicator["statement"]), page_href(indicator["iri"]),
            "/measure?" + urlencode({"name": indicator["metric"] or ""}), "/search?" + urlencode({"q": "<"}),
            "/picture", "/picture/area?" + urlencode({"iri": area["iri"]}), "/query",
        ]


def test_no_request_leaves_any_page(browser: Any, bundled_site: ServedSite, opened: list[Visit]) -> None:
    for path in site_pages(bundled_site):
        run = visit(browser, bundled_site.url + path)
        opened.append(run)
        run.page.wait_for_timeout(300)
        assert run.requests and run.requests[0] == bundled_site.url + path
        assert run.leaving(bundled_site.url) == [], (path, run.leaving(bundled_site.url))
        assert run.errors == [], (path, run.errors)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_payloads_in_report_text_run_nothing(browser: Any, payload_site: ServedSite, opened: list[Visit], bypass_csp: bool) -> None:
    for path in site_pages(payload_site):
        run = visit(browser, payload_site.url + path, bypass_csp=bypass_csp)
        opened.append(run)
        page = run.page
        if path == "/query":
            page.wait_for_selector(".yasqe .CodeMirror", timeout=30000)
            page.evaluate("""() => { const y = window.reportgraphQuery.yasgui.getTab().getYasqe();
                y.setValue('SELECT ?t ?l WHERE { ?s rg:text ?t . OPTIONAL { ?x rdfs:label ?l } }'); y.query(); }""")
            page.wait_for_function("() => document.querySelectorAll('.yasr table tbody tr').length > 0", timeout=30000)
        page.wait_for_timeout(300)
        assert run.dialogs == [], (path, run.dialogs)
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("img[src=x]").count() == 0, path
        pageerrors = [e for e in run.errors if e.startswith("pageerror")]
        assert pageerrors == [], (path, pageerrors)
