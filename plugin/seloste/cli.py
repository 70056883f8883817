"""The ``seloste`` command: a thin adapter over the core stages.

For MkDocs sites the plugin does all of this during the build; the command
serves CI and every other static site generator (Hugo, Jekyll, Zensical…).
Exit codes: 0 clean, 1 findings at error level, 2 usage or input errors.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from .findings import SelosteError
from .registry import load_registry

EXIT_FINDINGS = 1
EXIT_INPUT = 2


def reports_input_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Bad input is printed as ``path:line:col: CODE message`` lines, exit 2, no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SelosteError as exc:
            for finding in exc.findings:
                click.echo(finding.one_line(), err=True)
                if finding.fix:
                    click.echo(f"  fix: {finding.fix}", err=True)
            sys.exit(EXIT_INPUT)

    return wrapper


registry_option = click.option(
    "--registry",
    "-r",
    default="data/registry.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The registry YAML.",
)
languages_option = click.option(
    "--lang",
    "languages",
    multiple=True,
    help="A language every text must have (repeat: --lang fi --lang en). "
    "Default: the registry's `languages:`, else fi and en.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="seloste")
def main() -> None:
    """Keep a website's privacy and cookie notices true."""


@main.command()
@registry_option
@languages_option
@reports_input_errors
def validate(registry: str, languages: tuple[str, ...]) -> None:
    """Check that the registry YAML is well-formed and complete in every language."""
    loaded = load_registry(registry, languages or None)
    click.echo(
        f"{registry}: ok ({len(loaded.registry.registers)} register(s), "
        f"{len(loaded.registry.services)} service(s), languages {', '.join(loaded.languages)})"
    )


@main.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file (e.g. .vscode/seloste-registry.schema.json).",
)
def schema(output: str | None) -> None:
    """Print (or write) the registry's JSON Schema, for editor completion."""
    from pathlib import Path

    from .registry.schema import schema_json

    if output is None:
        click.echo(schema_json(), nl=False)
        return
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_json(), encoding="utf-8")
    click.echo(f"{output}: JSON Schema written", err=True)


@main.command()
@click.argument("directory", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "junit"]),
    default="text",
    show_default=True,
    help="text (grouped per service), json (one object), github (annotations), junit (XML).",
)
@click.option(
    "--signatures",
    "signature_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Your own signature YAML (same shape as Seloste's signatures.yaml); repeatable.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A host that is yours, not a third party (its subdomains too); repeatable.",
)
@click.option(
    "--registry",
    "-r",
    "registry_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also read first_party_hosts and custom services' hosts from this registry.",
)
@reports_input_errors
def scan(
    directory: str,
    fmt: str,
    signature_files: tuple[str, ...],
    allow_hosts: tuple[str, ...],
    registry_path: str | None,
) -> None:
    """Scan a built site (e.g. site/) for trackers and third-party hosts; always exits 0."""
    from pathlib import Path

    from .findings import Finding, Severity
    from .report import format_scan
    from .scan import scan_directory, scanner_for

    if not Path(directory).is_dir():
        raise SelosteError(
            [
                Finding(
                    "S102",
                    Severity.error,
                    "not a directory",
                    directory,
                    fix="build the site first (mkdocs build) and give its output folder, e.g. site/",
                )
            ]
        )
    registry = load_registry(registry_path).registry if registry_path else None
    scanner = scanner_for(registry, signature_files, allow_hosts)
    result = scan_directory(directory, scanner)
    click.echo(format_scan(result, fmt, root=directory))
