"""CLI = plugin: for the same registry and language, `seloste consent`, `render` and
`check` produce what the MkDocs plugin puts into a real build, byte for byte."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner

from conftest import HOTJAR_SNIPPET, build_site, run_seloste, write_site
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

NOTICES = ("tietosuoja", "evaste", "privacy", "cookies", "dataskydd", "kakor")

@event_priority(-1000)
def on_page_markdown(markdown, page, config, files):
    # The Markdown the plugin gives MkDocs for each notice page, as MkDocs converts it.
    if any(word in page.url for word in NOTICES):
        root = os.path.dirname(config.config_file_path)
        out = os.path.join(root, "markdown", page.url.strip("/").replace("/", "_") + ".md")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as f:
            f.write(markdown)
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

BLOG = f"""\
# Blogi

{HOTJAR_SNIPPET}
<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"></script>
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
            # Something for both checks to find: an undeclared Hotjar and an ungated gtag.
            "docs/fi/blogi.md": BLOG,
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
        labels = r'data-(save|settings)-label="[^"]*"'
        assert re.sub(labels, "", at_404) == re.sub(labels, "", tag)


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
    for page, other, other_md in (
        (privacy, cookies, "cookies.md"),
        (cookies, privacy, "privacy.md"),
    ):
        markdown = (out / page / "index.md").read_text(encoding="utf-8")
        html = build.page(page + "index.html")
        # Byte for byte the Markdown the plugin converted, but for the link to the other
        # notice: the plugin links its source file (MkDocs resolves it), the CLI the URL.
        plugin_md = (root / "markdown" / (page.strip("/").replace("/", "_") + ".md")).read_text(
            encoding="utf-8"
        )
        to_other = "../" + other.rstrip("/").rsplit("/", 1)[-1] + "/"
        assert f"]({other_md})" in plugin_md and f"]({to_other})" in markdown
        assert markdown == plugin_md.replace(f"]({other_md})", f"]({to_other})") + "\n"
        assert f'href="{to_other}"' in html  # where MkDocs resolved the plugin's link
        # Every heading of the CLI's page is in the plugin's page, with the same id.
        for anchor in re.findall(r"\{#([\w-]+)\}", markdown):
            assert f'id="{anchor}"' in html, (page, anchor)
        title = markdown.splitlines()[0].removeprefix("# ")
        assert f">{title}<" in html or f">{title}</h1>" in html


def test_check_reports_what_the_plugin_reports(built):
    """The same site and registry: `seloste check site/` from the project prints, line for
    line, the findings (and fixes) the plugin logged in the build."""
    root, build = built
    logged = []
    for line in build.output.splitlines():
        level = re.match(r"(WARNING|ERROR) +- +seloste: (.*)", line)
        if level:
            logged.append(level.group(2))
        elif logged and line.startswith("    ") and not re.match(r"[A-Z]+ +- ", line):
            logged.append(line)  # a fix, under its finding
        elif re.match(r"[A-Z]+ +- ", line) and logged and logged[-1] is not None:
            logged.append(None)  # another logger's line ends the finding
    plugin_lines = [line for line in logged if line is not None]
    assert any(" T101 " in line for line in plugin_lines), build.output
    assert any(" T106 " in line for line in plugin_lines), build.output
    # Both speak the test run's SELOSTE_MESSAGES (conftest), as they would a user's.
    cli = run_seloste("check", "site", "-r", "data/registry.yaml", cwd=root)
    assert cli.returncode == 1, cli.stdout + cli.stderr
    cli_lines = cli.stdout.splitlines()
    assert re.fullmatch(r"\d+ errors?, \d+ warnings?", cli_lines[-1]), cli_lines[-1]
    assert cli_lines[:-1] == plugin_lines
