"""The ``seloste`` MkDocs plugin: a thin adapter over the core stages.

Per build it loads the registry, injects the privacy and cookie notices for
the language being built, fills Material's ``extra.consent``, scans each page's
HTML as MkDocs produces it, and at the end audits and lints once (also when
mkdocs-static-i18n builds several languages). Findings are logged as MkDocs
warnings: ``mkdocs serve`` keeps previewing, ``mkdocs build --strict`` fails.
"""

from __future__ import annotations

import copy
import hashlib
import os
import posixpath
import sys
import time
from collections.abc import Callable, MutableMapping
from dataclasses import fields, replace
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import messages
from . import mkdocs_i18n as i18n
from . import mkdocs_links as links
from . import mkdocs_nav as navs
from . import mkdocs_themes as themes
from .findings import Finding, SelosteError, Severity
from .languages import LanguagePlan, fallback_problem, plan_languages, read_declared_languages
from .mkdocs_config import SelosteConfig
from .notices.common import NoticeLinks
from .registry.loaded import LoadedRegistry
from .report.findings import finding_text

if TYPE_CHECKING:  # imported lazily at run time (only sites with embeds need it)
    from .buildcache import Entry, Shared
    from .embeds import EmbedGate

log = get_plugin_logger(__name__)

#: After mkdocs-static-i18n (-100), which re-creates every file and the config per language.
AFTER_I18N = -110
#: Values that depend on Seloste alone (``buildcache.Shared``): a build after a registry
#: edit takes them from the shared store instead of working them out again. A notice
#: page's HTML is one too: its key (``mkdocs_render.render_key``) holds its Markdown, the
#: registry's only part in it, so the notices an edit did not change are not converted.
#: So are asset and page scans: their keys hold the text scanned and what the scanner
#: takes from the registry (``_scanner_inputs``), so an edit rescans only changed pages.
#: So are a page's edits (``_page_edit_key`` holds every string of the registry in them)
#: and the answers of the project's source files (their key holds every file's size and
#: time; the registry is not one of them), so an edit reads no source file again.
_SHARED_VALUES = frozenset(
    {"builtin_signatures", "asset", "notice_html", "page_scan", "page_edit", "source_hit"}
)


