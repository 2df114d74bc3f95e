"""The items of a list closed by a counted type word: ``蚝四等3个社区公园``,
``共和旧村、东塘旧村2个项目``. Each item takes the type the head word gives."""
from __future__ import annotations

import re

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import FACILITY, INITIATIVE, common_word, resolve_kind, suffix_by_word, suffix_pattern
from reportgraph.extract.names.walk import left_edge, phrase_end
from reportgraph.extract.sentence import SentenceView
from reportgraph.text import CLAUSE_BREAKS, LIST_SEPARATOR, QUOTE_CHARS

_SHAPES = datafile("extract/names/lists.tsv").pairs()
_CLOSER = re.compile(_SHAPES["closer"].replace("{count}", _SHAPES["count"]))
_WORK_ITEM = re.compile(_SHAPES["work_item"])
_LEVEL_ITEM = re.compile(_SHAPES["level_item"])
_COMMUNITY_HEAD = re.compile(_SHAPES["community_head"])
_COMMUNITY_TAIL = re.compile(_SHAPES["community_tail"])
#: The kinds a list's head word may give its items.
_LIST_KINDS = frozenset({"Community", FACILITY, INITIATIVE, "Program", "Place", "Project"})
#: How far after the count the head word may stand, and how long an item may be.
_HEAD_REACH, _MAX_ITEM = 20, 16


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every item of every counted list in the sentence."""
    out = []
    text = s.text
    for m in _CLOSER.finditer(text):
        if not m.group(1) and (m.start() == 0 or text[m.start() - 1] in CLAUSE_BREAKS):
            continue
        rest_end = min(phrase_end(s, m.end(), first=False), m.end() + _HEAD_REACH)
        kind = _list_kind(text[m.end():rest_end])
        if kind is None:
            continue
        for a, b in _items(s, m.start(), closed_by_deng=bool(m.group(1))):
            item = text[a:b]
            if _WORK_ITEM.search(item) or len(item) < 2 or _LEVEL_ITEM.search(item) \
                    or kind != "Community" and common_word(s, a, b):
                continue  # 市容环境整治等14个工程, 市、区两级, 医疗、文旅等: not names
            clause = s.clause(a, rest_end) if kind in (FACILITY, INITIATIVE) else ""
            out.append(Candidate(a, b, resolve_kind(kind, item, clause), s.original(a, b), "list"))
    return out


def _list_kind(rest: str) -> str | None:
    """The kind a counted list's head word gives its items."""
    stripped = rest.strip(QUOTE_CHARS)
    if _COMMUNITY_HEAD.match(stripped) or _COMMUNITY_TAIL.search(stripped):
        return "Community"
    m = suffix_pattern().search(stripped)
    if not m:
        return None
    kind = suffix_by_word()[m.group()].kind
    return kind if kind in _LIST_KINDS else None


def _items(s: SentenceView, pos: int, closed_by_deng: bool) -> list[tuple[int, int]]:
    """The 、-separated items that end at ``pos`` (where 等 or the count stands)."""
    items = []
    end = pos
    while True:
        start = left_edge(s, end, _MAX_ITEM, INITIATIVE).start
        if start >= end:
            break
        items.append((start, end))
        if start > 0 and s.text[start - 1] == LIST_SEPARATOR:
            end = start - 1
            continue
        break
    if not closed_by_deng and len(items) < 2:
        return []
    return items
