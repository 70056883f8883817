"""Links to Seloste's pages by MkDocs' own rules.

Every link Seloste writes (the banner's link to the cookie notice, links from the
notices) must work however the site is served: ``use_directory_urls: false``
turns ``cookies/`` into ``cookies.html``, and a site served from a subfolder
without ``site_url`` only works with links relative to the page.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url


def page_url(dest_dir: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page placed at ``dest_dir`` (``en/cookies/``), from the root."""
    dest = dest_dir.strip("/")
    if not dest:
        return "" if use_directory_urls else "index.html"
    return f"{dest}/" if use_directory_urls else f"{dest}.html"


def dest_uri(dest_dir: str, use_directory_urls: bool) -> str:
    dest = dest_dir.strip("/")
    if not dest:
        return "index.html"
    return f"{dest}/index.html" if use_directory_urls else f"{dest}.html"


def relative_to_page(target_url: str, page_url_: str) -> str:
    """``target_url`` (from the site root) as a link from the page at ``page_url_``."""
    return get_relative_url(target_url or ".", page_url_ or ".")


def make_links_relative(output: str, absolute: dict[str, str], page_url_: str) -> str:
    """``href="/docs/en/cookies/"`` → ``href="../cookies/"`` for each absolute target given
    (absolute path → URL from the site root), on one page."""
    for written, target in absolute.items():
        needle = f'href="{written}"'
        if needle in output:
            output = output.replace(needle, f'href="{relative_to_page(target, page_url_)}"')
    return output
