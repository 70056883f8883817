"""What the consent banner says, worked out once from the registry and the wording.

Informed consent (CJEU C-673/17 Planet49, Traficom's guidance, the EDPB
cookie-banner taskforce) needs, on the **first layer**: who asks (the
controller), what for (the purposes in plain language), who else gets the data
(the third parties by name), links to both notices, and "reject" as easy as
"accept"; on the **second layer**: each category with its explanation, its
services and its cookies, nothing ticked in advance.

``BannerContent`` holds those facts for one language; ``first_layer_html`` and
``category_label_html`` turn them into HTML that both banners use (Material's
``extra.consent`` and Seloste's own banner). Every registry text is escaped
here: registry text is data, never markup.

Characters beyond Latin-1 (the wording's quotation marks ``”`` and ``“``, a dash in a
registry text) are written as character references (``&#8221;``): the banner is on every
page, and one such character makes Python hold the whole page two bytes a character,
which every later pass over the page (the template's assembly, each plugin's
``on_post_page``, the scan, writing it out as UTF-8) pays for. Browsers show the same text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..declared import resolve
from ..fields_repr import FieldsRepr
from ..registry.loaded import LoadedRegistry
from ..wording import wording
from .config import material_key


@dataclass(frozen=True, repr=False)
class CategoryFacts(FieldsRepr):
    """One consent category as the banner shows it."""

    category: str
    #: The key the choice is stored under (Material's: statistics → analytics).
    key: str
    name: str
    #: The plain-language purpose sentence part (``consent.yaml`` ``purposes``).
    purpose: str
    #: What cookies of this category do (``cookies.yaml`` ``categories.*.use``).
    explanation: str
    #: (service name, provider) in registry order.
    services: tuple[tuple[str, str], ...]
    cookies: tuple[str, ...]


@dataclass(frozen=True, repr=False)
class BannerContent(FieldsRepr):
    """Everything either banner says, for one language."""

    lang: str
    title: str
    controller: str
    categories: tuple[CategoryFacts, ...]
    #: Providers of the consent-requiring services, each once, in registry order.
    third_parties: tuple[str, ...]
    privacy_url: str | None
    cookie_url: str | None

    @property
    def words(self) -> dict:
        return wording(self.lang)["consent"]


def banner_content(
    loaded: LoadedRegistry,
    lang: str,
    *,
    privacy_url: str | None = None,
    cookie_url: str | None = None,
) -> BannerContent:
    """The banner's facts for ``lang``; URLs must work from every page (absolute paths)."""
    words = wording(lang)["consent"]
    category_words = wording(lang)["cookies"]["categories"]
    declared = resolve(loaded)
    facts: list[CategoryFacts] = []
    parties: list[str] = []
    for category in declared.consent_categories:
        services: list[tuple[str, str]] = []
        for service in declared.consent_services:
            if service.category != category:
                continue
            name, provider = service.name_in(lang), service.provider_in(lang)
            if (name, provider) not in services:
                services.append((name, provider))
            if provider and provider not in parties:
                parties.append(provider)
        cookies: list[str] = []
        for row in declared.cookies:
            if row.category == category and row.name not in cookies:
                cookies.append(row.name)
        facts.append(
            CategoryFacts(
                category=str(category.value),
                key=material_key(category),
                name=words["categories"][category],
                purpose=words["purposes"][category],
                explanation=" ".join(str(category_words[category]["use"]).split()),
                services=tuple(services),
                cookies=tuple(cookies),
            )
        )
    return BannerContent(
        lang=lang,
        title=words["title"],
        controller=loaded.registry.controller.name,
        categories=tuple(facts),
        third_parties=tuple(parties),
        privacy_url=privacy_url,
        cookie_url=cookie_url,
    )


def join_words(items: list[str], lang: str) -> str:
    """``a, b ja c`` (fi) / ``a, b and c`` (en) — items are already HTML."""
    words = wording(lang)["consent"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + words["and"] + items[-1]


def _fill(template: str, **values: str) -> str:
    """``template`` (wording, escaped here) with HTML values put in its placeholders."""
    out = html.escape(" ".join(template.split()), quote=False)
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def latin1_html(markup: str) -> str:
    """``markup`` with every character beyond Latin-1 as a character reference (``&#8221;``):
    the same text in a browser, and a page holding it stays one byte a character."""
    if markup.isascii():
        return markup
    return markup.encode("latin-1", "xmlcharrefreplace").decode("latin-1")


def first_layer_html(content: BannerContent) -> str:
    """The first layer as inline HTML (sentences, links; no block elements), in Latin-1
    characters (``latin1_html``).

    Inline only: Material puts the description inside a ``<p>``.
    """
    return latin1_html(_first_layer_html(content))


def _first_layer_html(content: BannerContent) -> str:
    words = content.words
    esc = html.escape
    sentences = [_fill(words["intro"], controller=esc(content.controller))]
    if content.categories:
        purposes = [
            esc(c.purpose)
            + (f" ({esc(', '.join(name for name, _ in c.services))})" if c.services else "")
            for c in content.categories
        ]
        sentences.append(_fill(words["ask"], purposes=join_words(purposes, content.lang)))
    if content.third_parties:
        parties = join_words([esc(p) for p in content.third_parties], content.lang)
        sentences.append(_fill(words["third_parties"], parties=parties))
    sentences.append(_fill(words["choice"], settings=esc(words["settings"])))
    links = []
    if content.cookie_url:
        links.append(_link(content.cookie_url, words["cookie_notice"]))
    if content.privacy_url:
        links.append(_link(content.privacy_url, words["privacy_notice"]))
    if len(links) == 2:
        sentences.append(_fill(words["more"], cookie_notice=links[0], privacy_notice=links[1]))
    elif links:
        more = words["more"].split("{cookie_notice}")[0]
        sentences.append(esc(" ".join(more.split())) + " " + links[0] + ".")
    return " ".join(sentences)


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'


def category_details_html(facts: CategoryFacts, lang: str) -> str:
    """The explanation, services and cookies of one category (inline HTML, ``latin1_html``)."""
    return latin1_html(_category_details_html(facts, lang))


def _category_details_html(facts: CategoryFacts, lang: str) -> str:
    words = wording(lang)["consent"]
    esc = html.escape
    parts = [f'<span class="seloste-consent__explanation">{esc(facts.explanation)}</span>']
    if facts.services:
        names = ", ".join(
            esc(name) + (f" ({esc(provider)})" if provider and provider != name else "")
            for name, provider in facts.services
        )
        parts.append(
            f'<span class="seloste-consent__services">{esc(words["services_label"])}: '
            f"{names}</span>"
        )
    if facts.cookies:
        names = ", ".join(f"<code>{esc(name)}</code>" for name in facts.cookies)
        parts.append(
            f'<span class="seloste-consent__cookies">{esc(words["cookies_label"])}: {names}</span>'
        )
    return " ".join(parts)


def category_label_html(facts: CategoryFacts, lang: str) -> str:
    """Material's checkbox label: the name, then the details (Material inserts it unescaped;
    ``latin1_html``)."""
    return latin1_html(
        f'<strong class="seloste-consent__name">{html.escape(facts.name)}</strong> '
        f'<span class="seloste-consent__details">{category_details_html(facts, lang)}</span>'
    )
