"""Importer stage: an existing privacy notice → a draft registry YAML.

``import_notice(text, source_name=…)`` reads a notice as the seeds write them
(plain text, ``Heading<TAB>value`` tables with pasted HTML, numbered headings,
Finnish and English in one file), places what it can in the registry's fields,
and keeps every other sentence in ``unsorted:`` so nothing is lost. The YAML it
returns is full of ``# TODO`` comments for the marketer and always loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codes import finding
from ..fields_repr import FieldsRepr
from ..findings import SelosteError
from ..messages import msg
from ..registry import parse_registry
from .blocks import fragment_blocks
from .documents import docx_to_layout, html_to_layout, markdown_to_layout
from .draft import Draft
from .fields import Consumed, read_language
from .sections import parse_sections
from .services import processors_in, trackers_in
from .yaml_out import dump, plain

__all__ = ["Consumed", "ImportResult", "import_file", "import_notice", "layout_of"]


@dataclass(repr=False)
class ImportResult(FieldsRepr):
    yaml: str
    #: The draft as data (what the YAML holds, without comments).
    data: dict[str, Any]
    languages: list[str]
    #: Catalogue ids of the services the notice names.
    services: list[str]
    #: Headings, labels and answers that became structure instead of text.
    consumed: list[Consumed] = field(default_factory=list)
    #: Headings with nothing under them ("Suostumus", "Evästeet").
    empty_headings: list[str] = field(default_factory=list)
    #: The values as the importer extracted them, before writing: loading ``yaml`` gives
    #: exactly this (the writer never changes a value).
    extracted: dict[str, Any] = field(default_factory=dict)
    #: The notice in the plain layout the parser read (for reports and tests).
    layout: str = ""
    #: Sentences read into structure: a purpose and its inline basis, a list of data
    #: categories after its label, companies with their role and country, contact prose.
    structured: list[Consumed] = field(default_factory=list)

    @property
    def unsorted_count(self) -> int:
        return len(self.data.get("unsorted", []))


def layout_of(text: str, source_name: str) -> str:
    """The notice in the plain layout the parser reads (HTML and Markdown converted)."""
    suffix = Path(source_name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return html_to_layout(text)
    if suffix in (".md", ".markdown"):
        return markdown_to_layout(text)
    return text


# Characters YAML cannot hold (control characters, lone surrogates): never text a reader sees.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def import_notice(text: str, *, source_name: str) -> ImportResult:
    text = re.sub("[\u2028\u2029\x85]", "\n", text)  # line separators YAML also breaks on
    layout = layout_of(_UNPRINTABLE.sub("", text), source_name)
    sections = parse_sections(layout)
    langs = list(dict.fromkeys(s.lang for s in sections if s.match and s.lang)) or ["fi"]
    notices = {lang: read_language(sections, lang) for lang in langs}
    flat = " ".join(
        [s.heading or "" for s in sections]
        + [b.text for s in sections for b in (s.blocks or fragment_blocks(s.raw))]
    )
    draft = Draft(langs, notices, trackers_in(flat), processors_in(flat))
    tree = draft.build()
    header = msg("I.draft.header", notice=Path(source_name).name).splitlines()
    empty = [h for n in notices.values() for h in n.empty_headings]
    if empty:
        header.append(msg("I.draft.empty_headings", headings=", ".join(f"'{h}'" for h in empty)))
    yaml_text = dump(tree, header)
    try:
        loaded = parse_registry(yaml_text, source_name, langs, draft=True)
    except SelosteError as exc:  # a bug here, never the user's: say so plainly
        raise SelosteError(
            [
                finding(
                    "I103",
                    msg(
                        "I103.draft",
                        problems="; ".join(f.one_line() for f in exc.findings),
                    ),
                    source_name,
                    fix=msg("I103.draft.fix"),
                    origin="input",
                )
            ]
        ) from None
    return ImportResult(
        yaml=yaml_text,
        data=loaded.located.data,
        languages=langs,
        services=[s.id for s in loaded.registry.services],
        consumed=[c for n in notices.values() for c in n.consumed],
        structured=[c for n in notices.values() for c in n.structured],
        empty_headings=empty,
        extracted=plain(tree),
        layout=layout,
    )


def _unreadable(code: str, message: str, shown: str, fix: str) -> SelosteError:
    """The error for a notice file that cannot be imported (I101, I102, I104)."""
    return SelosteError([finding(code, message, shown, fix=fix, origin="input")])


def import_file(path: str | Path) -> ImportResult:
    """Read a notice file (.txt, .html, .md) and import it; bad input raises SelosteError."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise _unreadable("I101", msg("I101.not_found"), shown, msg("I101.not_found.fix")) from None
    except IsADirectoryError:
        raise _unreadable("I101", msg("I101.folder"), shown, msg("I101.folder.fix")) from None
    if Path(path).suffix.lower() == ".docx":
        try:
            layout = docx_to_layout(raw)
        except Exception:  # python-docx raises many kinds on a damaged or foreign file
            raise _unreadable("I104", msg("I104.docx"), shown, msg("I104.docx.fix")) from None
        return _import_text(layout, shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode(
            "cp1252", errors="replace"
        )  # old Windows exports; every byte decodes, words stay readable
    return _import_text(text, shown)


def _import_text(text: str, shown: str) -> ImportResult:
    """Import the text read from a file; a file with no text is I102, not an empty draft."""
    if not text.strip():
        raise _unreadable("I102", msg("I102.empty"), shown, msg("I102.empty.fix"))
    return import_notice(text, source_name=shown)
