"""The command line's side of ``seloste verify`` (kept here so cli.py stays a thin adapter)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..codes import finding
from ..findings import SelosteError
from ..messages import msg, number
from ..registry.loaded import LoadedRegistry
from . import VerifyOptions, VerifyResult, verify_site


def read_stubs(specs: Sequence[str]) -> dict[str, str]:
    """``HOST[/PATH]=FILE`` options → ``{"host/path": script}``."""
    stubs: dict[str, str] = {}
    for spec in specs:
        target, sep, file = spec.partition("=")
        if not sep or not target or not file:
            raise SelosteError(
                [
                    finding(
                        "V100",
                        msg("V100.stub", spec=repr(spec)),
                        fix=msg("V100.stub.fix"),
                        origin="input",
                    )
                ]
            )
        try:
            stubs[target.strip().lower().removeprefix("https://").removeprefix("http://")] = Path(
                file
            ).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SelosteError(
                [finding("V100", msg("V100.stub_unreadable", reason=exc), file, origin="input")]
            ) from None
    return stubs


def run_verify(
    directory: str,
    loaded: LoadedRegistry,
    *,
    pages: Sequence[str],
    per_template: int,
    max_pages: int,
    every_page: bool,
    network: bool,
    stubs: Sequence[str],
    signature_files: Sequence[str],
    allow_hosts: Sequence[str],
) -> VerifyResult:
    options = VerifyOptions(
        pages=tuple(pages),
        per_template=per_template,
        max_pages=max_pages,
        every_page=every_page,
        network=network,
        stubs=read_stubs(stubs),
        signature_files=tuple(signature_files),
        allow_hosts=tuple(allow_hosts),
    )
    result = verify_site(directory, loaded, options)
    states = sorted({v.state for v in result.visits})
    seconds = sum(v.seconds for v in result.visits)
    click.echo(
        msg(
            "cli.verify.summary",
            pages=len(result.plan.pages),
            total=result.plan.total,
            templates=result.plan.templates,
            states=len(states),
            names=", ".join(states),
            network=msg("cli.verify.network_on") if network else msg("cli.verify.offline"),
            seconds=number(seconds, 1),
        ),
        err=True,
    )
    return result
