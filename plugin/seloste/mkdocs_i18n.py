"""What Seloste needs to know about mkdocs-static-i18n, in one place.

static-i18n (1.3) builds the default language, then every other language as a
nested build with the same plugin instances. It re-creates every file from
``docs_dir``, so generated pages must be added *after* its ``on_files`` and
carry the attributes it expects (``locale``, ``alternates``…) for Material's
language switcher and the sitemap. These are its internals: the version range
is pinned in pyproject.toml and tests/test_mkdocs_i18n.py builds real sites.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .fields_repr import FieldsRepr


@dataclass(frozen=True, repr=False)
class LanguageState(FieldsRepr):
    """Which language this (possibly nested) build is for."""

    current: str
    default: str
    languages: tuple[str, ...]
    layout: str | None  # "folder", "suffix", or None without static-i18n
    nested: bool  # True inside static-i18n's build of a non-default language


def i18n_plugin(config: MkDocsConfig) -> Any | None:
    return config.plugins.get("i18n")


def language_state(config: MkDocsConfig, fallback_language: str) -> LanguageState:
    plugin = i18n_plugin(config)
    if plugin is None:
        return LanguageState(
            fallback_language, fallback_language, (fallback_language,), None, False
        )
    default = plugin.default_language
    return LanguageState(
        current=plugin.current_language or default,
        default=default,
        languages=tuple(plugin.build_languages),
        layout=plugin.config.docs_structure,
        nested=bool(plugin.building),
    )


def source_uri(source: str, state: LanguageState) -> str:
    """The src_uri a page must have so ``nav: [privacy.md]`` finds it in this language."""
    if state.layout == "folder":
        return f"{state.current}/{source}"
    if state.layout == "suffix":
        stem, dot, ext = source.rpartition(".")
        return f"{stem}.{state.current}.{ext}" if dot else f"{source}.{state.current}"
    return source


def make_page(
    config: MkDocsConfig,
    state: LanguageState,
    source: str,
    dest_dir: str,
    content: str,
    alternate_dirs: dict[str, str],
) -> File:
    """A generated Markdown page at ``dest_dir`` (e.g. ``en/privacy/``) for this language."""
    page = File.generated(config, source_uri(source, state), content=content)
    _place(page, dest_dir, config)
    if state.layout is not None:
        i18n_page: Any = page  # static-i18n's own attributes on File
        i18n_page.locale = state.current
        i18n_page.localization = state.current if state.layout == "folder" else None
        i18n_page.locale_alternate_of = state.current
        i18n_page.norm_src_uri = source
        i18n_page.alternates = {
            lang: page if lang == state.current else _alternate(config, source, lang, path)
            for lang, path in alternate_dirs.items()
        }
    return page


def register_for_sitemap(config: MkDocsConfig, state: LanguageState, page: File) -> None:
    plugin = i18n_plugin(config)
    if plugin is None:
        return
    pages = plugin.i18n_files_per_language.get(state.current)
    if pages is not None and page not in pages:
        pages.append(page)


def _alternate(config: MkDocsConfig, source: str, lang: str, dest_dir: str) -> File:
    """A stand-in for the page in another language: the switcher only needs its URL."""
    other = File(source, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    _place(other, dest_dir, config)
    i18n_other: Any = other  # static-i18n's own attributes on File
    i18n_other.locale = lang
    i18n_other.locale_alternate_of = lang
    return other


def _place(file: File, dest_dir: str, config: MkDocsConfig) -> None:
    dest = dest_dir.strip("/")
    if config.use_directory_urls:
        file.dest_uri = f"{dest}/index.html" if dest else "index.html"
    else:
        file.dest_uri = f"{dest}.html" if dest else "index.html"
    # dest_uri changes leave cached values behind (mkdocs caches these properties)
    for cached in ("url", "abs_dest_path"):
        file.__dict__.pop(cached, None)
