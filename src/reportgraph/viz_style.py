"""What the picture looks like and how big it may get: light, so ``--help`` need not load pyvis.

``reportgraph.viz`` draws with these; ``reportgraph.viz_command`` shows them
in the command's help.
"""
from __future__ import annotations

from dataclasses import dataclass

#: Beyond this many nodes a page is slow to open, so build and viz draw the
#: most important ones (reports, work areas, the most-mentioned entities).
DEFAULT_MAX_NODES = 5000
#: Up to this many nodes physics polishes the computed layout when the page
#: opens; beyond it physics starts off (the page has a switch to turn it on).
PHYSICS_MAX_NODES = 1000
#: Iterations of that polish: vis-network's default of 1,000 took 57 s for
#: 1,000 nodes in headless Chromium; the layout is already sound, so few are needed.
STABILIZATION_ITERATIONS = 120


@dataclass(frozen=True)
class Style:
    """How one type of node looks: shape, colour, and its name in the legend."""

    name_zh: str
    shape: str
    color: str
    kind: str  # report | area | entity | indicator | problem


#: Every type the page draws, in legend order. Colours are Tableau 10/20 so
#: neighbours in the legend stay distinguishable; each entity type also has
#: its own shape (or shape and colour pair), for readers who do not see colour.
STYLES: dict[str, Style] = {
    "Report": Style("报告", "box", "#37474f", "report"),
    "WorkArea": Style("工作领域", "box", "#eceff1", "area"),
    "Community": Style("社区", "dot", "#4e79a7", "entity"),
    "Company": Style("企业", "square", "#f28e2b", "entity"),
    "GovernmentBody": Style("机关单位", "triangle", "#e15759", "entity"),
    "Project": Style("项目", "diamond", "#76b7b2", "entity"),
    "Program": Style("专项行动", "hexagon", "#59a14f", "entity"),
    "Place": Style("地点", "triangleDown", "#edc948", "entity"),
    "Event": Style("活动", "star", "#b07aa1", "entity"),
    "Honor": Style("荣誉", "star", "#ff9da7", "entity"),
    "Entity": Style("其他实体", "dot", "#9d9d9d", "entity"),
    "Achievement": Style("成果指标", "dot", "#8cd17d", "indicator"),
    "Target": Style("目标指标", "dot", "#a0cbe8", "indicator"),
    "Indicator": Style("指标", "dot", "#bab0ac", "indicator"),
    "Problem": Style("问题", "square", "#d37295", "problem"),
}

#: What ``--type`` accepts: every drawn type but the hubs, plus "Indicator" for both kinds.
TYPE_CHOICES: tuple[str, ...] = tuple(t for t, s in STYLES.items() if s.kind not in ("report", "area"))
