"""The theme's templates are compiled once per process (``mkdocs_templates``), not once
per language of mkdocs-static-i18n and per `mkdocs serve` rebuild; the code is shared
only between environments that would compile a source to the same code. Real builds of
Material and MkDocs-theme sites (fi/en), every page equal to a build without sharing, and
environments of every setting that changes Jinja's code."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from jinja2 import Environment, FileSystemLoader, pass_context
from jinja2.bccache import FileSystemBytecodeCache
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import I18N, MINIMAL_REGISTRY, write_site
from seloste.mkdocs_templates import TemplateCode, share

THEMES = {
    "material": "  name: material\n  language: fi\n  font: false\n",
    "mkdocs": "  name: mkdocs\n",
    "material-custom-dir": "  name: material\n  custom_dir: overrides\n  font: false\n",
}
OVERRIDE = (
    '{% extends "base.html" %}\n{% block content %}<p class="oma">{{ page.title }}'
    "</p>{{ super() }}{% endblock %}\n"
)


def _site(root: Path, theme: str, share_templates: bool) -> Path:
    yml = (
        f"site_name: Testi\nsite_url: https://example.fi/\ntheme:\n{THEMES[theme]}"
        "plugins:\n  - search\n" + I18N + "  - seloste:\n      lint: false\n"
        f"      fatal: false\n      share_templates: {str(share_templates).lower()}\n"
    )
    files = {"mkdocs.yml": yml, "data/registry.yaml": MINIMAL_REGISTRY}
    for lang in ("fi", "en"):
        files[f"docs/{lang}/index.md"] = "# Etusivu\n\nTervetuloa.\n"
        files[f"docs/{lang}/osio/sivu.md"] = "# Sivu\n\nTeksti.\n"
    if theme == "material-custom-dir":
        files["overrides/main.html"] = OVERRIDE
    return write_site(root, files)


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], Counter]:
    """The built site, and how many times Jinja compiled each template (by name)."""
    compiled: Counter = Counter()
    original = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled[name] += 1
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    logging.disable(logging.WARNING)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        # MkDocs keeps the plugin (it has on_startup) for every later build of the process,
        # and its templates with it: this build starts from none, as a new process does.
        config.plugins["seloste"]._template_code = None
        build(config)
    finally:
        logging.disable(logging.NOTSET)
        monkeypatch.setattr(Environment, "compile", original)
    site = {
        str(p.relative_to(root / "site")): p.read_bytes()
        for p in sorted((root / "site").rglob("*"))
        if p.is_file() and p.suffix != ".gz"
    }
    return site, compiled


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_template_is_compiled_once_and_every_page_is_the_same(tmp_path, monkeypatch, theme):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")  # the same build date both ways
    shared, once = _build(_site(tmp_path / "a", theme, True), monkeypatch)
    separate, every = _build(_site(tmp_path / "b", theme, False), monkeypatch)
    assert shared == separate
    assert "en/index.html" in shared and "index.html" in shared
    # Without sharing the second language compiles every template of its pages again.
    # (Material's search plugin makes environments of its own, never shared, for its
    # translations: those partials are compiled for each language either way.)
    pages = {n for n, count in once.items() if count == 1 and not n.startswith("partials/lang")}
    assert {"main.html", "404.html", "sitemap.xml"} <= pages
    assert {name: every[name] for name in pages if every[name] != 2} == {}
    assert (every - once).total() >= len(pages)
    if theme == "material-custom-dir":
        assert b'<p class="oma">Etusivu</p>' in shared["index.html"]


TEMPLATES = {"t.html": "{% if x %}\n  <b>{{ x|shout }}</b>\n{% endif %}\n{{ '<i>' }}"}


def _env(**settings) -> Environment:
    return Environment(loader=jinja2.DictLoader(TEMPLATES), auto_reload=False, **settings)


def _shout(value):
    return str(value).upper()


@pass_context
def _shout_in_context(context, value):
    return f"{str(value).upper()}@{context.get('where', '?')}"


def _counting(env: Environment) -> Callable[[], int]:
    """How many templates ``env`` compiles from now on (a function that tells)."""
    count = 0
    original = env.compile

    def counting(*args, **kwargs):
        nonlocal count
        count += 1
        return original(*args, **kwargs)

    env.compile = counting  # type: ignore[method-assign]
    return lambda: count


def _render(env: Environment, code: TemplateCode) -> tuple[str, int]:
    """``t.html`` rendered by ``env`` sharing ``code``, and how many templates it compiled."""
    assert share(env, code)
    env.filters.setdefault("shout", _shout)
    compiled = _counting(env)
    text = env.get_template("t.html").render(x="hei", where="täällä")
    return text, compiled()


def test_environments_with_the_same_settings_share_the_code():
    code = TemplateCode()
    first, compiled_first = _render(_env(), code)
    second, compiled_second = _render(_env(), code)
    assert first == second == "\n  <b>HEI</b>\n\n<i>"
    assert (compiled_first, compiled_second) == (1, 0)
    assert len(code) == 1


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"trim_blocks": True}, "  <b>HEI</b>\n<i>"),
        ({"autoescape": True}, "\n  <b>HEI</b>\n\n&lt;i&gt;"),
        ({"variable_start_string": "{{{", "variable_end_string": "}}}"}, None),
        ({"finalize": lambda value: f"[{value}]"}, "\n  <b>[HEI]</b>\n\n[<i>]"),
        ({"extensions": ["jinja2.ext.loopcontrols"]}, "\n  <b>HEI</b>\n\n<i>"),
    ],
)
def test_environments_compiling_other_code_do_not_share_it(settings, expected):
    code = TemplateCode()
    _render(_env(), code)
    text, compiled = _render(_env(**settings), code)
    assert compiled == 1  # its own code, not the first environment's
    if expected is not None:
        assert text == expected
    assert len(code) == 2


def test_a_filter_called_otherwise_is_compiled_anew():
    """How a filter is called (here with the context) is written into the code."""
    code = TemplateCode()
    _render(_env(), code)
    env = _env()
    env.filters["shout"] = _shout_in_context
    text, compiled = _render(env, code)
    assert compiled == 1
    assert "<b>HEI@täällä</b>" in text


def test_a_missing_filter_is_still_an_error():
    code = TemplateCode()
    _render(_env(), code)
    env = _env()
    assert share(env, code)
    with pytest.raises(jinja2.TemplateError, match="shout"):
        env.get_template("t.html").render(x="hei")


def test_an_edited_template_is_compiled_again_and_its_old_code_dropped(tmp_path):
    """`mkdocs serve`: a rebuild after an edit of a custom_dir template."""
    (tmp_path / "t.html").write_text("vanha {{ x }}", encoding="utf-8")
    code = TemplateCode()

    def render() -> tuple[str, int]:
        env = Environment(loader=FileSystemLoader(str(tmp_path)), auto_reload=False)
        assert share(env, code)
        compiled = _counting(env)
        return env.get_template("t.html").render(x=1), compiled()

    assert render() == ("vanha 1", 1)
    assert render() == ("vanha 1", 0)
    (tmp_path / "t.html").write_text("uusi {{ x }}", encoding="utf-8")
    assert render() == ("uusi 1", 1)
    assert len(code) == 1


def test_a_bytecode_cache_of_its_own_is_kept(tmp_path):
    env = _env()
    own = FileSystemBytecodeCache(str(tmp_path))
    env.bytecode_cache = own
    assert not share(env, TemplateCode())
    assert env.bytecode_cache is own
