"""Find where a report names communities, companies, bodies, projects, programs,
places, events and honors.

Every rule reads its words from ``data/``; the code knows only the shapes
names take in this genre:

* a name ending in a type word (``…社区``, ``…有限公司``, ``…项目``, ``…路``), whose
  left edge is found by walking back over jieba's words to a verb, a
  preposition or a punctuation mark (``data/name_boundaries.txt``);
* a quoted name, completed by a head word after it (``“三个一”企业服务``);
* the items of a list closed by a counted type word (``蚝四等3个社区公园``);
* what follows an honor verb (``荣获“全国工人先锋号”称号``), and the firms
  that won an honor for enterprises;
* names from the packaged and user gazetteers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import jieba

from reportgraph.indicators import quote_spans
from reportgraph.lexicon import Lexicon, NameIndex, table, words
from reportgraph.model import Mention, Report, Sentence
from reportgraph.numerals import NUMERAL_CHARS, fold

jieba.setLogLevel(60)

try:
    import rjieba

    def _cut(text: str) -> list[str]:
        return rjieba.cut(text, hmm=False)
except ImportError:  # pragma: no cover - rjieba is a declared dependency
    def _cut(text: str) -> list[str]:
        return jieba.lcut(text, HMM=False)

HARD = set("，；。：！？\n,;:!?")
QUOTE_CHARS = "“”‘’\"「」『』"
OPENERS = "“‘「『\""
CLOSERS = "”’」』\""
PUNCT = set("，；。：！？、（）()《》“”‘’\"「」『』·—-+ \n")
COUNTER = r"(?:\d+|[一二两三四五六七八九十]+)(?:个|所|条|家|座|项|处|大|宗)"
PHASE = re.compile(r"^(?:[一二三四五六七八九十]|\d{1,2})期(?:工程)?")
#: the order in which two candidates on the same span are preferred
SOURCE_RANK = {"gazetteer": 0, "honor": 1, "quote": 2, "suffix": 3, "list": 4, "subject": 5}


@dataclass
class Candidate:
    """A possible mention within one sentence (offsets relative to the sentence)."""

    start: int
    end: int
    type: str
    name: str
    source: str


@dataclass
class _Suffix:
    word: str
    kind: str
    min_core: int


@lru_cache(maxsize=1)
def _suffixes() -> tuple[_Suffix, ...]:
    rows = [_Suffix(r[0], r[1], int(r[2])) for r in table("entity_suffixes.tsv")]
    return tuple(sorted(rows, key=lambda s: -len(s.word)))


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(s.word) for s in _suffixes()))


@lru_cache(maxsize=1)
def _suffix_by_word() -> dict[str, _Suffix]:
    return {s.word: s for s in _suffixes()}


@lru_cache(maxsize=1)
def _generic() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for kind, core in table("generic_cores.tsv"):
        out.setdefault(kind, set()).add(core)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _boundaries() -> frozenset[str]:
    return frozenset(words("name_boundaries.txt"))


@lru_cache(maxsize=1)
def _quote_heads() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((r[0], r[1]) for r in table("quote_heads.tsv")), key=lambda r: -len(r[0])))


def words_of(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of ``text`` with their offsets (dictionary only, no HMM guessing:
    an unknown name falls apart into characters, which the walks over names rely on).

    The cut is jieba's algorithm and dictionary; rjieba, its Rust port, runs it about
    eight times faster with the same result, so it is used where installed.
    """
    out, pos = [], 0
    for word in _cut(text):
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    return out


