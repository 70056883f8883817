"""Registry files that are too big, not files at all, or alias bombs (issue #8, points 5 and 10).

Each is refused with one R100/R101 line and exit 2, without reading the whole of
an endless input or expanding aliases into memory.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY
from seloste.cli import main
from seloste.findings import SelosteError
from seloste.registry.load import load_registry, parse_registry


def refused(path: Path | str) -> list:
    with pytest.raises(SelosteError) as caught:
        load_registry(path)
    return caught.value.findings


def peak_rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def test_an_alias_of_a_big_text_repeated_is_refused_by_its_text_not_its_count(tmp_path: Path):
    """2 MB file: a 1 MB text referenced 150,000 times (was: 24 GB, then killed)."""
    big = "x" * 1_000_000
    aliases = "\n".join(["  - *big"] * 150_000)
    path = tmp_path / "bomb.yaml"
    path.write_text(f"{MINIMAL_REGISTRY}unsorted:\n  - &big {big}\n{aliases}\n", encoding="utf-8")
    before = peak_rss_mb()
    (finding,) = refused(path)
    assert finding.code == "R101"
    assert "alias" in finding.message and "20 MB" in finding.message
    assert finding.line is not None and finding.line > MINIMAL_REGISTRY.count("\n")
    assert peak_rss_mb() - before < 500  # no expansion into memory


def test_many_aliases_of_a_medium_text_are_refused(tmp_path: Path):
    """200 KB × 5,000 aliases was accepted, using 1 GB."""
    text = "y" * 200_000
    aliases = "\n".join(["  - *t"] * 5_000)
    path = tmp_path / "bomb.yaml"
    path.write_text(f"{MINIMAL_REGISTRY}unsorted:\n  - &t {text}\n{aliases}\n", encoding="utf-8")
    (finding,) = refused(path)
    assert finding.code == "R101" and "alias" in finding.message


def test_a_few_aliases_are_still_fine():
    text = MINIMAL_REGISTRY.replace(
        "    retention: {fi: Asiakassuhteen ajan, en: For the duration of the customer relationship}",
        "    retention: &r {fi: Asiakassuhteen ajan, en: For the duration}\n"
        "  - name: Toinen\n    retention: *r",
    )
    loaded = parse_registry(text, "r.yaml")
    assert loaded.registry.registers[1].retention == loaded.registry.registers[0].retention


def test_too_many_values_without_aliases_does_not_blame_aliases(monkeypatch):
    from seloste import yamlpos

    monkeypatch.setattr(yamlpos, "MAX_NODES", 1000)  # the real limit is 200,000 values
    text = MINIMAL_REGISTRY + "first_party_hosts: [" + "a," * 1001 + "a]\n"
    with pytest.raises(SelosteError) as caught:
        parse_registry(text, "r.yaml")
    (finding,) = caught.value.findings
    assert finding.code == "R101" and "alias" not in finding.message.lower()
    assert "alias" not in (finding.fix or "").lower()


def test_dev_zero_is_r100_not_a_memory_error():
    findings = refused("/dev/zero")
    assert [f.code for f in findings] == ["R100"]
    assert "device" in findings[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_r100_and_does_not_hang(tmp_path: Path):
    fifo = tmp_path / "registry.yaml"
    os.mkfifo(fifo)
    findings = refused(fifo)  # used to wait forever for a writer
    assert [f.code for f in findings] == ["R100"] and "pipe" in findings[0].message


def test_a_file_over_the_size_limit_is_r100(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as out:
        out.write(MINIMAL_REGISTRY + "# " + "x" * 10_000_001 + "\n")
    findings = refused(path)
    assert [f.code for f in findings] == ["R100"] and "10 MB" in findings[0].message


def test_a_one_megabyte_registry_text_loads(tmp_path: Path):
    path = tmp_path / "r.yaml"
    long = " ".join(["Tietoja säilytetään asiakassuhteen ajan"] * 25_000)  # ~1 MB
    path.write_text(MINIMAL_REGISTRY + f"unsorted:\n  - {long}\n", encoding="utf-8")
    assert len(load_registry(path).registry.unsorted[0]) > 990_000


def test_cli_reports_each_as_one_line_and_exit_2(tmp_path: Path):
    result = CliRunner().invoke(main, ["validate", "-r", "/dev/zero"])
    assert result.exit_code == 2
    assert "R100" in result.output and "Traceback" not in result.output
