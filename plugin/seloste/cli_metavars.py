"""click's metavars (``[OPTIONS]``, ``DIRECTORY``, ``FILE``) in the user's language.

Used by the help (cli_help.py), the usage errors (cli_errors.py) and the extra-argument
hint (cli.py), so that a Finnish usage line reads "seloste check [VALITSIMET] KANSIO
[REKISTERITIEDOSTO]" everywhere it appears.
"""

from __future__ import annotations

from .messages import msg

#: click's metavars in usage lines, option rows and hints → their catalogue keys, so that
#: "Käyttö: seloste check [VALITSIMET] KANSIO [REKISTERITIEDOSTO]" reads as Finnish.
METAVARS = {
    "[OPTIONS]": "cli.metavar.options",
    "COMMAND [ARGS]...": "cli.metavar.command",
    "FILE": "cli.metavar.file",
    "TEXT": "cli.metavar.text",
    "DIRECTORY": "cli.metavar.directory",
    "[REGISTRY]": "cli.metavar.registry",
    "NOTICE": "cli.metavar.notice",
    "SITE": "cli.metavar.site",
    "INTEGER RANGE": "cli.metavar.integer",
    "CODE=LEVEL": "cli.metavar.code_level",
}


def metavar(english: str) -> str:
    """A metavar (``DIRECTORY``, ``[OPTIONS]``) in the language in use; others as they are."""
    key = METAVARS.get(english)
    return msg(key) if key else english
