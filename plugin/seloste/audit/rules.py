"""The audit rules: each compares one aspect of the declarations with the evidence.

Every rule yields at most one finding per service (or host, or foreign id),
located at the first page that shows it when the finding is about the site,
or at the declaration's line when it is about the registry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import catalog
from ..fields_repr import FieldsRepr
from ..findings import Finding
from ..generators.hints import fonts_hint, theme_analytics_hint
from ..messages import language, msg
from ..registry.loaded import LoadedRegistry
from ..registry.values import Category
from ..sitesources import at_source
from .codes import CODES, doc_anchor
from .config import AuditConfig
from .declarations import Declarations, Declared
from .evidence import Evidence, Grouped, pages_phrase, short
from .fixes import (
    add_first_party,
    add_under_services,
    consent_purpose,
    flow_list,
    gating_fix,
    ignore_entry,
    service_entry,
)

GTM = "google-tag-manager"
CONSENT_MODE_ADVANCED = "consent-mode-advanced"
COOKIEBOT_AUTO = "cookiebot-auto"
#: The scanner's gating for loaders inside the site's own consent code (consent_gated None).
SITE_CODE = "site-code"
OPT_OUT = "vanilla-cookieconsent-optout"


def law_205() -> str:
    """§ 205 of the Act on Electronic Communications Services (917/2014), as cited."""
    return msg("T.law-205")


def kind_word(kind: str | None) -> str:
    """What a catalogue kind is called in a message ("tracker", "seurantakoodi")."""
    if kind == "tracker":
        return msg("T.kind.tracker")
    if kind == "tag_manager":
        return msg("T.kind.tag-manager")
    if kind == "embed":
        return msg("T.kind.embed")
    if kind == "resource":
        return msg("T.kind.resource")
    if kind == "security":
        return msg("T.kind.security")
    return msg("T.kind.service")


def with_category(ctx: Context, service_id: str, category: Category) -> str:
    """``Hotjar (hotjar, category statistics)``."""
    return ctx.label(service_id, msg("T.category", category=category))


@dataclass(frozen=True, repr=False)
class Context(FieldsRepr):
    loaded: LoadedRegistry
    decl: Declarations
    seen: Grouped
    config: AuditConfig
    files_scanned: int

    def label(self, service_id: str, extra: str = "") -> str:
        """``Hotjar (hotjar)``: the name readers know and the id the registry uses."""
        return self.decl.label(service_id, extra)

    def pages(self, evidence: Evidence) -> str:
        return pages_phrase(self.shown(evidence.pages), self.config.max_pages)

    def shown(self, paths: list[str]) -> list[str]:
        """Built pages as messages name them: under the site folder (``site/blogi/…``), as
        the plugin names them and as the message's "built page" location does."""
        prefix = self.config.site_prefix
        return [prefix + path for path in paths] if prefix else paths

    def at_page(
        self, code: str, message: str, evidence: Evidence, fix: str, **data: object
    ) -> Finding:
        first = evidence.first
        facts = {
            "located_in": "site",
            "pages": evidence.pages,
            "evidence": first.evidence,
            "doc": doc_anchor(code),
            **data,
        }
        found = Finding(
            code,
            CODES[code].severity,
            message,
            first.path,
            first.line,
            None,
            fix,
            facts,
            origin="site",
            subject=_subject(data),
        )
        sources = self.config.sources
        if sources is None:
            return found
        # The file the user edits (a template, a page, mkdocs.yml), the built page kept.
        hit = sources.locate(first.ids or evidence.ids, first.host)
        if hit is None and first.gating.startswith("material"):
            hit = sources.analytics_property()  # e.g. property: !ENV GOOGLE_ANALYTICS_KEY
        return at_source(found, hit, self.config.site_prefix)

    def at_declaration(
        self, code: str, message: str, declared: Declared, fix: str, **data: object
    ) -> Finding:
        facts = {"located_in": "registry", "doc": doc_anchor(code), **data}
        return Finding(
            code,
            CODES[code].severity,
            message,
            self.decl.path,
            declared.pos.line,
            declared.pos.col,
            fix,
            facts,
            origin="registry",
            field=("services", declared.index),
            subject=_subject(data),
        )


