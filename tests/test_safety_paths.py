"""Page paths never leave the site, never take the home page, never collide (issue #8, point 6).

Real ``mkdocs build`` runs: each refused path stops the build with one error
naming the option, and nothing is written outside ``site/`` or over a page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY, build_site
from seloste.findings import SelosteError


def site(site_factory, paths: str, extra: dict[str, str] | None = None) -> Path:
    return site_factory(
        {
            "mkdocs.yml": "site_name: Testi\ntheme: {name: mkdocs}\nplugins:\n  - seloste:\n"
            "      language: fi\n      audit: false\n      lint: false\n" + paths,
            "data/registry.yaml": MINIMAL_REGISTRY,
            "docs/index.md": "# Etusivu\n\nKäyttäjän oma etusivu.\n",
            **(extra or {}),
        }
    )


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("../docs/fi/pwned", "leaves its folder"),
        ("../../outside", "leaves its folder"),
        ("/", "home page"),
        ("", "home page"),
        ("a/./b", "segment"),
        ("C:\\\\temp", "has no place"),
    ],
)
def test_a_page_path_outside_the_site_or_on_the_home_page_stops_the_build(
    site_factory, tmp_path, value, words
):
    root = site(site_factory, f'      privacy_page:\n        paths: {{fi: "{value}"}}\n')
    before = files_under(tmp_path)
    build = build_site(root)
    assert build.returncode == 1, build.output
    assert "R119" in build.output and "privacy_page.paths.fi" in build.output
    assert words in build.output
    assert "Traceback" not in build.output
    written = files_under(tmp_path) - before
    assert not [p for p in written if not p.startswith(f"{root.name}/site/")], written
    assert not (root / "docs" / "fi").exists()
    assert not (tmp_path.parent / "outside").exists()


def test_both_notices_at_one_address_is_one_error(site_factory):
    root = site(
        site_factory,
        "      privacy_page: {paths: {fi: seloste/}}\n      cookie_page: {paths: {fi: /seloste}}\n",
    )
    build = build_site(root)
    assert build.returncode == 1
    assert "R119" in build.output and "cookie_page.paths.fi" in build.output
    assert "privacy notice" in build.output


def test_a_static_file_at_the_notice_address_is_never_overwritten(site_factory):
    mine = "<html><body>Oma staattinen seloste</body></html>\n"
    root = site(site_factory, "", {"docs/tietosuojaseloste/index.html": mine})
    build = build_site(root)
    assert build.returncode == 1, build.output
    assert "tietosuojaseloste/index.html" in build.output and "privacy_page" in build.output
    assert (root / "docs/tietosuojaseloste/index.html").read_text(encoding="utf-8") == mine


def test_a_normal_custom_path_still_works(site_factory):
    root = site(site_factory, "      privacy_page: {paths: {fi: /tietosuoja/seloste/}}\n")
    build = build_site(root, "--strict")
    assert build.returncode == 0, build.output
    assert "Asiakasrekisteri" in build.page("tietosuoja/seloste/index.html")
    assert "Käyttäjän oma etusivu" in build.page("index.html")


def test_path_rules_directly():
    from seloste.notices.confine import check_page_paths, path_problem

    assert path_problem("tietosuojaseloste/") is None
    assert path_problem("/en/privacy") is None
    assert path_problem("yksityisyys/ääkköset/") is None
    for bad in ("..", "a/../../b", "//", "x?y", "x#y", "a\\b", "%2e%2e/x", 3):
        assert path_problem(bad) is not None, bad
    with pytest.raises(SelosteError) as caught:
        check_page_paths({"privacy": {"en": "../x"}, "cookies": {}}, ["fi", "en"], "fi")
    assert caught.value.findings[0].code == "R119"
    # A language code that is a path cannot move a page out either.
    with pytest.raises(SelosteError):
        check_page_paths({"privacy": {}, "cookies": {}}, ["fi", ".."], "fi")
