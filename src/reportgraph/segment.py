"""Find a report's structure: metadata, parts, numbered sections, sentences.

Page furniture is dropped and paragraphs broken by stray line breaks are
joined first; the cleaned text becomes :attr:`Report.text`, and every offset
in the model points into it. Headings in every style this genre uses
(``一、``, ``(一)``/``（一）``, ``一是…``, ``——…。`` lead-ins, ``1.``) are recognised
with half-width and full-width punctuation alike.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportgraph.lexicon import Lexicon, table, words
from reportgraph.model import Problem, Report, Section, Sentence, SourceText
from reportgraph.numerals import chinese_to_int, fold

_CN = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^(?:([{_CN}]+)、|第([{_CN}]+)部分[：\s]*)(.*)$")
PAREN_HEADING = re.compile(rf"^（([{_CN}]+)）(.*)$", re.S)
SHI_HEADING = re.compile(rf"^([{_CN}]+)是(.*)$", re.S)
DASH_HEADING = re.compile(r"^——(.*)$", re.S)
DIGIT_HEADING = re.compile(r"^(\d{1,2})[.、](?!\d)(.*)$", re.S)
INLINE_SHI = re.compile(rf"(?:^|(?<=[。；：\s]))([{_CN}]+)是")
TERMINAL = set("。！？；：…”」』）)!?;:")
SENTENCE_END = re.compile(r"[。！？；!?;]|\n")
YEAR = re.compile(r"(\d{4})年")
DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
CJK_SPACE = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


@dataclass
class _Paragraph:
    text: str
    start: int = 0


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in words("furniture.txt"))


@lru_cache(maxsize=1)
def _appendix() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in words("appendix_markers.txt"))


@lru_cache(maxsize=1)
def _metadata_fields() -> dict[str, str]:
    return {row[0]: row[1] for row in table("metadata_fields.tsv")}


def _is_heading(line: str) -> bool:
    f = fold(line)
    # a dash lead-in is a heading only as a sentence (——经济增长快速稳健。), not as a
    # speech's dateline (——2026年1月26日在…会议上), which a line break may cut
    dash = DASH_HEADING.match(f) and re.search(r"[。！]", f)
    return bool(PART_HEADING.match(f) or PAREN_HEADING.match(f) or SHI_HEADING.match(f)
                or dash or DIGIT_HEADING.match(f))


def _read_metadata(line: str, meta: dict[str, str]) -> bool:
    """Read ``信息来源:… 发布日期:…`` style lines into ``meta``; True if the line was one."""
    f = fold(line)
    fields = _metadata_fields()
    first = re.match(r"^([\u4e00-\u9fff]{2,6})：", f)
    if not first or first.group(1) not in fields:
        return False
    pattern = "|".join(sorted(map(re.escape, fields), key=len, reverse=True))
    for m in re.finditer(rf"({pattern})：\s*([^\s【]*(?:\s\d{{1,2}}:\d{{2}})?)", f):
        kind, value = fields[m.group(1)], m.group(2).strip()
        if value and kind != "other":
            meta.setdefault(kind, value)
    return True


def _title_index(lines: list[str]) -> int | None:
    marks = words("title_words.txt")
    for i, line in enumerate(lines[:12]):
        if len(line) <= 80 and "。" not in line and any(w in line for w in marks) and not _is_heading(line):
            return i
    return None


def clean(text: str, meta: dict[str, str]) -> tuple[str, list[_Paragraph]]:
    """Drop furniture, read metadata lines, join broken paragraphs.

    Returns the title line (or "") and the body paragraphs in order.
    """
    furniture = _furniture()
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip().strip("\u3000\ufeff").strip()
        if not line or _read_metadata(line, meta) or any(p.search(line) for p in furniture):
            continue
        lines.append(line)
    title = ""
    ti = _title_index(lines)
    if ti is not None:
        # lines before the title without sentence punctuation are breadcrumbs
        kept = [ln for ln in lines[:ti] if "。" in ln]
        title = lines[ti]
        lines, ti = kept + lines[ti + 1:], len(kept)
        # a repeated title line right after it adds nothing
        while lines and ti < len(lines) and lines[ti] in title:
            lines.pop(ti)
    paragraphs: list[_Paragraph] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1].text, line):
            paragraphs[-1].text += line
        else:
            paragraphs.append(_Paragraph(line))
    return title, paragraphs


def _continues(previous: str, line: str) -> bool:
    """Is ``line`` the rest of a paragraph that a stray line break cut?"""
    if previous[-1] in TERMINAL or _is_heading(line):
        return False
    if _is_heading(previous) and not re.search(r"[。！？；]", previous):
        return False
    if any(p.search(previous) or p.search(line) for p in _appendix()):
        return False
    # a short line with spaced characters is a byline (上海市市长 龚 正), never a continuation
    return not any(len(x) < 30 and CJK_SPACE.search(x) for x in (previous, line))


def _part_of(heading: str, previous: str, in_appendix: bool) -> str:
    if in_appendix:
        return "other"
    for part, word in table("part_keywords.tsv"):
        if word in heading:
            return part
    return "plan" if previous == "plan" else "other"


def _heading_words(body: str) -> str:
    """The heading of a numbered paragraph: its first sentence, without the end mark."""
    m = re.search(r"[。！？；]", fold(body))
    head = body[: m.start()] if m else body
    return head.strip(" ：:")


def _short_label(heading: str) -> str:
    """A work area's short label: the heading's first clause."""
    first = re.split(r"[，,：:]", heading, maxsplit=1)[0].strip()
    return first or heading


def segment(source: SourceText, lexicon: Lexicon | None = None) -> Report:
    """Turn a report's text into a :class:`Report` with parts, sections and sentences."""
    meta = dict(source.meta)
    title, paragraphs = clean(source.text, meta)
    title = title or meta.get("title", "")
    if title:
        # the title is text too: it names the issuer and the period
        paragraphs.insert(0, _Paragraph(title))
    offset = 0
    for p in paragraphs:
        p.start = offset
        offset += len(p.text) + 1
    text = "\n".join(p.text for p in paragraphs)
    report = Report(path=source.path, text=text, title=title)
    _metadata(report, meta, paragraphs)
    _sections(report, paragraphs)
    _problems(report)
    return report