class SelostePlugin(BasePlugin[SelosteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.loaded: LoadedRegistry | None = None
        self.findings: list[Finding] = []
        # Scanner and ScanResult, imported only when the audit is on (lazy imports).
        self.scanner: Any = None
        self.scan_result: Any = None
        self.generated_urls: list[str] = []
        self._our_consent: dict | None = None
        self._consent_scripts: dict = {}
        self._site_prefix = ""
        self.plan: LanguagePlan | None = None
        #: The registry's findings when it could not be loaded under `mkdocs serve`.
        self.load_error: list[Finding] = []
        self._notice_files: list[File] = []
        self._borrowed: dict[str, str] = {}  # src_uri of a notice page → its notice language
        #: The banner's absolute link to the cookie notice → its URL from the site root.
        self._banner_links: dict[str, str] = {}
        self._embeds: EmbedGate | None = None
        self._started = time.perf_counter()
        #: The registry and what follows from it alone (notices, lint), under the key of
        #: its inputs: reused by `mkdocs serve` rebuilds and, with ``cache: true``, read
        #: from and written to the project's build cache (``buildcache.py``).
        self._entry: Entry | None = None
        #: The registry-independent values (package data, signatures, theme file scans),
        #: read when there is no entry for the registry (``buildcache.Shared``).
        self._shared: Shared | None = None
        self._scanner_inputs: tuple = ()
        #: The language state of the build under way, worked out once for its pages
        #: (reset in on_files, which every language's build runs before its pages).
        self._page_state: i18n.LanguageState | None = None
        self._files_digest: Any = None  # mkdocs_render.FilesDigest, made on first use
        #: The lint findings of the build under way: started in ``_start_build`` (before
        #: the pages, while the process is small; in `mkdocs build` in a forked child,
        #: beside the pages), collected and reported in ``on_post_build``.
        self._lint_findings: Callable[[], list[Finding]] | None = None
        self._lint_child: Any = None  # forked.Pending while lint runs beside the pages
        #: The theme's compiled templates (``mkdocs_templates.TemplateCode``), for every
        #: language's build and every `mkdocs serve` rebuild of this process.
        self._template_code: Any = None
        #: Asset scans made before the pages (``_scan_assets_early``), by their memo key.
        self._early_assets: dict[tuple, Any] = {}

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
        if self.loaded is None:
            return config  # under serve, with the registry's error shown on the notice pages
        # The notices' headings carry stable ids ({#controller}): their pages are converted
        # with attr_list (mkdocs_render.NoticePage), the site's own pages as the site says.
        if self.config.consent:
            self._configure_consent(config, state)
        if not state.nested and self.command in ONE_SHOT_COMMANDS:
            _freeze_long_lived()
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder) -> None:
        if self.config.enabled:
            # The registry, user signatures and the theme's custom_dir (where snippets get
            # pasted): MkDocs watches none of them without --watch-theme.
            for path in self._watched(config):
                server.watch(path)

    # -- pages ----------------------------------------------------------------------------

    @event_priority(AFTER_I18N)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._page_state = None
        if not self.config.enabled or (self.loaded is None and not self.load_error):
            return None
        state = self._state(config)
        self._notice_files = []
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
            self._notice_files.append(page)
            shown_in = self._notice_lang(state)
            if shown_in != state.current:
                self._borrowed[page.src_uri] = shown_in
            i18n.register_for_sitemap(config, state, page)
            if page.url not in self.generated_urls:
                self.generated_urls.append(page.url)
        files_of_consent = self._consent_assets(config)
        for consent_asset in files_of_consent:
            files.append(consent_asset)
        if self._embeds is not None:
            from .embeds import SCRIPT_PATH, STYLE_PATH, asset

            for path in (SCRIPT_PATH, STYLE_PATH):
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=asset(path.rsplit("/")[-1])))
        return files

    @event_priority(AFTER_I18N)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        pages = [f.page for f in self._notice_files if f.page is not None]
        if not self.config.enabled or not pages:
            return None
        section = self.config.nav_section
        placement = self.config.nav_placement
        if placement == "section" and not section:
            section = "Legal"
        missing = navs.missing_from_nav(nav, pages) if config.nav else []
        nav = navs.place_notices(
            nav,
            pages,
            explicit=bool(config.nav),
            placement=placement,
            section=section if placement != "omit" else None,
        )
        if placement == "omit" and missing and not self._state(config).nested:
            sources = [self._source(kind) for kind, _ in self._pages()]
            log.warning(
                messages.msg("plugin.nav.omitted")
                + "\n"
                + navs.nav_yaml(sources, self.config.nav_section)
            )
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.share_templates:
            from .mkdocs_templates import TemplateCode, share

            # Each language's build (and each `mkdocs serve` rebuild) has a new
            # environment: the theme's templates are compiled once per process.
            if self._template_code is None:
                self._template_code = TemplateCode()
            share(env, self._template_code)
        if self.scanner is not None and self.loaded is not None and not self._state(config).nested:
            # (static-i18n's other languages copy none of the theme's files)
            self._scan_assets_early(files)
        if self._consent_active(config):
            from .mkdocs_partials import keep_config_partials

            # Material's banner: rendered once per build, not once per page.
            keep_config_partials(env, config)
        return None

    @event_priority(AFTER_I18N)
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        if type(page) is not Page or page.file not in self._notice_files:
            return None
        # A notice page is converted with attr_list, and its Markdown → HTML is kept with
        # the registry (build cache): the page stays the same object (the nav's title and
        # links), only its render() differs.
        from .mkdocs_render import FilesDigest, NoticePage

        page.__class__ = NoticePage
        notice: Any = page
        if self._entry is None:
            return None
        notice.seloste_memo = partial(self._memo, "notice_html")
        if self._files_digest is None:
            self._files_digest = FilesDigest()
        notice.seloste_files = self._files_digest
        return None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        shown_in = self._borrowed.get(page.file.src_uri)
        if shown_in is None or page.file not in self._notice_files:
            return None
        # The fallback notice inside a page of another language: screen readers and
        # translators must know which language the text is in.
        return f'<div lang="{shown_in}">\n{html}\n</div>'

    # -- scanning and findings ------------------------------------------------------------

    @event_priority(AFTER_I18N)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.loaded is None:
            return None
        dest_uri = page.file.dest_uri
        output, seen = self._edit_page(output, dest_uri, page.file.url, config)
        if self.scanner is not None:
            self.scan_result.extend(self._scan_page(self._site_prefix + dest_uri, output, seen))
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
            output_content = self._consent_edits(
                output_content, "404.html", config, src=_absolute(config, ASSET_PATH)
            )[0]
        if self.scanner is not None and not state.nested:
            self.scan_result.extend(self._scan_page(self._site_prefix + "404.html", output_content))
        return output_content

    def _scan_page(self, shown: str, output: str, seen: tuple | None = None):
        """The scan of a built page, kept in the build cache under its text's fingerprint
        (length, CRC-32 and Adler-32: ``mkdocs_pagekeep.fingerprint``; ``seen`` when known:
        for a page the plugin edited, the page given and its edits, ``_edited_seen``)
        and what the scanner depends on: a page that did not change since the last build is
        not scanned again (a scan is ~3 times the instructions of the checksums). ``nbytes``:
        characters, close enough to bytes for the summary line and much cheaper to count."""
        scan = partial(self.scanner.scan_html, shown, output, nbytes=len(output))
        if self._entry is None:
            return scan()
        if seen is None:
            from .mkdocs_pagekeep import fingerprint

            seen = fingerprint(output)
        return self._memo("page_scan", (shown, seen, self._scanner_inputs), scan)

    def _edit_page(
        self, output: str, dest_uri: str, page_url: str, config: MkDocsConfig
    ) -> tuple[str, tuple | None]:
        """A built page with the plugin's edits (embed placeholders, the consent banner's
        tag, settings link and links), and the result's fingerprint when known.

        With the build cache, the edits are kept under the page as MkDocs wrote it and
        every string of the build they depend on (``_page_edit_key``), and a page that did
        not change gets them from there: it is not searched again (``mkdocs_pagekeep``).
        They depend on the registry only through those strings, except an embed's
        placeholder: a page with an ``<iframe`` keeps its edits with the registry."""
        embeds = self._embeds is not None
        if not embeds and not self._consent_active(config):
            return output, None
        if self._entry is None or not (self.config.cache or self.command == "serve"):
            return self._page_steps(output, dest_uri, page_url, config)[0], None
        from .mkdocs_pagekeep import apply_edits, fingerprint

        given = fingerprint(output)
        key = self._page_edit_key(given, dest_uri, page_url, config)
        made: list[tuple[str, tuple | None]] = []  # the page, when made in this call
        kept = self._memo(
            "page_edit",
            key,
            partial(self._kept_edits, made, output, given, dest_uri, page_url, config),
        )
        if kept[0] == "iframe":  # its embeds' placeholders depend on the registry
            kept = self._memo(
                "page_edit_embeds",
                (*key, self._notice_lang(self._pages_state(config)), self._scanner_inputs),
                partial(self._kept_edits, made, output, given, dest_uri, page_url, config, True),
            )
        if made:
            return made[0]
        if kept[0] == "edits":
            return apply_edits(output, kept[1]), self._edited_seen(given, kept[1])
        return self._page_steps(output, dest_uri, page_url, config)[0], None  # "steps"

    def _edited_seen(self, given: tuple, edits: list) -> tuple | None:
        """What identifies a page made by ``edits`` of a page whose fingerprint is ``given``
        (the key its scan is kept under): the two determine the page, so it needs no
        fingerprint of its own (a checksum of each page fewer in a first build)."""
        return None if self.scanner is None else ("edited", given, tuple(edits))

    def _page_edit_key(
        self, seen: tuple, dest_uri: str, page_url: str, config: MkDocsConfig
    ) -> tuple:
        """Everything a page's edits depend on but the registry's embed facts: the page
        (``seen``), its place, whether embeds are gated, and the consent banner's strings."""
        consent = None
        if self._consent_active(config):
            lang = self._notice_lang(self._pages_state(config))
            consent = (
                self._consent_tag(config, dest_uri, None),
                lang if self.config.settings_link else None,
                self._consent_script(config).settings_label,
                tuple(self._banner_links.items()),
            )
        return (dest_uri, page_url, seen, self._embeds is not None, self.scanner is None, consent)

    def _kept_edits(
        self,
        made: list,
        output: str,
        given: tuple,
        dest_uri: str,
        page_url: str,
        config: MkDocsConfig,
        embeds_known: bool = False,
    ) -> tuple:
        """What the build cache keeps of a page's edits: ("edits", edits of the page as
        given), ("steps",) when they cannot be one list, ("iframe",) for a page whose
        embeds may be gated (kept with the registry instead). The page made (and what
        identifies it, ``_edited_seen``) is put in ``made``; ``given``: the fingerprint of
        ``output``."""
        from .mkdocs_pagekeep import apply_edits

        iframe = True if embeds_known else None
        if not embeds_known and self._embeds is not None:
            from .embeds import has_iframe

            iframe = has_iframe(output)
            if iframe:
                return ("iframe",)
        edited, edits = self._page_steps(output, dest_uri, page_url, config, iframe)
        # Without an iframe the edits are the consent step's alone, and that step made the
        # page from them (``edit_page``): applying them again to check would build and
        # compare a second copy of every page (~27 k instructions on a 150 KB page). Edits
        # of two steps put together (``compose``) are checked.
        if edits is None or (iframe and apply_edits(output, edits) != edited):
            made.append((edited, None))
            return ("steps",)
        # The same snippets on many pages (the tag, the settings link): stored once.
        kept = [(at, end, sys.intern(text)) for at, end, text in edits]
        made.append((edited, self._edited_seen(given, kept)))
        return ("edits", kept)

    def _page_steps(
        self,
        output: str,
        dest_uri: str,
        page_url: str,
        config: MkDocsConfig,
        iframe: bool | None = None,
    ) -> tuple[str, list | None]:
        """The page after the embed and consent steps, and their edits as one list of edits
        of ``output`` (None when they cannot be: ``mkdocs_pagekeep.compose``). ``iframe``:
        whether the page holds an ``<iframe``, when known (a search of the whole page)."""
        from .mkdocs_pagekeep import compose

        edits: list | None = []
        if self._embeds is not None and iframe is not False:
            output, edits = self._gate_embeds(output, dest_uri, config, iframe)
        if self._consent_active(config):
            # The banner is the same on every page: its links to the notices become
            # relative to this page (works in a subfolder without site_url).
            output, more = self._consent_edits(output, dest_uri, config, page_url=page_url)
            edits = None if edits is None or more is None else compose(edits, more)
        return output, edits

    def on_build_error(self, *, error: Exception) -> None:
        # A build that stops never collects lint: its child is not left running.
        child, self._lint_child = self._lint_child, None
        if child is not None:
            child.cancel()

    @event_priority(AFTER_I18N)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.loaded is None or self._state(config).nested:
            return
        findings = list(self.findings)
        if self.config.audit and self.scanner is not None:
            from .audit import audit

            self._scan_site_assets(config.site_dir)
            findings += audit(self.loaded, self.scan_result, config=self._audit_config(config))
        if self.config.lint:
            early, self._lint_findings = self._lint_findings, None
            findings += (early or self._lint(self.loaded, config))()
        if self.config.verify and self.command != "serve":
            findings += self._verify(config)
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
        self._save_cache(config)
        self._report(findings)

    # -- helpers --------------------------------------------------------------------------

    def _audit_config(self, config: MkDocsConfig):
        """Site findings point at the source that put the tracker there (theme overrides,
        docs_dir, mkdocs.yml); nothing is read unless there are findings."""
        from .audit import AuditConfig
        from .sitesources import for_mkdocs

        sources = for_mkdocs(
            config.config_file_path or "mkdocs.yml",
            config.docs_dir,
            themes.custom_dir(config),
            exclude=(self._registry_path(config), config.site_dir),
            # answers kept in the build cache while no source file changes
            memo=partial(self._memo, "source_hit"),
        )
        # JS/CSS files no page loads: their trackers are reported as left-over code (T116).
        return AuditConfig(sources=sources, site_dir=config.site_dir, path_prefix=self._site_prefix)

    def _verify(self, config: MkDocsConfig) -> list:
        """``seloste verify`` on the site just built (option ``verify: true``)."""
        from .verify import VerifyOptions, verify_site

        signatures = (self.config.signatures,) if self.config.signatures else ()
        options = VerifyOptions(
            signature_files=signatures,
            allow_hosts=tuple(self.config.first_party_hosts),
            shown_under=self._site_prefix,
        )
        assert self.loaded is not None  # verify runs after a build that loaded it
        try:
            found = verify_site(config.site_dir, self.loaded, options).findings
        except SelosteError as exc:
            return list(exc.findings)
        # Pages as every other finding of the build names them: under the site folder.
        return [
            replace(f, path=self._site_prefix + f.path) if f.origin == "site" and f.path else f
            for f in found
        ]

    def _state(self, config: MkDocsConfig) -> i18n.LanguageState:
        return i18n.language_state(config, self._site_language(config))

    def _pages_state(self, config: MkDocsConfig) -> i18n.LanguageState:
        """``_state`` for the pages of the build under way: once per language, not per page."""
        if self._page_state is None:
            self._page_state = self._state(config)
        return self._page_state

    def _site_language(self, config: MkDocsConfig) -> str:
        """Without static-i18n: the plugin's ``language``, else the theme's, else en."""
        return self.config.language or themes.theme_language(config) or "en"

    def _notice_lang(self, state: i18n.LanguageState) -> str:
        """The language of the notice shown to readers of ``state.current``."""
        return self.plan.notice_language(state.current) if self.plan else state.current

    def _watched(self, config: MkDocsConfig) -> list[str]:
        paths = [self._registry_path(config)]
        if self.config.signatures:
            paths.append(self.config.signatures)
        custom = themes.custom_dir(config)
        if custom:
            paths.append(custom)
        return paths

    def _root(self, config: MkDocsConfig) -> str:
        return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))

    def _registry_path(self, config: MkDocsConfig) -> str:
        return os.path.join(self._root(config), self.config.registry)

    def _load_registry(self, config: MkDocsConfig) -> LoadedRegistry:
        """The registry. A build whose inputs did not change (registry file, notice and
        message languages, Seloste itself) reuses the one loaded before: under `mkdocs
        serve` the one in memory, else (``cache: true``) the project's build cache entry,
        with its declared view, notices and lint result. Anything else: loaded in full."""
        from . import buildcache

        path = self._registry_path(config)
        assert self.plan is not None
        try:
            with open(path, "rb") as handle:
                key: str | None = buildcache.entry_key(
                    handle.read(),
                    self.config.registry,
                    tuple(self.plan.notices),
                    messages.language(),
                )
        except OSError:
            key = None  # load_registry says what is wrong with the file
        if key is not None and self._entry is not None and self._entry.key == key:
            self._entry.start_build()
            return self._entry.loaded
        entry = None
        if key is not None and self.config.cache:
            entry = buildcache.read(self._cache_dir(config), key)
        if entry is None and self.config.cache and self._shared is None:
            # No entry for this registry (a first build, or one after an edit): what does
            # not depend on the registry may still be there from the last build.
            self._shared = buildcache.read_shared(self._cache_dir(config))
        if entry is None:
            from .registry.load import load_registry

            # Without pydantic when that is certain to give the same (registry/quick.py):
            # the models then are Records, as in a build served from the cache.
            loaded = load_registry(
                path,
                self.plan.notices,
                display_path=self.config.registry,
                records=buildcache._record,
            )
            entry = buildcache.Entry(key, loaded) if key is not None else None
        else:
            loaded = entry.loaded
        self._entry = entry
        return loaded

    def _cache_dir(self, config: MkDocsConfig) -> str:
        return os.path.join(self._root(config), self.config.cache_dir)

    def _memo(self, name: str, args: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per registry: kept with it in memory and in the build cache."""
        if self._entry is None:
            return compute()
        if self._shared is not None and name in _SHARED_VALUES:
            compute = partial(self._shared.get, name, args, compute)
        return self._entry.get(name, args, compute)

    def _save_cache(self, config: MkDocsConfig) -> None:
        # (The package's data files are not kept in the cache: their JSON form is read as
        # fast, and kept here it would be held through every later build's pages.)
        entry = self._entry
        if self.config.cache and entry is not None and entry.needs_writing():
            from . import buildcache

            if not buildcache.write(self._cache_dir(config), entry):
                log.debug("the build cache could not be written to %s", self.config.cache_dir)
        shared = self._shared
        if self.config.cache and shared is not None:
            if shared.changed:  # written with what this build used (theme files since gone go)
                from . import buildcache

                buildcache.write_shared(self._cache_dir(config), shared)
            shared.used = set()  # the next build (`mkdocs serve`) says what it uses

    def _lint(
        self, loaded: LoadedRegistry, config: MkDocsConfig | None = None
    ) -> Callable[[], list[Finding]]:
        """Lint, started: its findings when the returned function is called.

        Lint depends on the registry alone: once per registry (and message language).
        A registry linted anew (an edit) reuses the spelling results of its unchanged
        texts from the build cache folder (``lint/spelling_store.py``). In `mkdocs build`
        it runs in a forked child (``forked.start``) beside the pages: the build's
        process never imports ``lint/``, and on two cores a first build ends sooner."""
        folder = self._cache_dir(config) if self.config.cache and config is not None else None

        def run() -> list[Finding]:
            from .lint import lint
            from .lint.spelling_store import kept_in

            with kept_in(folder):
                return lint(loaded)

        from .buildcache import spelling_environment

        # Spelling (L157/L158) depends on the dictionaries installed, too.
        args = spelling_environment()
        entry = self._entry
        if self.command == "serve" or (entry is not None and entry.has("lint", args)):
            # (Under `mkdocs serve` each rebuild would import lint's modules again.)
            found = list(self._memo("lint", args, run))
            return lambda: found
        from . import forked

        self._lint_child = pending = forked.start(run)
        return lambda: list(self._memo("lint", args, pending.result))

    def _start_build(self, config: MkDocsConfig, state: i18n.LanguageState) -> None:
        """Once per build (not per language): load the registry and reset the evidence."""
        # Speak the team's language from the first message on: the site's default one.
        messages.use(messages.choose(configured=self.config.messages, site_default=state.default))
        self.plan = plan_languages(
            state.languages,
            declared=read_declared_languages(self._registry_path(config)),
            fallback=self.config.fallback_language,
        )
        problem = fallback_problem(self.config.fallback_language, self.plan)
        if problem is not None:
            raise PluginError(_error_text([problem]))
        if self.plan.info():
            log.info(self.plan.info())
        self.load_error = []
        self._lint_findings = None
        self._borrowed = {}
        self._banner_links = {}
        self._embeds = None
        self._started = time.perf_counter()
        try:
            self.loaded = self._load_registry(config)
        except SelosteError as exc:
            if self.command != "serve":
                raise PluginError(_error_text(exc.findings)) from None
            # Under `mkdocs serve` the preview stays alive: the terminal and the notice
            # pages show what is wrong until the registry is fixed.
            self.loaded = None
            self.load_error = list(exc.findings)
            for finding in exc.findings:
                log.warning(finding_text(finding))
            return
        self.findings = []
        self._consent_scripts = {}
        # Lint depends on the registry alone: run now, before the pages are built, so its
        # spelling dictionaries open (and close) while the process is small and the build's
        # peak memory is the pages' alone. Its findings are reported in on_post_build.
        self._lint_findings = self._lint(self.loaded, config) if self.config.lint else None
        # Evidence is shown as site/index.html:112, so nobody mistakes it for docs/index.md.
        # (Under `mkdocs serve` the site is built in a temp dir: plain paths then.)
        site = os.path.relpath(config.site_dir, self._root(config))
        self._site_prefix = "" if site.startswith("..") else site.replace(os.sep, "/") + "/"
        if self.config.consent:
            loaded = self.loaded

            def cookie_check() -> list[Finding]:
                from .consent import cookie_findings

                return cookie_findings(loaded)

            self.findings += self._memo("cookie_findings", (), cookie_check)
        self.generated_urls = []
        self._our_consent = None
        self.scanner = None
        if self.config.audit:
            from .scan import builtin_signatures, scanner_for
            from .scan.model import ScanResult

            try:
                # Under `mkdocs serve` site_url is the dev server's: the controller's own
                # website keeps the real domain first-party there too.
                website = urlsplit(self.loaded.registry.controller.website or "").hostname
                hosts = [*self.config.first_party_hosts, *([website] if website else [])]
                site_host = urlsplit(config.site_url or "").hostname
                self.scanner = scanner_for(
                    self.loaded.registry,
                    [self.config.signatures] if self.config.signatures else (),
                    hosts,
                    site_host,
                    base=self._memo("builtin_signatures", (), builtin_signatures),
                )
            except SelosteError as exc:
                raise PluginError(_error_text(exc.findings)) from None
            self.scan_result = ScanResult()
            # What the scanner depends on (for remembering asset scans, also across registry
            # edits: the registry's first-party hosts and its services' own hosts).
            registry = self.loaded.registry
            self._scanner_inputs = (
                tuple(hosts),
                site_host,
                self._signature_file_digest(),
                tuple(registry.first_party_hosts),
                tuple((s.id, tuple(s.hosts)) for s in registry.services if s.hosts),
            )
        self._embeds = None
        if self.config.gate_embeds:
            from .embeds import EmbedGate
            from .scan.signatures import load_signatures

            signatures = self.scanner.signatures if self.scanner else load_signatures()
            self._embeds = EmbedGate(self.loaded, signatures)

    def _scan_site_assets(self, site_dir: str) -> None:
        """The site's own JS and CSS, once per build (pages were scanned as they were made).

        A theme's bundles are the same from build to build: each file's result is kept
        with the registry (build cache), under its path, its content's hash and what
        the scanner depends on, so only new or changed files are scanned again. A file
        ``_scan_assets_early`` scanned from its source (the same path and content) is not
        read whole here: only its hash is worked out, in pieces."""
        from .scan import site_files
        from .scan.walk import read_site_file, site_file_digest

        early, self._early_assets = self._early_assets, {}
        problems: list[Finding] = []  # unreadable or broken entries: findings, not a crash
        for rel, full in site_files(site_dir, problems):
            if rel.lower().endswith((".html", ".htm")):
                continue
            shown = self._site_prefix + rel
            digest = site_file_digest(rel, full, problems)
            if digest is None:
                continue
            args = (shown, digest, self._scanner_inputs)
            if args in early or self._memo_has("asset", args):
                scan = partial(early.pop, args)  # (not called when the memo has it)
            else:
                data = read_site_file(rel, full, problems)
                if data is None:
                    continue
                # (hashed again: the file may have changed since its hash was taken)
                args = (shown, hashlib.sha256(data).hexdigest(), self._scanner_inputs)
                scan = partial(self.scanner.scan_asset, shown, data)
            self.scan_result.extend(self._memo("asset", args, scan))
        self.findings += problems

    def _scan_assets_early(self, files: Files) -> None:
        """The JS and CSS MkDocs is about to copy into the site (the theme's, docs/'s),
        scanned from their sources before the pages are built, while the process is
        small: decoding a big script (Material's 0.7 MB ``lunr/wordcut.js``) takes ~2 MiB
        for a moment, which at the end of the build would raise its peak memory.
        ``_scan_site_assets`` still goes through every file of the built site and takes a
        result from here only under the key it remembers results under (the built file's
        path, its content's hash): a file another plugin changes or adds later is
        scanned as built."""
        from .scan.walk import ASSET_SUFFIXES, SKIPPED_DIRS

        early: dict[tuple, Any] = {}
        for file in files:
            dest = file.dest_uri
            if (
                file.is_documentation_page()
                or not dest.lower().endswith(ASSET_SUFFIXES)
                or not SKIPPED_DIRS.isdisjoint(dest.split("/"))
            ):
                continue
            try:
                data = file.content_bytes  # its source file's, or a generated file's own
            except (OSError, AssertionError):  # (AssertionError: neither, in MkDocs 1.6)
                continue  # its copy in the site is read, and reported, at the end
            shown = self._site_prefix + dest
            args = (shown, hashlib.sha256(data).hexdigest(), self._scanner_inputs)
            if args not in early and not self._memo_has("asset", args):
                early[args] = self.scanner.scan_asset(shown, data)
            del data
        self._early_assets = early

    def _memo_has(self, name: str, args: Any) -> bool:
        """Whether ``_memo(name, args, …)`` has its value without computing it."""
        entry = self._entry
        if entry is None:
            return False
        if entry.has(name, args):
            return True
        shared = self._shared
        return shared is not None and name in _SHARED_VALUES and (name, args) in shared.memo

    def _signature_file_digest(self) -> str | None:
        """The user's signature file's content, hashed (it changes what the scanner finds)."""
        if not self.config.signatures:
            return None
        try:
            with open(self.config.signatures, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return None

    def _pages(self):
        yield "privacy", self.config.privacy_page
        if self.config.cookie_page.enabled:
            yield "cookies", self.config.cookie_page

    def _page_config(self, kind: str):
        return self.config.privacy_page if kind == "privacy" else self.config.cookie_page

    def _source(self, kind: str) -> str:
        return self._page_config(kind).source

    def _url(self, kind: str, lang: str, state: i18n.LanguageState) -> str:
        from .notices.confine import check_page_paths, confined

        try:
            # Inside the site, never the home page, the two notices apart (R119).
            check_page_paths(
                {k: self._page_config(k).paths for k, _ in self._pages()},
                state.languages,
                state.default,
            )
            return confined(kind, lang, state.default, self._page_config(kind).paths)
        except SelosteError as exc:
            raise PluginError(_error_text(exc.findings)) from None

    def _render(self, kind: str, state: i18n.LanguageState, *, banner: bool) -> str:
        """One notice as Markdown; ``banner``: Material shows a consent banner on this site
        (also for reasons the registry does not know: repo_url, extra.analytics, the user's
        own extra.consent), so the notices must offer the settings control. Without a banner
        the registry decides."""
        if self.loaded is None:
            return _error_page(self.load_error, self.config.registry)
        consent = True if banner else None
        lang = self._notice_lang(state)
        # Link by nav name ("cookies.md"): MkDocs resolves it per language and checks it.
        here = posixpath.dirname(self._source(kind))
        notice_links = NoticeLinks(
            privacy=posixpath.relpath(self._source("privacy"), here or "."),
            cookies=posixpath.relpath(self._source("cookies"), here or ".")
            if self.config.cookie_page.enabled
            else None,
        )
        loaded = self.loaded

        def render() -> str:
            if kind == "privacy":
                from .notices.privacy import render_privacy_notice

                return render_privacy_notice(loaded, lang, notice_links, consent=consent)
            from .notices.cookies import render_cookie_notice

            return render_cookie_notice(loaded, lang, notice_links, consent=consent)

        try:
            args = (kind, lang, notice_links.privacy, notice_links.cookies, consent)
            return self._memo("notice", args, render)
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
        # A static file (docs/tietosuojaseloste/index.html) at the page's output counts too.
        dest_uri = links.dest_uri(dest, config.use_directory_urls)
        url = links.page_url(dest, config.use_directory_urls)
        for file in files:
            if file.src_uri == src_uri or file.url == url or file.dest_uri == dest_uri:
                shown = os.path.relpath(file.abs_src_path or file.src_uri, self._root(config))
                facts = {
                    "page": shown,
                    "notice": messages.msg("R119.name.privacy")
                    if kind == "privacy"
                    else messages.msg("R119.name.cookies"),
                    "lang": state.current,
                    "registry": self.config.registry,
                    "option": option,
                }
                raise PluginError(
                    messages.msg("plugin.page.same_name", **facts)
                    if file.src_uri == src_uri
                    else messages.msg("plugin.page.same_address", **facts, address=f"/{dest}")
                )

    def _consent_script(self, config: MkDocsConfig):
        """The gating script's tag for the language being built, made once per build."""
        from .consent import ConsentScript

        lang = self._notice_lang(self._pages_state(config))
        if lang not in self._consent_scripts:
            loaded = self.loaded
            assert loaded is not None
            analytics = config.extra.get("analytics") or {}
            material = isinstance(analytics, dict) and analytics.get("provider") == "google"

            def made() -> dict[str, Any]:
                # Its settings (revision, cookies to delete, labels): they depend on the
                # registry and the language alone, so the build cache keeps them.
                script = ConsentScript.for_language(loaded, lang, material_analytics=material)
                return {f.name: getattr(script, f.name) for f in fields(script) if f.init}

            settings = self._memo("consent_script", (lang, material), made)
            self._consent_scripts[lang] = ConsentScript(**settings)
        return self._consent_scripts[lang]

    def _consent_edits(
        self,
        output: str,
        dest_uri: str,
        config: MkDocsConfig,
        *,
        src: str | None = None,
        page_url: str | None = None,
    ) -> tuple[str, list | None]:
        """Material's banner: the gating script in <head> (before Material's analytics reads
        the stored choice) and the settings link; any other theme: Seloste's own banner.
        ``page_url``: the banner's links to the notices are made relative to it. The page,
        and its edits of ``output`` as one list (None: not as one list)."""
        # Material writes its banner at the end of the page: look for it from there.
        if output.rfind('data-md-component="consent"') == -1:
            output = self._own_banner(config).insert(
                output, dest_uri, script_src=src, settings_link=self.config.settings_link
            )
            if page_url is not None:
                output = links.make_links_relative(output, self._banner_links, page_url)
            return output, None
        from .mkdocs_pageedit import edit_page

        lang = self._notice_lang(self._pages_state(config))
        return edit_page(
            output,
            self._consent_tag(config, dest_uri, src),
            settings_lang=lang if self.config.settings_link else None,
            links=self._banner_links if page_url is not None else {},
            page_url=page_url or "",
            # the same words as wording(lang)["consent"]["settings"], from the build cache
            settings_label=self._consent_script(config).settings_label,
        )

    def _consent_tag(self, config: MkDocsConfig, dest_uri: str, src: str | None) -> str:
        """The gating tag for a page at ``dest_uri`` (its script relative to the page's
        folder, as ``ConsentScript.insert`` has it), or with the script at ``src``."""
        script = self._consent_script(config)
        if src is None:
            src = _asset_from(posixpath.dirname(dest_uri))
        return script.tag(src)

    def _banner_link(self, kind: str, state: i18n.LanguageState, config: MkDocsConfig) -> str:
        """A notice's absolute address for the banner; each page gets it relative to itself."""
        target = links.page_url(self._url(kind, state.current, state), config.use_directory_urls)
        url = _absolute(config, target)
        self._banner_links[url] = target
        return url

    def _own_banner(self, config: MkDocsConfig):
        """Seloste's own banner for the language being built, made once per build."""
        from .consent import OwnBanner

        state = self._pages_state(config)
        key = ("own", state.current)
        if key not in self._consent_scripts:
            assert self.loaded is not None  # banners are made only for a loaded registry
            banner = OwnBanner.for_language(
                self.loaded,
                self._notice_lang(state),
                privacy_url=self._banner_link("privacy", state, config),
                cookie_url=self._banner_link("cookies", state, config)
                if self.config.cookie_page.enabled
                else None,
            )
            # The same gating script (and its tag cache) as Material's pages.
            banner.script = self._consent_script(config)
            self._consent_scripts[key] = banner
        return self._consent_scripts[key]

    def _gate_embeds(
        self, output: str, dest_uri: str, config: MkDocsConfig, iframe: bool | None = None
    ) -> tuple[str, list | None]:
        """Embeds other plugins wrote become consent placeholders (issue #10); the page and
        its edits of ``output`` (None: not as one list)."""
        from .embeds import SCRIPT_PATH, STYLE_PATH, has_iframe, head_tags
        from .mkdocs_pagekeep import apply_edits, compose

        assert self._embeds is not None  # called only when embeds are gated
        if not (iframe or has_iframe(output)):  # (``iframe``: known to hold one)
            return output, []  # EmbedGate.rewrite's own first test, before the language
        lang = self._notice_lang(self._pages_state(config))
        edits = self._embeds.iframe_edits(output, lang)
        if not edits:
            return output, []
        output = apply_edits(output, edits)
        at = output.find("</head>")
        if at == -1:
            return output, edits
        here = posixpath.dirname(dest_uri) or "."
        tags = head_tags(posixpath.relpath(SCRIPT_PATH, here), posixpath.relpath(STYLE_PATH, here))
        output = output[:at] + tags + output[at:]
        return output, compose(edits, [(at, at, tags)])

    def _consent_active(self, config: MkDocsConfig) -> bool:
        return bool(self.config.consent and self.loaded is not None and config.extra.get("consent"))

    def _consent_assets(self, config: MkDocsConfig) -> list[File]:
        if not self.config.consent:
            return []
        from .consent import ASSET_PATH, gating_script

        return [File.generated(config, ASSET_PATH, content=gating_script())]

    def _configure_consent(self, config: MkDocsConfig, state: i18n.LanguageState) -> None:
        if self._our_consent is not None and config.extra.get("consent") is self._our_consent:
            # Ours from the previous language (static-i18n keeps `extra`): make it anew.
            del config.extra["consent"]
        target = links.page_url(
            self._url("cookies", state.current, state), config.use_directory_urls
        )
        cookie_url = _absolute(config, target)
        self._banner_links[cookie_url] = target
        assert self.loaded is not None
        loaded, lang = self.loaded, self._notice_lang(state)
        privacy_url = self._banner_link("privacy", state, config)

        def apply(extra: MutableMapping[str, Any]) -> list[Finding]:
            from .consent import apply_consent

            return apply_consent(
                extra,
                loaded,
                lang,
                cookie_url,
                repo_url=config.repo_url,
                privacy_page_url=privacy_url,
            )

        if config.extra.get("consent"):
            findings = apply(config.extra)  # the user's own: checked against the registry
        else:
            # Ours depends on the registry, the language, the links and whether Material
            # adds analytics: made once per registry (build cache), a copy per build.
            analytics = config.extra.get("analytics")
            args = (lang, cookie_url, privacy_url, config.repo_url, bool(analytics))
            made = self._memo("consent", args, lambda: _made_consent(apply, analytics))
            findings = []
            if made is not None:
                config.extra["consent"] = copy.deepcopy(made)
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
                messages.msg(
                    "plugin.fatal",
                    count=len(errors),
                    codes=", ".join(sorted({f.code for f in errors})),
                )
            )


def _made_consent(
    apply: Callable[[MutableMapping[str, Any]], list[Finding]], analytics: Any
) -> dict | None:
    """Material's ``extra.consent`` as Seloste makes it (None: no banner needed)."""
    extra: dict[str, Any] = {"analytics": analytics} if analytics else {}
    apply(extra)
    return extra.get("consent")


def _asset_from(folder: str) -> str:
    """The gating script's path from a page in ``folder`` (a ``dest_uri``'s folder): what
    ``posixpath.relpath(ASSET_PATH, folder)`` gives, without its work on every page."""
    from .consent.gating import ASSET_PATH

    parts = folder.split("/") if folder else []
    if not parts or parts[0] == ASSET_PATH.split("/")[0] or "" in parts or "." in parts:
        return posixpath.relpath(ASSET_PATH, folder or ".")  # shares a folder: the long way
    if ".." in parts:
        return posixpath.relpath(ASSET_PATH, folder)
    return "../" * len(parts) + ASSET_PATH


def _absolute(config: MkDocsConfig, path: str) -> str:
    """``path`` (from the site root) as an absolute URL path, under site_url's own path."""
    base = urlsplit(config.site_url or "").path or "/"
    return base.rstrip("/") + "/" + path


#: MkDocs commands that build once and exit (``serve`` rebuilds in the same process).
ONE_SHOT_COMMANDS = frozenset({"build", "gh-deploy"})


def _freeze_long_lived() -> None:
    """Move every object alive now to the garbage collector's permanent generation.

    What exists at the end of ``on_config`` (MkDocs' configuration, theme and Jinja
    environment, every plugin's modules, the registry Seloste loaded) lives until the
    build ends, yet each full collection would walk all of it again (the plugin's modules
    and data make that heap bigger): a first 20-page build's collections took 100–158 ms
    without the freeze and 30–43 ms with it, a 1,000-page build's full ones 352 → 187 ms
    (bench/README.md). Python's documentation recommends
    ``gc.freeze`` for exactly such objects. Garbage among them is kept until the process
    exits, which a one-shot build does next: never under ``mkdocs serve``, whose rebuilds
    would each leave theirs behind (``ONE_SHOT_COMMANDS``). Done once per process."""
    import gc

    if not gc.get_freeze_count():
        gc.freeze()


def _error_text(findings: list[Finding]) -> str:
    return "\n".join(finding_text(finding) for finding in findings)


def _error_page(findings: list[Finding], registry: str) -> str:
    """The notice page while the registry has errors (``mkdocs serve`` only)."""
    import html

    lines = html.escape(_error_text(findings))
    return (
        f"# {messages.msg('plugin.error_page.title')}\n\n"
        f"<p>{messages.msg('plugin.error_page.text', registry=html.escape(registry))}</p>\n\n"
        f'<pre class="seloste-error">{lines}</pre>\n'
    )
