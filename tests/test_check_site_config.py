"""``seloste check`` looks for the notices where the site's mkdocs.yml puts them.

A site that moves its notices with the plugin's ``privacy_page: paths:`` /
``cookie_page: paths:`` options used to fail ``seloste check site/`` with a false
T112 ("notice missing") although the plugin built them. check now reads the
seloste options of ./mkdocs.yml (when the checked folder is its site_dir) or of
``--config-file``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY, build_site, run_seloste, write_site
from seloste.site_config import read_site_notices

REGISTRY = MINIMAL_REGISTRY + "services:\n  - id: google-analytics\n    ids: [G-7QK2LMN3PZ]\n"

MKDOCS_YML = """\
site_name: Testi
theme:
  name: mkdocs
  highlightjs: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, name: Suomi, default: true, build: true}
        - {locale: en, name: English, build: true}
  - seloste:
      lint: false
      privacy_page:
        paths: {fi: yritys/tietosuoja/, en: company/privacy-policy/}
      cookie_page:
        paths: {fi: evasteseloste/, en: cookie-policy/}
"""

GA = (
    '<script type="text/plain" data-category="statistics" async '
    'data-src="https://www.googletagmanager.com/gtag/js?id=G-7QK2LMN3PZ"></script>\n'
)


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_seloste("check", *args, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    pytest.importorskip("mkdocs_static_i18n")
    root = write_site(
        tmp_path_factory.mktemp("moved-notices"),
        {
            "mkdocs.yml": MKDOCS_YML,
            "data/registry.yaml": REGISTRY,
            "docs/fi/index.md": "# Etusivu\n\n" + GA,
            "docs/en/index.md": "# Home\n\n" + GA,
        },
    )
    build = build_site(root)
    assert build.returncode == 0, build.output
    assert (root / "site/yritys/tietosuoja/index.html").is_file()
    assert (root / "site/en/cookie-policy/index.html").is_file()
    return root


def test_check_finds_moved_notices_through_mkdocs_yml(project: Path) -> None:
    result = _check(project, "site", "-r", "data/registry.yaml", "--publication", "on")
    assert " T112 " not in result.stdout, result.stdout
    assert " T113 " not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_config_file_option_from_another_folder(project: Path, tmp_path: Path) -> None:
    site, registry = str(project / "site"), str(project / "data/registry.yaml")
    # Without mkdocs.yml Seloste's default paths are expected: the notices are "missing".
    blind = _check(tmp_path, site, "-r", registry, "--publication", "on")
    assert blind.returncode == 1 and blind.stdout.count(" T112 ") == 4, blind.stdout
    told = _check(
        tmp_path, site, "-r", registry, "--publication", "on", "-f", str(project / "mkdocs.yml")
    )
    assert " T112 " not in told.stdout and told.returncode == 0, told.stdout + told.stderr


def test_mkdocs_yml_of_another_site_dir_is_not_used(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "public"
    other.mkdir()
    for page in ("index.html", "en/index.html"):
        (other / page).parent.mkdir(parents=True, exist_ok=True)
        (other / page).write_bytes((project / "site" / page).read_bytes())
    result = _check(project, str(other), "-r", "data/registry.yaml", "--publication", "on")
    assert result.stdout.count(" T112 ") == 4, result.stdout


def test_missing_config_file_is_a_usage_error(project: Path) -> None:
    result = _check(project, "site", "-r", "data/registry.yaml", "-f", "nope.yml")
    assert result.returncode == 2
    assert "nope.yml: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_reading_the_options(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nsite_dir: build/html\ntheme: {name: material, language: sv}\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds: {case: lower}\n"
        "plugins:\n  search: {}\n  seloste:\n    cookie_page: {enabled: false}\n"
        "    privacy_page: {paths: {sv: integritet/}}\n",
        encoding="utf-8",
    )
    site = read_site_notices(config)
    assert site is not None
    assert site.paths == {"privacy": {"sv": "integritet/"}}
    assert site.disabled == frozenset({"cookies"})
    assert site.default_language == "sv"
    assert site.builds(tmp_path / "build" / "html")
    assert not site.builds(tmp_path / "site")
    config.write_text("site_name: x\nplugins: [search]\n", encoding="utf-8")
    assert read_site_notices(config) is None
