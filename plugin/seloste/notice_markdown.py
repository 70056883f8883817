"""The notice pages' Markdown → HTML without Python-Markdown's pipeline, for the shapes
the notices use; ``None`` for anything else (the page is then converted as before).

A notice page is long (four on a bilingual site) and Python-Markdown's block parser,
inline patterns, serializer and tree processors cost a first build ~8 ms a page. The
notices' Markdown is made by Seloste (``notices/``, ``markup.py``) and uses a handful
of constructs: ATX headings with ``{#id}``, paragraphs, ``-``/``1.`` lists (tight and
loose, nested by four spaces), pipe tables, raw HTML blocks on a line of their own,
and inline ``**strong**``, ``[text](url)``, `` `code` ``, ``<https://…>``, backslash
escapes, character references, raw inline tags and ``  \\n`` line breaks. This module
converts exactly those, following Python-Markdown's own rules for each (the list
processors' tight/loose logic, ``PrettifyTreeprocessor``'s line breaks, the
serializer's escaping, attribute order, ``toc``'s ids and permalinks, MkDocs' link
rewriting, title and anchors), and gives up — returns ``None`` — whenever the text
holds anything else (a line that could open another block, an unpaired ``*``, a ``_``
or ``[`` outside those constructs…) or the site's Markdown settings are not ones it
knows (``light_settings``). ``tests/test_notice_markdown.py`` compares its HTML, table
of contents, title, anchors and links with Python-Markdown's for the notices of every
registry of the repository, in every language, with several sites' extensions.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

#: The site extensions whose effect on the shapes accepted here is known: none, or
#: (``toc``, ``attr_list``, ``tables``) reproduced here. Anything else: Python-Markdown.
KNOWN_EXTENSIONS = frozenset(
    {
        *(
            f"{prefix}{name}"
            for prefix in ("", "markdown.extensions.")
            for name in (
                "abbr",
                "admonition",
                "attr_list",
                "def_list",
                "fenced_code",
                "footnotes",
                "md_in_html",
                "tables",
                "toc",
            )
        ),
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.superfences",
    }
)
#: Extensions with settings that change nothing here (their settings are ignored).
_SETTINGS_IGNORED = frozenset(
    {"admonition", "pymdownx.details", "pymdownx.highlight", "pymdownx.superfences"}
)
_TOC_DEFAULTS: dict[str, Any] = {
    "permalink": False,
    "permalink_class": "headerlink",
    "permalink_title": "Permanent link",
    "toc_depth": 6,
    "separator": "-",
    "slugify": None,
    "title": "",
    "title_class": "toctitle",
    "toc_class": "toc",
}

_BLOCK_LEVEL = frozenset(
    [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
        "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe",
        "li", "legend", "math", "map", "noscript", "output", "object", "option", "progress",
        "script", "style", "summary", "tbody", "td", "textarea", "tfoot", "th", "thead",
        "tr", "video", "center",
    ]
)  # fmt: skip
_ESCAPED = frozenset("\\`*_{}[]()>#+-.!|")


class Declined(Exception):
    """A shape this module does not convert."""


def light_settings(config: Any) -> dict[str, Any] | None:
    """The ``toc`` settings to convert with, or None when the site's Markdown settings
    are not all known (``KNOWN_EXTENSIONS``, ``toc``'s ``_TOC_DEFAULTS`` keys)."""
    extensions = config["markdown_extensions"]
    configs = config["mdx_configs"] or {}
    if not all(isinstance(ext, str) and ext in KNOWN_EXTENSIONS for ext in extensions):
        return None
    toc = dict(_TOC_DEFAULTS)
    for name, settings in configs.items():
        short = name.removeprefix("markdown.extensions.")
        if short == "toc":
            if not isinstance(settings, dict) or not set(settings) <= set(_TOC_DEFAULTS):
                return None
            toc.update(settings)
        elif short in _SETTINGS_IGNORED:
            continue
        elif settings:
            return None
    permalink, depth = toc["permalink"], toc["toc_depth"]
    if not (permalink in (True, False, None) or isinstance(permalink, str)):
        return None
    if isinstance(depth, str) and "-" in depth:
        top, bottom = (int(x) for x in depth.split("-"))
    else:
        top, bottom = 1, int(depth)
    toc["range"] = (top, bottom)
    if toc["slugify"] is None:
        from markdown.extensions.toc import slugify

        toc["slugify"] = slugify
    return toc


# --- blocks -----------------------------------------------------------------------------------


class _Node:
    __slots__ = ("tag", "text", "children", "tail", "attrs")

    def __init__(self, tag: str, text: str = "") -> None:
        self.tag = tag
        self.text = text
        self.children: list[_Node] = []
        self.tail = ""
        self.attrs: dict[str, str] = {}

    def add(self, tag: str, text: str = "") -> _Node:
        node = _Node(tag, text)
        self.children.append(node)
        return node


_PIPE = re.compile(r"(?<!\\)\|")
_CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\.)|[*+-])[ ]+(.*)")
_INDENT_ITEM_RE = re.compile(r"^[ ]{4,7}((\d+\.)|[*+-])[ ]+.*")
_OL_RE = re.compile(r"^[ ]{0,3}\d+\.[ ]+(.*)")
_UL_RE = re.compile(r"^[ ]{0,3}[*+-][ ]+(.*)")
_INDENT_RE = re.compile(r"^(([ ]{4})+)")
_HEADING_RE = re.compile(r"(#{1,6}) (.*?)(?: \{#([A-Za-z0-9-]+)\})?")
#: Lines that would open a block this module does not build, wherever they are, also
#: after list markers (an item's text is parsed as blocks: ``1. >`` holds a blockquote).
#: (Searched in the text with a line break before it: a search for a literal first
#: character is a fast scan, a ``^`` in multiline mode is tried at every position.)
_OTHER_BLOCK = re.compile(
    r"\n(?:[ ]*(?:(?:\d+\.|[*+-])[ ]+)*(?:>|!!!|\?\?\?|:|\[\^|\*\[|[-*_=][-*_= ]*(?:\n|$))"
    r"|[ ]{0,3}\[[^\]\n]*\]:)"
)
_OTHER_TEXT = ("```", "~~~", "markdown=", "\t", "\r", "\x00", "\x02", "\x03")
_RAW_BLOCK = re.compile(r"<([a-z]+)[\s>].*</\1>|<!--(?:(?!<!--|-->).)*-->")


