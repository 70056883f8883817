"""``seloste render --generator``, ``seloste inject`` and the publication checks (T112–T115)
without running a generator: file layouts, front matter, safety and fix hints."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from generator_sites import REGISTRY, seloste

GA_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="generator" content="{generator}">
<title>{title}</title>
{analytics}
</head><body><main><p>{title}</p>{links}</main><footer><p>©</p></footer></body></html>
"""
GATED = (
    '<script type="text/plain" data-category="analytics" '
    'data-src="https://www.googletagmanager.com/gtag/js?id=G-TESTI12345"></script>'
)
# What Hugo 0.111's {{ template "_internal/google_analytics.html" . }} writes.
HUGO_INTERNAL_GA = """<script async src="https://www.googletagmanager.com/gtag/js?id=G-TESTI12345"></script>
<script>
var doNotTrack = false;
if (!doNotTrack) {
	window.dataLayer = window.dataLayer || [];
	function gtag(){dataLayer.push(arguments);}
	gtag('js', new Date());
	gtag('config', 'G-TESTI12345', { 'anonymize_ip': false });
}
</script>"""


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# Written by `seloste render`")
    return yaml.safe_load(text.split("---\n")[1])


def render(tmp_path: Path, *args: str):
    return seloste("render", "-r", REGISTRY, "-o", tmp_path / "out", *args)


# --- render ---------------------------------------------------------------------------------


def test_hugo_filename_languages_with_translation_keys(tmp_path):
    assert render(tmp_path, "-g", "hugo", "--layout", "suffix").exit_code == 0
    out = tmp_path / "out"
    # HTML content files by default: Hugo's Goldmark would drop the notices' raw HTML.
    assert sorted(p.name for p in out.iterdir()) == [
        "cookies.en.html",
        "evasteet.fi.html",
        "privacy.en.html",
        "tietosuojaseloste.fi.html",
    ]
    fi, en = front_matter(out / "evasteet.fi.html"), front_matter(out / "cookies.en.html")
    assert fi["translationKey"] == en["translationKey"] == "seloste-cookies"
    assert en["title"] == "Cookie notice"
    text = (out / "cookies.en.html").read_text(encoding="utf-8")
    assert '<h2 id="cookies-we-use">' in text and 'href="#__consent"' in text


def test_hugo_markdown_has_no_raw_html_settings_button(tmp_path):
    assert render(tmp_path, "-g", "hugo", "--format", "md").exit_code == 0
    text = (tmp_path / "out/cookies.en.md").read_text(encoding="utf-8")
    assert "[Cookie settings](#__consent)" in text and "md-button" not in text


def test_hugo_shortcodes_never_run_from_registry_text(tmp_path):
    hostile = tmp_path / "registry.yaml"
    hostile.write_text(
        REGISTRY.read_text().replace("name: Testi Oy", 'name: "Testi {{< param x >}} Oy"')
    )
    result = seloste("render", "-r", hostile, "-o", tmp_path / "out", "-g", "hugo")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out/privacy.en.html").read_text(encoding="utf-8")
    assert "{{" not in text and "Testi &#123;&#123;&lt; param x &gt;}} Oy" in text


def test_hugo_layout_read_from_the_sites_config(tmp_path):
    (tmp_path / "hugo.toml").write_text(
        '[languages.fi]\ncontentDir = "content/fi"\n[languages.en]\ncontentDir = "content/en"\n'
    )
    result = seloste("render", "-g", "hugo", "-r", REGISTRY, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "content/fi/tietosuojaseloste.html").is_file()
    assert (tmp_path / "content/en/privacy.html").is_file()


def test_jekyll_front_matter_has_layout_lang_permalink_and_no_liquid(tmp_path):
    assert render(tmp_path, "-g", "jekyll").exit_code == 0
    meta = front_matter(tmp_path / "out/en/privacy.md")
    assert meta == {
        "layout": "page",
        "title": "Privacy notice",
        "lang": "en",
        "permalink": "/en/privacy/",
        "render_with_liquid": False,
        "ref": "seloste-privacy",
    }
    assert front_matter(tmp_path / "out/tietosuojaseloste.md")["permalink"] == "/tietosuojaseloste/"
    assert render(tmp_path, "-g", "jekyll", "--page-layout", "legal").exit_code == 0
    assert front_matter(tmp_path / "out/en/privacy.md")["layout"] == "legal"


