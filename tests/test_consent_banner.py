"""Seloste's own banner, the settings link, expiry and Consent Mode settings (no browser)."""

from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY, build_site, write_site
from seloste.cli import main
from seloste.consent import (
    ConsentScript,
    OwnBanner,
    add_own_banner,
    banner_html,
    expiry_period,
    insert_settings_link,
    uses_google_consent_mode,
)
from seloste.registry.load import load_registry

SERVICES = "services:\n  - id: google-analytics\n  - id: meta-pixel\n"


def registry(tmp_path, extra: str = SERVICES, name: str = "registry.yaml", text=None):
    path = tmp_path / name
    path.write_text((text or MINIMAL_REGISTRY) + extra, encoding="utf-8")
    return load_registry(path, ["fi", "en"])


PAGE = "<html><head><title>t</title></head><body><main>x</main>{footer}</body></html>"


def test_banner_html_is_self_contained_and_names_everything(tmp_path):
    out = banner_html(
        registry(tmp_path), "fi", privacy_url="/tietosuojaseloste/", cookie_url="/evasteet/"
    )
    assert out.startswith("<style data-seloste>") and out.endswith("</script>")
    assert "<link" not in out and " src=" not in out  # nothing to fetch
    text = re.sub(r"<[^>]+>", "", out)
    assert "Testi Oy käyttää sivustollaan evästeitä" in text
    assert "Google Analytics" in text and "Meta Pixel" in text
    assert "Google Ireland Limited" in text and "Meta Platforms Ireland Limited" in text
    assert '<a href="/evasteet/">evästeselosteesta</a>' in out
    assert '<a href="/tietosuojaseloste/">tietosuojaselosteesta</a>' in out
    assert "checked" not in out.split("<script")[0]  # nothing ticked in advance
    assert 'data-action="accept"' in out and 'data-action="reject"' in out


def test_banner_texts_from_the_registry_are_escaped(tmp_path):
    hostile = MINIMAL_REGISTRY.replace(
        "name: Testi Oy", 'name: "Testi <img src=x onerror=alert(1)> Oy"'
    )
    loaded = registry(tmp_path, SERVICES, text=hostile)
    out = banner_html(loaded, "en", cookie_url='/c/"><script>alert(1)</script>')
    assert "<img src=x" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert '"><script>alert(1)' not in out


def test_no_banner_when_nothing_needs_consent(tmp_path):
    loaded = registry(tmp_path, "")
    assert banner_html(loaded, "fi") == ""
    page = PAGE.format(footer="<footer>f</footer>")
    assert add_own_banner(page, "index.html", loaded, "fi") == page


def test_own_banner_page_gets_gating_script_link_and_banner_once(tmp_path):
    loaded = registry(tmp_path)
    banner = OwnBanner.for_language(loaded, "en", cookie_url="/en/cookies/")
    page = banner.insert(PAGE.format(footer="<footer>f</footer>"), "en/a/index.html")
    head = page[: page.index("</head>")]
    assert 'src="../../assets/javascripts/seloste-consent.js"' in head
    assert 'data-consent-mode="google"' in head and 'data-expiry="P12M"' in head
    assert '<footer>f<p class="seloste-settings-link"><a href="#__consent"' in page
    assert page.index("data-seloste-banner") > page.index("</footer>")
    assert banner.insert(page, "en/a/index.html") == page  # twice is once


def test_settings_link_goes_into_materials_footer_or_floats(tmp_path):
    material = '<footer><div class="md-footer-meta__inner md-grid"><div class="md-copyright">c</div></div></footer>'
    out = insert_settings_link(PAGE.format(footer=material), "fi")
    assert 'md-grid"><div class="md-copyright seloste-settings-link"><a href="#__consent"' in out
    assert ">Evästeasetukset</a>" in out
    bare = insert_settings_link(PAGE.format(footer=""), "en")
    assert 'style="position:fixed' in bare and ">Cookie settings</a></p></body>" in bare
    assert insert_settings_link(out, "fi") == out


def test_expiry_comes_from_the_registry(tmp_path):
    assert expiry_period(registry(tmp_path)) == "P12M"
    six = registry(tmp_path, SERVICES + "consent:\n  expiry: 6 months\n", "b.yaml")
    assert expiry_period(six) == "P6M"
    year = registry(tmp_path, SERVICES + "consent: {expiry: 1 year}\n", "c.yaml")
    assert ConsentScript.for_language(year, "fi").expiry == "P1Y"


