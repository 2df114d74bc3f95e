"""The problems a report admits: headings of its problems part, or the clauses
after a lead such as ``清醒地看到``.

A problem is named by its heading phrase (``（一）产业转型任重道远``) or, in a
problems part without numbered sections, by each ``一是…二是…`` item; inside
other parts, by the sentences of the paragraph a lead phrase opens.
"""
from __future__ import annotations

from reportgraph.datafiles import datafile
from reportgraph.model import Problem, Report, Section, Sentence
from reportgraph.segment.headings import heading_words
from reportgraph.segment.parts import part_of
from reportgraph.text import CLAUSE_BREAK_CHARS, fold

_LEADS = datafile("extract/problems/leads.txt")
_PATTERNS = datafile("extract/problems/patterns.tsv").named_patterns
#: A problem's label is at least this long; shorter clauses are connectives.
_MIN_LABEL = 4


def find_problems(report: Report) -> list[Problem]:
    """Every problem the report admits, in text order."""
    found: list[Problem] = []
    leads = _LEADS.words
    for sec in report.sections:
        if sec.part == "problems":
            if sec.number is not None and part_of(sec.heading, "", False) != "problems":
                _add(found, sec, sec.heading, sec.start)
                continue
            # a problems part's opening, or a section headed 存在问题: its 一是…二是… are the problems
            body = report.text[sec.start:sec.end]
            before = len(found)
            items = list(_PATTERNS["inline_shi"].finditer(fold(body)))
            for m, following in zip(items, items[1:] + [None]):
                # 一是产业规模偏小，二是…: an item ends where the next one starts, in one sentence too
                label = heading_words(body[m.end():following.start() if following else len(body)]).rstrip(CLAUSE_BREAK_CHARS)
                if label:
                    _add(found, sec, label, sec.start + m.end())
            if len(found) == before:
                _plain_statements(found, sec)
        else:
            for sentence in sec.sentences:
                if any(lead in sentence.text for lead in leads):
                    _after_lead(found, report, sec, sentence)
                else:
                    _counted_in_one_sentence(found, sec, sentence)
    return found


def _plain_statements(found: list[Problem], sec: Section) -> None:
    """A problems part that neither numbers nor counts its problems states them plainly: each
    clause of its sentences after the heading (部分社区服务能力不强；基础设施仍有短板。) is one,
    up to a sentence that turns to what is done about them; a sentence ending in a colon (主要是：)
    only leads in."""
    for sentence in sec.sentences:
        if sec.heading and fold(sentence.text).strip().endswith(fold(sec.heading)):
            continue  # the heading's own line
        text = sentence.text.strip()
        if _PATTERNS["turn"].match(text):
            break
        if _PATTERNS["lead_in"].search(fold(text)):
            continue
        for clause in _PATTERNS["clause_split"].split(text):
            label = _PATTERNS["lead_colon"].sub("", _PATTERNS["sentence_end"].sub("", clause.strip()))
            if len(label) >= _MIN_LABEL:
                _add(found, sec, label, sentence.start)  # each clause's problem cites its sentence


def _counted_in_one_sentence(found: list[Problem], sec: Section, sentence: Sentence) -> None:
    """``…老问题、新挑战仍然不少，主要是A，B，C。``: a sentence that counts its problems and names them names
    one in each clause after the count (split at ；, or at ， in a sentence without one)."""
    folded = fold(sentence.text)
    lead = _PATTERNS["counted_lead"].search(folded)
    if not lead:
        return
    rest = _PATTERNS["sentence_end"].sub("", sentence.text[lead.end():])
    marks = _PATTERNS["clause_split"] if _PATTERNS["clause_split"].search(fold(rest)) else _PATTERNS["comma_split"]
    at = sentence.start + lead.end()
    for clause in marks.split(rest):
        if len(clause.strip()) >= _MIN_LABEL:
            _add(found, sec, clause.strip(), at)


def _after_lead(found: list[Problem], report: Report, sec: Section, lead: Sentence) -> None:
    """The clauses that follow a 清醒地看到 sentence, up to the paragraph's end."""
    para_end = report.text.find("\n", lead.end)
    para_end = len(report.text) if para_end < 0 else min(para_end, sec.end)
    list_end = _PATTERNS["list_end"]
    folded = fold(lead.text)
    if list_end.search(folded):
        # 清醒地看到，有效需求不足；… : the first problem shares the lead's sentence
        counted = _PATTERNS["counted_lead"].search(folded)  # …老问题、新挑战仍然不少，主要是：经济总量不大；
        rest = [folded[:counted.end() - 1], folded[counted.end():]] if counted \
            else _PATTERNS["lead_split"].split(folded, maxsplit=1)
        if len(rest) == 2 and len(list_end.sub("", rest[1])) >= _MIN_LABEL:
            _add(found, sec, list_end.sub("", lead.text[len(rest[0]) + 1:]), lead.start)
    for sentence in sec.sentences:
        if lead.end <= sentence.start < para_end:
            label = _PATTERNS["label_prefix"].sub("", _PATTERNS["sentence_end"].sub("", sentence.text))
            if _PATTERNS["turn"].match(label):
                break  # the paragraph turns from problems to resolve
            if _MIN_LABEL <= len(label):
                _add(found, sec, label, sentence.start)


def _add(found: list[Problem], sec: Section, label: str, at: int) -> None:
    sentence = next((s for s in sec.sentences if s.start <= at < s.end or s.start >= at), None)
    if sentence is None and sec.sentences:
        sentence = sec.sentences[-1]
    if sentence is not None and label:
        found.append(Problem(label=label, sentence=sentence, section_id=sec.id))
