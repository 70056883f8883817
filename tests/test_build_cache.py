"""The build cache (``.cache/plugin/seloste/``) never changes a build: builds with and
without it are byte-identical and report the same findings; an edited registry, a
corrupt entry or another registry's entry is never served."""

from __future__ import annotations

import io
import os
import pickle
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build_site, modules_after_build, write_site
from seloste import buildcache
from seloste.registry import load_registry

#: Material + static-i18n (fi, en) with Material's analytics, so every part the cache
#: touches is in the build: both notices in both languages, extra.consent, the gating
#: script, lint, the cookie checks, the audit of pages and of Material's JS/CSS, embeds.
MKDOCS = """\
site_name: Välimuisti
site_url: https://cache.example/
theme: {name: material, language: fi, font: false}
extra:
  analytics: {provider: google, property: G-7QK2LMN3PZ}
plugins:
  - i18n:
      docs_structure: folder
      languages:
        - {locale: fi, default: true, name: Suomi, build: true}
        - {locale: en, name: English, build: true}
  - seloste:
      fatal: false
"""

PAGES = {
    "docs/fi/index.md": "# Etusivu\n\nTervetuloa.\n\n"
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>\n',
    "docs/en/index.md": "# Home\n\nWelcome.\n\n"
    '<script async src="https://static.hotjar.com/c/hotjar-123.js?sv=6"></script>\n',
}


def make_site(root: Path, *, cache: bool = True) -> Path:
    config = MKDOCS if cache else MKDOCS + "      cache: false\n"
    write_site(root, {"mkdocs.yml": config, **PAGES})
    (root / "data").mkdir(exist_ok=True)
    # The demo's registry with one lint finding put back (L153, L156), so the lint result
    # is among what the builds compare.
    text = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")
    lint_bait = text.replace("ja sen päätyttyä 15 vuotta.", "ja sen jälkeen toistaiseksi.")
    assert lint_bait != text
    (root / "data" / "registry.yaml").write_text(lint_bait, encoding="utf-8")
    return root


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "plugin" / "seloste").glob("*.pickle"))


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def log_lines(output: str, root: Path) -> list[str]:
    """The build log without what differs between any two builds (times, folders)."""
    text = output.replace(str(root), "ROOT")
    text = re.sub(r"\d+\.\d+ s(econds)?", "N s", text)
    return [line for line in text.splitlines() if "DEBUG" not in line]


def assert_same_build(one, other, root_one: Path, root_other: Path) -> None:
    assert one.returncode == other.returncode == 0, one.output + other.output
    first, second = site_bytes(one.site), site_bytes(other.site)
    assert sorted(first) == sorted(second)
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, changed
    assert log_lines(one.output, root_one) == log_lines(other.output, root_other)


def test_cached_and_uncached_builds_are_byte_identical_with_the_same_findings(tmp_path):
    plain = make_site(tmp_path / "plain", cache=False)
    uncached = build_site(plain)
    assert not (plain / ".cache").exists()

    cached = make_site(tmp_path / "cached")
    cold = build_site(cached)
    assert len(entries(cached)) == 1, cold.output
    stored = entries(cached)[0].read_bytes()
    warm = build_site(cached)
    # The warm build found everything it needed: the entry was not written again.
    assert entries(cached)[0].read_bytes() == stored

    assert "T10" in uncached.output and "L153" in uncached.output  # findings to compare
    assert_same_build(uncached, cold, plain, cached)
    assert_same_build(uncached, warm, plain, cached)