def test_expiry_in_words_the_banner_cannot_read_is_an_input_error(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL_REGISTRY + "consent:\n  expiry: vuosi\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "-r", str(path)])
    assert result.exit_code == 2
    assert "consent.expiry" in result.output


def test_consent_mode_only_with_a_google_tag(tmp_path):
    assert uses_google_consent_mode(registry(tmp_path))
    meta = registry(tmp_path, "services:\n  - id: meta-pixel\n", "m.yaml")
    assert not uses_google_consent_mode(meta)
    assert uses_google_consent_mode(meta, material_analytics=True)
    assert "data-consent-mode" not in ConsentScript.for_language(meta, "fi").tag("/s.js")


def test_consent_command_writes_the_own_banner_and_never_overwrites(tmp_path):
    registry(tmp_path)
    out = tmp_path / "banner.html"
    args = ["consent", "-r", str(tmp_path / "registry.yaml"), "--lang", "en"]
    result = CliRunner().invoke(main, [*args, "--own-banner", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'href="/en/cookies/"' in html and 'href="/en/privacy/"' in html
    assert "data-settings-label=" in result.stdout and 'data-expiry="P12M"' in result.stdout
    printed = yaml.safe_load(result.stdout)
    assert 'href="/en/privacy/"' in printed["extra"]["consent"]["description"]
    out.write_text("mine", encoding="utf-8")
    again = CliRunner().invoke(main, [*args, "--own-banner", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert out.read_text(encoding="utf-8") == "mine"
    forced = CliRunner().invoke(main, [*args, "--own-banner", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8") == html


#: These sites test the banner; the audit and lint have their own tests.
QUIET = "  - seloste:\n      language: fi\n      audit: false\n      lint: false\n"


def _site(tmp_path, theme: str, plugin: str = QUIET):
    return write_site(
        tmp_path / theme,
        {
            "mkdocs.yml": f"site_name: T\ntheme:\n  name: {theme}\nplugins:\n{plugin}",
            "data/registry.yaml": MINIMAL_REGISTRY + SERVICES,
            "docs/index.md": "# Etusivu\n",
            "docs/toinen.md": "# Toinen\n",
        },
    )


def test_mkdocs_theme_gets_the_own_banner_on_every_page(tmp_path):
    build = build_site(_site(tmp_path, "mkdocs"))
    assert build.returncode == 0, build.output
    for page in ("index.html", "toinen/index.html", "evasteet/index.html", "404.html"):
        html = build.page(page)
        assert html.count('id="__consent" class="seloste-consent"') == 1, page
        assert html.index("seloste-consent.js") < html.index("</head>"), page
        assert html.count("data-seloste-settings>Evästeasetukset</a>") == 1, page
    # Relative to each page (works in a subfolder without site_url).
    assert '<a href="evasteet/">evästeselosteesta</a>' in build.page("index.html")
    assert '<a href="../evasteet/">evästeselosteesta</a>' in build.page("toinen/index.html")
    # 404.html is served at any depth: an absolute script address.
    assert 'src="/assets/javascripts/seloste-consent.js"' in build.page("404.html")


def test_material_pages_get_the_settings_link_and_no_own_banner(tmp_path):
    build = build_site(_site(tmp_path, "material"))
    assert build.returncode == 0, build.output
    for page in ("index.html", "toinen/index.html", "tietosuojaseloste/index.html"):
        html = build.page(page)
        assert "data-seloste-banner" not in html
        assert 'data-md-component="consent"' in html
        assert html.count("data-seloste-settings>Evästeasetukset</a>") == 1, page


def test_settings_link_can_be_turned_off(tmp_path):
    plugin = QUIET + "      settings_link: false\n"
    for theme in ("material", "mkdocs"):
        build = build_site(_site(tmp_path, theme, plugin))
        assert build.returncode == 0, build.output
        assert "data-seloste-settings" not in build.page("index.html"), theme


def test_banner_html_takes_the_cookie_url_positionally_as_seloste_inject_calls_it(tmp_path):
    out = banner_html(registry(tmp_path), "en", "/en/cookies/")
    assert '<a href="/en/cookies/">cookie notice</a>' in out


def test_banner_never_looks_like_the_gating_script_to_checks(tmp_path):
    # seloste inject and the audit take "seloste-consent.js" in a page as the gating script.
    assert "seloste-consent.js" not in banner_html(registry(tmp_path), "fi", "/evasteet/")
