"""Seloste's own consent banner, and the settings link on every page.

For sites without Material's banner: MkDocs themes other than Material, and
other generators (``seloste inject`` for Hugo, Jekyll, Zensical output). The
banner stores the visitor's choice exactly as Material does (``__consent``),
so the gating script (``gating.py``, in ``<head>``) works unchanged with both.

API (stable; used by the MkDocs plugin and by ``seloste inject``):

``banner_html(loaded, lang, cookie_url=None, *, privacy_url=None) -> str``
    The HTML to insert right before ``</body>``: ``<style>`` + markup +
    ``<script>``, self-contained (no files to copy, no dependencies). ``""``
    when the registry declares nothing that needs consent. The URLs are the two
    notices as the page should link them (absolute paths such as
    ``/en/cookies/``, or relative to the page).

``settings_link_html(lang, *, floating=False) -> str``
    The "Evästeasetukset / Cookie settings" link that reopens either banner.

``insert_settings_link(page_html, lang) -> str``
    Puts that link in the page's footer (Material's footer, else the last
    ``<footer>``, else a small fixed link), once.

``add_own_banner(page_html, dest_uri, loaded, lang, *, privacy_url, cookie_url,
script_src=None, settings_link=True) -> str``
    All of it for one page: the gating script tag in ``<head>`` (``script_src``
    or the asset path relative to ``dest_uri``; the asset itself is
    ``gating_script()`` written to ``ASSET_PATH``), the settings link and the
    banner. ``OwnBanner.for_language(...)`` does the same for many pages
    without working the texts out again.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..fields_repr import FieldsRepr
from ..registry.loaded import LoadedRegistry
from ..wording import wording
from .gating import ConsentScript
from .layers import BannerContent, banner_content, category_details_html, first_layer_html

#: The anchor both banners open on (Material's id; the own banner uses it too).
SETTINGS_HREF = "#__consent"

_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_FOOTER_END = re.compile(r"</footer\s*>", re.IGNORECASE)
_MATERIAL_FOOTER = 'class="md-footer-meta__inner md-grid">'


_LEADING_COMMENT = re.compile(r"\A\s*/\*.*?\*/\s*", re.DOTALL)


@cache
def _asset(name: str) -> str:
    """An asset's text for inlining, without its leading doc comment (it is in every page)."""
    text = resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
    return _LEADING_COMMENT.sub("", text)


def banner_markup(content: BannerContent) -> str:
    """The banner's markup for one language (hidden until its script shows it)."""
    words = content.words
    esc = html.escape
    lang = esc(content.lang, quote=True)
    necessary = wording(content.lang)["cookies"]["categories"]["necessary"]
    categories = [
        '<div class="seloste-consent__category">'
        f'<p class="seloste-consent__necessary">{esc(words["necessary_title"])} '
        f'<span class="seloste-consent__state">({esc(words["necessary_state"])})</span></p>'
        f'<span class="seloste-consent__details">{esc(" ".join(necessary["use"].split()))}'
        "</span></div>"
    ]
    for facts in content.categories:
        box = f"seloste-consent-{esc(facts.key, quote=True)}"
        categories.append(
            '<div class="seloste-consent__category">'
            f'<label for="{box}"><input type="checkbox" id="{box}" '
            f'name="{esc(facts.key, quote=True)}" aria-describedby="{box}-details">'
            f"<span>{esc(facts.name)}</span></label>"
            f'<span class="seloste-consent__details" id="{box}-details">'
            f"{category_details_html(facts, content.lang)}</span></div>"
        )
    button = '<button type="button" class="seloste-consent__button{extra}" data-action="{action}"'
    return (
        f'<div id="__consent" class="seloste-consent" data-seloste-banner lang="{lang}" hidden>'
        '<section class="seloste-consent__dialog" role="dialog" aria-modal="false" '
        'aria-labelledby="seloste-consent-title" aria-describedby="seloste-consent-text">'
        f'<h2 class="seloste-consent__title" id="seloste-consent-title" tabindex="-1">'
        f"{esc(content.title)}</h2>"
        f'<p class="seloste-consent__text" id="seloste-consent-text">{first_layer_html(content)}</p>'
        '<form class="seloste-consent__form" name="seloste-consent">'
        '<fieldset class="seloste-consent__settings" id="seloste-consent-settings" hidden>'
        f"<legend>{esc(words['settings'])}</legend>{''.join(categories)}</fieldset>"
        '<div class="seloste-consent__actions">'
        f"{button.format(extra='', action='accept')}>{esc(words['accept'])}</button>"
        f"{button.format(extra='', action='reject')}>{esc(words['reject'])}</button>"
        f"{button.format(extra=' seloste-consent__button--secondary', action='settings')}"
        ' aria-expanded="false" aria-controls="seloste-consent-settings">'
        f"{esc(words['settings'])}</button>"
        f"{button.format(extra='', action='save')} hidden>{esc(words['save'])}</button>"
        "</div></form>"
        '<button type="button" class="seloste-consent__close" data-action="close" '
        f'aria-label="{esc(words["close"], quote=True)}" hidden>×</button>'
        "</section></div>"
    )


