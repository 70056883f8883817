"""The notice pages' Markdown → HTML, kept in the build cache with the notices' Markdown.

The notices are long pages (four on a bilingual site): converting their Markdown is a
visible part of what the plugin adds to a small site's build, and it gives the same
HTML every build as long as everything the conversion reads is the same. So the
plugin gives its own pages this ``Page.render``: it looks the result up in the build
cache entry under a key of all of that, and converts only when there is none.

What the key holds: the page's Markdown (after every plugin's ``on_page_markdown``),
its source path, URL and inclusion; the site's Markdown extensions and their settings
(functions by their import path) and ``use_directory_urls``, the link validation
settings and whether MkDocs keeps anchor links (log level); every file of the build
(source path, URL, inclusion: links resolve against them); and the versions of
Python-Markdown, MkDocs, PyMdown Extensions, Material and Pygments. What it keeps:
the HTML, the table of contents, the title found in it, its anchor ids and its links
to anchors of other pages: all ``Page.render`` sets.

When a result cannot be vouched for, the page is converted as before: an extension
outside ``PURE_EXTENSIONS`` (one that may read files, such as ``pymdownx.snippets``,
or an unknown one), settings that have no stable form (an object), or a conversion
that logged anything (a link warning must be shown every build, so such a result is
never kept). ``tests/test_build_cache.py`` builds sites with and without the cache and
compares every byte and every log line.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import sys
from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

#: Extensions whose output depends on the Markdown and their settings alone.
PURE_EXTENSIONS = frozenset(
    {
        *(
            f"{prefix}{name}"
            for prefix in ("", "markdown.extensions.")
            for name in (
                "abbr",
                "admonition",
                "attr_list",
                "def_list",
                "extra",
                "fenced_code",
                "footnotes",
                "legacy_attrs",
                "legacy_em",
                "md_in_html",
                "meta",
                "nl2br",
                "sane_lists",
                "smarty",
                "tables",
                "toc",
                "codehilite",
                "wikilinks",
            )
        ),
        *(
            f"pymdownx.{name}"
            for name in (
                "arithmatex",
                "betterem",
                "blocks.admonition",
                "blocks.caption",
                "blocks.definition",
                "blocks.details",
                "blocks.html",
                "blocks.tab",
                "caret",
                "critic",
                "details",
                "emoji",
                "escapeall",
                "extra",
                "fancylists",
                "highlight",
                "inlinehilite",
                "keys",
                "magiclink",
                "mark",
                "progressbar",
                "saneheaders",
                "smartsymbols",
                "striphtml",
                "superfences",
                "tabbed",
                "tasklist",
                "tilde",
            )
        ),
        "material.extensions.emoji",
    }
)

_VERSIONED = ("markdown", "mkdocs", "pymdownx", "material", "pygments")


class Unstable(Exception):
    """A setting without a form that is the same from one build to the next."""


def stable(value: Any) -> Any:
    """``value`` as plain JSON data, the same in every process; Unstable if it has none."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__module__}:{type(value).__qualname__}.{value.name}"
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return [stable(item) for item in value]
    if isinstance(value, dict):
        return [[stable(k), stable(v)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if (callable(value) or isinstance(value, type)) and module and name and "<" not in name:
        return f"{module}:{name}"
    raise Unstable(type(value).__name__)


def _versions() -> list[Any]:
    out = []
    for name in _VERSIONED:
        module = sys.modules.get(name)
        out.append([name, getattr(module, "__version__", None) if module else None])
    return out


class FilesDigest:
    """A digest of a build's files (source path, URL, inclusion), worked out once per Files."""

    def __init__(self) -> None:
        self._files: Files | None = None
        self._count = -1
        self._digest = ""

    def of(self, files: Files) -> str:
        if files is not self._files or len(files) != self._count:
            digest = hashlib.sha256()
            for file in files:
                digest.update(f"{file.src_uri}\0{file.url}\0{file.inclusion.name}\n".encode())
            self._files, self._count, self._digest = files, len(files), digest.hexdigest()
        return self._digest


def render_key(page: Page, config: MkDocsConfig, files_digest: str) -> str | None:
    """The key of ``page``'s conversion, or None when it cannot be kept (see module doc)."""
    extensions = config["markdown_extensions"]
    if not all(isinstance(ext, str) and ext in PURE_EXTENSIONS for ext in extensions):
        return None
    try:
        settings = stable(
            [
                extensions,
                config["mdx_configs"] or {},
                config.use_directory_urls,
                dict(config.validation.links),
                page.file.inclusion.name,
            ]
        )
    except Unstable:
        return None
    key = json.dumps(
        [
            settings,
            page.file.src_uri,
            page.file.url,
            logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG,
            files_digest,
            _versions(),
        ]
    )
    digest = hashlib.sha256(key.encode())
    digest.update(b"\0" + (page.markdown or "").encode())
    return digest.hexdigest()


class _Logged(logging.Handler):
    """Notes that a record was logged (on the loggers a conversion may log to)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def _rendered(page: Page, config: MkDocsConfig, files: Files) -> tuple | None:
    """Convert ``page`` (``Page.render``); what it set, or None when it logged anything."""
    watcher = _Logged()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs"), logging.getLogger("MARKDOWN")]
    for logger in loggers:
        logger.addHandler(watcher)
    try:
        convert_page(page, config, files)
    finally:
        for logger in loggers:
            logger.removeHandler(watcher)
    if watcher.seen:
        return None
    links = getattr(page, "links_to_anchors", None)
    return (
        page.content,
        [_token(item) for item in page.toc],
        page._title_from_render,
        frozenset(page.present_anchor_ids or ()),
        None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        "links_to_anchors" in page.__dict__,
    )


def _token(item: Any) -> dict[str, Any]:
    return {
        "level": item.level,
        "id": item.id,
        "name": item.title,
        "children": [_token(child) for child in item.children],
    }


def _restore(page: Page, kept: tuple, files: Files) -> bool:
    """Set what ``Page.render`` sets from a kept result; False if a linked file is gone."""
    content, toc, title, anchors, links, has_links = kept
    targets = {}
    for src_uri, anchor_links in (links or {}).items():
        target = files.get_file_from_path(src_uri)
        if target is None:
            return False
        targets[target] = dict(anchor_links)
    page.content = content
    page.toc = get_toc(toc)
    page._title_from_render = title
    page.present_anchor_ids = set(anchors)
    if has_links:
        page.links_to_anchors = targets
    return True


class _Held(logging.Filter):
    """Holds back what a logger logs (the light conversion gives up instead)."""

    def __init__(self) -> None:
        super().__init__()
        self.held = False

    def filter(self, record: logging.LogRecord) -> bool:
        self.held = True
        return False


def light_render(page: Page, config: MkDocsConfig, files: Files) -> bool:
    """Set what ``Page.render`` sets without Python-Markdown when ``notice_markdown``
    converts this page's Markdown (the notices' shapes, known settings); False if not.

    Links are rewritten and recorded by MkDocs' own ``_RelativePathTreeprocessor``; a
    link it would warn about makes this give up (``Page.render`` then warns as always).
    """
    from mkdocs.structure import pages
    from mkdocs.utils.rendering import _strip_tags

    from . import notice_markdown

    markdown = page.markdown
    if markdown is None:
        return False
    settings = notice_markdown.light_settings(config)
    if settings is None:
        return False
    relative = pages._RelativePathTreeprocessor(page.file, files, config)
    held = _Held()
    pages.log.addFilter(held)
    try:
        result = notice_markdown.render(markdown, settings, relative.path_to_url, _strip_tags)
    finally:
        pages.log.removeFilter(held)
    if result is None or held.held:
        return False
    anchors = result["ids"]
    if "<" in markdown:
        handler = pages._HTMLHandler()
        handler.feed(markdown)
        handler.close()
        anchors = anchors | handler.present_anchor_ids
    page.content = result["content"]
    page.toc = get_toc(result["toc"])
    page._title_from_render = result["title"]
    page.present_anchor_ids = anchors
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative.links_to_anchors
    return True


def convert_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a notice page: ``light_render`` when it can, else Python-Markdown."""
    if not light_render(page, config, files):
        Page.render(page, config, files)


class _NoticeExtensions:
    """``config['markdown_extensions']`` with ``attr_list`` for one notice page's conversion.

    The notices' headings carry stable ids (``{#controller}``) that links rely on, so
    their conversion needs ``attr_list``; the site's own pages keep the extensions the
    site chose (the plugin once added ``attr_list`` to every page of the site, which
    changed the user's pages and cost every page of a big site its treeprocessor).
    """

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.saved: list | None = None

    def __enter__(self) -> MkDocsConfig:
        extensions = self.config["markdown_extensions"]
        if "attr_list" not in extensions:
            self.saved = extensions
            self.config["markdown_extensions"] = [*extensions, "attr_list"]
        return self.config

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            self.config["markdown_extensions"] = self.saved


class NoticePage(Page):
    """A notice page: converted with ``attr_list`` (``_NoticeExtensions``), its conversion
    from the build cache when it can (module doc).

    The plugin turns its own pages into this class after MkDocs made them (the object
    stays the same, with the nav's title and links); ``seloste_memo`` is set with it
    when the build has a cache entry.
    """

    seloste_memo: Callable[[str, Callable[[], Any]], Any] | None = None
    seloste_files: FilesDigest | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        with _NoticeExtensions(config):
            self._render(config, files)

    def _render(self, config: MkDocsConfig, files: Files) -> None:
        memo, digests = self.seloste_memo, self.seloste_files
        key = None
        if memo is not None and digests is not None and self.markdown is not None:
            key = render_key(self, config, digests.of(files))
        if key is None or memo is None:
            convert_page(self, config, files)
            return
        converted = False

        def convert() -> tuple | None:
            nonlocal converted
            converted = True
            return _rendered(self, config, files)

        kept = memo(key, convert)
        if converted:
            return
        if kept is None or not _restore(self, kept, files):
            convert_page(self, config, files)
