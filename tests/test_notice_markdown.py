"""The notice pages converted without Python-Markdown (``seloste.notice_markdown``, used by
``mkdocs_render.light_render``) give what ``Page.render`` gives, byte for byte: the HTML,
the table of contents, the title, the anchors and the links to anchors, for the notices of
every registry of the repository, in each of its languages, with and without the consent
controls, under several sites' Markdown settings; and anything else is left to
Python-Markdown."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import write_site
from seloste import notice_markdown
from seloste.findings import SelosteError
from seloste.mkdocs_render import _token, light_render
from seloste.notices.common import NoticeLinks
from seloste.notices.cookies import render_cookie_notice
from seloste.notices.privacy import render_privacy_notice
from seloste.registry.load import load_registry
from test_cli_equals_plugin import REGISTRY as SV_REGISTRY

REPO = Path(__file__).resolve().parent.parent
REGISTRIES = sorted(
    {
        str(REPO / "data" / "registry.yaml"),
        *glob.glob(str(REPO / "examples" / "*" / "data" / "registry.yaml")),
        str(REPO / "tests" / "fixtures" / "generators" / "registry.yaml"),
        *glob.glob(str(REPO / "tests" / "fixtures" / "import-corpus" / "*.expected.yaml")),
        *glob.glob(str(REPO / "tests" / "fixtures" / "lint" / "*.yaml")),
    }
)

#: Markdown settings of real sites: MkDocs' defaults, the bench site, the demo, and every
#: extension ``notice_markdown`` knows, with toc settings.
SETTINGS = {
    "defaults": "markdown_extensions: []\n",
    "bench": "markdown_extensions:\n  - admonition\n  - tables\n  - toc: {permalink: true}\n"
    "  - pymdownx.highlight\n  - pymdownx.superfences\n",
    "demo": "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n"
    "  - toc:\n      permalink: true\n  - pymdownx.details\n  - pymdownx.superfences\n",
    "wide": "markdown_extensions:\n  - abbr\n  - admonition\n  - attr_list\n  - def_list\n"
    "  - footnotes\n  - md_in_html\n  - toc:\n      permalink: '#'\n      permalink_title: Linkki\n"
    "      toc_depth: 2-3\n  - pymdownx.details\n  - pymdownx.highlight\n"
    "  - pymdownx.superfences\n",
}


#: Appended to every long text of a variant of the demo registry: the layout ``md_block``
#: keeps (lists, numbered lists, line breaks) and characters that are markup elsewhere.
TRICKY = (
    "\n\nKohta *a* [b] <c> & d_e {f} `g` \\h #i ~j =k ^l $m :n: |o| 1. p\n"
    "- yksi **x**\n- kaksi\n  jatkuu\n\n1. eka\n2. toka\n\n6. toukokuuta alkaen\nrivi"
)


def _with_swedish(node: Any, tricky: bool) -> Any:
    """The demo registry with a Swedish text beside every English one (and, if ``tricky``,
    TRICKY after every text of more than 60 characters)."""
    if isinstance(node, dict):
        out = {k: _with_swedish(v, tricky) for k, v in node.items()}
        if isinstance(out.get("fi"), str) and isinstance(out.get("en"), str):
            out["sv"] = f"{out['en']} (sv)"
            if tricky:
                for lang in ("fi", "en", "sv"):
                    if len(out[lang]) > 60:
                        out[lang] += TRICKY
        return out
    if isinstance(node, list):
        return [_with_swedish(v, tricky) for v in node]
    return node


def _registries(tmp: Path) -> list[tuple[str, Any]]:
    out = []
    for path in REGISTRIES:
        try:
            out.append((path, load_registry(path)))
        except SelosteError:
            continue
    demo = yaml.safe_load((REPO / "data" / "registry.yaml").read_text(encoding="utf-8"))
    for tricky in (False, True):
        data = _with_swedish(demo, tricky)
        data["languages"] = ["fi", "en", "sv"]
        path = tmp / f"sv-{tricky}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        out.append((f"demo-sv-{tricky}", load_registry(path)))
    path = tmp / "sv-minimal.yaml"
    path.write_text(SV_REGISTRY, encoding="utf-8")
    out.append(("minimal-sv", load_registry(path)))
    return out


def _notices() -> list[tuple[str, str, str]]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        registries = _registries(Path(tmp))
    for path, loaded in registries:
        name = Path(path).parent.parent.name if "examples" in path else Path(path).name
        for lang in loaded.languages:
            links = NoticeLinks(privacy="privacy.md", cookies="cookies.md")
            for consent in (True, None):
                try:
                    privacy = render_privacy_notice(loaded, lang, links, consent=consent)
                    cookies = render_cookie_notice(loaded, lang, links, consent=consent)
                except SelosteError:
                    continue
                out.append((f"{name}-{lang}-privacy-{consent}", "privacy.md", privacy))
                out.append((f"{name}-{lang}-cookies-{consent}", "cookies.md", cookies))
    return out


NOTICES = _notices()


def _site(tmp_path: Path, settings: str, urls: bool = True) -> tuple[Any, Files]:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nuse_directory_urls: {str(urls).lower()}\n{settings}", encoding="utf-8"
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    if "attr_list" not in config["markdown_extensions"]:
        config["markdown_extensions"] = [*config["markdown_extensions"], "attr_list"]
    site = str(tmp_path / "site")
    files = Files(
        [
            File("privacy.md", str(docs), site, config.use_directory_urls),
            File("cookies.md", str(docs), site, config.use_directory_urls),
            File("index.md", str(docs), site, config.use_directory_urls),
        ]
    )
    return config, files


def _rendered(config: Any, files: Files, src: str, markdown: str, light: bool):
    file = files.get_file_from_path(src)
    assert file is not None
    page = Page(None, file, config)
    page.markdown = markdown
    if light:
        if not light_render(page, config, files):
            return None
    else:
        Page.render(page, config, files)
    links = page.links_to_anchors
    return (
        page.content,
        [_token(item) for item in page.toc],
        page._title_from_render,
        page.present_anchor_ids,
        None if links is None else {f.src_uri: v for f, v in links.items()},
    )


def test_the_repository_has_notices_in_three_languages():
    langs = {name.split("-")[-3] for name, _, _ in NOTICES}
    assert {"fi", "en", "sv"} <= langs, langs
    assert len(NOTICES) >= 40


@pytest.mark.parametrize("settings", sorted(SETTINGS))
def test_light_conversion_equals_python_markdown(tmp_path: Path, settings: str) -> None:
    config, files = _site(tmp_path, SETTINGS[settings])
    converted = 0
    for name, src, markdown in NOTICES:
        light = _rendered(config, files, src, markdown, light=True)
        if light is None:
            continue
        converted += 1
        assert light == _rendered(config, files, src, markdown, light=False), name
    # the notices' own shapes are converted (else there is no gain)
    assert converted >= len(NOTICES) * 0.9, (converted, len(NOTICES))


def test_demo_notices_are_converted_lightly(tmp_path: Path) -> None:
    config, files = _site(tmp_path, SETTINGS["demo"], urls=False)
    for name, src, markdown in NOTICES:
        if name.startswith("registry.yaml-"):
            light = _rendered(config, files, src, markdown, light=True)
            assert light is not None, name
            assert light == _rendered(config, files, src, markdown, light=False), name


#: Markdown around the notices' shapes: each either converted identically or left to
#: Python-Markdown (None), never converted differently.
EDGES = [
    "# T\n\n- a\n- b\n\n- c\n",
    "# T\n\n1. a\n2. b\n\n- c\n",
    "3. a\n4. b\n",
    "- a  \n    b\n- c\n",
    "- a\n    - b\n    - c\n\n- d\n\n    p\n\n- e\n",
    "- a\n\n    p\n\n    q\n",
    "text\n- not a list\n",
    'a **b** c **[d](https://e.fi)** `x*y_z` \\_ \\* &#58; & < > "q"',
    "**a**b**c**",
    "** a **",
    "*a*",
    "_a_",
    "a_b_c",
    "[a]",
    "[a](cookies.md#x) [b](privacy.md) [c](#y) [d](missing.md) [e](/abs)",
    '<https://x.fi/a?b=1&c=2> <a href="#__consent" class="b">Z</a>',
    '<p class="q">x</p>\n\nafter',
    '<div id="raw-id">x</div>\n\n## h',
    "<!-- -->\n\n- a",
    "## a {#same}\n\n## same\n\n## same\n\n### Ä ö {#x}",
    "| a | b |\n|---|---|\n| `c\\|d` | \\| |\n| 1 | 2 |",
    "| a | b |\n|:--|---|\n| 1 | 2 |",
    "| a | b |\n|---|---|",
    "    code",
    "> quote",
    "a\n---",
    "a\n\n***",
    "!!! note\n    x",
    "term\n: def",
    "```\ncode\n```",
    "a[^1]\n\n[^1]: b",
    "# T #",
    "#T",
    "a\\\\b",
    "`a` ``b``",
    "a\n# b",
    "x\n\n\n\ny",
    "- a\n\n\n- b",
    "- a\n\n    <!-- -->\n\n    1. b\n",
    "<!-- x -->",
    "a <!-- x --> b",
    "<br>",
    "<div>x</div> y",
    "a < b <= c <",
    "a\\|b | c",
    "| a",
    "a\n| b | c |\n|---|---|",
    "a\n<!-- x -->\nb",
    "a\n<div>x</div>\nb",
    "a\n</p>\nb",
    "a\n<span>x</span>\nb",
    "a\n<DIV>x</DIV>",
    "- a\n\n    <div>x</div>\n",
    "[a](cookies.md#x) [b](privacy.md) [c](#y) [i](index.md) [m](mailto:a@b.fi)",
]


@pytest.mark.parametrize("settings", sorted(SETTINGS))
def test_other_shapes_are_converted_identically_or_left_alone(tmp_path, settings) -> None:
    config, files = _site(tmp_path, SETTINGS[settings])
    for markdown in EDGES:
        light = _rendered(config, files, "privacy.md", markdown, light=True)
        if light is not None:
            assert light == _rendered(config, files, "privacy.md", markdown, light=False), markdown


def test_unknown_extensions_or_settings_are_left_to_python_markdown(tmp_path: Path) -> None:
    for settings in (
        "markdown_extensions: [smarty]\n",
        "markdown_extensions: [pymdownx.emoji]\n",
        "markdown_extensions:\n  - toc:\n      baselevel: 2\n",
        "markdown_extensions:\n  - abbr:\n      glossary: {}\n",
    ):
        config, files = _site(tmp_path, settings)
        assert notice_markdown.light_settings(config) is None, settings
    config, files = _site(tmp_path, SETTINGS["demo"])
    assert notice_markdown.light_settings(config) is not None


#: A build with the light conversion switched off (every notice through Python-Markdown);
#: it also prints how many notice pages the light conversion converted.
BUILD = """\
import sys
import mkdocs.__main__
from seloste import mkdocs_render
light = mkdocs_render.light_render
done = []
def counted(*args):
    done.append(light(*args))
    return done[-1]