def banner_html(
    loaded: LoadedRegistry,
    lang: str,
    cookie_url: str | None = None,
    *,
    privacy_url: str | None = None,
) -> str:
    """Seloste's own banner for ``lang``: CSS + markup + script, to insert before ``</body>``.

    Returns ``""`` when nothing the registry declares needs consent. The page
    also needs the gating script in ``<head>`` (``ConsentScript``, or use
    ``add_own_banner`` / ``OwnBanner`` which do both).
    """
    content = banner_content(loaded, lang, privacy_url=privacy_url, cookie_url=cookie_url)
    if not content.categories:
        return ""
    return (
        f"<style data-seloste>{_asset('seloste-banner.css')}</style>"
        f"{banner_markup(content)}"
        f"<script data-seloste>{_asset('seloste-banner.js')}</script>"
    )


def settings_link_html(lang: str, *, floating: bool = False) -> str:
    """The link that reopens the banner, named as everywhere else in ``lang``."""
    label = html.escape(wording(lang)["consent"]["settings"])
    link = f'<a href="{SETTINGS_HREF}" data-seloste-settings>{label}</a>'
    if floating:
        style = (
            "position:fixed;left:.5rem;bottom:.5rem;z-index:2147482999;margin:0;"
            "padding:.25rem .5rem;background:#fff;border:1px solid #767676;"
            "border-radius:.25rem;font-size:.875rem"
        )
        return f'<p class="seloste-settings-link" style="{style}">{link}</p>'
    return f'<p class="seloste-settings-link">{link}</p>'


def insert_settings_link(page_html: str, lang: str) -> str:
    """The settings link in the page's footer, once (Material's, else the last ``<footer>``)."""
    edit = settings_link_edit(page_html, lang)
    if edit is None:
        return page_html
    at, snippet = edit
    return page_html[:at] + snippet + page_html[at:]


def settings_link_edit(
    page_html: str, lang: str, label: str | None = None
) -> tuple[int, str] | None:
    """Where ``insert_settings_link`` puts the link and what it puts there (None: the page
    has one already): after Material's footer, else before the last ``</footer>``, else
    floating before the last ``</body>`` (at the end without one). ``label``: the
    settings' name in ``lang`` when the caller has it (else read from the wording)."""
    if "data-seloste-settings>" in page_html:
        return None
    at = page_html.find(_MATERIAL_FOOTER)
    if at != -1:
        label = html.escape(wording(lang)["consent"]["settings"] if label is None else label)
        link = (
            f'<div class="md-copyright seloste-settings-link">'
            f'<a href="{SETTINGS_HREF}" data-seloste-settings>{label}</a></div>'
        )
        return at + len(_MATERIAL_FOOTER), link
    footers = list(_FOOTER_END.finditer(page_html))
    if footers:
        return footers[-1].start(), settings_link_html(lang)
    return _body_end(page_html), settings_link_html(lang, floating=True)


def insert_before_body_end(page_html: str, snippet: str) -> str:
    """``snippet`` before the last ``</body>`` (appended when the page has none)."""
    at = _body_end(page_html)
    return page_html[:at] + snippet + page_html[at:]


def _body_end(page_html: str) -> int:
    """Where the last ``</body>`` starts (the page's end without one)."""
    ends = list(_BODY_END.finditer(page_html))
    return ends[-1].start() if ends else len(page_html)


@dataclass(repr=False)
class OwnBanner(FieldsRepr):
    """The own banner for one language, worked out once and inserted into many pages."""

    script: ConsentScript
    lang: str
    html: str

    @classmethod
    def for_language(
        cls,
        loaded: LoadedRegistry,
        lang: str,
        *,
        privacy_url: str | None = None,
        cookie_url: str | None = None,
    ) -> OwnBanner:
        return cls(
            ConsentScript.for_language(loaded, lang),
            lang,
            banner_html(loaded, lang, privacy_url=privacy_url, cookie_url=cookie_url),
        )

    def insert(
        self,
        page_html: str,
        dest_uri: str,
        *,
        script_src: str | None = None,
        settings_link: bool = True,
    ) -> str:
        """Gating script in ``<head>``, settings link in the footer, banner before ``</body>``.

        Pages already carrying the banner are returned unchanged (safe to run twice).
        """
        if not self.html or "data-seloste-banner" in page_html:
            return page_html
        page_html = self.script.insert(page_html, dest_uri, src=script_src)
        if settings_link:
            page_html = insert_settings_link(page_html, self.lang)
        return insert_before_body_end(page_html, self.html)


def add_own_banner(
    page_html: str,
    dest_uri: str,
    loaded: LoadedRegistry,
    lang: str,
    *,
    privacy_url: str | None = None,
    cookie_url: str | None = None,
    script_src: str | None = None,
    settings_link: bool = True,
) -> str:
    """``OwnBanner`` for a single page (callers with many pages keep the OwnBanner)."""
    banner = OwnBanner.for_language(loaded, lang, privacy_url=privacy_url, cookie_url=cookie_url)
    return banner.insert(page_html, dest_uri, script_src=script_src, settings_link=settings_link)
