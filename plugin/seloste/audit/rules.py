"""The audit rules: each compares one aspect of the declarations with the evidence.

Every rule yields at most one finding per service (or host, or foreign id),
located at the first page that shows it when the finding is about the site,
or at the declaration's line when it is about the registry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import catalog
from ..declared import CONSENT_CATEGORIES
from ..findings import Finding
from ..generators.hints import fonts_hint, theme_analytics_hint
from ..registry.loaded import LoadedRegistry
from ..registry.values import Category
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
LAW_205 = "§ 205 of the Act on Electronic Communications Services (917/2014)"

KIND_WORDS = {
    "tracker": "tracker",
    "tag_manager": "tag manager",
    "embed": "embedded content",
    "resource": "third-party resource",
    "security": "security service",
}


@dataclass(frozen=True)
class Context:
    loaded: LoadedRegistry
    decl: Declarations
    seen: Grouped
    config: AuditConfig
    files_scanned: int

    def label(self, service_id: str, extra: str = "") -> str:
        """``Hotjar (hotjar)``: the name readers know and the id the registry uses."""
        return self.decl.label(service_id, extra)

    def pages(self, evidence: Evidence) -> str:
        return pages_phrase(evidence.pages, self.config.max_pages)

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
        return Finding(
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
        kind = KIND_WORDS.get(info.kind, "service") if info else "service"
        ids = evidence.ids
        id_text = f" with id {', '.join(ids)}" if ids else ""
        message = (
            f"{kind} {ctx.label(service_id)}{id_text} is not declared in {ctx.decl.path}: "
            f"found on {ctx.pages(evidence)}; evidence: {short(evidence.first.evidence)}"
        )
        entry = service_entry(service_id, ids, custom=info is None)
        fix = add_under_services(ctx.decl, entry)
        if info is not None:
            fix += (
                "\n(the privacy and cookie notices then list it; remove the code instead if the "
                "site should not load it)"
            )
        consent_needed = ctx.decl.category_of(service_id) in CONSENT_CATEGORIES
        if info is not None and consent_needed and not _has_consent_purpose(ctx):
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
        if declared.id in ctx.seen.services:
            continue
        if not declared.in_catalog and not declared.hosts:
            continue  # nothing to look for (the registry loader requires hosts: for these)
        scanned = f"{ctx.files_scanned} file{'s' if ctx.files_scanned != 1 else ''} scanned"
        message = f"declared service {ctx.label(declared.id)} was not found on the site ({scanned})"
        fix = (
            f"if the site no longer uses it, remove `- id: {declared.id}` from {ctx.decl.path} "
            "(the notices stop listing it)"
        )
        if gtm is not None and declared.id != GTM:
            container = ", ".join(gtm.ids) or "a container"
            message += (
                f"; Google Tag Manager ({container}) is on {len(gtm.pages)} "
                f"page{'s' if len(gtm.pages) != 1 else ''} and may load it at run time, "
                "which a scan of the built files cannot see"
            )
            fix += "\nif GTM loads it, keep the declaration and " + ignore_entry(
                ctx.decl, f"T102:{declared.id}", "loaded by Google Tag Manager"
            )
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
            message = (
                f"{ctx.label(service_id)} sends to id {foreign} on {ctx.pages(carrying)}, "
                f"but {ctx.decl.path}:{ids_line} declares {', '.join(declared.ids)}; "
                f"evidence: {short(carrying.first.evidence)}"
            )
            where_set = (
                "set `extra: analytics: property:` in mkdocs.yml to"
                if carrying.first.gating.startswith("material")
                else "replace the snippet on those pages with the one for"
            )
            fix = (
                f"if {foreign} is not yours, {where_set} {declared.ids[0]}\n"
                f"if it is yours too, list it in {ctx.decl.path} (line {ids_line}):\n"
                f"    ids: {flow_list([*declared.ids, foreign])}"
            )
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
    container = ", ".join(evidence.ids) or "a container"
    message = (
        f"Google Tag Manager ({container}) runs on {ctx.pages(evidence)}: the tags it loads "
        "are set in GTM's web interface at run time, so this scan cannot see them"
    )
    fix = (
        f"open the container in GTM and declare every service its tags load in {ctx.decl.path} "
        "under `services:`; set each tag to fire only after consent (GTM's consent settings)"
    )
    yield ctx.at_page("T104", message, evidence, fix, service=GTM, ids=evidence.ids)


def unknown_hosts(ctx: Context) -> Iterator[Finding]:
    """T105: a third-party host no signature and no declaration explains."""
    for host, evidence in ctx.seen.unknown_hosts.items():
        gated = all(d.consent_gated for d in evidence.detections)
        message = (
            f"unknown third-party host {host} on {ctx.pages(evidence)}: no signature matches it "
            f"and {ctx.decl.path} does not declare it; evidence: {short(evidence.first.evidence)}"
        )
        if gated:
            message += " (loaded only after consent)"
        suggestion = _id_from_host(host)
        fix = (
            f"if {host} is yours (your CDN, another of your domains), "
            + add_first_party(ctx.decl, host)
            + "\n"
            "if it is a third party, declare it as a service; "
            + add_under_services(ctx.decl, service_entry(suggestion, [], custom=True, hosts=[host]))
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
        info = catalog.service(service_id)
        if info is not None and info.cookieless:
            yield _cookieless(ctx, service_id, category, ungated, info.provider)
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


def _wrong_gate(ctx: Context, service_id: str, category: Category, evidence: Evidence) -> Finding:
    used = evidence.first.consent_category
    message = (
        f"{ctx.label(service_id, f'category {category}')} waits for consent to "
        f"'{used}', not to '{category}', on {ctx.pages(evidence)}: a visitor who accepts only "
        f"'{used}' gets it too, so its consent is not specific (GDPR Art. 4(11) and 7, "
        f"{LAW_205}); evidence: {short(evidence.first.evidence)}"
    )
    fix = (
        f'write `data-category="{category}"` on that markup (the category the registry and the '
        f"cookie notice give it); if the category itself is wrong, set `category:` for "
        f"{service_id} in {ctx.decl.path}"
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
    message = (
        f"{ctx.label(service_id, f'category {category}')} loads before the visitor consents, on "
        f"{ctx.pages(evidence)}: {LAW_205} requires consent first; "
        f"evidence: {short(evidence.first.evidence)}"
    )
    fix = _generator_gating_fix(ctx, category, evidence)
    opt_out = evidence.where(lambda d: d.gating == OPT_OUT)
    if opt_out is not None:
        fix += (
            f"\n`data-category=\"{opt_out.first.consent_category}\"` (with '!') runs the code when "
            "the visitor refuses: a tracker must never run on refusal"
        )
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
    message = (
        f"{ctx.label(service_id)} uses Google Consent Mode in advanced mode on "
        f"{ctx.pages(evidence)}: the tag loads before any choice and sends cookieless pings with "
        f"device and page data to Google, which {LAW_205} does not allow without consent; "
        f"evidence: {short(evidence.first.evidence)}"
    )
    fix = (
        "use basic consent mode: keep `gtag('consent', 'default', …)` if you like, but load the "
        "tag itself only after consent\n" + gating_fix(category, _kinds(evidence), _texts(evidence))
    )
    return ctx.at_page("T107", message, evidence, fix, service=service_id, category=category)


def _run_time_blocking(
    ctx: Context, service_id: str, category: Category, evidence: Evidence
) -> Finding:
    message = (
        f"{ctx.label(service_id, f'category {category}')} is left to Cookiebot's automatic "
        f'blocking (data-blockingmode="auto") on {ctx.pages(evidence)}: that happens in the '
        "browser at run time, so the build cannot prove it loads only after consent; "
        f"evidence: {short(evidence.first.evidence)}"
    )
    fix = (
        "mark the code for Cookiebot's manual blocking, which the build can verify: "
        f'`<script type="text/plain" data-cookieconsent="{category}">`'
    )
    return ctx.at_page("T111", message, evidence, fix, service=service_id, category=category)


def _site_code(ctx: Context, service_id: str, category: Category, evidence: Evidence) -> Finding:
    message = (
        f"{ctx.label(service_id, f'category {category}')} is loaded inside the site's own "
        f"consent code on {ctx.pages(evidence)} (a cookie check, a consent manager's callback): "
        "whether it waits for consent is decided at run time, which a scan of the files cannot "
        f"judge; evidence: {short(evidence.first.evidence)}"
    )
    fix = (
        "run `seloste verify site/` (it opens the pages in a browser before any choice, after "
        "Reject and after Accept), or mark the code with a consent category the build can "
        f'read: `<script type="text/plain" data-category="{category}">`'
    )
    return ctx.at_page("T120", message, evidence, fix, service=service_id, category=category)


def _cookieless(
    ctx: Context, service_id: str, category: Category, evidence: Evidence, provider: str
) -> Finding:
    message = (
        f"{ctx.label(service_id, f'category {category}')} loads before consent on "
        f"{ctx.pages(evidence)}: it sets no cookies, but every page view sends the visitor's IP "
        f"address to {provider}"
    )
    if service_id == "google-fonts":
        message += " (LG München I, 20.1.2022, 3 O 17493/20 found this unlawful without consent)"
        fix = fonts_hint(ctx.config.generator) or (
            "host the fonts yourself: with Material for MkDocs set `theme: font: false` and serve "
            "the font files from the site, or enable Material's `privacy` plugin"
        )
    else:
        fix = (
            "load it only after consent, or, if it is strictly necessary for the site, declare "
            f"`category: necessary` for {service_id} in {ctx.decl.path}"
        )
    message += f"; evidence: {short(evidence.first.evidence)}"
    return ctx.at_page("T108", message, evidence, fix, service=service_id, category=category)


RULES = (undeclared, not_seen, foreign_ids, tag_manager, unknown_hosts, before_consent)
