"""What the picture looks like and how big it may get: light, so ``--help`` need not load pyvis.

``reportgraph.viz`` draws with these; ``reportgraph.cli.viz`` shows them in
the command's help.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportgraph.datafiles import datafile

#: Beyond this many nodes a page is slow to open, so build and viz draw the
#: most important ones (reports, work areas, the most-mentioned entities).
DEFAULT_MAX_NODES = 5000
#: Up to this many nodes physics polishes the computed layout when the page
#: opens; beyond it physics starts off (the page has a switch to turn it on).
PHYSICS_MAX_NODES = 1000
#: Iterations of that polish: vis-network's default of 1,000 took 57 s for
#: 1,000 nodes in headless Chromium; the layout is already sound, so few are needed.
STABILIZATION_ITERATIONS = 120


#: Each drawn type's name in the legend.
_TYPE_NAMES = datafile("outputs/type_names.tsv")


@dataclass(frozen=True)
class Style:
    """How one type of node looks: shape, colour, and its name in the legend."""

    name_zh: str
    shape: str
    color: str
    kind: str  # report | area | entity | indicator | problem


#: type -> (shape, colour, kind), in legend order. Colours are Tableau 10/20 so
#: neighbours in the legend stay distinguishable; each entity type also has
#: its own shape (or shape and colour pair), for readers who do not see colour.
_LOOKS: dict[str, tuple[str, str, str]] = {
    "Report": ("box", "#37474f", "report"),
    "WorkArea": ("box", "#eceff1", "area"),
    "Community": ("dot", "#4e79a7", "entity"),
    "Company": ("square", "#f28e2b", "entity"),
    "GovernmentBody": ("triangle", "#e15759", "entity"),
    "Project": ("diamond", "#76b7b2", "entity"),
    "Program": ("hexagon", "#59a14f", "entity"),
    "Place": ("triangleDown", "#edc948", "entity"),
    "Event": ("star", "#b07aa1", "entity"),
    "Honor": ("star", "#ff9da7", "entity"),
    "Entity": ("dot", "#9d9d9d", "entity"),
    "Achievement": ("dot", "#8cd17d", "indicator"),
    "Target": ("dot", "#a0cbe8", "indicator"),
    "Indicator": ("dot", "#bab0ac", "indicator"),
    "Problem": ("square", "#d37295", "problem"),
}

#: Every type the page draws, in legend order.
STYLES: dict[str, Style] = {
    key: Style(_TYPE_NAMES.pairs[key], shape, color, kind) for key, (shape, color, kind) in _LOOKS.items()
}

#: What ``--type`` accepts: every drawn type but the hubs, plus "Indicator" for both kinds.
TYPE_CHOICES: tuple[str, ...] = tuple(t for t, s in STYLES.items() if s.kind not in ("report", "area"))
