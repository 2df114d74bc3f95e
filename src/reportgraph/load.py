"""Find report files and read them as text, whatever form they came in.

Reports reach users as plain text or Markdown (UTF-8, GBK/GB18030, Big5,
UTF-16, often with no declaration of which), web pages saved from a
government site, Word ``.docx`` files and PDFs. The format is detected from
the bytes, not the file name, and each is turned into the same thing: the
report's text, one paragraph a line with the title first, plus what the file
itself says about the report (a page's title, 信息来源 and 发布日期) as
``meta``. The formats' own readers live in :mod:`reportgraph.readers`.

Every failure is a :class:`ReportError` naming the file, with a one-line
reason a user can act on, so a batch can report it and go on.
"""
from __future__ import annotations

import codecs
import errno
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from reportgraph import limits as bounds
from reportgraph import regexcache
from reportgraph.errors import ReportError, printable
from reportgraph.hygiene import clean_text, clean_value
from reportgraph.limits import Limits
from reportgraph.metadata import is_sidecar
from reportgraph.model import SourceText
from reportgraph.readers import NOT_DOCX, FormatProblem

#: File name endings that are taken as reports when a folder or glob is searched.
REPORT_SUFFIXES: tuple[str, ...] = (
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".mht", ".mhtml", ".docx", ".pdf",
    # old Office files are not read, but are listed so that each gets a message saying what to do
    ".doc", ".wps",
)
#: Files in a folder that describe the folder rather than being a report; read only when named explicitly.
SKIPPED_NAMES = regexcache.compile(r"^(readme|license|licence|changelog|contributing)([.\-_].*)?$", re.IGNORECASE)
#: Beyond this a file is almost certainly not one report; reading it would only eat memory.
MAX_BYTES = bounds.DEFAULT.file_bytes

NO_SUCH_PATH = "no such file or folder"
NO_REPORTS = f"no reports found (looked for {', '.join(REPORT_SUFFIXES)})"
EMPTY = "file is empty"
NO_TEXT = "file has no text"
BINARY = "looks like a binary file, not a text report"
UNDECODABLE = "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text"
NOT_REGULAR = "is not a regular file (a pipe, socket or device): save the report to a file first"
LINK_OUTSIDE = "skipped: a link to {target}, outside the folder; pass --follow-links to read it"
LINK_LOOP = "skipped: a link loop (it leads back to itself or to a folder above it)"
LINK_BROKEN = "skipped: a broken link (what it leads to does not exist)"
IMAGE = "is an image, not a text report: run OCR on it first"
OLD_OFFICE = "is an old Office file (.doc, .wps, .xls): save it as .docx or PDF first"
RTF = "is an RTF file: save it as .docx or PDF first"
ENCRYPTED_OFFICE = "is a password-protected Office document: save an unprotected copy first"
ZIP_NOT_DOCX = "is a ZIP archive but not a Word .docx document: save the report as .docx, PDF or text"


def too_large(limit: int) -> str:
    """The message for a file over the size bound."""
    return f"file is larger than {bounds.megabytes(limit)}; split it first, or {bounds.raise_with('file_bytes')}"


TOO_LARGE = too_large(MAX_BYTES)

_GLOB_CHARS = regexcache.compile(r"[*?[]")
#: How much of a file the control-character check looks at: enough to be sure, cheap on big files.
_SNIFF = 64 * 1024
#: C0 control characters that plain text does contain.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_IMAGE_MAGIC: tuple[bytes, ...] = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Office saves a password-protected .docx as an OLE file holding this stream (its name in UTF-16).
_OLE_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


# --------------------------------------------------------------------------- finding


def _is_report_name(path: Path) -> bool:
    """A file a folder or glob search takes: a report ending, not hidden, a lock file, a sidecar or a README."""
    name = path.name
    return (
        not name.startswith((".", "~$"))
        and not is_sidecar(path)
        and not SKIPPED_NAMES.match(name)
        and path.suffix.lower() in REPORT_SUFFIXES
    )


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


