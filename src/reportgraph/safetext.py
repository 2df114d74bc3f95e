"""Text from a report made safe for where it is going: a terminal, a spreadsheet, an XML file.

Report text is hostile input. Printed as it is, an ESC in an entity name or a
file name is obeyed by the terminal (it can move the cursor, retitle the
window, hide the lines before it); a cell starting with ``=`` is run by a
spreadsheet as a formula; a U+0001 makes an XML file unreadable, since XML 1.0
cannot carry it at all. Each output passes its text through the one function
here for its destination, so every command treats the same character alike.
"""
from __future__ import annotations

from reportgraph import regexcache

__all__ = ["XML_FORBIDDEN", "spreadsheet_cell", "terminal_safe", "xml_safe"]

#: C0 controls, DEL and C1 controls: what a terminal may obey rather than show.
_TERMINAL_CONTROLS = regexcache.compile("[\x00-\x1f\x7f-\x9f]")
#: The usual short escapes, so a line break in a message reads as ``\n``.
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

#: Characters a spreadsheet reads as the start of a formula (a tab or CR can start one as well).
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: Characters XML 1.0 forbids in a document, escaped or not: most C0 controls, U+FFFE, U+FFFF,
#: and lone surrogates (which no UTF-8 file can hold).
XML_FORBIDDEN = regexcache.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: What :func:`xml_safe` puts in place of a forbidden character.
REPLACEMENT = "\ufffd"


def terminal_safe(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\n``) instead of sent raw."""
    if not _TERMINAL_CONTROLS.search(text):
        return text
    return _TERMINAL_CONTROLS.sub(lambda m: _SHORT_ESCAPES.get(m.group(0), f"\\x{ord(m.group(0)):02x}"), text)


def spreadsheet_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: one starting a formula (``= + - @``) gets a leading ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot carry replaced by U+FFFD, so the file stays readable."""
    return XML_FORBIDDEN.sub(REPLACEMENT, text) if XML_FORBIDDEN.search(text) else text
