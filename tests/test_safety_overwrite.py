"""No command overwrites a file without --force (issue #8, point 7)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import MINIMAL_REGISTRY
from seloste.cli import main


def registry(tmp_path: Path) -> str:
    path = tmp_path / "registry.yaml"
    path.write_text(MINIMAL_REGISTRY, encoding="utf-8")
    return str(path)


def test_render_lists_the_files_in_the_way_and_writes_nothing(tmp_path: Path):
    out = tmp_path / "content"
    mine = {
        out / "tietosuojaseloste/index.md": "# Oma seloste, käsin kirjoitettu\n",
        out / "en/cookies/index.md": "# My own cookie page\n",
    }
    for path, text in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["render", "-r", registry(tmp_path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    for path in mine:
        assert f"{path}: already exists" in result.output
    assert "--force" in result.output
    for path, text in mine.items():
        assert path.read_text(encoding="utf-8") == text
    assert not (out / "evasteet/index.md").exists()  # all or nothing

    forced = runner.invoke(main, ["render", "-r", registry(tmp_path), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Asiakasrekisteri" in (out / "tietosuojaseloste/index.md").read_text(encoding="utf-8")


def test_render_twice_with_the_same_result_needs_no_force(tmp_path: Path):
    out = tmp_path / "content"
    runner = CliRunner()
    args = ["render", "-r", registry(tmp_path), "-o", str(out), "--format", "html"]
    assert runner.invoke(main, args).exit_code == 0
    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output


def test_consent_script_refuses_to_replace_a_file(tmp_path: Path):
    script = tmp_path / "docs/assets/javascripts/seloste-consent.js"
    script.parent.mkdir(parents=True)
    script.write_text("// my customised gating script\n", encoding="utf-8")
    runner = CliRunner()
    args = ["consent", "-r", registry(tmp_path), "--script", str(script)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{script}: already exists" in result.output
    assert script.read_text(encoding="utf-8") == "// my customised gating script\n"
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "my customised" not in script.read_text(encoding="utf-8")
    assert runner.invoke(main, args).exit_code == 0  # now the same content: no conflict


def test_force_replaces_a_symlink_not_the_file_it_points_to(tmp_path: Path):
    target = tmp_path / "elsewhere.js"
    target.write_text("// not Seloste's\n", encoding="utf-8")
    link = tmp_path / "seloste-consent.js"
    link.symlink_to(target)
    runner = CliRunner()
    args = ["consent", "-r", registry(tmp_path), "--script", str(link)]
    assert runner.invoke(main, args).exit_code == 2
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8") == "// not Seloste's\n"
    assert not link.is_symlink()


def test_schema_refuses_to_replace_a_file(tmp_path: Path):
    target = tmp_path / ".vscode/settings.json"
    target.parent.mkdir()
    target.write_text('{"yaml.schemas": {}}\n', encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert f"{target}: already exists" in result.output
    assert "--force" in result.output
    assert target.read_text(encoding="utf-8") == '{"yaml.schemas": {}}\n'

    forced = runner.invoke(main, ["schema", "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert '"$id": "urn:seloste:registry"' in target.read_text(encoding="utf-8")
    again = runner.invoke(main, ["schema", "-o", str(target)])  # the same schema: no conflict
    assert again.exit_code == 0, again.output