def _metadata(report: Report, meta: dict[str, str], paragraphs: list[_Paragraph]) -> None:
    title = fold(report.title)
    m = DATE.search(meta.get("date", ""))
    if not m:
        for p in paragraphs[:5]:
            m = DATE.search(fold(p.text))
            if m:
                break
    if m:
        report.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    ym = YEAR.search(title)
    issuer = meta.get("issuer", "")
    if not issuer and ym and ym.start() > 1:
        issuer = re.sub(r"^(关于|对)", "", title[: ym.start()])
    elif not issuer and ym:
        m2 = re.match(r"(.+?(?:人民政府|政府|办事处|委员会))", title[ym.end():])
        issuer = m2.group(1) if m2 else ""
    if not issuer:
        issuer = meta.get("source", "")
    report.issuer = issuer.strip()
    report.region = [m.group(0) for m in re.finditer(
        r"[\u4e00-\u9fff]+?(?:自治区|省|自治州|市|自治县|县|区|街道|镇|乡)", report.issuer)]
    report.level = _level(report.issuer)
    years = [int(y) for y in YEAR.findall(title)]
    if not years and "政府工作报告" in title and report.date:
        years = [int(report.date[:4])]  # a bare 政府工作报告 is dated by its speech
    if years:
        year = years[0]
        rest = title[ym.end():] if ym else ""
        half = re.search(r"(上半年|下半年|前三季度|第[一二三四]季度)", rest)
        if half and half.group(1) == "上半年":
            report.period, report.plan_period = f"{year}年上半年", f"{year}年下半年"
        elif half:
            report.period = f"{year}年{half.group(1)}"
        elif "政府工作报告" in title:
            report.period, report.plan_period = f"{year - 1}年", f"{year}年"
        else:
            report.period = f"{year}年"
            if len(years) > 1 and years[1] > year:
                report.plan_period = f"{years[1]}年"  # 2024年工作总结和2025年工作计划
            elif re.search(r"计划|安排|打算", rest):
                report.plan_period = f"{year + 1}年" if re.search(r"总结", rest) else f"{year}年"


def _level(issuer: str) -> str:
    for suffix, level in (("街道办事处", "subdistrict"), ("街道", "subdistrict"), ("镇", "town"),
                          ("乡", "town"), ("自治区", "province"), ("县", "county"), ("区", "district"),
                          ("市", "city"), ("省", "province")):
        core = re.sub(r"(人民政府|政府|办事处|党工委|委员会)$", "", issuer)
        if core.endswith(suffix):
            return level
    return ""


def _sections(report: Report, paragraphs: list[_Paragraph]) -> None:
    """Group paragraphs into parts, then into numbered sections, then sentences."""
    parts: list[tuple[str, str, list[_Paragraph]]] = [("preamble", "", [])]
    in_appendix = False
    for p in paragraphs:
        f = fold(p.text)
        if any(pat.search(p.text) for pat in _appendix()):
            in_appendix = True
            parts.append(("other", p.text, [p]))
            continue
        m = PART_HEADING.match(f)
        if m and len(p.text) <= 80 and not in_appendix:
            heading = m.group(3).strip(" 。")
            parts.append((_part_of(heading, parts[-1][0], in_appendix), heading, [p]))
        else:
            parts[-1][2].append(p)
    if len(parts) == 1:
        parts[0] = (_part_from_title(report.title), "", parts[0][2])
    for part_no, (part, heading, paras) in enumerate(parts):
        if paras:
            report.sections.extend(_split_part(report, part, part_no, heading, paras))
    for sec in report.sections:
        # 二、存在的问题和下一步打算 → （二）下一步工作打算: that section is the plan
        if sec.part == "problems" and sec.number is not None and _part_of(sec.heading, "problems", False) == "plan":
            sec.part = "plan"
    sentence_no = 0
    for sec in report.sections:
        for start, end in _sentence_spans(report.text, sec.start, sec.end):
            sec.sentences.append(Sentence(sentence_no, start, end, report.text[start:end], sec.id))
            sentence_no += 1


