"""Seloste on the shapes real MkDocs sites have (issue #10): site languages without notice
wording (fallback), suffix and folder layouts, ``use_directory_urls: false``, a subfolder
without ``site_url``, explicit nav, single-language sites, the ``mkdocs`` and
``readthedocs`` themes. Every fixture is a real ``mkdocs build --strict``."""

from __future__ import annotations

import re

from conftest import MINIMAL_REGISTRY, Build, build_site, run_seloste
from test_mkdocs_plugin import switcher_links

GA_REGISTRY = MINIMAL_REGISTRY + "services:\n  - id: google-analytics\n    ids: [G-ABC123]\n"
GA_EXTRA = "extra:\n  analytics: {provider: google, property: G-ABC123}\n"


def i18n_block(layout: str, languages: list[str]) -> str:
    lines = [f"  - i18n:\n      docs_structure: {layout}\n      languages:\n"]
    for index, lang in enumerate(languages):
        default = ", default: true" if index == 0 else ""
        lines.append(f"        - {{locale: {lang}, name: {lang.upper()}, build: true{default}}}\n")
    return "".join(lines)


def site_yml(
    *,
    i18n: str = "",
    seloste: str = "",
    extra: str = "",
    theme: str = "{name: material, font: false}",
    site_url: str | None = "https://example.org/",
) -> str:
    return (
        "site_name: Test\n"
        + (f"site_url: {site_url}\n" if site_url else "")
        + f"theme: {theme}\n"
        + "plugins:\n  - search\n"
        + i18n
        + "  - seloste:\n      lint: false\n"
        + seloste
        + extra
    )


def strict_build(site_factory, files: dict[str, str]) -> Build:
    """Write ``files`` as a site and run ``mkdocs build --strict`` on it; the build must pass."""
    build = build_site(site_factory(files), "--strict")
    assert build.returncode == 0, build.output
    return build


def links_in(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


# -- 1. site languages beyond the notice languages ---------------------------------------


def test_suffix_layout_with_a_language_without_wording_falls_back_to_english(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(i18n=i18n_block("suffix", ["en", "fr"])),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.en.md": "# Home\n",
            "docs/index.fr.md": "# Accueil\n",
        },
    )
    assert "Traceback" not in build.output
    fr = build.page("fr/privacy/index.html")
    # the English notice at the French address, marked as English text
    assert "Managing the customer relationship" in fr
    assert '<div lang="en">' in fr
    assert "Managing the customer relationship" in build.page("privacy/index.html")
    # language switcher both ways, nav of the French pages
    assert switcher_links(fr)["en"] == "../../privacy/"
    assert switcher_links(build.page("privacy/index.html"))["fr"] == "../fr/privacy/"
    assert "privacy/" in links_in(build.page("fr/index.html"))
    # the info line names the fallback
    assert "fr" in build.output and "show the en notice" in build.output


def test_folder_layout_en_zh_with_analytics_banner_in_english_links_zh_cookie_page(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(i18n=i18n_block("folder", ["en", "zh"]), extra=GA_EXTRA),
            "data/registry.yaml": GA_REGISTRY,
            "docs/en/index.md": "# Home\n",
            "docs/zh/index.md": "# 首页\n",
        },
    )
    zh_home = build.page("zh/index.html")
    # the banner on Chinese pages (English wording) links the zh cookie page, relative
    assert 'href="cookies/"' in zh_home
    assert "cookies" in zh_home and "md-consent" in zh_home
    assert (build.site / "zh/cookies/index.html").is_file()


def test_fallback_language_option_and_a_wrong_value(site_factory):
    files = {
        "data/registry.yaml": MINIMAL_REGISTRY,
        "docs/index.fi.md": "# Etusivu\n",
        "docs/index.en.md": "# Home\n",
        "docs/index.de.md": "# Start\n",
    }
    build = strict_build(
        site_factory,
        {
            **files,
            "mkdocs.yml": site_yml(
                i18n=i18n_block("suffix", ["fi", "en", "de"]),
                seloste="      fallback_language: fi\n",
            ),
        },
    )
    assert "Asiakassuhteen hoitaminen" in build.page("de/privacy/index.html")
    bad = site_factory(
        {
            **files,
            "mkdocs.yml": site_yml(
                i18n=i18n_block("suffix", ["fi", "en", "de"]),
                seloste="      fallback_language: de\n",
            ),
        }
    )
    build = build_site(bad)
    assert build.returncode != 0
    assert "fallback_language 'de' is not one of the notice languages (fi, en)" in build.output
    assert "Traceback" not in build.output


def test_validate_and_lint_check_what_the_build_checks(tmp_path):
    (tmp_path / "r.yaml").write_text(MINIMAL_REGISTRY, encoding="utf-8")
    ok = run_seloste("validate", "-r", "r.yaml", "--lang", "en", "--lang", "fr", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "pages in fr show the en notice" in ok.stderr
    assert "languages en)" in ok.stdout  # what is checked: the notice languages
    # an English text missing: validate, lint and the build all fail on it
    broken = MINIMAL_REGISTRY.replace(", en: Customer register", "")
    (tmp_path / "b.yaml").write_text(broken, encoding="utf-8")
    for command in ("validate", "lint"):
        out = run_seloste(command, "-r", "b.yaml", "--lang", "en", "--lang", "fr", cwd=tmp_path)
        assert out.returncode == 2, out.stdout + out.stderr
        assert "R109" in out.stdout + out.stderr
        assert "no en version" in out.stdout + out.stderr
        assert "no fr version" not in out.stdout + out.stderr


# -- 2. the default notice language ------------------------------------------------------


def test_single_language_english_site_gets_english_notices_by_default(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": "# Home\n",
        },
    )
    page = build.page("privacy/index.html")
    assert '<html lang="en"' in page
    assert "Managing the customer relationship" in page
    assert not (build.site / "tietosuojaseloste").exists()