class _Sentence:
    """A sentence folded to one width, with its jieba words and quoted spans."""

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.text = fold(sentence.text)
        self.quotes = quote_spans(self.text)

    # jieba's words are cut only for sentences where some rule needs them

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        return words_of(self.text)

    @cached_property
    def token_end(self) -> set[int]:
        return {b for _, _, b in self.tokens}

    @cached_property
    def token_start(self) -> set[int]:
        return {a for _, a, _ in self.tokens}

    @cached_property
    def token_spans(self) -> set[tuple[int, int]]:
        return {(a, b) for _, a, b in self.tokens}

    def original(self, start: int, end: int) -> str:
        """The name as written, without quotation marks."""
        raw = self.sentence.text[start:end]
        return "".join(ch for ch in raw if ch not in QUOTE_CHARS + "《》").strip()

    def in_quote(self, pos: int) -> tuple[int, int] | None:
        for a, b in self.quotes:
            if a < pos < b:
                return a, b
        return None

    def clause(self, start: int, end: int) -> str:
        i, j = start, end
        while i > 0 and self.text[i - 1] not in HARD:
            i -= 1
        while j < len(self.text) and self.text[j] not in HARD:
            j += 1
        return self.text[i:j]

    def left_edge(self, pos: int, max_len: int, kind: str = "", allow_numbers: bool = False) -> int:
        """Walk left from ``pos`` over jieba's words to where a name begins.

        The walk stops at punctuation, at a counted number (``3所``), at a word of
        ``name_boundaries.txt``, and — for names that are not undertakings — at a
        dictionary word that jieba tags as a verb, adverb, preposition or the like.
        """
        start = pos
        self.counted = False
        tokens = [t for t in self.tokens if t[1] < pos]
        k = len(tokens) - 1
        while k >= 0:
            word, a, b = tokens[k]
            b = min(b, pos)
            piece = self.text[a:b]
            if piece and (piece[-1] in CLOSERS and piece[-1] != '"' or piece[-1] in "）)"):
                span = self._bracketed(b)
                if span and pos - span[0] <= max_len:
                    start = span[0]
                    while k >= 0 and tokens[k][1] >= span[0]:
                        k -= 1
                    continue
                break
            if not piece or any(ch in PUNCT for ch in piece) and not self._code(a, b):
                break
            trade_word = kind == "Company" and start == pos  # 甲乙建设有限公司: 建设 is the firm's trade
            # 新和大道: a conjunction after a clause's first character, before a short run, is in the name
            inner_conjunction = (piece in CONJUNCTIONS and pos - start < 2 and k > 0
                                 and len(tokens[k - 1][0]) == 1 and self._clause_start(tokens[k - 1][1]))
            if b == tokens[k][2] and not trade_word and not inner_conjunction \
                    and _stops(piece, kind, clause_start=self._clause_start(a)):
                break
            if not allow_numbers and not self._code(a, b) and self._counted(tokens, k):
                self.counted = True
                break
            if pos - a > max_len:
                break
            start = a
            k -= 1
        return start

    def words_at(self, wanted: Iterable[str]) -> list[tuple[int, int]]:
        """Where any of ``wanted`` stands as whole words (增选/为 holds 增选为; 获批 holds no 获)."""
        out = []
        for w in wanted:
            i = self.text.find(w)
            while i >= 0:
                if i in self.token_start and i + len(w) in self.token_end:
                    out.append((i, i + len(w)))
                i = self.text.find(w, i + 1)
        return sorted(set(out))

    def phrase_end(self, start: int, stops: frozenset[str] | None = None, first: bool = True) -> int:
        """End of the noun phrase from ``start``: up to punctuation, a word of ``stops``
        (the boundary list by default), or a counted number (500强 stays, 18家 ends it).
        With ``first`` False the phrase's first word is never a stop."""
        stops = _boundaries() if stops is None else stops
        for word, a, b in self.tokens:
            if a < start:
                continue
            piece = self.text[a:b]
            if any(ch in HARD or ch == "、" for ch in piece) or ((first or a > start) and piece in stops):
                return a
            if piece[0].isdigit() and not self.text[b:b + 1] == "强" and self.text[a - 1:a] != "第":
                return a
        return len(self.text)

    def _bracketed(self, close_at: int) -> tuple[int, int] | None:
        """The quoted or bracketed span that closes at ``close_at``, if short enough to sit in a name."""
        for qa, qb in self.quotes:
            if qb == close_at:
                return qa, qb
        if self.text[close_at - 1] in "）)":
            depth, i = 0, close_at - 1
            while i >= 0 and close_at - i <= 12:
                depth += self.text[i] in "）)"
                depth -= self.text[i] in "（("
                if depth == 0:
                    return i, close_at
                i -= 1
        return None

    def _counted(self, tokens: list[tuple[str, int, int]], k: int) -> bool:
        """Is token k a counter after a number (3所, 四大), or a number before a counter?"""
        word = tokens[k][0]
        before = tokens[k - 1][0] if k > 0 else ""
        after = tokens[k + 1][0] if k + 1 < len(tokens) else ""
        if word[0] in COUNTER_WORDS and before and (before[-1].isdigit() or before[-1] in NUMERAL_CHARS):
            return True
        if len(word) >= 2 and (word[0].isdigit() or word[0] in NUMERAL_CHARS) and word[-1] in COUNTER_WORDS:
            return True  # 四大, 两个: jieba keeps the count in one word
        if word[-1].isdigit() or word[-1] in NUMERAL_CHARS:
            return bool(after) and after[0] in COUNTER_WORDS
        return False

    def _code(self, a: int, b: int) -> bool:
        """Digits and dashes that belong to a name: 03-05地块."""
        around = self.text[max(0, a - 1):b + 1]
        return bool(re.fullmatch(r"[\d-]+", self.text[a:b])) and "-" in around

    def _clause_start(self, a: int) -> bool:
        return a == 0 or self.text[a - 1] in HARD or self.text[a - 1] in "、"


