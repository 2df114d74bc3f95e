"""Report metadata a user states: a sidecar file next to the report, or ``build`` options.

The text says who issued a report, when and for what period, but not always
(a page's title is cut, a PDF has no 信息来源 line, a 政府工作报告 names no
year). A user can say it instead, and what a user says wins:

    what the text says  <  the sidecar file NAME.meta.json / .yaml  <  build options

Fields the user leaves out are derived again from the ones they give, as the
text's own are: an issuer gives the region chain and the level, a title gives
the periods. Every value is checked here, so a typo is one clear message
naming the sidecar file or the option, not a wrong graph.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from reportgraph import regexcache, vocab
from reportgraph.datafiles import datafile
from reportgraph.errors import ReportError
from reportgraph.hygiene import clean_value, not_utf8
from reportgraph.limits import DEFAULT as DEFAULT_LIMITS
from reportgraph.limits import Limits

#: Sidecar file endings, in the order they are looked for.
SIDECAR_SUFFIXES: tuple[str, ...] = (".meta.json", ".meta.yaml", ".meta.yml")

#: Level codes (the ontology's rg:level values), and the words that name them as well.
LEVEL_CODES: tuple[str, ...] = vocab.LEVELS
_LEVEL_WORDS = datafile("metadata/level_words.tsv")
LEVELS: dict[str, str] = {**{code: code for code in LEVEL_CODES}, **_LEVEL_WORDS.pairs}

#: Field names a sidecar may use: English, as the options spell them, and Chinese (from the data file).
_KEYS: dict[str, str] = {
    "title": "title", "issuer": "issuer", "date": "date", "period": "period",
    "plan_period": "plan_period", "plan-period": "plan_period", "planPeriod": "plan_period",
    "level": "level", "region": "region",
    **datafile("metadata/field_names.tsv").pairs,
}
_PATTERNS = datafile("metadata/patterns.tsv")
_EXAMPLES = datafile("metadata/examples.tsv")
#: The word that follows a year's digits (2024年): a bare year stated as a period gets it.
_YEAR = datafile("segment/period_words.tsv")


@dataclass(frozen=True)
class Metadata:
    """Metadata stated by a user; ``None`` is "not stated", so the text's value stands."""

    title: str | None = None
    issuer: str | None = None
    date: str | None = None  # YYYY-MM-DD
    period: str | None = None  # 2024年上半年
    plan_period: str | None = None  # 2024年下半年
    level: str | None = None  # one of LEVEL_CODES
    region: tuple[str, ...] | None = None  # broadest first: 广东省, 深圳市, 宝安区, 沙井街道

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def over(self, base: Metadata) -> Metadata:
        """These values where stated, ``base``'s elsewhere: options over a sidecar."""
        return dataclasses.replace(base, **{
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        })


