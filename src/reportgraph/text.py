"""Text handling every stage shares: width folding, clause and sentence breaks,
quotation marks and their spans, display width, Chinese numerals.

Defined once so that the stages cannot disagree: a clause of
``青松社区，荣获…`` and of ``青松社区,荣获…`` is the same clause everywhere,
because every rule that looks for clause breaks looks in folded text. The
characters themselves are data (``data/text/``).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile

_PUNCTUATION = datafile("text/punctuation.tsv")
_WIDTH_FOLD = datafile("text/width_fold.tsv")
_NUMERALS = datafile("text/numerals.tsv")


def _char(cell: str) -> str:
    """A character as a data file writes it: itself, or ``U+XXXX``."""
    return chr(int(cell[2:], 16)) if cell.startswith("U+") and len(cell) > 2 else cell


_ROLES: dict[str, str] = {row[0]: row[1] for row in _PUNCTUATION.rows}

#: Marks that end a clause, in folded text (a line break too).
CLAUSE_BREAKS: frozenset[str] = frozenset(_ROLES["clause_break"] + "\n")
#: Clause breaks as a string, for regular-expression character classes.
CLAUSE_BREAK_CHARS: str = _ROLES["clause_break"] + "\n"
#: Marks that end a sentence (full- and half-width: sentences are cut before folding).
SENTENCE_MARKS: str = _ROLES["sentence_end"]
#: A sentence ends at one of :data:`SENTENCE_MARKS` or at a line break.
SENTENCE_END = regexcache.compile(f"[{re.escape(SENTENCE_MARKS)}]|\n")
#: One Chinese character (the CJK Unified Ideographs block), and a run of them: the tests of "is this a word
#: of hanzi" that many rules make, written once.
HANZI = regexcache.compile(r"[\u4e00-\u9fff]")
HANZI_RUN = regexcache.compile(r"[\u4e00-\u9fff]+")
#: The enumeration comma that separates the items of a list.
LIST_SEPARATOR: str = _ROLES["list_separator"]
#: Opening and closing quotation marks; the straight double quote is both.
QUOTE_OPENERS: str = _ROLES["quote_open"]
QUOTE_CLOSERS: str = _ROLES["quote_close"]
#: Book-title marks: a span inside them is a title, whose numbers are part of it.
BOOK_OPENERS: str = _ROLES["book_open"]
BOOK_CLOSERS: str = _ROLES["book_close"]
#: Round brackets of either width.
BRACKET_OPENERS: str = _ROLES["bracket_open"]
BRACKET_CLOSERS: str = _ROLES["bracket_close"]
#: Every quotation mark (no book-title marks).
QUOTE_CHARS: str = "".join(dict.fromkeys(QUOTE_OPENERS + QUOTE_CLOSERS))
#: Everything that is never part of a name: quotation marks, book-title marks, the apostrophe.
NAME_QUOTES: str = QUOTE_CHARS + _ROLES["apostrophe"] + BOOK_OPENERS + BOOK_CLOSERS
_SPAN_OPENERS = QUOTE_OPENERS + BOOK_OPENERS
_SPAN_CLOSERS = QUOTE_CLOSERS + BOOK_CLOSERS


def _fold_table() -> dict[int, str]:
    table = {ord(_char(row[0])): _char(row[1]) for row in _WIDTH_FOLD.rows}
    # full-width digits and Latin letters are a block each: fold them as ranges
    table.update({0xFF10 + d: str(d) for d in range(10)})
    table.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})
    table.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})
    return table


_FOLD = _fold_table()
#: The same table by character, and the characters it folds as one class: a sentence holds few of
#: them, so replacing the few the class finds is several times cheaper than ``str.translate``,
#: which looks up every character of the text in the table.
_FOLD_CHARS: dict[str, str] = {chr(code): folded for code, folded in _FOLD.items()}
_FOLDABLE = regexcache.compile("[" + "".join(re.escape(ch) for ch in sorted(_FOLD_CHARS)) + "]")


def _folded_char(match: re.Match[str]) -> str:
    return _FOLD_CHARS[match.group()]


def fold(text: str) -> str:
    """Fold punctuation, digits and letters to one width; same length as ``text``."""
    return _FOLDABLE.sub(_folded_char, text) if _FOLDABLE.search(text) else text


#: Every mark that opens or closes a quoted span: the only characters :func:`quote_spans` looks at.
_SPAN_MARKS = regexcache.compile("[" + "".join(re.escape(ch) for ch in sorted(set(_SPAN_OPENERS + _SPAN_CLOSERS))) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks or book-title marks (marks included), nested ones too."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for mark in _SPAN_MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if ch in _SPAN_OPENERS and not (ch == '"' and stack and text[stack[-1]] == '"'):
            stack.append(i)
        elif ch in _SPAN_CLOSERS and stack:
            spans.append((stack.pop(), i + 1))
    return spans


#: The marks :func:`strip_quotes` removes, as one class: most forms hold none, and are returned as they are.
_NAME_QUOTE_MARKS = regexcache.compile("[" + "".join(re.escape(ch) for ch in sorted(set(NAME_QUOTES))) + "]")


def strip_quotes(text: str) -> str:
    """``text`` without quotation marks, book-title marks or apostrophes: the form names take."""
    return _NAME_QUOTE_MARKS.sub("", text) if _NAME_QUOTE_MARKS.search(text) else text


#: How far a clause reaches either side of a span, at most. Clauses of the genre are a few dozen
#: characters; a run without a break (a hostile file, a table flattened to one line) would make
#: every rule that reads the clause around each of its figures rescan it, quadratic in its length.
CLAUSE_REACH = 400


#: Any clause break, as one class: the first after an offset is one search, not one per mark.
_CLAUSE_BREAK = regexcache.compile("[" + "".join(re.escape(ch) for ch in sorted(CLAUSE_BREAKS)) + "]")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of folded ``text`` around ``start..end``: out to the nearest clause breaks,
    but no further than :data:`CLAUSE_REACH` characters either side."""
    floor, ceiling = max(0, start - CLAUSE_REACH), min(len(text), end + CLAUSE_REACH)
    found = _CLAUSE_BREAK.search(text, end, ceiling) if end < ceiling else None
    return clause_start(text, start, floor), found.start() if found else max(end, ceiling)


