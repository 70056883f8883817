"""``seloste render --generator``: the notice pages in each generator's own conventions.

Per generator and i18n layout this decides the source file of each notice per
language, its front matter (title, language, layout, the key that links its
translations) and how the notices link to each other, so that after the
generator's build the pages sit at Seloste's page paths (``tietosuojaseloste/``,
``en/privacy/``), carry the right ``lang`` and are linked as translations.

A file Seloste wrote starts with ``MARKER`` and is replaced on the next run;
any other file at that path is the user's and is left alone unless ``force``.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..codes import finding
from ..fields_repr import FieldsRepr
from ..findings import SelosteError
from ..messages import msg
from ..notices.common import NoticeLinks, md_cell
from ..notices.paths import NOTICE_KINDS, page_path, relative_url
from ..notices.privacy import WrittenPage, _cookie_renderer, page_file, render_privacy_notice
from ..registry.loaded import LoadedRegistry
from . import TRANSLATION_KEYS, Generator

#: First line of every front matter Seloste writes (a YAML comment: every generator skips it).
MARKER = "# Written by `seloste render`: edit the registry, not this file."

# The cookie notice's settings control as inline HTML (notices/cookies.py settings_button, labelled with consent.yaml's settings).
_SETTINGS_HTML = re.compile(r'<a href="#__consent" class="[^"]*">([^<]*)</a>')
# The consent receipt (consent/receipt.py): a script fills it in, so without raw HTML it goes.
_RECEIPT_HTML = re.compile(r'<p class="seloste-receipt"[^\n]*?</p>\n*')


@dataclass(frozen=True, repr=False)
class PlannedPage(FieldsRepr):
    kind: str
    lang: str
    source: str  # file path relative to the output folder (POSIX)
    url: str  # page path in the built site, e.g. "en/privacy/"


def plan_pages(
    gen: Generator, layout: str, languages: Sequence[str], default: str
) -> list[PlannedPage]:
    """Where each notice goes, per language, for this generator and layout."""
    pages = []
    for lang in languages:
        for kind in NOTICE_KINDS:
            url = page_path(kind, lang, default)
            slug = page_path(kind, lang, lang).strip("/")
            if layout == "suffix":
                source = f"{slug}.{lang}.md"
            elif layout == "folder":
                source = f"{lang}/{slug}.md"
            else:  # plain
                source = f"{slug}.md" if lang == default else f"{lang}/{slug}.md"
            pages.append(PlannedPage(kind, lang, source, url))
    return pages


def notice_links(gen: Generator, layout: str, page: PlannedPage, others: list[PlannedPage]):
    """Links from one notice to both notices of its language, as the generator resolves them."""
    targets = {p.kind: p for p in others if p.lang == page.lang}
    out: dict[str, str] = {}
    for kind, target in targets.items():
        if gen.source_links:
            source = target.source
            if layout == "suffix":  # static-i18n resolves `cookies.md` to this language's file
                source = source.replace(f".{target.lang}.md", ".md")
            here = posixpath.dirname(page.source) or "."
            out[kind] = posixpath.relpath(source, here)
        else:
            out[kind] = relative_url(page.url, target.url)
    return NoticeLinks(privacy=out.get("privacy"), cookies=out.get("cookies"))


def front_matter(gen: Generator, page: PlannedPage, title: str, page_layout: str | None) -> dict:
    meta: dict[str, object] = {}
    if gen.name == "jekyll":
        meta["layout"] = page_layout or "page"
    elif page_layout:
        meta["layout"] = page_layout
    meta["title"] = title
    if gen.name == "jekyll":
        meta["lang"] = page.lang
        meta["permalink"] = "/" + page.url
        # Registry text is data: Liquid must never read `{{` or `{%` in it.
        meta["render_with_liquid"] = False
    if gen.translation_key:
        meta[gen.translation_key] = TRANSLATION_KEYS[page.kind]
    return meta


def without_raw_html(markdown_text: str) -> str:
    """Hugo's Goldmark drops raw HTML: the settings button becomes a plain Markdown link
    (and the consent receipt, which needs its markup, is left out)."""
    return _SETTINGS_HTML.sub(
        lambda m: f"[{md_cell(html.unescape(m.group(1)))}](#__consent)",
        _RECEIPT_HTML.sub("", markdown_text),
    )


def unchecked_consent_anchor(markdown_text: str) -> str:
    """Zensical checks anchors in raw HTML too and fails ``--strict`` on ``#__consent``,
    whose target is in the theme, not the page: its "#" written as a character
    reference is the same address to a browser and invisible to the check."""
    return markdown_text.replace('href="#__consent"', 'href="&#35;__consent"')


def write_generator_pages(
    loaded: LoadedRegistry,
    out_dir: str | Path,
    gen: Generator,
    layout: str,
    languages: Sequence[str],
    default_lang: str | None = None,
    *,
    fmt: str = "md",
    page_layout: str | None = None,
    force: bool = False,
) -> list[WrittenPage]:
    """Render both notices per language and write them where ``gen`` expects them."""
    if layout not in gen.layouts:
        raise SelosteError(
            [
                finding(
                    "G101",
                    msg("G101.layout", generator=gen.title, layout=layout),
                    fix=msg("G101.layout.fix", layouts=f" {msg('R.or')} ".join(gen.layouts)),
                    origin="input",
                )
            ]
        )
    default = default_lang or ("fi" if "fi" in languages else languages[0])
    render_cookies = _cookie_renderer()
    planned = plan_pages(gen, layout, languages, default)
    if render_cookies is None:
        planned = [p for p in planned if p.kind == "privacy"]
    root = Path(out_dir)
    texts: list[tuple[PlannedPage, Path, str]] = []
    for page in planned:
        links = notice_links(gen, layout, page, planned)
        render = render_privacy_notice if page.kind == "privacy" else render_cookies
        assert render is not None
        markdown_text = render(loaded, page.lang, links)
        if not gen.raw_html and fmt == "md":
            markdown_text = without_raw_html(markdown_text)
        elif gen.name == "zensical":
            markdown_text = unchecked_consent_anchor(markdown_text)
        body = page_file(markdown_text, page.lang, fmt, front_matter=True)
        title = str(yaml.safe_load(body.split("---\n")[1])["title"])
        body = body.split("---\n", 2)[2].lstrip("\n")
        if gen.name == "hugo" and fmt == "html":
            # Hugo runs shortcodes in HTML content too: registry text must never call one.
            body = body.replace("{{", "&#123;&#123;")
        meta = yaml.safe_dump(
            front_matter(gen, page, title, page_layout), allow_unicode=True, sort_keys=False
        )
        target = root / page.source
        if fmt == "html":
            target = target.with_suffix(".html")
        texts.append((page, target, f"---\n{MARKER}\n{meta}---\n\n{body}"))
    blocked = [t for _, t, text in texts if not force and _is_users(t, text)]
    if blocked:
        raise SelosteError(
            [
                finding(
                    "G102",
                    msg("G102.in_the_way"),
                    str(path),
                    fix=msg("G102.in_the_way.fix"),
                    origin="input",
                )
                for path in blocked
            ]
        )
    written = []
    for page, target, text in texts:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(WrittenPage(page.lang, page.kind, target))
    return written


def _is_users(path: Path, new_text: str) -> bool:
    if not path.exists():
        return False
    try:
        old = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    return old != new_text and not old.startswith(f"---\n{MARKER}\n")


def detect_layout(gen: Generator, out_dir: str | Path) -> str:
    """The layout the site already uses, read from its configuration next to ``out_dir``."""
    out = Path(out_dir).resolve()
    for project in (out.parent, out, Path.cwd()):
        for name in gen.config_files:
            config = project / name
            if config.is_file():
                return _layout_from_config(
                    gen, config.read_text(encoding="utf-8", errors="replace")
                )
    return gen.layouts[0]


def _layout_from_config(gen: Generator, text: str) -> str:
    if gen.name == "hugo":
        # Languages with their own contentDir: one folder per language.
        return "folder" if re.search(r"(?im)^\s*\"?contentDir\"?\s*[:=]", text) else "suffix"
    if gen.name == "mkdocs":
        if not re.search(r"(?m)^\s*-\s*i18n\b", text):
            return "plain"
        found = re.search(r"(?m)^\s*docs_structure:\s*(folder|suffix)", text)
        return found.group(1) if found else "suffix"  # static-i18n's default
    return gen.layouts[0]
