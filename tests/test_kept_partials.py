"""Material's consent banner is rendered once per build (``mkdocs_partials``): every page
of the site is the same as when the partial is rendered for each page. Real builds of
Material sites with the plugin (with and without mkdocs-static-i18n, with Material's
analytics and a GitHub repo_url), a custom_dir override of the partial (never kept: it
may show the page) and another theme."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import I18N, MINIMAL_REGISTRY, write_site
from seloste import mkdocs_partials

PAGES = {
    "index.md": "# Etusivu\n\nTervetuloa.\n",
    "sivu.md": "# Sivu\n\n<iframe src='https://www.youtube.com/embed/x'></iframe>\n",
    "osio/toinen.md": "# Toinen\n",
}


def _site(root: Path, *, theme: str, i18n: bool, extra: str = "", files=None) -> Path:
    yml = (
        f"site_name: Testi\nsite_url: https://example.fi/\ntheme:\n{theme}"
        "plugins:\n  - search\n" + (I18N if i18n else "") + "  - seloste:\n"
        "      lint: false\n      fatal: false\n" + extra
    )
    docs = {}
    for lang in ("fi", "en") if i18n else ("",):
        for name, text in PAGES.items():
            docs[f"docs/{lang}/{name}" if lang else f"docs/{name}"] = text
    return write_site(
        root, {"mkdocs.yml": yml, "data/registry.yaml": MINIMAL_REGISTRY, **docs, **(files or {})}
    )


def _build(root: Path, out: str) -> dict[str, bytes]:
    logging.disable(logging.WARNING)
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / out)))
    finally:
        logging.disable(logging.NOTSET)
    return {
        str(p.relative_to(root / out)): p.read_bytes()
        for p in sorted((root / out).rglob("*"))
        if p.is_file() and p.suffix != ".gz"
    }


def _both_ways(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict, list[int]]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")  # the same build date both ways
    kept: list[int] = []
    original = mkdocs_partials.keep_config_partials

    def counting(env, config) -> int:
        kept.append(original(env, config))
        return kept[-1]

    monkeypatch.setattr(mkdocs_partials, "keep_config_partials", counting)
    once = _build(root, "site-kept")
    monkeypatch.setattr(mkdocs_partials, "keep_config_partials", lambda env, config: 0)
    every = _build(root, "site-every")
    return once, every, kept


MATERIAL = "  name: material\n  language: fi\n  font: false\n"


@pytest.mark.parametrize(
    ("i18n", "extra"),
    [
        (True, "extra:\n  analytics: {provider: google, property: G-ABCDEF1234}\n"),
        (False, "repo_url: https://github.com/example/sivut\n"),
    ],
)
def test_material_pages_are_the_same_with_the_banner_kept(tmp_path, monkeypatch, i18n, extra):
    root = _site(tmp_path, theme=MATERIAL, i18n=i18n, extra=extra)
    once, every, kept = _both_ways(root, monkeypatch)
    assert kept and all(n == 1 for n in kept)  # once per language build
    assert once.keys() == every.keys()
    pages = [name for name in once if name.endswith(".html")]
    assert len(pages) >= (8 if i18n else 4)
    for name in once:
        assert once[name] == every[name], name
    assert all(b'data-md-component="consent"' in once[name] for name in pages)


def test_an_override_of_the_partial_is_rendered_for_each_page(tmp_path, monkeypatch):
    override = "<h4>{{ page.title if page else 'x' }}</h4><p>{{ config.extra.consent.title }}</p>\n"
    root = _site(
        tmp_path,
        theme=MATERIAL + "  custom_dir: overrides\n",
        i18n=False,
        extra="repo_url: https://github.com/example/sivut\n",
        files={"overrides/partials/consent.html": override},
    )
    once, every, kept = _both_ways(root, monkeypatch)
    assert kept == [0]
    assert once == every
    assert b"<h4>Sivu</h4>" in once["sivu/index.html"]
    assert b"<h4>Toinen</h4>" in once["osio/toinen/index.html"]


def test_another_theme_keeps_nothing(tmp_path, monkeypatch):
    root = _site(
        tmp_path,
        theme="  name: mkdocs\n",
        i18n=False,
        extra="repo_url: https://github.com/example/sivut\n",
    )
    once, every, kept = _both_ways(root, monkeypatch)
    assert kept in ([], [0])
    assert once == every