@lru_cache(maxsize=64)
def _clause_breaks(text: str) -> list[int]:
    """Where the clause breaks of ``text`` stand, in order: found in one pass, for every clause of a sentence
    its rules look up (several per figure and per name), instead of one backward search per mark each time."""
    return [m.start() for m in _CLAUSE_BREAK.finditer(text)]


def clause_start(text: str, start: int, floor: int = 0) -> int:
    """Where the clause of ``text`` that ``start`` lies in begins: after the last clause break
    before ``start``, but not before ``floor``."""
    if start <= floor:
        return start
    breaks = _clause_breaks(text)
    k = bisect_left(breaks, start)
    return breaks[k - 1] + 1 if k and breaks[k - 1] >= floor else floor


def same_clause(text: str, a: int, b: int) -> bool:
    """Do offsets ``a`` and ``b`` of folded ``text`` lie in one clause?"""
    lo, hi = (a, b) if a <= b else (b, a)
    return _CLAUSE_BREAK.search(text, lo, hi) is None


#: Characters a terminal draws in no column of their own.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\ufeff")


def char_width(ch: str) -> int:
    """Terminal columns one character takes: 2 for wide (Chinese) ones, 0 for combining and zero-width marks."""
    if unicodedata.combining(ch) or ch in _ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (Chinese) characters take two."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


# --------------------------------------------------------------------------- Chinese numerals

_DIGITS: dict[str, int] = {r[0]: int(r[2]) for r in _NUMERALS.rows if r[1] == "digit"}
_UNITS: dict[str, int] = {r[0]: int(r[2]) for r in _NUMERALS.rows if r[1] == "unit"}
_SECTIONS: dict[str, int] = {r[0]: int(r[2]) for r in _NUMERALS.rows if r[1] == "section"}
_ZEROS = frozenset(ch for ch, v in _DIGITS.items() if v == 0)
_LARGEST_SECTION = max(_SECTIONS.values())

#: Characters that can make up a Chinese numeral.
NUMERAL_CHARS: str = "".join(r[0] for r in _NUMERALS.rows)
#: The digits one to nine and ten, as headings number their sections (一、 （十）).
HEADING_NUMERALS: str = "".join(ch for ch, v in _DIGITS.items() if v) + "".join(
    ch for ch, v in _UNITS.items() if v == 10)
#: Digit characters, zero included, as Chinese writes a year digit by digit (二〇二五).
DIGIT_CHARS: str = "".join(_DIGITS)


def year_of(digits: str) -> int | None:
    """A year written in digits or Chinese digits (2025, 二〇二五), or None."""
    if digits.isdigit():
        return int(digits)
    values = [chinese_to_int(ch) for ch in digits]
    return int("".join(str(v) for v in values)) if values and all(v is not None and v < 10 for v in values) else None


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 十五, 二十一, 一百零六, 三千六百; None if not one."""
    if not text or any(c not in NUMERAL_CHARS for c in text):
        return None
    if text[-1] in _ZEROS and len(text) > 1:
        return None
    total, section, digit, last_unit = 0, 0, None, _LARGEST_SECTION
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and (digit != 0 or ch in _ZEROS):
                return None  # 一二三, 一零: a list of digits, not one number
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            if _UNITS[ch] >= last_unit:
                return None  # 十十, 十百: units must fall within a section
            last_unit = _UNITS[ch]
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            if not total and not section and digit is None:
                digit = 1
            section += digit or 0
            size = _SECTIONS[ch]
            total = (total + section) * size if total and size == _LARGEST_SECTION else total + section * size
            section, digit, last_unit = 0, None, _LARGEST_SECTION
    return total + section + (digit or 0)
