"""What both notices share: the per-language wording files and safe text output.

Fixed legal wording (headings, the rights, the Data Protection Ombudsman's
contact details) lives in ``wording/<lang>/*.yaml`` (``privacy.yaml``,
``cookies.yaml``, ``consent.yaml``…); adding a language means adding one such
folder, no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..fields_repr import FieldsRepr
from ..markup import md_block, md_inline
from ..registry.values import text_in
from ..wording import available_languages as available_languages  # re-exported
from ..wording import wording as wording  # re-exported


@dataclass(frozen=True, repr=False)
class NoticeLinks(FieldsRepr):
    """URLs (relative to the page being rendered) a notice links to."""

    privacy: str | None = None
    cookies: str | None = None


#: Registry text into Markdown: the one escaping module (``seloste.markup``), under the
#: names the renderers have always used.
md = md_block
md_cell = md_inline


def tr(value: Any, lang: str) -> str:
    """A registry ``Text`` in ``lang``, escaped for Markdown."""
    return md(text_in(value, lang))