def _subject(data: dict[str, object]) -> str | None:
    """What ``T102:google-ads`` or ``T105:cdn.example.com`` names: the service, else the host."""
    subject = data.get("service") or data.get("host")
    return str(subject) if subject else None


def undeclared(ctx: Context) -> Iterator[Finding]:
    """T101: evidence of a service the registry does not declare."""
    for service_id, evidence in ctx.seen.services.items():
        if ctx.decl.service(service_id) is not None:
            continue
        info = catalog.service(service_id)
        ids = evidence.ids
        facts = {
            "kind": kind_word(info.kind if info else None),
            "service": ctx.label(service_id),
            "registry": ctx.decl.path,
            "pages": ctx.pages(evidence),
            "evidence": short(evidence.first.evidence),
        }
        if ids:
            message = msg("T101.undeclared-ids", **facts, ids=", ".join(ids))
        else:
            message = msg("T101.undeclared", **facts)
        entry = service_entry(service_id, ids, custom=info is None)
        fix = add_under_services(ctx.decl, entry)
        if info is not None:
            fix += "\n" + msg("T101.notices-list-it.fix")
        if (
            info is not None
            and ctx.decl.needs_consent_of(service_id)
            and not _has_consent_purpose(ctx)
        ):
            # Without it lint's L131 would be the next round: the notice must say consent
            # is the basis (and that it can be withdrawn).
            fix += "\n" + consent_purpose(ctx.decl.path)
        yield ctx.at_page("T101", message, evidence, fix, service=service_id, ids=ids)


def _has_consent_purpose(ctx: Context) -> bool:
    return any(
        str(getattr(purpose.legal_basis, "value", purpose.legal_basis)) == "consent"
        for register in ctx.loaded.registry.registers
        for purpose in register.purposes or ()
    )


def not_seen(ctx: Context) -> Iterator[Finding]:
    """T102: a declared service the scan has evidence to look for, but found nowhere."""
    gtm = ctx.seen.services.get(GTM)
    for declared in ctx.decl.unique():
        if declared.id in ctx.seen.services or declared.id in ctx.seen.unloaded:
            continue  # (only in a file no page loads: T116 says so)
        if not declared.in_catalog and not declared.hosts:
            continue  # nothing to look for (the registry loader requires hosts: for these)
        label, scanned = ctx.label(declared.id), ctx.files_scanned
        if scanned == 1:
            message = msg("T102.not-found-one", service=label, count=scanned)
        else:
            message = msg("T102.not-found-many", service=label, count=scanned)
        fix = msg("T102.not-found.fix", id=declared.id, registry=ctx.decl.path)
        if gtm is not None and declared.id != GTM:
            container = ", ".join(gtm.ids) or msg("T.no-container-id")
            on = len(gtm.pages)
            if on == 1:
                message += "; " + msg("T102.gtm-one", container=container, count=on)
            else:
                message += "; " + msg("T102.gtm-many", container=container, count=on)
            ignore = ignore_entry(ctx.decl, f"T102:{declared.id}", msg("T102.gtm-reason"))
            fix += "\n" + msg("T102.gtm.fix", ignore=ignore)
        yield ctx.at_declaration("T102", message, declared, fix, service=declared.id)


