"""The facts Seloste needs about each static site generator: where it writes the site,
its i18n layouts, its configuration files.

A module of its own, importing nothing of Seloste: both the generators' commands
(``generators/``) and the audit's source search (``sitesources.py``, which tells a Hugo
project from a Jekyll one by these configuration files) read it, and neither may import
the other's stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields_repr import FieldsRepr


@dataclass(frozen=True, repr=False)
class Generator(FieldsRepr):
    name: str
    title: str
    #: Where its build writes the site, relative to the project.
    output_dir: str
    #: Where page sources go, relative to the project (``seloste render -o`` default).
    source_dir: str
    #: The i18n layouts it uses; the first is the default when nothing is detected.
    layouts: tuple[str, ...]
    #: Markdown raw HTML survives the build (Hugo's Goldmark drops it unless ``unsafe``).
    raw_html: bool
    #: Links between pages are written to source files (``cookies.md``), which the
    #: generator resolves and validates, rather than to built URLs (``../cookies/``).
    source_links: bool
    #: The front-matter key that ties a page's translations together, if any.
    translation_key: str | None
    #: Configuration files in the project root that identify it.
    config_files: tuple[str, ...]


GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        Generator(
            "mkdocs",
            "MkDocs",
            "site",
            "docs",
            ("plain", "folder", "suffix"),
            raw_html=True,
            source_links=True,
            translation_key=None,
            config_files=("mkdocs.yml", "mkdocs.yaml", "properdocs.yml"),
        ),
        Generator(
            "zensical",
            "Zensical",
            "site",
            "docs",
            ("folder", "plain"),
            raw_html=True,
            source_links=True,
            translation_key=None,
            config_files=("zensical.toml",),
        ),
        Generator(
            "hugo",
            "Hugo",
            "public",
            "content",
            ("suffix", "folder"),
            raw_html=False,
            source_links=False,
            translation_key="translationKey",
            config_files=(
                "hugo.toml",
                "hugo.yaml",
                "hugo.yml",
                "hugo.json",
                "config.toml",
                "config.yaml",
                "config.yml",
            ),
        ),
        Generator(
            "jekyll",
            "Jekyll",
            "_site",
            ".",
            ("plain", "folder"),
            raw_html=True,
            source_links=False,
            translation_key="ref",
            config_files=("_config.yml", "_config.yaml", "_config.toml"),
        ),
    )
}

#: Layout names, for help texts and docs.
LAYOUTS = {
    "plain": "default language at the root, other languages in a folder named by the code "
    "(tietosuojaseloste.md, en/privacy.md)",
    "folder": "one folder per language (fi/tietosuojaseloste.md, en/privacy.md)",
    "suffix": "the language in the file name (tietosuojaseloste.fi.md, privacy.en.md)",
}

#: The key both notices of one kind share in every language (Hugo translationKey, Jekyll ref).
TRANSLATION_KEYS = {"privacy": "seloste-privacy", "cookies": "seloste-cookies"}


def generator(name: str) -> Generator:
    return GENERATORS[name]
