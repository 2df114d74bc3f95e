"""Programmes named by the whole run from the verb that carries them out to their head word
(开展重大项目建设年行动): the walk back from the head (:mod:`.suffixes`) stops at boundary words that
such names hold (建设, 助力, 提升), so the name is taken from the verb forward instead. Only runs
within one clause, holding no list, quote or 等, and not opening as a kind or a count are names; what a verb of
carrying out opens is a programme, whatever it speaks of (实施工业互联网创新工程)."""
from __future__ import annotations

import bisect
import re

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.names.candidate import Candidate, Context
from reportgraph.extract.names.kinds import INITIATIVE, generic_core
from reportgraph.extract.names.suffixes import counted_after
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import tag

_RUNS = datafile("extract/names/programme_runs.tsv").pairs
_VERBS = tuple(sorted(_RUNS["verbs"].split(), key=len, reverse=True))
_HEADS = tuple(sorted(_RUNS["heads"].split(), key=len, reverse=True))
_STOPS = frozenset(_RUNS["stops"])
_OPENERS = regexcache.compile(_RUNS["openers"])
_STRIP = regexcache.compile(_RUNS["strip"])
_CAMPAIGN = regexcache.compile(_RUNS["campaign"])
_LEVELS = regexcache.compile(_RUNS["levels"])
#: What opens a description of a kind of undertaking (重大, 重点) or of a thing (更多, 首个), after its level.
_KIND_OPENERS = tuple(datafile("extract/names/generic_openers.txt").words
                      + datafile("extract/names/description_openers.txt").words)
#: The head word that names a campaign only with a time or a theme (…建设年活动).
_ACTIVITY_HEAD = _RUNS["activity_head"]
_VERB = regexcache.compile("|".join(map(re.escape, _VERBS)))
_HEAD = regexcache.compile("|".join(map(re.escape, _HEADS)))
#: jieba's tags of a word after the head that carries the name on (试点城市, 工程县): nouns, places, the county.
_NAME_GOES_ON_TAGS = frozenset({"n", "ns", "nz", "nt", "zg"})
#: A run's words before its head are at least this many characters, and the whole run at most this many.
_MIN_CORE, _MAX_RUN = 4, 20


def find(s: SentenceView, ctx: Context) -> list[Candidate]:
    """Every programme the sentence names by a run from its verb to its head."""
    text = s.text
    out = []
    for verb in _VERB.finditer(text):
        start = verb.end()
        start += len(m.group()) if (m := _STRIP.match(text, start)) else 0
        head = _HEAD.search(text, start, start + _MAX_RUN)
        if head is None:
            continue
        last = head
        while (more := _HEAD.match(text, last.end())) is not None:
            last = more  # 行动计划: one head after another
        end = last.end()
        run = text[start:end]
        core = text[start:head.start()]
        if len(core) < _MIN_CORE or any(ch in _STOPS for ch in run) or _VERB.search(run) \
                or _OPENERS.match(run) or s.in_quote(start):
            continue
        campaign = bool(_CAMPAIGN.search(run))  # 重大项目建设年行动: a campaign named by its year
        if last.group() == _ACTIVITY_HEAD and not campaign or _generic(core) and not campaign:
            continue  # 研发活动, 招商活动: kinds of activity; 省级重大人才工程: a kind of undertaking
        if counted_after(text, end):
            continue  # 实施清洁能源供暖工程22个: a kind of works counted, none named
        if _name_goes_on(s, end):
            continue  # 入选深化普惠金融改革试点城市: the head is inside a longer name, a title's
        out.append(Candidate(start, end, "Program", s.original(start, end), "run"))
    return out


def _generic(core: str) -> bool:
    """A core that makes the run a kind of undertaking, with or without its level (重大, 省级重大人才)."""
    unleveled = _LEVELS.sub("", core, count=1)
    return generic_core(INITIATIVE, core) or generic_core(INITIATIVE, unleveled) or unleveled.startswith(_KIND_OPENERS)


def _name_goes_on(s: SentenceView, end: int) -> bool:
    """Does the name go on past ``end``: the word holding its last character runs past it, or a noun follows?"""
    at = bisect.bisect_right(s.token_starts, end - 1) - 1
    tokens = s.tokens
    if at < 0 or tokens[at][2] > end:
        return at >= 0
    return at + 1 < len(tokens) and tokens[at + 1][1] == end and tag(tokens[at + 1][0]) in _NAME_GOES_ON_TAGS