#: jieba tags of dictionary words that never stand inside a name of a place,
#: body, firm or community: verbs, adverbs, prepositions, idioms and the like
NAME_STOP_TAGS = frozenset({"d", "p", "c", "r", "q", "u", "ad", "f"})
#: the same for undertakings, whose names do hold adverbs (慢行) and times (夜间课堂)
UNDERTAKING_STOP_TAGS = frozenset({"p", "c", "r", "q", "u", "ad"})
PLACE_STOP_TAGS = NAME_STOP_TAGS | {"v", "vd", "vi"}
#: verbs of the boundary list that also name the work an undertaking does
UNDERTAKING_WORDS = frozenset({"整治", "综合治理", "治理"})
COUNTER_WORDS = frozenset("个所条家座项处大宗名批栋件")
CONJUNCTIONS = frozenset("和与及或")
#: suffixes that are also verbs or common nouns unless a name ends there (试点安装)
TRAILING_ONLY = frozenset({"试点"})
#: program suffixes so common that one plain noun before them is no name (商业模式)
GENERIC_PROGRAM_SUFFIXES = frozenset({"模式", "平台", "机制", "体系"})


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


@lru_cache(maxsize=4096)
def _stops_cached(piece: str, family: str) -> bool:
    boundaries = _boundaries()
    if family == "undertaking" and piece in UNDERTAKING_WORDS:
        return False  # 青松河综合治理工程: the work done is part of the undertaking's name
    if piece in boundaries:
        return True
    if len(piece) >= 2:
        tag = _tags().get(piece)
        stop_tags = {"undertaking": UNDERTAKING_STOP_TAGS, "place": PLACE_STOP_TAGS}.get(family, NAME_STOP_TAGS)
        if tag in stop_tags:
            return True
        return any(len(w) >= 2 and piece.endswith(w) for w in boundaries)
    return False


def _stops(piece: str, kind: str, clause_start: bool) -> bool:
    """Does this word end the words before a name?"""
    if clause_start and piece in CONJUNCTIONS:
        return False  # 和一社区: at the head of a clause 和 is part of the name
    if piece == "与" and kind == "GovernmentBody":
        return False  # 材料科学与技术研究所
    if clause_start and len(piece) >= 2 and _tags().get(piece) == "v":
        return True  # a clause that opens with a verb: 征集实事项目
    if kind in ("Initiative", "Project", "Program", "Event", "Honor"):
        family = "undertaking"
    elif kind in ("Place", "Company", "Community"):
        family = "place"  # names of roads, zones and firms hold no verbs: 驶入松园路
    else:
        family = "name"
    return _stops_cached(piece, family)


def find_mentions(report: Report, lexicon: Lexicon) -> list[Mention]:
    """Every mention of an entity in the report, in text order."""
    gazetteer = lexicon.index
    mentions: list[Mention] = []
    for sentence in report.sentences():
        s = _Sentence(sentence)
        candidates: list[Candidate] = []
        candidates += _from_gazetteer(s, gazetteer)
        candidates += _from_issuer(s, report.issuer)
        candidates += _from_quotes(s)
        candidates += _from_suffixes(s)
        candidates += _from_lists(s)
        candidates += _from_honors(s)
        candidates += _from_ordinals(s)
        candidates += _from_firm_verbs(s)
        for c in _resolve(candidates):
            mentions.append(Mention(type=c.type, name=c.name, start=sentence.start + c.start,
                                    end=sentence.start + c.end, sentence=sentence))
    return mentions