@pytest.mark.parametrize("generator", ["zensical", "mkdocs"])
def test_mkdocs_family_links_source_files(tmp_path, generator):
    assert render(tmp_path, "-g", generator, "--layout", "folder").exit_code == 0
    fi = (tmp_path / "out/fi/evasteet.md").read_text(encoding="utf-8")
    en = (tmp_path / "out/en/privacy.md").read_text(encoding="utf-8")
    assert "](tietosuojaseloste.md)" in fi
    assert "](cookies.md)" in en


def test_suffix_layout_links_without_the_language(tmp_path):
    assert render(tmp_path, "-g", "mkdocs", "--layout", "suffix").exit_code == 0
    text = (tmp_path / "out/privacy.en.md").read_text(encoding="utf-8")
    assert "](cookies.md)" in text


def test_zensical_settings_link_escapes_the_anchor_check(tmp_path):
    assert render(tmp_path, "-g", "zensical").exit_code == 0
    text = (tmp_path / "out/en/cookies.md").read_text(encoding="utf-8")
    assert 'href="&#35;__consent"' in text and 'href="#__consent"' not in text


def test_render_never_overwrites_a_users_file_without_force(tmp_path):
    mine = tmp_path / "out/en/privacy.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own page\n")
    refused = render(tmp_path, "-g", "jekyll")
    assert refused.exit_code == 2 and " G102 " in refused.output
    assert mine.read_text() == "my own page\n"
    assert not (tmp_path / "out/tietosuojaseloste.md").exists()  # nothing half-written
    assert render(tmp_path, "-g", "jekyll", "--force").exit_code == 0
    # Seloste's own files are replaced on the next run without --force.
    assert render(tmp_path, "-g", "jekyll").exit_code == 0
    assert "Privacy notice" in mine.read_text()


def test_unsupported_layout_is_an_input_error(tmp_path):
    result = render(tmp_path, "-g", "jekyll", "--layout", "suffix")
    assert result.exit_code == 2 and "G101 " in result.output and "Traceback" not in result.output


# --- zensical.toml --------------------------------------------------------------------------


def test_consent_as_zensical_toml_is_the_same_config():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    toml = seloste("consent", "-r", REGISTRY, "--lang", "en", "--config", "zensical")
    assert toml.exit_code == 0, toml.output
    as_yaml = seloste("consent", "-r", REGISTRY, "--lang", "en")
    expected = yaml.safe_load(as_yaml.output)["extra"]["consent"]
    assert tomllib.loads(toml.output)["project"]["extra"]["consent"] == expected
    assert expected["cookies"]["analytics"]["checked"] is False


# --- inject ---------------------------------------------------------------------------------


def hugo_like_site(root: Path, analytics: str = GATED, generator: str = "Hugo 0.111.3") -> Path:
    pages = {
        "index.html": ("fi", "Etusivu"),
        "en/index.html": ("en", "Home"),
        "tietosuojaseloste/index.html": ("fi", "Tietosuojaseloste"),
        "evasteet/index.html": ("fi", "Evästeseloste"),
        "en/privacy/index.html": ("en", "Privacy notice"),
        "en/cookies/index.html": ("en", "Cookie notice"),
    }
    for rel, (lang, title) in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            GA_PAGE.format(
                lang=lang, generator=generator, title=title, analytics=analytics, links=""
            ),
            encoding="utf-8",
        )
    return root


