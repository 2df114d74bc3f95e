"""Pictures that are readable at first sight: an overview laid out here, details drawn by :mod:`reportgraph.viz`.

The whole graph at once is a hairball (four reports: 1,446 nodes at full
fit, nothing legible). So the site starts from an overview: report cards
with their counts, and for each opened report its work areas as boxes in
one column per part (summary, problems, plan), each with its counts. It is
an SVG whose geometry is computed here, drawn at its natural size (text at
14-15 px, never scaled down to fit) and paged when there are many reports;
a click opens a report, or draws one work area (or one report) with the
interactive picture ``graph.html`` uses. Also here: the small chart of a
measure's values across periods.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["OPEN_ALL_UP_TO", "REPORTS_PER_PAGE", "measure_chart", "overview_layout", "vis_page"]

#: With this many reports or fewer, the overview opens them all.
OPEN_ALL_UP_TO = 3
#: Report cards per page of the overview.
REPORTS_PER_PAGE = 24
#: Work areas stacked in one column before the part wraps into another column.
AREAS_PER_COLUMN = 12

_MARGIN = 16
_CARD_W, _CARD_H = 300, 88
_GAP = 16
_CARDS_PER_ROW = 4
_AREA_W, _AREA_H = 250, 54
_AREA_GAP = 10
_COLUMN_W = _AREA_W + 24
_HEADER_H = 28
_TREE_GAP = 28
#: Characters of a label that fit its box at the page's font size (Chinese: one em each).
_CARD_CHARS = 19
_AREA_CHARS = 15
_PARTS = ("preamble", "summary", "problems", "plan", "other")


@dataclass(frozen=True)
class Box:
    """One thing drawn in the overview, in page pixels."""

    kind: str  # "report", "part" or "area"
    x: int
    y: int
    w: int
    h: int
    iri: str = ""
    label: str = ""
    full_label: str = ""
    part: str = ""
    opened: bool = False
    line: str = ""
    counts: tuple[tuple[str, int], ...] = ()


def _cut(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def overview_layout(
    reports: Sequence[Mapping[str, Any]], areas: Mapping[str, Sequence[Mapping[str, Any]]],
    opened: Sequence[str], page: int,
) -> dict[str, Any]:
    """Boxes and connecting lines of one page of the overview, and the SVG's size."""
    pages = max(1, math.ceil(len(reports) / REPORTS_PER_PAGE))
    page = min(max(1, page), pages)
    shown = reports[(page - 1) * REPORTS_PER_PAGE: page * REPORTS_PER_PAGE]
    boxes: list[Box] = []
    lines: list[tuple[int, int, int, int]] = []
    y = _MARGIN
    row = 0  # cards already placed in the current row of closed reports
    width = _MARGIN * 2 + _CARDS_PER_ROW * _CARD_W + (_CARDS_PER_ROW - 1) * _GAP
    for report in shown:
        is_open = report["iri"] in opened and report["iri"] in areas
        if is_open and row:
            y += _CARD_H + _GAP
            row = 0
        x = _MARGIN + row * (_CARD_W + _GAP)
        card = _report_box(report, x, y, is_open)
        boxes.append(card)
        if not is_open:
            row += 1
            if row == _CARDS_PER_ROW:
                y += _CARD_H + _GAP
                row = 0
            continue
        block_bottom, block_right = _open_block(card, areas[report["iri"]], boxes, lines)
        width = max(width, block_right + _MARGIN)
        y = block_bottom + _GAP * 2
    if row:
        y += _CARD_H + _GAP
    return {
        "boxes": [asdict(b) for b in boxes], "lines": lines, "width": width, "height": y + _MARGIN - _GAP,
        "page_number": page, "pages": pages, "opened": list(opened),
        "report_count": len(reports), "first": (page - 1) * REPORTS_PER_PAGE + 1,
        "last": (page - 1) * REPORTS_PER_PAGE + len(shown),
    }


def _report_box(report: Mapping[str, Any], x: int, y: int, is_open: bool) -> Box:
    counts = report["counts"]
    line = " · ".join(filter(None, (report.get("issuer_name"), report.get("period"))))
    return Box(
        "report", x, y, _CARD_W, _CARD_H, iri=report["iri"], label=_cut(report["title"], _CARD_CHARS),
        full_label=report["title"], opened=is_open, line=_cut(line, _CARD_CHARS + 4),
        counts=(("areas", counts["areas"]), ("entities", counts["entities"]),
                ("indicators", counts["achievements"] + counts["targets"]), ("problems", counts["problems"])),
    )


