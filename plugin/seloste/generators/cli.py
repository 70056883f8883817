"""The command-line parts for other generators: ``render`` options and ``seloste inject``.

Kept out of ``cli.py`` (shared by the whole team); imports only click at module
level so ``seloste --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from ..cli_help import LocalisedCommand
from ..messages import msg

GENERATOR_NAMES = ("mkdocs", "zensical", "hugo", "jekyll")


def generator_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--generator``, ``--layout``, ``--page-layout`` and ``--force`` for ``seloste render``."""
    options = (
        click.option(
            "--force",
            is_flag=True,
            help="With --generator: replace files at the notices' paths that Seloste did not "
            "write (their content is lost).",
        ),
        click.option(
            "--page-layout",
            default=None,
            help="With --generator: the `layout:` front matter (Jekyll default: page).",
        ),
        click.option(
            "--layout",
            type=click.Choice(["auto", "plain", "folder", "suffix"]),
            default="auto",
            show_default=True,
            help="With --generator: where each language's pages go. plain: default language "
            "at the root, others in <lang>/; folder: <lang>/ for every language; suffix: "
            "page.<lang>.md. auto: read from the site's configuration.",
        ),
        click.option(
            "--generator",
            "-g",
            type=click.Choice(GENERATOR_NAMES),
            default=None,
            help="Write the pages in this generator's conventions (front matter, i18n layout, "
            "links that resolve after its build).",
        ),
    )
    for option in options:
        func = option(func)
    return func


def render_for_generator(
    loaded: Any,
    output: str | None,
    generator: str,
    layout: str,
    languages: Sequence[str],
    default_lang: str | None,
    fmt: str,
    page_layout: str | None,
    force: bool,
) -> list[Any]:
    from . import GENERATORS
    from .render import detect_layout, write_generator_pages

    gen = GENERATORS[generator]
    out = output or gen.source_dir
    chosen = detect_layout(gen, out) if layout == "auto" else layout
    return write_generator_pages(
        loaded,
        out,
        gen,
        chosen,
        languages,
        default_lang,
        fmt=fmt,
        page_layout=page_layout,
        force=force,
    )


def publication_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--publication`` and ``--generator`` for ``seloste check``."""
    func = click.option(
        "--generator",
        "-g",
        type=click.Choice(GENERATOR_NAMES),
        default=None,
        help="The generator that built the site, for fix hints in its terms. "
        "Default: read from the pages' generator meta tag and the folder's layout.",
    )(func)
    return click.option(
        "--publication",
        type=click.Choice(["auto", "on", "off"]),
        default="auto",
        show_default=True,
        help="Check that the notices are built in every language and linked from every page, "
        "and that every page has the consent script and banner (T112-T115). auto: when the "
        "site carries Seloste's notices or script.",
    )(func)


@click.command("inject", cls=LocalisedCommand)
@click.argument("site", type=click.Path())
@click.option(
    "--registry",
    "-r",
    default="data/registry.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The registry YAML.",
)
@click.option(
    "--base-path",
    default="/",
    show_default=True,
    help="The path the site is served under (e.g. /docs/); needed for pages such as 404.html "
    "that may be served at any depth.",
)
def inject_command(site: str, registry: str, base_path: str) -> None:
    """Add the consent script, banner and notice links to every page of a built site.

    The post-build step for Zensical, Hugo, Jekyll or any generator without the
    MkDocs plugin: run it after the build, before `seloste check SITE/`. A second
    run changes nothing. Exit 0 when done, 2 when SITE or the registry cannot be read.
    """
    import sys

    from ..findings import SelosteError
    from ..registry import load_registry
    from ..report.findings import finding_text
    from .inject import inject_site

    try:
        report = inject_site(site, load_registry(registry), base_path=base_path)
    except SelosteError as exc:
        for finding in exc.findings:
            click.echo(finding_text(finding), err=True)
        sys.exit(2)
    click.echo(report.summary(site.rstrip("/") + "/"))
    if report.banner_missing:
        click.echo(msg("cli.inject.no_banner"), err=True)
