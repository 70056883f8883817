"""Registry text never becomes markup (issue #8, points 1-3 and 10).

Two layers, each tested on its own: the loader refuses what can never show as
meant (R116 unsafe addresses, R117 line breaks in one-line fields, R118
invisible characters), and the renderers escape whatever reaches them anyway
(``seloste.markup``), tested here on registries that skip the loader's checks.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY
from seloste.cli import main
from seloste.findings import SelosteError
from seloste.notices.common import NoticeLinks
from seloste.notices.cookies import render_cookie_notice
from seloste.notices.privacy import render_privacy_notice
from seloste.registry.load import LoadedRegistry, parse_registry
from seloste.registry.model import Registry
from seloste.yamlpos import load_located

#: Every Markdown extension a Material site commonly enables: each adds syntax to neutralise.
EXTENSIONS = [
    "attr_list",
    "admonition",
    "tables",
    "toc",
    "def_list",
    "abbr",
    "footnotes",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.caret",
    "pymdownx.tilde",
    "pymdownx.mark",
    "pymdownx.keys",
    "pymdownx.emoji",
    "pymdownx.arithmatex",
]
LINKS = NoticeLinks(privacy="../tietosuojaseloste/", cookies="../evasteet/")

SCRIPT_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.example/) <img src=x onerror=alert(1)> (",
    "vbscript:msgbox(1)",
    "java\nscript:alert(1)",
]


def unchecked(text: str) -> LoadedRegistry:
    """A registry the renderers get without the loader's R116-R118 checks (pydantic only)."""
    located = load_located(textwrap.dedent(text))
    return LoadedRegistry(Registry.model_validate(located.data), "r.yaml", located, ["fi", "en"])


def html(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=EXTENSIONS), "html.parser")


def hrefs(soup: BeautifulSoup) -> list[str]:
    return [a.get("href", "") for a in soup.find_all("a")]


def with_services(services: str, cookies: str = "") -> str:
    return MINIMAL_REGISTRY + "services:\n" + services + ("cookies:\n" + cookies if cookies else "")


# --- 1. script URLs in the cookie notice's service list ---------------------------------------


@pytest.mark.parametrize("url", SCRIPT_URLS)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_cookie_notice_never_links_a_script_url(url, lang):
    loaded = unchecked(
        with_services(f"  - id: hotjar\n    privacy_url: {url!r}\n".replace("'", '"'))
    )
    for render in (render_cookie_notice, render_privacy_notice):
        soup = html(render(loaded, lang, LINKS))
        assert soup.find("img") is None and soup.find("script") is None
        for href in hrefs(soup):
            assert href.split(":")[0].lower() in {"https", "http", "mailto"} or ":" not in href, (
                href
            )


def test_cookie_notice_links_a_good_url_percent_encoding_what_would_end_it():
    url = "https://x.example/privacy_(fi)|policy?a=1&b=2"
    loaded = unchecked(with_services(f'  - id: hotjar\n    privacy_url: "{url}"\n'))
    soup = html(render_cookie_notice(loaded, "fi", LINKS))
    assert "https://x.example/privacy_%28fi%29%7Cpolicy?a=1&b=2" in hrefs(soup)
    row = next(tr for tr in soup.find_all("tr") if tr.find("a"))
    assert len(row.find_all("td")) == 5  # the pipe split no cell


@pytest.mark.parametrize("url", [u for u in SCRIPT_URLS if "\n" not in u])
def test_validate_refuses_script_urls_with_r116_and_the_line(url):
    text = with_services(f"  - id: hotjar\n    privacy_url: '{url}'\n")
    with pytest.raises(SelosteError) as caught:
        parse_registry(text, "r.yaml")
    finding = next(f for f in caught.value.findings if f.code == "R116")
    assert finding.line == text.splitlines().index(f"    privacy_url: '{url}'") + 1
    assert finding.data["field"] == "services[0].privacy_url"
    assert "https://" in (finding.fix or "")


def test_r116_also_guards_the_controllers_website_and_accepts_real_addresses():
    bad = MINIMAL_REGISTRY.replace("  email: info@testi.fi", "  website: data:text/html,x")
    with pytest.raises(SelosteError) as caught:
        parse_registry(bad, "r.yaml")
    assert [f.code for f in caught.value.findings] == ["R116"]
    good = with_services(
        "  - id: hotjar\n    privacy_url: https://www.hotjar.com/legal/policies/privacy/\n"
        "  - id: matomo\n    privacy_url: http://matomo.example/privacy(fi)\n"
    )
    parse_registry(good, "r.yaml")


# --- 2. a line break in a cookie name -----------------------------------------------------------


def test_cookie_name_with_a_line_break_is_no_element_and_keeps_its_row():
    loaded = unchecked(
        with_services(
            "  - id: hotjar\n",
            '  - name: "sid\\n<img src=x onerror=alert(2)>"\n    category: necessary\n'
            "    purpose: Istunto\n",
        )
    )
    for lang in ("fi", "en"):
        soup = html(render_cookie_notice(loaded, lang, LINKS))
        assert soup.find("img") is None
        row = next(tr for tr in soup.find_all("tr") if "sid" in tr.get_text())
        assert "<img src=x onerror=alert(2)>" in row.get_text()
        assert len(row.find_all("td")) == len(row.find_parent("table").find("tr").find_all("th"))


