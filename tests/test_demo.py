"""The demo site (repository root) builds strictly, its notices are complete, and a
tracker pasted into overrides/ without a declaration fails the strict build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from browserkit import HOTJAR
from conftest import Build, build_site, copy_demo

HOTJAR_SNIPPET = "\n" + HOTJAR + "\n"  # pasted on lines of its own


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Build:
    root = copy_demo(tmp_path_factory.mktemp("demo"))
    return build_site(root, "--strict")


def test_demo_builds_strictly(demo: Build):
    assert demo.returncode == 0, demo.output
    assert "WARNING" not in demo.output


@pytest.mark.parametrize(
    ("path", "facts"),
    [
        (
            "tietosuojaseloste/index.html",
            [
                "Esimerkki Oy",
                "Esimerkkitie 3",
                "Asiakasrekisteri",
                "15 vuotta",
                "Maija Meikäläinen",
                "Yhteisrekisterinpitäjät",
                "Lintulahdenkuja 4",
                "tietosuoja@om.fi",
            ],
        ),
        (
            "en/privacy/index.html",
            [
                "Esimerkki Oy",
                "Esimerkkitie 3",
                "Customer register",
                "15 years",
                "Maija Meikäläinen",
                "Joint controllers",
                "Lintulahdenkuja 4",
                "tietosuoja@om.fi",
            ],
        ),
    ],
)
def test_demo_privacy_notices_carry_the_demo_facts(demo: Build, path: str, facts: list[str]):
    html = demo.page(path)
    missing = [fact for fact in facts if fact not in html]
    assert not missing, missing


def test_demo_cookie_pages_list_the_declared_services_cookies(demo: Build):
    fi = demo.page("evasteet/index.html")
    en = demo.page("en/cookies/index.html")
    for cookie in ("_ga", "_gcl_au", "_fbp", "li_fat_id"):
        assert cookie in fi and cookie in en, cookie


def test_demo_never_writes_into_docs(tmp_path):
    root = copy_demo(tmp_path)
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}
    build_site(root)
    after = {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}
    assert before == after


def paste_into_overrides(root: Path, snippet: str) -> None:
    main = root / "overrides/main.html"
    html = main.read_text(encoding="utf-8")
    marker = "{% block extrahead %}"
    assert marker in html, "the demo's overrides/main.html must have an extrahead block"
    main.write_text(html.replace(marker, marker + snippet, 1), encoding="utf-8")


def test_undeclared_hotjar_in_overrides_fails_strict_build_and_declaring_fixes_it(tmp_path):
    root = copy_demo(tmp_path)
    paste_into_overrides(root, HOTJAR_SNIPPET)
    failed = build_site(root, "--strict")
    assert failed.returncode != 0
    assert "T101" in failed.output and "hotjar" in failed.output

    registry_path = root / "data/registry.yaml"
    registry = yaml.safe_load(registry_path.read_text(encoding="utf-8"))
    registry["services"].append({"id": "hotjar", "ids": ["3712345"]})
    registry_path.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
    # Declared, but pasted ungated: the consent finding remains until it is gated too.
    paste_gated = root / "overrides/main.html"
    html = paste_gated.read_text(encoding="utf-8")
    paste_gated.write_text(
        html.replace(
            HOTJAR_SNIPPET,
            HOTJAR_SNIPPET.replace(
                "<script>", '<script type="text/plain" data-category="statistics">', 1
            ),
        ),
        encoding="utf-8",
    )
    passed = build_site(root, "--strict")
    assert passed.returncode == 0, passed.output
