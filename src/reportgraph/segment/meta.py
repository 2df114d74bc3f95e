"""Who issued a report, when, for which periods, at which level of government.

The text says it in its title (``某某街道办事处2024年上半年工作总结``), in a
page's metadata lines (``发布日期：…``) and in its first paragraphs; a user
can state it instead (:mod:`reportgraph.metadata`). Both go through
:func:`derive`, so a stated title gives the same periods, and a stated issuer
the same region chain and level, as they would have had in the text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportgraph.datafiles import datafile
from reportgraph.metadata import Metadata
from reportgraph.model import Report
from reportgraph.text import fold

_PATTERNS = datafile("segment/report_meta.tsv").named_patterns
_WORDS = datafile("segment/period_words.tsv").pairs
_LEVELS = datafile("segment/levels.tsv")
_BYLINE = datafile("segment/speech_byline.tsv").pairs
#: A date is looked for in this many first paragraphs when no metadata line gives one.
_DATE_PARAGRAPHS = 5

_YEAR = _PATTERNS["year"]
_DATE = _PATTERNS["date"]


@dataclass
class ReportMeta:
    """What the title, the metadata lines and the first paragraphs say of a report."""

    title: str = ""
    issuer: str = ""
    date: str = ""
    period: str = ""
    plan_period: str = ""
    level: str = ""
    region: list[str] = field(default_factory=list)


def _year(year: int, part: str = "") -> str:
    return f"{year}{_WORDS['year']}{part}"


def derive(title: str, meta: dict[str, str], paragraphs: Sequence[str] = ()) -> ReportMeta:
    """Read a report's metadata from its title, its metadata lines (``meta``) and first paragraphs."""
    out = ReportMeta(title=title)
    folded_title = fold(title)
    m = _DATE.search(meta.get("date", ""))
    if not m:
        for p in paragraphs[:_DATE_PARAGRAPHS]:
            m = _DATE.search(fold(p))
            if m:
                break
    if m:
        out.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    ym = _YEAR.search(folded_title)
    issuer = meta.get("issuer", "")
    if not issuer and ym and ym.start() > 1:
        issuer = _PATTERNS["title_lead"].sub("", folded_title[: ym.start()])
    elif not issuer and ym:
        m2 = _PATTERNS["issuer_after_year"].match(folded_title[ym.end():])
        issuer = m2.group(1) if m2 else ""
    if not issuer:
        issuer = meta.get("source", "")
    if not issuer and folded_title.strip() in ("", _WORDS["government_report"]):
        issuer = _speech_issuer(paragraphs)  # a title that is only the genre's word names no one
    out.issuer = issuer.strip()
    out.region = [p.group(0) for p in _PATTERNS["region_piece"].finditer(out.issuer)]
    out.level = level_of(out.issuer)
    years = [int(y) for y in _YEAR.findall(folded_title)]
    government_report = _WORDS["government_report"] in folded_title
    if not years and government_report and out.date:
        years = [int(out.date[:4])]  # a bare 政府工作报告 is dated by its speech
    if years:
        year = years[0]
        rest = folded_title[ym.end():] if ym else ""
        half = _PATTERNS["part_of_year"].search(rest)
        if half and half.group(1) == _WORDS["first_half"]:
            out.period, out.plan_period = _year(year, _WORDS["first_half"]), _year(year, _WORDS["second_half"])
        elif half:
            out.period = _year(year, half.group(1))
        elif government_report:
            out.period, out.plan_period = _year(year - 1), _year(year)
        else:
            out.period = _year(year)
            if len(years) > 1 and years[1] > year:
                out.plan_period = _year(years[1])  # 2024年工作总结和2025年工作计划
            elif _PATTERNS["plan_words"].search(rest):
                out.plan_period = _year(year + 1) if _PATTERNS["summary_words"].search(rest) else _year(year)
    return out


def _speech_issuer(paragraphs: Sequence[str]) -> str:
    """Whose 政府工作报告 a speech is, from its byline (在广东省第十四届人民代表大会…上: 广东省人民政府)."""
    head = fold("".join(paragraphs[:_DATE_PARAGRAPHS]))
    if re.search(_BYLINE["national"], head):
        return _BYLINE["national_issuer"]
    m = re.search(_BYLINE["local"], head)
    return m.group(1) + _BYLINE["government"] if m else ""


def level_of(issuer: str) -> str:
    """The level of government an issuer's name ends with (``…街道办事处`` is a subdistrict)."""
    core = _PATTERNS["issuer_tail"].sub("", issuer)
    for suffix, level in _LEVELS.rows:
        if core.endswith(suffix):
            return level
    return ""


def put(report: Report, meta: ReportMeta) -> None:
    """Write ``meta`` onto ``report``."""
    report.title = meta.title
    report.issuer = meta.issuer
    report.date = meta.date
    report.period = meta.period
    report.plan_period = meta.plan_period
    report.level = meta.level
    report.region = list(meta.region)


def apply_stated(report: Report, stated: Metadata) -> None:
    """Put stated metadata on a segmented report; what is not stated is derived again from what is."""
    if not stated:
        return
    title = stated.title if stated.title is not None else report.title
    derived = derive(title, {"issuer": stated.issuer or report.issuer, "date": stated.date or report.date})
    derived.region = list(stated.region) if stated.region is not None else derived.region
    derived.level = stated.level or derived.level
    derived.period = stated.period or derived.period
    derived.plan_period = stated.plan_period or derived.plan_period
    put(report, derived)
