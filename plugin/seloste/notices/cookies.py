"""The cookie notice (evasteseloste) as Markdown, per language.

Everything in the tables comes from ``consent.declared.effective_cookies``, the
same list the consent banner and the consent revision are made from, so the
notice, the banner and the site cannot drift apart. Registry text goes through
``md()``/``md_cell()``; fixed wording comes from ``wording/<lang>/cookies.yaml``.

What the notice promises follows what the site does (``cookie_use``): a site that
asks for consent gets the consent wording, the settings button and its consent
storage rows; a site that needs no consent (only strictly necessary cookies, or
none at all) gets none of these, since there is no banner to open. Only the
categories that are used are listed.

The output is Python-Markdown (tables); the settings button is inline HTML, so
it needs no attr_list, stays out of MkDocs' anchor validation (``#__consent`` is
not a heading: Material's script opens the banner for any link to it) and shows
as a plain link, not as ``{ .md-button }`` text, in other generators.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache
from importlib import resources
from typing import Literal

from ..catalog import Transfer
from ..catalog.cookies import Duration, display_duration, site_cookies
from ..consent.declared import CATEGORIES, CookieRow, consent_categories, effective_cookies
from ..consent.revision import consent_revision
from ..declared import Declared, in_language, resolve
from ..markup import md_code, md_link
from ..registry.loaded import LoadedRegistry
from ..registry.values import Category
from .common import NoticeLinks, md, md_cell, wording

EMBED_KINDS = ("embed", "resource", "security")

#: What a site does with cookies: asks for consent, uses only strictly necessary ones, or none.
CookieUse = Literal["consent", "necessary", "none"]


def render_cookie_notice(
    loaded: LoadedRegistry, lang: str, links: NoticeLinks, *, consent: bool | None = None
) -> str:
    """Markdown for the cookie notice page (fi ``evasteet/``, en ``en/cookies/``).

    ``consent``: whether the site shows a consent banner. By default the registry
    decides (``consent_categories``); the MkDocs plugin may pass ``True`` when
    Material shows a banner for another reason (``extra.analytics``, a GitHub
    ``repo_url``).
    """
    words = wording(lang)["cookies"]
    use = cookie_use(loaded, consent)
    rows = shown_cookies(loaded, use)
    parts = [
        f"# {words['title']}",
        md(words["intro"].replace("{controller}", loaded.registry.controller.name)),
    ]
    if links.privacy:
        parts.append(_fill(words["privacy_link"], url=links.privacy))
    parts += [f"## {words['what_heading']}", _para(words["what"]), _para(words["law"][use])]
    if use != "none":
        parts.append(_para(words["parties"]))
        parts += _categories_section(loaded, rows, use, words)
        parts += _cookie_tables(rows, words, lang, resolve(loaded))
    parts += _services_section(loaded, words, lang)
    parts += _embeds_section(loaded, words, lang)
    if use == "consent":
        parts += _manage_section(loaded, words, lang)
    parts += _changes_section(loaded, words, use)
    return "\n\n".join(p for p in parts if p) + "\n"


def cookie_use(loaded: LoadedRegistry, consent: bool | None = None) -> CookieUse:
    """``consent`` when the site asks for consent, else ``necessary`` when it still
    declares cookies (all strictly necessary), else ``none``."""
    if consent if consent is not None else consent_categories(loaded):
        return "consent"
    return "necessary" if shown_cookies(loaded, "necessary") else "none"


def shown_cookies(loaded: LoadedRegistry, use: CookieUse) -> list[CookieRow]:
    """The rows the notice lists: without a banner, no consent storage (never set)."""
    rows = effective_cookies(loaded)
    if use == "consent":
        return rows
    consent_storage = {fact.name for fact in site_cookies()}
    return [r for r in rows if r.name not in consent_storage]


def _para(text: str) -> str:
    return " ".join(text.split())


def _fill(template: str, **values: str) -> str:
    text = _para(template)
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _table(header: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def used_categories(loaded: LoadedRegistry, rows: list[CookieRow]) -> list[str]:
    """Strictly necessary, then every category with a cookie or in the consent banner."""
    used = {Category.necessary, *(r.category for r in rows), *consent_categories(loaded)}
    return [c for c in CATEGORIES if c in used]


def _categories_section(
    loaded: LoadedRegistry, rows: list[CookieRow], use: CookieUse, words: dict
) -> list[str]:
    cols = words["categories_columns"]
    used = used_categories(loaded, rows)
    body = []
    for c in used:
        texts = words["categories"][c]
        # Without a banner there is no cookie choice to store.
        what = texts.get("use_without_consent") if use != "consent" else None
        body.append([texts["name"], _para(what or texts["use"]), _para(texts["consent"])])
    parts = [
        f"## {words['categories_heading']}",
        _table([cols["category"], cols["use"], cols["consent"]], body),
    ]
    unused = [words["categories"][c]["unused"] for c in CATEGORIES if c not in used]
    if unused:
        parts.append(_fill(words["unused_categories"], categories=join_list(unused, words)))
    return parts


def join_list(items: list[str], words: dict) -> str:
    """``a, b emmekä c`` / ``a, b or c``: the language's own list joining."""
    if len(items) < 2:
        return "".join(items)
    return words["unused_separator"].join(items[:-1]) + words["unused_last"] + items[-1]