class _Parser:
    """Python-Markdown's block processors for the shapes above (same order, same rules)."""

    def __init__(self) -> None:
        self.state: list[str] = []

    def parse_blocks(self, parent: _Node, blocks: list[str]) -> None:
        while blocks:
            block = blocks[0]
            if not block or block.startswith("\n"):  # EmptyBlockProcessor
                blocks.pop(0)
                if block[1:]:
                    blocks.insert(0, block[1:])
                continue
            if self._indent_test(parent, block):
                self._indent(parent, blocks)
            elif block.startswith("    "):
                raise Declined("code block")
            elif _PIPE.search(block.split("\n", 1)[0]):
                raise Declined("table here")
            elif "\n#" in "\n" + block:
                raise Declined("heading here")
            elif _OL_RE.match(block):
                self._list(parent, blocks, "ol")
            elif _UL_RE.match(block):
                self._list(parent, blocks, "ul")
            else:
                self._paragraph(parent, blocks)

    def _indent_test(self, parent: _Node, block: str) -> bool:
        return (
            block.startswith("    ")
            and (not self.state or self.state[-1] != "detabbed")
            and (
                parent.tag == "li"
                or bool(parent.children and parent.children[-1].tag in ("ul", "ol"))
            )
        )

    def _indent(self, parent: _Node, blocks: list[str]) -> None:
        block = blocks.pop(0)
        level, sibling = self._level(parent, block)
        block = "\n".join(
            line[4 * level :] if line.startswith(" " * 4 * level) else line
            for line in block.split("\n")
        )
        self.state.append("detabbed")
        if parent.tag == "li":
            if parent.children and parent.children[-1].tag in ("ul", "ol"):
                self.parse_blocks(parent.children[-1], [block])
            else:
                self.parse_blocks(parent, [block])
        elif sibling.tag == "li":
            self.parse_blocks(sibling, [block])
        elif sibling.children and sibling.children[-1].tag == "li":
            item = sibling.children[-1]
            if item.text:
                p = _Node("p", item.text)
                item.text = ""
                item.children.insert(0, p)
            self.parse_blocks(item, block.split("\n\n"))
        else:
            raise Declined("indented item")
        self.state.pop()

    def _level(self, parent: _Node, block: str) -> tuple[int, _Node]:
        m = _INDENT_RE.match(block)
        indent_level = len(m.group(1)) // 4 if m else 0
        level = 1 if self.state and self.state[-1] == "list" else 0
        while indent_level > level:
            child = parent.children[-1] if parent.children else None
            if child is not None and child.tag in ("ul", "ol", "li"):
                if child.tag in ("ul", "ol"):
                    level += 1
                parent = child
            else:
                break
        return level, parent

    def _list(self, parent: _Node, blocks: list[str], tag: str) -> None:
        items: list[str] = []
        for line in blocks.pop(0).split("\n"):
            m = _CHILD_RE.match(line)
            if m:
                items.append(m.group(3))
            elif _INDENT_ITEM_RE.match(line):
                if items[-1].startswith("    "):
                    items[-1] = f"{items[-1]}\n{line}"
                else:
                    items.append(line)
            else:
                items[-1] = f"{items[-1]}\n{line}"
        sibling = parent.children[-1] if parent.children else None
        if sibling is not None and sibling.tag in ("ol", "ul"):
            lst = sibling
            last = lst.children[-1]
            if last.text:
                p = _Node("p", last.text)
                last.text = ""
                last.children.insert(0, p)
            if last.children and last.children[-1].tail:
                raise Declined("tail in a loose item")
            li = lst.add("li")
            self.state.append("looselist")
            self.parse_blocks(li, [items.pop(0)])
            self.state.pop()
        elif parent.tag in ("ol", "ul"):
            raise Declined("list in a blank item")
        else:
            lst = parent.add(tag)  # no ``start``: Python-Markdown's lazy_ol
        self.state.append("list")
        for item in items:
            if item.startswith("    "):
                self.parse_blocks(lst.children[-1], [item])
            else:
                self.parse_blocks(lst.add("li"), [item])
        self.state.pop()

    def _paragraph(self, parent: _Node, blocks: list[str]) -> None:
        block = blocks.pop(0)
        if not block.strip():
            return
        if self.state and self.state[-1] == "list":
            if parent.children:
                raise Declined("text after a child in a tight item")
            parent.text = f"{parent.text}\n{block}" if parent.text else block.lstrip()
        else:
            parent.add("p", block.lstrip())