@dataclass
class _Search:
    """One folder or glob being searched: where it is rooted, whether links may leave it, what to warn of."""

    root: str  # the real path of the folder, links resolved
    follow_links: bool
    warnings: list[ReportError]

    def warn(self, path: str, problem: str) -> None:
        self.warnings.append(ReportError(path, problem))

    def allows(self, path: str) -> bool:
        """May ``path`` (found in the folder) be read: it stays inside the folder, or links may leave it."""
        real = os.path.realpath(path)
        if self.follow_links or _inside(real, self.root):
            return True
        self.warn(path, LINK_OUTSIDE.format(target=real))
        return False

    def walk(self, folder: str) -> Iterator[Path]:
        """Report files under ``folder``, recursively, skipping hidden files and folders.

        A link is read where it leads inside the folder searched (or anywhere with
        ``follow_links``); a folder is entered once, so a link back up the tree is
        a loop, named in a warning, not an endless walk.
        """
        entered = {os.path.realpath(folder)}
        pending = [folder]
        while pending:
            current = pending.pop()
            try:
                with os.scandir(current) as listing:
                    entries = sorted(listing, key=lambda e: e.name)  # warnings in the same order every run
            except OSError as err:
                self.warn(current, f"skipped: cannot list the folder: {(err.strerror or str(err)).lower()}")
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    yield from self._link(entry, entered, pending)
                elif entry.is_dir(follow_symlinks=False):
                    if self.follow_links:
                        entered.add(os.path.realpath(entry.path))
                    pending.append(entry.path)
                elif _is_report_name(Path(entry.path)):
                    if entry.is_file(follow_symlinks=False):
                        yield Path(entry.path)
                    else:
                        self.warn(entry.path, NOT_REGULAR)

    def _link(self, entry: os.DirEntry[str], entered: set[str], pending: list[str]) -> Iterator[Path]:
        """A link met in the folder: the file it leads to, or the folder to search, if it may be followed."""
        try:
            os.stat(entry.path)
        except OSError as err:
            if err.errno == errno.ELOOP:
                self.warn(entry.path, LINK_LOOP)
            elif _is_report_name(Path(entry.path)):
                self.warn(entry.path, LINK_BROKEN)
            return
        real = os.path.realpath(entry.path)
        if os.path.isdir(real):
            if _inside(os.path.realpath(os.path.dirname(entry.path)), real):
                self.warn(entry.path, LINK_LOOP)  # leads back up the tree
            elif not self.follow_links:
                # inside the folder its files are found where they really are
                if not _inside(real, self.root):
                    self.warn(entry.path, LINK_OUTSIDE.format(target=real))
            elif real not in entered:  # else another way into a folder already searched
                entered.add(real)
                pending.append(entry.path)
        elif _is_report_name(Path(entry.path)):
            if not os.path.isfile(real):
                self.warn(entry.path, NOT_REGULAR)
            elif self.allows(entry.path):
                yield Path(entry.path)


def _glob_root(pattern: str) -> Path:
    """Where a glob searches from: its leading components without a wildcard (``reports/**/*.txt`` -> ``reports``)."""
    fixed = list(itertools.takewhile(lambda part: not _GLOB_CHARS.search(part), Path(pattern).parts))
    return Path(*fixed) if fixed else Path(".")


def _glob(pattern: str, follow_links: bool, warnings: list[ReportError]) -> list[Path]:
    """The report files a glob names: matching files, and the reports in matching folders.

    pathlib's ``**`` does not enter linked folders (``glob.glob``'s does, and two
    links back up the tree make that exponential). The glob's root is its leading
    components without a wildcard; hidden files and folders below it are skipped
    as a folder search skips them, unless the pattern names them.
    """
    parts = Path(pattern).parts
    fixed = list(itertools.takewhile(lambda part: not _GLOB_CHARS.search(part), parts))
    root = _glob_root(pattern)
    wanted = parts[len(fixed):]
    search = _Search(os.path.realpath(root), follow_links, warnings)
    try:
        hits = sorted(root.glob(str(Path(*wanted))), key=str) if wanted else []
    except (OSError, ValueError, NotImplementedError):
        hits = []
    found: list[Path] = []
    for hit in hits:
        below = hit.parts[len(root.parts):] if fixed else hit.parts
        if any(part.startswith(".") and part not in wanted for part in below):
            continue
        if hit.is_dir():
            if search.allows(str(hit)):
                found.extend(search.walk(str(hit)))
        elif _is_report_name(hit) and hit.is_file() and search.allows(str(hit)):
            found.append(hit)
    return found


