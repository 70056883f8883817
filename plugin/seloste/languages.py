"""Which language's notice each site language shows: notice languages ⊂ site languages.

A site may be built in languages Seloste has no notice wording for (fr, zh, es…).
Those languages are never asked to translate the registry: their pages get the
notice of a *fallback* language (by default English when the site has it, else
the site's default language), at their own address, linked from their nav,
banner and language switcher. The plugin and the CLI (``validate``, ``lint``,
``render``) both decide this here, so they check the same texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from .codes import finding
from .fields_repr import FieldsRepr
from .findings import Finding
from .messages import msg
from .notices.common import available_languages


@dataclass(frozen=True, repr=False)
class LanguagePlan(FieldsRepr):
    #: Every language the site builds, default first.
    site: tuple[str, ...]
    #: The languages notices are written in (they have wording and registry texts).
    notices: tuple[str, ...]
    #: The notice language the other site languages show (always one of ``notices``).
    fallback: str
    #: Site language → the language of the notice it shows.
    shown: dict[str, str] = field(default_factory=dict)

    def notice_language(self, site_language: str) -> str:
        return self.shown.get(site_language, self.fallback)

    @property
    def borrowed(self) -> list[str]:
        """Site languages that show another language's notice."""
        return [lang for lang in self.site if self.shown.get(lang) != lang]

    def info(self) -> str | None:
        """One line for the build log and ``seloste validate``, or None."""
        borrowed = self.borrowed
        if not borrowed:
            return None
        return msg(
            "plugin.languages.fallback",
            notices=", ".join(self.notices),
            borrowed=", ".join(borrowed),
            fallback=self.fallback,
            wording=", ".join(available_languages()),
        )


def plan_languages(
    site_languages: Sequence[str],
    *,
    declared: Sequence[str] | None = None,
    fallback: str | None = None,
    wording: Sequence[str] | None = None,
) -> LanguagePlan:
    """Notice languages for a site built in ``site_languages`` (default language first).

    ``declared``: the registry's own ``languages:`` (the notice languages it was written
    in), when it has one; ``fallback``: the user's choice; ``wording``: the languages
    Seloste has wording for (default: the wording folders).
    """
    site = tuple(dict.fromkeys(site_languages)) or ("en",)
    have = set(available_languages() if wording is None else wording)
    wanted = [lang for lang in site if lang in have]
    if declared:
        wanted = [lang for lang in wanted if lang in declared]
    if not wanted:
        # No site language has wording (a zh-only site): the notices are written in the
        # fallback (or the registry's first language, else English) and shown everywhere.
        first = fallback or next((d for d in declared or () if d in have), None) or "en"
        wanted = [first]
    notices = tuple(wanted)
    if fallback not in notices:
        fallback = "en" if "en" in notices else (site[0] if site[0] in notices else notices[0])
    shown = {lang: lang if lang in notices else fallback for lang in site}
    return LanguagePlan(site, notices, fallback, shown)


def fallback_problem(fallback: str | None, plan: LanguagePlan) -> Finding | None:
    """A ``fallback_language`` that is not a notice language: say which ones are."""
    if not fallback or fallback in plan.notices:
        return None
    return finding(
        "R110",
        msg("R110.fallback", fallback=fallback, languages=", ".join(plan.notices)),
        fix=msg("R110.fallback.fix", languages=", ".join(plan.notices)),
        origin="config",
    )


_LANGUAGES_RE = re.compile(
    r"^languages:[ \t]*(\[[^\]\n]*\]|(?:\n[ \t]+-[ \t]*[\w-]+[ \t]*(?:#[^\n]*)?)+)", re.M
)


def declared_languages(registry_text: str) -> list[str] | None:
    """The registry's top-level ``languages:`` before it is loaded (it decides which texts
    the loader demands); None when it has none or it is not a plain list of codes."""
    match = _LANGUAGES_RE.search(registry_text)
    if match is None:
        return None
    try:
        value = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    return None


def read_declared_languages(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return declared_languages(handle.read())
    except (OSError, UnicodeDecodeError):
        return None  # the loader reports it properly
