"""Find the article in a web page saved from a government site, and the page's own metadata.

A saved page is mostly not the report: header, navigation, breadcrumb,
scripts, a share bar, print links, related articles, a sidebar and a footer
surround the article. The article is found by where the page's sentences are
— the smallest element that holds nearly all of the sentence punctuation
outside links — after dropping the elements that are never article text
(scripts, ``<nav>``, share bars and the like, by tag and by class or id
words). The title comes from the ``ArticleTitle`` meta tag, else the heading
that the ``<title>`` repeats; 信息来源/发布日期 come from the page's meta tags
and its labelled info line, which often sits outside the article.

Only the standard library's tokenizer is used; see README "Dependencies and
why" for how this compared with trafilatura and readability-lxml.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reportgraph import limits as bounds
from reportgraph.datafiles import datafile
from reportgraph.limits import Limits
from reportgraph.readers import FormatProblem
from reportgraph.text import SENTENCE_MARKS

#: Words that mark a report's title (the segment stage reads them too).
_REPORT_TITLE_WORDS = datafile("segment/title_words.txt")
_METADATA_FIELDS = datafile("segment/metadata_fields.tsv")
_PAGE = datafile("load/web_page.tsv").pairs

NO_ARTICLE = "web page has no article: only navigation, links or scripts"

#: Elements never rendered, or never part of an article.
_INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed", "select",
    "option", "button", "input", "textarea", "head", "title", "map", "audio", "video", "dialog",
})
#: Elements that hold page furniture by their nature (kept only if they hold the article, see _drop).
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
#: Words in class and id attributes that mark page furniture (matched as whole words of the attribute).
_FURNITURE_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "menus", "breadcrumb", "breadcrumbs", "breadcrumbnav", "crumb",
    "crumbs", "bread", "position", "location", "curpos", "dqwz", "weizhi", "footer", "foot", "bottom",
    "copyright", "banquan", "share", "bdshare", "bdsharebuttonbox", "jiathis", "fx", "fenxiang",
    "toolbar", "tools", "print", "dayin", "sidebar", "side", "related", "relate", "xgwz", "xgxx", "xgzc",
    "links", "friendlink", "yqlj", "header", "topbar", "search", "login", "qrcode", "ewm", "erweima",
    "weixin", "comment", "comments", "pager", "pagination", "prev", "next", "prenext", "sxp",
})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
})
#: Elements that start a new line in the visible text.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tbody", "tfoot", "thead", "tr", "ul", "html", "header", "footer", "nav",
})
#: A start tag of one of these closes an open ``<p>`` (HTML's implied end tags).
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "div", "dl", "fieldset", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
})
_SCOPE = frozenset({"html", "body", "table", "td", "th", "caption", "button", "object", "template"})
#: Deeper elements are flattened into their ancestor: old pages leave thousands of ``<font>`` tags open,
#: and the tree is walked recursively.
_MAX_DEPTH = 150
#: A page of one article has a few thousand elements; a million is a data dump (and minutes of parsing).
_MAX_ELEMENTS = 200_000
TOO_MANY_ELEMENTS = f"web page has more than {_MAX_ELEMENTS:,} elements: not one article; save the article alone"
_CELLS = frozenset({"td", "th"})
#: Elements an article can be the content of.
_CONTAINERS = frozenset({
    "div", "section", "article", "main", "td", "th", "table", "tbody", "thead", "tfoot", "tr", "center", "form",
    "html", "body",
})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PAGE_TITLE_CHARS = 1000
_TITLE_WORDS = frozenset({"title", "tit", "bt", "biaoti", "headline"})
#: Meta tags that name the article's title, date and source (TRS, Hanweb, Open Graph, Dublin Core);
#: the first two name the article alone, the others may add the site's name.
_META_ARTICLE_TITLE = ("articletitle", "dc.title")
_META_TITLE = ("og:title", "title")
_META_DATE = ("pubdate", "publishdate", "firstpublishedtime", "dc.date", "article:published_time", "dcterms.issued")
_META_SOURCE = ("contentsource", "source", "dc.publisher")

_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
#: A line break between two CJK characters is no space: HTML source often wraps Chinese mid-sentence.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")
#: Punctuation inside sentences and at their end: where a page's prose is, these are.
_PUNCT = frozenset(_PAGE["prose"])
_ENDS = frozenset(SENTENCE_MARKS)
#: Share of the page's punctuation the article element must hold.
_ARTICLE_SHARE = 0.85
#: A furniture element is still kept when it holds this share of the page's prose (a mislabelled wrapper).
_KEEP_SHARE = 0.5
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s_\-]+")
_TITLE_SPLIT = re.compile(_PAGE["title_separator"])
_DATE = re.compile(_PAGE["date"])


@dataclass(eq=False)
class _Node:
    """An element of the page, with the counts that find the article."""

    tag: str
    attrs: dict[str, str]
    parent: _Node | None = None
    children: list[_Node | str] = field(default_factory=list)
    dropped: bool = False
    chars: int = 0
    link_chars: int = 0
    punct: int = 0
    ends: int = 0

    def words(self) -> set[str]:
        """The class and id attribute, split into lower-case words."""
        text = f"{self.attrs.get('class', '')} {self.attrs.get('id', '')}".lower()
        return {w for w in _WORD_SPLIT.split(text) if w}

    def elements(self) -> Iterator[_Node]:
        """This element and all elements below it, in document order.

        Walked with a stack of its own: a recursive generator passes each
        element up through every level above it, which a deep page makes slow.
        """
        pending: list[_Node] = [self]
        while pending:
            node = pending.pop()
            yield node
            pending.extend(reversed([c for c in node.children if isinstance(c, _Node)]))


class _TreeBuilder(HTMLParser):
    """Builds a forgiving element tree: unclosed ``<p>``, ``<li>``, ``<td>`` and stray end tags are common.

    How many elements of each tag are open is kept, so that a tag that closes
    an open ``<p>`` (or a stray end tag) does not search the open elements when
    there is nothing to find.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {})
        self.stack: list[_Node] = [self.root]
        self.open: dict[str, int] = {}
        self.count = 0

    def _push(self, node: _Node) -> None:
        self.stack.append(node)
        self.open[node.tag] = self.open.get(node.tag, 0) + 1

    def _pop_to(self, i: int) -> None:
        for node in self.stack[i:]:
            self.open[node.tag] -= 1
        del self.stack[i:]

    def _close_to(self, tag: str, boundary: frozenset[str]) -> None:
        if not self.open.get(tag):
            return
        for i in range(len(self.stack) - 1, 0, -1):
            name = self.stack[i].tag
            if name == tag:
                self._pop_to(i)
                return
            if name in boundary:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close_to("p", _SCOPE)
        if tag == "li":
            self._close_to("li", _SCOPE | {"ul", "ol"})
        elif tag in ("dt", "dd"):
            self._close_to("dt", _SCOPE | {"dl"})
            self._close_to("dd", _SCOPE | {"dl"})
        elif tag == "tr":
            self._close_to("tr", frozenset({"table"}))
        elif tag in _CELLS:
            self._close_to("td", frozenset({"tr", "table"}))
            self._close_to("th", frozenset({"tr", "table"}))
        self.count += 1
        if self.count > _MAX_ELEMENTS:
            raise FormatProblem(TOO_MANY_ELEMENTS)
        parent = self.stack[-1]
        node = _Node(tag, {k: v or "" for k, v in attrs}, parent)
        parent.children.append(node)
        if tag not in _VOID and len(self.stack) < _MAX_DEPTH:
            self._push(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack[-1].tag == tag:
            self._pop_to(len(self.stack) - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open.get(tag):
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._pop_to(i)
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


_RAW_TEXT_OPEN = re.compile(r"<(script|style)(?=[\s/>])", re.IGNORECASE)
_RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[\s/>])", re.IGNORECASE) for name in ("script", "style")}


def _defuse(html: str) -> str:
    """The page with every ``<`` that opens no tag written as ``&lt;``, and an unclosed comment cut off.

    The standard library's tokenizer rescans the rest of the page from each
    opening it cannot finish: ``<a `` repeated 10,000 times takes it 15 s, a
    page of unclosed ``<!--`` or ``</`` grows as the square. Here each ``<``
    is looked at once: it opens a tag if a ``>`` comes before the next ``<``
    (the next ``>`` is found once and kept until passed, so the scan is
    linear); comments and script or style text are stepped over whole, as the
    tokenizer reads them. Well-formed pages pass unchanged.
    """
    out: list[str] = []
    size = len(html)
    copied = 0
    close = -1
    at = html.find("<")
    while 0 <= at < size:
        if html.startswith("<!--", at):
            end = html.find("-->", at + 4)
            if end == -1:  # a comment left open runs to the end of the page, as browsers read it
                out.append(html[copied:at])
                copied = size
                break
            at = html.find("<", end + 3)
            continue
        if close < at:
            close = html.find(">", at + 1)
            close = size if close == -1 else close
        following = html.find("<", at + 1)
        following = size if following == -1 else following
        if close == size or following < close:
            out.append(html[copied:at])
            out.append("&lt;")
            copied = at + 1
        else:
            raw = _RAW_TEXT_OPEN.match(html, at)
            end_tag = _RAW_TEXT_END[raw.group(1).lower()].search(html, close) if raw else None
            if raw and end_tag is None:
                break  # script text to the end of the page: the tokenizer reads it in one piece
            if end_tag is not None:
                following = end_tag.start()
        at = following
    out.append(html[copied:])
    return "".join(out)


def _parse(html: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(_defuse(html))
    builder.close()
    return builder.root


# --------------------------------------------------------------------------- counting


def _invisible(node: _Node) -> bool:
    return (
        node.tag in _INVISIBLE
        or "hidden" in node.attrs
        or node.attrs.get("aria-hidden") == "true"
        or bool(_DISPLAY_NONE.search(node.attrs.get("style", "")))
    )


def _count(node: _Node, in_link: bool = False) -> None:
    """Fill the counts of ``node`` and below, skipping dropped elements."""
    node.chars = node.link_chars = node.punct = node.ends = 0
    link = in_link or node.tag == "a"
    for child in node.children:
        if isinstance(child, str):
            chars = sum(1 for ch in child if not ch.isspace())
            node.chars += chars
            if link:
                node.link_chars += chars
            else:
                node.punct += sum(1 for ch in child if ch in _PUNCT)
                node.ends += sum(1 for ch in child if ch in _ENDS)
        elif not child.dropped:
            _count(child, link)
            node.chars += child.chars
            node.link_chars += child.link_chars
            node.punct += child.punct
            node.ends += child.ends


def _mark_dropped(root: _Node) -> None:
    """Drop what is never article text; furniture by tag or class only while it holds little of the prose."""
    for node in root.elements():
        if _invisible(node):
            node.dropped = True
    _count(root)
    total = root.punct
    for node in root.elements():
        if node.dropped or node is root:
            continue
        furniture = node.tag in _FURNITURE_TAGS or bool(node.words() & _FURNITURE_WORDS)
        if furniture and node.punct < _KEEP_SHARE * total:
            node.dropped = True
    _count(root)


def _body(root: _Node) -> _Node:
    return next((n for n in root.elements() if n.tag == "body"), root)


def _article(root: _Node) -> _Node:
    """The smallest container holding nearly all of the page's prose punctuation.

    Only block containers are entered: an article is never an inline element
    or a paragraph, and entering a chain of unclosed ``<font>`` tags would
    lose the paragraphs before each.
    """
    node = _body(root)
    total = node.punct
    while True:
        best = max((c for c in node.children if isinstance(c, _Node) and not c.dropped and c.tag in _CONTAINERS),
                   key=lambda c: c.punct, default=None)
        if best is None or best.punct < _ARTICLE_SHARE * total or best.punct == 0:
            return node
        node = best


# --------------------------------------------------------------------------- rendering


def _linky(node: _Node) -> bool:
    """A block of links with no sentence of its own: a list of related articles, 上一篇/下一篇."""
    return node.chars > 0 and node.ends == 0 and node.link_chars >= 0.5 * node.chars


def _has_block(node: _Node) -> bool:
    return any(isinstance(c, _Node) and c.tag != "br" and (c.tag in _BLOCK or c.tag in _CELLS) for c in node.children)


def _render(node: _Node, out: list[str], keep_dropped: bool = False) -> None:
    for child in node.children:
        if isinstance(child, str):
            # source line breaks are white space, none at all between two CJK characters
            out.append(_SPACES.sub(" ", _CJK_BREAK.sub("", child)))
            continue
        if child.tag in _INVISIBLE or (child.dropped and not keep_dropped):
            continue
        if child.tag in _BLOCK:
            if not keep_dropped and child.tag != "br" and not _has_block(child) and _linky(child):
                continue
            out.append("\n")
            _render(child, out, keep_dropped)
            out.append("\n")
        elif child.tag in _CELLS:
            if not keep_dropped and not _has_block(child) and _linky(child):
                continue
            out.append(" ")
            _render(child, out, keep_dropped)
            out.append(" ")
        else:
            _render(child, out, keep_dropped)


def _lines(parts: list[str]) -> list[str]:
    """Rendered pieces (blocks end in a line break) to lines, blank lines gone."""
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _text_of(node: _Node) -> str:
    parts: list[str] = []
    _render(node, parts, keep_dropped=True)
    return " ".join(_lines(parts))


# --------------------------------------------------------------------------- title and metadata


def _meta_tags(root: _Node) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in root.elements():
        if node.tag == "meta":
            name = (node.attrs.get("name") or node.attrs.get("property") or "").strip().lower()
            content = _SPACES.sub(" ", node.attrs.get("content", "")).strip()
            if name and content:
                found.setdefault(name, content)
    return found


def _first(tags: dict[str, str], names: tuple[str, ...]) -> str:
    return next((tags[n] for n in names if tags.get(n)), "")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _page_title(root: _Node) -> str:
    node = next((n for n in root.elements() if n.tag == "title"), None)
    return " ".join(_lines([c for c in node.children if isinstance(c, str)])) if node else ""


def _in_furniture(node: _Node) -> bool:
    """Inside the page's header, navigation or footer (where a site puts its own name in an ``<h1>``)."""
    up: _Node | None = node
    while up is not None:
        if up.tag in _FURNITURE_TAGS - {"header"} or up.words() & (_FURNITURE_WORDS | {"logo"}):
            return True
        up = up.parent
    return False


def _title(root: _Node, tags: dict[str, str]) -> str:
    """The article's title.

    In order: the ArticleTitle meta tag; the longest heading that ``<title>``
    repeats (it adds the column's and site's names to it); the first ``<h1>``
    or ``<h2>`` outside the page furniture that names a report; the longest
    piece of ``<title>``.
    """
    exact = _first(tags, _META_ARTICLE_TITLE)
    if exact:
        return exact
    # a real <title> is a line; a page's title cut to this keeps the per-heading test below cheap
    page = (_page_title(root) or _first(tags, _META_TITLE))[:_PAGE_TITLE_CHARS]
    squashed = _squash(page)
    repeated = named = ""
    marks = _REPORT_TITLE_WORDS.words
    for node in root.elements():
        if _invisible(node) or not (node.tag in _HEADINGS or (node.words() & _TITLE_WORDS and not _has_block(node))):
            continue
        text = _text_of(node)
        if not 4 <= len(text) <= 120:
            continue
        if _squash(text) in squashed and len(text) > len(repeated):
            repeated = text
        if not named and node.tag in ("h1", "h2") and any(w in text for w in marks) and not _in_furniture(node):
            named = text
    if repeated or named:
        return repeated or named
    pieces = [p for p in _TITLE_SPLIT.split(page) if p]
    return max(pieces, key=len) if pieces else ""


def _fields() -> dict[str, str]:
    return {row[0]: row[1] for row in _METADATA_FIELDS.rows}


def _info(root: _Node, tags: dict[str, str]) -> dict[str, str]:
    """信息来源, 发布机关 and 发布日期 from the meta tags and the page's labelled info lines."""
    meta: dict[str, str] = {}
    date = _first(tags, _META_DATE)
    source = _first(tags, _META_SOURCE)
    if source:
        meta["source"] = source
    fields = _fields()
    labels = "|".join(sorted(map(re.escape, fields), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\u4e00-\u9fff])({labels}){_PAGE['info_value']}")
    parts: list[str] = []
    _render(_body(root), parts, keep_dropped=True)
    for line in _lines(parts):
        if len(line) > 200:
            continue
        hits = list(pattern.finditer(line))
        for m in hits:
            kind = fields[m.group(1)]
            if kind != "other":
                meta.setdefault(kind, m.group(2))
        if hits and "source" in {fields[m.group(1)] for m in hits} and not date:
            d = _DATE.search(line)  # gov.cn: "2024-08-19 14:53 来源：…" dates the page without a label
            if d:
                date = d.group(0)
    if date and "date" not in meta:
        meta["date"] = date
    if "date" in meta:
        d = _DATE.search(meta["date"])
        if not d:
            del meta["date"]
        else:
            meta["date"] = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}" + (
                f" {d.group(4)}" if d.group(4) else "")
    return meta


