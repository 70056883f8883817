"""Where each notice lives in a built site, per language.

The default language sits at the site root (``tietosuojaseloste/``); every
other language under its own folder (``en/privacy/``), as mkdocs-static-i18n
and most static site generators lay out translations.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

DEFAULT_PATHS: dict[str, dict[str, str]] = {
    "privacy": {"fi": "tietosuojaseloste/", "en": "privacy/", "sv": "dataskydd/"},
    "cookies": {"fi": "evasteet/", "en": "cookies/", "sv": "kakor/"},
}
NOTICE_KINDS = tuple(DEFAULT_PATHS)


def page_path(
    kind: str, lang: str, default_lang: str, paths: Mapping[str, str] | None = None
) -> str:
    """The page's URL path from the site root, ending in ``/``: ``en/privacy/``."""
    table = {**DEFAULT_PATHS[kind], **(paths or {})}
    local = table.get(lang) or table.get("en") or f"{kind}/"
    local = local.strip("/") + "/"
    return local if lang == default_lang else f"{lang}/{local}"


def relative_url(from_page: str, to_page: str) -> str:
    """A link from one page path (``en/privacy/``) to another (``en/cookies/``)."""
    return posixpath.relpath(to_page, from_page.rstrip("/") or ".") + "/"
