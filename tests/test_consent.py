"""Material's extra.consent per language, checks of a hand-written one, the consent
revision and where the gating script goes."""

from __future__ import annotations

import json
import re
import textwrap
from html import unescape
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY, build_site, write_site
from seloste.cli import main
from seloste.consent import (
    ASSET_PATH,
    add_consent_script,
    apply_consent,
    check_user_consent,
    consent_categories,
    consent_config,
    consent_revision,
    forgettable_cookies,
    gating_script,
    inject_consent_script,
)
from seloste.registry.load import load_registry

DEMO_SERVICES = """\
services:
  - id: google-analytics
  - id: google-ads
  - id: meta-pixel
  - id: linkedin-insight
"""


def registry(tmp_path: Path, extra: str = DEMO_SERVICES, name: str = "registry.yaml"):
    path = tmp_path / name
    path.write_text(MINIMAL_REGISTRY + textwrap.dedent(extra), encoding="utf-8")
    return load_registry(path, ["fi", "en"])


# --- consent_config -------------------------------------------------------------------------


def test_fi_banner(tmp_path):
    config = consent_config(registry(tmp_path), "fi", "/evasteet/")
    assert config["title"] == "Evästeet"
    assert '<a href="/evasteet/">evästeselosteesta</a>' in config["description"]
    assert "Suostumuksellasi" in config["description"]
    assert {key: value["checked"] for key, value in config["cookies"].items()} == {
        "analytics": False,
        "marketing": False,
    }
    assert ">Tilastolliset evästeet</strong>" in config["cookies"]["analytics"]["name"]
    assert ">Markkinointievästeet</strong>" in config["cookies"]["marketing"]["name"]
    assert config["actions"] == ["accept", "reject", "manage"]


def test_en_and_sv_banners(tmp_path):
    loaded = registry(tmp_path)
    en = consent_config(loaded, "en", "/en/cookies/")
    assert en["title"] == "Cookies"
    assert '<a href="/en/cookies/">cookie notice</a>' in en["description"]
    assert ">Marketing cookies</strong>" in en["cookies"]["marketing"]["name"]
    sv = consent_config(loaded, "sv", "/sv/kakor/")
    assert sv["title"] == "Kakor"
    assert ">Statistikkakor</strong>" in sv["cookies"]["analytics"]["name"]


def test_only_the_categories_in_use_get_a_box(tmp_path):
    only_ga = registry(tmp_path, "services:\n  - id: google-analytics\n", "a.yaml")
    assert list(consent_config(only_ga, "fi", "/evasteet/")["cookies"]) == ["analytics"]
    video = registry(tmp_path, "services:\n  - id: youtube-nocookie\n", "b.yaml")
    assert consent_categories(video) == ["preferences"]


def test_no_banner_when_nothing_needs_consent(tmp_path):
    assert consent_config(registry(tmp_path, "", "a.yaml"), "fi", "/evasteet/") == {}
    cookieless = registry(
        tmp_path, "services:\n  - id: plausible\n  - id: google-fonts\n", "b.yaml"
    )
    assert consent_config(cookieless, "fi", "/evasteet/") == {}


def test_the_cookie_page_address_is_escaped(tmp_path):
    config = consent_config(registry(tmp_path), "en", '/x"><script>/')
    assert "<script>" not in config["description"]
    assert 'href="/x&quot;&gt;&lt;script&gt;/"' in config["description"]


# --- a hand-written extra.consent -----------------------------------------------------------


GOOD = {
    "title": "Evästeet",
    "description": "…",
    "cookies": {
        "analytics": {"name": "Tilastot", "checked": False},
        "marketing": {"name": "Markkinointi", "checked": False},
    },
    "actions": ["accept", "reject", "manage"],
}


def test_a_complete_user_config_passes(tmp_path):
    assert check_user_consent(registry(tmp_path), GOOD) == []


def test_user_config_missing_a_declared_category(tmp_path):
    user = {**GOOD, "cookies": {"analytics": {"name": "Tilastot", "checked": False}}}
    findings = check_user_consent(registry(tmp_path), user, "mkdocs.yml")
    assert [f.code for f in findings] == ["C111"]
    assert "'marketing'" in findings[0].message and findings[0].path == "mkdocs.yml"
    assert "checked: false" in findings[0].fix


