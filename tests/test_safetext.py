"""Text made safe for a terminal, a spreadsheet and XML: what each function lets through and what it changes."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reportgraph.safetext import XML_FORBIDDEN, spreadsheet_cell, terminal_safe, xml_safe

#: Every character XML 1.0 forbids (U+0000 aside, which no Python text file handling keeps either).
FORBIDDEN = "".join(map(chr, (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))


def test_terminal_safe_escapes_every_control_character() -> None:
    assert terminal_safe("沙头社区 ok") == "沙头社区 ok"
    assert terminal_safe("a\x1b[2Jb\x07\x9b\x7f") == "a\\x1b[2Jb\\x07\\x9b\\x7f"
    assert terminal_safe("one\ntwo\tthree\r") == "one\\ntwo\\tthree\\r"
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in terminal_safe("".join(map(chr, range(0xA0)))))


@pytest.mark.parametrize(("text", "cell"), [
    ("=1+1", "'=1+1"), ("+86 755", "'+86 755"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("沙头社区", "沙头社区"), ("1=1", "1=1"), ("", ""),
])
def test_spreadsheet_cell_quotes_what_would_start_a_formula(text: str, cell: str) -> None:
    assert spreadsheet_cell(text) == cell


def test_xml_safe_leaves_a_document_xml_can_read() -> None:
    text = f"沙头{FORBIDDEN}社区\t\n\r ok \ud800"
    cleaned = xml_safe(text)
    assert not XML_FORBIDDEN.search(cleaned)
    assert cleaned.startswith("沙头") and "社区\t\n\r ok " in cleaned
    element = ET.fromstring(f"<a>{cleaned.replace(chr(13), '&#13;')}</a>".encode("utf-8", "surrogatepass"))
    assert element.text is not None and element.text.count("\ufffd") == len(FORBIDDEN) + 1