def foreign_ids(ctx: Context) -> Iterator[Finding]:
    """T103: a tracking id the registry does not list (another property pasted in)."""
    for service_id, evidence in ctx.seen.services.items():
        declared = ctx.decl.service(service_id)
        if declared is None or not declared.ids:
            continue
        for foreign in (i for i in evidence.ids if not declared.knows_id(i)):
            carrying = evidence.where(lambda d, foreign=foreign: foreign in d.ids)
            assert carrying is not None
            ids_line = ctx.loaded.where(("services", declared.index, "ids")).line
            message = msg(
                "T103.foreign-id",
                service=ctx.label(service_id),
                foreign=foreign,
                pages=ctx.pages(carrying),
                registry=ctx.decl.path,
                line=ids_line,
                ids=", ".join(declared.ids),
                evidence=short(carrying.first.evidence),
            )
            facts = {
                "foreign": foreign,
                "own": declared.ids[0],
                "registry": ctx.decl.path,
                "line": ids_line,
                "ids": flow_list([*declared.ids, foreign]),
            }
            if carrying.first.gating.startswith("material"):
                fix = msg("T103.foreign-id-material.fix", **facts)
            else:
                fix = msg("T103.foreign-id-snippet.fix", **facts)
            yield ctx.at_page(
                "T103",
                message,
                carrying,
                fix,
                service=service_id,
                id=foreign,
                declared_ids=list(declared.ids),
            )


def tag_manager(ctx: Context) -> Iterator[Finding]:
    """T104: GTM is present; what it loads is configured in GTM, not in the site."""
    evidence = ctx.seen.services.get(GTM)
    if evidence is None:
        return
    container = ", ".join(evidence.ids) or msg("T.no-container-id")
    message = msg("T104.tag-manager", container=container, pages=ctx.pages(evidence))
    fix = msg("T104.tag-manager.fix", registry=ctx.decl.path)
    yield ctx.at_page("T104", message, evidence, fix, service=GTM, ids=evidence.ids)


def unknown_hosts(ctx: Context) -> Iterator[Finding]:
    """T105: a third-party host no signature and no declaration explains."""
    for host, evidence in ctx.seen.unknown_hosts.items():
        gated = all(d.consent_gated for d in evidence.detections)
        facts = {
            "host": host,
            "pages": ctx.pages(evidence),
            "registry": ctx.decl.path,
            "evidence": short(evidence.first.evidence),
        }
        if gated:
            message = msg("T105.unknown-host-gated", **facts)
        else:
            message = msg("T105.unknown-host", **facts)
        suggestion = _id_from_host(host)
        fix = msg(
            "T105.unknown-host.fix",
            host=host,
            first_party=add_first_party(ctx.decl, host),
            service=add_under_services(
                ctx.decl, service_entry(suggestion, [], custom=True, hosts=[host])
            ),
        )
        yield ctx.at_page("T105", message, evidence, fix, host=host, gated=gated)


#: Host labels that say nothing about whose service it is.
_GENERIC_LABELS = frozenset({"www", "cdn", "static", "assets", "api", "js", "img", "media"})


def _id_from_host(host: str) -> str:
    """A readable, unique id for a host: ``colab.research.google.com`` → ``colab-research-google``
    (not ``google``, which names a hundred services), ``opendatalab-mineru.ms.show`` →
    ``opendatalab-mineru-ms``, ``cdn.example.com`` → ``example``."""
    labels = [label.lower() for label in host.split(".") if label]
    if len(labels) >= 2:
        labels = labels[:-1]  # the top-level domain
    meaningful = [label for label in labels if label not in _GENERIC_LABELS] or labels
    slug = "-".join(meaningful)
    slug = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in slug).strip("-")
    return slug or "third-party"


def before_consent(ctx: Context) -> Iterator[Finding]:
    """T106, T107, T108: a service of a consent-requiring category loads ungated."""
    for service_id, evidence in ctx.seen.services.items():
        category = ctx.decl.category_of(service_id)
        if category is None or category is Category.necessary:
            continue
        advanced = evidence.where(lambda d: d.gating == CONSENT_MODE_ADVANCED)
        if advanced is not None:
            yield _consent_mode_advanced(ctx, service_id, category, advanced)
        auto = evidence.where(lambda d: not d.consent_gated and d.gating == COOKIEBOT_AUTO)
        if auto is not None:
            yield _run_time_blocking(ctx, service_id, category, auto)
        site_code = evidence.where(lambda d: d.gating == SITE_CODE)
        if site_code is not None:
            yield _site_code(ctx, service_id, category, site_code)
        ungated = evidence.where(
            lambda d: (
                d.gating not in (CONSENT_MODE_ADVANCED, COOKIEBOT_AUTO, SITE_CODE)
                and (not d.consent_gated or gated_as(d) == {"necessary"})
            )
        )
        wrong = evidence.where(
            lambda d, category=category: d.consent_gated and _wrong_category(d, category)
        )
        if wrong is not None:
            yield _wrong_gate(ctx, service_id, category, wrong)
        if ungated is None:
            continue
        if ctx.decl.cookieless_of(service_id):
            provider = ctx.decl.provider_of(service_id, language()) or service_id
            yield _cookieless(ctx, service_id, category, ungated, provider)
        else:
            yield _ungated(ctx, service_id, category, ungated)


