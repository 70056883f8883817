"""The one registry of lint rules: metadata from ``rules.yaml``, checks registered by code.

A check is a small function ``check(ctx) -> Iterable[Hit]`` decorated with
``@rule("L1xx")``; its code, default severity, titles and legal source come from
``rules.yaml`` so the documentation, the severity defaults and the code can be
read (and changed) without touching Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fields_repr import FieldsRepr
from ..findings import Severity
from ..yamldata import load_yaml_file
from ..yamlpos import PathKey

if TYPE_CHECKING:
    from .context import LintContext


@dataclass(frozen=True, repr=False)
class Hit(FieldsRepr):
    """One problem a check found: where (a registry path), what, and what to write instead."""

    path: PathKey
    message: str
    fix: str | None = None
    #: A more precise (line, col) than the path's, e.g. the phrase inside a long text.
    at: tuple[int, int] | None = None
    data: dict[str, Any] = field(default_factory=dict)
    #: A level other than the rule's, e.g. info for "not checked: install …" notes.
    severity: Severity | None = None


Check = Callable[["LintContext"], Iterable[Hit]]


@dataclass(frozen=True, repr=False)
class RuleInfo(FieldsRepr):
    code: str
    name: str
    severity: Severity
    title: dict[str, str]
    source: str


@dataclass(frozen=True, repr=False)
class Rule(FieldsRepr):
    info: RuleInfo
    check: Check


_CHECKS: dict[str, Check] = {}


def rule(code: str) -> Callable[[Check], Check]:
    """Register ``check`` under ``code`` (which must be described in rules.yaml)."""

    def register(check: Check) -> Check:
        if code not in rule_infos():
            raise KeyError(f"lint rule {code} has no entry in rules.yaml")
        if code in _CHECKS:
            raise KeyError(f"lint rule {code} registered twice")
        _CHECKS[code] = check
        return check

    return register


def read_data(name: str) -> Any:
    return load_yaml_file(Path(__file__).with_name(name))


@cache
def rule_infos() -> dict[str, RuleInfo]:
    return {
        code: RuleInfo(
            code=code,
            name=meta["name"],
            severity=Severity(meta["severity"]),
            title=dict(meta["title"]),
            source=meta["source"],
        )
        for code, meta in read_data("rules.yaml").items()
    }


@cache
def phrases() -> dict[str, Any]:
    return read_data("phrases.yaml")


@cache
def transfer_facts() -> dict[str, Any]:
    """Country names and the companies that receive transfers (L132), from transfers.yaml."""
    return read_data("transfers.yaml")


def rules() -> dict[str, Rule]:
    """Every rule with a check, in code order (importing the checks registers them)."""
    from . import (  # noqa: F401
        checks_claims,
        checks_completeness,
        checks_consistency,
        checks_cookies,
        checks_drift,
        checks_roles,
        checks_spelling,
        checks_wording,
    )

    infos = rule_infos()
    return {code: Rule(infos[code], _CHECKS[code]) for code in sorted(_CHECKS)}
