"""Consent placeholders for embeds written by others (mkdocs-video, a pasted YouTube
iframe, a theme override): ``<iframe src=…>`` of an embed service (YouTube, Vimeo,
Google Maps…) becomes ``<iframe data-src=… data-category=…>`` inside a click-to-load
notice in the page's language that names the service and its cookie category.

The consent script (``seloste-consent.js``) sets ``src`` once the visitor accepts the
category; ``seloste-embeds.js`` (this package's own asset) loads one embed on a click.
The scanner reads the result as gated (``data-src`` + ``data-category``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from importlib import resources

from ..fields_repr import FieldsRepr
from ..notices.common import wording
from ..registry.loaded import LoadedRegistry
from ..scan.html import parse_tag, split_url
from ..textedits import Edits, apply_edits

SCRIPT_PATH = "assets/javascripts/seloste-embeds.js"
STYLE_PATH = "assets/stylesheets/seloste-embeds.css"

_IFRAME = re.compile(r"<iframe\b", re.I)
#: ``</iframe>`` in any case, found without lower-casing the whole page once per iframe
#: (a copy of a 150 KB page each time); only ASCII letters lower-case to these.
_IFRAME_CLOSE = re.compile(r"</[iI][fF][rR][aA][mM][eE]>")


def has_iframe(page_html: str) -> bool:
    """Whether ``rewrite`` looks at the page at all: ``<iframe`` or ``<IFRAME`` in it."""
    return "<iframe" in page_html or "<IFRAME" in page_html


def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


@dataclass(repr=False)
class EmbedGate(FieldsRepr):
    """Rewrites one build's pages; ``signatures`` match a URL to catalogue services."""

    loaded: LoadedRegistry
    signatures: object
    _categories: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        from ..declared import resolve

        self.declared = resolve(self.loaded)

    def category(self, service_id: str) -> str | None:
        """The consent category of an embed service, or None when it is no embed or
        needs no consent."""
        if service_id not in self._categories:
            # An undeclared embed (T101 reports it) is gated by its catalogue facts.
            declared = self.declared
            category = declared.category_of(service_id)
            needs = declared.kind_of(service_id) == "embed" and declared.needs_consent_of(
                service_id
            )
            self._categories[service_id] = str(category.value) if needs and category else None
        return self._categories[service_id]

    def rewrite(self, page_html: str, lang: str) -> tuple[str, int]:
        """The page with its embed iframes as placeholders, and how many were rewritten."""
        if not has_iframe(page_html):
            return page_html, 0
        edits = self.iframe_edits(page_html, lang)
        return apply_edits(page_html, edits), len(edits)

    def iframe_edits(self, page_html: str, lang: str) -> Edits:
        """The edits ``rewrite`` makes, in page order: (start, end, placeholder) for
        each embed iframe (its tag up to its ``</iframe>``), none overlapping."""
        edits: Edits = []
        last = 0
        for match in _IFRAME.finditer(page_html):
            if match.start() < last:
                continue
            attrs, end = parse_tag(page_html, match.end())
            src = attrs.get("src", "")
            if not src or "data-category" in attrs or "data-src" in attrs:
                continue  # already gated by someone, or nothing to load
            parts = split_url(src)
            if parts is None:
                continue
            services = self.signatures.match_url(*parts)  # type: ignore[attr-defined]
            found = [(s, c) for s in services if (c := self.category(s))]
            if not found:
                continue
            service_id, category = found[0]
            closing = _IFRAME_CLOSE.search(page_html, end)
            close = end if closing is None else closing.end()
            edits.append(
                (match.start(), close, self._placeholder(attrs, src, service_id, category, lang))
            )
            last = close
        return edits

    def _placeholder(
        self, attrs: dict[str, str], src: str, service_id: str, category: str, lang: str
    ) -> str:
        words = wording(lang)
        texts = words["embeds"]
        category_name = words["consent"]["categories"].get(category, category)
        service = self.declared.name_of(service_id, lang)
        kept = {
            k: v for k, v in attrs.items() if k not in ("src", "loading") and not k.startswith("on")
        }
        kept.update({"data-src": src, "data-category": category, "data-seloste-embed": service_id})
        iframe_attrs = " ".join(
            f'{name}="{html.escape(value, quote=True)}"' for name, value in kept.items()
        )
        notice = html.escape(
            texts["notice"].format(service=service, category=category_name.lower())
        )
        return (
            f'<div class="seloste-embed" data-service="{html.escape(service_id)}" '
            f'data-seloste-category="{html.escape(category)}">'
            f"<iframe {iframe_attrs}></iframe>"
            f'<div class="seloste-embed__notice" lang="{html.escape(lang)}">'
            f"<p>{notice}</p>"
            f'<button type="button" class="seloste-embed__load">'
            f"{html.escape(texts['load'])}</button> "
            f'<a class="seloste-embed__settings" href="#__consent">'
            f"{html.escape(texts['settings'])}</a>"
            "</div></div>"
        )


def head_tags(script_src: str, style_href: str) -> str:
    return (
        f'<link rel="stylesheet" href="{html.escape(style_href, quote=True)}">'
        f'<script src="{html.escape(script_src, quote=True)}" defer></script>'
    )
