"""Messages in the user's language: findings, fixes, CLI help and output.

The wording is data, like the notices' legal wording: ``messages/<family>.yaml``
(``R.yaml`` for registry findings, ``L.yaml`` for lint, ``cli.yaml`` for the command
line, …), one entry per message key with a template per language::

    R101.syntax:
      en: "YAML syntax error: {problem}"
      fi: "YAML-syntaksivirhe: {problem}"
      sv: "Syntaxfel i YAML: {problem}"

Templates are ``str.format`` templates with named fields (``{{`` for a literal
brace). Every key has every language of ``LANGUAGES`` with the same fields
(tests/test_messages.py), so a Finnish user never sees a half-English report.
Codes, paths and registry keys stay as they are in every language: CI scripts
grep for them.

Which language: ``choose()`` (the CLI's ``--messages`` option, ``SELOSTE_MESSAGES``, the
plugin's ``messages:`` option, the site's default language under MkDocs, the POSIX
locale). A command or a build sets it once with ``use()``; ``msg()`` renders in it.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from ..yamldata import load_yaml_file

HERE = Path(__file__).parent

#: The languages every message has.
LANGUAGES = ("fi", "en", "sv")
#: When nothing says otherwise (no option, no site, a C/POSIX locale).
DEFAULT = "en"
#: The environment variable that names the message language (like a command-line option).
ENV = "SELOSTE_MESSAGES"

_current: ContextVar[str | None] = ContextVar("seloste_messages_language", default=None)


def normalise(tag: str | None) -> str | None:
    """``fi_FI.UTF-8`` → ``fi``, ``sv-FI`` → ``sv``; None for C/POSIX and languages without messages."""
    if not tag:
        return None
    base = tag.split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0].lower()
    return base if base in LANGUAGES else None


def from_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The POSIX locale's language (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``).

    The first variable that is set decides, as in gettext; ``LANGUAGE`` (a list) first.
    """
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if not value:
            continue
        if variable == "LANGUAGE":
            for item in value.split(":"):
                if normalise(item):
                    return normalise(item)
            continue
        return normalise(value)
    return None


def choose(
    option: str | None = None,
    *,
    configured: str | None = None,
    site_default: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The message language, most specific first.

    1. ``option``: the command line's ``--messages``;
    2. ``SELOSTE_MESSAGES`` (the environment counts as a command-line option, as with ruff);
    3. ``configured``: the plugin's ``messages:`` in mkdocs.yml;
    4. ``site_default``: under MkDocs, the site's default language (a Finnish site
       speaks Finnish to its team);
    5. the POSIX locale (``LANG=fi_FI.UTF-8``), on the command line only;
    6. English.
    Languages without messages are passed over.
    """
    env = os.environ if environ is None else environ
    for candidate in (option, env.get(ENV), configured, site_default):
        chosen = normalise(candidate)
        if chosen:
            return chosen
    if site_default is None:
        locale = from_locale(env)
        if locale:
            return locale
    return DEFAULT


def use(lang: str) -> None:
    """Set the message language of this process (or this build) from now on."""
    _current.set(normalise(lang) or DEFAULT)


def language() -> str:
    """The message language in use: what ``use()`` set, else ``choose()``'s answer."""
    return _current.get() or choose()


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message key → {language: template}, from every ``*.yaml`` here."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(HERE.glob("*.yaml")):
        entries: dict[str, Any] = load_yaml_file(path) or {}
        for key, templates in entries.items():
            if key in merged:
                raise KeyError(f"message {key} is defined twice ({path.name})")
            merged[key] = dict(templates)
    return merged


@cache
def family(name: str) -> dict[str, dict[str, Any]]:
    """One catalogue file's messages (``R`` → ``R.yaml``); {} when there is no such file."""
    path = HERE / f"{name}.yaml"
    if not name.isidentifier() or not path.is_file():
        return {}
    return load_yaml_file(path) or {}


def _templates(key: str) -> dict[str, str]:
    """``key``'s templates: from its family's file alone (``R101.syntax`` → ``R.yaml``,
    ``plugin.fatal`` → ``plugin.yaml``), so a build that reports one finding does not
    read every catalogue; from all of them for a key outside that naming."""
    first = key.split(".", 1)[0]
    templates = family(first if first in _NAMED_FILES else key[:1]).get(key)
    return templates if templates is not None else catalogue()[key]


#: Catalogue files named after a word, not a finding family's letter.
_NAMED_FILES = frozenset({"cli", "plugin", "report"})


def msg_in(lang: str, key: str, /, **args: Any) -> str:
    """The message ``key`` in ``lang``, its fields filled from ``args``."""
    templates = _templates(key)
    template = templates.get(lang) or templates[DEFAULT]
    return template.format(**args)


def msg(key: str, /, **args: Any) -> str:
    """The message ``key`` in the language in use, its fields filled from ``args``."""
    return msg_in(language(), key, **args)


def number(value: float, decimals: int = 0) -> str:
    """``1,002.5`` in English, ``1 002,5`` in Finnish and Swedish (a no-break space groups)."""
    text = f"{value:,.{decimals}f}"
    if language() == "en":
        return text
    return text.replace(",", "\u00a0").replace(".", ",")


def fields(template: str) -> set[str]:
    """The named fields of a template (``{name}`` → ``name``), for the completeness test."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
