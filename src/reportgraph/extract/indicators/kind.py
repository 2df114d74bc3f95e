"""Achievement or target: what was done or measured, or what is planned or promised."""
from __future__ import annotations

from reportgraph.datafiles import datafile

_TRIGGERS = datafile("extract/indicators/target_triggers.txt")


def kind_of(part: str, sentence: str) -> str:
    """The part decides; outside the summary and the plan, trigger words (力争, 目标 …) do."""
    if part == "plan":
        return "target"
    if part in ("summary", "problems"):
        return "achievement"
    return "target" if any(t in sentence for t in _TRIGGERS.words) else "achievement"
