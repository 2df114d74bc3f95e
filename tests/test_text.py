"""numerals: chinese_to_int and the length-preserving fold."""
from __future__ import annotations

import pytest

from reportgraph.text import NUMERAL_CHARS, chinese_to_int, fold


@pytest.mark.parametrize(("text", "value"), [
    ("零", 0),
    ("〇", 0),
    ("一", 1),
    ("两", 2),
    ("九", 9),
    ("十", 10),
    ("十五", 15),
    ("二十", 20),
    ("二十一", 21),
    ("九十九", 99),
    ("一百", 100),
    ("一百零六", 106),
    ("一百一十", 110),
    ("一千零一", 1001),
    ("两千", 2000),
    ("三千六百", 3600),
    ("两千零二十四", 2024),
    ("一万", 10_000),
    ("一万零一", 10_001),
    ("一万二千", 12_000),
    ("十万", 100_000),
    ("十一万", 110_000),
    ("三十五万六千", 356_000),
    ("两万三千四百五十六", 23_456),
    ("三百万", 3_000_000),
    ("四千万", 40_000_000),
    ("三亿", 300_000_000),
    ("二十亿", 2_000_000_000),
    ("一亿二千万", 120_000_000),
    ("一亿零五百万", 105_000_000),
    ("一千二百亿", 120_000_000_000),
    ("三万亿", 3_000_000_000_000),
    ("百", 100),
    ("千", 1000),
    ("万", 10_000),
])
def test_chinese_to_int(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", [
    "",            # nothing
    "一二三",      # a list of digits, not a number
    "二〇二四",    # a year written digit by digit
    "十四五",      # a plan's name, not a number
    "五四",
    "12",          # Arabic digits are not Chinese numerals
    "三个",        # a counter word is not part of the numeral
    "第一",
    "abc",
])
def test_chinese_to_int_rejects_what_is_not_a_numeral(text: str) -> None:
    assert chinese_to_int(text) is None


@pytest.mark.parametrize("text", ["十十", "百百", "五十十", "十百", "一零"])
def test_chinese_to_int_rejects_malformed_numerals(text: str) -> None:
    assert chinese_to_int(text) is None


def test_every_numeral_char_is_a_numeral_on_its_own() -> None:
    for ch in NUMERAL_CHARS:
        assert isinstance(chinese_to_int(ch), int), ch


# --- fold ------------------------------------------------------------------------------


def test_fold_maps_half_width_punctuation_to_full_width() -> None:
    assert fold(",;:()!?") == "，；：（）！？"


def test_fold_maps_full_width_digits_letters_and_signs_to_ascii() -> None:
    assert fold("１２３４５６７８９０") == "1234567890"
    assert fold("８．５％") == "8.5%"
    assert fold("ＡＢＣｘｙｚ") == "ABCxyz"
    assert fold("～－＋／") == "~-+/"
    assert fold("\u3000") == " "


def test_fold_leaves_chinese_text_and_full_width_punctuation_alone() -> None:
    text = "规上工业增加值增长，。；：（）“小升规”《条例》、——"
    assert fold(text) == text


@pytest.mark.parametrize("text", [
    "",
    "规上工业增加值增长11.2%,社会消费品零售总额增长１９．３％;",
    "(一)经济发展稳中有进:新增企业１２家!",
    "\u3000\u3000上半年,ＡＢ区完成投资３亿元?",
    "\ufeff混合 text, with ASCII; and 全角：标点（）",
])
def test_fold_keeps_length_and_positions(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    # a character either stays or is replaced by one character: positions line up
    for a, b in zip(text, folded):
        assert a == b or fold(a) == b


def test_fold_is_idempotent() -> None:
    text = "增长11.2%,新增１２家(含规上3家);完成８５％!"
    assert fold(fold(text)) == fold(text)
    assert fold(text) == "增长11.2%，新增12家（含规上3家）；完成85%！"


@pytest.mark.parametrize(("text", "start", "floor", "expected"), [
    ("甲，乙；丙", 4, 0, 4),     # after the last break before start
    ("甲，乙；丙", 3, 0, 2),     # a break at start itself does not count
    ("甲，乙；丙", 1, 0, 0),     # no break before: the floor
    ("甲，乙；丙", 4, 4, 4),     # start at the floor
    ("甲，乙丙丁", 4, 3, 3),     # the break lies below the floor
    ("", 0, 0, 0),
])
def test_clause_start_is_after_the_last_break_before_start_and_not_below_the_floor(
        text: str, start: int, floor: int, expected: int) -> None:
    from reportgraph.text import clause_start

    assert clause_start(text, start, floor) == expected
