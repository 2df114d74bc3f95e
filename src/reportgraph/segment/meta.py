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
from reportgraph.text import chinese_to_int, fold, year_of

_PATTERNS = datafile("segment/report_meta.tsv").named_patterns
_WORDS = datafile("segment/period_words.tsv").pairs
_LEVELS = datafile("segment/levels.tsv")
_BYLINE = datafile("segment/speech_byline.tsv").pairs
#: A date is looked for in this many first paragraphs when no metadata line gives one.
_DATE_PARAGRAPHS = 5
#: … within this many of a paragraph's first characters (a dateline, a 落款 line).
_DATE_CHARS = 200
#: … or ending one of this many last paragraphs (the 落款 under a report: its issuer, then the day it was signed).
_SIGNED_PARAGRAPHS = 2

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
    heads = [fold(p[:_DATE_CHARS]) for p in paragraphs[:_DATE_PARAGRAPHS]]
    tails = [fold(p[-_DATE_CHARS:]) for p in paragraphs[-_SIGNED_PARAGRAPHS:]]
    out.date = _date(meta, heads, tails)
    out.issuer = _issuer(fold(title), meta, heads)
    out.region = [p.group(0) for p in _PATTERNS["region_piece"].finditer(out.issuer)]
    # a county's bureau (某某县人力资源和社会保障局) is of its region's level; a village's committee of none
    named = _level_named(out.issuer)
    out.level = "" if named == _NO_LEVEL else named or (level_of(out.region[-1]) if out.region else "")
    out.period, out.plan_period = _periods(fold(title), out.date)
    return out


def _speech_issuer(heads: Sequence[str]) -> str:
    """Who gives a 政府工作报告 made to the national congress (在第十四届全国人民代表大会…上: 国务院):
    its byline names no place, so the meeting line of :func:`_issuer` finds none."""
    return _BYLINE["national_issuer"] if re.search(_BYLINE["national"], "".join(heads)) else ""


def _date(meta: dict[str, str], heads: list[str], tails: list[str]) -> str:
    """The day a speech was given (——2026年1月25日在…会议上), else the page's date, else the day
    the report was signed (its last words), else a date in the first paragraphs, as YYYY-MM-DD."""
    dateline = next((m for h in heads if (m := _PATTERNS["dateline_date"].search(h))), None)
    m = dateline or _DATE.search(fold(meta.get("date", ""))) or next(
        (m for t in reversed(tails) if (m := _PATTERNS["signing_date"].search(t))), None) or next(
        (m for h in heads if (m := _DATE.search(h))), None)
    if not m:
        return ""
    year, month, day = (year_of(g) if i == 0 else chinese_to_int(g) if not g.isdigit() else int(g)
                        for i, g in enumerate(m.groups()[:3]))
    return f"{year:04d}-{month:02d}-{day:02d}" if year and month and day else ""


def _issuer(title: str, meta: dict[str, str], heads: list[str]) -> str:
    """Who issued the report: a page's 发布机构, the body the title names (before or after its
    year), the government the speaker or the meeting speaks for, a 信息来源 that is not a paper."""
    if meta.get("issuer"):
        return meta["issuer"].strip()
    ym = _YEAR.search(title)
    if ym:
        before = _PATTERNS["issuer_about"].sub("", _PATTERNS["title_lead"].sub("", title[:ym.start()]).strip())
        after = _PATTERNS["issuer_after_year"].match(title[ym.end():])
        if before and _PATTERNS["governed_division"].search(before) \
                and title[ym.end():].startswith(_WORDS["government_report"]):
            return before + _WORDS["government"]  # 某某镇2021年政府工作报告: the town's government
        for name in (before, after.group(1) if after else ""):
            if name and _PATTERNS["issuer_suffix"].search(name):
                return name
    for head in heads:
        m = _PATTERNS["speaker_place"].match(head) or _PATTERNS["meeting_place"].search(head)
        if m:
            return m.group(1) + _WORDS["government"]
    source = meta.get("source", "").strip()
    if source and not _PATTERNS["media"].search(source):
        return source
    if title.strip() in ("", _WORDS["government_report"]):
        return _speech_issuer(heads)  # a title that is only the genre's word names no one
    return ""


def _periods(title: str, date: str) -> tuple[str, str]:
    """The periods a title names: the summary's and the plan's (2024年上半年, 2024年下半年)."""
    years = [y for y in (year_of(g) for g in _YEAR.findall(title)) if y]
    ym = _YEAR.search(title)
    government_report = _WORDS["government_report"] in title
    if not years and government_report and date:
        years = [int(date[:4])]  # a bare 政府工作报告 is dated by its speech
    if not years:
        return "", ""
    year = years[0]
    rest = title[ym.end():] if ym else ""
    parts = list(_PATTERNS["part_of_year"].finditer(rest))
    half = parts[0] if parts else None
    if half and half.group(1) == _WORDS["first_half"]:
        return _year(year, _WORDS["first_half"]), _year(year, _WORDS["second_half"])
    if half:
        planned = parts[1] if len(parts) > 1 and _PATTERNS["plan_words"].search(rest, parts[1].end()) else None
        return _year(year, half.group(1)), _year(year, planned.group(1)) if planned else ""
    if government_report:
        return _year(year - 1), _year(year)
    if len(years) > 1 and years[1] > year:
        return _year(year), _year(years[1])  # 2024年工作总结和2025年工作计划
    if _PATTERNS["plan_words"].search(rest):
        return _year(year), _year(year + 1) if _PATTERNS["summary_words"].search(rest) else _year(year)
    return _year(year), ""


def title_without_lead(title: str, meta: dict[str, str]) -> str:
    """The title from where it names its issuer or its year, when a page ran a breadcrumb or a
    column's name into it (要闻2026年某某省政府工作报告); the report a notice issues
    (关于印发《某某镇2026年工作要点》的通知) is the quoted one."""
    notice = _PATTERNS["notice"].match(fold(title).strip())
    if notice:
        title = title.strip()[notice.start(1):notice.end(1)]
    for key in ("issuer", "source"):
        name = meta.get(key, "")
        at = title.find(name) if len(name) > 1 else -1
        if at > 0 and not _YEAR.search(fold(title[:at])):
            return title[at:]
    ym = _YEAR.search(fold(title))
    if ym and ym.start() > 0:
        lead = _PATTERNS["issuer_about"].sub("", fold(title[:ym.start()]))
        if not _PATTERNS["title_lead"].match(lead) and not _PATTERNS["issuer_suffix"].search(lead):
            return title[ym.start():]
    return title


def level_of(issuer: str) -> str:
    """The level of government an issuer's name ends with (``…街道办事处`` is a subdistrict)."""
    level = _level_named(issuer)
    return "" if level == _NO_LEVEL else level


def _level_named(issuer: str) -> str:
    """The level :data:`_LEVELS` gives the end of an issuer's name (``none`` for a village's committee), or ""."""
    core = _PATTERNS["issuer_tail"].sub("", issuer)
    return next((level for suffix, level in _LEVELS.rows if core.endswith(suffix)), "")


#: The level of :data:`_LEVELS` that is none of government's.
_NO_LEVEL = "none"


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
    if stated.title is None:
        # the text's periods stand, as its part headings refined them
        derived.period, derived.plan_period = report.period, report.plan_period
    derived.region = list(stated.region) if stated.region is not None else derived.region
    derived.level = stated.level or derived.level
    derived.period = stated.period or derived.period
    derived.plan_period = stated.plan_period or derived.plan_period
    put(report, derived)