def _shown(value: object) -> str:
    """A value quoted in a message, cut short: a message is one line."""
    text = str(value)
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _kind(value: object) -> str:
    """What a value that should be text is instead, for a message."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def _text(value: object, field: str, numbers: bool = False) -> str:
    """A stated value as clean one-line text; ``numbers`` lets a bare year (``period: 2024``) stand for text."""
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{field} must be text, not {_kind(value)}")
    if not_utf8(value):
        byte = next(ch for ch in value if "\ud800" <= ch <= "\udfff")
        shown = f"the byte \\x{ord(byte) - 0xDC00:02x}" if ord(byte) >= 0xDC80 else "a lone surrogate"
        raise ValueError(f"{field} is not UTF-8 text (it holds {shown}); give it in UTF-8")
    value = clean_value(value)
    if not value:
        raise ValueError(f"{field} must not be empty")
    return value


def _date(value: object) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = _text(value, "date")
    m = _PATTERNS.named_patterns["date"].match(text)
    try:
        if not m:
            raise ValueError
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        raise ValueError(f"date must be a day such as 2024-08-19 or {_EXAMPLES.pairs['date']}, not {_shown(text)}") from None


def _period(value: object, field: str) -> str:
    text = _text(value, field, numbers=True)
    if re.fullmatch(r"\d{4}", text):
        text += _YEAR.pairs["year"]
    if not _PATTERNS.named_patterns["period"].match(text):
        raise ValueError(f"{field} must start with its year, such as {_EXAMPLES.pairs['periods']}, not {_shown(text)}")
    return text


def _level(value: object) -> str:
    text = _text(value, "level")
    code = LEVELS.get(text) or LEVELS.get(text.lower())
    if code is None:
        raise ValueError(f"level must be one of {', '.join(LEVEL_CODES)} (or {_level_words()}), not {_shown(text)}")
    return code


def _level_words() -> str:
    """The first word of each level, for a message: 街道, 镇, 县, 区, 市, 省."""
    first: dict[str, str] = {}
    for word, code in _LEVEL_WORDS.rows:
        first.setdefault(code, word)
    return ", ".join(first[code] for code in LEVEL_CODES if code in first)


def _region(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        parts = [_text(v, "region") for v in value]
    else:
        parts = [p for p in _PATTERNS.named_patterns["region_split"].split(_text(value, "region")) if p]
    if not parts:
        raise ValueError("region must name at least one place")
    return tuple(parts)


def parse(values: Mapping[str, object], where: str) -> Metadata:
    """Check and normalise stated metadata; a bad value is a :class:`ReportError` naming ``where``."""
    found: dict[str, object] = {}
    for key, value in values.items():
        name = _KEYS.get(str(key).strip())
        if name is None:
            known = ", ".join(f.name for f in fields(Metadata))
            raise ReportError(where, f"unknown field {_shown(key)} (known: {known})")
        if value is None:
            continue
        try:
            if name == "date":
                found[name] = _date(value)
            elif name in ("period", "plan_period"):
                found[name] = _period(value, name)
            elif name == "level":
                found[name] = _level(value)
            elif name == "region":
                found[name] = _region(value)
            else:
                found[name] = _text(value, name)
        except ValueError as err:
            raise ReportError(where, str(err)) from None
    return Metadata(**found)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- sidecar files


def is_sidecar(path: Path) -> bool:
    """A sidecar file, never a report of its own."""
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def sidecars(report: Path) -> list[Path]:
    """The sidecar files of ``report`` that exist: ``NAME.meta.json`` or ``NAME.EXT.meta.json`` (or .yaml/.yml)."""
    found: list[Path] = []
    for stem in dict.fromkeys((report.name, report.stem)):
        for suffix in SIDECAR_SUFFIXES:
            candidate = report.with_name(stem + suffix)
            if candidate.is_file():
                found.append(candidate)
    return found


#: A sidecar file holds a few fields; one larger than this is not a sidecar.
_SIDECAR_BYTES = 1024 * 1024
_JSON_TOKEN = regexcache.compile(r'["\[\]{}]')
#: The rest of a JSON string after its opening quote, up to and with its closing quote (escapes skipped).
_JSON_STRING_REST = regexcache.compile(r'[^"\\]*(?:\\.[^"\\]*)*"', re.S)


def _json_too_deep(text: str, limit: int) -> bool:
    """Do JSON's brackets nest deeper than ``limit``? One linear scan, strings stepped over whole.

    The standard library's parser recurses per level: 200,000 brackets end
    in a RecursionError, which this check turns into a message first.
    """
    depth = 0
    at = 0
    while True:
        token = _JSON_TOKEN.search(text, at)
        if token is None:
            return False
        if token.group() == '"':
            string = _JSON_STRING_REST.match(text, token.end())
            if string is None:
                return False  # an unclosed string: the parser says so
            at = string.end()
            continue
        depth += 1 if token.group() in "[{" else -1
        if depth > limit:
            return True
        at = token.end()


def _yaml_problem(text: str, limit: int) -> str | None:
    """What makes a YAML sidecar unsafe to build into objects: aliases, or nesting deeper than ``limit``.

    Read as events, which PyYAML parses without recursion; its composer
    recurses per level, and aliases let a few lines stand for billions of
    values (the YAML form of an entity bomb). A sidecar needs neither.
    """
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            return "sidecar file uses YAML aliases (*name); write each value out"
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > limit:
                return f"sidecar file nests deeper than {limit} levels; it should hold a few fields"
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _load(path: Path, limits: Limits) -> object:
    where = str(path)
    try:
        if path.stat().st_size > _SIDECAR_BYTES:
            raise ReportError(where, "sidecar file is larger than 1 MB; it should hold a few fields")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(where, "sidecar file is not UTF-8 text") from None
    except OSError as err:
        raise ReportError(where, f"cannot read sidecar file: {(err.strerror or str(err)).lower()}") from None
    if path.name.lower().endswith(".json"):
        if _json_too_deep(text, limits.nesting):
            raise ReportError(where, f"sidecar file nests deeper than {limits.nesting} levels; "
                                     "it should hold a few fields")
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise ReportError(where, f"not valid JSON: {err.msg} at line {err.lineno}") from None
        except ValueError:  # int() refuses numbers of more than 4,300 digits
            raise ReportError(where, "not valid JSON: a number with thousands of digits") from None
    import yaml

    try:
        problem = _yaml_problem(text, limits.nesting)
        if problem:
            raise ReportError(where, problem)
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise ReportError(where, f"not valid YAML{at}: {getattr(err, 'problem', None) or err}") from None
    except ValueError as err:  # a number or date PyYAML cannot build
        raise ReportError(where, f"not valid YAML: {err}") from None


def for_file(report: Path, limits: Limits = DEFAULT_LIMITS) -> Metadata:
    """The metadata the report's sidecar file states, or none if it has no sidecar."""
    found = sidecars(report)
    if not found:
        return Metadata()
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise ReportError(str(report), f"has more than one sidecar file ({names}); keep one")
    data = _load(found[0], limits)
    if data is None:
        return Metadata()
    if not isinstance(data, dict):
        raise ReportError(str(found[0]), "sidecar file must hold fields such as {\"issuer\": \"…\", \"date\": \"…\"}")
    return parse(data, str(found[0]))


#: The ``build`` options that state metadata, by field.
OPTIONS: dict[str, str] = {
    "title": "--title", "issuer": "--issuer", "date": "--date", "period": "--period",
    "plan_period": "--plan-period", "level": "--level", "region": "--region",
}


def from_options(values: Mapping[str, object]) -> Metadata:
    """Metadata from the ``build`` options (field name -> value or None); errors name the option."""
    stated = Metadata()
    for name, value in values.items():
        if value is not None:
            stated = parse({name: value}, OPTIONS.get(name, name)).over(stated)
    return stated