def test_validate_refuses_line_breaks_in_one_line_fields_with_r117():
    text = with_services(
        "  - id: hotjar\n",
        '  - name: "sid\\n<img src=x>"\n    category: necessary\n',
    ).replace("  name: Testi Oy", "  name: |\n    Testi\n    Oy")
    with pytest.raises(SelosteError) as caught:
        parse_registry(text, "r.yaml")
    found = {f.data["field"]: f for f in caught.value.findings if f.code == "R117"}
    assert set(found) == {"controller.name", "cookies[0].name"}
    assert found["controller.name"].line == 2
    # A multi-line description is fine: it keeps its paragraphs.
    ok = MINIMAL_REGISTRY.replace(
        "    retention: {fi: Asiakassuhteen ajan, en: For the duration of the customer relationship}",
        "    retention:\n      fi: |\n        Rivi yksi\n\n        - kohta\n      en: one",
    )
    parse_registry(ok, "r.yaml")


# --- 3. Markdown structure from text -----------------------------------------------------------


STRUCTURE = """\
controller: {name: Paha Oy}
registers:
  - id: a
    name: "Ensimmäinen\\n## rikki {#x}"
    purposes:
      - description: "??? warning \\"x\\"\\n    sisältö"
      - description: "!!! danger\\n    sisältö"
      - description: ": määritelmä\\n\\n*[HTML]: Hyper\\n\\n[^1]: alaviite"
    retention: "    koodilohko\\n\\n```\\nkoodi\\n```\\n\\n<div markdown>\\n*x*\\n</div>"
    security: "$x^2$ ja ^^lisätty^^ ja ++ctrl+alt++ ja :smile: ja ==mark== ja ~~del~~"
    transfers:
      - recipient: "Eka kappale\\n\\nToinen kappale"
        country: "US\\n- lista"
  - id: b
    name: Toinen
"""


def test_text_opens_no_block_construct_and_no_extension_syntax():
    loaded = unchecked(STRUCTURE)
    page = render_privacy_notice(loaded, "fi", LINKS)
    soup = html(page)
    for tag in ("details", "pre", "code", "dl", "abbr", "sup", "ins", "del", "mark", "kbd", "img"):
        assert soup.find(tag) is None, tag
    assert soup.find(class_="admonition") is None and soup.find(class_="arithmatex") is None
    assert soup.find(id="x") is None and soup.find("div", attrs={"markdown": True}) is None
    assert soup.find(class_="footnote") is None
    # The two-line register name stays one heading with its own anchor.
    heading = soup.find(id="a")
    assert heading.name == "h2" and "## rikki {#x}" in heading.get_text()
    assert [h.get("id") for h in soup.find_all("h2")].count("b") == 1
    # A two-paragraph transfer recipient stays bold, no literal asterisks.
    assert "**" not in soup.get_text()
    assert soup.find("strong", string=lambda s: bool(s and "Eka kappale" in s)) is not None
    for shown in ("??? warning", "!!! danger", "$x^2$", "^^lisätty^^", "++ctrl+alt++", ":smile:"):
        assert shown in soup.get_text(), shown


def test_md_helpers_neutralise_each_block_marker():
    from seloste.markup import md_block, md_inline, md_link, safe_url

    for text in ("??? note", "!!! note", ": def", "# h", "> q", "+ a", "1) a", "===", "|a|b|"):
        out = html(md_inline(text))
        assert [t.name for t in out.find_all(True)] == ["p"], text
        assert out.get_text() == text
    assert md_link("x", "javascript:alert(1)") == "javascript&#58;alert(1)"
    assert safe_url("https://x.example/a b") is None
    assert md_block("a\n\n\n- b") == "a\n\n- b"


# --- bidi and zero-width characters ------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u200f"])
def test_invisible_characters_are_r118_with_their_position(char):
    text = MINIMAL_REGISTRY.replace("name: Testi Oy", f"name: Testi{char} Oy")
    with pytest.raises(SelosteError) as caught:
        parse_registry(text, "r.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "R118"
    assert (finding.line, finding.col) == (2, 14)
    assert f"U+{ord(char):04X}" in finding.message and "line 2, column 14" in finding.message
    assert finding.data["field"] == "controller.name"


def test_invisible_character_written_as_an_escape_or_in_a_comment():
    text = MINIMAL_REGISTRY.replace("email: info@testi.fi", "email: info@testi.fi  # \u202e")
    text = text.replace(
        "    retention: {fi: Asiakassuhteen ajan,", '    retention: {fi: "Ajan\\u200b",'
    )
    with pytest.raises(SelosteError) as caught:
        parse_registry(text, "r.yaml")
    found = sorted((f.line, f.data["field"]) for f in caught.value.findings)
    assert [f.code for f in caught.value.findings] == ["R118", "R118"]
    assert found[0] == (4, "(top level)")  # the comment
    assert found[1][1] == "registers[0].retention.fi"


# --- 10. --lang .. and lone surrogates ---------------------------------------------------------


def test_consent_and_render_refuse_a_language_that_is_a_path(tmp_path: Path):
    registry = tmp_path / "r.yaml"
    registry.write_text(MINIMAL_REGISTRY, encoding="utf-8")
    runner = CliRunner()
    for args in (
        ["consent", "-r", str(registry), "--lang", ".."],
        ["render", "-r", str(registry), "-o", str(tmp_path / "out"), "--lang", "../x"],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "R110" in result.output and "not a language code" in result.output
    assert not (tmp_path / "out").exists()


def test_lone_surrogate_is_r108_with_a_fix():
    text = MINIMAL_REGISTRY.replace("name: Testi Oy", 'name: "Testi \\ud800 Oy"')
    with pytest.raises(SelosteError) as caught:
        parse_registry(text, "r.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "R108" and finding.fix
    assert "surrogate" in finding.message and finding.line == 2
