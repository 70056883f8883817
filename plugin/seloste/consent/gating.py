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

from ..fields_repr import FieldsRepr
from ..registry.loaded import LoadedRegistry
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


#: Services whose tags read Google Consent Mode: declaring one turns the signals on.
GOOGLE_SERVICES = frozenset({"google-analytics", "google-ads", "google-tag-manager"})

_PERIOD_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y"}
_PERIOD = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


def expiry_period(loaded: LoadedRegistry) -> str:
    """The registry's ``consent.expiry`` (``12 months``) as the script reads it (``P12M``)."""
    settings = getattr(loaded.registry, "consent", None)
    text = getattr(settings, "expiry", None) or "12 months"
    match = _PERIOD.match(text)
    if not match:
        return "P12M"
    return f"P{int(match.group(1))}{_PERIOD_UNITS[match.group(2).lower()]}"


def uses_google_consent_mode(loaded: LoadedRegistry, *, material_analytics: bool = False) -> bool:
    """Google Consent Mode signals are sent when a Google tag may run on the site."""
    declared = {service.id for service in loaded.registry.services}
    return material_analytics or bool(declared & GOOGLE_SERVICES)


def script_tag(
    src: str,
    revision: str,
    save_label: str | None = None,
    cookies: dict[str, list[str]] | None = None,
    *,
    expiry: str | None = None,
    consent_mode: bool = False,
    settings_label: str | None = None,
) -> str:
    """``<script src=… data-revision=…>``, synchronous on purpose (see module doc).

    ``cookies``: Material consent key → first-party cookie names (``_ga_*`` a prefix)
    the script deletes while that category is not accepted. ``expiry``: how long a
    choice holds (``P12M``); ``consent_mode``: send Google Consent Mode v2 signals;
    ``settings_label``: the one name of the cookie settings (Material's "Manage
    settings" button is renamed to it).
    """
    attrs = [f'src="{html.escape(src, quote=True)}"', f'data-revision="{html.escape(revision)}"']
    if save_label:
        attrs.append(f'data-save-label="{html.escape(save_label, quote=True)}"')
    if settings_label:
        attrs.append(f'data-settings-label="{html.escape(settings_label, quote=True)}"')
    if expiry:
        attrs.append(f'data-expiry="{html.escape(expiry, quote=True)}"')
    if consent_mode:
        attrs.append('data-consent-mode="google"')
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
    return insert_tag(page_html, script_tag(src, revision, save_label, cookies))


def tag_position(page_html: str) -> int:
    """Where the gating tag goes in a page: right after Material's ``__md_scope`` script,
    else before ``</head>``; -1 when the page has neither (then it gets no tag)."""
    # str.find before any regex: this runs on every page of every build.
    scope = page_html.find("__md_scope")
    if scope != -1:
        end = page_html.find("</script>", scope)
        if end != -1 and _md_base_script_at(page_html, page_html.rfind("<script", 0, scope)):
            return end + len("</script>")
    head_end = _HEAD_END.search(page_html)
    return head_end.start() if head_end else -1


def _md_base_script_at(page_html: str, start: int) -> bool:
    """``_MD_BASE_SCRIPT.match(page_html, start)``, read with str methods: the lazy ``.*?``
    tried ``</script>`` at each character of the script (~30 K instructions a page)."""
    start = max(start, 0)  # a negative position is the start, as for re
    if not page_html.startswith("<script>", start):
        return False
    at = _after_space(page_html, start + len("<script>"))
    if not page_html.startswith("__md_scope", at):
        return False
    at = _after_space(page_html, at + len("__md_scope"))
    return page_html.startswith("=", at) and page_html.find("</script>", at + 1) != -1


def _after_space(text: str, at: int) -> int:
    """The first index from ``at`` that is not whitespace (``\\s``: ``str.isspace``)."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def insert_tag(page_html: str, tag: str) -> str:
    """The page with ``tag`` at the gating tag's place (unchanged when there is none)."""
    at = tag_position(page_html)
    return page_html if at < 0 else page_html[:at] + tag + page_html[at:]


@dataclass(frozen=True, repr=False)
class ConsentScript(FieldsRepr):
    """The gating script's tag for one language, worked out once and inserted per page."""

    revision: str
    save_label: str | None
    cookies: dict[str, list[str]]
    expiry: str | None = None
    consent_mode: bool = False
    settings_label: str | None = None
    _tags: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def for_language(
        cls, loaded: LoadedRegistry, lang: str, *, material_analytics: bool = False
    ) -> ConsentScript:
        """``material_analytics``: Material's ``extra.analytics`` loads Google Analytics."""
        words = wording(lang).get("consent", {})
        return cls(
            consent_revision(loaded),
            words.get("save"),
            forgettable_cookies(loaded),
            expiry=expiry_period(loaded),
            consent_mode=uses_google_consent_mode(loaded, material_analytics=material_analytics),
            settings_label=words.get("settings"),
        )

    @property
    def tag_attributes(self) -> dict:
        return {
            "expiry": self.expiry,
            "consent_mode": self.consent_mode,
            "settings_label": self.settings_label,
        }

    def insert(self, page_html: str, dest_uri: str, *, src: str | None = None) -> str:
        """Add the tag to one built page.

        ``dest_uri`` is the page's path in the site (``en/cookies/index.html``), from
        which the script's relative address is computed; give ``src`` instead where a
        relative address cannot work (``404.html`` is served at any depth: use the
        site's absolute path, e.g. ``/assets/javascripts/seloste-consent.js``).
        """
        if src is None:
            src = posixpath.relpath(ASSET_PATH, posixpath.dirname(dest_uri) or ".")
        return insert_tag(page_html, self.tag(src))

    def tag(self, src: str) -> str:
        """The ``<script>`` tag with ``src`` (the same one the pages get)."""
        return self._tag(src)

    def _tag(self, src: str) -> str:
        # Pages at the same depth share a src: build each distinct tag once.
        if src not in self._tags:
            self._tags[src] = script_tag(
                src, self.revision, self.save_label, self.cookies, **self.tag_attributes
            )
        return self._tags[src]


def add_consent_script(
    page_html: str, dest_uri: str, loaded: LoadedRegistry, lang: str, *, src: str | None = None
) -> str:
    """``ConsentScript`` for a single page (callers with many pages keep the ConsentScript)."""
    return ConsentScript.for_language(loaded, lang).insert(page_html, dest_uri, src=src)
