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

pdfminer.six has no hook on stream decoding: it inflates a Flate stream with
an unbounded ``zlib.decompress``, so a 600 KB stream of zeros becomes
gigabytes, and a damaged stream falls back to a byte-at-a-time inflate whose
output is copied once per input byte (quadratic). The decoders it calls
through :mod:`pdfminer.pdftypes` (zlib, LZW, RunLength, CCITT fax) are
replaced there by bounded ones, which spend from the budget of the PDF being
read (a context variable: other threads and other users of pdfminer see the
originals' behaviour): decoded bytes within ``Limits.expanded_bytes``, time
within ``Limits.pdf_seconds``, checked as streams inflate and as characters
are drawn. Pages are counted against ``Limits.pdf_pages``.
"""
from __future__ import annotations

import io
import re
import statistics
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from pdfminer import pdfinterp, pdftypes
from pdfminer.ccitt import ccittfaxdecode
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer
from pdfminer.lzw import LZWDecoder, lzwdecode
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSException
from pdfminer.runlength import rldecode

from reportgraph import limits as bounds
from reportgraph.datafiles import datafile
from reportgraph.limits import Limits
from reportgraph.readers import FormatProblem

#: Words that mark a report's title (the segment stage reads them too).
_REPORT_TITLE_WORDS = datafile("segment/title_words.txt")
_FURNITURE = datafile("load/pdf_furniture.tsv").named_patterns

NEEDS_OCR = ("PDF has no text layer (scanned pages?): run OCR on it first, "
             "e.g. 'ocrmypdf --language chi_sim in.pdf out.pdf', and build the result")
UNMAPPED = ("PDF text cannot be read: its fonts map no characters to Unicode; "
            "run OCR on it first, e.g. 'ocrmypdf --force-ocr --language chi_sim in.pdf out.pdf'")
ENCRYPTED = "PDF is password-protected: save an unprotected copy first"
DAMAGED = "cannot read the PDF: the file is damaged or incomplete"

#: A document with fewer readable characters than this per page has no text layer worth the name.
_MIN_CHARS_PER_PAGE = 5
#: A row that is only a page number, and the figures that change from page to page (data/load/pdf_furniture.tsv).
_PAGE_NUMBER = _FURNITURE["page_number"]
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_DIGITS = _FURNITURE["digits"]


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


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


def _chars(items: Iterable[Any], out: list[_Char]) -> None:
    """Every character on a page, including those inside form XObjects (figures)."""
    for item in items:
        if isinstance(item, LTChar):
            text = item.get_text()
            if text:
                out.append(_Char(text, item.x0, item.x1, item.y0, item.y1, item.size))
        elif isinstance(item, LTContainer):
            _chars(item, out)


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
    return "".join(out).strip()


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


# --------------------------------------------------------------------------- bounded decoding

#: Output is inflated, and time checked, in steps of this many bytes.
_STEP = 1 << 20


@dataclass
class _Budget:
    """What reading one PDF may still spend: decoded bytes, and time until its deadline."""

    limits: Limits
    room: int
    deadline: float

    @classmethod
    def of(cls, limits: Limits) -> _Budget:
        return cls(limits, limits.expanded_bytes, time.monotonic() + limits.pdf_seconds)

    def spend(self, size: int) -> None:
        self.room -= size
        if self.room < 0:
            raise FormatProblem(
                f"PDF streams unpack to more than {bounds.megabytes(self.limits.expanded_bytes)} (a compression "
                f"bomb?); {bounds.raise_with('expanded_bytes')} if it is a real document")
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise FormatProblem(f"reading the PDF took longer than {self.limits.pdf_seconds:g} s; split it, "
                                f"or {bounds.raise_with('pdf_seconds')}")


_BUDGET: ContextVar[_Budget | None] = ContextVar("reportgraph_pdf_budget", default=None)


class _BoundedZlib:
    """What :mod:`pdfminer.pdftypes` calls ``zlib``: ``decompress`` inflates within the budget, in steps.

    A damaged stream gives what inflated before the damage (pdfminer's own
    fallback does the same, one input byte at a time) instead of an error.
    """

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes) -> bytes:
        budget = _BUDGET.get()
        if budget is None:
            return zlib.decompress(data)
        inflater = zlib.decompressobj()
        out: list[bytes] = []
        pending = data
        try:
            while True:
                chunk = inflater.decompress(pending, _STEP)
                budget.spend(len(chunk))
                out.append(chunk)
                pending = inflater.unconsumed_tail
                if inflater.eof or (not pending and len(chunk) < _STEP):
                    break
        except zlib.error:
            pass
        return b"".join(out)




def _lzw(data: bytes) -> bytes:
    budget = _BUDGET.get()
    if budget is None:
        return lzwdecode(data)
    out: list[bytes] = []
    unspent = 0
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out.append(chunk)
        unspent += len(chunk)
        if unspent >= _STEP:
            budget.spend(unspent)
            unspent = 0
    budget.spend(unspent)
    return b"".join(out)


def _run_length(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5): a length byte, then 1-128 bytes as they are or one byte 2-128 times."""
    budget = _BUDGET.get()
    if budget is None:
        return rldecode(data)
    out = bytearray()
    unspent = i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            piece = data[i + 1:i + 2 + length]
            i += length + 2
        else:
            piece = data[i + 1:i + 2] * (257 - length)
            i += 2
        out += piece
        unspent += len(piece)
        if unspent >= _STEP:
            budget.spend(unspent)
            unspent = 0
    budget.spend(unspent)
    return bytes(out)


def _fax(data: bytes, params: dict[str, object]) -> bytes:
    """CCITT fax, refused where it could unpack beyond the budget: a row can cost one bit, so at most
    ``Columns`` bits a row times eight rows a byte."""
    budget = _BUDGET.get()
    if budget is not None:
        columns = params.get("Columns", 1728) if isinstance(params, dict) else 1728
        if isinstance(columns, int) and columns * len(data) > budget.room:
            budget.spend(budget.room + 1)
    return ccittfaxdecode(data, params)


#: No token of a real PDF (a number, a name, a string, a comment) is this long; pdfminer builds each
#: token by appending to bytes once per 4 KB read, which is quadratic in the token's length.
_MAX_TOKEN = 1 << 20
LONG_TOKEN = "PDF holds a string, name or comment of more than 1 MB: not a document's text layer"


def _check_parser(parser: Any) -> None:
    """Called by the parsers below each time they read on: the deadline, and the length of the token being read."""
    budget = _BUDGET.get()
    if budget is None:
        return
    budget.check_time()
    if len(getattr(parser, "_curtoken", b"")) > _MAX_TOKEN:
        raise FormatProblem(LONG_TOKEN)


class _BoundedParser(PDFParser):
    """pdfminer's file parser, within the deadline and the token length."""

    def fillbuf(self) -> bool:
        _check_parser(self)
        return bool(super().fillbuf())


class _TimedContentParser(pdfinterp.PDFContentParser):
    """pdfminer's content stream parser, within the deadline and the token length.

    A page can be megabytes of operators that draw nothing (``q Q q Q …``,
    read at about 0.3 MB/s); only the parser sees every one of them.
    """

    def fillbuf(self) -> bool:
        _check_parser(self)
        return bool(super().fillbuf())


class _TimedAggregator(PDFPageAggregator):
    """pdfminer's page device, checking the deadline as it draws each character (one string can be long)."""

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        budget = _BUDGET.get()
        if budget is not None:
            budget.check_time()
        return float(super().render_char(*args, **kwargs))


def _bound_pdfminer() -> None:
    """Route pdfminer's stream decoders and content parser through the bounded ones above."""
    for name, bounded in (("zlib", _BoundedZlib), ("lzwdecode", _lzw), ("rldecode", _run_length),
                          ("ccittfaxdecode", _fax)):
        setattr(pdftypes, name, bounded)
    setattr(pdfinterp, "PDFContentParser", _TimedContentParser)


_bound_pdfminer()


def read_pdf(data: bytes, limits: Limits = bounds.DEFAULT) -> tuple[str, dict[str, str]]:
    """The text of a PDF's text layer, one paragraph a line, and its title property when it names a report."""
    token = _BUDGET.set(_Budget.of(limits))
    try:
        pages, title, unmapped, total = _read_pages(data, limits)
    finally:
        _BUDGET.reset(token)
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


def _read_pages(data: bytes, limits: Limits) -> tuple[list[list[_Row]], str, int, int]:
    """Each page's rows, the title property, and the count of unmapped and of all characters."""
    pages: list[list[_Row]] = []
    unmapped = total = 0
    try:
        document = PDFDocument(_BoundedParser(io.BytesIO(data)))
        manager = PDFResourceManager(caching=True)
        device = _TimedAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number >= limits.pdf_pages:
                raise FormatProblem(f"PDF has more than {limits.pdf_pages:,} pages; split it, "
                                    f"or {bounds.raise_with('pdf_pages')}")
            interpreter.process_page(page)
            budget = _BUDGET.get()
            if budget is not None:
                budget.check_time()
            chars: list[_Char] = []
            _chars(device.get_result(), chars)
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
    return pages, title, unmapped, total
