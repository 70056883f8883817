"""``seloste inject SITE/``: what the MkDocs plugin adds to each page, for any generator.

After Zensical, Hugo or Jekyll has built the site, every page gets

* the consent gating script in ``<head>``, before any other script (so before
  any analytics; after Material's storage helpers on Material/Zensical pages),
* links to the privacy and cookie notice of its language and a cookie-settings
  link, in its footer (only those the page lacks),
* Seloste's own consent banner where the theme shows none, and
* on the notice pages, ``<link rel="alternate" hreflang>`` to the same notice in
  the other languages (and Material's language selector pointed at them).

Everything added sits between ``<!--seloste:…-->`` markers and is removed and
re-made on each run, so a second run changes nothing and a changed registry
(a new consent revision) updates the pages. Only regular files inside SITE are
read or written: symbolic links are skipped, and nothing is written through a
path that leads outside SITE.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..codes import finding
from ..consent import ASSET_PATH, ConsentScript, consent_categories, gating_script
from ..fields_repr import FieldsRepr
from ..findings import Finding, SelosteError
from ..messages import msg
from ..notices.common import wording
from ..registry.loaded import LoadedRegistry
from ..sitepages import (
    BANNER_MARKERS,
    NoticePlace,
    default_language,
    has_gating_script,
    hrefs,
    is_page,
    link_target,
    notice_file,
    notice_places,
    page_language,
    page_url,
    reaches,
    site_pages,
)

_OURS = re.compile(r"<!--seloste:(\w+)-->.*?<!--/seloste:\1-->", re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
_FOOTER_END = re.compile(r"</footer\s*>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"<(?:a|link)\b[^>]*\bhreflang\s*=[^>]*>", re.IGNORECASE)
_HREFLANG_ATTR = re.compile(r"\bhreflang\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
_HREF_ATTR = re.compile(r"\bhref\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.DOTALL)
_LINK_HREFLANG = re.compile(r"<link\b[^>]*\bhreflang\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)


@dataclass(repr=False)
class InjectReport(FieldsRepr):
    pages: int = 0
    changed: list[str] = field(default_factory=list)
    scripts: int = 0
    links: int = 0
    banners: int = 0
    translations: int = 0
    banner_missing: bool = False

    def summary(self, shown_root: str) -> str:
        unchanged = self.pages - len(self.changed)
        return msg(
            "cli.inject.summary",
            root=shown_root,
            pages=self.pages,
            changed=len(self.changed),
            unchanged=unchanged,
            scripts=self.scripts,
            links=self.links,
            banners=self.banners,
            translations=self.translations,
        )


def banner_provider() -> Callable[..., str] | None:
    """Seloste's own banner (plugin/seloste/consent), when this version has one."""
    from .. import consent

    return getattr(consent, "banner_html", None)


def inject_site(site: str | Path, loaded: LoadedRegistry, *, base_path: str = "/") -> InjectReport:
    root = Path(site)
    if root.is_symlink() or not root.is_dir():
        raise SelosteError([_refuse(str(site), msg("G103.not_a_directory"))])
    root = root.resolve()
    languages = list(loaded.languages)
    default = default_language(languages)
    places = notice_places(languages)
    built = {p: f for p in places if (f := notice_file(root, p, default))}
    needs_consent = bool(consent_categories(loaded))
    report = InjectReport()
    context = _Context(root, loaded, languages, default, built, needs_consent, base_path)
    if needs_consent:
        _write_inside(root, ASSET_PATH, gating_script())
    for rel, path in site_pages(root):
        if not _inside(root, path):
            continue
        try:
            original = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not is_page(original):
            continue
        report.pages += 1
        new = context.page(rel, original, report)
        if new != original:
            _write_inside(root, rel, new)
            report.changed.append(rel)
    report.banner_missing = needs_consent and banner_provider() is None
    return report