def test_user_config_with_statistics_instead_of_analytics_gets_a_hint(tmp_path):
    user = {
        **GOOD,
        "cookies": {
            "statistics": {"name": "x", "checked": False},
            **{"marketing": GOOD["cookies"]["marketing"]},
        },
    }
    findings = check_user_consent(registry(tmp_path), user)
    assert [f.code for f in findings] == ["C111"]
    assert "reads the key 'analytics'" in findings[0].message


@pytest.mark.parametrize("value", ["Google Analytics", {"name": "Tilastot", "checked": True}])
def test_user_config_with_a_pre_ticked_box(tmp_path, value):
    user = {**GOOD, "cookies": {**GOOD["cookies"], "analytics": value}}
    findings = check_user_consent(registry(tmp_path), user)
    assert [f.code for f in findings] == ["C112"]
    assert "analytics: {name:" in findings[0].fix and "checked: false" in findings[0].fix


def test_user_config_without_reject(tmp_path):
    user = {k: v for k, v in GOOD.items() if k != "actions"}  # Material's default: accept, manage
    assert [f.code for f in check_user_consent(registry(tmp_path), user)] == ["C113"]


def test_apply_consent_fills_or_checks(tmp_path):
    loaded = registry(tmp_path)
    extra: dict = {"analytics": {"provider": "google", "property": "G-X"}}
    assert apply_consent(extra, loaded, "fi", "/evasteet/", repo_url="https://github.com/a/b") == []
    cookies = extra["consent"]["cookies"]
    assert cookies["github"] == {"name": "GitHub-tiedot", "checked": False}
    assert all(v["checked"] is False for v in cookies.values())
    user: dict = {"consent": {**GOOD, "actions": ["accept"]}}
    assert [f.code for f in apply_consent(user, loaded, "fi", "/evasteet/")] == ["C113"]
    assert user["consent"]["actions"] == ["accept"]  # never rewritten


def test_apply_consent_covers_material_analytics_even_when_undeclared(tmp_path):
    # The audit reports the undeclared GA; meanwhile Material must not tick it by itself.
    extra: dict = {"analytics": {"provider": "google", "property": "G-X"}}
    apply_consent(extra, registry(tmp_path, "", "a.yaml"), "en", "/en/cookies/")
    assert extra["consent"]["cookies"] == {
        "analytics": {"name": "Statistics cookies", "checked": False}
    }


# --- the revision ---------------------------------------------------------------------------


def test_revision_is_stable_for_the_same_declarations(tmp_path):
    first = consent_revision(registry(tmp_path, name="a.yaml"))
    second = consent_revision(registry(tmp_path, name="b.yaml"))
    assert first == second
    assert re.fullmatch(r"[0-9a-f]{8}", first)


@pytest.mark.parametrize(
    "change",
    [
        DEMO_SERVICES + "  - id: hotjar\n",
        DEMO_SERVICES.replace("  - id: linkedin-insight\n", ""),
        DEMO_SERVICES + "    cookies:\n      - name: li_fat_id\n        duration: 90 days\n",
        DEMO_SERVICES
        + "cookies:\n  - {name: sid, category: necessary, duration: session, purpose: {fi: a, en: b}}\n",
    ],
    ids=["service added", "service removed", "duration changed", "own cookie added"],
)
def test_revision_bumps_when_the_cookie_list_changes(tmp_path, change):
    before = consent_revision(registry(tmp_path, name="a.yaml"))
    assert consent_revision(registry(tmp_path, change, "b.yaml")) != before


def test_rewording_a_purpose_does_not_ask_everyone_again(tmp_path):
    own = "cookies:\n  - {name: sid, category: necessary, duration: session, purpose: {fi: %s, en: b}}\n"
    a = consent_revision(registry(tmp_path, DEMO_SERVICES + own % "Istunto", "a.yaml"))
    b = consent_revision(registry(tmp_path, DEMO_SERVICES + own % "Kirjautumisistunto", "b.yaml"))
    assert a == b


# --- the gating script and where it goes ----------------------------------------------------

MATERIAL_HEAD = (
    '<html><head><script>__md_scope=new URL("..",location),__md_get=()=>1</script>'
    '<script id="__analytics">function __md_analytics(){}</script></head><body></body></html>'
)


def test_script_goes_after_materials_storage_helpers_and_before_analytics():
    html = inject_consent_script(MATERIAL_HEAD, "../assets/x.js", "abcd1234", "Tallenna")
    tag = (
        '<script src="../assets/x.js" data-revision="abcd1234" data-save-label="Tallenna"></script>'
    )
    assert html.index("__md_scope") < html.index(tag) < html.index("__analytics")


