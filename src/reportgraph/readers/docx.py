"""Word ``.docx`` reports as text: paragraphs, headings, list numbers and tables, in document order.

python-docx opens the package and resolves styles; the text itself is read
from the paragraph XML so that nothing a reader sees is lost: runs inside
hyperlinks, fields and tracked insertions, and the numbers Word draws for
numbered headings (``一、`` ``（一）`` ``1.`` stored as list numbering, not as
text), which the segment stage needs to find sections. A table becomes one
line per row with its cells separated by a space (a one-column table, often
a frame around the whole text, is read as plain paragraphs).
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportgraph.datafiles import datafile
from reportgraph.readers import FormatProblem

#: Words that mark a report's title (the segment stage reads them too).
_REPORT_TITLE_WORDS = datafile("segment/title_words.txt")

if TYPE_CHECKING:
    from docx.document import Document

NOT_DOCX = "cannot read the Word document: it is damaged or not a .docx file"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Subtrees whose text is not the paragraph's: deleted or moved-away text, text boxes (and their fallback copies).
_SKIP = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}instrText"})
_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Labels that end in punctuation are followed directly by the text (一、经济); others by a space (第一章 总则).
_LABEL_PUNCT = re.compile(r"[、.．,，:：)）\]】]$")


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1-9999 in Chinese numerals as list numbers write them: 十一, 二十, 一百零五."""
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d:
            if zero:
                out += digits[0]
            out += digits[d] + unit
            zero = False
        elif out:
            zero = True
    if out.startswith(digits[1] + units[0]) and digits is _CN_DIGITS:
        out = out[1:]  # 十一, not 一十一
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    """One list counter in a numFmt of WordprocessingML."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Numbering:
    """Word's list definitions and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> _Numbering:
        numbering = cls()
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in node.findall(f"{_W}lvl"):
                level = _Level()
                start, fmt, text = (lvl.find(f"{_W}{name}") for name in ("start", "numFmt", "lvlText"))
                if start is not None:
                    level.start = int(start.get(f"{_W}val", "1"))
                if fmt is not None:
                    level.fmt = fmt.get(f"{_W}val", "decimal")
                if text is not None:
                    level.text = text.get(f"{_W}val", "")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = level
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                if start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(int(start.get(f"{_W}val", "1")), base.fmt, base.text)
            numbering.levels[num.get(f"{_W}numId", "")] = levels
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word draws before the next paragraph of list ``num_id`` at level ``ilvl``."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a new item restarts the levels below it

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            level = levels.get(k)
            value = counters.get(k, level.start if level else 1)
            return _format_number(value, level.fmt if level else "decimal")

        label = re.sub(r"%([1-9])", number, levels[ilvl].text)
        if levels[ilvl].fmt == "bullet":
            return ""
        return label if not label or _LABEL_PUNCT.search(label) else label + " "


def _properties(paragraph: Any, styles: dict[str, Any]) -> Iterator[Any]:
    """The paragraph's own properties, then its style's, then each base style's."""
    ppr = paragraph.find(f"{_W}pPr")
    if ppr is not None:
        yield ppr
    ref = ppr.find(f"{_W}pStyle") if ppr is not None else None
    style_id = ref.get(f"{_W}val", "") if ref is not None else ""
    seen: set[str] = set()
    while style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        spr = style.find(f"{_W}pPr")
        if spr is not None:
            yield spr
        based = style.find(f"{_W}basedOn")
        style_id = based.get(f"{_W}val", "") if based is not None else ""


def _num_pr(paragraph: Any, styles: dict[str, Any]) -> tuple[str, int] | None:
    """The list (numId, level) of a paragraph: its own, else its style's or a base style's."""
    num_id: str | None = None
    ilvl: int | None = None
    for ppr in _properties(paragraph, styles):
        num = ppr.find(f"{_W}numPr")
        if num is None:
            continue
        lvl, ref = num.find(f"{_W}ilvl"), num.find(f"{_W}numId")
        if ilvl is None and lvl is not None:
            ilvl = int(lvl.get(f"{_W}val", "0"))
        if ref is not None:
            num_id = ref.get(f"{_W}val", "0")
            break
    if num_id is None or num_id == "0":
        return None
    return num_id, ilvl or 0


def _run_text(node: Any, out: list[str]) -> None:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            if child.get(f"{_W}type") not in ("page", "column"):
                out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}pPr":
            continue
        else:
            _run_text(child, out)


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.numbering = _Numbering.of(doc)
        styles_root = doc.styles.element
        self.styles = {s.get(f"{_W}styleId", ""): s for s in styles_root.findall(f"{_W}style")}

    def paragraph(self, p: Any) -> str:
        parts: list[str] = []
        _run_text(p, parts)
        text = "".join(parts)
        num = _num_pr(p, self.styles)
        if num is not None and text.strip():
            text = self.numbering.label(*num) + text.strip()
        return text

    def blocks(self, container: Any) -> Iterator[str]:
        """Lines of a body, a cell or a content control, in order."""
        for child in container:
            tag = child.tag
            if tag == f"{_W}p":
                yield from self.paragraph(child).split("\n")
            elif tag == f"{_W}tbl":
                yield from self.table(child)
            elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
                yield from self.blocks(child)

    def table(self, tbl: Any) -> Iterator[str]:
        rows = tbl.findall(f"{_W}tr")
        cells = [r.findall(f"{_W}tc") for r in rows]
        if all(len(row) <= 1 for row in cells):
            # a one-column table frames text: its paragraphs are lines of their own
            for row in cells:
                for cell in row:
                    yield from self.blocks(cell)
            return
        for row in cells:
            texts = [" ".join(line.strip() for line in self.blocks(cell) if line.strip()) for cell in row]
            line = " ".join(t for t in texts if t)
            if line:
                yield line


def read_docx(data: bytes) -> tuple[str, dict[str, str]]:
    """The text of a ``.docx`` file, one paragraph or table row a line, and its title property."""
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as err:  # pragma: no cover - a dependency of the package
        raise FormatProblem(f"reading .docx needs python-docx ({err})") from None
    try:
        doc = docx.Document(io.BytesIO(data))
        reader = _Reader(doc)
        lines = list(reader.blocks(doc.element.body))
        title = (doc.core_properties.title or "").strip()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise FormatProblem(NOT_DOCX) from err
    # the title property is often a template's leftover: it is a hint only when it names a report
    meta = {"title": title} if title and any(w in title for w in _REPORT_TITLE_WORDS.words) else {}
    return "\n".join(line.rstrip() for line in lines) + "\n", meta
