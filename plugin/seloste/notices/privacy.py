"""The privacy notice (GDPR Art. 13 and 14) of one language, as Markdown.

The order of the sections follows notice-content.md §1: who the controller is,
then per register what is processed, why, from where and for whom, then the
rights, the complaint to the Data Protection Ombudsman, cookies and the date.
Two deliberate departures from that table: the sources come right after the
data categories (what is collected and where it comes from belong together, as
in Finnish notices), and the rights follow all registers, because they apply to
every register alike.
Every fixed sentence and heading comes from ``wording/<lang>/privacy.yaml``;
this module only decides what is shown and in which order. Registry text always
goes through ``tr``/``md`` so it can never inject HTML or Markdown structure.

A mandatory item missing from the registry is simply not rendered: reporting
it is the linter's job, and the notice must still build from a minimal registry.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import yaml

from ..declared import Declared, DeclaredService, resolve
from ..fields_repr import FieldsRepr
from ..markup import md_anchor, md_inline, md_link, md_mailto
from ..overwrite import write_files
from ..registry.loaded import LoadedRegistry
from ..registry.values import RightId, text_in
from .common import NoticeLinks, md_cell, tr, wording
from .cookies import CookieUse, cookie_use
from .paths import page_path, relative_url
from .phone import format_phone
from .roles import joint_controller_items, role_phrase

if TYPE_CHECKING:  # no pydantic in a build whose registry quick.py validated
    from ..registry.model import Address, Contact, Register, Registry

#: Rights in the order of the GDPR articles; the direct-marketing objection is
#: rendered on its own right after ``objection`` (Art. 21(4): "clearly and separately").
RIGHTS_ORDER = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "objection",
    "direct_marketing",
    "portability",
    "withdraw_consent",
)


def render_privacy_notice(
    loaded: LoadedRegistry, lang: str, links: NoticeLinks, *, consent: bool | None = None
) -> str:
    """The whole privacy notice in ``lang`` as Markdown (Python-Markdown + attr_list).

    ``consent``: whether the site shows a consent banner (by default the registry
    decides); the cookies section only mentions withdrawing consent when it does.
    """
    page = _Page(
        loaded.registry,
        lang,
        wording(lang)["privacy"],
        links,
        cookie_use(loaded, consent),
        declared=resolve(loaded),
    )
    page.render()
    return page.markdown()


def format_date(date: dt.date, lang: str) -> str:
    """A date the way ``lang`` writes it (``9.3.2021``, ``9 March 2021``)."""
    words = wording(lang)["privacy"]
    months = words.get("months") or []
    return words["date_format"].format(
        day=date.day,
        month=date.month,
        year=date.year,
        month_name=months[date.month - 1] if len(months) == 12 else date.month,
    )


@dataclass(repr=False)
class _Page(FieldsRepr):
    registry: Registry
    lang: str
    words: dict[str, Any]
    links: NoticeLinks
    cookie_use: CookieUse = "consent"
    blocks: list[str] = field(default_factory=list)
    declared: Declared | None = None

    # --- output primitives ---------------------------------------------------------------

    def markdown(self) -> str:
        return "\n\n".join(self.blocks) + "\n"

    def heading(self, level: int, text: str, anchor: str) -> None:
        self.blocks.append(f"{'#' * level} {text} {{#{anchor}}}")

    def para(self, text: str | None) -> None:
        if text and text.strip():
            self.blocks.append(text.strip())

    def bullets(self, items: Iterable[str]) -> None:
        lines = [_list_item(item) for item in items if item and item.strip()]
        # Items of several paragraphs need blank lines between them, or Python-Markdown
        # reads the next "- " as a lazy continuation of the previous paragraph.
        separator = "\n\n" if any("\n" in line for line in lines) else "\n"
        if lines:
            self.blocks.append(separator.join(lines))

    def t(self, value: Any) -> str:
        """Registry text in this language, escaped."""
        return tr(value, self.lang)

    def t1(self, value: Any) -> str:
        """Registry text in this language on one line (a heading, a bold name), escaped."""
        return md_inline(text_in(value, self.lang))

    def h(self, key: str) -> str:
        return self.words["headings"][key]

    def label(self, key: str) -> str:
        return self.words["labels"][key]

    def fill(self, template: str, **values: str) -> str:
        return template.format_map(values)

    # --- the page ------------------------------------------------------------------------

    def render(self) -> None:
        reg = self.registry
        self.blocks.append(f"# {self.words['title']}")
        self.para(self.fill(self.words["intro"], controller=md_inline(reg.controller.name)))
        self.controller()
        for key in ("representative", "privacy_contact", "dpo"):
            contact = getattr(reg, key)
            if contact is not None and self.contact_lines(contact):
                self.heading(2, self.h(key), key.replace("_", "-"))
                self.contact(contact)
        self.registers()
        self.rights()
        self.complaint()
        self.cookies()
        self.changes()

    def controller(self) -> None:
        ctrl = self.registry.controller
        self.heading(2, self.h("controller"), "controller")
        self.para(f"**{md_inline(ctrl.name)}**")
        self.bullets(
            [
                self.field("business_id", md_inline(ctrl.business_id)),
                self.field("address", self.address(ctrl.address)),
                self.field("email", _email(ctrl.email)),
                self.field("phone", md_inline(format_phone(ctrl.phone))),
                self.field("website", _url(ctrl.website, ctrl.website)),
            ]
        )

    def contact(self, contact: Contact) -> None:
        self.bullets(self.contact_lines(contact))

    def contact_lines(self, contact: Contact) -> list[str]:
        lines = [
            self.field("name", md_inline(contact.name)),
            self.field("title", self.t1(contact.title)),
            self.field("email", _email(contact.email)),
            self.field("phone", md_inline(format_phone(contact.phone))),
            self.field("address", self.address(contact.address)),
        ]
        return [line for line in lines if line]

    def field(self, label_key: str, value: str) -> str:
        return f"**{self.label(label_key)}:** {value}" if value else ""

    def address(self, address: Address | None) -> str:
        if address is None:
            return ""
        parts = [
            md_inline(address.street),
            f"{md_inline(address.postal_code)} {md_inline(address.city)}",
        ]
        country = self.t1(address.country)
        if country:
            parts.append(country)
        return ", ".join(parts)

    # --- registers -----------------------------------------------------------------------

    def registers(self) -> None:
        registers = self.registry.registers
        single = len(registers) == 1
        assigned = {r.id for r in registers if r.id}
        for index, register in enumerate(registers):
            services = [
                s
                for s in self.services_declared
                if single or (s.register_id is not None and s.register_id == register.id)
            ]
            if single:
                # One register: its sections sit at the top level, no extra heading.
                self.register(register, level=2, prefix="", services=services, title=True)
            else:
                prefix = _anchor(register.id or f"register-{index + 1}")
                self.heading(2, self.t1(register.name), prefix)
                self.register(register, level=3, prefix=f"{prefix}-", services=services)
        if not single:
            unassigned = [s for s in self.services_declared if s.register_id not in assigned]
            if unassigned:
                self.services(unassigned, level=2, anchor="services")

    def register(
        self,
        reg: Register,
        level: int,
        prefix: str,
        services: list[DeclaredService],
        title: bool = False,
    ) -> None:
        def section(key: str) -> None:
            self.heading(level, self.h(key), f"{prefix}{key.replace('_', '-')}")

        if title:
            section("register_name")
            self.para(self.t(reg.name))
        if reg.data_subjects:
            section("data_subjects")
            self.bullets(self.t(s) for s in reg.data_subjects)
        if reg.purposes:
            section("purposes")
            self.bullets(self.purpose_item(p) for p in reg.purposes)
        if reg.data_categories:
            section("data_categories")
            self.bullets(self.t(c) for c in reg.data_categories)
        if reg.sources:
            section("sources")
            self.bullets(
                f"**{self.words['source_origin'][s.origin.value]}:** {self.t(s.description)}"
                for s in reg.sources
            )
        if reg.recipients or services:
            section("recipients")
            self.bullets(self.recipient_item(r) for r in reg.recipients)
            if services:
                self.services(services, level + 1, f"{prefix}services")
        if reg.transfers is not None:  # absent: say nothing; []: say "no transfers"
            section("transfers")
            if reg.transfers:
                self.bullets(self.transfer_item(t) for t in reg.transfers)
            else:
                self.para(self.words["no_transfers"])
        if reg.retention:
            section("retention")
            self.para(self.t(reg.retention))
        if reg.provision is not None:
            section("provision")
            if reg.provision.required:
                self.para(self.words["provision_required"][reg.provision.required])
            self.para(self.t(reg.provision.consequences))
        if reg.automated_decisions is not None:
            section("automated_decisions")
            used = "used" if reg.automated_decisions.used else "not_used"
            self.para(self.words["automated_decisions"][used])
            self.para(self.t(reg.automated_decisions.description))
        if reg.further_processing:
            section("further_processing")
            self.para(self.t(reg.further_processing))
        joint = joint_controller_items(services, self.lang, self.words)
        if reg.joint_controllers or joint:
            section("joint_controllers")
            self.bullets([*joint, *(self.t(j) for j in reg.joint_controllers)])
        if reg.security:
            section("security")
            self.para(self.t(reg.security))
        if reg.notes:
            section("notes")
            self.para(self.t(reg.notes))

    def purpose_item(self, purpose: Any) -> str:
        parts = [self.t(purpose.description)]
        if purpose.legal_basis is not None:
            basis = self.words["legal_basis"][purpose.legal_basis.value]
            parts.append(f"**{self.label('legal_basis')}:** {basis}")
        interest = self.t(purpose.legitimate_interest)
        if interest:
            parts.append(f"**{self.label('legitimate_interest')}:** {interest}")
        return "\n\n".join(p for p in parts if p)

    def recipient_item(self, recipient: Any) -> str:
        name = text_in(recipient.name, self.lang) or ""
        role = role_phrase(recipient.role.value, name, self.lang, self.words)
        head = f"**{self.t1(recipient.name)}** ({role})"
        description = self.t(recipient.description)
        return f"{head}: {description}" if description else head

    def transfer_item(self, transfer: Any) -> str:
        """The recipient, then country, mechanism and description as a nested list."""
        details = [f"{self.label('country')}: {self.t1(transfer.country)}"]
        if transfer.mechanism is not None:
            mechanism = self.words["transfer_mechanism"][transfer.mechanism.value]
            details.append(f"{self.label('mechanism')}: {mechanism}")
        description = md_cell(text_in(transfer.description, self.lang))
        if description:  # one line: it is an item of the nested list
            details.append(description)
        return "\n".join([f"**{self.t1(transfer.recipient)}**", *(f"- {d}" for d in details)])

    @property
    def services_declared(self) -> tuple[DeclaredService, ...]:
        return self.declared.services if self.declared is not None else ()

    def services(self, services: list[DeclaredService], level: int, anchor: str) -> None:
        self.heading(level, self.h("services"), anchor)
        self.para(self.words["services_intro"])
        self.bullets(self.service_item(s) for s in services)

    def service_item(self, service: DeclaredService) -> str:
        """Name, provider and category as the declared view resolves them."""
        name = md_inline(service.name_in(self.lang))
        provider = md_inline(service.provider_in(self.lang))
        category = service.category
        url = service.privacy_url
        text = f"**{name}**"
        if provider:
            text += f", {provider}"
        if category:
            text += f" ({self.words['category'][category]})"
        purpose = self.t(service.purpose)
        if purpose:
            text += f": {purpose}"
        link = md_link(self.label("privacy_policy"), url)
        if link.startswith("["):  # an address that cannot be a link is left out here
            text += f" – {link}"
        return text

    # --- rights and complaint ------------------------------------------------------------

    def rights(self) -> None:
        rights = self.registry.rights
        texts = self.words["rights"]
        notes = {key.value: value for key, value in rights.notes.items()}
        self.heading(2, self.h("rights"), "rights")
        self.para(texts["intro"])
        for key in RIGHTS_ORDER:
            self.heading(3, texts[key]["heading"], f"rights-{key.replace('_', '-')}")
            self.para(texts[key]["text"])
            # The registry's objection text belongs after both parts of Art. 21.
            note_key = (
                None if key == "objection" else "objection" if key == "direct_marketing" else key
            )
            if note_key:
                self.para(self.t(notes.get(note_key)))
        how = self.t(rights.how_to_exercise)
        email = _email(rights.contact_email)
        if how or email:
            self.heading(3, texts["how_to_exercise"]["heading"], "rights-how-to-exercise")
            self.para(how)
            if email:
                self.para(self.fill(texts["how_to_exercise"]["contact"], email=email))

    def complaint(self) -> None:
        texts = self.words["complaint"]
        self.heading(2, self.h("complaint"), "complaint")
        self.para(texts["text"])
        self.bullets(texts["authority"])
        self.para(self.t(self.registry.rights.notes.get(RightId.complaint)))

    # --- cookies and dates ---------------------------------------------------------------

    def cookies(self) -> None:
        reg = self.registry
        if not (self.links.cookies or reg.services or reg.cookies):
            return
        texts = self.words["cookies"][self.cookie_use]
        self.heading(2, self.h("cookies"), "cookies")
        self.para(texts["text"])
        if self.links.cookies:
            self.para(self.fill(texts["link"], link=_link_target(self.links.cookies)))

    def changes(self) -> None:
        reg = self.registry
        last = reg.dates.updated or reg.dates.created
        if last is None and not reg.changelog:
            return
        self.heading(2, self.h("changes"), "changes")
        if last is not None:
            self.para(self.fill(self.label("last_updated"), date=format_date(last, self.lang)))
        entries = sorted(reg.changelog, key=lambda c: c.date, reverse=True)
        self.bullets(f"{format_date(c.date, self.lang)}: {self.t(c.change)}" for c in entries)


# --- files for other static site generators ------------------------------------------------

#: Python-Markdown extensions the notices are written for (Material's flavour).
MARKDOWN_EXTENSIONS = ("attr_list", "admonition", "tables", "toc")


@dataclass(frozen=True, repr=False)
class WrittenPage(FieldsRepr):
    lang: str
    kind: str  # "privacy" or "cookies"
    path: Path


def write_notice_pages(
    loaded: LoadedRegistry,
    out_dir: str | Path,
    languages: Sequence[str],
    fmt: str = "md",
    default_lang: str | None = None,
    front_matter: bool = True,
    *,
    force: bool = False,
) -> list[WrittenPage]:
    """Write each notice per language as ``<page path>/index.md`` (or ``.html``).

    All or nothing: when a file is in the way with other content, nothing is
    written and ``overwrite.WouldOverwrite`` lists them all, unless ``force``.

    For Hugo, Jekyll, Zensical and other generators that cannot run the MkDocs
    plugin. The default language goes to the root (``tietosuojaseloste/``), the
    others under their code (``en/privacy/``). The cookie notice is written when
    its renderer is installed; otherwise the privacy notice does not link to it.

    The Markdown is written for Python-Markdown with ``MARKDOWN_EXTENSIONS``. The
    only syntax beyond plain Markdown and tables is the heading id (``## Title
    {#controller}``), kept because other pages and the tests link to those ids;
    Hugo (Goldmark's heading attributes, on by default), Jekyll (kramdown) and
    Zensical read it too. A generator that does not shows ``{#controller}``
    after the heading: use ``fmt="html"`` there. Everything else is plain: the
    cookie notice's settings button is inline HTML (Hugo drops raw HTML unless
    ``markup.goldmark.renderer.unsafe`` is on; the button only works with
    Material's consent banner anyway), and registry text uses no extension syntax.
    """
    default = default_lang or ("fi" if "fi" in languages else languages[0])
    render_cookies = _cookie_renderer()
    written: list[WrittenPage] = []
    planned: list[tuple[Path, str]] = []
    for lang in languages:
        urls = {kind: page_path(kind, lang, default) for kind in ("privacy", "cookies")}
        renderers: dict[str, Callable[..., str]] = {"privacy": render_privacy_notice}
        if render_cookies is not None:
            renderers["cookies"] = render_cookies
        for kind, render in renderers.items():
            links = NoticeLinks(
                privacy=relative_url(urls[kind], urls["privacy"]),
                cookies=relative_url(urls[kind], urls["cookies"]) if render_cookies else None,
            )
            text = page_file(render(loaded, lang, links), lang, fmt, front_matter)
            target = Path(out_dir, urls[kind], f"index.{fmt}")
            planned.append((target, text))
            written.append(WrittenPage(lang, kind, target))
    write_files(planned, force=force)  # all or nothing: WouldOverwrite lists what is in the way
    return written


def page_file(markdown_text: str, lang: str, fmt: str, front_matter: bool = True) -> str:
    """A rendered notice as a page file: front matter with the title, then the body.

    Hugo and Jekyll print the front-matter title themselves, so the body's H1 is
    dropped there; without front matter the H1 stays.
    """
    title, body = _split_title(markdown_text)
    if not front_matter:
        body = markdown_text
    if fmt == "html":
        import markdown  # only needed for this output format

        body = markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS)) + "\n"
    if not front_matter:
        return body
    meta = yaml.safe_dump({"title": title, "lang": lang}, allow_unicode=True, sort_keys=False)
    return f"---\n{meta}---\n\n{body}"


def _split_title(markdown_text: str) -> tuple[str, str]:
    first, _, rest = markdown_text.partition("\n")
    match = re.fullmatch(r"# (.*?)(?: \{#[\w-]+\})?", first.strip())
    if not match:
        return "", markdown_text
    return match.group(1), rest.lstrip("\n")


def _cookie_renderer() -> Callable[[LoadedRegistry, str, NoticeLinks], str] | None:
    """The cookie notice's renderer when that module exists (it is developed separately)."""
    name = f"{__package__}.cookies"
    if importlib.util.find_spec(name) is None:
        return None
    return getattr(importlib.import_module(name), "render_cookie_notice", None)


# --- small helpers -------------------------------------------------------------------------


def _list_item(text: str) -> str:
    """A bullet whose later lines and paragraphs stay inside the item (4-space indent)."""
    first, *rest = text.strip().split("\n")
    lines = [f"- {first}"] + [f"    {line}" if line.strip() else "" for line in rest]
    return "\n".join(lines)


def _email(value: str | None) -> str:
    return md_mailto(value)


def _url(label: str | None, url: str | None) -> str:
    return md_link(md_inline(label or url), url)


def _link_target(url: str) -> str:
    """A link target from the caller, percent-encoded so spaces or brackets cannot end it."""
    return quote(url, safe=":/#?&=%~.-_+!*,;@")


def _anchor(value: str) -> str:
    return md_anchor(value, "register")


def iter_headings(markdown: str) -> Iterator[tuple[int, str, str]]:
    """(level, text, anchor) of every heading this module wrote; used by tests and tools."""
    for match in re.finditer(r"^(#{1,6}) (.*?)(?: \{#([\w-]+)\})?$", markdown, re.MULTILINE):
        yield len(match.group(1)), match.group(2), match.group(3) or ""


__all__ = [
    "WrittenPage",
    "format_date",
    "iter_headings",
    "page_file",
    "render_privacy_notice",
    "write_notice_pages",
]
