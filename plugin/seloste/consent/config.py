"""Material's ``extra.consent`` per language, and checks of one a user wrote.

Material ticks every cookie checkbox in advance unless told ``checked: false``;
Planet49 (CJEU C-673/17) and Traficom's guidance rule pre-ticked boxes out, and
the Helsinki Administrative Court (9.10.2024) wants "reject" on the first layer.
So every entry here is ``{name, checked: false}`` and the actions are accept,
reject and manage. Accepting without opening the settings ticks everything: the
gating script does that, so "accept" still means "accept all".
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from ..codes import finding
from ..findings import Finding
from ..messages import msg
from ..registry.loaded import LoadedRegistry
from ..wording import wording
from .declared import consent_categories

#: Our category → the key Material's consent stores. Material's own analytics
#: integration reads ``consent.analytics``, so statistics must be stored there.
MATERIAL_KEYS = {"preferences": "preferences", "statistics": "analytics", "marketing": "marketing"}

ACTIONS = ["accept", "reject", "manage"]


def material_key(category: str) -> str:
    return MATERIAL_KEYS.get(category, category)


def consent_config(
    loaded: LoadedRegistry,
    lang: str,
    cookie_page_url: str,
    privacy_page_url: str | None = None,
) -> dict:
    """The complete ``extra.consent`` for one language; ``{}`` when nothing needs consent.

    The URLs must work from every page (the banner is the same on all of them):
    absolute paths such as ``/en/cookies/`` or full URLs. The description is the
    first layer (controller, purposes, third parties, both notices); each
    checkbox label carries its category's explanation, services and cookies.
    """
    from .layers import banner_content, category_label_html, first_layer_html

    categories = consent_categories(loaded)
    if not categories:
        return {}
    content = banner_content(loaded, lang, privacy_url=privacy_page_url, cookie_url=cookie_page_url)
    return {
        "title": content.title,
        "description": first_layer_html(content),
        "cookies": {
            facts.key: {"name": category_label_html(facts, lang), "checked": False}
            for facts in content.categories
        },
        "actions": list(ACTIONS),
    }


def apply_consent(
    extra: MutableMapping[str, Any],
    loaded: LoadedRegistry,
    lang: str,
    cookie_page_url: str,
    *,
    repo_url: str | None = None,
    config_path: str = "mkdocs.yml",
    privacy_page_url: str | None = None,
) -> list[Finding]:
    """Fill ``extra['consent']`` in place, or check the one the user wrote.

    Also covers the boxes Material adds by itself, ticked: "Google Analytics"
    when ``extra.analytics`` is set and "GitHub" when ``repo_url`` is on GitHub.
    """
    if extra.get("consent"):
        return check_user_consent(
            loaded,
            extra["consent"],
            config_path,
            analytics=bool(extra.get("analytics")),
            repo_url=repo_url,
        )
    consent = consent_config(loaded, lang, cookie_page_url, privacy_page_url)
    if not consent and (extra.get("analytics") or _on_github(repo_url)):
        consent = _bare_config(loaded, lang, cookie_page_url, privacy_page_url)
    if not consent:
        return []
    words = wording(lang)["consent"]
    cookies = consent["cookies"]
    if extra.get("analytics") and "analytics" not in cookies:
        cookies["analytics"] = {"name": words["categories"]["statistics"], "checked": False}
    if _on_github(repo_url) and "github" not in cookies:
        cookies["github"] = {"name": words["github"], "checked": False}
    extra["consent"] = consent
    return []


def _bare_config(
    loaded: LoadedRegistry, lang: str, cookie_page_url: str, privacy_page_url: str | None
) -> dict:
    from .layers import banner_content, first_layer_html

    content = banner_content(loaded, lang, privacy_url=privacy_page_url, cookie_url=cookie_page_url)
    return {
        "title": content.title,
        "description": first_layer_html(content),
        "cookies": {},
        "actions": list(ACTIONS),
    }


def _on_github(repo_url: str | None) -> bool:
    return bool(repo_url and "github.com" in repo_url)


def check_user_consent(
    loaded: LoadedRegistry,
    user_consent: dict,
    config_path: str = "mkdocs.yml",
    *,
    analytics: bool = False,
    repo_url: str | None = None,
) -> list[Finding]:
    """A hand-written ``extra.consent`` against the registry's categories.

    ``analytics``/``repo_url``: Material adds a box of its own, *ticked*, for Google
    Analytics (``extra.analytics``) and for GitHub (``repo_url``) when ``cookies`` has
    no entry of that key (partials/consent.html renders a plain name as checked).
    """
    findings: list[Finding] = []

    def error(code: str, message: str, fix: str, data: dict | None = None) -> None:
        """Every finding here is an error in ``config_path`` (C111–C113)."""
        findings.append(
            finding(code, message, config_path, fix=fix, data=data or {}, origin="config")
        )

    cookies = user_consent.get("cookies") or {}
    if not isinstance(cookies, dict):
        cookies = {}
    implicit = {
        key: label
        for key, label, present in (
            ("analytics", "Google Analytics", analytics),
            ("github", "GitHub", _on_github(repo_url)),
        )
        if present and key not in cookies
    }
    for key, label in implicit.items():
        if key == "analytics":
            message = msg("C112.implicit-analytics", key=key, label=label)
        else:
            message = msg("C112.implicit-github", key=key, label=label)
        fix = msg("C112.implicit.fix", key=key, label=label)
        error("C112", message, fix, {"key": key, "implicit": True})
    for category in consent_categories(loaded):
        key = material_key(category)
        if key in implicit:
            continue  # asked, but with a pre-ticked box: C112 above says so
        if key not in cookies:
            if key == "analytics" and "statistics" in cookies:
                message = msg("C111.category-not-asked-statistics", key=key, category=category)
            else:
                message = msg("C111.category-not-asked", key=key, category=category)
            fix = msg("C111.category-not-asked.fix", key=key)
            error("C111", message, fix, {"category": category, "key": key})
    for key, value in cookies.items():
        if isinstance(value, str) or (isinstance(value, dict) and value.get("checked")):
            fix = msg("C112.ticked.fix", key=key, name=_name_of(value))
            error("C112", msg("C112.ticked", key=key), fix, {"key": key})
    actions = user_consent.get("actions") or ["accept", "manage"]
    if "reject" not in actions:
        error("C113", msg("C113.no-reject"), msg("C113.no-reject.fix"))
    return findings


def _name_of(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("name", "…"))
    return str(value)