def test_a_registry_edit_is_never_served_from_the_old_entry(tmp_path):
    root = make_site(tmp_path / "site")
    assert build_site(root).returncode == 0
    (old,) = entries(root)
    registry = root / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "Esimerkki Oy" in text
    registry.write_text(text.replace("Esimerkki Oy", "Muutettu Oy"), encoding="utf-8")

    build = build_site(root)
    assert build.returncode == 0, build.output
    page = build.page("tietosuojaseloste/index.html")
    assert "Muutettu Oy" in page and "Esimerkki Oy" not in page
    assert "Muutettu Oy" in build.page("en/privacy/index.html")
    assert len(entries(root)) == 2 and old in entries(root)


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "code", "foreign"])
def test_a_damaged_or_foreign_entry_is_ignored_and_the_build_is_unchanged(tmp_path, damage):
    root = make_site(tmp_path / "site")
    first = build_site(root)
    (entry,) = entries(root)
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        entry.write_bytes(data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:])
    elif damage == "garbage":
        entry.write_bytes(b"not a cache entry at all")
    elif damage == "code":
        # A well-formed entry (right magic and digest) whose payload would run a command.
        payload = pickle.dumps(_RunsCode())
        entry.write_bytes(
            buildcache.MAGIC
            + buildcache.hashlib.sha256(payload).hexdigest().encode()
            + b"\n"
            + payload
        )
    else:
        # Another registry's entry under this registry's key (e.g. copied between projects).
        other = make_site(tmp_path / "other")
        text = (other / "data" / "registry.yaml").read_text(encoding="utf-8")
        (other / "data" / "registry.yaml").write_text(
            text.replace("Esimerkki Oy", "Vieras Oy"), encoding="utf-8"
        )
        assert build_site(other).returncode == 0
        (foreign,) = entries(other)
        entry.write_bytes(foreign.read_bytes())

    again = build_site(root)
    assert_same_build(first, again, root, root)
    assert "Vieras Oy" not in again.page("tietosuojaseloste/index.html")
    assert not (root / "pwned").exists() and not (tmp_path / "pwned").exists()
    # The damaged entry was replaced by a good one, under the same key.
    (rewritten,) = entries(root)
    assert rewritten == entry and rewritten.read_bytes() != b"not a cache entry at all"
    assert buildcache.read(rewritten.parent, rewritten.stem) is not None


class _RunsCode:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_warm_build_imports_no_pydantic_notices_or_lint(tmp_path):
    root = make_site(tmp_path / "site")
    assert build_site(root).returncode == 0
    modules = modules_after_build(root, "pydantic", "seloste")
    assert "seloste.mkdocs_plugin" in modules and "seloste.buildcache" in modules
    heavy = [
        m
        for m in modules
        if m.split(".")[0] == "pydantic"
        or m in ("seloste.registry.model", "seloste.registry.load")
        or m.startswith(("seloste.lint", "seloste.notices.privacy", "seloste.notices.cookies"))
    ]
    assert not heavy, heavy


def test_records_answer_as_the_models_do():
    loaded = load_registry(ROOT / "data" / "registry.yaml", ["fi", "en"])
    buffer = io.BytesIO()
    buildcache._Pickler(buffer).dump(loaded)
    copy = buildcache._SafeUnpickler(io.BytesIO(buffer.getvalue())).load()
    registry, record = loaded.registry, copy.registry
    assert isinstance(record, buildcache.Record)
    assert record.controller.name == registry.controller.name
    assert record.service("google-analytics").ids == registry.service("google-analytics").ids
    assert record.service("nothing-like-this") is None
    assert record.cookies == [] or record.cookies[0].model_fields_set
    assert copy.where(("services", 0)) == loaded.where(("services", 0))
    with pytest.raises(AttributeError):
        record.controller.name = "Toinen Oy"
    # Every method a model defines for readers exists on its record too.
    from seloste.registry import model

    for name in dir(model):
        cls = getattr(model, name)
        if isinstance(cls, type) and issubclass(cls, model.Strict) and cls is not model.Strict:
            own = {
                attr
                for attr, value in vars(cls).items()
                if callable(value) and not attr.startswith("_")
            }
            probe = buildcache._record(cls.__name__, {}, frozenset())
            assert all(hasattr(probe, attr) for attr in own), (cls.__name__, own)


def test_the_unpickler_refuses_anything_but_seloste_classes_and_plain_types():
    for payload in (pickle.dumps(_RunsCode()), pickle.dumps(subprocess.Popen)):
        with pytest.raises(pickle.UnpicklingError):
            buildcache._SafeUnpickler(io.BytesIO(payload)).load()


def test_an_unwritable_cache_folder_does_not_fail_the_build(tmp_path):
    root = make_site(tmp_path / "site")
    (root / ".cache").write_text("a file where the folder would be", encoding="utf-8")
    build = build_site(root)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