@dataclass(repr=False)
class _Context(FieldsRepr):
    root: Path
    loaded: LoadedRegistry
    languages: list[str]
    default: str
    built: dict[NoticePlace, str]
    needs_consent: bool
    base_path: str
    _scripts: dict[str, ConsentScript] = field(default_factory=dict)
    _banners: dict[str, str] = field(default_factory=dict)

    def page(self, rel: str, original: str, report: InjectReport) -> str:
        text = _OURS.sub("", original)
        lang = page_language(rel, text, self.languages)
        here = page_url(rel)
        absolute = rel == "404.html"  # served at any depth: relative addresses break
        head: list[str] = []
        if self.needs_consent and not has_gating_script(text):
            head.append(self._script(lang, rel, absolute))
            report.scripts += 1
        head += self._translations(here, rel, text, lang, absolute, report)
        mine = next((p for p, f in self.built.items() if page_url(f) == here), None)
        if mine is not None:
            text = point_selector_at_notices(
                text,
                here,
                {
                    p.lang: (page_url(f), self._href(p, rel, absolute))
                    for p, f in self.built.items()
                    if p.kind == mine.kind
                },
                self.base_path,
            )
        if head:
            text = _into_head(text, "".join(head))
        links = self._links(here, rel, text, lang, absolute)
        if links:
            text = _into_footer(text, f"<!--seloste:links-->{links}<!--/seloste:links-->")
            report.links += 1
        if self.needs_consent and not any(marker in text for marker in BANNER_MARKERS):
            banner = banner_provider()
            markup = self._banner(banner, lang) if banner is not None else ""
            if markup:
                text = _before_body_end(
                    text, f"<!--seloste:banner-->{markup}<!--/seloste:banner-->"
                )
                report.banners += 1
        return text

    def _banner(self, banner: Callable[..., str], lang: str) -> str:
        """One banner per language, its notice links site-absolute so any page can carry it."""
        if lang not in self._banners:
            urls = {}
            for kind in ("privacy", "cookies"):
                place = self._notice(kind, lang)
                urls[kind] = self._href(place, "404.html", True) if place else None
            self._banners[lang] = banner(
                self.loaded, lang, privacy_url=urls["privacy"], cookie_url=urls["cookies"]
            )
        return self._banners[lang]

    def _href(self, place: NoticePlace, rel: str, absolute: bool) -> str:
        """A link to a built notice from the page ``rel``: its file's address, so it works
        with directory URLs (``en/privacy/``) and without (``en/privacy.html``)."""
        built = self.built[place]
        target = built[: -len("index.html")] if built.endswith("index.html") else built
        if absolute:
            return self.base_path.rstrip("/") + "/" + target
        link = posixpath.relpath("/" + target, "/" + posixpath.dirname(rel))
        if link == ".":
            return "./"
        return link + "/" if target.endswith("/") else link

    def _notice(self, kind: str, lang: str) -> NoticePlace | None:
        """The built notice of ``kind`` a reader of ``lang`` should get (else the default's)."""
        for want in (lang, self.default):
            for place in self.built:
                if place.kind == kind and place.lang == want:
                    return place
        return None

    def _script(self, lang: str, rel: str, absolute: bool) -> str:
        script = self._scripts.get(lang)
        if script is None:
            script = self._scripts[lang] = ConsentScript.for_language(self.loaded, lang)
        src = self.base_path.rstrip("/") + "/" + ASSET_PATH if absolute else None
        tag = script.insert("</head>", rel, src=src).removesuffix("</head>")
        return f"<!--seloste:script-->{tag}<!--/seloste:script-->"

    def _translations(self, here, rel, text, lang, absolute, report) -> list[str]:
        mine = next((p for p, f in self.built.items() if page_url(f) == here), None)
        if mine is None:
            return []
        present = {m.lower() for m in _LINK_HREFLANG.findall(text)}
        out = []
        for place in self.built:
            if place.kind != mine.kind or place.lang == mine.lang or place.lang in present:
                continue
            href = html.escape(self._href(place, rel, absolute), quote=True)
            out.append(f'<link rel="alternate" hreflang="{place.lang}" href="{href}">')
        if out:
            report.translations += 1
            return [f"<!--seloste:hreflang-->{''.join(out)}<!--/seloste:hreflang-->"]
        return []

    def _links(self, here: str, rel: str, text: str, lang: str, absolute: bool) -> str:
        targets = {t for t in (link_target(h, here) for h in hrefs(text)) if t is not None}
        items = []
        for kind in ("privacy", "cookies"):
            urls = [page_url(f) for p, f in self.built.items() if p.kind == kind]
            if not urls or here in urls or any(reaches(t, u) for t in targets for u in urls):
                continue
            place = self._notice(kind, lang)
            if place is None:
                continue
            words = wording(_lang_with_wording(lang, self.default))
            title = words["privacy" if kind == "privacy" else "cookies"]["title"]
            href = html.escape(self._href(place, rel, absolute), quote=True)
            items.append(f'<a href="{href}">{html.escape(title)}</a>')
        if self.needs_consent and "#__consent" not in {h for h in hrefs(text)}:
            label = wording(_lang_with_wording(lang, self.default))["consent"]["settings"]
            items.append(f'<a href="#__consent" class="seloste-settings">{html.escape(label)}</a>')
        if not items:
            return ""
        return '<p class="seloste-links" lang="{}">{}</p>'.format(lang, " · ".join(items))