def test_script_goes_before_head_end_on_other_themes():
    html = inject_consent_script("<html><head><title>x</title></head><body>", "a.js", "r")
    assert '<script src="a.js" data-revision="r"></script></head>' in html


def test_add_consent_script_computes_the_relative_address(tmp_path):
    loaded = registry(tmp_path)
    html = add_consent_script(MATERIAL_HEAD, "en/cookies/index.html", loaded, "en")
    assert f'src="../../{ASSET_PATH}"' in html
    assert f'data-revision="{consent_revision(loaded)}"' in html
    assert 'data-save-label="Save choices"' in html
    assert f'src="{ASSET_PATH}"' in add_consent_script(MATERIAL_HEAD, "index.html", loaded, "fi")


def test_gating_script_knows_the_conventions():
    js = gating_script()
    for needle in (
        '"text/plain"',
        "data-category",
        "data-src",
        "__consent",
        "__seloste_revision",
        "analytics",
    ):
        assert needle in js


# --- a real Material build ------------------------------------------------------------------


def test_material_renders_our_banner_with_nothing_ticked(tmp_path):
    loaded = registry(tmp_path)
    consent = consent_config(loaded, "fi", "/evasteet/")
    root = write_site(
        tmp_path / "site",
        {
            "mkdocs.yml": yaml.safe_dump(
                {
                    "site_name": "Testi",
                    "theme": {"name": "material", "language": "fi", "font": False},
                    "extra": {
                        "analytics": {"provider": "google", "property": "G-7QK2LMN3PZ"},
                        "consent": consent,
                    },
                },
                allow_unicode=True,
            ),
            "docs/index.md": "# Etusivu\n",
        },
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    page = build.page("index.html")
    start = page.index('<form class="md-consent__form')
    form = page[start : page.index("</form>", start)]
    assert "<h4>Evästeet</h4>" in form
    assert re.findall(r'<input type="checkbox" name="(\w+)"\s*>', form) == [
        "analytics",
        "marketing",
    ]
    assert "checked" not in form  # no box ticked, and the settings layer starts closed
    assert 'type="reset"' in form  # the reject button, on the first layer
    # Material's own pre-ticked "Google Analytics" box is replaced by the category's.
    assert not re.search(r"</span>\s*Google Analytics\s*</label>", form)
    # Material's analytics waits for consent.analytics.
    assert "consent&&consent.analytics&&__md_analytics()" in page


# --- the command ----------------------------------------------------------------------------


def test_consent_command_prints_the_banner_and_writes_the_script(tmp_path):
    registry(tmp_path)
    script = tmp_path / "out" / "seloste-consent.js"
    result = CliRunner().invoke(
        main,
        ["consent", "-r", str(tmp_path / "registry.yaml"), "--lang", "en", "--script", str(script)],
    )
    assert result.exit_code == 0, result.output
    printed = yaml.safe_load(result.stdout)
    marketing = printed["extra"]["consent"]["cookies"]["marketing"]
    assert marketing["checked"] is False and ">Marketing cookies</strong>" in marketing["name"]
    assert 'href="/en/cookies/"' in printed["extra"]["consent"]["description"]
    assert "data-revision=" in result.stdout
    assert script.read_text(encoding="utf-8") == gating_script()


def test_consent_command_fails_on_a_cookie_without_category(tmp_path):
    registry(tmp_path, "cookies:\n  - name: sid\n")
    result = CliRunner().invoke(main, ["consent", "-r", str(tmp_path / "registry.yaml")])
    assert result.exit_code == 1
    assert "C101" in result.stderr and "sid" in result.stderr


def test_the_script_is_told_which_first_party_cookies_to_delete_on_withdrawal(tmp_path):
    loaded = registry(tmp_path)
    cookies = forgettable_cookies(loaded)
    assert cookies["analytics"] == ["_ga", "_ga_*"]
    assert {"_fbp", "_gcl_au", "li_fat_id"} <= set(cookies["marketing"])
    assert "bcookie" not in cookies["marketing"]  # third party: not the site's to delete
    html = add_consent_script(MATERIAL_HEAD, "index.html", loaded, "fi")
    attr = re.search(r"data-cookies='([^']*)'", html).group(1)
    assert json.loads(unescape(attr)) == cookies


def test_the_404_page_gets_an_absolute_script_address(tmp_path):
    loaded = registry(tmp_path)
    src = "/" + ASSET_PATH
    html = add_consent_script(MATERIAL_HEAD, "404.html", loaded, "fi", src=src)
    assert f'<script src="{src}" data-revision=' in html
