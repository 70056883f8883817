"""``seloste verify``: the built site in a real browser, compared with the declarations.

The static scan (``seloste scan``/``check``) sees what a site's files load; it cannot
see what runs only inside a site's own consent code or what a tag manager injects at
run time. ``verify_site`` serves the built site on 127.0.0.1, opens its notice pages
and a sample of each template in headless Chromium as visitors in each consent state,
and reports V-codes in the same formats as ``check``.

API: ``verify_site(site, loaded, *, options) -> VerifyResult`` (``.findings``,
``.visits``, ``.plan``); ``VerifyOptions`` holds the page choice, the network switch
and the stubs (``{"host/path-prefix": "script body"}``) that answer vendor hosts offline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..codes import finding
from ..consent.config import material_key
from ..declared import resolve
from ..fields_repr import FieldsRepr
from ..findings import Finding, SelosteError, Severity
from ..messages import msg
from ..policy import apply_settings
from ..registry.loaded import LoadedRegistry
from ..scan import scanner_for
from .browser import ACCEPTED, NO_CHOICE, REJECTED, Visit, Visitor, find_chromium, launch
from .compare import Comparison
from .pages import PagePlan, plan_pages
from .server import serve

__all__ = [
    "VerifyOptions",
    "VerifyResult",
    "find_chromium",
    "visitor_states",
    "verify_site",
]


@dataclass(frozen=True, repr=False)
class VerifyOptions(FieldsRepr):
    #: Pages to open besides the notice pages (``/en/``, ``blog/post/``…).
    pages: tuple[str, ...] = ()
    #: Pages opened per template (pages that load the same things).
    per_template: int = 1
    #: At most this many pages (notice pages and named pages always count).
    max_pages: int = 50
    #: Open every page (slow on a large site).
    every_page: bool = False
    #: Let third-party requests through (else answered locally, empty).
    network: bool = False
    #: Answers for vendor hosts while offline: ``{"host/path-prefix": body}``.
    stubs: Mapping[str, str] = field(default_factory=dict)
    signature_files: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    #: How long to let late scripts run after each load, in milliseconds.
    settle_ms: int = 1500
    #: What messages put before a page's path (``site/``); None: the site folder as given
    #: (nothing for ``.``), as ``seloste check`` names pages.
    shown_under: str | None = None


@dataclass(repr=False)
class VerifyResult(FieldsRepr):
    findings: list[Finding]
    visits: list[Visit]
    plan: PagePlan

    def fails(self, strict: bool = False) -> bool:
        threshold = Severity.warning if strict else Severity.error
        return any(f.severity.rank >= threshold.rank for f in self.findings)


def visitor_states(loaded: LoadedRegistry) -> list[str]:
    """no-choice, rejected, and accepted with each consent category alone."""
    categories = resolve(loaded).consent_categories
    keys = list(dict.fromkeys(material_key(c.value) for c in categories))
    if not keys:
        return [NO_CHOICE]
    return [NO_CHOICE, REJECTED, *(f"{ACCEPTED}:{k}" for k in keys)]


def verify_site(
    site: str | Path,
    loaded: LoadedRegistry,
    options: VerifyOptions | None = None,
    *,
    states: Iterable[str] | None = None,
) -> VerifyResult:
    options = options or VerifyOptions()
    root = Path(site)
    if not root.is_dir():
        raise SelosteError(
            [
                finding(
                    "V100",
                    msg("V100.not_a_directory"),
                    str(site),
                    fix=msg("V100.not_a_directory.fix"),
                    origin="input",
                )
            ]
        )
    plan = plan_pages(
        root,
        loaded.languages,
        pages=options.pages,
        per_template=options.per_template,
        max_pages=options.max_pages,
        every_page=options.every_page,
    )
    if not plan.pages:
        raise SelosteError([finding("V100", msg("V100.no_pages"), str(site), origin="input")])
    wanted = list(states) if states is not None else visitor_states(loaded)
    visits: list[Visit] = []
    with launch() as browser, serve(root) as base_url:
        visitor = Visitor(
            browser,
            base_url,
            network=options.network,
            stubs=options.stubs,
            settle_ms=options.settle_ms,
        )
        for page in plan.pages:
            for state in wanted:
                visits.append(visitor.visit(page, state))
    scanner = scanner_for(loaded.registry, options.signature_files, options.allow_hosts)
    shown_under = options.shown_under
    if shown_under is None:
        under = PurePosixPath(Path(site).as_posix()).as_posix()
        shown_under = "" if under == "." else under + "/"
    comparison = Comparison(
        resolve(loaded),
        scanner.signatures,
        allow_hosts=options.allow_hosts,
        shown_under=shown_under,
    )
    # The registry's `lint: ignore/severity` hold for V codes as for every other family.
    findings = apply_settings(comparison.findings(visits), loaded.registry.lint)
    return VerifyResult(findings, visits, plan)
