"""The notice pages' conversion kept in the build cache (``mkdocs_render.NoticePage``):
a kept result sets exactly what ``Page.render`` sets, a conversion that logged anything is
never kept (its warning shows every build), and anything the key cannot vouch for
(a file-reading extension, settings without a stable form) is converted every time.
Whole builds with and without the cache are compared in tests/test_build_cache.py."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from seloste.mkdocs_render import FilesDigest, NoticePage, Unstable, render_key, stable

MARKDOWN = """\
# Tietosuojaseloste

## Rekisterinpitäjä {#controller}

Katso [evästeet](cookies.md#kaytetyt) ja [tämä kohta](#controller).

| a | b |
|---|---|
| 1 | 2 |

### Alaotsikko

<span id="raw-anchor">x</span>
"""


def _site(tmp_path: Path, extensions: str = "[toc, tables, attr_list]", urls: bool = True):
    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nuse_directory_urls: {str(urls).lower()}\n"
        f"markdown_extensions: {extensions}\n",
        encoding="utf-8",
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    site = str(tmp_path / "site")
    files = Files(
        [
            File("privacy.md", str(docs), site, config.use_directory_urls),
            File("cookies.md", str(docs), site, config.use_directory_urls),
        ]
    )
    return config, files


def _render(cls: type, config: Any, files: Files, memo: dict, markdown: str = MARKDOWN):
    file = files.get_file_from_path("privacy.md")
    assert file is not None
    file.page = None
    page = cls(None, file, config)
    page.markdown = markdown
    if cls is NoticePage:
        calls: list[str] = []

        def remember(key: str, compute):
            if key not in memo:
                calls.append(key)
                memo[key] = compute()
            return memo[key]

        page.seloste_memo = remember
        page.seloste_files = FilesDigest()
        page.render(config, files)
        return page, calls
    page.render(config, files)
    return page, []


def _state(page: Page) -> tuple:
    toc = str(page.toc), [getattr(item, "active", False) for item in page.toc]
    links = {f.src_uri: v for f, v in (page.links_to_anchors or {}).items()}
    return page.content, toc, page.title, page.present_anchor_ids, links


def test_a_kept_conversion_sets_what_render_sets(tmp_path: Path) -> None:
    config, files = _site(tmp_path)
    memo: dict = {}
    plain, _ = _render(Page, config, files, memo)
    first, calls = _render(NoticePage, config, files, memo)
    assert len(calls) == 1 and len(memo) == 1 and next(iter(memo.values())) is not None
    again, calls = _render(NoticePage, config, files, memo)
    assert calls == []  # from the memo, not converted
    assert _state(plain) == _state(first) == _state(again)
    assert "raw-anchor" in again.present_anchor_ids and "controller" in again.present_anchor_ids
    assert again.links_to_anchors and again.title == "Tietosuojaseloste"


def test_other_markdown_or_links_are_another_key(tmp_path: Path) -> None:
    config, files = _site(tmp_path)
    memo: dict = {}
    _render(NoticePage, config, files, memo)
    _, calls = _render(NoticePage, config, files, memo, MARKDOWN + "\nLisää.\n")
    assert len(calls) == 1
    # the linked page moves (nothing else changes): the link in the HTML changes, so the key must
    cookies = files.get_file_from_path("cookies.md")
    assert cookies is not None
    cookies.url = "muualla/"
    page, calls = _render(NoticePage, config, files, memo)
    assert len(calls) == 1 and 'href="../muualla/#kaytetyt"' in (page.content or "")


def test_a_conversion_that_logs_is_never_kept(tmp_path: Path, caplog) -> None:
    config, files = _site(tmp_path)
    memo: dict = {}
    broken = MARKDOWN + "\n[puuttuu](missing.md)\n"
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        _render(NoticePage, config, files, memo, broken)
        first = [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()]
        caplog.clear()
        page, _ = _render(NoticePage, config, files, memo, broken)
        again = [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()]
    assert first and first == again  # the warning shows on every build
    assert list(memo.values()) == [None]
    plain, _ = _render(Page, config, files, {}, broken)
    assert _state(page) == _state(plain)


def test_extensions_that_may_read_files_are_never_kept(tmp_path: Path) -> None:
    config, files = _site(tmp_path, "[toc, pymdownx.snippets]")
    page = NoticePage(None, files.get_file_from_path("privacy.md"), config)
    page.markdown = MARKDOWN
    assert render_key(page, config, FilesDigest().of(files)) is None
    config, files = _site(tmp_path / "b")
    page = NoticePage(None, files.get_file_from_path("privacy.md"), config)
    page.markdown = MARKDOWN
    assert render_key(page, config, FilesDigest().of(files)) is not None
    config["markdown_extensions"].append("some_unknown.extension")
    assert render_key(page, config, FilesDigest().of(files)) is None


def test_stable_settings() -> None:
    from material.extensions.emoji import twemoji

    assert stable({"b": 1, "a": [True, None, 1.5]}) == stable({"a": (True, None, 1.5), "b": 1})
    assert stable({"emoji_index": twemoji}) == [
        ["emoji_index", "material.extensions.emoji:twemoji"]
    ]
    for value in (object(), lambda: None, {"x": object()}):
        with pytest.raises(Unstable):
            stable(value)
