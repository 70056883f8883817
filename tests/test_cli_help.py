"""Command-line help in the user's language (cli_help.py, messages/cli.yaml).

Walks the whole click command tree: every command and every option has help in every
language, the English entry is the text the code carries (so the two never drift), no
entry is left over for an option that is gone, and `seloste --messages fi check --help`
(or a Finnish locale) prints Finnish.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from contextvars import ContextVar

import click
import pytest

from seloste import messages
from seloste.cli import main
from seloste.cli_help import PREFIX, command_key, option_help_key, option_keys


def _commands() -> Iterator[tuple[click.Command, click.Context]]:
    root = click.Context(main, info_name="seloste")
    yield main, root
    for name in main.list_commands(root):
        command = main.get_command(root, name)
        assert command is not None
        yield command, click.Context(command, info_name=name, parent=root)


def _options(command: click.Command, ctx: click.Context) -> list[click.Option]:
    return [p for p in command.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]


def _plain(text: str) -> str:
    return " ".join(inspect.cleandoc(text).split())


def test_every_command_and_option_has_help_in_every_language() -> None:
    catalogue = messages.catalogue()
    missing = []
    for command, ctx in _commands():
        if command_key(command) not in catalogue:
            missing.append(command_key(command))
        for option in _options(command, ctx):
            if option_help_key(command, option) is None:
                missing.append(" or ".join(option_keys(command, option)))
    assert not missing, f"help without a catalogue entry: {missing}"
    for key, templates in catalogue.items():
        if key.startswith(PREFIX):
            assert all(templates.get(lang, "").strip() for lang in messages.LANGUAGES), key


def test_the_english_entries_are_the_help_the_code_carries() -> None:
    """The catalogue's English is what `help=` and the docstrings say: change both together."""
    catalogue = messages.catalogue()
    differ = []
    for command, ctx in _commands():
        key = command_key(command)
        if _plain(catalogue[key]["en"]) != _plain(command.help or ""):
            differ.append(key)
        for option in _options(command, ctx):
            key = option_help_key(command, option) or ""
            if _plain(catalogue[key]["en"]) != _plain(option.help or ""):
                differ.append(f"{key} (for {command_key(command)})")
    assert not differ, f"English help differs from the code: {differ}"


def test_no_help_entry_is_left_over() -> None:
    used = set()
    for command, ctx in _commands():
        used.add(command_key(command))
        used.update(option_help_key(command, option) for option in _options(command, ctx))
    extra = [k for k in messages.catalogue() if k.startswith(PREFIX) and k not in used]
    assert not extra, f"help entries for commands or options that do not exist: {extra}"


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "seloste", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return run.stdout


def test_finnish_help_for_a_command() -> None:
    out = _help("--messages", "fi", "check", "--help")
    assert out.startswith("Käyttö: ")
    assert "Tutkii rakennetun sivuston (esimerkiksi site/)" in out
    assert "Valitsimet:" in out
    assert "Paluukoodi 1 myös varoituksista" in out  # --strict, a shared option
    assert "Näytä tämä ohje ja lopeta." in out
    assert "[oletus: text]" in out  # click's own [default: …], translated
    # Option names, choices and codes stay as they are.
    assert "--format [text|json|github|junit]" in out and "T102:google-" in out
    for english in ("Usage:", "Options:", "Show this message", "Exit 1 on warnings", "default:"):
        assert english not in out


def test_finnish_and_swedish_help_of_the_group() -> None:
    finnish = _help("--messages", "fi", "--help")
    assert "Komennot:" in finnish and "Listaa Selosteen palveluluettelon" in finnish
    swedish = _help("--messages=sv", "--help")
    assert "Kommandon:" in swedish and "Flaggor:" in swedish
    assert "Listar Selostes tjänstekatalog" in swedish
    english = _help("--help")
    assert "Commands:" in english and "List Seloste's service catalogue" in english


@pytest.mark.parametrize("command", ["validate", "inject", "services", "verify", "render"])
def test_a_finnish_locale_gives_finnish_help(command: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SELOSTE_MESSAGES", "LANGUAGE")}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    out = _help(command, "--help", env={**env, "LANG": "fi_FI.UTF-8"})
    assert "Valitsimet:" in out and "Näytä tämä ohje ja lopeta." in out


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "Interrupted (Ctrl-C)"), ("fi", "Keskeytetty (Ctrl-C)"), ("sv", "Avbrutet (Ctrl-C)")],
)
def test_ctrl_c_says_so_in_the_users_language_and_exits_2(
    language: str, said: str, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """An interrupted check did not read all of its input: exit 2 (CI must not read it as
    'findings', 1), one line in the user's language, no "Aborted!" and no traceback."""
    from click.testing import CliRunner

    import seloste.cli

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(seloste.cli, "load_for_site", interrupted)
    # --messages sets this process's language: a fresh setting, put back after the test.
    monkeypatch.setattr(messages, "_current", ContextVar("seloste_messages_language", default=None))
    registry = tmp_path / "registry.yaml"
    registry.write_text("controller: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--messages", language, "validate", str(registry)])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Aborted!" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
