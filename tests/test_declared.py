"""The declared view: the registry joined with the catalogue once, read by every stage."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from conftest import MINIMAL_REGISTRY
from seloste.audit import audit
from seloste.consent import consent_categories, consent_config, forgettable_cookies
from seloste.declared import CONSENT_CATEGORIES, Declared, resolve
from seloste.lint.context import LintContext
from seloste.notices.common import NoticeLinks
from seloste.notices.cookies import render_cookie_notice
from seloste.notices.privacy import render_privacy_notice
from seloste.registry.load import load_registry
from seloste.registry.model import Category
from seloste.scan.model import Detection, ScanResult

PLUGIN = Path(__file__).resolve().parent.parent / "plugin" / "seloste"

SERVICES = """\
services:
  - id: google-analytics
    ids: [G-ABC123]
  - id: google-fonts
  - id: plausible
    category: statistics
  - id: hotjar
    category: necessary
    name: {fi: Lämpökartta, en: Heatmap}
  - id: chatwidget
    name: Chat Widget
    provider: Chat Oy
    category: marketing
    privacy_url: https://chat.example/privacy
    hosts: [widget.chat.example]
    cookies:
      - name: chat_session
        purpose: {fi: Keskustelu, en: The conversation}
        duration: 1 day
        party: first
"""


def load(tmp_path: Path, services: str = SERVICES):
    path = tmp_path / "registry.yaml"
    path.write_text(MINIMAL_REGISTRY + textwrap.dedent(services), encoding="utf-8")
    return load_registry(path, ["fi", "en"])


def test_resolve_types_and_joins(tmp_path):
    declared = resolve(load(tmp_path))
    assert isinstance(declared, Declared)
    ga, fonts, plausible, hotjar, chat = declared.services
    assert (ga.id, ga.index, ga.category, ga.needs_consent) == (
        "google-analytics",
        0,
        Category.statistics,
        True,
    )
    assert ga.name == "Google Analytics" and ga.ids == ("G-ABC123",) and ga.in_catalog
    assert ga.transfer is not None and ga.transfer.country == "US"
    assert ga.pos.line > 0 and {c.name for c in ga.cookies} >= {"_ga"}
    # Cookieless at the catalogue's category: listed, but no consent choice of its own.
    assert fonts.cookieless and not fonts.needs_consent
    # The registry's category wins, also over "cookieless".
    assert plausible.category is Category.statistics and plausible.needs_consent
    assert hotjar.category is Category.necessary and not hotjar.needs_consent
    assert hotjar.name_in("fi") == "Lämpökartta" and hotjar.name_in("en") == "Heatmap"
    assert all(row.category is Category.necessary for row in hotjar.cookies)
    assert chat.category is Category.marketing and chat.hosts == ("widget.chat.example",)
    assert chat.provider == "Chat Oy" and not chat.in_catalog
    assert declared.consent_categories == (Category.statistics, Category.marketing)
    assert set(declared.consent_categories) <= set(CONSENT_CATEGORIES)
    assert declared.claimant("cdn.widget.chat.example") is chat


def test_resolved_once_per_registry(tmp_path):
    loaded = load(tmp_path)
    assert resolve(loaded) is resolve(loaded)


def test_every_stage_reads_the_same_facts(tmp_path):
    """An override in the registry reaches the notices, the banner, lint and the audit alike."""
    loaded = load(tmp_path)
    declared = resolve(loaded)
    # consent: the banner asks exactly the view's categories; Hotjar (necessary) is not gated.
    assert consent_categories(loaded) == list(declared.consent_categories)
    assert list(consent_config(loaded, "en", "/en/cookies/")["cookies"]) == [
        "analytics",
        "marketing",
    ]
    assert "_hjSessionUser_*" not in sum(forgettable_cookies(loaded).values(), [])
    # lint: the services that need consent are the view's.
    ctx = LintContext.build(loaded)
    assert ctx.consent_services() == [s.index for s in declared.services if s.needs_consent]
    # notices: the registry's name and category, in the reader's language.
    privacy = render_privacy_notice(loaded, "fi", NoticeLinks())
    assert "**Lämpökartta**" in privacy
    cookies = render_cookie_notice(loaded, "en", NoticeLinks())
    assert re.search(r"\| Heatmap \| [^|]+ \| Strictly necessary", cookies)
    # audit: a necessary service loading ungated is fine; a marketing one is not.
    result = ScanResult()
    for service in ("hotjar", "chatwidget"):
        result.detections.append(
            Detection(
                service=service,
                path="index.html",
                line=3,
                evidence="<script src=…>",
                consent_gated=False,
                kind="script",
            )
        )
    codes = {(f.code, f.subject) for f in audit(loaded, result)}
    assert ("T106", "chatwidget") in codes
    assert ("T106", "hotjar") not in codes


def test_no_second_place_computes_category_name_or_consent_need():
    """A reviewer's grep, as a test: only declared.py joins the registry with the catalogue."""
    allowed = {"declared.py", "catalog", "scan", "importer", "registry"}
    offenders = []
    patterns = re.compile(
        r"info\.category|service\.category\.value|\.category\s*==\s*\"necessary\"|"
        r"!=\s*\"necessary\"|info\.cookieless|in CONSENT_CATEGORIES|needs_consent_by_default|"
        # a message naming a service or its provider from the catalogue, not the declaration
        r"\b(service|provider)\"?\s*[=:]\s*info\.(name|provider)\b"
    )
    for path in PLUGIN.rglob("*.py"):
        rel = path.relative_to(PLUGIN)
        if rel.parts[0] in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if patterns.search(line):
                offenders.append(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