def _part_from_title(title: str) -> str:
    if "计划" in title or "安排" in title or "要点" in title:
        return "plan"
    if "总结" in title:
        return "summary"
    return "other"


def _split_part(report: Report, part: str, part_no: int, heading: str,
                paras: list[_Paragraph]) -> list[Section]:
    """Sections of one part: by the first numbering style its paragraphs use."""
    folded = [fold(p.text) for p in paras]
    style = None
    for pattern in (PAREN_HEADING, SHI_HEADING, DASH_HEADING, DIGIT_HEADING):
        hits = [i for i, f in enumerate(folded) if pattern.match(f)]
        if len(hits) >= 2 or (hits and pattern is PAREN_HEADING):
            style = pattern
            break
    if part == "problems":
        style = PAREN_HEADING if style is PAREN_HEADING else None
    pid = f"{part_no}{part[0]}"
    sections: list[Section] = []
    part_label = _short_label(heading) if heading else {"preamble": "前言"}.get(part, "正文")
    opening = Section(f"{pid}-0", part, None, heading or part_label, part_label,
                      paras[0].start, paras[0].start)
    current = opening
    for p, f in zip(paras, folded):
        m = style.match(f) if style else None
        if m:
            if style is DASH_HEADING:
                number = len(sections) + 1  # ——…。 lead-ins are numbered by their order
            elif style is DIGIT_HEADING:
                number = int(m.group(1))
            else:
                number = chinese_to_int(m.group(1)) or len(sections) + 1
            body = m.group(m.lastindex)
            head = _heading_words(p.text[len(p.text) - len(body):])
            current = Section(f"{pid}-{len(sections) + 1}", part, number, head, _short_label(head),
                              p.start, p.start)
            sections.append(current)
        current.end = p.start + len(p.text)
    if opening.end > opening.start or not sections:
        opening.end = max(opening.end, opening.start)
        if part == "plan":
            _name_opening(report, opening)
        sections.insert(0, opening)
    return sections


def _name_opening(report: Report, opening: Section) -> None:
    """A plan part's opening that lists the main targets becomes that work area."""
    body = report.text[opening.start:opening.end]
    for phrase in words("target_list_headings.txt"):
        if phrase in body:
            opening.label = phrase
            opening.heading = f"{opening.heading}·{phrase}" if opening.heading != phrase else phrase
            return


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        stop = m.end() if m.group() != "\n" else m.start()
        if text[pos:stop].strip():
            spans.append(_trim(text, pos, stop))
        pos = m.end()
    if text[pos:end].strip():
        spans.append(_trim(text, pos, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _problems(report: Report) -> None:
    """Problems: headings of a problems part, or clauses after a lead such as 清醒地看到."""
    leads = words("problem_leads.txt")
    for sec in report.sections:
        if sec.part == "problems":
            if sec.number is not None and _part_of(sec.heading, "", False) != "problems":
                _add_problem(report, sec, sec.heading, sec.start)
                continue
            # a problems part's opening, or a section headed 存在问题: its 一是…二是… are the problems
            body = report.text[sec.start:sec.end]
            for m in INLINE_SHI.finditer(fold(body)):
                rest = body[m.end():]
                label = _heading_words(rest)
                if label:
                    _add_problem(report, sec, label, sec.start + m.end())
        else:
            for sentence in sec.sentences:
                if any(lead in sentence.text for lead in leads):
                    _problems_after_lead(report, sec, sentence)


def _problems_after_lead(report: Report, sec: Section, lead: Sentence) -> None:
    """The clauses that follow a 清醒地看到 sentence, up to the paragraph's end."""
    para_end = report.text.find("\n", lead.end)
    para_end = len(report.text) if para_end < 0 else min(para_end, sec.end)
    if fold(lead.text).endswith("；"):
        # 清醒地看到，有效需求不足；… : the first problem shares the lead's sentence
        rest = re.split(r"[，：]", fold(lead.text), maxsplit=1)
        if len(rest) == 2 and len(rest[1].rstrip("；")) >= 4:
            _add_problem(report, sec, lead.text[len(rest[0]) + 1:].rstrip("；;"), lead.start)
    for sentence in sec.sentences:
        if lead.end <= sentence.start < para_end:
            label = re.sub(r"^[^，：:]{0,4}[：:]", "", sentence.text.rstrip("。；;"))
            if re.match(r"(对此|我们)", label):
                break  # the paragraph turns from problems to resolve
            if 4 <= len(label):
                _add_problem(report, sec, label, sentence.start)


def _add_problem(report: Report, sec: Section, label: str, at: int) -> None:
    sentence = next((s for s in sec.sentences if s.start <= at < s.end or s.start >= at), None)
    if sentence is None and sec.sentences:
        sentence = sec.sentences[-1]
    if sentence is not None and label:
        report.problems.append(Problem(label=label, sentence=sentence, section_id=sec.id))