def find_inputs(inputs: Sequence[str | Path], *, follow_links: bool = False,
                warnings: list[ReportError] | None = None, names: dict[Path, str] | None = None) -> list[Path]:
    """The report files named by ``inputs`` (files, folders, globs), sorted and de-duplicated.

    Sorting makes the build independent of argument order and of the order the
    file system lists folders in. A file named explicitly is taken whatever its
    name; folders and globs only yield report files, and skip README and
    similar files, sidecar files, hidden files and Word's ``~$`` lock files.
    A link found in a folder is followed only where it stays inside the folder
    (``follow_links`` lifts that); links that leave it, loops, broken links and
    pipes or devices with a report's name are skipped, each with a warning
    appended to ``warnings``.

    ``names`` receives each file's name as the graph records it
    (``rg:sourceFile``): its path relative to the input that named it (the
    folder, or a glob's fixed start), or its own name when it was named
    itself; never a path that says where the inputs were on this machine.
    """
    warned: list[ReportError] = [] if warnings is None else warnings
    by_identity: dict[str, tuple[str, str, Path]] = {}
    for item in inputs:
        text = str(item)
        path = Path(item)
        found: list[Path]
        if path.is_file():
            found, base = [path], path.parent
        elif path.is_dir():
            found, base = list(_Search(os.path.realpath(path), follow_links, warned).walk(str(path))), path
            if not found:
                raise ReportError(text, NO_REPORTS)
        elif not path.exists() and not os.path.islink(path) and _GLOB_CHARS.search(text):
            found, base = _glob(text, follow_links, warned), _glob_root(text)
            if not found:
                raise ReportError(text, NO_REPORTS)
        elif os.path.exists(path):
            raise ReportError(text, NOT_REGULAR)
        else:
            raise ReportError(text, NO_SUCH_PATH)
        for hit in found:
            # the same file reached two ways ("a/x.txt", "./a/../a/x.txt") is read once;
            # the shorter spelling wins, deterministically, and the shorter name among its inputs
            key = os.path.realpath(hit)
            choice = (str(hit), printable(Path(os.path.relpath(hit, base)).as_posix()), hit)
            if key not in by_identity or choice[:2] < by_identity[key][:2]:
                by_identity[key] = choice
    chosen = sorted(by_identity.values(), key=lambda c: c[0])
    if names is not None:
        names.update((hit, name) for _, name, hit in chosen)
    return [hit for _, _, hit in chosen]


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


def _stray_nuls(data: bytes) -> bool:
    """UTF-8 text with a few NUL bytes in it (at most one in a hundred), not a binary file.

    Compressed or random data has as few NULs, but is never valid UTF-8.
    """
    sample = data[:_SNIFF]
    if data.count(0) > len(data) // 100 or _mostly_controls(sample, len(sample)):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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


#: How much of a text the GB18030/Big5 choice counts: enough to tell them apart, and linear in nothing.
_COUNTED = 256 * 1024


def _common_count(text: str) -> int:
    common = _common_hanzi()
    return sum(1 for ch in text[:_COUNTED] if ch in common)


@cache
def _declared() -> re.Pattern[bytes]:
    """A ``<meta>`` charset declaration: compiled when a page is first sniffed (1-2 ms, at every start else)."""
    return re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)


#: Pages declare the old, smaller Chinese charsets but are written in their supersets.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "big5": "big5hkscs", "x-euc-tw": "big5"}


def _declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in a ``<meta>`` tag, as a Python codec name."""
    m = _declared().search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte order mark: the zero bytes of ASCII characters fall on one side."""
    sample = data[:_SNIFF]
    if len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 4 * min(even, odd) + 2:
        return None  # zeros on both sides: binary
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    return None if _looks_binary_text(text) else text


