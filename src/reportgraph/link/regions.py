"""A report's region chain, and the qualified names that tell regions apart.

Names of some levels are unique in the country (广东省, 深圳市, 沂水县); names of the
others are not (鼓楼区 is in two cities, 城关镇 in hundreds of counties), so a region
is known by its name qualified from the nearest region of a unique level above it:
``深圳市宝安区新桥街道``. Qualifying from there, and not from the province, gives the
same name whether a report's chain starts at the province or at the city.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportgraph.datafiles import datafile
from reportgraph.link.names import norm
from reportgraph.model import Report

_LEVELS = datafile("link/region_levels.tsv")
_PARENTS = datafile("link/region_parents.tsv")

#: Levels of government from the lowest up; a county and a district are of one rank, and so
#: are a town and a subdistrict.
LEVEL_RANKS: dict[str, int] = {
    "village": 0, "subdistrict": 1, "town": 1, "district": 2, "county": 2, "city": 3, "province": 4,
}


@dataclass(frozen=True)
class Region:
    """One place of a report's region chain."""

    name: str
    level: str
    #: is a name of this level unique in the country?
    unique: bool
    #: the ending that says its level (区 of 宝安区)
    suffix: str = ""

    @property
    def rank(self) -> int:
        return LEVEL_RANKS.get(self.level, -1)


def _suffixes() -> tuple[tuple[str, str, bool], ...]:
    rows = [(row[0], row[1], row[2] == "yes") for row in _LEVELS.rows]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


_SUFFIXES = _suffixes()
#: The longest ending a region's name has (特别行政区).
LONGEST_SUFFIX = max(len(s[0]) for s in _SUFFIXES)


def region_of(name: str) -> Region | None:
    """The region a name names by its ending (``宝安区`` is a district), if it is one.

    The name must have at least two characters before its ending: ``市区`` and ``新村``'s
    kin ``村`` alone are no regions.
    """
    n = norm(name)
    for suffix, level, unique in _SUFFIXES:
        if n.endswith(suffix) and len(n) - len(suffix) >= 2 - (len(suffix) > 1):
            return Region(n, level, unique, suffix)
    return None


def _parents() -> dict[str, str]:
    return {norm(city): norm(province) for city, province in _PARENTS.pairs.items()}


_PARENT_OF = _parents()


def chain_of(report: Report) -> tuple[Region, ...]:
    """The report's region chain, broadest first, with the province of a city that lacks it."""
    out: list[Region] = []
    for name in report.region:
        region = region_of(name)
        out.append(region if region is not None else Region(norm(name), "", False))
    if out and out[0].level == "city" and out[0].name in _PARENT_OF:
        province = region_of(_PARENT_OF[out[0].name])
        if province is not None:
            out.insert(0, province)
    return tuple(out)


def qualified(chain: tuple[Region, ...], index: int) -> str:
    """The name of ``chain[index]`` qualified from the nearest region of a unique level at or above it."""
    start = index
    while start > 0 and not chain[start].unique:
        start -= 1
    return "".join(r.name for r in chain[start: index + 1])


def lowest_at_most(chain: tuple[Region, ...], rank: int) -> int:
    """The index of the lowest region whose rank is at most ``rank``, else of the lowest region."""
    for i in range(len(chain) - 1, -1, -1):
        if 0 <= chain[i].rank <= rank:
            return i
    return len(chain) - 1


def anchor(chain: tuple[Region, ...]) -> int:
    """The index of the lowest region of a unique level (a city, county or province), else of the lowest."""
    for i in range(len(chain) - 1, -1, -1):
        if chain[i].unique:
            return i
    return len(chain) - 1