def _from_gazetteer(s: _Sentence, index: NameIndex) -> list[Candidate]:
    """Gazetteer names; a packaged name must stand as whole words (重庆 is not in 隆重庆祝),
    a user's own name is trusted wherever it stands."""
    return [Candidate(a, b, entry.type, s.original(a, b), "gazetteer")
            for a, b, entry in index.find(s.text)
            if entry.user or a in s.token_start and b in s.token_end]


def _from_issuer(s: _Sentence, issuer: str) -> list[Candidate]:
    """The report's own issuer, wherever the text names it in full."""
    if len(issuer) < 2:
        return []
    at = s.text.find(fold(issuer))
    return [Candidate(at, at + len(issuer), "GovernmentBody", s.original(at, at + len(issuer)), "gazetteer")] \
        if at >= 0 else []


def _resolve_kind(kind: str, core: str, s: _Sentence, start: int, end: int) -> str:
    """Facility and Initiative become a concrete type from their words and clause."""
    if kind == "Facility":
        clause = s.clause(start, end)
        return "Project" if any(w in clause for w in words("construction_words.txt")) else "Place"
    if kind == "Initiative":
        plain = re.sub(r"[“‘「『][^”’」』]*[”’」』]", "", core)  # words inside quotes name a campaign
        if any(w in plain for w in words("project_words.txt")):
            return "Project"
        clause = s.clause(start, end)
        building = "“" not in core and any(w in clause for w in words("construction_words.txt"))
        return "Project" if building else "Program"
    return kind


def _generic_core(kind: str, core: str, registered: bool = False) -> bool:
    """A core that makes the name a common noun: 友好社区, 股份合作公司, 布局."""
    generic = _generic().get(kind, frozenset())
    if kind == "Company":
        # a registered name (…有限公司) is never generic; a bare …公司 may be (境内外上市公司)
        return not registered and (core in generic or any(core.endswith(g) for g in generic if len(g) > 1))
    if kind in ("Initiative", "Program", "Project", "Event"):
        return core in generic
    return core in generic or any(core.endswith(g) for g in generic if len(g) > 1 or kind != "Community")


@lru_cache(maxsize=1)
def _blocking_followers() -> frozenset[str]:
    return frozenset(words("name_blocking_followers.txt"))


def _attribute_only(s: _Sentence, start: int, end: int, kind: str, suffix: str) -> bool:
    """世界级机场, 专业化产业园, 商业模式: a core that is one common word is no proper name."""
    if (start, end) not in s.token_spans:
        return False
    tag = _tags().get(s.text[start:end], "")
    if (kind == "Initiative" or suffix in GENERIC_PROGRAM_SUFFIXES) and tag[:1] == "n" and tag != "nr":
        return True  # 学校项目, 花园项目, 商业模式
    return tag[:1] in ("a", "b", "z") or tag in ("ad", "an", "vn", "v", "d")


def _common_word(s: _Sentence, start: int, end: int) -> bool:
    """One dictionary word that is not a proper noun (医疗, 金融): a field, not a name."""
    tag = _tags().get(s.text[start:end], "") if (start, end) in s.token_spans else ""
    return bool(tag) and tag[:1] in ("n", "v", "a") and tag not in ("nr", "ns", "nt", "nz")


def _community_start(s: _Sentence, start: int, suffix_at: int) -> int | None:
    """A community's own name is its last two characters before 社区/村, as whole words.

    Names of communities and villages are two characters in this genre; a
    longer run is a description (儿童友好社区) unless the walk found it whole.
    """
    begin = max(start, suffix_at - 2)
    if suffix_at - begin < 2 or begin not in s.token_start:
        return None
    core = s.text[begin:suffix_at]
    if _tags().get(core, "n")[0] in "vd" or not re.fullmatch(r"[\u4e00-\u9fff]{2}", core):
        return None
    return begin


