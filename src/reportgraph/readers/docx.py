"""Word ``.docx`` reports as text: paragraphs, headings, list numbers and tables, in document order.

The package is opened here, not by python-docx: only the parts that hold the
text are read (the main document, its styles and numbering, the core
properties), each checked against the expanded-size bound before it is
unpacked and unpacked with a bounded read, and parsed by lxml with entities
unresolved, no network and libxml2's own bounds on depth (256) and text node
size (10 MB). A part that declares a DTD is refused: Open Packaging
Conventions forbid DTDs, so one in a ``.docx`` is an entity-expansion attack,
not Word's work. Nothing is followed from part to part beyond the two
relationship files that name those parts, so looping relationships cannot
recurse.

The text is read from the paragraph XML so that nothing a reader sees is lost:
runs inside hyperlinks, fields and tracked insertions, and the numbers Word
draws for numbered headings (``一、`` ``（一）`` ``1.`` stored as list
numbering, not as text), which the segment stage needs to find sections. A
table becomes one line per row with its cells separated by a space (a
one-column table, often a frame around the whole text, is read as plain
paragraphs).
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from reportgraph import limits as bounds
from reportgraph.datafiles import datafile
from reportgraph.limits import Limits
from reportgraph.readers import NOT_DOCX, FormatProblem

#: Words that mark a report's title (the segment stage reads them too).
_REPORT_TITLE_WORDS = datafile("segment/title_words.txt")

ENCRYPTED = "Word document is password-protected: save an unprotected copy first"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Subtrees whose text is not the paragraph's: deleted or moved-away text, text boxes (and their fallback copies).
_SKIP = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}instrText"})
#: The characters of Word's numbering formats (data/load/list_numbers.tsv).
_NUMBERS = datafile("load/list_numbers.tsv").pairs
_CN_DIGITS = _NUMBERS["digits"]
_CN_UNITS = _NUMBERS["units"]
_CN_LEGAL = _NUMBERS["legal_digits"]
_CN_LEGAL_UNITS = _NUMBERS["legal_units"]
_TIANGAN = _NUMBERS["heavenly_stems"]
_ZODIAC = _NUMBERS["earthly_branches"]
_CIRCLED = _NUMBERS["circled"]
#: Labels that end in punctuation are followed directly by the text (一、经济); others by a space (第一章 总则).
_LABEL_PUNCT = re.compile(f"[{re.escape(_NUMBERS['label_end'])}]$")


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = _CN_UNITS) -> str:
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


#: Counters beyond this are written as digits: a list restarted at 10**12 would spell out a billion Ms.
_SPELLED_MAX = 3999


def _roman(n: int) -> str:
    if not 0 < n <= _SPELLED_MAX:
        return str(n)
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    if not 0 < n <= _SPELLED_MAX:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    """One list counter in a numFmt of WordprocessingML."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, _CN_LEGAL_UNITS)
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
    def of(cls, root: Any | None) -> _Numbering:
        """The lists defined in the numbering part (``word/numbering.xml``), none if there is none."""
        numbering = cls()
        if root is None:
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


def _list_ref(ppr: Any) -> tuple[str | None, int | None]:
    """The list (numId) and level (ilvl) that one set of paragraph properties names, each if it does."""
    num = ppr.find(f"{_W}numPr")
    if num is None:
        return None, None
    lvl, ref = num.find(f"{_W}ilvl"), num.find(f"{_W}numId")
    return (ref.get(f"{_W}val", "0") if ref is not None else None,
            int(lvl.get(f"{_W}val", "0")) if lvl is not None else None)


class _Styles:
    """Paragraph styles, and the list each one puts its paragraphs in (through its base styles)."""

    def __init__(self, root: Any | None) -> None:
        found = root.findall(f"{_W}style") if root is not None else []
        self.by_id: dict[str, Any] = {s.get(f"{_W}styleId", ""): s for s in found}
        self._lists: dict[str, tuple[str | None, int | None]] = {}

    def list_ref(self, style_id: str) -> tuple[str | None, int | None]:
        """(numId, ilvl) of a style: the first numId up its ``basedOn`` chain, and the first ilvl up to it.

        Kept per style, so that a chain of a thousand base styles costs once, not once per paragraph.
        """
        if style_id in self._lists:
            return self._lists[style_id]
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        current = style_id
        while current in self.by_id and current not in seen:
            seen.add(current)
            style = self.by_id[current]
            ppr = style.find(f"{_W}pPr")
            if ppr is not None:
                ref, level = _list_ref(ppr)
                ilvl = level if ilvl is None else ilvl
                if ref is not None:
                    num_id = ref
                    break
            based = style.find(f"{_W}basedOn")
            current = based.get(f"{_W}val", "") if based is not None else ""
        self._lists[style_id] = (num_id, ilvl)
        return num_id, ilvl


def _num_pr(paragraph: Any, styles: _Styles) -> tuple[str, int] | None:
    """The list (numId, level) of a paragraph: its own, else its style's or a base style's."""
    ppr = paragraph.find(f"{_W}pPr")
    num_id, ilvl = _list_ref(ppr) if ppr is not None else (None, None)
    if num_id is None:
        ref = ppr.find(f"{_W}pStyle") if ppr is not None else None
        style_num, style_ilvl = styles.list_ref(ref.get(f"{_W}val", "") if ref is not None else "")
        num_id = style_num
        ilvl = style_ilvl if ilvl is None else ilvl
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
    def __init__(self, styles: Any | None, numbering: Any | None) -> None:
        self.numbering = _Numbering.of(numbering)
        self.styles = _Styles(styles)

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


# --------------------------------------------------------------------------- the package

