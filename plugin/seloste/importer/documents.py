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


# Page furniture around a notice on a whole saved page: never notice text.
_FURNITURE = re.compile(
    r"cookie|consent|gdpr-banner|cmplz|onetrust|banner|modal|popup|skip-link", re.I
)


def html_to_layout(source: str) -> str:
    soup = BeautifulSoup(source, "lxml")
    root = soup.find("main") or soup.find(role="main") or soup.find("article")
    if root is None:
        # A whole page without <main>: its header, footer, sidebars and cookie banner go.
        root = soup.body or soup
        for tag in root.find_all(["header", "footer", "aside", "nav"]):
            tag.decompose()
    for tag in root.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        marks = " ".join([str(tag.get("id") or ""), *(str(c) for c in tag.get("class") or [])])
        if marks.strip() and _FURNITURE.search(marks) and not tag.find(["h1", "h2", "h3"]):
            tag.decompose()
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
            level = int(name[1]) if name[1:].isdigit() else 6
            lines.extend(["", f"{'#' * level} {_text(child)}"])
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
        elif re.fullmatch(r"(\*|_)[^*_]+\1", stripped):
            line = stripped[1:-1]  # a whole line in italics ("*Last updated: …*")
        elif re.fullmatch(r"(-{3,}|\*{3,}|_{3,})", stripped.replace(" ", "")):
            line = ""  # a thematic break
        line = _MD_LINK.sub(
            lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})",
            line,
        )
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)
        out.append(line.rstrip())
    return "\n".join(out)


def docx_to_layout(data: bytes) -> str:
    """A Word document's body in order: Heading/Title styles and bold lines as headings,
    list paragraphs as items, two-column tables as ``label<TAB>value`` rows."""
    import io

    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _docx_paragraph(Paragraph(child, document), lines)
        elif tag == "tbl":
            table = Table(child, document)
            lines.append("")
            for row in table.rows:
                cells = list(dict.fromkeys(c._tc for c in row.cells))  # merged cells repeat
                texts = [" ".join(_cell_text(c).split()) for c in cells]
                texts = [t for t in texts if t]
                if len(texts) == 2 and _is_heading_cell(texts[0]):
                    lines.append(f"{texts[0]}\t{texts[1]}")
                elif len(texts) == 2:  # "Nimi | Esimerkki Oy" in a contact table
                    lines.append(f"{texts[0]}: {texts[1]}")
                elif texts:
                    lines.append(" ".join(texts))
            lines.append("")
    return "\n".join(lines).strip() + "\n"


def _is_heading_cell(text: str) -> bool:
    from .tables import match_heading

    return match_heading(text) is not None


def _cell_text(tc: object) -> str:
    from docx.oxml.ns import qn

    paragraphs = tc.iter(qn("w:p"))  # type: ignore[attr-defined]
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs)


def _docx_paragraph(paragraph: object, lines: list[str]) -> None:
    from docx.text.paragraph import Paragraph

    assert isinstance(paragraph, Paragraph)
    text = paragraph.text.replace("\v", "\n")
    if not text.strip():
        lines.append("")
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    level = re.match(r"(?:Heading|Otsikko|Rubrik)\s*(\d)", style)
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs) and len(text.split()) <= 12
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if style in ("Title", "Otsikko", "Rubrik") or level:
        depth = int(level.group(1)) if level else 1
        lines.extend(["", f"{'#' * depth} {' '.join(text.split())}", ""])
    elif bold and not text.rstrip().endswith("."):
        lines.extend(["", f"# {' '.join(text.split())}", ""])
    elif style.startswith("List") or numbered:
        lines.append(f"- {' '.join(text.split())}")
    else:
        lines.extend(["", *[" ".join(line.split()) for line in text.split("\n")], ""])
