"""The gazetteers: names the package knows, and names a user adds with ``--lexicon``.

The packaged gazetteer (``data/lexicon/gazetteer.tsv``) holds general domain
knowledge for reports of any region: provinces and cities, national bodies
and zones, large companies. A user's own file adds names of their own (see
:meth:`Lexicon.load`). No name from any report is written into code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reportgraph import regexcache
from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.hygiene import clean_value
from reportgraph.text import fold
from reportgraph.vocab import ENTITY_TYPES

_GAZETTEER = datafile("lexicon/gazetteer.tsv")
_DIVISIONS = datafile("lexicon/divisions.tsv")
#: How a county-level city's name ends: the division a shared short form is said for.
_SEAT_ENDINGS = datafile("lexicon/seat_endings.txt")
#: The column of the divisions file that holds a short form withheld (a word too: 东方 of 东方市).
_WITHHELD_COLUMN = 5


@dataclass
class GazetteerEntry:
    """A name a user (or the package) declares: its type and aliases."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    #: from the user's own file rather than the package
    user: bool = field(default=False, compare=False)
    #: the regions it lies in, broadest first (a county's province and city), where known
    region: tuple[str, ...] = field(default=(), compare=False)
    #: a division's short form withheld as a word too (东方 of 东方市): found only among its province's divisions
    withheld: str = field(default="", compare=False)


def _divisions(known: set[str]) -> list[GazetteerEntry]:
    """The county-level divisions (districts, counties, banners) the gazetteer does not hold already;
    a short form another name already has (东营 for 东营市, not 东营区) stays that name's."""
    out = []
    seat = _seats(_DIVISIONS.rows)
    for row in _DIVISIONS.rows:
        name, etype, short = row[0], row[1], row[2] if len(row) > 2 else ""
        short = "" if short in known or seat.get(short, name) != name else short
        if name not in known:
            region = tuple(r for r in row[3:5] if r)
            withheld = row[_WITHHELD_COLUMN] if len(row) > _WITHHELD_COLUMN else ""
            out.append(GazetteerEntry(name=name, type=etype, aliases=(short,) if short else (), region=region,
                                      withheld=withheld))
    return out


