"""Chinese numerals and length-preserving text normalisation shared by the stages."""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

#: characters that can make up a Chinese numeral
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"

# Half-width and full-width forms of the same sign map to one form, one char
# for one char, so offsets found in the normalised text hold in the original.
_FOLD = str.maketrans({
    ",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？",
    "％": "%", "．": ".", "﹒": ".", "－": "-", "～": "~", "＋": "+", "／": "/",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "\u3000": " ",
})


def fold(text: str) -> str:
    """Fold punctuation, digits and letters to one width; same length as ``text``."""
    return text.translate(_FOLD)


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 十五, 二十一, 一百零六, 三千六百; None if not one."""
    if not text or any(c not in NUMERAL_CHARS for c in text):
        return None
    if text[-1] in "零〇" and len(text) > 1:
        return None
    total, section, digit, last_unit = 0, 0, None, 10_000
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and (digit != 0 or ch in "零〇"):
                return None  # 一二三, 一零: a list of digits, not one number
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            if _SMALL_UNITS[ch] >= last_unit:
                return None  # 十十, 十百: units must fall within a section
            last_unit = _SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            if not total and not section and digit is None:
                digit = 1
            section += digit or 0
            total = (total + section) * _BIG_UNITS[ch] if total and ch == "亿" else total + section * _BIG_UNITS[ch]
            section, digit, last_unit = 0, None, 10_000
    return total + section + (digit or 0)
