"""The MkDocs plugin in real builds: page injection with and without static-i18n,
the language switcher, navigation, collisions, and clean errors."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MINIMAL_REGISTRY, build_site

I18N_PLUGIN = """\
  - i18n:
      docs_structure: {layout}
      languages:
        - {{locale: fi, name: Suomi, default: true, build: true}}
        - {{locale: en, name: English, build: true}}
"""


def mkdocs_yml(*, i18n: str | None = "folder", nav: str = "", seloste: str = "") -> str:
    plugins = "plugins:\n  - search\n"
    if i18n:
        plugins += I18N_PLUGIN.format(layout=i18n)
    plugins += "  - seloste:\n      audit: false\n      lint: false\n" + seloste
    return (
        "site_name: Testi\nsite_url: https://testi.example/\n"
        "theme: {name: material, font: false}\n" + plugins + nav
    )


def folder_site(site_factory, **kwargs) -> Path:
    return site_factory(
        {
            "mkdocs.yml": mkdocs_yml(**kwargs),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/fi/index.md": "# Etusivu\n\n[Tietosuojaseloste](privacy.md)\n",
            "docs/en/index.md": "# Home\n\n[Privacy notice](privacy.md)\n",
        }
    )


def switcher_links(html: str) -> dict[str, str]:
    return dict(
        (lang, href)
        for href, lang in re.findall(
            r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"', html
        )
    )


def test_folder_layout_injects_both_languages_at_default_paths(site_factory):
    build = build_site(folder_site(site_factory), "--strict")
    assert build.returncode == 0, build.output
    fi = build.page("tietosuojaseloste/index.html")
    en = build.page("en/privacy/index.html")
    assert "Testi Oy" in fi and "Testi Oy" in en
    assert "Asiakassuhteen hoitaminen" in fi
    assert "Managing the customer relationship" in en
    assert (build.site / "evasteet/index.html").is_file()
    assert (build.site / "en/cookies/index.html").is_file()


def test_language_switcher_links_fi_and_en_notices_both_ways(site_factory):
    build = build_site(folder_site(site_factory))
    assert build.returncode == 0, build.output
    fi_links = switcher_links(build.page("tietosuojaseloste/index.html"))
    en_links = switcher_links(build.page("en/privacy/index.html"))
    assert fi_links["en"] == "../en/privacy/"
    assert en_links["fi"] == "../../tietosuojaseloste/"
    cookie_links = switcher_links(build.page("evasteet/index.html"))
    assert cookie_links["en"] == "../en/cookies/"


def test_links_to_notice_by_nav_name_resolve_per_language(site_factory):
    build = build_site(folder_site(site_factory), "--strict")
    assert build.returncode == 0, build.output
    assert 'href="tietosuojaseloste/"' in build.page("index.html")
    assert 'href="privacy/"' in build.page("en/index.html")


def test_sitemap_lists_notices(site_factory):
    build = build_site(folder_site(site_factory))
    sitemap = build.page("sitemap.xml")
    assert "https://testi.example/tietosuojaseloste/" in sitemap
    assert "https://testi.example/en/privacy/" in sitemap


def test_suffix_layout(site_factory):
    root = site_factory(
        {
            "mkdocs.yml": mkdocs_yml(i18n="suffix"),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.fi.md": "# Etusivu\n",
            "docs/index.en.md": "# Home\n",
        }
    )
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output
    assert "Asiakassuhteen hoitaminen" in build.page("tietosuojaseloste/index.html")
    assert "Managing the customer relationship" in build.page("en/privacy/index.html")
    assert switcher_links(build.page("en/privacy/index.html"))["fi"] == "../../tietosuojaseloste/"


def test_without_i18n_one_language_from_config(site_factory):
    root = site_factory(
        {
            "mkdocs.yml": mkdocs_yml(i18n=None, seloste="      language: en\n"),
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": "# Home\n",
        }
    )
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output
    # the only language sits at the site root, at its own default path
    assert "Managing the customer relationship" in build.page("privacy/index.html")
    assert not (build.site / "tietosuojaseloste").exists()


def test_configured_paths(site_factory):
    root = folder_site(
        site_factory,
        seloste="      privacy_page:\n        paths: {fi: tietosuoja/, en: data-protection/}\n",
    )
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output
    assert (build.site / "tietosuoja/index.html").is_file()
    assert (build.site / "en/data-protection/index.html").is_file()


def test_pages_go_where_the_nav_puts_them(site_factory):
    nav = "nav:\n  - privacy.md\n  - index.md\n  - cookies.md\n"
    build = build_site(folder_site(site_factory, nav=nav), "--strict")
    assert build.returncode == 0, build.output
    links = re.findall(r'href="([^"]*)" class="md-nav__link', build.page("en/index.html"))
    assert links.index("privacy/") < links.index("./") < links.index("cookies/")


def test_automatic_nav_puts_notices_last(site_factory):
    root = folder_site(site_factory)
    (root / "docs/fi/zeta.md").write_text("# Zeta\n")
    (root / "docs/en/zeta.md").write_text("# Zeta\n")
    build = build_site(root)
    links = re.findall(r'href="([^"]*)" class="md-nav__link', build.page("en/index.html"))
    assert links[-2:] == ["privacy/", "cookies/"]


def test_users_own_page_at_same_address_is_an_error_naming_both(site_factory):
    root = folder_site(site_factory)
    own = root / "docs/fi/tietosuojaseloste.md"
    own.write_text("# Oma seloste\n")
    build = build_site(root)
    assert build.returncode != 0
    assert "docs/fi/tietosuojaseloste.md" in build.output
    assert "/tietosuojaseloste/" in build.output and "data/registry.yaml" in build.output
    assert "Traceback" not in build.output
    assert own.read_text() == "# Oma seloste\n"  # never overwritten


def test_users_own_page_with_same_name_is_an_error(site_factory):
    root = folder_site(site_factory)
    (root / "docs/en/privacy.md").write_text("# My privacy page\n")
    build = build_site(root)
    assert build.returncode != 0
    assert "docs/en/privacy.md" in build.output and "same name" in build.output


def test_nothing_is_written_into_docs(site_factory):
    root = folder_site(site_factory)
    before = sorted(p.relative_to(root) for p in (root / "docs").rglob("*"))
    build = build_site(root)
    assert build.returncode == 0, build.output
    assert sorted(p.relative_to(root) for p in (root / "docs").rglob("*")) == before


def test_registry_error_stops_build_with_one_line_and_no_traceback(site_factory):
    root = folder_site(site_factory)
    registry = root / "data/registry.yaml"
    registry.write_text(
        MINIMAL_REGISTRY.replace("legal_basis: contract", "legal_basis: oikeutettu")
    )
    build = build_site(root)
    assert build.returncode != 0
    assert re.search(
        r"data/registry\.yaml:9:22: R105 registers\[0\]\.purposes\[0\]\.legal_basis: "
        r"'oikeutettu' is not one of consent, contract",
        build.output,
    ), build.output
    assert "Traceback" not in build.output


def test_missing_translation_fails_build(site_factory):
    root = folder_site(site_factory)
    registry = root / "data/registry.yaml"
    registry.write_text(
        MINIMAL_REGISTRY.replace(
            "{fi: Asiakasrekisteri, en: Customer register}", "{fi: Asiakasrekisteri}"
        )
    )
    build = build_site(root)
    assert build.returncode != 0
    assert "data/registry.yaml:6:11: R109 registers[0].name: text has no en version" in build.output
    assert "Traceback" not in build.output


def test_duplicate_key_fails_build(site_factory):
    root = folder_site(site_factory)
    registry = root / "data/registry.yaml"
    registry.write_text(MINIMAL_REGISTRY + "dates:\n  created: 2024-02-01\n")
    build = build_site(root)
    assert build.returncode != 0
    assert "data/registry.yaml:14:1: R102 duplicate key 'dates' (first at line 12)" in build.output


HOTJAR = (
    "<script>(function(h,o,t,j,a,r){h._hjSettings={hjid:3712345,hjsv:6};"
    "r=o.createElement('script');r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;"
    "})(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');</script>\n"
)


def audited_site(site_factory, seloste: str = "") -> Path:
    """Both languages' pages carry an undeclared Hotjar snippet."""
    yml = mkdocs_yml(seloste=seloste).replace("      audit: false\n      lint: false\n", "")
    return site_factory(
        {
            "mkdocs.yml": yml,
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/fi/index.md": "# Etusivu\n\n" + HOTJAR,
            "docs/en/index.md": "# Home\n\n" + HOTJAR,
        }
    )


