"""click's own usage errors in the user's language.

click writes its usage errors ("No such option", "Missing argument", "Invalid value for …",
"Try '… --help' for help.", "Error: …") in English whatever the locale. The ``seloste``
group catches every ``click.UsageError`` raised while it parses and runs a command and
raises a :class:`LocalisedUsageError` instead: the same exit code (2), the same usage line,
the common cases' text from ``messages/cli.yaml`` (``cli.error.*``).

In English nothing changes: click's own texts are kept exactly as click writes them
(scripts and tests may match them). A message Seloste wrote itself (``cli.two_registries``,
the extra-argument hint, ``--config-file`` problems) is already in the user's language and
only gets the localised frame. A click message this module does not know stays as click
wrote it, inside the localised frame.
"""

from __future__ import annotations

import re
import sys
from typing import IO, Any

import click

from . import messages
from .cli_metavars import metavar
from .messages import msg

_OPTION_NEEDS_VALUE = re.compile(
    r"^Option '(?P<option>.+)' requires (an argument|\d+ arguments)\.$"
)
_OPTION_TAKES_NO_VALUE = re.compile(r"^Option '(?P<option>.+)' does not take a value\.$")
_NO_SUCH_COMMAND = re.compile(r"^No such command '(?P<name>.+)'\.$")
_PATH = re.compile(
    r"^(File|Directory|Path) '(?P<path>.+)' (?P<what>does not exist|is a file|is a directory|"
    r"is not readable|is not writable)\.$"
)
_CHOICE = re.compile(r"^'(?P<value>.*)' is not (one of )?(?P<choices>.+)\.$")
_NUMBER = re.compile(r"^'(?P<value>.*)' is not a valid (?P<type>integer|float)( range)?\.$")


class LocalisedUsageError(click.UsageError):
    """A usage error whose message and frame are in the message language."""

    def show(self, file: IO[Any] | None = None) -> None:
        if file is None:
            file = sys.stderr
        color = None
        if self.ctx is not None:
            color = self.ctx.color
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                names = self.ctx.command.get_help_option_names(self.ctx)
                hint = msg(
                    "cli.error.try_help",
                    command=self.ctx.command_path,
                    option=max(names, key=len),
                )
                hint += "\n"
            click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        click.echo(msg("cli.error.prefix", message=self.format_message()), file=file, color=color)


def localise(exc: click.UsageError) -> click.UsageError:
    """``exc`` in the message language (itself when that is English or it already is)."""
    if isinstance(exc, LocalisedUsageError) or messages.language() == "en":
        return exc
    return LocalisedUsageError(_message(exc), ctx=exc.ctx)  # exit code 2, as every usage error


def _possibilities(exc: click.UsageError) -> str:
    found = getattr(exc, "possibilities", None)
    if not found:
        return ""
    quoted = [f"'{p}'" for p in sorted(found)]
    options = (
        quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + msg("cli.error.or") + quoted[-1]
    )
    return " " + msg("cli.error.did_you_mean", options=options)


def _hint(exc: click.BadParameter) -> str:
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    if isinstance(hint, (list, tuple)):
        return " / ".join(str(h) for h in hint)
    text = str(hint or "")
    if len(text) > 1 and text[0] == text[-1] == "'":  # 'DIRECTORY' → 'KANSIO'
        return f"'{metavar(text[1:-1])}'"
    return text


def _message(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):
        return msg("cli.error.no_such_option", option=exc.option_name) + _possibilities(exc)
    command = getattr(exc, "command_name", None)
    match = _NO_SUCH_COMMAND.match(exc.message)
    if command is not None or match:
        name = command if command is not None else match.group("name")  # type: ignore[union-attr]
        return msg("cli.error.no_such_command", name=name) + _possibilities(exc)
    if isinstance(exc, click.MissingParameter):
        param_type = exc.param_type or (exc.param.param_type_name if exc.param else "")
        key = "cli.error.missing_option" if param_type == "option" else "cli.error.missing_argument"
        return msg(key, name=_hint(exc))
    if isinstance(exc, click.BadParameter):
        return msg("cli.error.invalid_value", name=_hint(exc), problem=_problem(exc))
    for pattern, key in (
        (_OPTION_NEEDS_VALUE, "cli.error.needs_value"),
        (_OPTION_TAKES_NO_VALUE, "cli.error.takes_no_value"),
    ):
        match = pattern.match(exc.message)
        if match:
            return msg(key, option=match.group("option"))
    return exc.format_message()


def _problem(exc: click.BadParameter) -> str:
    """The reason a value is invalid: click's common ones from the catalogue."""
    text = exc.message
    match = _PATH.match(text)
    if match:
        key = {
            "does not exist": "cli.error.path_missing",
            "is a file": "cli.error.path_is_file",
            "is a directory": "cli.error.path_is_directory",
            "is not readable": "cli.error.path_not_readable",
            "is not writable": "cli.error.path_not_writable",
        }[match.group("what")]
        return msg(key, path=match.group("path"))
    match = _NUMBER.match(text)
    if match:
        return msg("cli.error.not_a_number", value=match.group("value"))
    if exc.param is not None and isinstance(exc.param.type, click.Choice):
        match = _CHOICE.match(text)
        if match:
            choices = ", ".join(str(c) for c in exc.param.type.choices)
            return msg("cli.error.not_a_choice", value=match.group("value"), choices=choices)
    return text
