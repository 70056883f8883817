"""`seloste validate` as a marketer and CI see it: exit codes, one line per problem, no traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import run_seloste

BASE = """\
controller:
  name: Testi Oy
registers:
  - name: {fi: Asiakasrekisteri, en: Customer register}
"""


def validate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_seloste("validate", *args, cwd=cwd, timeout=60)


def write(tmp_path: Path, text: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "registry.yaml").write_text(text, encoding="utf-8")


def problem_lines(output: str) -> list[str]:
    """Finding lines; the indented `fix:` lines below them belong to the finding above."""
    return [line for line in output.splitlines() if line and not line.startswith(" ")]


def refused(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The finding lines of a run that refused the registry: exit 2, never a traceback."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return problem_lines(result.stderr)


def test_valid_registry_exits_0(tmp_path):
    write(tmp_path, BASE)
    result = validate(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "data/registry.yaml: ok (1 register(s), 0 service(s), languages fi, en)"
    )


def test_duplicate_key_is_one_line_exit_2(tmp_path):
    write(tmp_path, BASE + "controller:\n  name: Toinen Oy\n")
    result = validate(tmp_path)
    assert refused(result) == [
        "data/registry.yaml:5:1: R102 duplicate key 'controller' (first at line 1); YAML would "
        "silently keep only the last one"
    ]
    assert "  fix: merge the two into one key, or rename one of them" in result.stderr


def test_missing_translation_for_a_language_given_on_the_command_line(tmp_path):
    write(tmp_path, BASE)
    result = validate(tmp_path, "--lang", "fi", "--lang", "en", "--lang", "sv")
    assert refused(result) == [
        "data/registry.yaml:4:11: R109 registers[0].name: text has no sv version (has fi, en; "
        "the site is built in fi, en, sv)"
    ]


def test_syntax_error_exit_2(tmp_path):
    write(tmp_path, "controller:\n\tname: Testi Oy\n")
    result = validate(tmp_path)
    assert refused(result) == [
        "data/registry.yaml:2:1: R101 YAML syntax error: a tab character; YAML indents with "
        "spaces only"
    ]


def test_missing_file_exit_2(tmp_path):
    result = validate(tmp_path, "-r", "data/nope.yaml")
    assert refused(result) == ["data/nope.yaml: R100 registry file not found"]


def test_non_utf8_file_exit_2(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "registry.yaml").write_bytes(
        BASE.replace("Testi", "Sööderström").encode("latin-1")
    )
    result = validate(tmp_path)
    assert refused(result) == [
        "data/registry.yaml:2: R100 the file is not UTF-8 text (byte 0xf6 on line 2 is not valid "
        "UTF-8)"
    ]
