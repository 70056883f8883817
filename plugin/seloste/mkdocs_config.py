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
    #: The site's language when mkdocs-static-i18n is not used (default: ``theme.language``
    #: or ``theme.locale``, else en).
    language = c.Optional(c.Type(str))
    #: The notice language shown on pages of site languages Seloste has no wording for
    #: (default: en when the notices are in English, else the site's default language).
    fallback_language = c.Optional(c.Type(str))
    #: With an explicit ``nav:``: ``append`` the notices at the end, put them in a section
    #: (``nav_section: …``), or ``omit`` them (then a warning shows the nav lines to add).
    nav_placement = c.Choice(("append", "section", "omit"), default="append")
    nav_section = c.Optional(c.Type(str))
    #: Rewrite embeds other plugins or templates wrote (YouTube, Vimeo, Google Maps…
    #: iframes) into consent placeholders that load the embed after consent.
    gate_embeds = c.Type(bool, default=True)
    privacy_page = c.SubConfig(PrivacyPageConfig)
    cookie_page = c.SubConfig(CookiePageConfig)
    #: Fill Material's ``extra.consent`` per language from the registry (other themes get
    #: Seloste's own banner).
    consent = c.Type(bool, default=True)
    #: The "Evästeasetukset / Cookie settings" link in every page's footer (reopens the banner).
    settings_link = c.Type(bool, default=True)
    #: Scan the built pages, JS and CSS and compare with the declarations.
    audit = c.Type(bool, default=True)
    #: Check the registry's texts against Finnish rules.
    lint = c.Type(bool, default=True)
    #: After ``mkdocs build``, open the notice pages and a page per template in headless
    #: Chromium in each visitor state, as ``seloste verify site/`` does (offline; V-codes).
    #: Needs Debian's chromium and Playwright; never runs under ``mkdocs serve``.
    verify = c.Type(bool, default=False)
    #: Stop ``mkdocs build`` (and gh-deploy) on error-level findings even without ``--strict``,
    #: so a plain build never publishes an undeclared tracker. ``mkdocs serve`` only warns.
    #: ``fatal: false`` opts out (the findings stay warnings).
    fatal = c.Type(bool, default=True)
    #: One info line per build: notices written, services declared, pages scanned, findings.
    summary = c.Type(bool, default=True)
    #: The language of Seloste's messages, findings and fixes in the build log: fi, en or sv
    #: (default: the site's default language; ``SELOSTE_MESSAGES`` overrides both).
    messages = c.Optional(c.Choice(("fi", "en", "sv")))
    #: Findings at this severity or above are MkDocs warnings (so ``--strict`` fails).
    warn_from = c.Choice(("error", "warning", "info"), default="warning")
    #: Extra tracker signatures (YAML, same shape as Seloste's own).
    signatures = c.Optional(c.File(exists=True))
    #: Hosts that are yours (a CDN, your own analytics) and not third parties.
    first_party_hosts = c.ListOfItems(c.Type(str), default=[])
    #: Keep the validated registry, its notices and lint findings between builds in
    #: ``cache_dir`` (a build whose registry did not change reads them back; any change
    #: to the registry or to Seloste makes a new entry). ``cache: false`` turns it off.
    cache = c.Type(bool, default=True)
    #: Where, relative to mkdocs.yml (like Material's plugins: ``.cache/plugin/<name>``).
    cache_dir = c.Type(str, default=".cache/plugin/seloste")
    #: Compile the theme's templates once per process instead of once per language
    #: (mkdocs-static-i18n) and per `mkdocs serve` rebuild (``mkdocs_templates.py``).
    share_templates = c.Type(bool, default=True)
