"""The gating script the plugin ships, and where it goes in each page.

The script must run in ``<head>`` right after Material defines ``__md_get``
and before Material's analytics snippet reads ``__consent``: only there can a
stale consent (an older revision) be removed before Google Analytics starts.
``extra_javascript`` loads at the end of ``<body>``, too late, so the plugin
inserts the tag into each page instead (``inject_consent_script``).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources

from ..registry.load import LoadedRegistry
from ..wording import wording
from .config import material_key
from .declared import effective_cookies
from .revision import consent_revision

#: Where the asset goes in the built site (relative to the site root).
ASSET_PATH = "assets/javascripts/seloste-consent.js"

# Material's partials/javascripts/base.html: the inline script defining __md_scope/__md_get.
_MD_BASE_SCRIPT = re.compile(r"<script>\s*__md_scope\s*=.*?</script>", re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def gating_script() -> str:
    """The JavaScript source of the gating script (write it to ASSET_PATH)."""
    return (
        resources.files(__package__)
        .joinpath("assets")
        .joinpath("seloste-consent.js")
        .read_text(encoding="utf-8")
    )


def script_tag(
    src: str,
    revision: str,
    save_label: str | None = None,
    cookies: dict[str, list[str]] | None = None,
) -> str:
    """``<script src=… data-revision=…>``, synchronous on purpose (see module doc).

    ``cookies``: Material consent key → first-party cookie names (``_ga_*`` a prefix)
    the script deletes while that category is not accepted.
    """
    attrs = [f'src="{html.escape(src, quote=True)}"', f'data-revision="{html.escape(revision)}"']
    if save_label:
        attrs.append(f'data-save-label="{html.escape(save_label, quote=True)}"')
    if cookies:
        attrs.append(f"data-cookies='{html.escape(json.dumps(cookies), quote=True)}'")
    return f"<script {' '.join(attrs)}></script>"


def forgettable_cookies(loaded: LoadedRegistry) -> dict[str, list[str]]:
    """First-party cookies of consent-requiring categories, by Material consent key.

    Only these can be deleted from the page: third-party cookies live on the
    vendor's domain, out of the site's reach.
    """
    out: dict[str, list[str]] = {}
    for row in effective_cookies(loaded):
        if row.category is None or not row.needs_consent or row.party != "first":
            continue
        if row.technology != "cookie":
            continue
        names = out.setdefault(material_key(row.category), [])
        if row.name not in names:
            names.append(row.name)
    return out


def inject_consent_script(
    page_html: str,
    src: str,
    revision: str,
    save_label: str | None = None,
    cookies: dict[str, list[str]] | None = None,
) -> str:
    """Insert the gating script after Material's storage helpers (else before ``</head>``)."""
    return _insert(page_html, script_tag(src, revision, save_label, cookies))


def _insert(page_html: str, tag: str) -> str:
    # str.find before any regex: this runs on every page of every build.
    scope = page_html.find("__md_scope")
    if scope != -1:
        end = page_html.find("</script>", scope)
        if end != -1 and _MD_BASE_SCRIPT.match(page_html, page_html.rfind("<script", 0, scope)):
            end += len("</script>")
            return page_html[:end] + tag + page_html[end:]
    head_end = _HEAD_END.search(page_html)
    if head_end:
        return page_html[: head_end.start()] + tag + page_html[head_end.start() :]
    return page_html


@dataclass(frozen=True)
class ConsentScript:
    """The gating script's tag for one language, worked out once and inserted per page."""

    revision: str
    save_label: str | None
    cookies: dict[str, list[str]]
    _tags: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def for_language(cls, loaded: LoadedRegistry, lang: str) -> ConsentScript:
        save_label = wording(lang).get("consent", {}).get("save")
        return cls(consent_revision(loaded), save_label, forgettable_cookies(loaded))

    def insert(self, page_html: str, dest_uri: str, *, src: str | None = None) -> str:
        """Add the tag to one built page.

        ``dest_uri`` is the page's path in the site (``en/cookies/index.html``), from
        which the script's relative address is computed; give ``src`` instead where a
        relative address cannot work (``404.html`` is served at any depth: use the
        site's absolute path, e.g. ``/assets/javascripts/seloste-consent.js``).
        """
        if src is None:
            src = posixpath.relpath(ASSET_PATH, posixpath.dirname(dest_uri) or ".")
        return _insert(page_html, self._tag(src))

    def tag(self, src: str) -> str:
        """The ``<script>`` tag with ``src`` (the same one the pages get)."""
        return self._tag(src)

    def _tag(self, src: str) -> str:
        # Pages at the same depth share a src: build each distinct tag once.
        if src not in self._tags:
            self._tags[src] = script_tag(src, self.revision, self.save_label, self.cookies)
        return self._tags[src]


def add_consent_script(
    page_html: str, dest_uri: str, loaded: LoadedRegistry, lang: str, *, src: str | None = None
) -> str:
    """``ConsentScript`` for a single page (callers with many pages keep the ConsentScript)."""
    return ConsentScript.for_language(loaded, lang).insert(page_html, dest_uri, src=src)