def test_inject_puts_script_before_analytics_and_links_in_the_footer(tmp_path):
    site = hugo_like_site(tmp_path / "public")
    assert seloste("inject", site, "-r", REGISTRY).exit_code == 0
    page = (site / "en/index.html").read_text(encoding="utf-8")
    assert page.index("seloste-consent.js") < page.index("googletagmanager")
    assert 'src="../assets/javascripts/seloste-consent.js"' in page
    footer = page[page.index("<footer>") : page.index("</footer>")]
    assert '<a href="privacy/">Privacy notice</a>' in footer
    assert '<a href="cookies/">Cookie notice</a>' in footer
    assert 'href="#__consent"' in footer
    fi = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="tietosuojaseloste/">Tietosuojaseloste</a>' in fi
    # The notice pages link each other's translations.
    assert '<link rel="alternate" hreflang="fi" href="../../tietosuojaseloste/">' in (
        site / "en/privacy/index.html"
    ).read_text(encoding="utf-8")


def test_inject_updates_its_own_additions_when_the_registry_changes(tmp_path):
    site = hugo_like_site(tmp_path / "public")
    assert seloste("inject", site, "-r", REGISTRY).exit_code == 0
    changed = tmp_path / "registry.yaml"
    changed.write_text(
        REGISTRY.read_text().replace(
            "  - id: google-analytics\n",
            "  - id: hotjar\n    ids: ['1']\n  - id: google-analytics\n",
        )
    )
    assert seloste("inject", site, "-r", changed).exit_code == 0
    page = (site / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<script src="[^"]*seloste-consent.js"', page)) == 1
    assert page.count("seloste:links-->") == 2


