"""Audit stage: the registry's declarations against the scan's evidence → T1xx findings.

``audit(loaded, result)`` is what ``seloste check`` and the MkDocs plugin call;
the codes are documented in ``docs/{fi,en}/codes-audit.md``.
"""

from __future__ import annotations

from dataclasses import replace

from ..findings import Finding
from ..registry.loaded import LoadedRegistry
from ..scan.model import ScanResult
from .codes import CODES, Code
from .config import AuditConfig, apply_settings, settings_problems
from .declarations import declarations_of
from .evidence import group
from .rules import RULES, Context

__all__ = ["CODES", "AuditConfig", "Code", "audit"]


def audit(
    loaded: LoadedRegistry, result: ScanResult, *, config: AuditConfig | None = None
) -> list[Finding]:
    """Every T1xx finding for this site, after the registry's and the caller's settings."""
    config = config or AuditConfig()
    if config.site_dir is not None and not config.unloaded:
        config = replace(config, unloaded=_unloaded(result, config))
    decl = declarations_of(loaded)
    ctx = Context(loaded, decl, group(result, decl, config), config, result.files_scanned)
    findings = [finding for rule in RULES for finding in rule(ctx)]
    findings = apply_settings(findings, loaded.registry.lint, config)
    findings += settings_problems(loaded, config)
    return sorted(findings, key=_order)


def _unloaded(result: ScanResult, config: AuditConfig) -> frozenset[str]:
    """Scan paths of the JS/CSS files with evidence that no built file references."""
    from ..scan.references import is_asset, unreferenced

    prefix = config.path_prefix
    paths = {d.path for d in result.detections} | {u.path for u in result.unknown_hosts}
    candidates = {p[len(prefix) :] for p in paths if is_asset(p) and p.startswith(prefix)}
    if not candidates or config.site_dir is None:
        return frozenset()
    return frozenset(prefix + p for p in unreferenced(config.site_dir, candidates))


def _order(finding: Finding) -> tuple:
    # The registry's own lines first (one file to edit), then the site's pages in order.
    return (
        finding.origin != "registry",
        finding.path or "",
        finding.line or 0,
        finding.code,
    )
