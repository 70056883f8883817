"""Who is responsible for what: a service's role and the joint-controller paragraphs.

A site that embeds an ad pixel (Meta Pixel, LinkedIn Insight Tag, TikTok Pixel…)
decides together with the vendor that the pixel collects data on the site and sends
it to the vendor, so the two are joint controllers for that collection and
transmission (CJEU C-40/17 Fashion ID; GDPR Art. 26). Art. 26(2) requires the
essence of their arrangement to be made available to the people concerned: the
privacy notice states it per service, in every language, from the wording files.

The role comes from the declared view (``DeclaredService.role``: the registry's
``services[].role``, else the catalogue's); None means nobody has said (lint L150).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..declared import DeclaredService
from .common import md

_URL_RE = re.compile(r"^https?://[^\s<>()\"'\\]+$")


def joint_controller_items(
    services: Iterable[DeclaredService], lang: str, words: dict[str, Any]
) -> list[str]:
    """One Markdown paragraph per joint-controller service: who, for what, the essence, the link."""
    texts = words["joint_controller"]
    items = []
    for service in services:
        if service.role != "joint_controller":
            continue
        provider = service.provider_in(lang) or service.name_in(lang)
        values = {"provider": md(provider), "service": md(service.name_in(lang))}
        parts = [
            texts["scope"].format_map(values),
            texts["essence"].format_map(values),
            texts["rights"].format_map(values),
        ]
        url = service.arrangement
        if url and _URL_RE.match(url):
            parts.append(texts["arrangement"].format_map({**values, "url": url}))
        body = " ".join(" ".join(p.split()) for p in parts)
        items.append(f"**{values['provider']}** ({values['service']}): {body}")
    return items


def is_plural_name(name: str, lang: str) -> bool:
    """Whether a recipient's name reads as a plural noun ("Yhteistyökumppanit", "IT providers").

    Finnish nominative plurals end in a vowel + t (kumppanit, toimistot, viranomaiset);
    company names end otherwise (Oy, Microsoft, Posti). English plurals end in -s but
    not -ss/-us/-ics/-ies' company forms. A heuristic for choosing the role's number.
    """
    words = name.strip().rstrip(".").split()
    if not words:
        return False
    last = words[-1].lower()
    if lang == "fi":
        return len(last) > 3 and last.endswith("t") and last[-2] in "aeiouyäö"
    if lang in ("en", "sv"):
        if lang == "sv":
            return last.endswith(("er", "ar", "or")) and len(last) > 4
        return last.endswith("s") and not last.endswith(("ss", "us", "ics", "inc", "plc"))
    return False


def role_phrase(role: str, name: str, lang: str, words: dict[str, Any]) -> str:
    """The role in the number of the recipient's name ("käsittelijä" / "käsittelijöitä")."""
    value = words["recipient_role"][role]
    if isinstance(value, dict):
        return value["many"] if is_plural_name(name, lang) else value["one"]
    return str(value)
