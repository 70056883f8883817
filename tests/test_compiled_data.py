"""The package data's compiled forms (``plugin/seloste/compiled/``) are exactly what
``python -m seloste.compile_data`` makes of the YAML files now, and a build uses one only
when it was made from the very bytes of its YAML file (issue #9: a first build reads
JSON, not YAML, and does not check or parse the built-in signatures' regexes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seloste import compile_data, yamldata
from seloste.scan import signatures
from seloste.yamldata import COMPILED, PACKAGE, compiled_path, load_yaml


def test_the_compiled_files_are_made_from_the_yaml_files_as_they_are():
    """After editing a YAML file of the package: ``python -m seloste.compile_data``."""
    wanted = compile_data.compiled_files()
    on_disk = {p: p.read_text(encoding="utf-8") for p in COMPILED.rglob("*.json")}
    assert sorted(on_disk) == sorted(wanted)
    for path, text in wanted.items():
        assert on_disk[path] == text, f"{path} is stale: python -m seloste.compile_data"


@pytest.mark.parametrize("path", compile_data.yaml_files(), ids=lambda p: p.name)
def test_each_compiled_file_holds_the_yaml_value_with_the_same_types(path: Path):
    where = compiled_path(path)
    assert where is not None and where.is_file()
    stored = json.loads(where.read_text(encoding="utf-8"))
    data = path.read_bytes()
    assert stored["source_sha256"] == yamldata.source_digest(data)
    value = load_yaml(data.decode("utf-8"))
    assert compile_data._same(stored["value"], value)
    assert compile_data._same(yamldata.compiled_value(path, data), value)


def test_same_compares_types_too():
    assert compile_data._same({"a": [1, "x"]}, {"a": [1, "x"]})
    assert not compile_data._same({"a": 1}, {"a": 1.0})
    assert not compile_data._same({"a": 1}, {"a": True})
    assert not compile_data._same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # order is kept


def test_a_yaml_file_json_cannot_hold_gets_no_compiled_form(tmp_path):
    dated = tmp_path / "dated.yaml"
    dated.write_text("when: 2026-12-03\n", encoding="utf-8")
    assert compile_data.compiled_yaml(dated) is None
    numbered = tmp_path / "numbered.yaml"
    numbered.write_text("1: one\n", encoding="utf-8")
    assert compile_data.compiled_yaml(numbered) is None


def _package(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    package = tmp_path / "seloste"
    monkeypatch.setattr(yamldata, "PACKAGE", package)
    monkeypatch.setattr(yamldata, "COMPILED", package / "compiled")
    monkeypatch.setattr(yamldata, "_FILES", {})
    source = package / "lint" / "table.yaml"
    source.parent.mkdir(parents=True)
    source.write_text("words: [yksi, kaksi]\n", encoding="utf-8")
    where = package / "compiled" / "lint" / "table.yaml.json"
    where.parent.mkdir(parents=True)
    return source, where


def test_the_compiled_form_is_read_when_made_from_these_bytes(tmp_path, monkeypatch):
    source, where = _package(tmp_path, monkeypatch)
    digest = yamldata.source_digest(source.read_bytes())
    # A value the YAML does not have, to see which one was read.
    where.write_text(json.dumps({"source_sha256": digest, "value": {"words": ["json"]}}))
    assert yamldata.load_yaml_file(source) == {"words": ["json"]}


@pytest.mark.parametrize(
    "stored",
    [
        '{"source_sha256": "0000", "value": {"words": ["stale"]}}',  # another YAML text
        '{"source_sha256": ',  # damaged
        "[1, 2]",
        None,  # no compiled form
    ],
)
def test_an_edited_yaml_file_is_parsed_itself(tmp_path, monkeypatch, stored):
    source, where = _package(tmp_path, monkeypatch)
    if stored is not None:
        where.write_text(stored, encoding="utf-8")
    assert yamldata.load_yaml_file(source) == {"words": ["yksi", "kaksi"]}


def _parsed_builtin() -> signatures.Signatures:
    """The built-in signatures as a build made them before they were compiled."""
    from seloste.catalog import services

    text = (PACKAGE / "catalog" / "signatures.yaml").read_text(encoding="utf-8")
    names = services()
    return signatures.Signatures(
        {
            s.service: signatures.Signature(
                s.service,
                s.name or (names[s.service].name if s.service in names else ""),
                s.loaders,
                s.pixels,
                s.markers,
                s.ids,
                s.source,
            )
            for s in signatures.parse_signatures(text, signatures.BUILTIN_SHOWN, "builtin")
        }
    )


def _shape(sigs: signatures.Signatures) -> tuple:
    return (
        list(sigs.by_service.items()),
        [(m.service, m.pattern, m.needles, m.leading) for m in sigs._markers],
        {k: [(c.service, c.pattern) for c in v] for k, v in sigs._by_domain.items()},
        [(c.service, c.pattern) for c in sigs._wild],
    )


def test_builtin_signatures_from_the_compiled_form_are_the_parsed_ones(monkeypatch):
    data = (PACKAGE / "catalog" / "signatures.yaml").read_bytes()
    assert signatures._compiled_builtin(data) is not None  # the compiled form is used
    monkeypatch.setattr(signatures, "_LITERALS", {})
    signatures.builtin_signatures.cache_clear()
    try:
        compiled = signatures.builtin_signatures()
        monkeypatch.setattr(signatures, "_LITERALS", {})
        assert _shape(compiled) == _shape(_parsed_builtin())
    finally:
        signatures.builtin_signatures.cache_clear()


def test_builtin_signatures_of_an_edited_file_are_parsed_and_checked(tmp_path, monkeypatch):
    stale = tmp_path / "builtin_signatures.json"
    stored = json.loads(signatures.COMPILED_BUILTIN.read_text(encoding="utf-8"))
    stale.write_text(json.dumps({**stored, "source_sha256": "0" * 64, "signatures": []}))
    monkeypatch.setattr(signatures, "COMPILED_BUILTIN", stale)
    data = (PACKAGE / "catalog" / "signatures.yaml").read_bytes()
    assert signatures._compiled_builtin(data) is None
    signatures.builtin_signatures.cache_clear()
    try:
        assert _shape(signatures.builtin_signatures()) == _shape(_parsed_builtin())
    finally:
        signatures.builtin_signatures.cache_clear()


def test_the_compiled_marker_literals_are_worked_out_anew():
    stored = json.loads(signatures.COMPILED_BUILTIN.read_text(encoding="utf-8"))
    for marker, needles, leading in stored["marker_literals"]:
        assert tuple(needles) == signatures.required_literals(marker)
        assert leading == signatures.leading_literal(marker)
