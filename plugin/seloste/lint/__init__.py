"""Lint stage: the registry's notice text against Finnish and EU law (codes ``L1xx``).

``lint(loaded)`` runs every rule of the rulebook (rules.yaml + checks_*.py) and
returns findings ``path:line:col: L1xx message`` with the fix. The registry's
``lint:`` settings (and the site's, passed as ``config``) change a rule's
severity or switch it off with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..messages import msg
from ..policy import Policy
from ..registry import LoadedRegistry
from .context import LintContext
from .rulebook import Hit, Rule, RuleInfo, rule_infos, rules

if TYPE_CHECKING:  # no pydantic in a build whose registry quick.py validated
    from ..registry.model import LintSettings

__all__ = ["Rule", "RuleInfo", "lint", "rule_infos", "rules", "merged_settings"]


def lint(
    loaded: LoadedRegistry, *, config: LintSettings | Mapping[str, Any] | None = None
) -> list[Finding]:
    """Every lint finding for ``loaded``, sorted by position.

    ``config`` (e.g. the MkDocs plugin's ``lint:`` options) adds ignores and
    overrides severities on top of the registry's own ``lint:`` settings.
    """
    settings = merged_settings(loaded.registry.lint, config)
    policy = Policy.of(settings)
    ctx = LintContext.build(loaded)
    findings = list(_settings_problems(loaded, settings, config is not None))
    for code, rule in rules().items():
        if policy.ignores_code(code):
            continue
        for hit in rule.check(ctx):
            line, col = hit.at or _pos(ctx, hit.path)
            findings.append(
                Finding(
                    code,
                    hit.severity or rule.info.severity,
                    hit.message,
                    loaded.path,
                    line,
                    col,
                    hit.fix,
                    data={"rule": rule.info.name, "path": list(hit.path), **hit.data},
                    origin="registry",
                    field=tuple(hit.path),
                    subject=_subject(hit),
                )
            )
    findings = policy.apply(findings)
    return sorted(findings, key=lambda f: (f.line or 0, f.col or 0, f.code))


def _subject(hit: Hit) -> str | None:
    """What an ignore may name for this hit besides its field: a service, domain or address."""
    return next(
        (str(hit.data[key]) for key in ("service", "domain", "email") if key in hit.data), None
    )


def merged_settings(
    own: LintSettings, extra: LintSettings | Mapping[str, Any] | None
) -> LintSettings:
    """The registry's settings with the site's on top (the site's severity wins)."""
    if extra is None:
        return own
    from ..registry.model import LintSettings

    if not isinstance(extra, LintSettings):
        extra = LintSettings.model_validate(dict(extra))
    return LintSettings(
        ignore=[*own.ignore, *extra.ignore],
        severity={**own.severity, **extra.severity},
        words=[*own.words, *extra.words],
    )


def _pos(ctx: LintContext, path: tuple) -> tuple[int, int]:
    pos = ctx.where(path)
    return pos.line, pos.col


def _settings_problems(loaded: LoadedRegistry, settings: LintSettings, has_config: bool):
    """An ignore or severity naming a lint code that does not exist would silently do nothing.

    Only ``L`` codes are checked: the same settings hold the audit's ``T`` codes.
    """
    known = rule_infos()

    def unknown(key: str) -> bool:
        code = key.partition(":")[0].strip().upper()
        return code.startswith("L") and code not in known

    own = loaded.registry.lint
    for index, entry in enumerate(settings.ignore):
        if unknown(entry.code):
            in_registry = index < len(own.ignore)
            yield _unknown(
                loaded, ("lint", "ignore", index, "code") if in_registry else None, entry.code
            )
    for code in settings.severity:
        if unknown(code):
            in_registry = code in own.severity
            yield _unknown(loaded, ("lint", "severity", code) if in_registry else None, code)


def _unknown(loaded: LoadedRegistry, path: tuple | None, code: str) -> Finding:
    known = ", ".join(rule_infos())
    pos = loaded.where(path) if path else None
    return Finding(
        "L100",
        rule_infos()["L100"].severity,
        msg("L100.unknown-code", code=code),
        loaded.path if path else None,
        pos.line if pos else None,
        pos.col if pos else None,
        msg("L100.unknown-code.fix", known=known),
        data={"code": code},
        origin="registry" if path else "config",
        field=path or (),
    )
