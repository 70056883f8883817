"""Build a Word notice of the import corpus from its paragraph list (python-docx)."""

from __future__ import annotations

from pathlib import Path

import yaml


def build_docx(source: Path, target: Path) -> Path:
    from docx import Document

    document = Document()
    for style, content in yaml.safe_load(source.read_text(encoding="utf-8")):
        if style == "table":
            table = document.add_table(rows=0, cols=2)
            for label, value in content:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, value
        elif style == "bold":
            document.add_paragraph().add_run(content).bold = True
        elif style == "Title":
            document.add_heading(content, level=0)
        elif style.startswith("Heading"):
            document.add_heading(content, level=int(style.split()[-1]))
        else:
            document.add_paragraph(content, style=style)
    document.save(str(target))
    return target
