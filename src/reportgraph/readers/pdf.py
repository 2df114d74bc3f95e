"""PDF reports with a text layer as text: one paragraph a line, page numbers and running heads gone.

A PDF has no paragraphs, only characters at positions. pdfminer.six gives
each character with its box; characters are grouped into rows by height on
the page, and rows into paragraphs by the page geometry a typeset report
has: a row that reaches the right margin continues into the next row that
starts at the left margin; an indented row, a short row or a wider gap starts
a new paragraph; a title set larger than the body may wrap over several rows.
That gives the same lines as the plain-text report, so segmenting sees the
same headings. A scan (pages that are only images) or a text layer without
Unicode mapping cannot be read this way: the message says to run OCR first.
"""
from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reportgraph.datafiles import datafile
from reportgraph.readers import FormatProblem

#: Words that mark a report's title (the segment stage reads them too).
_REPORT_TITLE_WORDS = datafile("segment/title_words.txt")

NEEDS_OCR = ("PDF has no text layer (scanned pages?): run OCR on it first, "
             "e.g. 'ocrmypdf --language chi_sim in.pdf out.pdf', and build the result")
UNMAPPED = ("PDF text cannot be read: its fonts map no characters to Unicode; "
            "run OCR on it first, e.g. 'ocrmypdf --force-ocr --language chi_sim in.pdf out.pdf'")
ENCRYPTED = "PDF is password-protected: save an unprotected copy first"
DAMAGED = "cannot read the PDF: the file is damaged or incomplete"

#: A document with fewer readable characters than this per page has no text layer worth the name.
_MIN_CHARS_PER_PAGE = 5
_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(?:第\s*)?[0-9０-９]+\s*(?:页)?\s*(?:[/／共]\s*[0-9０-９]+\s*页?)?[-—–－\s]*$"
    r"|^[-—–－\s]*[ivxlcIVXLC]+[-—–－\s]*$"
)
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_DIGITS = re.compile(r"[0-9０-９]+")


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def _unify(text: str) -> str:
    """Kangxi radicals and compatibility ideographs (what some PDF fonts map to) as ordinary characters."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" else ch
        for ch in text
    )


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class _Row:
    """One line of text on a page."""

    page: int
    chars: list[_Char] = field(default_factory=list)
    text: str = ""

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return max(c.y1 for c in self.chars)

    @property
    def bottom(self) -> float:
        return min(c.y0 for c in self.chars)

    @property
    def size(self) -> float:
        return statistics.median(c.size for c in self.chars if c.text.strip()) if self.text.strip() else 0.0


def _chars(items: Iterable[Any], out: list[_Char], images: list[int]) -> None:
    """Every character on a page, including those inside form XObjects (figures)."""
    from pdfminer.layout import LTChar, LTContainer, LTImage

    for item in items:
        if isinstance(item, LTChar):
            text = item.get_text()
            if text:
                out.append(_Char(text, item.x0, item.x1, item.y0, item.y1, item.size))
        elif isinstance(item, LTImage):
            images[0] += 1
        elif isinstance(item, LTContainer):
            _chars(item, out, images)


def _rows(chars: list[_Char], page: int) -> list[_Row]:
    """Characters grouped into rows, top to bottom, each row left to right."""
    rows: list[_Row] = []
    for ch in sorted(chars, key=lambda c: (-c.middle, c.x0)):
        height = max(ch.y1 - ch.y0, 1.0)
        if rows and abs(rows[-1].chars[0].middle - ch.middle) <= 0.5 * height:
            rows[-1].chars.append(ch)
        else:
            rows.append(_Row(page, [ch]))
    for row in rows:
        row.chars.sort(key=lambda c: c.x0)
        row.text = _row_text(row.chars)
    return [r for r in rows if r.text.strip()]


def _row_text(chars: list[_Char]) -> str:
    """The row's characters, with a space where the gap between two is a space's width or more."""
    out: list[str] = []
    prev: _Char | None = None
    for ch in chars:
        if prev is not None and ch.text != " " and out and out[-1] != " ":
            gap = ch.x0 - prev.x1
            size = max(prev.size, ch.size, 1.0)
            # justified Chinese spreads characters apart; only a gap of an em and a half is a space there
            limit = 1.5 * size if _is_cjk(prev.text[-1]) and _is_cjk(ch.text[0]) else 0.25 * size
            if gap > limit:
                out.append(" ")
        out.append(ch.text)
        prev = ch
    return _unify("".join(out)).strip()


@dataclass
class _Layout:
    """The body text's geometry: left and right margins, character width and size, line pitch."""

    left: float
    right: float
    em: float
    size: float
    pitch: float

    @classmethod
    def of(cls, rows: list[_Row]) -> _Layout:
        sizes = [round(r.size, 1) for r in rows]
        size = Counter(sizes).most_common(1)[0][0]
        body = [r for r in rows if abs(r.size - size) < 0.6] or rows
        left = Counter(round(r.x0) for r in body).most_common(1)[0][0]
        ends = sorted(r.x1 for r in body)
        right = ends[int(0.9 * (len(ends) - 1))]
        cjk = [c.x1 - c.x0 for r in body for c in r.chars if _is_cjk(c.text)]
        em = statistics.median(cjk) if cjk else size
        pitches = [a.bottom - b.bottom for a, b in zip(body, body[1:]) if a.page == b.page and 0 < a.bottom - b.bottom < 3 * size]
        pitch = statistics.median(pitches) if pitches else 1.5 * size
        return cls(left, right, max(em, 1.0), size, pitch)