def test_audit_reports_once_for_all_languages_and_serve_style_build_passes(site_factory):
    build = build_site(audited_site(site_factory, seloste="      fatal: false\n"))
    assert build.returncode == 0, build.output  # fatal: false: a warning, the build goes on
    t101 = [line for line in build.output.splitlines() if " T101 " in line]
    assert len(t101) == 1, build.output
    assert "hotjar" in t101[0].lower()
    # the one finding names the pages of both languages
    assert "index.html" in build.output and "en/index.html" in build.output


def test_audit_findings_fail_strict_build(site_factory):
    build = build_site(audited_site(site_factory), "--strict")
    assert build.returncode != 0
    assert "T101" in build.output and "Traceback" not in build.output


def test_fatal_option_fails_build_without_strict(site_factory):
    build = build_site(audited_site(site_factory, seloste="      fatal: true\n"))
    assert build.returncode != 0
    assert "error-level finding" in build.output and "T101" in build.output


def test_plain_build_fails_on_an_undeclared_tracker_by_default(site_factory):
    # `mkdocs build` and `mkdocs gh-deploy` without --strict must not publish it either.
    build = build_site(audited_site(site_factory))
    assert build.returncode != 0, build.output
    assert "T101" in build.output and "fatal: false" in build.output
    assert "Traceback" not in build.output


