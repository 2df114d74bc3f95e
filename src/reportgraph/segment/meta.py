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
from reportgraph.text import chinese_to_int, fold

_PATTERNS = datafile("segment/report_meta.tsv").named_patterns
_WORDS = datafile("segment/period_words.tsv").pairs
_LEVELS = datafile("segment/levels.tsv")
#: A date is looked for in this many first paragraphs when no metadata line gives one.
_DATE_PARAGRAPHS = 5
#: … within this many of a paragraph's first characters (a dateline, a 落款 line).
_DATE_CHARS = 200

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


def year_of(digits: str) -> int | None:
    """A year written in digits or Chinese digits (2025, 二〇二五), or None."""
    if digits.isdigit():
        return int(digits)
    values = [chinese_to_int(ch) for ch in digits]
    return int("".join(str(v) for v in values)) if values and all(v is not None and v < 10 for v in values) else None


def _year(year: int, part: str = "") -> str:
    return f"{year}{_WORDS['year']}{part}"


def derive(title: str, meta: dict[str, str], paragraphs: Sequence[str] = ()) -> ReportMeta:
    """Read a report's metadata from its title, its metadata lines (``meta``) and first paragraphs."""
    out = ReportMeta(title=title)
    folded_title = fold(title)
    m = _DATE.search(meta.get("date", ""))
    if not m:
        for p in paragraphs[:_DATE_PARAGRAPHS]:
            m = _DATE.search(fold(p[:_DATE_CHARS]))
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
