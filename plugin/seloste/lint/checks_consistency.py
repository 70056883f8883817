"""Consistency: contact domains, language versions, titles, dates, leftovers (L14x)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations
from urllib.parse import urlparse

from ..messages import msg
from ..registry import format_path
from ..yamlpos import PathKey
from .context import LintContext, is_text_mapping
from .rulebook import Hit, phrases, rule

# Starts only where a run of address characters starts (the lookbehind): linear on long runs.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


def base_domain(host: str) -> str:
    """'www.shop.example.fi' -> 'example.fi' (the last two labels are enough for .fi/.com)."""
    labels = host.lower().strip(".").split(".")
    return ".".join(labels[-2:])


def controller_domains(ctx: LintContext) -> set[str]:
    """The controller's own domains: its e-mail and website, else its contact people's."""
    reg = ctx.registry
    domains: set[str] = set()
    if reg.controller.email:
        domains.add(base_domain(reg.controller.email.split("@")[1]))
    if reg.controller.website:
        url = reg.controller.website
        host = urlparse(url if "//" in url else f"//{url}").hostname
        if host:
            domains.add(base_domain(host))
    if not domains:
        for person in (reg.privacy_contact, reg.dpo):
            if person is not None and person.email:
                domains.add(base_domain(person.email.split("@")[1]))
    return domains


@rule("L140")
def foreign_email_domain(ctx: LintContext) -> Iterable[Hit]:
    own = controller_domains(ctx)
    if not own:
        return
    allowed = own | {base_domain(d) for d in phrases()["authority_email_domains"]}
    reg = ctx.registry
    fields: list[tuple[PathKey, str | None]] = [
        (("rights", "contact_email"), reg.rights.contact_email)
    ]
    for key in ("privacy_contact", "dpo"):
        person = getattr(reg, key)
        if person is not None:
            fields.append(((key, "email"), person.email))
    found = [(path, email) for path, email in fields if email]
    for value in ctx.texts:
        if "@" in value.text:  # every match has one; the search tries every position
            found += [(value.path, m.group(0)) for m in EMAIL.finditer(value.text)]
    seen: set[tuple] = set()
    for path, email in found:
        domain = base_domain(email.split("@")[1])
        if domain in allowed or (path, email) in seen:
            continue
        seen.add((path, email))
        yield Hit(
            path,
            msg(
                "L140.foreign-domain",
                field=format_path(path),
                email=email,
                domain=domain,
                own=", ".join(sorted(own)),
            ),
            msg("L140.foreign-domain.fix"),
            at=ctx.locate_in_text(path, email)
            if path[-1] not in ("email", "contact_email")
            else None,
            data={"email": email, "domain": domain},
        )


# --- language versions ----------------------------------------------------------------------


def _items(text: str) -> int:
    return sum(1 for line in text.splitlines() if re.match(r"\s*([-*•]|\d+[.)])\s+\S", line))


def _paragraphs(text: str) -> int:
    return len([p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()])


def _mappings(node, path=()):
    if is_text_mapping(node):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "lint":
                yield from _mappings(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _mappings(item, (*path, index))


@rule("L141")
def translation_structure(ctx: LintContext) -> Iterable[Hit]:
    for path, mapping in _mappings(ctx.loaded.located.data):
        langs = [lang for lang in ctx.languages if str(mapping.get(lang) or "").strip()]
        for a, b in combinations(langs, 2):
            problem = _difference(mapping[a], mapping[b], a, b)
            if problem:
                yield Hit(
                    path,
                    msg("L141.versions-differ", field=format_path(path), a=a, b=b, problem=problem),
                    msg("L141.versions-differ.fix", a=a, b=b),
                    data={"languages": [a, b]},
                )
    if len(ctx.languages) < 2:
        return
    for value in ctx.texts:
        if value.lang is None and _is_prose(value.path):
            yield Hit(
                value.path,
                msg(
                    "L141.written-once",
                    field=format_path(value.path),
                    others=", ".join(ctx.languages[1:]),
                ),
                msg(
                    "L141.written-once.fix",
                    example=", ".join(f"{lang}: …" for lang in ctx.languages),
                ),
                data={"languages": list(ctx.languages)},
            )


#: Text fields a reader reads as sentences or list items (names and addresses may be
#: written once: they are the same in every language).
PROSE_FIELDS = frozenset(
    {
        "description",
        "purpose",
        "retention",
        "notes",
        "consequences",
        "legitimate_interest",
        "change",
        "how_to_exercise",
        "security",
        "further_processing",
    }
)
PROSE_LISTS = frozenset({"data_subjects", "data_categories", "joint_controllers"})


def _is_prose(path: tuple) -> bool:
    if len(path) >= 2 and path[-2] in PROSE_LISTS and isinstance(path[-1], int):
        return True
    if len(path) >= 3 and path[-3:-1] == ("rights", "notes"):
        return True
    return bool(path) and path[-1] in PROSE_FIELDS


def _difference(first: str, second: str, a: str, b: str) -> str | None:
    items = (_items(first), _items(second))
    if items[0] != items[1]:
        return msg("L141.list-items", count_a=items[0], a=a, count_b=items[1], b=b)
    paras = (_paragraphs(first), _paragraphs(second))
    if abs(paras[0] - paras[1]) >= 2:
        return msg("L141.paragraphs", count_a=paras[0], a=a, count_b=paras[1], b=b)
    short, long = sorted((len(first.split()), len(second.split())))
    if short and long >= 12 and long > 3 * short:
        return msg("L141.words", long=long, short=short)
    if len(first) > 40 and " ".join(first.split()) == " ".join(second.split()):
        return msg("L141.same-text", a=a, b=b)
    return None


# --- titles, dates, leftovers ---------------------------------------------------------------


@rule("L142")
def title_translation(ctx: LintContext) -> Iterable[Hit]:
    known = phrases()["titles"]
    for key in ("dpo", "privacy_contact", "representative"):
        person = getattr(ctx.registry, key)
        if person is None or not isinstance(person.title, dict):
            continue
        fi, en = person.title.get("fi"), person.title.get("en")
        if not fi or not en:
            continue
        for entry in known:
            if entry["fi"] in fi.lower() and not any(ok in en.lower() for ok in entry["en"]):
                yield Hit(
                    (key, "title", "en"),
                    msg("L142.title-translation", key=key, en=en, fi=fi),
                    msg("L142.title-translation.fix", write=entry["write"]),
                )


@rule("L143")
def no_date(ctx: LintContext) -> Iterable[Hit]:
    reg = ctx.registry
    if reg.dates.created or reg.dates.updated or reg.changelog:
        return
    yield Hit(
        ("dates",),
        msg("L143.no-date"),
        msg("L143.no-date.fix"),
    )


@rule("L144")
def unsorted(ctx: LintContext) -> Iterable[Hit]:
    for index, item in enumerate(ctx.registry.unsorted):
        text = item if isinstance(item, str) else next(iter(item.values()), "")
        preview = " ".join(text.split())[:60]
        yield Hit(
            ("unsorted", index),
            msg("L144.unsorted", index=index, preview=preview),
            msg("L144.unsorted.fix"),
        )