#: Relationship types (the end of the type IRI, transitional and strict alike) of the parts read.
_MAIN, _CORE, _STYLES_REL, _NUMBERING_REL = "/officeDocument", "/core-properties", "/styles", "/numbering"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
#: A Word document is a few dozen parts, a few hundred with many pictures; beyond this it is not one.
_MAX_PARTS = 10_000
#: Below this unpacked size the ratio is not checked: small, very repetitive XML compresses well.
_RATIO_FROM = 16 * bounds.MB


def _damaged(part: str, reason: str) -> FormatProblem:
    return FormatProblem(f"cannot read the Word document: {part} {reason}")


def _xml_problem(part: str, err: etree.XMLSyntaxError) -> FormatProblem:
    """libxml2's refusal, said for a user: an entity bomb, too deep, too big, or plain damage."""
    message = str(err.msg or err)
    lowered = message.lower()
    if "amplification" in lowered or ("entity" in lowered and "loop" in lowered):
        return _damaged(part, "declares entities that expand without end (an entity-expansion attack); not Word's work")
    if "excessive depth" in lowered:
        return _damaged(part, "nests deeper than 256 levels (tables inside tables?); no real document does")
    if "huge" in lowered or "too long" in lowered or "resource limit" in lowered:
        return _damaged(part, "holds a text run longer than 10 MB; not a report")
    return _damaged(part, f"is not well-formed XML ({message.split(', line ')[0]}, line {err.lineno}); "
                          "open it in Word and save it again")


class _Package:
    """The ZIP container of a ``.docx``: its parts unpacked within the bound, parsed without entities."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        self.limits = limits
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        infos = self.archive.infolist()
        if len(infos) > _MAX_PARTS:
            raise FormatProblem(f"Word document has {len(infos):,} parts, more than {_MAX_PARTS:,}: not a document")
        declared = sum(info.file_size for info in infos)
        self._check_expanded(declared, len(data))
        self.parts = {info.filename.lower(): info for info in infos}
        self.unpacked = 0
        self.packed = len(data)

    def _check_expanded(self, size: int, packed: int) -> None:
        limit = self.limits.expanded_bytes
        if size > limit:
            raise FormatProblem(
                f"Word document unpacks to more than {bounds.megabytes(limit)} (a zip bomb?); "
                f"{bounds.raise_with('expanded_bytes')} if it is a real document")
        if size > _RATIO_FROM and size > self.limits.expansion_ratio * packed:
            raise FormatProblem(
                f"Word document unpacks to {size // max(packed, 1):,} times its size ({bounds.megabytes(size)} "
                f"from {bounds.megabytes(packed)}), more than {self.limits.expansion_ratio} times: a zip bomb, "
                "not a document")

    def read(self, name: str) -> bytes | None:
        """A part's bytes, or None if there is no such part; never more than the bound, whatever its header says."""
        info = self.parts.get(name.lower())
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise FormatProblem(ENCRYPTED)
        room = self.limits.expanded_bytes - self.unpacked
        try:
            with self.archive.open(info) as member:
                data = member.read(room + 1)  # a header can understate what a member inflates to
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as err:
            raise _damaged(name, f"cannot be unpacked ({err}); open it in Word and save it again") from None
        self.unpacked += len(data)
        self._check_expanded(self.unpacked, self.packed)
        return data

    def xml(self, name: str) -> Any | None:
        """A part parsed as XML, or None if there is no such part."""
        data = self.read(name)
        if data is None:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 collect_ids=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as err:
            raise _xml_problem(name, err) from None
        if root.getroottree().docinfo.internalDTD is not None:
            raise _damaged(name, "declares a DTD, which Word documents never do (an entity-expansion attack?)")
        return root

    def related(self, part: str) -> dict[str, str]:
        """The parts ``part`` names in its relationships (``/`` for the package's own), by relationship type."""
        folder, file_name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{file_name}.rels"))
        found: dict[str, str] = {}
        for rel in rels.iter(_REL) if rels is not None else ():
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            if not target or rel.get("TargetMode") == "External":
                continue
            resolved = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
            for suffix in (_MAIN, _CORE, _STYLES_REL, _NUMBERING_REL):
                if kind.endswith(suffix):
                    found.setdefault(suffix, resolved)
        return found


def read_docx(data: bytes, limits: Limits = bounds.DEFAULT) -> tuple[str, dict[str, str]]:
    """The text of a ``.docx`` file, one paragraph or table row a line, and its title property."""
    try:
        package = _Package(data, limits)
        if package.xml("[Content_Types].xml") is None:
            raise FormatProblem(NOT_DOCX)
        top = package.related("")
        main = top.get(_MAIN, "word/document.xml")
        document = package.xml(main)
        body = document.find(f"{_W}body") if document is not None else None
        if body is None:
            raise FormatProblem(NOT_DOCX)
        parts = package.related(main)
        reader = _Reader(package.xml(parts[_STYLES_REL]) if _STYLES_REL in parts else None,
                         package.xml(parts[_NUMBERING_REL]) if _NUMBERING_REL in parts else None)
        lines = list(reader.blocks(body))
        core = package.xml(top[_CORE]) if _CORE in top else None
    except (zipfile.BadZipFile, ValueError, OverflowError) as err:
        raise FormatProblem(NOT_DOCX) from err
    title_node = core.find(_DC_TITLE) if core is not None else None
    title = (title_node.text or "").strip() if title_node is not None else ""
    # the title property is often a template's leftover: it is a hint only when it names a report
    meta = {"title": title} if title and any(w in title for w in _REPORT_TITLE_WORDS.words) else {}
    return "\n".join(line.rstrip() for line in lines) + "\n", meta
