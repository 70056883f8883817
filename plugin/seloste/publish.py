"""What a site publishes from the registry, worked out the same way for the MkDocs
plugin and the command line: the notices' page paths, Material's ``extra.consent``
and the gating script's tag with where it must go.

The plugin gets the inputs (languages, default language, ``site_url``,
``extra.analytics``, ``repo_url``) from mkdocs.yml; ``seloste consent`` and
``seloste render`` from their options. For the same inputs the artefacts are the
same, byte for byte (tests/test_cli_equals_plugin.py builds a site and compares).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .consent.config import apply_consent
from .consent.gating import ASSET_PATH, ConsentScript
from .fields_repr import FieldsRepr
from .findings import Finding
from .notices.paths import NOTICE_KINDS, page_path
from .registry.loaded import LoadedRegistry


def default_language(languages: Sequence[str]) -> str:
    """The language at the site root: fi when the site has it, else the first."""
    return "fi" if "fi" in languages else languages[0]


@dataclass(frozen=True, repr=False)
class Layout(FieldsRepr):
    """Where a site's pages live: the default language at the root, the others under
    their code, below the path of ``site_url``."""

    default_lang: str
    #: Per notice kind, language → page path overrides (the plugin's ``paths:`` option).
    paths: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The site's own path (from ``site_url``), e.g. ``/`` or ``/docs/``.
    base: str = "/"

    @classmethod
    def for_site(
        cls,
        languages: Sequence[str],
        *,
        default_lang: str | None = None,
        site_url: str | None = None,
        paths: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Layout:
        base = urlsplit(site_url or "").path or "/"
        return cls(default_lang or default_language(languages), dict(paths or {}), base)

    def page(self, kind: str, lang: str) -> str:
        """``en/cookies/``: a notice's path from the site root."""
        return page_path(kind, lang, self.default_lang, self.paths.get(kind))

    def pages(self, lang: str) -> dict[str, str]:
        return {kind: self.page(kind, lang) for kind in NOTICE_KINDS}

    def absolute(self, path: str) -> str:
        """``path`` (from the site root) as an absolute URL path under the site's own path."""
        return self.base.rstrip("/") + "/" + path

    @property
    def script_src(self) -> str:
        """The gating script's address, absolute so that one tag serves every page."""
        return self.absolute(ASSET_PATH)


def consent_extra(
    loaded: LoadedRegistry,
    lang: str,
    layout: Layout,
    *,
    analytics: bool = False,
    repo_url: str | None = None,
) -> tuple[dict, list[Finding]]:
    """Material's ``extra.consent`` for ``lang`` as the plugin writes it ({} when no banner)."""
    extra: dict = {"analytics": {"provider": "google"}} if analytics else {}
    cookie_url = layout.absolute(layout.page("cookies", lang))
    privacy_url = layout.absolute(layout.page("privacy", lang))
    findings = apply_consent(
        extra, loaded, lang, cookie_url, repo_url=repo_url, privacy_page_url=privacy_url
    )
    return extra.get("consent") or {}, findings


def consent_tag(
    loaded: LoadedRegistry, lang: str, layout: Layout, *, analytics: bool = False
) -> str:
    """The gating script's tag (revision, labels, expiry, Consent Mode, the cookies to delete
    on refusal); ``analytics``: Material's extra.analytics loads Google Analytics."""
    return ConsentScript.for_language(loaded, lang, material_analytics=analytics).tag(
        layout.script_src
    )


def placement_advice(tag: str) -> str:
    """Where the gating tag goes with Material for MkDocs (overrides/main.html), and why:
    ``cli.consent.placement`` in messages/cli.yaml, in the language in use."""
    from .messages import msg

    return msg("cli.consent.placement", tag=tag)