#: Category names consent tools use in markup → Traficom's categories (the registry's).
CONSENT_CATEGORY_NAMES = {
    "necessary": "necessary",
    "preferences": "preferences",
    "functional": "preferences",
    "functionality": "preferences",
    "statistics": "statistics",
    "analytics": "statistics",
    "marketing": "marketing",
    "ads": "marketing",
    "advertising": "marketing",
    "targeting": "marketing",
}


def gated_as(detection) -> set[str] | None:
    """The categories a gated detection waits for; None when the markup names a service
    (Klaro) or a name we do not know, since then there is nothing to compare."""
    if detection.gating == "klaro" or not detection.consent_category:
        return None
    names = [n.strip().lower() for n in detection.consent_category.split(",") if n.strip()]
    mapped = {CONSENT_CATEGORY_NAMES.get(n) for n in names}
    return None if None in mapped or not mapped else mapped  # type: ignore[return-value]


def _wrong_category(detection, category: Category) -> bool:
    waits_for = gated_as(detection)
    return waits_for is not None and waits_for != {"necessary"} and category not in waits_for


def _seen(ctx: Context, service_id: str, category: Category, evidence: Evidence) -> dict[str, str]:
    """What every message about a service loading before consent names: the service with
    its category, the pages it loads on and a quote of the first (T106, T109, T111, T120)."""
    return {
        "service": with_category(ctx, service_id, category),
        "pages": ctx.pages(evidence),
        "evidence": short(evidence.first.evidence),
    }


def _wrong_gate(ctx: Context, service_id: str, category: Category, evidence: Evidence) -> Finding:
    used = evidence.first.consent_category
    message = msg(
        "T109.wrong-category",
        **_seen(ctx, service_id, category, evidence),
        used=used,
        category=category,
        law=law_205(),
    )
    fix = msg(
        "T109.wrong-category.fix", category=category, service=service_id, registry=ctx.decl.path
    )
    return ctx.at_page(
        "T109", message, evidence, fix, service=service_id, category=category, gated_as=used
    )


def _kinds(evidence: Evidence) -> list[str]:
    return list(dict.fromkeys(d.kind for d in evidence.detections if d.kind))


def _texts(evidence: Evidence) -> list[str]:
    return [d.evidence for d in evidence.detections]


def _maybe_material(evidence: Evidence) -> bool:
    """Material renders GA as an inline script; the scanner marks it when it can tell."""
    return any(
        d.gating.startswith("material")
        or (d.service == "google-analytics" and d.kind == "inline-script")
        for d in evidence.detections
    )


def _generator_gating_fix(ctx: Context, category: str, evidence: Evidence) -> str:
    """Material's hint only where Material (or Zensical) could have built the site; a Hugo
    or Jekyll site is told about its own theme's analytics template instead."""
    generator = ctx.config.generator
    material = _maybe_material(evidence) and generator in ("", "mkdocs")
    fix = gating_fix(category, _kinds(evidence), _texts(evidence), material)
    own = theme_analytics_hint(generator, category) if _maybe_material(evidence) else None
    if own:
        first, _, rest = fix.partition("\n")
        fix = f"{first}\n  - {own}\n{rest}"
    return fix


