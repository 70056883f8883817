"""The ``seloste`` MkDocs plugin: a thin adapter over the core stages.

Per build it loads the registry, injects the privacy and cookie notices for
the language being built, fills Material's ``extra.consent``, scans each page's
HTML as MkDocs produces it, and at the end audits and lints once (also when
mkdocs-static-i18n builds several languages). Findings are logged as MkDocs
warnings: ``mkdocs serve`` keeps previewing, ``mkdocs build --strict`` fails.
"""

from __future__ import annotations

import os
import posixpath
import time
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import mkdocs_i18n as i18n
from .findings import Finding, SelosteError, Severity
from .mkdocs_config import SelosteConfig
from .notices.common import NoticeLinks
from .notices.paths import page_path
from .registry import LoadedRegistry, load_registry
from .report.findings import finding_text

log = get_plugin_logger(__name__)

#: After mkdocs-static-i18n (-100), which re-creates every file and the config per language.
AFTER_I18N = -110


class SelostePlugin(BasePlugin[SelosteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.loaded: LoadedRegistry | None = None
        self.findings: list[Finding] = []
        self.scanner = None
        self.scan_result = None
        self.generated_urls: list[str] = []
        self._our_consent: dict | None = None
        self._consent_scripts: dict = {}
        self._site_prefix = ""
        self._started = time.perf_counter()

    # -- lifecycle ------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps one instance across `mkdocs serve` rebuilds.
        self.command = command

    @event_priority(AFTER_I18N)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        state = self._state(config)
        if not state.nested:
            self._start_build(config, state)
        if "attr_list" not in config.markdown_extensions:
            # The notices' headings carry stable ids ({#controller}) that links rely on.
            config.markdown_extensions.append("attr_list")
        if self.config.consent:
            self._configure_consent(config, state)
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder) -> None:
        if self.config.enabled:
            server.watch(self._registry_path(config))
            if self.config.signatures:
                server.watch(self.config.signatures)

    # -- pages ----------------------------------------------------------------------------

    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.loaded is None:
            return None
        state = self._state(config)
        for kind, page_config in self._pages():
            dest = self._url(kind, state.current, state)
            self._refuse_collision(files, kind, page_config.source, dest, state, config)
            page = i18n.make_page(
                config,
                state,
                page_config.source,
                dest,
                self._render(kind, state, banner=self._consent_active(config)),
                {lang: self._url(kind, lang, state) for lang in state.languages},
            )
            files.append(page)
            i18n.register_for_sitemap(config, state, page)
            if page.url not in self.generated_urls:
                self.generated_urls.append(page.url)
        for asset in self._consent_assets(config):
            files.append(asset)
        return files

    @event_priority(AFTER_I18N)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if config.nav or not self.generated_urls:
            return None
        # With an automatic nav the notices go last, where readers look for them.
        ours = [item for item in nav.items if getattr(item, "url", None) in self.generated_urls]
        ours.sort(key=lambda item: self.generated_urls.index(item.url))
        nav.items = [item for item in nav.items if item not in ours] + ours
        return nav

    # -- scanning and findings ------------------------------------------------------------

    @event_priority(AFTER_I18N)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.loaded is None:
            return None
        if self._consent_active(config):
            # In <head>, before Material's analytics reads the stored choice.
            output = self._consent_script(config).insert(output, page.file.dest_uri)
        if self.scanner is not None:
            shown = self._site_prefix + page.file.dest_uri
            # nbytes: characters, close enough to bytes for the summary line and much cheaper
            # than encoding every page to count.
            self.scan_result.extend(self.scanner.scan_html(shown, output, nbytes=len(output)))
        return output

    @event_priority(AFTER_I18N)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        if template_name != "404.html" or self.loaded is None:
            return None
        state = self._state(config)
        if self._consent_active(config):
            from .consent import ASSET_PATH

            # 404.html is served at any depth: the script needs the site's absolute path.
            output_content = self._consent_script(config).insert(
                output_content, "404.html", src=_absolute(config, ASSET_PATH)
            )
        if self.scanner is not None and not state.nested:
            shown = self._site_prefix + "404.html"
            self.scan_result.extend(
                self.scanner.scan_html(shown, output_content, nbytes=len(output_content))
            )
        return output_content

    @event_priority(AFTER_I18N)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.loaded is None or self._state(config).nested:
            return
        findings = list(self.findings)
        if self.config.audit and self.scanner is not None:
            from .audit import audit

            self._scan_site_assets(config.site_dir)
            findings += audit(self.loaded, self.scan_result)
        if self.config.lint:
            from .lint import lint

            findings += lint(self.loaded)
        if self.config.summary:
            from .build_summary import summary_line

            log.info(
                summary_line(
                    self.loaded,
                    pages=len(self.generated_urls),
                    scanned=self.scan_result if self.scanner is not None else None,
                    findings=findings,
                    seconds=time.perf_counter() - self._started,
                )
            )
        self._report(findings)

    # -- helpers --------------------------------------------------------------------------

    def _state(self, config: MkDocsConfig) -> i18n.LanguageState:
        return i18n.language_state(config, self.config.language)

    def _root(self, config: MkDocsConfig) -> str:
        return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))

    def _registry_path(self, config: MkDocsConfig) -> str:
        return os.path.join(self._root(config), self.config.registry)

    def _start_build(self, config: MkDocsConfig, state: i18n.LanguageState) -> None:
        """Once per build (not per language): load the registry and reset the evidence."""
        self._started = time.perf_counter()
        try:
            self.loaded = load_registry(
                self._registry_path(config), state.languages, display_path=self.config.registry
            )
        except SelosteError as exc:
            raise PluginError(_error_text(exc.findings)) from None
        self.findings = []
        self._consent_scripts = {}
        # Evidence is shown as site/index.html:112, so nobody mistakes it for docs/index.md.
        # (Under `mkdocs serve` the site is built in a temp dir: plain paths then.)
        site = os.path.relpath(config.site_dir, self._root(config))
        self._site_prefix = "" if site.startswith("..") else site.replace(os.sep, "/") + "/"
        if self.config.consent:
            from .consent import cookie_findings

            self.findings += cookie_findings(self.loaded)
        self.generated_urls = []
        self._our_consent = None
        self.scanner = None
        if self.config.audit:
            from .scan import scanner_for
            from .scan.model import ScanResult

            try:
                # Under `mkdocs serve` site_url is the dev server's: the controller's own
                # website keeps the real domain first-party there too.
                website = urlsplit(self.loaded.registry.controller.website or "").hostname
                self.scanner = scanner_for(
                    self.loaded.registry,
                    [self.config.signatures] if self.config.signatures else (),
                    [*self.config.first_party_hosts, *([website] if website else [])],
                    urlsplit(config.site_url or "").hostname,
                )
            except SelosteError as exc:
                raise PluginError(_error_text(exc.findings)) from None
            self.scan_result = ScanResult()

    def _scan_site_assets(self, site_dir: str) -> None:
        """The site's own JS and CSS, once per build (pages were scanned as they were made)."""
        from .scan import site_files

        for rel, full in site_files(site_dir):
            if not rel.lower().endswith((".html", ".htm")):
                shown = self._site_prefix + rel
                self.scan_result.extend(self.scanner.scan_asset(shown, full.read_bytes()))

    def _pages(self):
        yield "privacy", self.config.privacy_page
        if self.config.cookie_page.enabled:
            yield "cookies", self.config.cookie_page

    def _page_config(self, kind: str):
        return self.config.privacy_page if kind == "privacy" else self.config.cookie_page

    def _source(self, kind: str) -> str:
        return self._page_config(kind).source

    def _url(self, kind: str, lang: str, state: i18n.LanguageState) -> str:
        return page_path(kind, lang, state.default, self._page_config(kind).paths)

    def _render(self, kind: str, state: i18n.LanguageState, *, banner: bool) -> str:
        """One notice as Markdown; ``banner``: Material shows a consent banner on this site
        (also for reasons the registry does not know: repo_url, extra.analytics, the user's
        own extra.consent), so the notices must offer the settings control. Without a banner
        the registry decides."""
        consent = True if banner else None
        # Link by nav name ("cookies.md"): MkDocs resolves it per language and checks it.
        here = posixpath.dirname(self._source(kind))
        links = NoticeLinks(
            privacy=posixpath.relpath(self._source("privacy"), here or "."),
            cookies=posixpath.relpath(self._source("cookies"), here or ".")
            if self.config.cookie_page.enabled
            else None,
        )
        try:
            if kind == "privacy":
                from .notices.privacy import render_privacy_notice

                return render_privacy_notice(self.loaded, state.current, links, consent=consent)
            from .notices.cookies import render_cookie_notice

            return render_cookie_notice(self.loaded, state.current, links, consent=consent)
        except SelosteError as exc:
            raise PluginError(_error_text(exc.findings)) from None

    def _refuse_collision(
        self,
        files: Files,
        kind: str,
        source: str,
        dest: str,
        state: i18n.LanguageState,
        config: MkDocsConfig,
    ) -> None:
        """Never overwrite a page of the user's own: stop and name both."""
        src_uri = i18n.source_uri(source, state)
        option = "privacy_page" if kind == "privacy" else "cookie_page"
        for file in files:
            if file.src_uri == src_uri or file.url == dest:
                what = "the same name" if file.src_uri == src_uri else f"the same address /{dest}"
                shown = os.path.relpath(file.abs_src_path or file.src_uri, self._root(config))
                raise PluginError(
                    f"{shown}: your page has {what} as Seloste's "
                    f"{'privacy' if kind == 'privacy' else 'cookie'} notice ({state.current}) "
                    f"generated from {self.config.registry}. Seloste never overwrites your pages: "
                    f"rename or delete yours, or move Seloste's with the plugin option "
                    f"`{option}: {{source: …, paths: {{{state.current}: …}}}}` in mkdocs.yml."
                )

    def _consent_script(self, config: MkDocsConfig):
        """The gating script's tag for the language being built, made once per build."""
        from .consent import ConsentScript

        lang = self._state(config).current
        if lang not in self._consent_scripts:
            self._consent_scripts[lang] = ConsentScript.for_language(self.loaded, lang)
        return self._consent_scripts[lang]

    def _consent_active(self, config: MkDocsConfig) -> bool:
        return bool(self.config.consent and config.extra.get("consent"))

    def _consent_assets(self, config: MkDocsConfig) -> list[File]:
        if not self.config.consent:
            return []
        from .consent import ASSET_PATH, gating_script

        return [File.generated(config, ASSET_PATH, content=gating_script())]

    def _configure_consent(self, config: MkDocsConfig, state: i18n.LanguageState) -> None:
        from .consent import apply_consent

        if self._our_consent is not None and config.extra.get("consent") is self._our_consent:
            # Ours from the previous language (static-i18n keeps `extra`): make it anew.
            del config.extra["consent"]
        cookie_url = _absolute(config, self._url("cookies", state.current, state))
        findings = apply_consent(
            config.extra, self.loaded, state.current, cookie_url, repo_url=config.repo_url
        )
        if findings:
            # The user wrote extra.consent: it is kept, and checked once per build.
            if not state.nested:
                self.findings += findings
        else:
            self._our_consent = config.extra.get("consent")

    def _report(self, findings: list[Finding]) -> None:
        threshold = Severity(self.config.warn_from).rank
        for finding in findings:
            if finding.severity.rank >= threshold:
                log.warning(finding_text(finding))
            else:
                log.info(finding_text(finding))
        errors = [f for f in findings if f.severity is Severity.error]
        if errors and self.config.fatal and self.command != "serve":
            raise PluginError(
                f"{len(errors)} error-level finding(s) above "
                f"({', '.join(sorted({f.code for f in errors}))}): Seloste stops the build so that "
                "the site is not published with them. Fix them (each line says how), or set "
                "`fatal: false` under the seloste plugin in mkdocs.yml to only warn."
            )


def _absolute(config: MkDocsConfig, path: str) -> str:
    """``path`` (from the site root) as an absolute URL path, under site_url's own path."""
    base = urlsplit(config.site_url or "").path or "/"
    return base.rstrip("/") + "/" + path


def _error_text(findings: list[Finding]) -> str:
    return "\n".join(finding_text(finding) for finding in findings)