def _seats(rows: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """The division a short form two divisions of one city share is said for: the county-level
    city (伊宁 is 伊宁市, not 伊宁县), its seat; no entry where the sharers are not so placed."""
    sharers: dict[str, list[tuple[str, ...]]] = {}
    for row in rows:
        if len(row) > 2 and row[2]:
            sharers.setdefault(row[2], []).append(row)
    out = {}
    for short, group in sharers.items():
        cities = [r[0] for r in group if r[0].endswith(_SEAT_ENDINGS.words)]
        if len(group) > 1 and len(cities) == 1 and len({r[3:5] for r in group}) == 1:
            out[short] = cities[0]
    return out


class NameIndex:
    """Finds gazetteer names in a text in one pass: forms are keyed by their first
    two characters, so each position costs a dictionary lookup, not a regex race
    between a thousand alternatives."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.forms: dict[str, GazetteerEntry] = {}
        for entry in entries:
            for form in (entry.name, *entry.aliases):
                self.forms.setdefault(fold(form), entry)
        self._by_head: dict[str, list[str]] = {}
        for form in sorted(self.forms, key=len, reverse=True):
            self._by_head.setdefault(form[:2], []).append(form)
        # only positions holding a form's first character, followed by a form's second, are worth a look; a form
        # of one character (a user's file may hold one) is keyed by itself, and makes every first character one
        one_char = any(len(form) == 1 for form in self.forms)
        self._head_widths = (2, 1) if one_char else (2,)
        firsts = "".join(sorted({f[0] for f in self.forms}))
        seconds = "".join(sorted({f[1] for f in self.forms if len(f) > 1}))
        pattern = f"[{re.escape(firsts)}]" if one_char else f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])"
        # the packaged names' class is the package's own pattern, kept compiled between runs; a user's is not
        compile_class = re.compile if any(entry.user for entry in entries) else regexcache.compile
        self._starts = compile_class(pattern) if firsts else None

    def find(self, text: str) -> list[tuple[int, int, GazetteerEntry]]:
        """Non-overlapping matches, longest first at each position, left to right."""
        out: list[tuple[int, int, GazetteerEntry]] = []
        if self._starts is None:
            return out
        taken = 0
        heads, widths = self._by_head, self._head_widths
        for m in self._starts.finditer(text):
            i = m.start()
            if i < taken:
                continue
            for width in widths:
                head = text[i:i + width]
                hit = next((form for form in heads[head] if text.startswith(form, i)), None) \
                    if head in heads else None
                if hit:
                    out.append((i, i + len(hit), self.forms[hit]))
                    taken = i + len(hit)
                    break
        return out


@dataclass
class Lexicon:
    """The packaged lists plus any user gazetteer."""

    gazetteer: list[GazetteerEntry] = field(default_factory=list)

    @classmethod
    def load(cls, user_file: str | Path | None = None) -> "Lexicon":
        """Load the packaged gazetteer and, if given, a user's own.

        A gazetteer file has one name per line: ``NAME<TAB>TYPE[<TAB>ALIAS|ALIAS...]``,
        where TYPE is one of the eight entity types (Community, Company, ...).
        """
        entries = [cls._entry(row, _GAZETTEER.path, n) for n, row in enumerate(_GAZETTEER.rows, 1)]
        entries += _divisions({form for e in entries for form in (e.name, *e.aliases)})
        if user_file is not None:
            path = Path(user_file)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except FileNotFoundError:
                raise ReportError(str(path), "lexicon file not found") from None
            except UnicodeDecodeError as err:
                raise ReportError(str(path), f"cannot read lexicon: not UTF-8 text (byte 0x{err.object[err.start]:02x} "
                                             f"at offset {err.start}); save it as UTF-8") from None
            except OSError as err:
                raise ReportError(str(path), f"cannot read lexicon: {(err.strerror or str(err)).lower()}") from None
            # lines as a text editor counts them (splitlines would also break at form feeds and U+2028)
            for n, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
                if line.strip() and not line.lstrip().startswith("#"):
                    entry = cls._entry(tuple(clean_value(c) for c in line.split("\t")), str(path), n)
                    entry.user = True
                    entries.append(entry)
        return cls(gazetteer=entries)

    @cached_property
    def names(self) -> frozenset[str]:
        """Every name and alias the gazetteers hold (folded)."""
        return frozenset(self.index.forms)

    @cached_property
    def index(self) -> "NameIndex":
        """Every name and alias (folded), ready to be found in a text."""
        return NameIndex(self.gazetteer)

    @cached_property
    def divisions_by_short_form(self) -> dict[str, tuple[GazetteerEntry, ...]]:
        """Every division a short form may stand for (folded): 伊宁 for both 伊宁市 and 伊宁县, 昌江
        for divisions in two provinces; the index gives a form to one entry only."""
        out: dict[str, list[GazetteerEntry]] = {}
        for entry in self.gazetteer:
            if entry.region and not entry.user:
                for form in entry.aliases:
                    out.setdefault(fold(form), []).append(entry)
        return {form: tuple(entries) for form, entries in out.items()}

    @cached_property
    def withheld_short_forms(self) -> dict[str, tuple[GazetteerEntry, ...]]:
        """The short forms the divisions file withholds because they are words too (东方 of 东方市, 澄迈 of
        澄迈县), each with the divisions it may stand for (folded): a list of a province's divisions names them."""
        out: dict[str, list[GazetteerEntry]] = {}
        for entry in self.gazetteer:
            if entry.withheld and entry.region:
                out.setdefault(fold(entry.withheld), []).append(entry)
        return {form: tuple(entries) for form, entries in out.items()}

    @cached_property
    def province_of(self) -> dict[str, str]:
        """The province of each division, city and province the divisions name (folded), so a
        report's region chain tells which province it is about."""
        out: dict[str, str] = {}
        seen: set[str] = set()  # a province or city names thousands of divisions: folded once
        for entry in self.gazetteer:
            if entry.region and not entry.user:
                province = entry.region[0]
                for name in (entry.name, *entry.region):
                    if name not in seen:
                        seen.add(name)
                        out.setdefault(fold(name), province)
        return out

    @staticmethod
    def _entry(row: tuple[str, ...], where: str, n: int) -> GazetteerEntry:
        if len(row) < 2 or row[1] not in ENTITY_TYPES:
            raise ReportError(
                where, f"line {n}: expected NAME<TAB>TYPE[<TAB>ALIASES], TYPE one of {', '.join(ENTITY_TYPES)}"
            )
        if not row[0]:
            raise ReportError(where, f"line {n}: empty name (the line starts with a tab, or its name is "
                                     "only invisible characters)")
        aliases = tuple(a for a in (clean_value(a) for a in row[2].split("|")) if a) if len(row) > 2 else ()
        return GazetteerEntry(name=row[0], type=row[1], aliases=aliases)