def _lang_with_wording(lang: str, default: str) -> str:
    try:
        wording(lang)
    except SelosteError:
        return default
    return lang


def point_selector_at_notices(
    text: str, here: str, targets: dict[str, tuple[str, str]], base_path: str = "/"
) -> str:
    """On a notice page, every language link (``<link rel="alternate" hreflang>``,
    Material's language selector, a theme's switcher ``<a hreflang>``) that does not
    already lead to the same notice in that language is pointed at it.

    ``targets``: language → (canonical URL of its notice, the href to write); an
    absolute href (``/en/``) is replaced with an absolute one.
    """

    def swap(match: re.Match[str]) -> str:
        tag = match.group(0)
        lang = _HREFLANG_ATTR.search(tag)
        href = _HREF_ATTR.search(tag)
        if not lang or not href or lang.group(1).lower() not in targets:
            return tag
        url, relative = targets[lang.group(1).lower()]
        current = html.unescape(href.group(2))
        target = link_target(current, here)
        if target is not None and reaches(target, url):
            return tag
        if current.startswith("/") or "://" in current:
            new = absolute_prefix(current, base_path) + url
        else:
            new = relative
        return tag[: href.start(2)] + html.escape(new, quote=True) + tag[href.end(2) :]

    return _LANGUAGE_TAG.sub(swap, text)


def absolute_prefix(current: str, base_path: str) -> str:
    """``https://host`` (if the old address had one) + the site's base path."""
    parts = urlsplit(current)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return origin + "/" + base_path.strip("/") + ("/" if base_path.strip("/") else "")


def _into_head(text: str, block: str) -> str:
    """Before the first script in <head> (so before any analytics), after Material's
    storage helpers on Material and Zensical pages; else just before </head>."""
    head_end = _HEAD_END.search(text)
    if head_end is None:
        return text
    scope = text.find("__md_scope", 0, head_end.start())
    if scope != -1:
        end = text.find("</script>", scope)
        if end != -1:
            end += len("</script>")
            return text[:end] + block + text[end:]
    first = _SCRIPT.search(text, 0, head_end.start())
    at = first.start() if first else head_end.start()
    return text[:at] + block + text[at:]


def _into_footer(text: str, block: str) -> str:
    ends = list(_FOOTER_END.finditer(text))
    if ends:
        at = ends[-1].start()
        return text[:at] + block + text[at:]
    return _before_body_end(text, block)


def _before_body_end(text: str, block: str) -> str:
    ends = list(_BODY_END.finditer(text))
    at = ends[-1].start() if ends else len(text)
    return text[:at] + block + text[at:]


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (OSError, ValueError):
        return False
    return True


def _write_inside(root: Path, rel: str, text: str) -> None:
    """Write ``root/rel`` atomically, never through a link that leads outside root."""
    target = root / rel
    parent = root
    for part in Path(rel).parent.parts:  # one folder at a time: never create through a link
        parent = parent / part
        if parent.is_symlink() or (parent.exists() and not parent.is_dir()):
            raise SelosteError([_refuse(str(target), msg("G103.parent", parent=parent))])
        if not parent.exists():
            parent.mkdir()
    if target.is_symlink():
        raise SelosteError([_refuse(str(target), msg("G103.link"))])
    if target.exists() and target.read_bytes() == text.encode("utf-8"):
        return
    fd, temp = tempfile.mkstemp(dir=parent, prefix=".seloste-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _refuse(shown: str, problem: str) -> Finding:
    return finding(
        "G103",
        msg("G103.refused", problem=problem),
        shown,
        fix=msg("G103.refused.fix"),
        origin="input",
    )