def _table(block: str) -> _Node | None:
    rows = [row.strip(" ") for row in block.split("\n")]
    if len(rows) < 3 or not all(r.startswith("|") and r.endswith("|") for r in rows):
        return None
    cells = [_cells(row) for row in rows]
    if any(set(cell) - set("-") or not cell for cell in cells[1]):
        return None
    width = len(cells[0])
    if any(len(row) != width for row in cells) or width < 2:
        return None
    table = _Node("table")
    head = table.add("thead").add("tr")
    for cell in cells[0]:
        head.add("th", cell)
    body = table.add("tbody")
    for row in cells[2:]:
        tr = body.add("tr")
        for cell in row:
            tr.add("td", cell)
    return table


_CELL_SPECIAL = re.compile(r"[\\`|]")


def _cells(row: str) -> list[str]:
    inner = row[1:-1]
    if inner.endswith("\\"):
        raise Declined("escaped border")
    out, start, i, code = [], 0, 0, False
    special = _CELL_SPECIAL.search
    while True:
        m = special(inner, i)
        if m is None:
            break
        i = m.start()
        ch = inner[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            code = not code
        elif ch == "|":
            if code:
                raise Declined("pipe in code in a table")
            out.append(inner[start:i].strip(" "))
            start = i + 1
        i += 1
    if code:
        raise Declined("unpaired backtick in a table")
    out.append(inner[start:].strip(" "))
    return out


def _document(text: str) -> tuple[_Node, list[str]]:
    """The block tree of ``text`` and its raw HTML blocks (placeholders ``\\x02N\\x03``)."""
    if _OTHER_BLOCK.search("\n" + text) or any(other in text for other in _OTHER_TEXT):
        raise Declined("another block")
    text = text.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
    text = _BLANK_LINE.sub("\n", text)
    root = _Node("div")
    raw: list[str] = []
    parser = _Parser()
    pending: list[str] = []

    def flush() -> None:
        if pending:
            parser.parse_blocks(root, list(pending))
            pending.clear()

    for chunk in text.split("\n\n"):
        stripped = chunk.strip("\n")
        first = stripped.split("\n", 1)[0]
        if first.startswith("#"):
            m = _HEADING_RE.fullmatch(stripped)
            # (A line ending in a backslash is no heading for Python-Markdown: its
            # pattern takes a backslash only with the character after it.)
            if (
                not m
                or m.group(2).endswith("#")
                or not m.group(2).strip()
                or m.group().endswith("\\")
            ):
                raise Declined("heading")
            flush()
            heading = root.add(f"h{len(m.group(1))}", m.group(2).strip())
            if m.group(3):
                heading.attrs["id"] = m.group(3)
            continue
        if first.lstrip(" ")[:1] == "<" and _line_start_tag(first):
            m = _RAW_BLOCK.fullmatch(stripped)
            if not m or (m.group(1) and stripped.count(f"<{m.group(1)}") != 1):
                raise Declined("raw block")
            if m.group(1) and m.group(1) not in _BLOCK_LEVEL:
                raise Declined("raw inline block")
            flush()
            root.add("raw", str(len(raw)))
            raw.append(stripped + "\n")
            continue
        if "|" in first and first.startswith("|"):
            table = _table(stripped)
            if table is None:
                raise Declined("table")
            flush()
            root.children.append(table)
            continue
        if "<" in stripped:
            for m in _LINE_START_ANY_TAG.finditer(stripped):
                if m.group(1) is None or m.group(1).lower() in _BLOCK_LEVEL:
                    raise Declined("raw block inside")
        pending.append(chunk)
    flush()
    return root, raw


_BLANK_LINE = re.compile(r"(?<=\n) +\n")
_LINE_START_TAG = re.compile(r"[ ]{0,3}<(!--|[a-zA-Z]+)")
_PLACEHOLDER = re.compile(r"\x02(\d+)\x03")
_LINE_START_ANY_TAG = re.compile(r"^[ ]{0,3}<(?:[!?/]|([a-zA-Z]+)(?=[\s>/]|$))", re.MULTILINE)


def _line_start_tag(line: str) -> bool:
    m = _LINE_START_TAG.match(line)
    if not m:
        return False
    if m.group(1) == "!--":
        return True
    return m.group(1).lower() in _BLOCK_LEVEL


# --- inline ------------------------------------------------------------------------------------

_HTML_TAG = re.compile(
    r"""<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?)>"""
)
_INLINE_SYNTAX = re.compile(r"[`\\\[\]<&*_{}\x02]|  \n")
_SPECIAL = re.compile(r"[`\\\[<&]")
_BACKSLASHES_TICK = re.compile(r"\\{2,}`")
_BLOCK_LEVEL_TAG = re.compile(r"^\<\/?([^ >]+)")
_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->", re.DOTALL)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")
_ENTITY = re.compile(r"&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")
_URL = re.compile(r"[^\s()<>\"'\\`\[\]]+")
_STRONG = re.compile(r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*")


#: Spaces after a line break up to the next element (strong, code, link) or the end: a
#: ``<br />``'s tail of whitespace alone becomes ``"\n"`` (``PrettifyTreeprocessor``).
_BR_TAIL = re.compile(r"(?<=  \n)[ ]+(?=\x00|\x02(\d+)\x03|$)")


def _br_tail(pieces: list[str], m: re.Match[str]) -> str:
    """The spaces ``_BR_TAIL`` found, or nothing where they are all of a break's tail."""
    if m.group(1) is None:
        return ""
    piece = pieces[int(m.group(1))]
    element = (piece.startswith("<code>") and piece.endswith("</code>")) or (
        piece.startswith("<a ") and piece.endswith("</a>")
    )  # a raw tag, an escape or an entity is text of the tail
    return "" if element else m.group()


def _close_bracket(text: str, start: int) -> int:
    """Where the ``]`` closing a link's text is (escaped ones skipped), or -1."""
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "]":
            return i
        i += 1
    return -1


class _Inline:
    """Inline Markdown → HTML, with the links' targets rewritten as MkDocs does."""

    def __init__(self, link: Any, escape_text: Any, escape_attr: Any) -> None:
        self.link = link
        self.escape_text = escape_text
        self.escape_attr = escape_attr
        self.raw: set[int] = set()

    def paragraph(self, text: str) -> str | None:
        """A paragraph that is one raw HTML piece of block level, unwrapped as
        ``RawHtmlPostprocessor`` unwraps it (else None)."""
        if not text.startswith("<"):
            return None
        pieces: list[str] = []
        self.raw = set()
        masked = self._mask(text, pieces)
        if masked != "\x020\x03" or 0 not in self.raw:
            return None
        m = _BLOCK_LEVEL_TAG.match(pieces[0])
        if m and (m.group(1)[0] in "!?@%" or m.group(1).lower().rstrip("/") in _BLOCK_LEVEL):
            return pieces[0]
        return None

    def html(self, text: str) -> str:
        if not text:
            return ""
        if not _INLINE_SYNTAX.search(text):  # plain text (most table cells, list items)
            return self.escape_text(text)
        pieces: list[str] = []
        masked = self._mask(text, pieces)
        masked = self._strong(masked)
        if "*" in masked or "_" in masked or "[" in masked or "]" in masked:
            raise Declined("emphasis or brackets")
        if "<" in masked or "{" in masked or "}" in masked:
            raise Declined("markup")
        if "  \n" in masked:
            masked = _BR_TAIL.sub(partial(_br_tail, pieces), masked)
        out = self.escape_text(masked).replace("  \n", "<br />\n")
        out = out.replace("\x00S", "<strong>").replace("\x00/S", "</strong>")
        if "\x02" in out:
            out = _PLACEHOLDER.sub(lambda m: pieces[int(m.group(1))], out)
        return out

    def _put(self, pieces: list[str], html: str) -> str:
        pieces.append(html)
        return f"\x02{len(pieces) - 1}\x03"

    def _mask(self, text: str, pieces: list[str]) -> str:
        """Code spans, escapes, links, autolinks, raw tags and entities as placeholders."""
        if "``" in text or "![" in text or _BACKSLASHES_TICK.search(text):
            raise Declined("inline")
        out: list[str] = []
        i, n = 0, len(text)
        special = _SPECIAL.search
        while i < n:
            m = special(text, i)
            if m is None:
                out.append(text[i:])
                break
            if m.start() > i:
                out.append(text[i : m.start()])
                i = m.start()
            ch = text[i]
            if ch == "`":
                end = text.find("`", i + 1)
                if end < 0:
                    raise Declined("unpaired backtick")
                code = text[i + 1 : end].strip()
                code = code.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                out.append(self._put(pieces, f"<code>{self.escape_text(code)}</code>"))
                i = end + 1
            elif ch == "\\":
                nxt = text[i + 1 : i + 2]
                if nxt in _ESCAPED and nxt:
                    out.append(self._put(pieces, self.escape_text(nxt)))
                    i += 2
                else:
                    out.append(ch)
                    i += 1
            elif ch == "[":
                close = _close_bracket(text, i + 1)
                if close < 0 or text[close + 1 : close + 2] != "(":
                    raise Declined("bracket")
                label = text[i + 1 : close]
                m = _URL.match(text, close + 2)
                if (
                    not m
                    or text[m.end() : m.end() + 1] != ")"
                    or "[" in label.replace("\\[", "")
                    or "\n" in label
                    or "`" in label
                    or "<" in label
                ):
                    raise Declined("link")
                href = self.escape_attr(self.link(m.group()))
                inner = self.html(label)
                out.append(self._put(pieces, f'<a href="{href}">{inner}</a>'))
                i = m.end() + 1
            elif ch == "<":
                m = _AUTOLINK.match(text, i)
                if m:
                    url = m.group(1)
                    if any(c in url for c in "\\`[]&"):
                        raise Declined("autolink")
                    href = self.escape_attr(self.link(url))
                    out.append(self._put(pieces, f'<a href="{href}">{self.escape_text(url)}</a>'))
                    i = m.end()
                    continue
                if text[i + 1 : i + 2].isspace() or i + 1 == n:
                    out.append(self._put(pieces, "&lt;"))
                    i += 1
                    continue
                m = _HTML_TAG.match(text, i) or _COMMENT.match(text, i)
                if not m or any(c in m.group() for c in "@\\`[]"):
                    raise Declined("tag")
                out.append(self._put(pieces, m.group()))
                self.raw.add(len(pieces) - 1)
                i = m.end()
            else:  # "&"
                m = _ENTITY.match(text, i)
                if m:
                    out.append(self._put(pieces, m.group()))
                    i = m.end()
                else:
                    out.append(ch)
                    i += 1
        return "".join(out)

    def _strong(self, masked: str) -> str:
        if "*" not in masked:
            return masked
        if "***" in masked:
            raise Declined("emphasis")
        return _STRONG.sub(lambda m: f"\x00S{m.group(1)}\x00/S", masked)


# --- output ------------------------------------------------------------------------------------


def render(
    markdown: str, settings: dict[str, Any], link: Any, title_text: Any
) -> dict[str, Any] | None:
    """``markdown`` as HTML with what ``Page.render`` sets besides (see module), or None.

    ``link(url)``: the URL as MkDocs writes it into the page (and notes it);
    ``title_text(html)``: the page title MkDocs takes from the first heading's HTML.
    """
    try:
        return _render(markdown, settings, link, title_text)
    except (Declined, IndexError, AttributeError, ValueError):
        return None


def _render(markdown: str, settings: dict[str, Any], link: Any, title_text: Any) -> dict[str, Any]:
    from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique
    from markdown.serializers import _escape_attrib_html, _escape_cdata

    root, raw = _document(markdown)
    inline = _Inline(link, _escape_cdata, _escape_attrib_html)
    used_ids = {n.attrs["id"] for n in root.children if "id" in n.attrs}
    counters: dict[str, int] = {}
    tokens: list[dict[str, Any]] = []
    title = None
    top, bottom = settings["range"]
    permalink = settings["permalink"]
    out: list[str] = []
    for index, node in enumerate(root.children):
        if node.tag == "raw":
            out.append(raw[int(node.text)] + "\n")
            continue
        if node.tag[0] == "h" and node.tag[1:].isdigit():
            inner = inline.html(node.text)
            name = strip_tags(inner)
            if "id" not in node.attrs:
                import html

                node.attrs["id"] = unique(
                    settings["slugify"](html.unescape(name), settings["separator"]),
                    used_ids,
                    counters,
                )
            level = int(node.tag[1])
            ident = node.attrs["id"]
            if top <= level <= bottom:
                tokens.append({"level": level, "id": ident, "name": name})
            if index == 0 and node.tag == "h1":
                title = title_text(inner)
            anchor = ""
            if permalink not in (False, None):
                text = "&para;" if permalink is True else _escape_cdata(permalink)
                attrs = {"class": settings["permalink_class"], "href": link("#" + ident)}
                if settings["permalink_title"]:
                    attrs["title"] = settings["permalink_title"]
                anchor = f"<a{_attributes(attrs, _escape_attrib_html)}>{text}</a>"
            out.append(
                f"<{node.tag}{_attributes(node.attrs, _escape_attrib_html)}>"
                f"{inner}{anchor}</{node.tag}>\n"
            )
            continue
        _serialize(node, inline, out)
    content = "".join(out).strip()
    return {
        "content": content,
        "toc": nest_toc_tokens(tokens),
        "title": title,
        "ids": {t for t in used_ids},
    }


def _attributes(attrs: dict[str, str], escape: Any) -> str:
    return "".join(f' {k}="{escape(v)}"' for k, v in sorted(attrs.items()))


def _serialize(node: _Node, inline: _Inline, out: list[str]) -> None:
    """``node`` as Python-Markdown writes it after ``PrettifyTreeprocessor``."""
    text = node.text
    children = node.children
    if node.tag == "p" and not children:
        unwrapped = inline.paragraph(text)
        if unwrapped is not None:
            out.append(unwrapped)
            out.append("\n")
            return
    if node.attrs:
        out.append(f"<{node.tag}{_attributes(node.attrs, inline.escape_attr)}>")
    else:
        out.append(f"<{node.tag}>")
    if (not text or not text.strip()) and children and children[0].tag in _BLOCK_LEVEL:
        out.append("\n")
    else:
        out.append(inline.html(text))
    for child in children:
        _serialize(child, inline, out)
    out.append(f"</{node.tag}>")
    tail = node.tail
    out.append(inline.html(tail) if tail and tail.strip() else "\n")
