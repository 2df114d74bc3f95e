"""Text fitted to a terminal: cut to a number of columns, or padded to them.

Widths are display columns (:func:`reportgraph.text.display_width`: Chinese
characters take two), not characters. The query table, the syntax-error
caret and the build's progress line are laid out with these.
"""
from __future__ import annotations

from reportgraph.text import char_width, display_width

__all__ = ["ELLIPSIS", "display_width", "pad", "truncate", "truncate_start"]

ELLIPSIS = "…"


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` display columns, ending in ``…`` when anything was cut."""
    if display_width(text) <= width:
        return text
    if width <= 0:
        return ""
    out: list[str] = []
    used = 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:  # keep one column for the ellipsis
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


def truncate_start(text: str, width: int) -> str:
    """``text`` cut at its start to fit ``width`` columns, ``…`` first: a path keeps its file name."""
    while text and display_width(text) > width > 1:
        text = ELLIPSIS + text[2:]
    return text


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns, on the left when ``right`` aligns it right."""
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space
