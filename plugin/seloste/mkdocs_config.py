"""The ``seloste`` plugin's options in mkdocs.yml, typed as MkDocs expects."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .notices.paths import DEFAULT_PATHS


class PrivacyPageConfig(base.Config):
    #: The name the page has in ``nav:`` (like a file in docs/, but Seloste writes it).
    source = c.Type(str, default="privacy.md")
    #: URL path per language, relative to that language's root (``en/`` is added for en);
    #: languages not listed use the English path.
    paths = c.Type(dict, default=DEFAULT_PATHS["privacy"])
    enabled = c.Type(bool, default=True)


class CookiePageConfig(base.Config):
    source = c.Type(str, default="cookies.md")
    paths = c.Type(dict, default=DEFAULT_PATHS["cookies"])
    enabled = c.Type(bool, default=True)


class SelosteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    #: The registry YAML, relative to mkdocs.yml.
    registry = c.Type(str, default="data/registry.yaml")
    #: The site's language when mkdocs-static-i18n is not used.
    language = c.Type(str, default="fi")
    privacy_page = c.SubConfig(PrivacyPageConfig)
    cookie_page = c.SubConfig(CookiePageConfig)
    #: Fill Material's ``extra.consent`` per language from the registry.
    consent = c.Type(bool, default=True)
    #: Scan the built pages, JS and CSS and compare with the declarations.
    audit = c.Type(bool, default=True)
    #: Check the registry's texts against Finnish rules.
    lint = c.Type(bool, default=True)
    #: Stop ``mkdocs build`` (and gh-deploy) on error-level findings even without ``--strict``,
    #: so a plain build never publishes an undeclared tracker. ``mkdocs serve`` only warns.
    #: ``fatal: false`` opts out (the findings stay warnings).
    fatal = c.Type(bool, default=True)
    #: One info line per build: notices written, services declared, pages scanned, findings.
    summary = c.Type(bool, default=True)
    #: Findings at this severity or above are MkDocs warnings (so ``--strict`` fails).
    warn_from = c.Choice(("error", "warning", "info"), default="warning")
    #: Extra tracker signatures (YAML, same shape as Seloste's own).
    signatures = c.Optional(c.File(exists=True))
    #: Hosts that are yours (a CDN, your own analytics) and not third parties.
    first_party_hosts = c.ListOfItems(c.Type(str), default=[])
