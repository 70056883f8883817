"""HTML and Markdown notices as the plain layout the section parser reads.

The parser reads the layout of the seeds: headings on their own line, ``- ``
list items, ``Heading<TAB>value`` table rows. An HTML page or a Markdown file is
turned into that layout first: ``<h2>`` and ``## `` become ``# `` headings,
``<li>`` and ``* `` become ``- `` items, two-cell table rows become tab rows.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "button", "form", "head"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6", "dt"}
_BLOCKS = {"p", "dd", "blockquote", "address", "figcaption", "pre"}


def html_to_layout(source: str) -> str:
    soup = BeautifulSoup(source, "lxml")
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[str] = []
    _walk(root, lines)
    return "\n".join(lines).strip() + "\n"


def _text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _walk(node: Tag, lines: list[str]) -> None:
    inline: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(inline).split())
        inline.clear()
        if text:
            lines.extend(["", text])

    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ in ("Comment", "Doctype", "ProcessingInstruction"):
                continue
            inline.append(str(child))
            continue
        if not isinstance(child, Tag) or child.name in _SKIP:
            continue
        name = child.name
        if name in _HEADINGS:
            flush()
            lines.extend(["", f"# {_text(child)}"])
        elif name in _BLOCKS:
            flush()
            if _only_strong(child):
                lines.extend(["", f"# {_text(child)}"])
            else:
                for part in _split_br(child):
                    lines.extend(["", part])
        elif name in ("ul", "ol"):
            flush()
            lines.append("")
            for item in child.find_all("li", recursive=False):
                lines.append(f"- {_text(item)}")
        elif name == "table":
            flush()
            _table(child, lines)
        elif name == "br":
            flush()
        elif name in (
            "div",
            "section",
            "article",
            "main",
            "body",
            "header",
            "footer",
            "aside",
            "dl",
            "span",
        ) and child.find(list(_HEADINGS | _BLOCKS | {"ul", "ol", "table", "div", "br"})):
            flush()
            _walk(child, lines)
        else:
            inline.append(child.get_text(" "))
    flush()


def _only_strong(node: Tag) -> bool:
    """``<p><strong>Rekisterinpitäjä</strong></p>``: a heading written as bold text."""
    strong = [c for c in node.children if not (isinstance(c, NavigableString) and not c.strip())]
    return (
        len(strong) == 1
        and isinstance(strong[0], Tag)
        and strong[0].name in ("strong", "b")
        and len(_text(node).split()) <= 12
        and not _text(node).endswith(".")
    )


def _split_br(node: Tag) -> list[str]:
    """A paragraph with ``<br>`` (an address block) keeps its lines."""
    parts: list[str] = [""]
    for child in node.descendants:
        if isinstance(child, Tag) and child.name == "br":
            parts.append("")
        elif isinstance(child, NavigableString):
            parts[-1] += str(child)
    cleaned = [" ".join(p.split()) for p in parts]
    return ["\n".join(p for p in cleaned if p)] if any(cleaned) else []


def _table(table: Tag, lines: list[str]) -> None:
    lines.append("")
    for row in table.find_all("tr"):
        cells = row.find_all(["th", "td"], recursive=False)
        if len(cells) == 2:
            value = " ".join(cells[1].decode_contents().split())
            lines.append(f"{_text(cells[0])}\t{value}")
        elif cells:
            lines.append(" ".join(_text(c) for c in cells))
    lines.append("")


_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_to_layout(source: str) -> str:
    out: list[str] = []
    for line in source.replace("\r\n", "\n").split("\n"):
        if _MD_TABLE_RULE.match(line):
            continue
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            line = "\t".join([cells[0], " ".join(cells[1:])])
        elif re.fullmatch(r"(\*\*|__)[^*_]+\1:?", stripped):
            line = f"# {stripped.strip('*_')}"  # a bold line used as a heading
        line = _MD_LINK.sub(
            lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})",
            line,
        )
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)
        out.append(line.rstrip())
    return "\n".join(out)