def test_theme_language_decides_the_notice_language(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(theme="{name: material, font: false, language: fi}"),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": "# Etusivu\n",
        },
    )
    assert "Asiakassuhteen hoitaminen" in build.page("tietosuojaseloste/index.html")


# -- 3. links by MkDocs' rules -----------------------------------------------------------


def test_use_directory_urls_false_links_html_files(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": "use_directory_urls: false\n"
            + site_yml(i18n=i18n_block("folder", ["fi", "en"]), extra=GA_EXTRA),
            "data/registry.yaml": GA_REGISTRY,
            "docs/fi/index.md": "# Etusivu\n",
            "docs/fi/guide/page.md": "# Ohje\n",
            "docs/en/index.md": "# Home\n",
            "docs/en/guide/page.md": "# Guide\n",
        },
    )
    assert (build.site / "evasteet.html").is_file()
    assert (build.site / "en/cookies.html").is_file()
    home = build.page("index.html")
    deep = build.page("en/guide/page.html")
    assert 'href="evasteet.html"' in home  # the banner's link
    assert 'href="../cookies.html"' in deep
    privacy = build.page("en/privacy.html")
    assert 'href="cookies.html' in privacy  # the notice's cross link
    for html in (home, deep, privacy):
        assert not any(link.endswith(("/evasteet/", "/cookies/")) for link in links_in(html))


def test_subfolder_without_site_url_has_only_relative_links_to_notices(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(site_url=None, extra=GA_EXTRA),
            "data/registry.yaml": GA_REGISTRY,
            "docs/index.md": "# Home\n",
            "docs/a/b.md": "# Deep\n",
        },
    )
    deep = build.page("a/b/index.html")
    assert 'href="../../cookies/"' in deep
    for page in ("index.html", "a/b/index.html", "privacy/index.html", "cookies/index.html"):
        html = build.page(page)
        assert not [link for link in links_in(html) if link.startswith("/")], page
        assert not re.search(r'src="/(?!/)', html), page


# -- 4. explicit nav ---------------------------------------------------------------------


def test_explicit_nav_gets_the_notices_appended(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(i18n=i18n_block("folder", ["fi", "en"]))
            + "nav:\n  - index.md\n  - guide.md\n",
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/fi/index.md": "# Etusivu\n",
            "docs/fi/guide.md": "# Ohje\n",
            "docs/en/index.md": "# Home\n",
            "docs/en/guide.md": "# Guide\n",
        },
    )
    en = build.page("en/guide/index.html")
    assert 'href="../privacy/"' in en and 'href="../cookies/"' in en
    fi = build.page("guide/index.html")
    assert 'href="../tietosuojaseloste/"' in fi and 'href="../evasteet/"' in fi


def test_explicit_nav_section_option(site_factory):
    build = strict_build(
        site_factory,
        {
            "mkdocs.yml": site_yml(seloste="      nav_section: Legal\n")
            + "nav:\n  - index.md\n  - About:\n      - about.md\n",
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": "# Home\n",
            "docs/about.md": "# About\n",
        },
    )
    home = build.page("index.html")
    assert "Legal" in home
    legal = home[home.index("Legal") :]
    assert 'href="privacy/"' in legal and 'href="cookies/"' in legal


def test_explicit_nav_omit_warns_with_the_exact_nav_yaml(site_factory):
    root = site_factory(
        {
            "mkdocs.yml": site_yml(seloste="      nav_placement: omit\n") + "nav:\n  - index.md\n",
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": "# Home\n",
        }
    )
    build = build_site(root, "--strict")
    assert build.returncode != 0
    assert "nav:\n  # … your pages …\n  - privacy.md\n  - cookies.md" in build.output
    assert 'href="privacy/"' not in build.page("index.html")
    # a nav that names them itself: no warning
    (root / "mkdocs.yml").write_text(
        site_yml(seloste="      nav_placement: omit\n")
        + "nav:\n  - index.md\n  - privacy.md\n  - cookies.md\n",
        encoding="utf-8",
    )
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output


# -- 5. other themes ---------------------------------------------------------------------


def test_mkdocs_and_readthedocs_themes_build_strict_with_notices(site_factory):
    for theme in ("mkdocs", "readthedocs"):
        build = strict_build(
            site_factory,
            {
                # highlightjs: both themes load highlight.js from cdnjs by default (a T105)
                "mkdocs.yml": site_yml(theme=f"{{name: {theme}, highlightjs: false}}"),
                "data/registry.yaml": MINIMAL_REGISTRY,
                "docs/index.md": "# Home\n",
            },
        )
        cookies = build.page("cookies/index.html")
        assert "Testi Oy" in build.page("privacy/index.html")
        # no banner on this theme: no dead settings button either
        assert "__consent" not in cookies


def test_other_theme_with_consent_needed_gets_selostes_own_banner(site_factory):
    # (Before issue #11 this stopped the build: no banner existed for other themes.)
    root = site_factory(
        {
            "mkdocs.yml": site_yml(theme="{name: readthedocs, highlightjs: false}", extra=GA_EXTRA),
            "data/registry.yaml": GA_REGISTRY,
            "docs/index.md": "# Home\n",
        }
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    page = build.page("index.html")
    assert page.count('id="__consent" class="seloste-consent" data-seloste-banner') == 1
    assert page.index("seloste-consent.js") < page.index("</head>")
    assert "data-seloste-settings>" in page