mkdocs_render.light_render = counted if sys.argv[1] == "light" else (lambda *a: False)
try:
    mkdocs.__main__.cli(["build", "-q", "-d", sys.argv[2]])
except SystemExit as exc:
    assert not exc.code, exc.code
print(sum(done))
"""

SITE = """\
site_name: Testi
site_url: https://testi.example/
theme: {name: material, font: false}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc: {permalink: true}
plugins:
  - search
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


def test_a_whole_build_is_the_same_byte_for_byte(tmp_path: Path) -> None:
    """fi, en and sv notices (the demo registry with Swedish texts and TRICKY layouts),
    the search index and sitemap included."""
    demo = yaml.safe_load((REPO / "data" / "registry.yaml").read_text(encoding="utf-8"))
    data = _with_swedish(demo, True)
    data["languages"] = ["fi", "en", "sv"]
    write_site(
        tmp_path,
        {
            "mkdocs.yml": SITE,
            "build.py": BUILD,
            "docs/fi/index.md": "# Etusivu\n",
            "docs/en/index.md": "# Home\n",
            "docs/sv/index.md": "# Hem\n",
        },
    )
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "registry.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = {}
    for mode in ("full", "light"):
        shutil.rmtree(tmp_path / ".cache", ignore_errors=True)
        proc = subprocess.run(
            [sys.executable, "build.py", mode, f"site-{mode}"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        out[mode] = proc.stdout.split()[-1]
    assert out == {"full": "0", "light": "6"}  # privacy and cookies in three languages
    full, light = tmp_path / "site-full", tmp_path / "site-light"
    names = sorted(p.relative_to(full) for p in full.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(light) for p in light.rglob("*") if p.is_file())
    assert any("sv" in str(name) for name in names)
    for name in names:
        assert (full / name).read_bytes() == (light / name).read_bytes(), name


#: Pieces of the notices' shapes and of what a registry's text may hold, put together at
#: random by the test below: a block's start, an inline piece, a separator.
_BLOCK_STARTS = ["", "# ", "## ", "### ", "- ", "1. ", "3. ", "    ", "    - ", "| ", "> ", "<div>"]
_INLINE = [
    "sana",
    "Ä ö å",
    "**lihava**",
    "**",
    "*",
    "_",
    "a_b",
    "`koodi`",
    "``",
    "[linkki](privacy.md#x)",
    "[a](cookies.md)",
    "[a](#y)",
    "[",
    "]",
    "(x)",
    "<https://x.fi/?a=1&b=2>",
    "<b>",
    "</b>",
    "<",
    ">",
    "&",
    "&amp;",
    "&#58;",
    '"',
    "'",
    "\\",
    "\\*",
    "\\_",
    "|",
    "{#id}",
    "{",
    "}",
    "#",
    "~",
    "=",
    "!",
    ":",
    "1.",
    "  \n",
]
_SEPARATORS = ["\n", "\n\n", "\n\n\n", "\n    ", "\n| --- | --- |\n"]


_WORDS = ["sana", "Ä ö å", "tiedot", "**lihava**", "[linkki](privacy.md#x)", "`koodi`", "1."]


def _random_markdown(rng) -> str:
    """Mostly the notices' own shapes, with a character that is markup elsewhere now and
    then (all hostile pieces at once would leave nearly every text to Python-Markdown)."""
    blocks = []
    for _ in range(rng.randint(1, 6)):
        words = " ".join(
            rng.choice(_INLINE) if rng.random() < 0.15 else rng.choice(_WORDS)
            for _ in range(rng.randint(1, 8))
        )
        start = rng.choice(_BLOCK_STARTS) if rng.random() < 0.3 else rng.choice(["", "- ", "## "])
        blocks.append(start + words + rng.choice(_SEPARATORS))
    return "".join(blocks)


@pytest.mark.parametrize("settings", ["defaults", "demo"])
def test_random_markdown_is_converted_identically_or_left_alone(tmp_path, settings) -> None:
    """A seeded differential test: 400 documents made at random of the notices' shapes and
    of characters that are markup elsewhere; each is either left to Python-Markdown (None)
    or converted to exactly what Python-Markdown makes of it."""
    import random

    rng = random.Random(20261203)
    config, files = _site(tmp_path, SETTINGS[settings])
    light_count = 0
    for _ in range(400):
        markdown = _random_markdown(rng)
        light = _rendered(config, files, "privacy.md", markdown, light=True)
        if light is not None:
            light_count += 1
            heavy = _rendered(config, files, "privacy.md", markdown, light=False)
            assert light == heavy, markdown
    # The generator reaches the light converter, not only its refusals.
    assert light_count >= 40
