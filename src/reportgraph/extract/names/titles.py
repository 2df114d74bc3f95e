"""Programmes named by a book title: 《某某街道企业服务工作方案》, or a series of titles
(《甲》《乙》《丙》系列). Laws, drafts and works of art in 《》 are none of the entity types."""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.sentence import SentenceView
from reportgraph.text import BOOK_OPENERS

_HEADS = datafile("extract/names/title_heads.txt")
_SHAPES = datafile("extract/names/titles.tsv").pairs
_SERIES = _SHAPES["series"]
_NOT_PROGRAMMES = tuple(_SHAPES["not_programmes"].split())
#: How a plan's proposal or outline ends its title (…规划的建议, …规划纲要（草案）), and the party's committee that
#: may open it: such a title under review is the programme the report submits.
_PLAN_ENDINGS = tuple(_SHAPES["plan_endings"].split())
_PARTY = tuple(_SHAPES["party"].split())
#: A title this short is a word, not a name.
_MIN_NAME = 2


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every book title of the sentence that names a programme."""
    titles = [(a, b) for a, b in s.quotes if s.text[a] in BOOK_OPENERS]
    out = []
    for n, (a, b) in enumerate(titles):
        inner = s.text[a + 1:b - 1]
        plan = _a_plan(inner, ctx)
        if len(inner) < _MIN_NAME or any(w in inner for w in _NOT_PROGRAMMES) and not plan:
            continue
        # a run of titles (《甲》《乙》) closed by 系列 is a series of programmes
        end = b
        k = n
        while k + 1 < len(titles) and titles[k + 1][0] == end:
            end = titles[k + 1][1]
            k += 1
        series = s.text.startswith(_SERIES, end)
        if series or plan or any(inner.endswith(h) for h in _HEADS.words):
            out.append(Candidate(a, b, "Program", s.original(a, b), "quote"))
    return out


def _a_plan(inner: str, ctx: Context) -> bool:
    """Is a title under review a plan's own proposal or outline (《…第十五个五年规划的建议》, 《…规划纲要（草案）》),
    the programme the report submits, not a draft of a law? The plan is named in it (《纲要（草案）》 alone is none),
    and whose it is: the party's committee or the report's region (《关于制定国民经济和…规划的建议》 is every
    province's title, no one programme)."""
    return inner.endswith(_PLAN_ENDINGS) and (inner.startswith(_PARTY) or any(region in inner for region in ctx.region))