def test_build_prints_one_summary_line(site_factory):
    build = build_site(audited_site(site_factory, seloste="      fatal: false\n"))
    lines = [line for line in build.output.splitlines() if "seloste: notices" in line]
    assert len(lines) == 1, build.output  # once per build, not per language
    line = lines[0]
    assert line.startswith("INFO")
    assert "notices fi, en (4 pages)" in line
    assert "0 services declared" in line
    assert "files scanned" in line
    assert re.search(r"; [1-9]\d* errors?, \d+ warnings?, \d+ info;", line), line
    assert "build " in line and line.rstrip().endswith(" s")


def test_summary_can_be_switched_off(site_factory):
    build = build_site(
        audited_site(site_factory, seloste="      fatal: false\n      summary: false\n")
    )
    assert "seloste: notices" not in build.output


def test_attr_list_is_enabled_for_the_notices_heading_ids(site_factory):
    # The test sites configure no markdown_extensions at all.
    build = build_site(folder_site(site_factory))
    assert build.returncode == 0, build.output
    fi = build.page("tietosuojaseloste/index.html")
    assert 'id="controller"' in fi
    assert "{#controller}" not in fi


def test_evidence_is_shown_under_the_site_directory(site_factory):
    build = build_site(audited_site(site_factory))
    t101 = next(line for line in build.output.splitlines() if " T101 " in line)
    assert "site/index.html" in build.output, t101


def test_cookie_page_offers_settings_exactly_when_a_banner_is_shown(site_factory):
    # The registry declares nothing that needs consent: no banner, no settings button.
    quiet = build_site(folder_site(site_factory))
    assert quiet.returncode == 0, quiet.output
    assert 'href="#__consent"' not in quiet.page("evasteet/index.html")
    # Material's own analytics makes a banner appear: the notice must offer the control.
    root = folder_site(site_factory)
    yml = root / "mkdocs.yml"
    yml.write_text(
        yml.read_text() + "extra:\n  analytics:\n    provider: google\n    property: G-ABC123\n"
    )
    banner = build_site(root)
    assert banner.returncode == 0, banner.output
    assert 'href="#__consent"' in banner.page("evasteet/index.html")
    assert 'href="#__consent"' in banner.page("en/cookies/index.html")


def test_a_looping_asset_in_the_built_site_is_a_finding_not_a_crash(tmp_path):
    from seloste.mkdocs_plugin import SelostePlugin
    from seloste.scan import Scanner
    from seloste.scan.model import ScanResult

    (tmp_path / "ok.js").write_text("var a = 1;\n", encoding="utf-8")
    (tmp_path / "loop.js").symlink_to(tmp_path / "loop.js")
    plugin = SelostePlugin()
    plugin.scanner, plugin.scan_result = Scanner(), ScanResult()
    plugin._scan_site_assets(str(tmp_path))
    assert [f.path for f in plugin.findings if f.code.startswith("S10")] == ["loop.js"]
    assert plugin.scan_result.files_scanned == 1