def _ungated(ctx: Context, service_id: str, category: Category, evidence: Evidence) -> Finding:
    message = msg(
        "T106.before-consent", **_seen(ctx, service_id, category, evidence), law=law_205()
    )
    fix = _generator_gating_fix(ctx, category, evidence)
    opt_out = evidence.where(lambda d: d.gating == OPT_OUT)
    if opt_out is not None:
        fix += "\n" + msg("T106.opt-out.fix", category=opt_out.first.consent_category)
    return ctx.at_page(
        "T106",
        message,
        evidence,
        fix,
        service=service_id,
        category=category,
        kinds=_kinds(evidence),
    )


def _consent_mode_advanced(
    ctx: Context, service_id: str, category: Category, evidence: Evidence
) -> Finding:
    message = msg(
        "T107.advanced-mode",
        service=ctx.label(service_id),
        pages=ctx.pages(evidence),
        law=law_205(),
        evidence=short(evidence.first.evidence),
    )
    fix = (
        msg("T107.basic-mode.fix") + "\n" + gating_fix(category, _kinds(evidence), _texts(evidence))
    )
    return ctx.at_page("T107", message, evidence, fix, service=service_id, category=category)


def _run_time_blocking(
    ctx: Context, service_id: str, category: Category, evidence: Evidence
) -> Finding:
    message = msg("T111.run-time-blocking", **_seen(ctx, service_id, category, evidence))
    fix = msg("T111.run-time-blocking.fix", category=category)
    return ctx.at_page("T111", message, evidence, fix, service=service_id, category=category)


def _site_code(ctx: Context, service_id: str, category: Category, evidence: Evidence) -> Finding:
    message = msg("T120.site-code", **_seen(ctx, service_id, category, evidence))
    fix = msg("T120.site-code.fix", category=category)
    return ctx.at_page("T120", message, evidence, fix, service=service_id, category=category)


def _cookieless(
    ctx: Context, service_id: str, category: Category, evidence: Evidence, provider: str
) -> Finding:
    message = msg(
        "T108.cookieless",
        service=with_category(ctx, service_id, category),
        pages=ctx.pages(evidence),
        provider=provider,
    )
    if service_id == "google-fonts":
        message += " " + msg("T108.google-fonts-ruling")
        fix = fonts_hint(ctx.config.generator) or msg("T108.self-host-fonts.fix")
    else:
        fix = msg("T108.after-consent.fix", service=service_id, registry=ctx.decl.path)
    message = msg("T108.evidence", message=message, evidence=short(evidence.first.evidence))
    return ctx.at_page("T108", message, evidence, fix, service=service_id, category=category)


def unloaded_files(ctx: Context) -> Iterator[Finding]:
    """T116: a service or host only in JS/CSS files that no page loads: dead code, reported
    (a path built at run time cannot be seen) but not as a live tracker."""
    for subject, evidence in ctx.seen.unloaded.items():
        files = evidence.pages
        shown = ctx.shown(files)
        declared = ctx.decl.service(subject) if evidence.first.service else None
        facts = {
            "subject": ctx.label(subject) if evidence.first.service else subject,
            "files": ", ".join(shown[: ctx.config.max_pages])
            + (
                f" (+{len(files) - ctx.config.max_pages})"
                if len(files) > ctx.config.max_pages
                else ""
            ),
            "evidence": short(evidence.first.evidence),
        }
        if len(files) == 1:
            message = msg("T116.unloaded-one", **facts)
        else:
            message = msg("T116.unloaded-many", **facts)
        if declared is not None:
            fix = msg("T116.unloaded-declared.fix")
        else:
            if evidence.first.service:
                custom = catalog.service(subject) is None
                entry = service_entry(subject, evidence.ids, custom=custom)
            else:
                entry = service_entry(_id_from_host(subject), [], custom=True, hosts=[subject])
            fix = msg("T116.unloaded.fix", declare=add_under_services(ctx.decl, entry))
        data = {"service": subject} if evidence.first.service else {"host": subject}
        yield ctx.at_page("T116", message, evidence, fix, files=files, **data)


RULES = (
    undeclared,
    not_seen,
    foreign_ids,
    tag_manager,
    unknown_hosts,
    before_consent,
    unloaded_files,
)
