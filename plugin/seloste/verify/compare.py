"""What the browser saw, compared with what the registry declares: V-codes.

V101 a service that needs consent was requested (or its cookie stored) before the
visitor chose, or with only other categories accepted; V102 the same after Reject;
V103 a cookie or storage key nobody declares; V104 a declared cookie no visit set;
V105 a third party no declaration explains; V106 a visitor state could not be reached.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..codes import finding
from ..consent.config import material_key
from ..declared import Declared, host_matches
from ..fields_repr import FieldsRepr
from ..findings import Finding
from ..messages import msg
from ..registry.values import Category
from ..scan.signatures import Signatures
from .browser import ACCEPTED, NO_CHOICE, REJECTED, Request, Stored, Visit

_PLACEHOLDER_RE = re.compile(r"<[^<>]{0,40}>|\\\*|\\\{[^{}]{0,40}\\\}|x{3,}", re.IGNORECASE)
#: Material scopes its keys by the site's base path: "/.__consent", "/en/.__palette".
_SCOPE_RE = re.compile(r"^/[^.]*?\.(?=__)")


@dataclass(frozen=True, repr=False)
class Seen(FieldsRepr):
    """One thing seen (a request's service or host, or a stored name) on one page/state."""

    page: str
    state: str
    what: str
    detail: str


def cookie_pattern(name: str) -> re.Pattern[str]:
    """A declared cookie name as a pattern: ``_ga_<container-id>``, ``_pk_id.*``,
    ``_hjSession_{site}`` match any text where the placeholder is."""
    escaped = re.escape(name.strip())
    return re.compile("^" + _PLACEHOLDER_RE.sub(".*", escaped) + "$", re.IGNORECASE)


def storage_name(stored: Stored) -> str:
    return _SCOPE_RE.sub("", stored.name) if stored.kind != "cookie" else stored.name


def state_label(state: str) -> str:
    if state == NO_CHOICE:
        return msg("V.state.no_choice")
    if state == REJECTED:
        return msg("V.state.rejected")
    key = state.partition(":")[2]
    return msg("V.state.all") if key in ("", "*") else msg("V.state.only", key=key)


def kind_label(kind: str) -> str:
    """cookie, localStorage, sessionStorage in the language in use."""
    if kind == "cookie":
        return msg("V.kind.cookie")
    if kind == "localStorage":
        return msg("V.kind.local")
    if kind == "sessionStorage":
        return msg("V.kind.session")
    return kind


class Comparison:
    def __init__(
        self,
        declared: Declared,
        signatures: Signatures,
        *,
        allow_hosts: Iterable[str] = (),
        shown_under: str = "",
    ):
        self.declared = declared
        self.signatures = signatures
        self.allow_hosts = tuple(allow_hosts)
        #: What messages put before a page's path: the site folder (`site/`), as the audit.
        self.shown_under = shown_under
        self.cookie_rows = [(row, cookie_pattern(row.name)) for row in declared.cookies]

    # -- attribution ------------------------------------------------------------------------

    def services_of(self, request: Request) -> list[str]:
        """Service ids a request belongs to: the registry's own hosts first, then signatures."""
        claimant = self.declared.claimant(request.host)
        if claimant is not None:
            return [claimant.id]
        rest = request.url.split(request.host, 1)[-1] or "/"
        found = self.signatures.match_url(request.host, rest)
        if found:
            return found
        # a vendor's shared host (a pixel on www.google.com…): attribute to a declared one
        return [
            s.id
            for s in self.declared.unique()
            if s.in_catalog and self._vendor_host(s.id, request.host)
        ]

    def _vendor_host(self, service_id: str, host: str) -> bool:
        sig = self.signatures.by_service.get(service_id)
        if sig is None:
            return False
        return any(
            "*" not in p.host and host_matches(host, p.host) for p in (*sig.loaders, *sig.pixels)
        )

    def allowed_in(self, category_key: str | None, state: str) -> bool:
        """Whether a service of ``category_key`` (Material's key) may load in ``state``."""
        if category_key is None:
            return True
        if state in (NO_CHOICE, REJECTED):
            return False
        accepted = state.partition(":")[2]
        return accepted in ("", "*") or accepted == category_key

    def category_key(self, service_id: str) -> str | None:
        """Material's consent key of a service's category, None when it needs no consent."""
        own = self.declared.service(service_id)
        if own is not None and not own.needs_consent:
            return None
        category = self.declared.category_of(service_id)
        if category is None:
            return "marketing"  # unknown: treat as the strictest
        if category is Category.necessary:
            return None
        return material_key(category.value)

    def cookie_row(self, name: str):
        for row, pattern in self.cookie_rows:
            if pattern.match(name):
                return row
        return None

    # -- findings ---------------------------------------------------------------------------

    def findings(self, visits: list[Visit]) -> list[Finding]:
        out: list[Finding] = []
        early: dict[tuple[str, str], list[Seen]] = defaultdict(list)  # (code, subject) → seen
        undeclared_hosts: dict[str, list[Seen]] = defaultdict(list)
        undeclared_stored: dict[str, list[Seen]] = defaultdict(list)
        stored_names: set[str] = set()
        for visit in visits:
            if not visit.chosen:
                out.append(
                    finding(
                        "V106",
                        msg(
                            "V106.unreachable",
                            state=state_label(visit.state),
                            page=self.shown_under + visit.page,
                        ),
                        visit.page,
                        fix=msg("V106.unreachable.fix"),
                        data={"state": visit.state},
                        origin="site",
                    )
                )
                continue
            code = "V102" if visit.state == REJECTED else "V101"
            for request in visit.requests:
                seen = Seen(visit.page, visit.state, request.host, request.url)
                services = self.services_of(request)
                if not services:
                    if not self.declared.is_first_party(request.host, self.allow_hosts):
                        undeclared_hosts[request.host].append(seen)
                    continue
                for service in services:
                    if self.declared.service(service) is None:
                        undeclared_hosts[f"{service}\t{request.host}"].append(seen)
                    if not self.allowed_in(self.category_key(service), visit.state):
                        early[(code, service)].append(seen)
            for stored in visit.stored:
                name = storage_name(stored)
                stored_names.add(name)
                seen = Seen(visit.page, visit.state, name, stored.kind)
                row = self.cookie_row(name)
                if row is None:
                    undeclared_stored[name].append(seen)
                    continue
                key = (
                    material_key(row.category.value) if row.needs_consent and row.category else None
                )
                if not self.allowed_in(key, visit.state):
                    early[(code, f"{stored.kind} {name}")].append(seen)
        out += [self._early(code, subject, seen) for (code, subject), seen in early.items()]
        out += [self._undeclared_host(key, seen) for key, seen in undeclared_hosts.items()]
        out += [self._undeclared_stored(name, seen) for name, seen in undeclared_stored.items()]
        out += self._never_set(stored_names, visits)
        return out

    def _where(self, seen: list[Seen]) -> str:
        pages = [self.shown_under + page for page in sorted({s.page for s in seen})]
        states = sorted({state_label(s.state) for s in seen})
        shown, states_text = ", ".join(pages[:3]), "; ".join(states)
        if len(pages) > 3:
            return msg("V.where_more", pages=shown, more=len(pages) - 3, states=states_text)
        return msg("V.where", pages=shown, states=states_text)

    def _early(self, code: str, subject: str, seen: list[Seen]) -> Finding:
        is_stored = " " in subject
        where = self._where(seen)
        if is_stored:
            kind, _, name = subject.partition(" ")
            facts = {"label": f"{kind_label(kind)} {name}", "where": where, "example": seen[0].what}
            message = msg("V102.stored", **facts) if code == "V102" else msg("V101.stored", **facts)
        else:
            facts = {"label": self.declared.label(subject), "where": where}
            facts["example"] = seen[0].detail
            message = (
                msg("V102.requested", **facts) if code == "V102" else msg("V101.requested", **facts)
            )
        fix = msg("V101.fix")
        return finding(
            code,
            message,
            seen[0].page,
            fix=fix,
            data={"subject": subject, "pages": sorted({s.page for s in seen})},
            origin="site",
        )

    def _undeclared_host(self, key: str, seen: list[Seen]) -> Finding:
        service, _, host = key.partition("\t")
        if host:
            label = f"{self.declared.label(service)} ({host})"
            fix = msg("V105.service.fix", registry=self.declared.path, id=service)
        else:
            host, label = service, service
            fix = msg("V105.host.fix", registry=self.declared.path, host=host)
        return finding(
            "V105",
            msg("V105.undeclared", label=label, where=self._where(seen), example=seen[0].detail),
            seen[0].page,
            fix=fix,
            data={"host": host, "service": service if key.count("\t") else None},
            origin="site",
        )

    def _undeclared_stored(self, name: str, seen: list[Seen]) -> Finding:
        return finding(
            "V103",
            msg(
                "V103.undeclared",
                kind=kind_label(seen[0].detail),
                name=name,
                where=self._where(seen),
            ),
            seen[0].page,
            fix=msg("V103.undeclared.fix", registry=self.declared.path),
            data={"cookie": name, "kind": seen[0].detail},
            origin="site",
        )

    def _never_set(self, stored: set[str], visits: list[Visit]) -> list[Finding]:
        if not any(v.state.startswith(ACCEPTED) and v.chosen for v in visits):
            return []
        ran: set[str] = set()  # services whose scripts really ran (stubbed or --network)
        for visit in visits:
            for request in visit.requests:
                if request.host in visit.served:
                    ran.update(self.services_of(request))
        out = []
        for row, pattern in self.cookie_rows:
            if row.origin == "site" or not row.service_id:
                continue  # the site's own keys appear only when a visitor uses a feature
            if row.service_id not in ran:
                continue  # offline its script was an empty answer: nothing to expect
            if any(pattern.match(name) for name in stored):
                continue
            out.append(
                finding(
                    "V104",
                    msg("V104.never_set", name=row.name, service=row.service_id),
                    self.declared.path,
                    fix=msg("V104.never_set.fix"),
                    data={"cookie": row.name, "service": row.service_id},
                    origin="site",
                )
            )
        return out