def _from_suffixes(s: _Sentence) -> list[Candidate]:
    """Names that end in a type word, their left edge found by walking back over words."""
    out = []
    by_word = _suffix_by_word()
    text = s.text
    for m in _suffix_pattern().finditer(text):
        suffix = by_word[m.group()]
        start_suffix, end = m.start(), m.end()
        if end not in s.token_end and end < len(text):
            continue  # the suffix is the start of a longer word: 路径, 街道
        if len(suffix.word) > 1 and suffix.kind == "Honor" and start_suffix not in s.token_start:
            continue  # the suffix is the end of a longer word
        if s.in_quote(start_suffix):
            continue  # handled as a quoted name
        phase = PHASE.match(text[end:])
        if phase and suffix.kind in ("Facility", "Initiative", "Project", "Place"):
            end += phase.end()
        max_len = 4 if suffix.kind == "Community" else 24
        start = s.left_edge(start_suffix, max_len, suffix.kind, allow_numbers=suffix.kind == "Event")
        if suffix.kind == "Community":
            start = _community_start(s, start, start_suffix)
            if start is None:
                continue
        if suffix.min_core == 0 and start_suffix - start > 3:
            start = start_suffix  # 区委, 市政府 stand alone; a long run before them is not their place
        if _not_a_name(s, suffix, start, start_suffix, end):
            continue
        etype = _resolve_kind(suffix.kind, text[start:start_suffix], s, start, end)
        out.append(Candidate(start, end, etype, s.original(start, end), "suffix"))
    return out


def _not_a_name(s: _Sentence, suffix: _Suffix, start: int, start_suffix: int, end: int) -> bool:
    """Is the run before a suffix a description rather than a proper name?"""
    text = s.text
    core = text[start:start_suffix]
    if start > 0 and text[start - 1] == "等" and suffix.kind != "Community":
        return True  # …等特色议事平台: the category a list belongs to, not a name
    registered = "有限" in suffix.word
    yearless = re.sub(r"^\d{4}年度?", "", core)
    if _generic_core(suffix.kind, yearless, registered) or (yearless != core and len(yearless) < 2):
        return True  # 2024年工作计划: a heading's words, not a name
    if suffix.kind in ("Initiative", "Program") and "“" not in core \
            and any(re.sub(r"^(国家级|国家|省级|市级|区级)", "", core).startswith(w)
                    for w in words("generic_openers.txt")):
        return True  # 重大合作平台, 省级重大人才工程: a kind of undertaking, not a named one
    if s.counted and suffix.kind != "Community":
        return True  # 3所学校项目, 四大特色项目: a counted common noun
    if len(core.strip(QUOTE_CHARS)) < suffix.min_core or _generic_core(suffix.kind, core, registered) \
            or _attribute_only(s, start, start_suffix, suffix.kind, suffix.word):
        return True
    if re.search(r"[\d" + NUMERAL_CHARS + r"](亿|万)?元", core) or text[end:end + 1] in _blocking_followers():
        return True  # 千亿元县: an amount; 机场群: a collective
    if suffix.word in TRAILING_ONLY and not re.match(r"$|[，；。：！？、等的\n]", text[end:end + 1]):
        return True  # 试点安装…: the suffix is a verb here
    return suffix.kind == "Event" and not re.search(r"[\u4e00-\u9fff]{2}", core + suffix.word)


def _quote_head(tail: str) -> tuple[int, str] | None:
    """The end of the last head word within a quoted name's tail, and its type."""
    best: tuple[int, str] | None = None
    for head, etype in _quote_heads():
        i = tail.rfind(head)
        if i >= 0 and (best is None or i + len(head) > best[0]):
            best = (i + len(head), etype)
    return best


