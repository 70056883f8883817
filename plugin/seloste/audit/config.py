"""Which findings a site wants to see, and how loud.

Two sources, applied in order: the registry's ``lint:`` section (the site's
standing decisions, with a reason for each ignore) and an ``AuditConfig`` from
the caller (a CLI flag or the MkDocs plugin option), which wins.

A key is a code (``T102``) or a code narrowed to one subject, a service id or
a host (``T102:google-ads``): ignoring "declared but not seen" for the one
service GTM loads must not silence it for every other service.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import catalog, policy
from ..fields_repr import FieldsRepr
from ..findings import Finding, Severity
from ..messages import msg
from ..policy import normal_key
from ..registry.loaded import LoadedRegistry
from ..yamlpos import PathKey

if TYPE_CHECKING:
    from ..registry.model import LintSettings
    from ..sitesources import Sources
from .codes import CODES


@dataclass(frozen=True, repr=False)
class AuditConfig(FieldsRepr):
    #: code or ``code:subject`` → severity
    severity: Mapping[str, Severity] = field(default_factory=dict)
    #: codes or ``code:subject`` keys to drop
    ignore: frozenset[str] = frozenset()
    #: hosts (and their subdomains) that belong to the site: never "unknown"
    allow_hosts: tuple[str, ...] = ()
    #: how many pages a message names before "and N more"
    max_pages: int = 3
    #: the generator that built the site ("hugo", …; "" unknown): fix hints name its config
    generator: str = ""
    #: the project's source files (``sitesources.Sources``): site findings then point at
    #: the template, page or config line that put the tracker there; None: the built page
    sources: Sources | None = field(default=None, compare=False)
    #: what page paths are shown under in messages (``site/``; "" when already in the path)
    site_prefix: str = ""
    #: the built site's folder: JS/CSS files in it that nothing loads are found (T116)
    site_dir: str | None = None
    #: what the scan's paths start with besides the path in ``site_dir`` (the plugin's "site/")
    path_prefix: str = ""
    #: scan paths of JS/CSS files no page loads (worked out by ``audit`` from ``site_dir``)
    unloaded: frozenset[str] = frozenset()

    @classmethod
    def from_options(
        cls,
        severity: Mapping[str, str] | None = None,
        ignore: Iterable[str] = (),
        allow_hosts: Iterable[str] = (),
    ) -> AuditConfig:
        return cls(
            severity={k: Severity(v) for k, v in (severity or {}).items()},
            ignore=frozenset(ignore),
            allow_hosts=tuple(allow_hosts),
        )


def apply_settings(
    findings: list[Finding], lint: LintSettings, config: AuditConfig
) -> list[Finding]:
    """The registry's and the caller's ignores and severities (``policy``, shared by all)."""
    return policy.apply_settings(
        findings, lint, ignore=config.ignore, severity=dict(config.severity)
    )


def settings_problems(loaded: LoadedRegistry, config: AuditConfig) -> Iterator[Finding]:
    """T110: an ignore or severity naming an audit code or subject that does not exist
    would silently do nothing (a typo in ``T102:google-adz`` keeps the warning forever)."""
    lint = loaded.registry.lint
    entries: list[tuple[PathKey | None, str]] = [
        (("lint", "ignore", i, "code"), e.code) for i, e in enumerate(lint.ignore)
    ]
    entries += [(("lint", "severity", key), key) for key in lint.severity]
    entries += [(None, key) for key in (*config.ignore, *config.severity)]
    for path, key in entries:
        problem = _key_problem(normal_key(key), loaded)
        if problem is None:
            continue
        pos = loaded.where(path) if path else None
        yield Finding(
            "T110",
            CODES["T110"].severity,
            msg("T110.settings", problem=problem),
            loaded.path if pos else None,
            pos.line if pos else None,
            pos.col if pos else None,
            msg("T110.settings.fix", codes=", ".join(c for c in CODES if c != "T100")),
            {"located_in": "registry" if pos else "", "key": key},
            origin="registry" if pos else "config",
            field=tuple(path) if path else (),
        )


def _key_problem(key: str, loaded: LoadedRegistry) -> str | None:
    code, _, subject = key.partition(":")
    if not code.startswith("T"):
        return None  # lint's L codes share these settings; lint checks its own
    if code not in CODES:
        return msg("T110.not-an-audit-code", code=code)
    if not subject or "." in subject:  # a host may be anything
        return None
    known = set(catalog.services()) | {s.id for s in loaded.registry.services}
    if subject in known:
        return None
    guess = difflib.get_close_matches(subject, sorted(known), n=1)
    if guess:
        return msg("T110.unknown-subject-guess", subject=subject, key=key, guess=guess[0])
    return msg("T110.unknown-subject", subject=subject, key=key)


def parse_severities(options: Iterable[str]) -> dict[str, str]:
    """``["T105=error"]`` → ``{"T105": "error"}``; a malformed option is a ValueError."""
    levels = [s.value for s in Severity]
    out: dict[str, str] = {}
    for option in options:
        key, sep, level = option.partition("=")
        level = level.strip().lower()
        if not sep or not key.strip() or level not in levels:
            raise ValueError(msg("T.severity-option", option=option, levels=", ".join(levels)))
        out[normal_key(key)] = level
    return out
