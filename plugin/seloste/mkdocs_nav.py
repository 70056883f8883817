"""Where the notices go in the site's navigation.

Without ``nav:`` MkDocs lists every page; Seloste moves its notices last, where
readers look for them. With an explicit ``nav:`` (most real sites) MkDocs would
leave them out of the menu: Seloste appends them (``nav_placement: append``, the
default), puts them under a section (``nav_section: Legal``), or leaves them out
(``nav_placement: omit``) and then says exactly which nav lines to add.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .messages import msg


def place_notices(
    nav: Navigation,
    pages: Sequence[Page],
    *,
    explicit: bool,
    placement: str,
    section: str | None,
) -> Navigation:
    """Put ``pages`` (the notices of this language, in order) where the options say.

    ``explicit``: the site has ``nav:``; notices it lists itself stay where it put them.
    """
    in_nav = {id(p) for p in nav.pages}
    movable = [p for p in pages if not explicit or id(p) not in in_nav]
    if not movable:
        return nav
    moving = {id(p) for p in movable}
    nav.items = [item for item in nav.items if id(item) not in moving]
    kept = [p for p in nav.pages if id(p) not in moving]
    if placement == "omit":
        _relink(nav, kept)
        return nav
    if section:
        target = _find_section(nav.items, section)
        if target is None:
            target = Section(section, [])
            nav.items.append(target)
        for page in movable:
            page.parent = target
            target.children.append(page)
        _relink(nav, _in_item_order(nav.items))
    else:
        for page in movable:
            page.parent = None
            nav.items.append(page)
        _relink(nav, [*kept, *movable])
    return nav


def missing_from_nav(nav: Navigation, pages: Sequence[Page]) -> list[Page]:
    in_nav = {id(p) for p in nav.pages}
    return [p for p in pages if id(p) not in in_nav]


def nav_yaml(sources: Sequence[str], section: str | None) -> str:
    """The exact lines to add to ``nav:`` in mkdocs.yml (the comment in the message language)."""
    head = f"nav:\n  # {msg('plugin.nav.your_pages')}\n"
    if section:
        return head + f"  - {section}:\n" + "".join(f"      - {source}\n" for source in sources)
    return head + "".join(f"  - {source}\n" for source in sources)


def _find_section(items: list, title: str) -> Section | None:
    for item in items:
        if isinstance(item, Section):
            if item.title == title:
                return item
            found = _find_section(item.children, title)
            if found is not None:
                return found
    return None


def _in_item_order(items: list) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out.extend(_in_item_order(item.children))
    return out


def _relink(nav: Navigation, pages: list[Page]) -> None:
    """nav.pages and previous/next links, as MkDocs sets them (they are set before on_nav)."""
    nav.pages = pages
    bookended = [None, *pages, None]
    for before, page, after in zip(bookended[:-2], pages, bookended[2:], strict=True):
        page.previous_page, page.next_page = before, after