def test_inject_never_writes_outside_the_site(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("<html><head></head><body></body></html>")
    site = hugo_like_site(tmp_path / "public")
    os.symlink(outside, site / "linked")
    os.symlink(outside / "index.html", site / "page.html")
    assert seloste("inject", site, "-r", REGISTRY).exit_code == 0
    assert (outside / "index.html").read_text() == "<html><head></head><body></body></html>"
    assert sorted(p.name for p in outside.iterdir()) == ["index.html"]
    # The site folder given as a link is refused, whatever it points at.
    os.symlink(site, tmp_path / "site-link")
    refused = seloste("inject", tmp_path / "site-link", "-r", REGISTRY)
    assert refused.exit_code == 2 and " G103 " in refused.output


def test_inject_refuses_an_assets_folder_leading_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    site = hugo_like_site(tmp_path / "public")
    os.symlink(outside, site / "assets")
    refused = seloste("inject", site, "-r", REGISTRY)
    assert refused.exit_code == 2 and " G103 " in refused.output
    assert list(outside.iterdir()) == []


def test_404_page_gets_site_absolute_addresses(tmp_path):
    site = hugo_like_site(tmp_path / "public")
    (site / "404.html").write_text(
        GA_PAGE.format(lang="fi", generator="Hugo", title="404", analytics="", links="")
    )
    assert seloste("inject", site, "-r", REGISTRY, "--base-path", "/docs/").exit_code == 0
    page = (site / "404.html").read_text(encoding="utf-8")
    assert 'src="/docs/assets/javascripts/seloste-consent.js"' in page
    assert 'href="/docs/tietosuojaseloste/"' in page


# --- publication checks ---------------------------------------------------------------------


def test_check_reports_unpublished_notices_in_hugos_terms(tmp_path):
    site = hugo_like_site(tmp_path / "public")
    result = seloste("check", site, "-r", REGISTRY)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    t113 = [line for line in lines if " T113 " in line]
    assert len(t113) == 2 and "privacy notice is not linked from 4 pages" in t113[0]
    assert "layouts/partials/footer.html" in result.output
    assert any(" T114 " in line for line in lines) and any(" T115 " in line for line in lines)
    assert "seloste inject public/` after `hugo`" in result.output


def test_check_names_pages_under_the_folder_given_in_every_message(tmp_path, monkeypatch):
    """`seloste check public`: the publication checks' page lists (T113–T115) name pages
    under `public/` as the audit's messages and the locations do; `seloste check .` from
    inside the site names them as they are, without `./`."""
    hugo_like_site(tmp_path / "public")
    monkeypatch.chdir(tmp_path)
    result = seloste("check", "public", "-r", REGISTRY)
    for code in (" T113 ", " T114 ", " T115 "):
        line = next(line for line in result.output.splitlines() if code in line)
        assert "(public/index.html, public/en/index.html" in line, line
    monkeypatch.chdir(tmp_path / "public")
    inside = seloste("check", ".", "-r", REGISTRY)
    assert inside.exit_code == 1, inside.output
    assert "./" not in inside.output
    assert "(index.html, en/index.html" in inside.output


def test_sites_without_selostes_notices_are_audited_for_trackers_only(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        GA_PAGE.format(lang="fi", generator="x", title="x", analytics=GATED, links="")
    )
    assert seloste("check", site, "-r", REGISTRY).exit_code == 0
    forced = seloste("check", site, "-r", REGISTRY, "--publication", "on")
    assert forced.exit_code == 1 and forced.output.count(" T112 ") == 4


def test_hugos_internal_analytics_template_gets_a_hugo_hint(tmp_path):
    site = hugo_like_site(tmp_path / "public", analytics=HUGO_INTERNAL_GA)
    result = seloste("check", site, "-r", REGISTRY)
    t106 = result.output[result.output.index(" T106 ") :]
    t106 = t106[: t106.index("\n", t106.index("fix:") + 200)]
    assert "_internal/google_analytics.html" in t106
    assert "Material" not in t106 and "extra.consent" not in t106


def test_jekyll_theme_analytics_gets_a_jekyll_hint(tmp_path):
    site = hugo_like_site(tmp_path / "_site", analytics=HUGO_INTERNAL_GA, generator="Jekyll v4.3.1")
    result = seloste("check", site, "-r", REGISTRY)
    assert "google_analytics:` in _config.yml" in result.output
    assert "Material" not in result.output


def test_mkdocs_without_the_plugin_real_build(tmp_path):
    """`render --generator mkdocs` reads static-i18n's folder layout from mkdocs.yml."""
    from generator_sites import build, copy_fixture

    built = build("mkdocs", copy_fixture("mkdocs", tmp_path))
    assert (built.project / "docs/fi/tietosuojaseloste.md").is_file()
    en = built.page("en/privacy/index.html")
    assert '<html lang="en"' in en and "Controller and contact details" in en
    assert '<link rel="alternate" href="/tietosuojaseloste/" hreflang="fi">' in en
    result = seloste("check", built.site, "-r", REGISTRY, "--ignore", "T102")
    assert result.exit_code == 0, result.output
    assert " T112 " not in result.output and " T113 " not in result.output


def test_generator_given_on_the_command_line_wins(tmp_path):
    site = hugo_like_site(tmp_path / "out", generator="")
    result = seloste("check", site, "-r", REGISTRY, "--generator", "jekyll")
    assert "_includes/footer.html" in result.output


# --- the plugin without MkDocs 1.x ----------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "found"),
    [
        ("fake2", "found MkDocs 2.0.0a1"),
        ("import sys; sys.modules['mkdocs'] = None", "found no MkDocs"),
    ],
)
def test_plugin_without_mkdocs_1_says_so_in_one_line(tmp_path, setup, found):
    import subprocess
    import sys

    env = dict(os.environ)
    code = "import seloste.mkdocs_entry"
    if setup == "fake2":  # an MkDocs 2 pre-release: no mkdocs.config, no plugins
        (tmp_path / "mkdocs").mkdir()
        (tmp_path / "mkdocs/__init__.py").write_text('__version__ = "2.0.0a1"\n')
        env["PYTHONPATH"] = str(tmp_path)
    else:
        code = f"{setup}; {code}"
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert found in lines[0] and "seloste render --generator mkdocs" in lines[0]


def test_the_plugin_entry_point_is_the_checked_one():
    from importlib.metadata import entry_points

    from seloste.mkdocs_plugin import SelostePlugin

    point = entry_points(group="mkdocs.plugins")["seloste"]
    assert point.value == "seloste.mkdocs_entry:SelostePlugin"
    assert point.load() is SelostePlugin
