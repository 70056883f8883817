"""Are the notices published? Codes T112–T115, for any generator.

A notice that exists only in the registry informs nobody: each notice must be
built in every notice language (T112), every page must link to both (T113; GDPR
Art. 12(1) and 13: the information is easily accessible where data is
collected), and where consent is asked, every page must load the gating script
(T114) and show a banner (T115), so consent can be given and withdrawn on any
page (GDPR Art. 7(3)).

Mode ``auto`` (the default of ``seloste check``) runs these checks on sites
that publish Seloste's notices (a notice page or the gating script is in the
build): a site whose notices are written by hand elsewhere is audited for
trackers only. ``on`` always runs them; ``off`` never.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..consent import consent_categories
from ..fields_repr import FieldsRepr
from ..findings import Finding
from ..generators.detect import detect_generator
from ..generators.hints import footer_hint, inject_step, render_hint
from ..messages import msg
from ..notices.common import wording
from ..notices.paths import NOTICE_KINDS
from ..registry.loaded import LoadedRegistry
from ..site_config import SiteNotices
from ..sitepages import (
    BANNER_MARKERS,
    default_language,
    has_gating_script,
    hrefs,
    is_page,
    link_target,
    notice_file,
    notice_places,
    page_url,
    reaches,
    site_pages,
)
from .codes import CODES, doc_anchor
from .evidence import pages_phrase

#: The notices every page must link to.
KINDS = ("privacy", "cookies")


@dataclass(repr=False)
class Publication(FieldsRepr):
    generator: str | None
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0


def check_publication(
    root: str | Path,
    loaded: LoadedRegistry,
    *,
    mode: str = "auto",
    generator: str | None = None,
    max_pages: int = 3,
    site: SiteNotices | None = None,
    shown_under: str = "",
) -> Publication:
    """``site``: where the site's mkdocs.yml puts the notices, when it moves them.
    ``shown_under``: what messages put before a page's path (``site/``), as the audit's."""
    root = Path(root)
    pages = []
    for rel, path in site_pages(root):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # the scan reports unreadable files
        if is_page(text):
            pages.append((rel, text))
    generator = generator or detect_generator(root, [text for _, text in pages[:5]])
    out = Publication(generator, pages=len(pages))
    if mode == "off" or not pages:
        return out
    languages = list(loaded.languages)
    default = default_language(languages)
    if site is not None and site.default_language in languages:
        default = site.default_language
    places = notice_places(
        languages,
        default=default,
        paths=site.paths if site else None,
        kinds=[k for k in NOTICE_KINDS if site is None or k not in site.disabled],
    )
    built = {place: notice_file(root, place, default) for place in places}
    ours = any(built.values()) or any(has_gating_script(text) for _, text in pages)
    if mode == "auto" and not ours:
        return out

    for place, found in built.items():
        if found is None:
            out.findings.append(_missing_notice(place, generator))

    urls = {kind: [page_url(f) for p, f in built.items() if f and p.kind == kind] for kind in KINDS}
    unlinked: dict[str, list[str]] = {kind: [] for kind in KINDS}
    needs_consent = bool(consent_categories(loaded))
    no_script: list[str] = []
    no_banner: list[str] = []
    for rel, text in pages:
        here = page_url(rel)
        targets = {t for t in (link_target(h, here) for h in hrefs(text)) if t is not None}
        for kind, notice_urls in urls.items():
            if not notice_urls or here in notice_urls:
                continue
            if not any(reaches(t, url) for t in targets for url in notice_urls):
                unlinked[kind].append(rel)
        if needs_consent:
            if not has_gating_script(text):
                no_script.append(rel)
            if not any(marker in text for marker in BANNER_MARKERS):
                no_banner.append(rel)

    for kind, missing in unlinked.items():
        if missing:
            shown = [shown_under + rel for rel in missing]
            out.findings.append(_unlinked(kind, missing, shown, pages, generator, max_pages))
    if no_script:
        shown = [shown_under + rel for rel in no_script]
        message = msg("T114.no-script", pages=pages_phrase(shown, max_pages, case="from"))
        fix = msg("T114.no-script.fix", step=inject_step(generator))
        out.findings.append(_at("T114", message, no_script, fix))
    if no_banner:
        shown = [shown_under + rel for rel in no_banner]
        message = msg("T115.no-banner", pages=pages_phrase(shown, max_pages))
        out.findings.append(_at("T115", message, no_banner, _banner_fix(generator)))
    return out


def _missing_notice(place, generator: str | None) -> Finding:
    name = wording(place.lang)[place.kind]["title"] if _has_wording(place.lang) else place.kind
    facts = {"lang": place.lang, "name": name, "url": place.url}
    if place.kind == "privacy":
        message = msg("T112.no-privacy-notice", **facts)
    else:
        message = msg("T112.no-cookie-notice", **facts)
    return Finding(
        "T112",
        CODES["T112"].severity,
        message,
        f"{place.url}index.html",
        None,
        None,
        render_hint(generator),
        {"located_in": "site", "doc": doc_anchor("T112"), "kind": place.kind, "lang": place.lang},
        origin="site",
    )


def _unlinked(kind, missing, shown, pages, generator, max_pages) -> Finding:
    facts = {"pages": pages_phrase(shown, max_pages, case="from"), "total": len(pages)}
    if kind == "privacy":
        message = msg("T113.privacy-unlinked", **facts)
    else:
        message = msg("T113.cookies-unlinked", **facts)
    return _at("T113", message, missing, footer_hint(generator), kind=kind)


def _banner_fix(generator: str | None) -> str:
    step = inject_step(generator)
    if generator == "mkdocs":
        return msg("T115.banner-mkdocs.fix", step=step)
    if generator == "zensical":
        return msg("T115.banner-zensical.fix", step=step)
    return msg("T115.own-banner.fix", step=step)


def _at(code: str, message: str, pages: list[str], fix: str, **data: object) -> Finding:
    facts = {"located_in": "site", "pages": pages, "doc": doc_anchor(code), **data}
    return Finding(
        code, CODES[code].severity, message, pages[0], None, None, fix, facts, origin="site"
    )


def _has_wording(lang: str) -> bool:
    try:
        wording(lang)
    except Exception:  # noqa: BLE001 - any missing wording: fall back to the kind's name
        return False
    return True
