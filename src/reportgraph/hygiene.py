"""Clean text at the reading boundary: what no report means to say, removed before anything reads it.

Reports come from crawls, conversions and copy-and-paste, and carry what a
reader never sees: control characters, terminal escape sequences, bidi
overrides that show a name reversed, zero-width characters that make two
look-alike names different, noncharacters and lone surrogates that no file
format may hold. Left in, they reach names, IRIs, exports and terminals. Every
report text, metadata value and gazetteer name passes through here first.

Normalisation is only what is safe for Chinese text: NFC (canonical
equivalence; it also maps the CJK compatibility ideographs U+F900–U+FAFF and
U+2F800–U+2FA1F, which PDF fonts often produce, to the unified ideographs),
and NFKC for the Kangxi radicals and CJK radicals alone (⼀ U+2F00 is 一).
Full NFKC is not applied: it would fold full-width punctuation and digits
(the pipeline's own ``fold`` does that where it matters, keeping the text as
written), turn ① ⑴ ㈠ Ⅱ — list markers of the genre — into plain digits and
brackets, and rewrite units such as ㎡ and ℃.
"""
from __future__ import annotations

import re
import unicodedata

from reportgraph import regexcache

#: Terminal escape sequences: CSI (``ESC [ … m``), OSC and string controls with their terminator,
#: two-character escapes, and the 8-bit CSI. Each alternative stops at the next ESC, so the scan is linear.
_ESCAPE_SEQUENCE = regexcache.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]"
    "|\x1b[\\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\\\)"
    "|\x1b[ -/]*[0-~]"
    "|\x9b[0-?]*[ -/]*[@-~]"
)
#: Characters that end a line in some tool's view (``str.splitlines`` splits at all of them): one newline each.
_LINE_BREAKS = regexcache.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
#: The ASCII information separators separate words: a space each.
_SEPARATORS = regexcache.compile("[\x1c-\x1f]")
#: Invisible characters removed: other C0/C1 controls and DEL; bidi embeddings, overrides, isolates and marks;
#: zero-width spaces and joiners, word joiner, invisible operators, soft hyphen, byte order mark; variation
#: selectors and tag characters (invisible, and they keep look-alike names apart); noncharacters; lone surrogates.
_INVISIBLE = regexcache.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufe00-\ufe0f\U000e0000-\U000e007f\U000e0100-\U000e01ef"
    "\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff"
    "\ud800-\udfff]"
)
#: Anything the steps above act on: text without any is returned at the cost of one scan.
_ANY = regexcache.compile(f"{_INVISIBLE.pattern}|[\x0b-\x0d\x1c-\x1f\x85\u2028\u2029]")
#: Kangxi radicals and CJK radicals supplement: NFKC maps them to the ideographs they look like.
_RADICALS = regexcache.compile("[\u2e80-\u2fdf]")


def _unify_radical(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group())


def clean_text(text: str) -> str:
    """Report text with the invisible and the dangerous gone, lines kept (``\\n``) and tabs kept."""
    if _ANY.search(text):
        text = _ESCAPE_SEQUENCE.sub("", text)
        text = _LINE_BREAKS.sub("\n", text)
        text = _SEPARATORS.sub(" ", text)
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _RADICALS.search(text):
        text = _RADICALS.sub(_unify_radical, text)
    return text


def clean_value(text: str) -> str:
    """A one-line value (a title, an issuer, a name): cleaned as report text, line breaks and tabs as spaces."""
    text = clean_text(text)
    if "\n" not in text and "\t" not in text:  # most values: one line, so it is only stripped
        return text.strip()
    lines = text.replace("\t", " ").split("\n")
    return " ".join(line.strip() for line in lines if line.strip())


def not_utf8(text: str) -> bool:
    """Does ``text`` hold bytes that were not UTF-8 (escaped by Python as lone surrogates, as in ``sys.argv``)?"""
    return any("\ud800" <= ch <= "\udfff" for ch in text)