def _cookie_tables(rows: list[CookieRow], words: dict, lang: str, declared: Declared) -> list[str]:
    """Per category, one small table per service, the service named once above its table.

    Four columns (name, purpose, duration, kind and party) fit a content column and a phone
    screen; naming the service in every row made the tables overflow and repeat one long
    provider name seven times.
    """
    out = [f"## {words['list_heading']}", table_style()]
    cols = words["columns"]
    header = [cols["name"], cols["purpose"], cols["duration"], cols["type"]]
    for category in CATEGORIES:
        in_category = [r for r in rows if r.category == category]
        if not in_category:
            continue
        note = words["necessary_note"] if category is Category.necessary else words["consent_note"]
        out += [f"### {words['categories'][category]['name']}", _para(note)]
        for label, group in _by_service(in_category, words, lang, declared):
            out += [label, _table(header, [_cookie_cells(r, words, lang) for r in group])]
    return out


@cache
def table_style() -> str:
    """The tables' small stylesheet as one raw-HTML line (a blank line would end the block).

    Generators that drop raw HTML (Hugo without ``unsafe``) drop it whole: the tables then
    just keep the theme's own layout.
    """
    css = resources.files(__package__).joinpath("assets/cookie-tables.css").read_text("utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return '<style data-seloste="cookie-tables">' + " ".join(css.split()) + "</style>"


def _by_service(
    rows: list[CookieRow], words: dict, lang: str, declared: Declared
) -> list[tuple[str, list[CookieRow]]]:
    """Rows grouped by the service that sets them, in first-seen order, each with its label."""
    groups: dict[str, list[CookieRow]] = {}
    for row in rows:
        groups.setdefault(_service_label(row, words, lang, declared), []).append(row)
    return list(groups.items())


def _cookie_cells(row: CookieRow, words: dict, lang: str) -> list[str]:
    kind = words["technology"].get(row.technology, row.technology)
    party = words["party"].get(row.party or "")
    if party:
        kind = f"{kind}, {party[:1].lower()}{party[1:]}"
        if row.party == "third" and row.domain:
            kind = f"{kind} ({md_cell(row.domain)})"
    return [
        md_code(row.name),
        md_cell(_text(row.purpose, lang)) or "–",
        md_cell(duration_text(row.duration, lang)) or "–",
        kind,
    ]


def _service_label(row: CookieRow, words: dict, lang: str, declared: Declared) -> str:
    """``**LinkedIn Insight Tag** (LinkedIn Ireland Unlimited Company)``: the group's heading line."""
    if row.service_id is None:
        name = words["site_service"]
    else:
        name = declared.name_of(row.service_id, lang)
    provider = _text(row.provider, lang)
    label = f"**{md_cell(name)}**"
    return f"{label} ({md_cell(provider)})" if provider else label


def _text(value: object, lang: str) -> str:
    """A Text in ``lang``; catalogue texts (fi, en, sv) fall back to English in other languages."""
    return in_language(value, lang)


def duration_text(duration: Duration | object | None, lang: str) -> str:
    """``2 years`` → ``2 vuotta`` (fi); registry free text is shown as written."""
    if duration is None:
        return ""
    if not isinstance(duration, Duration):
        return _text(duration, lang)
    words = wording(lang)["cookies"]["duration"]
    duration = display_duration(duration)
    if duration.amount is None:
        return words.get(duration.unit, duration.unit)
    singular, plural = words["units"][duration.unit]
    return f"{duration.amount} {singular if duration.amount == 1 else plural}"


def _services_section(loaded: LoadedRegistry, words: dict, lang: str) -> list[str]:
    services = resolve(loaded).services
    if not services:
        return []
    cols = words["services_columns"]
    body = []
    for service in services:
        category = service.category
        category_name = words["categories"][category]["name"] if category else "–"
        if service.cookieless:
            category_name = words["cookieless"]  # no cookies, no consent category
        link = md_link(words["privacy_policy"], service.privacy_url) or "–"
        body.append(
            [
                md_cell(service.name_in(lang)),
                md_cell(_text(service.provider or service.name, lang)) or "–",
                category_name,
                _transfer_text(service.in_catalog, service.transfers, words),
                link,
            ]
        )
    header = [
        cols["service"],
        cols["provider"],
        cols["category"],
        cols["transfer"],
        cols["privacy"],
    ]
    return [f"## {words['services_heading']}", _para(words["services_intro"]), _table(header, body)]


def _transfer_text(in_catalog: bool, transfers: tuple[Transfer, ...], words: dict) -> str:
    if not in_catalog:
        return "–"
    if not transfers:
        return words["no_transfer"]
    return "; ".join(
        _fill(
            words["transfer"],
            country=words["countries"].get(t.country, t.country),
            mechanism=words["mechanisms"].get(t.mechanism or "none", ""),
        )
        for t in transfers
    )


def _embeds_section(loaded: LoadedRegistry, words: dict, lang: str) -> list[str]:
    items = []
    for service in resolve(loaded).services:
        if service.kind not in EMBED_KINDS or service.category is None:
            continue
        category = service.category
        if service.kind == "embed":
            kind = "embed_necessary" if category is Category.necessary else "embed"
        else:
            kind = service.kind
        what = _fill(
            words["embed_kinds"][kind],
            category=words["categories"][category]["name"].lower(),
        )
        name = service.name_in(lang)
        provider = service.provider_in(lang)
        items.append(f"- **{md_cell(name)}** ({md_cell(provider)}): {what}")
    if not items:
        return []
    return [f"## {words['embeds_heading']}", _para(words["embeds_intro"]), "\n".join(items)]


def settings_button(label: str) -> str:
    """The control that reopens Material's consent banner, as inline HTML (see the module)."""
    return f'<a href="#__consent" class="md-button md-button--primary">{html.escape(label)}</a>'


def _manage_section(loaded: LoadedRegistry, words: dict, lang: str) -> list[str]:
    from ..consent.receipt import receipt_html

    return [
        f"## {words['manage_heading']}",
        _para(words["manage"]),
        # The visitor's own choice (filled in by the gating script), then the one
        # settings name used everywhere (consent.yaml `settings`).
        receipt_html(loaded, lang),
        settings_button(wording(lang)["consent"]["settings"]),
        _para(words["browser"]),
    ]


def _changes_section(loaded: LoadedRegistry, words: dict, use: CookieUse) -> list[str]:
    out = [f"## {words['changes_heading']}"]
    date = cookies_updated(loaded)
    if date:
        out.append(_fill(words["updated"], date=format_date(date, words)))
    if use == "consent":  # the revision is what asks again; without a banner, nothing does
        out.append(_fill(words["revision"], revision=f"`{consent_revision(loaded)}`"))
    return out if len(out) > 1 else []


def cookies_updated(loaded: LoadedRegistry) -> dt.date | None:
    """When the cookie list last changed: ``dates.cookies`` if the model has it, else
    ``dates.updated``, else ``dates.created``."""
    dates = loaded.registry.dates
    return getattr(dates, "cookies", None) or dates.updated or dates.created


def format_date(date: dt.date, words: dict) -> str:
    return (
        words["date_format"]
        .replace("{day}", str(date.day))
        .replace("{month_name}", words["months"][date.month - 1])
        .replace("{month}", str(date.month))
        .replace("{year}", str(date.year))
    )
