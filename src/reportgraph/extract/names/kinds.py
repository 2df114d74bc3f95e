"""What kind of thing a name ending in a type word is, and when such a name is a common noun.

The suffix table (``data/extract/names/suffixes.tsv``) gives each type word a
kind: an entity type, or one of two kinds the sentence decides —
``Facility`` (a built place: a Project where the clause speaks of building
it, else a Place) and ``Initiative`` (a Project when its name holds a
physical or project word, else a Program). :func:`resolve_kind` is the one
place that decides them, for every finder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.extract.sentence import SentenceView
from reportgraph.extract.words import tag

_SUFFIXES = datafile("extract/names/suffixes.tsv")
_GENERIC_CORES = datafile("extract/names/generic_cores.tsv")
_CONSTRUCTION = datafile("extract/names/construction_words.txt")
_PROJECT_WORDS = datafile("extract/names/project_words.txt")
_INVESTMENT = datafile("extract/names/investment_words.txt")
_KINDS = datafile("extract/names/kinds.tsv").pairs

_QUOTED = regexcache.compile(_KINDS["quoted"])
#: Shapes of the names of works that carry water or power, or build a waterway (引某济某工程).
_WORKS = regexcache.compile(_KINDS["works"])
QUOTE_MARK: str = _KINDS["quote_mark"]
#: Programme suffixes so common that one plain noun before them is no name (商业模式).
GENERIC_PROGRAM_SUFFIXES: frozenset[str] = frozenset(_KINDS["generic_program_suffixes"].split())
#: Construction words that inside a name build a society or a culture, not a site (文明乡风建设工程).
FIGURATIVE_BUILDING: tuple[str, ...] = tuple(_KINDS["figurative_building"].split())
#: Kinds the sentence resolves into an entity type.
FACILITY, INITIATIVE = "Facility", "Initiative"


@dataclass(frozen=True)
class Suffix:
    """A type word names end with: its kind and the fewest characters a name must have before it."""

    word: str
    kind: str
    min_core: int


@lru_cache(maxsize=1)
def suffixes() -> tuple[Suffix, ...]:
    """The type words, longest first (file order among equals)."""
    rows = [Suffix(r[0], r[1], int(r[2])) for r in _SUFFIXES.rows]
    return tuple(sorted(rows, key=lambda s: -len(s.word)))


@lru_cache(maxsize=1)
def suffix_pattern() -> re.Pattern[str]:
    return regexcache.compile("|".join(re.escape(s.word) for s in suffixes()))


@lru_cache(maxsize=1)
def suffix_by_word() -> dict[str, Suffix]:
    return {s.word: s for s in suffixes()}


@lru_cache(maxsize=None)
def words_of_kinds(*kinds: str) -> tuple[str, ...]:
    """The type words of ``kinds``, longest first: one tuple for ``str.endswith``, not a loop over the table."""
    return tuple(x.word for x in suffixes() if x.kind in kinds)


def ends_with_kind(name: str, kind: str) -> bool:
    """Does ``name`` end with a type word of ``kind``?"""
    return name.endswith(words_of_kinds(kind))


def names_an_asset(words: str) -> bool:
    """Do ``words`` hold a physical or project word (土地整备, 城市更新): an undertaking on a site?"""
    return any(w in words for w in _PROJECT_WORDS.words)


@lru_cache(maxsize=1)
def _building_words() -> tuple[str, ...]:
    """Words in an initiative's clause that make it a project: building it, or money invested in it."""
    return (*_CONSTRUCTION.words, *_INVESTMENT.words)


def resolve_kind(kind: str, core: str, clause: str) -> str:
    """Facility and Initiative become a concrete type from the name's words and its clause."""
    if kind == FACILITY:
        return "Project" if any(w in clause for w in _CONSTRUCTION.words) else "Place"
    if kind == INITIATIVE:
        plain = _QUOTED.sub("", core)  # words inside quotes name a campaign
        if any(w in plain for w in _PROJECT_WORDS.words) or _WORKS.search(plain):
            return "Project"
        building = QUOTE_MARK not in core and any(w in clause for w in _building_words())
        return "Project" if building else "Program"
    return kind


@lru_cache(maxsize=1)
def _generic() -> dict[str, frozenset[str]]:
    return {kind: frozenset(cores) for kind, cores in _GENERIC_CORES.grouped.items()}


def generic_tail(kind: str, core: str) -> str:
    """The generic words a built place's or a firm's core ends with (九鹤综合: 综合), or "" — the
    words before them may still be a proper name (九鹤综合文体中心, 某某股份合作公司)."""
    if kind not in (FACILITY, "Place", "Company"):
        return ""
    return next((g for g in _generic_by_length(kind) if core.endswith(g) and core != g), "")


@lru_cache(maxsize=None)
def _generic_by_length(kind: str) -> tuple[str, ...]:
    """The generic words of two or more characters of ``kind``, longest first: sorted once, not per name."""
    return tuple(g for g in sorted(_generic().get(kind, ()), key=len, reverse=True) if len(g) > 1)


@lru_cache(maxsize=None)
def _generic_endings(kind: str, one_character: bool = True) -> tuple[str, ...]:
    """The generic words a core of ``kind`` may end with and be generic: one tuple for ``str.endswith``
    (a community's core may not end in a one-character one: 石门 is a name; nor may a core before a suffix of
    two characters or more, with which the character makes no word: 环线铁路 is not 线路)."""
    short = one_character and kind not in ("Community", "Company")
    return tuple(g for g in sorted(_generic().get(kind, ())) if len(g) > 1 or short)


def generic_core(kind: str, core: str, registered: bool = False, whole: bool = False, suffix_chars: int = 1) -> bool:
    """A core that makes the name a common noun: 友好社区, 股份合作公司, 布局; with ``whole``, only
    where the core is such a word (a town's name may end in the 门 of 门路: 石门镇). ``suffix_chars``: the
    length of the suffix the core stands before (a one-character ending makes a word with a one-character
    suffix only: 马路, 线路)."""
    generic = _generic().get(kind, frozenset())
    if whole:
        return core in generic
    if kind == "Company":
        # a registered name (…有限公司) is never generic; a bare …公司 may be (境内外上市公司)
        return not registered and (core in generic or core.endswith(_generic_endings(kind)))
    if kind in ("Initiative", "Program", "Project", "Event"):
        return core in generic
    return core in generic or core.endswith(_generic_endings(kind, suffix_chars == 1))


def attribute_only(s: SentenceView, start: int, end: int, kind: str, suffix: str) -> bool:
    """世界级机场, 专业化产业园, 商业模式: a core that is one common word is no proper name."""
    if (start, end) not in s.token_spans:
        return False
    t = tag(s.text[start:end])
    if (kind == INITIATIVE or suffix in GENERIC_PROGRAM_SUFFIXES) and t[:1] == "n" and t != "nr":
        return True  # 学校项目, 花园项目, 商业模式
    return t[:1] in ("a", "b", "z") or t in ("ad", "an", "vn", "v", "d")


def common_word(s: SentenceView, start: int, end: int) -> bool:
    """One dictionary word that is not a proper noun (医疗, 金融): a field, not a name."""
    t = tag(s.text[start:end]) if (start, end) in s.token_spans else ""
    return bool(t) and t[:1] in ("n", "v", "a") and t not in ("nr", "ns", "nt", "nz")
