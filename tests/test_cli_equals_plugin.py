"""CLI = plugin: for the same registry and language, `seloste consent`, `render` and
`check` produce what the MkDocs plugin puts into a real build, byte for byte."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner

from conftest import build_site, write_site
from seloste.cli import main

LANGS = ("fi", "en", "sv")

REGISTRY = """\
languages: [fi, en, sv]
controller:
  name: Testi Oy
  business_id: "1572860-0"
  email: info@testi.fi
  website: https://www.testi.example/
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register, sv: Kundregister}
    purposes:
      - description:
          fi: Asiakassuhteen hoitaminen
          en: Managing the customer relationship
          sv: Skötsel av kundrelationen
        legal_basis: contract
    retention: {fi: Asiakassuhteen ajan, en: While a customer, sv: Under kundrelationen}
    transfers: []
services:
  - id: google-analytics
    ids: [G-ABC123XYZ]
  - id: meta-pixel
    ids: ["1234567890123456"]
dates:
  created: 2024-01-15
"""

#: Dumps what the plugin left in extra.consent for each language it built.
HOOK = """\
import json, os
from mkdocs.plugins import event_priority

@event_priority(-1000)
def on_config(config):
    lang = config.theme["language"]
    out = os.path.join(os.path.dirname(config.config_file_path), "consent-" + lang + ".json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(config.extra.get("consent"), f, ensure_ascii=False)
"""

MKDOCS = """\
site_name: Testi
site_url: https://testi.example/
theme: {name: material, font: false}
hooks: [dump_consent.py]
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, name: Suomi, default: true, build: true}
        - {locale: en, name: English, build: true}
        - {locale: sv, name: Svenska, build: true}
  - seloste:
      lint: false
      fatal: false
"""

SCRIPT_TAG = re.compile(r'<script src="[^"]*seloste-consent\.js"[^>]*></script>')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    write_site(
        root,
        {
            "mkdocs.yml": MKDOCS,
            "dump_consent.py": HOOK,
            "data/registry.yaml": REGISTRY,
            "docs/fi/index.md": "# Etusivu\n",
            "docs/en/index.md": "# Home\n",
            "docs/sv/index.md": "# Hem\n",
        },
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    return root, build


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", LANGS)
def test_consent_yaml_and_tag_equal_the_plugins(built, lang):
    root, build = built
    registry = str(root / "data/registry.yaml")
    out = run("consent", "-r", registry, "--lang", lang, "--site-url", "https://testi.example/")
    # extra.consent: exactly the dict the plugin gave Material, dumped the same way.
    plugin_consent = json.loads((root / f"consent-{lang}.json").read_text(encoding="utf-8"))
    expected = yaml.safe_dump(
        {"extra": {"consent": plugin_consent}}, allow_unicode=True, sort_keys=False
    )
    printed = "".join(line + "\n" for line in out.splitlines() if not line.startswith("#"))
    assert printed == expected
    # The cookie page the banner links to is the language's own (sv: kakor/).
    own = {"fi": "/evasteet/", "en": "/en/cookies/", "sv": "/sv/kakor/"}[lang]
    assert f'href="{own}"' in plugin_consent["description"]
    # The tag: the one the plugin put into this language's pages, with an absolute src.
    tag = next(line[2:] for line in out.splitlines() if SCRIPT_TAG.fullmatch(line[2:]))
    home = "index.html" if lang == "fi" else f"{lang}/index.html"
    in_page = SCRIPT_TAG.search(build.page(home)).group(0)
    relative = re.search(r'src="([^"]*)"', in_page).group(1)
    assert tag == in_page.replace(
        f'src="{relative}"', 'src="/assets/javascripts/seloste-consent.js"'
    )
    assert "data-cookies=" in tag and "_fbp" in tag and "_ga" in tag
    if lang == "fi":  # 404.html has the absolute src itself (its label: see the report)
        at_404 = SCRIPT_TAG.search(build.page("404.html")).group(0)
        assert re.sub(r'data-save-label="[^"]*"', "", at_404) == re.sub(
            r'data-save-label="[^"]*"', "", tag
        )


def test_consent_advice_puts_the_tag_before_materials_analytics(built):
    root, _ = built
    out = run("consent", "-r", str(root / "data/registry.yaml"))
    advice = out[out.index("# The consent gating script's tag:") :]
    assert "{% block analytics %}" in advice and "{{ super() }}" in advice
    assert advice.index("<script src=", advice.index("{% block analytics %}")) < advice.index(
        "{{ super() }}"
    )
    assert "BEFORE Material's analytics" in advice


@pytest.mark.parametrize("lang", LANGS)
def test_render_writes_the_plugins_pages_at_its_paths(built, tmp_path, lang):
    root, build = built
    out = tmp_path / "out"
    run(
        "render", "-r", str(root / "data/registry.yaml"), "-o", str(out),
        "--lang", "fi", "--lang", "en", "--lang", "sv", "--no-front-matter",
    )  # fmt: skip
    rendered = {p.relative_to(out).parent.as_posix() + "/" for p in out.rglob("index.md")}
    built_pages = {
        p.relative_to(build.site).parent.as_posix() + "/"
        for p in build.site.rglob("index.html")
        if any(k in p.as_posix() for k in ("tietosuoja", "evaste", "privacy", "cookies", "dataskydd", "kakor"))
    }  # fmt: skip
    assert rendered == built_pages
    pages = {"fi": ("tietosuojaseloste/", "evasteet/"), "en": ("en/privacy/", "en/cookies/")}
    privacy, cookies = pages.get(lang, ("sv/dataskydd/", "sv/kakor/"))
    for page in (privacy, cookies):
        markdown = (out / page / "index.md").read_text(encoding="utf-8")
        html = build.page(page + "index.html")
        # Every heading of the CLI's page is in the plugin's page, with the same id.
        for anchor in re.findall(r"\{#([\w-]+)\}", markdown):
            assert f'id="{anchor}"' in html, (page, anchor)
        title = markdown.splitlines()[0].removeprefix("# ")
        assert f">{title}<" in html or f">{title}</h1>" in html


def test_check_reports_what_the_plugin_reports(built):
    """The same site and registry: the same audit codes for the same subjects."""
    root, build = built
    result = CliRunner().invoke(
        main,
        ["check", str(build.site), "-r", str(root / "data/registry.yaml"), "--format", "json"],
    )
    assert result.exit_code in (0, 1), result.output
    from_cli = {(f["code"], f["subject"]) for f in json.loads(result.output)["findings"]}
    from_plugin = set(re.findall(r"\b(T1\d\d) ", build.output))
    assert {code for code, _ in from_cli} == from_plugin