def _from_quotes(s: _Sentence) -> list[Candidate]:
    out = []
    text = s.text
    not_names = words("quote_not_names.txt")
    triggers = words("honor_triggers.txt")
    for a, b in s.quotes:
        if text[a] not in OPENERS:
            continue
        inner = text[a + 1:b - 1]
        if not inner or "、" in inner or len(inner) > 30 or any(ch in "。；，" for ch in inner):
            continue
        j = b
        while j < len(text) and j - b < 14 and text[j] not in HARD and text[j] not in "、等" \
                and not text[j].isdigit() and not (j == b and text[j] in OPENERS):
            j += 1
        tail = text[b:s.phrase_end(b, _quote_tail_stops())][: j - b]
        if any(tail.startswith(w) for w in not_names) or any(inner.endswith(w) for w in not_names):
            continue
        head = _quote_head(tail.replace("的", "", 1) if tail.startswith("的") else tail)
        honor_before = any(text[max(0, a - 4):a].endswith(t) for t in triggers)
        rest = tail[head[0]:] if head else tail
        if any(rest.endswith(x.word) for x in _suffixes() if x.kind in ("Facility", "Place", "Project")):
            continue  # 中国企业“走出去”综合服务基地: the quote is inside a place's name
        if head and len(inner) < 3 and head[1] == "Program" and not honor_before:
            continue  # “两委”工作: a short quoted word before a generic head is not a name
        if head:
            end = b + head[0] + (1 if tail.startswith("的") else 0)
            name = s.original(a, end).replace("的", "", 1) if tail.startswith("的") else s.original(a, end)
            etype = "Honor" if honor_before else head[1]
            if name.endswith("称号"):
                name = name[:-2]
            out.append(Candidate(a, end, etype, name, "quote"))
            continue
        if honor_before:
            out.append(Candidate(a, b, "Honor", s.original(a, b), "quote"))
        elif len(inner) >= 4 or "+" in inner or "·" in inner:
            etype = "Event" if _ends_with_kind(inner, "Event") else "Program"
            out.append(Candidate(a, b, etype, s.original(a, b), "quote"))
    return out


def _ends_with_kind(name: str, kind: str) -> bool:
    return any(name.endswith(x.word) for x in _suffixes() if x.kind == kind)


def _from_lists(s: _Sentence) -> list[Candidate]:
    """``蚝四等3个社区公园``, ``共和旧村、东塘旧村2个项目``: list items take the counted type."""
    out = []
    text = s.text
    for m in re.finditer(rf"(等)(?:{COUNTER}|一批)?|(?:{COUNTER})", text):
        if not m.group(1) and (m.start() == 0 or text[m.start() - 1] in HARD):
            continue
        rest_end = min(s.phrase_end(m.end(), first=False), m.end() + 20)
        rest = text[m.end():rest_end]
        kind = _list_kind(rest)
        if kind is None:
            continue
        items = _list_items(s, m.start(), has_deng=bool(m.group(1)))
        for a, b in items:
            item = text[a:b]
            if re.search(r"(整治|建设|改造|提升|治理|管理|服务|工作)$", item) or len(item) < 2 \
                    or re.search(r"[" + NUMERAL_CHARS + r"\d][级年批]$", item) \
                    or kind != "Community" and _common_word(s, a, b):
                continue  # 市容环境整治等14个工程, 市、区两级, 医疗、文旅等: not names
            etype = kind
            if kind in ("Facility", "Initiative"):
                clause = s.clause(a, rest_end)
                building = any(w in clause for w in words("construction_words.txt"))
                if kind == "Initiative":
                    building = building or any(w in item for w in words("project_words.txt"))
                etype = "Project" if building else ("Place" if kind == "Facility" else "Program")
            out.append(Candidate(a, b, etype, s.original(a, b), "list"))
    return out


def _list_kind(rest: str) -> str | None:
    """The kind a counted list's head word gives its items."""
    stripped = rest.strip(QUOTE_CHARS)
    if re.match(r"^(社区|城中村|村)", stripped) or re.search(r"(社区|城中村|村)$", stripped):
        return "Community"
    m = _suffix_pattern().search(stripped)
    if not m:
        return None
    kind = _suffix_by_word()[m.group()].kind
    return kind if kind in ("Community", "Facility", "Initiative", "Program", "Place", "Project") else None


def _list_items(s: _Sentence, pos: int, has_deng: bool) -> list[tuple[int, int]]:
    """The 、-separated items that end at ``pos`` (where 等 or the count stands)."""
    items = []
    end = pos
    while True:
        start = s.left_edge(end, 16, "Initiative")
        if start >= end:
            break
        items.append((start, end))
        if start > 0 and s.text[start - 1] == "、":
            end = start - 1
            continue
        break
    if not has_deng and len(items) < 2:
        return []
    return items


def _from_ordinals(s: _Sentence) -> list[Candidate]:
    """``第二十一届…文化活动``: an edition number makes an event of what it counts."""
    out = []
    for m in re.finditer(r"第[\d" + NUMERAL_CHARS + r"]+届", s.text):
        tail = re.match(r"[^，。；：！？、\n]{2,40}?(活动|大会|会|赛|节|展|周|论坛)", s.text[m.end():])
        if tail and not s.in_quote(m.start()):
            end = m.end() + tail.end()
            session = re.match(r"第[\d" + NUMERAL_CHARS + r"]+次(全体)?会议", s.text[end:])
            if session:
                end += session.end()
            start = s.left_edge(m.start(), 8, "Event")
            out.append(Candidate(start, end, "Event", s.original(start, end), "suffix"))
    return out