def _drop_furniture(pages: list[list[_Row]]) -> None:
    """Remove page numbers and running heads and feet: the first or last row of a page that repeats."""
    edge: Counter[str] = Counter()
    for rows in pages:
        for row in {id(r): r for r in (rows[:1] + rows[-1:])}.values():
            edge[_DIGITS.sub("#", row.text.replace(" ", ""))] += 1
    repeated = {k for k, n in edge.items() if n >= 2 and n >= len(pages) / 2}
    for rows in pages:
        for row in [r for r in (rows[:1] + rows[-1:])]:
            key = _DIGITS.sub("#", row.text.replace(" ", ""))
            if (_PAGE_NUMBER.match(row.text) or key in repeated) and row in rows:
                rows.remove(row)


def _paragraphs(rows: list[_Row], layout: _Layout) -> Iterator[str]:
    """Rows joined into paragraphs by where they start and end on the page."""
    current: list[_Row] = []
    for row in rows:
        if current and _continues(current[-1], row, layout):
            current.append(row)
            continue
        if current:
            yield _join(current)
        current = [row]
    if current:
        yield _join(current)


def _continues(prev: _Row, row: _Row, layout: _Layout) -> bool:
    """Is ``row`` the next line of the paragraph that ``prev`` is in?"""
    if abs(prev.size - row.size) >= 0.6:
        return False
    if prev.page == row.page and prev.bottom - row.bottom > 1.6 * layout.pitch:
        return False  # space between paragraphs
    if row.size > layout.size + 0.9:
        return True  # a title set larger than the body, wrapped over two rows
    full = prev.x1 >= layout.right - 1.5 * layout.em
    at_left = row.x0 <= layout.left + 0.5 * layout.em
    return full and at_left


def _join(rows: list[_Row]) -> str:
    text = rows[0].text
    for row in rows[1:]:
        # a wrapped line of Western words had a space at the break; Chinese has none
        sep = " " if text[-1:].isascii() and text[-1:].isalnum() and row.text[:1].isascii() and row.text[:1].isalnum() else ""
        text += sep + row.text
    return text


def _doc_title(info: list[dict[str, Any]]) -> str:
    raw: Any = info[0].get("Title", b"") if info else b""
    if isinstance(raw, bytes):
        if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
            title = raw.decode("utf-16", errors="ignore")
        else:
            title = raw.decode("utf-8", errors="ignore")
    else:
        title = str(raw)
    title = re.sub(r"^Microsoft Word - |\.(docx?|wps|pdf)$", "", title.strip())
    return title if any(w in title for w in _REPORT_TITLE_WORDS.words) else ""


def read_pdf(data: bytes) -> tuple[str, dict[str, str]]:
    """The text of a PDF's text layer, one paragraph a line, and its title property when it names a report."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    pages: list[list[_Row]] = []
    images = [0]
    unmapped = total = 0
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document)):
            interpreter.process_page(page)
            chars: list[_Char] = []
            _chars(device.get_result(), chars, images)
            total += sum(len(c.text) for c in chars)
            unmapped += sum(len(c.text) for c in chars if c.text.startswith("(cid:"))
            pages.append(_rows([c for c in chars if not c.text.startswith("(cid:")], number))
        title = _doc_title(document.info)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise FormatProblem(ENCRYPTED) from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, AssertionError, IndexError,
            ZeroDivisionError, OverflowError, RecursionError) as err:
        # pdfminer signals a broken file with a spread of exceptions; a password error is one too
        if type(err).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise FormatProblem(ENCRYPTED) from None
        raise FormatProblem(DAMAGED) from err
    if total and unmapped > 0.3 * total:
        raise FormatProblem(UNMAPPED)
    readable = sum(len(r.text.replace(" ", "")) for rows in pages for r in rows)
    if readable < _MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise FormatProblem(NEEDS_OCR)
    _drop_furniture(pages)
    rows = [r for rows in pages for r in rows]
    if not rows:
        raise FormatProblem(NEEDS_OCR)
    text = "\n".join(_paragraphs(rows, _Layout.of(rows))) + "\n"
    return text, ({"title": title} if title else {})