# --------------------------------------------------------------------------- entry point


def read_html(html: str) -> tuple[str, dict[str, str]]:
    """The article of a page as text (title first, one paragraph a line) and the page's metadata.

    Raises :class:`FormatProblem` when the page holds no article.
    """
    root = _parse(html)
    tags = _meta_tags(root)
    title = _title(root, tags)
    meta = _info(root, tags)
    _mark_dropped(root)
    article = _article(root)
    parts: list[str] = []
    _render(article, parts)
    body = _lines(parts)
    if article.ends == 0 or not body:
        raise FormatProblem(NO_ARTICLE)
    if title:
        meta["title"] = title
        # the article may open with its own title (and repeat it): it is added once, first, where the
        # segment stage looks for it; a title it would not know as one is left to meta (no second copy)
        while body and _squash(body[0]) == _squash(title):
            body.pop(0)
        if any(w in title for w in _REPORT_TITLE_WORDS.words):
            body.insert(0, title)
    return "\n".join(body) + "\n", meta


#: The header lines of parts that hold parts: a multipart, or a whole message inside a message.
_NESTING_PART = re.compile(rb"^content-type:[ \t]*(?:multipart|message)/", re.IGNORECASE | re.MULTILINE)


def read_mhtml(data: bytes, limits: Limits = bounds.DEFAULT) -> tuple[str, dict[str, str]]:
    """A page saved as one ``.mht``/``.mhtml`` file (MIME multipart): its HTML part, read as a page.

    The standard library parses nested parts by recursion, so their count is
    bounded first (a saved page has one or two; their count bounds their
    depth). Decoding a part's transfer encoding never makes it larger than the
    file, so the file's size bounds what is unpacked.
    """
    import email
    import email.policy

    nesting = sum(1 for _ in itertools.islice(_NESTING_PART.finditer(data), limits.nesting + 1))
    if nesting > limits.nesting:
        raise FormatProblem(f"web page archive (.mht) holds more than {limits.nesting} nested MIME parts: "
                            "not a saved page")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            charset = part.get_content_charset() or "utf-8"
            charset = {"gb2312": "gb18030", "gbk": "gb18030"}.get(charset.lower(), charset)
            try:
                html = payload.decode(charset)
            except (LookupError, UnicodeDecodeError):
                html = payload.decode("gb18030", errors="replace")
            return read_html(html)
    raise FormatProblem(NO_ARTICLE)