def _decode(data: bytes, where: str) -> str:
    """Decode report bytes: BOMs first, a page's declared charset, then UTF-8, then the better of GB18030 and Big5."""
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
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        if not _stray_nuls(data):
            raise ReportError(where, BINARY)
        # a text with a few NUL bytes (a crawl's or a converter's leftovers): decoded as text, cleaned later
    declared = _declared_charset(data)
    if declared and not declared.startswith("utf-16"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration is wrong, as it often is: detect
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


# --------------------------------------------------------------------------- HTML and Markdown

# a comment cannot run past its first "-->", and a tag past the next "<": either would make a scan
# that fails rescan the rest of the text from every opening, quadratic in a text full of openings
_HTML_START = regexcache.compile(r"\s*(?:<\?xml[^<>]*>\s*)?(?:<!--(?:(?!-->).)*-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.S)
_HTML_BODY = regexcache.compile(r"<body[\s>]", re.IGNORECASE)
_ANY_TAG = regexcache.compile(r"</?[a-zA-Z][^<>]*>")
_HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def looks_like_html(text: str) -> bool:
    """A web page rather than plain text: starts like one or has a body."""
    return bool(_HTML_START.match(text) or _HTML_BODY.search(text))


_MD_HEADING = regexcache.compile(r"^ {0,3}#{1,6}[ \t]+", re.M)
_MD_FENCE = regexcache.compile(r"^ {0,3}(```|~~~)")
_MD_RULE = regexcache.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
# each run of spaces has one place to go: "\s*\|?\s*" would try every split of it (quadratic on a long line)
_MD_TABLE_RULE = regexcache.compile(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$")
# brackets and comments cannot hold their own openings: a scan from an opening that fails stops at the
# next one, so a line full of unclosed "[" or "<!--" is read in one pass, not one per opening
_MD_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (regexcache.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),          # images
    (regexcache.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),      # links keep their text
    (regexcache.compile(r"(\*\*|__)(.+?)\1"), r"\2"),              # bold
    (regexcache.compile(r"`([^`]+)`"), r"\1"),                     # code
    (regexcache.compile(r"<!--(?:(?!<!--).)*?-->"), ""),
)
_MD_PREFIX = regexcache.compile(r"^(\s*(?:>\s?)+|\s*[-*+][ \t]+|\s{0,3}#{1,6}[ \t]+)")


def markdown_to_text(text: str) -> str:
    """Markdown's markup gone, its text kept line for line: headings, emphasis, links, lists, tables.

    ``1.`` items are kept as written: numbered paragraphs are a heading style of the genre.
    """
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":  # front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1:]
    out: list[str] = []
    in_fence = False
    for line in lines:
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _MD_RULE.match(line) or _MD_TABLE_RULE.match(line):
            out.append("")
            continue
        line = _MD_PREFIX.sub("", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip())
        for pattern, replacement in _MD_INLINE:
            line = pattern.sub(replacement, line)
        out.append(line.rstrip(" #") if line.rstrip().endswith(" #") else line)
    return "\n".join(out)


def _looks_like_markdown(text: str, path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown") or bool(_MD_HEADING.search(text))


# --------------------------------------------------------------------------- reading


def _read_bytes(path: Path, where: str, limit: int) -> bytes:
    try:
        if path.is_dir():
            raise ReportError(where, "is a folder, not a file")
        if path.exists() and not path.is_file():
            raise ReportError(where, NOT_REGULAR)  # a pipe would never end, a device might not
        if path.stat().st_size > limit:
            raise ReportError(where, too_large(limit))
        with path.open("rb") as fh:
            # stat can lie (/proc); never read more than the limit
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ReportError(where, NO_SUCH_PATH) from None
    except PermissionError:
        raise ReportError(where, "cannot read: permission denied") from None
    except IsADirectoryError:
        raise ReportError(where, "is a folder, not a file") from None
    except OSError as err:
        raise ReportError(where, f"cannot read: {err.strerror or err}") from None
    if len(data) > limit:
        raise ReportError(where, too_large(limit))
    if not data:
        raise ReportError(where, EMPTY)
    return data


def sniff(data: bytes) -> str:
    """The file's format from its first bytes: pdf, docx, zip, ole, rtf, image, mhtml (a page saved as one file) or text."""
    # readers accept the header anywhere in the first KB; the end marker tells a PDF from a note about one
    if data.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import zipfile  # here: a build of text reports never opens an archive

        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_IMAGE_MAGIC):
        return "image"
    head = data[:4096].lower()
    if head.startswith((b"mime-version:", b"from:", b"content-type:", b"subject:", b"date:")) and (
            b"multipart/related" in head or b"text/html" in head):
        return "mhtml"
    return "text"


def _read_text(data: bytes, path: Path, where: str) -> tuple[str, dict[str, str]]:
    text = _decode(data, where).lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text) or (path.suffix.lower() in _HTML_SUFFIXES and _ANY_TAG.search(text)):
        from reportgraph.readers.html import read_html

        return read_html(text)
    if _looks_like_markdown(text, path):
        text = markdown_to_text(text)
    return text, {}


def _check_size(text: str, where: str, limits: Limits) -> None:
    """The cleaned text within the bounds on characters per report and per line."""
    if len(text) > limits.chars:
        raise ReportError(where, f"report text is {len(text):,} characters, more than {limits.chars:,}; "
                                 f"split it, or {bounds.raise_with('chars')}")
    if len(text) <= limits.line_chars:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > limits.line_chars:
            raise ReportError(where, f"line {number} is {len(line):,} characters long, more than {limits.line_chars:,}: "
                                     f"not a report's paragraph; {bounds.raise_with('line_chars')} if it is")


def read(path: Path | str, limits: Limits = bounds.DEFAULT) -> SourceText:
    """Read one report file as text, or raise a one-line :class:`ReportError` saying why not.

    The text and what the file says about itself come back cleaned (see
    :mod:`reportgraph.hygiene`); the path is kept as given, escaped where it
    cannot be printed (a file name that is not UTF-8 shows its bytes as ``\\xff``).
    """
    path = Path(path)
    where = printable(str(path))
    data = _read_bytes(path, where, limits.file_bytes)
    kind = sniff(data)
    try:
        if kind == "pdf":
            from reportgraph.readers.pdf import read_pdf

            text, meta = read_pdf(data, limits)
        elif kind == "docx":
            from reportgraph.readers.docx import read_docx

            text, meta = read_docx(data, limits)
        elif kind == "mhtml":
            from reportgraph.readers.html import read_mhtml

            text, meta = read_mhtml(data, limits)
        elif kind == "zip" and path.suffix.lower() == ".docx":
            raise ReportError(where, NOT_DOCX)  # a damaged or truncated Word file
        elif kind == "zip":
            raise ReportError(where, ZIP_NOT_DOCX)
        elif kind == "ole" and _OLE_ENCRYPTED in data:
            raise ReportError(where, ENCRYPTED_OFFICE)
        elif kind == "ole":
            raise ReportError(where, OLD_OFFICE)
        elif kind == "rtf":
            raise ReportError(where, RTF)
        elif kind == "image":
            raise ReportError(where, IMAGE)
        else:
            text, meta = _read_text(data, path, where)
    except FormatProblem as problem:
        raise ReportError(where, str(problem)) from None
    return from_text(text, where, limits, meta)


def from_text(text: str, path: str = "<text>", limits: Limits = bounds.DEFAULT,
              meta: Mapping[str, str] | None = None) -> SourceText:
    """A report's text as :func:`read` leaves a file's: cleaned (see :mod:`reportgraph.hygiene`) and bounded.

    Text given directly (``pipeline.build_text``, a caller's own reader) goes
    through the same door as a file's, so it cannot bring in what a file
    could not: escapes, bidi overrides, a line of millions of characters.
    """
    where = printable(path)
    text = clean_text(text)
    if not text.strip():
        raise ReportError(where, NO_TEXT)
    _check_size(text, where, limits)
    cleaned = {key: clean_value(value) for key, value in (meta or {}).items()}
    return SourceText(path=where, text=text, meta={key: value for key, value in cleaned.items() if value})
