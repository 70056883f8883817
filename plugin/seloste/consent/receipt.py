"""The consent receipt on the cookie notice: what this browser chose, when, for which list.

The gating script stores ``{revision, date, consent}`` beside the choice
(``__seloste_receipt``) and fills this element in the visitor's browser, e.g.
"You accepted statistics cookies on 2.12.2026 (list version f00a8343). You
refused marketing cookies." The sentences come from ``consent.yaml``
(``receipt``); the element holds them as data, the script only fills them in.
"""

from __future__ import annotations

import html
import json

from ..registry.loaded import LoadedRegistry
from ..wording import wording
from .banner import SETTINGS_HREF
from .config import material_key
from .declared import consent_categories


def receipt_html(loaded: LoadedRegistry, lang: str) -> str:
    """A one-line HTML block (``<p data-seloste-receipt …>``) for the cookie notice."""
    words = wording(lang)["consent"]
    texts = words["receipt"]
    names = {
        material_key(category): texts["categories"][category]
        for category in consent_categories(loaded)
    }

    def attr(value: str) -> str:
        return html.escape(" ".join(value.split()), quote=True)

    return (
        '<p class="seloste-receipt" data-seloste-receipt'
        f' data-categories="{html.escape(json.dumps(names, ensure_ascii=False), quote=True)}"'
        f' data-accepted="{attr(texts["accepted"])}"'
        f' data-refused="{attr(texts["refused"])}"'
        f' data-refused-all="{attr(texts["refused_all"])}"'
        f' data-none="{attr(texts["none"])}"'
        f' data-and="{html.escape(words["and"], quote=True)}">'
        f"<span data-seloste-receipt-text>{html.escape(texts['none'])}</span> "
        f'<a href="{SETTINGS_HREF}">{html.escape(texts["change"])}</a></p>'
    )
