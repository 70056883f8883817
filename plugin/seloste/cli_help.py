"""Command-line help in the user's language.

The commands keep their English ``help=`` and docstrings (click's structure, and what a
reader of the code sees); when help is *shown*, each text is looked up in
``messages/cli.yaml`` and the one in the language in use is shown instead:

- ``cli.help.<command>``: a command's help (``cli.help.seloste`` for the group itself);
- ``cli.help.<command>.<option>``: an option's help, ``<option>`` being its long name
  without the dashes (``cli.help.check.allow-host``);
- ``cli.help.any.<option>``: the help of an option many commands share (``--registry``,
  ``--help``), used when the command has no entry of its own.

The group sets the language from ``--messages`` before a subcommand formats its help;
``seloste --messages fi --help`` is read by ``language_from_args`` before click answers
``--help``. tests/test_cli_help.py walks the whole command tree: every command and option
has an entry in every language.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

import click

from . import messages
from .cli_errors import localise
from .cli_metavars import METAVARS, metavar
from .messages import msg

#: The message key prefix of help texts (a key built at run time: see the module doc).
PREFIX = "cli.help."
#: The key of the top-level group.
ROOT = "seloste"


def command_key(command: click.Command) -> str:
    """``cli.help.check``; ``cli.help.seloste`` for the group at the top."""
    name = ROOT if isinstance(command, click.Group) else (command.name or ROOT)
    return PREFIX + name


def option_name(param: click.Parameter) -> str:
    """``--allow-host`` → ``allow-host``: the longest flag, as users know the option."""
    flags = [o for o in param.opts if o.startswith("--")] or [
        o for o in param.secondary_opts if o.startswith("--")
    ]
    flag = max(flags, key=len) if flags else (param.opts[0] if param.opts else str(param.name))
    return flag.lstrip("-")


def option_keys(command: click.Command, param: click.Parameter) -> tuple[str, str]:
    """The command's own key for an option, then the shared one."""
    name = option_name(param)
    return f"{command_key(command)}.{name}", f"{PREFIX}any.{name}"


def option_help_key(command: click.Command, param: click.Parameter) -> str | None:
    """The catalogue key that holds ``param``'s help, or None when there is none."""
    catalogue = messages.catalogue()
    return next((k for k in option_keys(command, param) if k in catalogue), None)


def _option_row(row: str) -> str:
    """``-r, --registry FILE`` → ``-r, --registry TIEDOSTO``."""
    for english in sorted(METAVARS, key=len, reverse=True):
        if row.endswith(" " + english):
            return row[: -len(english)] + metavar(english)
    return row


def _translated(key: str | None, english: str | None) -> str | None:
    """The help in the language in use; the English as written when there is no entry."""
    if key is None or key not in messages.catalogue():
        return english
    return msg(key)


def language_from_args(args: Sequence[str]) -> str | None:
    """``--messages fi`` / ``--messages=fi`` among the group's arguments (before click parses them)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--messages" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--messages="):
            return arg.split("=", 1)[1]
    return None


class LocalisedCommand(click.Command):
    """A command whose help, option help and headings are shown in the language in use."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        english = self.help
        self.help = _translated(command_key(self), english)
        try:
            super().format_help(ctx, formatter)
        finally:
            self.help = english

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [metavar(piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=msg("cli.usage") + " ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            record = _help_record(self, param, ctx)
            if record is not None:
                rows.append((_option_row(record[0]), _extras_in_language(record[1])))
        if rows:
            with formatter.section(msg("cli.options")):
                formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return super().get_short_help_str(limit)
        text = _translated(command_key(self), self.help)
        return _short(inspect.cleandoc(text), limit) if text else ""


class LocalisedGroup(LocalisedCommand, click.Group):
    """The ``seloste`` group: its own help localised, and its command list too."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # `seloste --messages fi --help`: click answers --help while parsing, before the
        # callback that sets the language runs, so the language is set here first.
        given = language_from_args(args)
        if given or ctx.parent is None:
            messages.use(messages.choose(given if messages.normalise(given) else None))
        return super().parse_args(ctx, args)

    # click's own usage errors ("No such option", "Missing argument", …) in the user's
    # language: see cli_errors.py. The exit code stays 2.
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise localise(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise localise(exc) from None
        except KeyboardInterrupt:
            # click would print "Aborted!" in English and exit 1, which CI reads as
            # "findings": an interrupted command did not finish reading its input (exit 2).
            click.echo(err=True)
            click.echo(msg("cli.interrupted"), err=True)
            raise click.exceptions.Exit(2) from None

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        LocalisedCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section(msg("cli.commands")):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in rows])


def _short(text: str, limit: int) -> str:
    """The first sentence of the first paragraph, cut at a word to ``limit`` (as click does)."""
    words = text.split("\n\n", 1)[0].split()
    out: list[str] = []
    for index, word in enumerate(words):
        if len(" ".join([*out, word])) > limit - 3:
            return " ".join(out) + "..."
        out.append(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        if word.endswith(".") and following[:1].isupper():  # a sentence ends, not "e.g."
            break
    return " ".join(out)


def _help_record(
    command: click.Command, param: click.Parameter, ctx: click.Context
) -> tuple[str, str] | None:
    """click's help record of an option, its help in the language in use."""
    if not isinstance(param, click.Option):
        return param.get_help_record(ctx)
    english = param.help
    param.help = _translated(option_help_key(command, param), english)
    try:
        return param.get_help_record(ctx)
    finally:
        param.help = english


def _extras_in_language(text: str) -> str:
    """click's ``[default: text]`` and ``[required]`` after an option's help, translated."""
    if not text.endswith("]") or "  [" not in text:
        return text
    head, _, extras = text.rpartition("  [")
    parts = []
    for part in extras[:-1].split("; "):
        if part.startswith("default: "):
            part = msg("cli.default", value=part[len("default: ") :])
        elif part == "required":
            part = msg("cli.required")
        parts.append(part)
    return f"{head}  [{'; '.join(parts)}]"
