"""Find report files and read them as text, whatever encoding they came in.

Reports are published as UTF-8, GBK/GB18030, Big5 or UTF-16 files, often with
no declaration of which, so the encoding is detected from the bytes. This
stage only turns bytes into text (and web pages into their visible text);
page furniture, headings and everything else are the segment stage's job.
Every failure is a :class:`ReportError` naming the file, so a batch can report
it in one line and go on.
"""
from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from reportgraph.errors import ReportError
from reportgraph.model import SourceText

#: File name endings that are treated as reports when a folder or glob is searched.
REPORT_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".text", ".html", ".htm")
#: Beyond this a file is almost certainly not one report; reading it would only eat memory.
MAX_BYTES = 50 * 1024 * 1024

NO_SUCH_PATH = "no such file or folder"
NO_REPORTS = "no reports found (looked for .txt, .md, .html)"
EMPTY = "file is empty"
NO_TEXT = "file has no text"
BINARY = "looks like a binary file, not a text report"
UNDECODABLE = "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text"
TOO_LARGE = "file is larger than 50 MB; split it first"

_GLOB_CHARS = re.compile(r"[*?[]")
#: How much of a file the control-character check looks at: enough to be sure, cheap on big files.
_SNIFF = 64 * 1024
#: C0 control characters that plain text does contain.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


# --------------------------------------------------------------------------- finding


def _is_report_name(path: Path) -> bool:
    name = path.name
    return (
        not name.startswith(".")
        and not name.endswith(".meta.json")
        and path.suffix.lower() in REPORT_SUFFIXES
    )


def _walk(folder: Path) -> Iterable[Path]:
    """Report files under ``folder``, recursively, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if _is_report_name(path) and path.is_file():
                yield path


def find_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """The report files named by ``inputs`` (files, folders, globs), sorted and de-duplicated.

    Sorting makes the build independent of argument order and of the order the
    file system lists folders in. A file named explicitly is taken whatever its
    ending; folders and globs only yield report files.
    """
    by_identity: dict[str, Path] = {}
    for item in inputs:
        text = str(item)
        path = Path(item)
        found: list[Path]
        if path.is_file():
            found = [path]
        elif path.is_dir():
            found = list(_walk(path))
            if not found:
                raise ReportError(text, NO_REPORTS)
        elif not path.exists() and _GLOB_CHARS.search(text):
            found = []
            for match in glob.glob(text, recursive=True):
                hit = Path(match)
                if hit.is_dir():
                    found.extend(_walk(hit))
                elif hit.is_file() and _is_report_name(hit):
                    found.append(hit)
            if not found:
                raise ReportError(text, NO_REPORTS)
        else:
            raise ReportError(text, NO_SUCH_PATH)
        for hit in found:
            # the same file reached two ways ("a/x.txt", "./a/../a/x.txt") is read once;
            # the shorter spelling wins, deterministically
            key = os.path.realpath(hit)
            if key not in by_identity or str(hit) < str(by_identity[key]):
                by_identity[key] = hit
    return sorted(by_identity.values(), key=str)


# --------------------------------------------------------------------------- decoding


def _mostly_controls(codes: Iterable[int], size: int) -> bool:
    """True when more than 30% of the first characters are non-text control characters."""
    if size == 0:
        return False
    controls = sum(1 for c in codes if (c < 0x20 and c not in _TEXT_CONTROLS) or c == 0x7F)
    return controls > 0.3 * size


def _looks_binary_bytes(data: bytes) -> bool:
    sample = data[:_SNIFF]
    return b"\0" in data or _mostly_controls(sample, len(sample))


def _looks_binary_text(text: str) -> bool:
    sample = text[:_SNIFF]
    return "\0" in text or _mostly_controls(map(ord, sample), len(sample))


@cache
def _common_hanzi() -> frozenset[str]:
    """The most used Chinese characters: GB2312 level 1 (simplified) and Big5 level 1 (traditional).

    Text decoded with the wrong one of GB18030/Big5 still "decodes", but into
    rare characters and symbols; counting common ones tells the two apart.
    """
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            chars.add(bytes((hi, lo)).decode("gb2312", errors="ignore"))
    for hi in range(0xA4, 0xC7):
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (hi << 8 | lo) <= 0xC67E:
                chars.add(bytes((hi, lo)).decode("big5", errors="ignore"))
    chars.discard("")
    return frozenset(chars)


def _common_count(text: str) -> int:
    common = _common_hanzi()
    return sum(1 for ch in text if ch in common)


def _decode(data: bytes, where: str) -> str:
    """Decode report bytes: BOMs first, then UTF-8, then the better of GB18030 and Big5."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ReportError(where, UNDECODABLE) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportError(where, UNDECODABLE) from None
        if _looks_binary_text(text):
            raise ReportError(where, BINARY)
        return text
    if _looks_binary_bytes(data):
        raise ReportError(where, BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise ReportError(where, UNDECODABLE)
    # max() keeps the first of equals, so GB18030 wins ties (mainland reports are the common case)
    return max(candidates, key=_common_count)


# --------------------------------------------------------------------------- HTML

_HTML_START = re.compile(r"\s*<(?:!doctype|html)\b", re.IGNORECASE)
_HTML_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
#: Elements whose content is never report text.
_SKIP = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template"})
#: Elements that start a new line in the visible text.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def looks_like_html(text: str) -> bool:
    """A web page rather than plain text: starts like one or has a body."""
    return bool(_HTML_START.match(text) or _HTML_BODY.search(text))


class _TextExtractor(HTMLParser):
    """Collects the visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:  # <br/>, <hr/>: a self-closed skip element has no content to skip
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(_SPACES.sub(" ", data))


def html_to_text(html: str) -> tuple[str, str]:
    """The visible text of a page and its ``<title>``: tags gone, entities unescaped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    # one line per block; the blank lines nested blocks leave carry no meaning
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    title = _SPACES.sub(" ", "".join(parser.title)).strip()
    return text + "\n", title


# --------------------------------------------------------------------------- reading


def read(path: Path | str) -> SourceText:
    """Read one report file as text, or raise a one-line :class:`ReportError` saying why not."""
    path = Path(path)
    where = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReportError(where, "is a folder, not a file")
        if size > MAX_BYTES:
            raise ReportError(where, TOO_LARGE)
        with path.open("rb") as fh:
            # stat can lie (pipes, /proc); never read more than the limit
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ReportError(where, NO_SUCH_PATH) from None
    except PermissionError:
        raise ReportError(where, "cannot read: permission denied") from None
    except IsADirectoryError:
        raise ReportError(where, "is a folder, not a file") from None
    except OSError as err:
        raise ReportError(where, f"cannot read: {err.strerror or err}") from None
    if len(data) > MAX_BYTES:
        raise ReportError(where, TOO_LARGE)
    if not data:
        raise ReportError(where, EMPTY)

    text = _decode(data, where).lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta: dict[str, str] = {}
    if looks_like_html(text) or (path.suffix.lower() in (".html", ".htm") and _ANY_TAG.search(text)):
        text, title = html_to_text(text)
        if title:
            meta["title"] = title
    if not text.strip():
        raise ReportError(where, NO_TEXT)
    return SourceText(path=where, text=text, meta=meta)