def _from_honors(s: _Sentence) -> list[Candidate]:
    """What follows 获评/荣获/入选 is an honor; firms before an honor for enterprises are companies."""
    out = []
    text = s.text
    triggers = set(words("honor_triggers.txt"))
    generic = words("honor_generic.txt")
    blockers = words("honor_trigger_blockers.txt")
    for a, b in s.words_at(triggers):
        if any(text.startswith(x, a) for x in blockers):
            continue
        start = b
        year = re.match(r"\d{4}年度?", text[start:])
        if year:
            start += year.end()
        while start < len(text) and text[start] in "为了":
            start += 1
        j = s.phrase_end(start, _honor_stops(), first=False)
        phrase = text[start:j]
        bare = phrase.strip(QUOTE_CHARS)
        if len(bare) < 3 or bare[0] in "此该其" or "以上" in bare or any(bare.endswith(g) for g in generic) \
                or bare[0].isascii():
            continue
        end = j
        name = s.original(start, end)
        if name.endswith("称号"):
            name = name[:-2]
        etype = "Honor"
        for kind in ("Event", "Program"):
            if _ends_with_kind(bare, kind) or bare.endswith("活动"):
                etype = "Event" if kind == "Event" or bare.endswith("活动") else "Program"
                break
        out.append(Candidate(start, end, etype, name, "honor"))
        if etype == "Honor" and re.search(r"(企业|公司|集团|百强|500强)$", bare):
            out += _subjects(s, a, "Company")
    return out


@lru_cache(maxsize=1)
def _quote_tail_stops() -> frozenset[str]:
    return frozenset(words("quote_tail_stops.txt"))


@lru_cache(maxsize=1)
def _honor_stops() -> frozenset[str]:
    return frozenset(words("honor_phrase_stops.txt"))


def _from_firm_verbs(s: _Sentence) -> list[Candidate]:
    """``招银金投、信银金投开业运营``: only firms open for business or list on a market."""
    out = []
    for a, _b in s.words_at(words("company_verbs.txt")):
        out += _subjects(s, a, "Company")
    return out


def _subjects(s: _Sentence, trigger_at: int, etype: str) -> list[Candidate]:
    """The 、-listed names a clause opens with, before ``trigger_at``: 立讯精密、信维通信获评…"""
    out = []
    i = trigger_at
    while i > 0 and s.text[i - 1] not in HARD:
        i -= 1
    subject = s.text[i:trigger_at]
    pos = i
    for item in subject.split("、"):
        a = pos
        pos += len(item) + 1
        core = item.strip()
        if 2 <= len(core) <= 10 and not re.search(r"[\d" + NUMERAL_CHARS + r"]", core[:1]) \
                and core not in ("企业", "公司", "集团") and not any(ch in PUNCT for ch in core):
            out.append(Candidate(a, a + len(item), etype, s.original(a, a + len(item)), "subject"))
    return out


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep one candidate per span and type; a name inside a longer one of the same type goes."""
    best: dict[tuple[int, int], Candidate] = {}
    for c in sorted(candidates, key=lambda c: SOURCE_RANK[c.source]):
        best.setdefault((c.start, c.end), c)  # one reading per span: the surest source's
    ordered = sorted(best.values(), key=lambda c: (-(c.end - c.start), SOURCE_RANK[c.source], c.start))
    kept: list[Candidate] = []
    for c in ordered:
        if not c.name or len(c.name) < 2:
            continue
        clash = False
        for k in kept:
            overlap = c.start < k.end and k.start < c.end
            if not overlap:
                continue
            same_span = (c.start, c.end) == (k.start, k.end)
            nested = k.start <= c.start and c.end <= k.end
            if same_span or (nested and c.type == k.type) or (not nested and overlap and c.type == k.type):
                clash = True
                break
            if not nested and overlap:
                clash = True  # crossing spans of different types: the longer one stands
                break
        if not clash:
            kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