def _open_block(card: Box, areas: Sequence[Mapping[str, Any]], boxes: list[Box],
                lines: list[tuple[int, int, int, int]]) -> tuple[int, int]:
    """Part columns under an opened report card; returns the block's bottom and right edges."""
    by_part: dict[str, list[Mapping[str, Any]]] = {}
    for area in areas:
        by_part.setdefault(area.get("part") or "other", []).append(area)
    top = card.y + card.h + _TREE_GAP
    x = card.x
    bottom = card.y + card.h
    trunk_x = card.x + 24
    lines.append((trunk_x, card.y + card.h, trunk_x, top - _TREE_GAP // 2))
    heads: list[int] = []
    for part in sorted(by_part, key=lambda p: (_PARTS.index(p) if p in _PARTS else len(_PARTS), p)):
        members = by_part[part]
        columns = math.ceil(len(members) / AREAS_PER_COLUMN)
        header = Box("part", x, top, _COLUMN_W * columns - 24, _HEADER_H, part=part, counts=(("areas", len(members)),))
        boxes.append(header)
        heads.append(x + 24)
        for i, area in enumerate(members):
            column, place = divmod(i, AREAS_PER_COLUMN)
            ax = x + column * _COLUMN_W
            ay = top + _HEADER_H + _AREA_GAP + place * (_AREA_H + _AREA_GAP)
            counts = area["counts"]
            boxes.append(Box(
                "area", ax, ay, _AREA_W, _AREA_H, iri=area["iri"], label=_cut(area["label"], _AREA_CHARS),
                full_label=" ".join(filter(None, (area["label"], area.get("heading")))), part=part,
                counts=(("entities", counts["entities"]), ("indicators", counts["achievements"] + counts["targets"]),
                        ("problems", counts["problems"])),
            ))
            lines.append((ax + 12, ay - _AREA_GAP, ax + 12, ay))
            bottom = max(bottom, ay + _AREA_H)
        bottom = max(bottom, top + _HEADER_H)
        x += _COLUMN_W * columns
    if heads:  # a bar from the report down to every part's column
        bar_y = top - _TREE_GAP // 2
        lines.append((trunk_x, bar_y, max(heads), bar_y))
        lines.extend((hx, bar_y, hx, top) for hx in heads)
    return bottom, x


# --------------------------------------------------------------------------- the chart of a measure


def measure_chart(values: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Points of a measure's values by period (in its most common unit), or None with nothing to draw."""
    usable = [v for v in values if v.get("normalized") not in (None, "") and v.get("period_label")]
    if not usable:
        return None
    unit = Counter(v.get("base_unit") or "" for v in usable).most_common(1)[0][0]
    points = [v for v in usable if (v.get("base_unit") or "") == unit]
    periods = sorted({v["period_label"] for v in points})
    numbers = [float(v["normalized"]) for v in points]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    width, height, left, right, top, bottom = 560, 220, 64, 16, 16, 44
    step = (width - left - right) / max(1, len(periods))

    def y_of(n: float) -> float:
        return top + (high - n) / (high - low) * (height - top - bottom)

    drawn = []
    for v, n in zip(points, numbers):
        at = periods.index(v["period_label"])
        drawn.append({"x": round(left + step * (at + 0.5), 1), "y": round(y_of(n), 1), "kind": v["kind"],
                      "value": v.get("value"), "unit": v.get("unit"), "period": v["period_label"],
                      "statement": v.get("statement"), "report_title": v.get("report_title")})
    return {
        "width": width, "height": height, "unit": unit, "points": drawn,
        "x_ticks": [{"x": round(left + step * (i + 0.5), 1), "label": _cut(p, 10)} for i, p in enumerate(periods)],
        "y_ticks": [{"y": round(y_of(n), 1), "label": _tick(n)} for n in (high, (high + low) / 2, low)],
        "left": left, "bottom": height - bottom, "right": width - right, "top": top,
        "left_out": len(usable) - len(points), "undated": len(values) - len(usable),
    }


def _tick(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.4g}"


# --------------------------------------------------------------------------- the interactive picture


def vis_page(ntriples: bytes, title: str | None = None) -> str | None:
    """The interactive picture (``reportgraph viz``'s page) of a small graph given as N-Triples."""
    from rdflib import Graph

    from reportgraph import viz

    graph = Graph()
    graph.parse(data=ntriples, format="nt")
    if not len(graph):
        return None
    html, _ = viz.write_page(graph, title=title)
    return html
