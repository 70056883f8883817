"""Which generator built a site: from its ``<meta name="generator">`` and its layout.

The fix hints name that generator's own configuration (Hugo's layouts and
``hugo.toml``, Jekyll's ``_includes`` and ``_config.yml``, ``zensical.toml``,
``mkdocs.yml``), so a Hugo user is never told to edit Material's ``extra.analytics``.
"""

from __future__ import annotations

import re
from pathlib import Path

_META = re.compile(
    r"<meta\b[^>]*\bname\s*=\s*[\"']generator[\"'][^>]*\bcontent\s*=\s*[\"']([^\"']*)",
    re.IGNORECASE,
)
_META_REVERSED = re.compile(
    r"<meta\b[^>]*\bcontent\s*=\s*[\"']([^\"']*)[\"'][^>]*\bname\s*=\s*[\"']generator",
    re.IGNORECASE,
)

#: Generator meta content (lower case) → generator; ProperDocs is MkDocs to Seloste.
_BY_META = (
    ("zensical", "zensical"),
    ("hugo", "hugo"),
    ("jekyll", "jekyll"),
    ("properdocs", "mkdocs"),
    ("mkdocs", "mkdocs"),
)


def generator_of_page(text: str) -> str | None:
    found = _META.search(text, 0, 8000) or _META_REVERSED.search(text, 0, 8000)
    if not found:
        return None
    content = found.group(1).lower()
    return next((gen for key, gen in _BY_META if key in content), None)


def detect_generator(root: Path, sample_pages: list[str]) -> str | None:
    """From the first pages' meta tags, else from the output folder's name and files."""
    for text in sample_pages:
        found = generator_of_page(text)
        if found:
            return found
    name = root.resolve().name
    if name == "public":
        return "hugo"
    if name == "_site":
        return "jekyll"
    if (root / "search" / "search_index.json").is_file():
        return "mkdocs"
    if (root / "search.json").is_file() and (root / "assets" / "javascripts").is_dir():
        return "zensical"
    return None
