"""Text hygiene: what no report means to say is removed; what Chinese text needs is kept as written."""
from __future__ import annotations

import pytest

from reportgraph.hygiene import clean_text, clean_value, not_utf8


@pytest.mark.parametrize("raw, clean", [
    ("a\x1b[31mred\x1b[0m b", "ared b"),                       # terminal colours
    ("title\x1b]0;owned\x07 x", "title x"),                    # a terminal title sequence
    ("a\x1b]0;unterminated", "a0;unterminated"),               # an unterminated one loses only its opening
    ("\u202eabc\u202c \u2067d\u2069 e\u200ff", "abc d ef"),    # bidi overrides, isolates and marks
    ("幸\u200b福\u200d社\u2060区\ufeff", "幸福社区"),           # zero-width characters and the BOM
    ("名\u00ad称\ufe0f\U000e0041", "名称"),                     # soft hyphen, variation selector, tag character
    ("a\x00b\x7fc\x85d", "abc\nd"),                            # C0 and C1 controls; NEL is a line break
    ("a\x1cb\x1fc", "a b c"),                                  # information separators separate words
    ("x\ud800y\ufffez\uffff\ufdd0", "xyz"),                    # lone surrogates and noncharacters
    ("page\x0cnext\x0bline\u2028end\r\nlast\rz", "page\nnext\nline\nend\nlast\nz"),
    ("⼀⼆三 \uf9f1 ⺟", "一二三 \u96a3 母"),                      # Kangxi and CJK radicals, a compatibility ideograph
    ("e\u0301", "\u00e9"),                                     # NFC
    ("（一）①㈠Ⅱ㎡℃ＡＢ１２，\u3000", "（一）①㈠Ⅱ㎡℃ＡＢ１２，\u3000"),  # list markers, units, widths kept
    ("plain 文本\tand\ttabs\n", "plain 文本\tand\ttabs\n"),
])
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_clean_text_is_the_identity_on_clean_text() -> None:
    text = "某某街道2024年工作报告\n一、工作总结\n\t新增企业12家，增长8.5%。\n"
    assert clean_text(text) is text


def test_clean_value_is_one_line() -> None:
    assert clean_value("  某某\n街道\t办事处\u200b \r\n") == "某某 街道 办事处"
    assert clean_value("\u202e\x1b[0m") == ""


def test_not_utf8() -> None:
    assert not_utf8(b"\xe6\x9f\x90\xff".decode("utf-8", "surrogateescape"))
    assert not not_utf8("某某")
