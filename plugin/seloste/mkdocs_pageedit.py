"""The plugin's edits to each built page of a Material site with a consent banner, in one pass.

Every page gets the gating tag (``ConsentScript.insert``), the footer's settings link
(``insert_settings_link``) and the banner's links to the notices made relative to the
page (``mkdocs_links.make_links_relative``). Done one after the other, each step reads
and copies the whole page: on a 1,000-page site with Material's full navigation (~150 KB
a page) that is most of what the plugin adds to a build besides the scan. Here the
places are found on the page as MkDocs wrote it, and the page is put together once.

The result is the same string the three steps give, by construction: the snippets
inserted hold no ``href="/…"`` and no settings mark, and the links replaced hold no
``<``, ``>`` or ``"``, so no step can create or hide what another looks for. Whenever
two edits would meet at one place (or a link could break that argument), the three
steps run one after the other as before. ``tests/test_page_edits.py`` compares both
ways on real built pages and on pages made to hit every branch.
"""

from __future__ import annotations

from .consent.banner import insert_settings_link, settings_link_edit
from .consent.gating import insert_tag, tag_position
from .mkdocs_links import make_links_relative, relative_to_page
from .textedits import Edits, apply_edits

_HREF = 'href="'


def edit_page(
    page_html: str,
    tag: str,
    *,
    settings_lang: str | None,
    links: dict[str, str],
    page_url: str,
    settings_label: str | None = None,
) -> tuple[str, Edits | None]:
    """The page with the gating ``tag``, the settings link in ``settings_lang`` (None:
    no link) and ``links`` (absolute path → URL from the site root) relative to the page
    at ``page_url``: ``make_links_relative(insert_settings_link(insert_tag(page, tag)))``;
    and its edits of ``page_html`` as one list, (start, end, replacement) in page order,
    or None when they could not be made in one pass (then the steps ran one after the
    other). ``settings_label``: the settings' name in that language, when the caller has
    it (the gating script carries it), so the wording need not be read."""
    edits = _edits(page_html, tag, settings_lang, links, page_url, settings_label)
    if edits is None:
        return _one_by_one(page_html, tag, settings_lang, links, page_url), None
    return apply_edits(page_html, edits), edits


def _edits(
    page_html: str,
    tag: str,
    settings_lang: str | None,
    links: dict[str, str],
    page_url: str,
    settings_label: str | None,
) -> Edits | None:
    """``edit_page``'s edits, none meeting another; None when they cannot be one list."""
    if not _plain_paths(links):
        return None
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in page order
    at = tag_position(page_html)
    if at >= 0:
        edits.append((at, at, tag))
    if settings_lang is not None:
        settings = settings_link_edit(page_html, settings_lang, settings_label)
        if settings is not None:
            edits.append((settings[0], settings[0], settings[1]))
    edits += _link_edits(page_html, links, page_url)
    edits.sort(key=lambda edit: edit[0])
    last = 0
    for index, (start, end, _) in enumerate(edits):
        if start <= last and (start < last or index):
            # Two edits at one place: their order would depend on the steps' order.
            return None
        last = end
    return edits


def _link_edits(page_html: str, links: dict[str, str], page_url: str) -> list[tuple]:
    """Each ``href="<absolute path>"`` of ``links`` on the page, with its relative form."""
    edits = []
    find = page_html.find
    at = find(_HREF + "/")
    while at != -1:
        begin = at + len(_HREF)
        close = find('"', begin)
        if close == -1:
            break
        target = links.get(page_html[begin:close])
        if target is None:
            at = find(_HREF + "/", at + 1)
            continue
        edits.append((at, close + 1, f'{_HREF}{relative_to_page(target, page_url)}"'))
        at = find(_HREF + "/", close + 1)
    return edits


def _plain_paths(links: dict[str, str]) -> bool:
    """Absolute paths without the characters the one-pass argument relies on."""
    return all(
        written.startswith("/") and not any(c in written for c in '<>"') for written in links
    )


def _one_by_one(
    page_html: str, tag: str, settings_lang: str | None, links: dict[str, str], page_url: str
) -> str:
    page_html = insert_tag(page_html, tag)
    if settings_lang is not None:
        page_html = insert_settings_link(page_html, settings_lang)
    return make_links_relative(page_html, links, page_url)
