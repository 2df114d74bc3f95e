"""Made-up but realistically shaped graphs of any size, for the picture's benchmark and size tests.

Each synthetic report looks like the bundled one to the picture: a report,
17 work areas (summary, problems and plan sections plus part openings), about
150 entities of all eight types (a few shared by every report, so hubs of
different reports are joined), about 100 indicators, problems and relations.
The graph is made by the real ``rdf.to_graph`` from ``LinkedReport`` objects,
so it has exactly the shape ``reportgraph build`` writes, without depending on
what the extractors find.
"""
from __future__ import annotations

import math
import random
from decimal import Decimal

from rdflib import Graph

from reportgraph.model import (
    Entity, Indicator, LinkedReport, Mention, Problem, Relation, Report, Section, Sentence,
)
from reportgraph.vocab import ENTITY_TYPES
from reportgraph.rdf import to_graph

#: (part, number) of each section of a synthetic report; number None is a part's opening.
_SECTIONS: tuple[tuple[str, int | None], ...] = (
    ("preamble", None), ("summary", None), *(("summary", n) for n in range(1, 7)),
    ("problems", None), ("plan", None), *(("plan", n) for n in range(1, 8)),
)
_SUFFIX = {
    "Community": "社区", "Company": "科技有限公司", "GovernmentBody": "管理局", "Project": "建设项目",
    "Program": "专项行动", "Place": "路", "Event": "文化节", "Honor": "示范单位",
}
_RELATIONS = ("locatedIn", "runIn", "wonHonor", "involves", "partOf")
_SENTENCES_PER_SECTION = 10
_ENTITIES_PER_REPORT = 150
_SHARED_ENTITIES = 12
_INDICATORS_PER_SECTION = 7
#: nodes one synthetic report adds: report, areas, own entities, indicators, problems
NODES_PER_REPORT = 1 + len(_SECTIONS) + (_ENTITIES_PER_REPORT - _SHARED_ENTITIES) + \
    _INDICATORS_PER_SECTION * sum(1 for _, n in _SECTIONS if n is not None) + 3


def _report(r: int, rng: random.Random, shared: list[tuple[str, str]]) -> LinkedReport:
    title = f"某某市第{r}区某某街道办事处2024年工作报告"
    sections: list[Section] = []
    lines: list[str] = [title]
    offset = len(title) + 1
    index = 0
    for part, number in _SECTIONS:
        sid = f"{part}{r}-{number or 0}"
        heading = f"第{number}项工作稳步推进" if number else {"preamble": "前言", "summary": "工作总结",
                                                        "problems": "存在的主要问题", "plan": "工作计划"}[part]
        sec = Section(id=sid, part=part, number=number, heading=heading, label=heading[:6], start=offset, end=offset)
        for _ in range(_SENTENCES_PER_SECTION):
            text = f"报告{r}第{index}句:各项工作有序推进,完成年度任务{rng.randint(1, 99)}项。"
            sec.sentences.append(Sentence(index=index, start=offset, end=offset + len(text), text=text, section_id=sid))
            lines.append(text)
            offset += len(text) + 1
            index += 1
        sec.end = offset
        sections.append(sec)
    report = Report(path=f"synthetic/report-{r}.txt", text="\n".join(lines), title=title,
                    date="2024-07-15", period="2024年上半年", plan_period="2024年下半年", level="subdistrict",
                    region=["某某市"], sections=sections)
    numbered = [s for s in sections if s.number is not None]

    names = list(shared) + [
        (etype, f"第{r}区{n}号{_SUFFIX[etype]}")
        for n, etype in enumerate(rng.choice(ENTITY_TYPES) for _ in range(_ENTITIES_PER_REPORT - len(shared)))
    ]
    entities: list[Entity] = []
    for etype, name in names:
        home = rng.choice(numbered)
        mentions = []
        for _ in range(min(1 + int(rng.expovariate(0.6)), 12)):
            sec = home if rng.random() < 0.75 else rng.choice(numbered)
            sent = rng.choice(sec.sentences)
            mentions.append(Mention(type=etype, name=name, start=sent.start, end=sent.start + len(name), sentence=sent))
        aliases = [name[-6:]] if rng.random() < 0.2 else []
        entities.append(Entity(key=f"{etype}/{name}", type=etype, name=name, aliases=aliases, mentions=mentions))

    indicators: list[Indicator] = []
    for sec in numbered:
        kind = "target" if sec.part == "plan" else "achievement"
        for k in range(_INDICATORS_PER_SECTION):
            sent = sec.sentences[k % len(sec.sentences)]
            value = Decimal(rng.randint(1, 999)) / 10
            indicators.append(Indicator(
                kind=kind, metric=f"指标{k}增长", value=value, unit="%", normalized=float(value), base_unit="%",
                qualifier="以上" if kind == "target" else "", start=sent.start + k, end=sent.start + k + 4,
                sentence=sent, section_id=sec.id,
                entity_keys=[rng.choice(entities).key] if rng.random() < 0.2 else [],
            ))
    problems_sec = next(s for s in sections if s.part == "problems")
    problems = [Problem(label=f"问题{p}有待解决", sentence=problems_sec.sentences[p], section_id=problems_sec.id)
                for p in range(3)]
    relations = []
    for _ in range(len(entities) // 5):
        a, b = rng.sample(entities, 2)
        relations.append(Relation(subject=a.key, predicate=rng.choice(_RELATIONS), object=b.key,
                                  sentence=a.mentions[0].sentence))
    return LinkedReport(report=report, entities=entities, indicators=indicators, relations=relations,
                        problems=problems)


def synthetic_reports(nodes: int, seed: int = 1) -> list[LinkedReport]:
    """At least ``nodes`` picture nodes' worth of reports (a report is about 250)."""
    rng = random.Random(seed)
    shared = [(ENTITY_TYPES[i % len(ENTITY_TYPES)], f"共享{i}号{_SUFFIX[ENTITY_TYPES[i % len(ENTITY_TYPES)]]}")
              for i in range(_SHARED_ENTITIES)]
    count = max(1, math.ceil((nodes - _SHARED_ENTITIES) / NODES_PER_REPORT))
    return [_report(r, rng, shared) for r in range(count)]


def synthetic_graph(nodes: int, seed: int = 1) -> Graph:
    """The graph ``reportgraph build`` would write for :func:`synthetic_reports`."""
    return to_graph(synthetic_reports(nodes, seed))
