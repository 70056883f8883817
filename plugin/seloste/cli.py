"""The ``seloste`` command: a thin adapter over the core stages.

For MkDocs sites the plugin does all of this during the build; the command
serves CI and every other static site generator (Hugo, Jekyll, Zensical…).
Exit codes: 0 clean, 1 findings at error level, 2 usage or input errors.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from . import messages
from .cli_help import LocalisedCommand, LocalisedGroup
from .cli_metavars import metavar
from .codes import finding
from .findings import SelosteError, Severity
from .generators.cli import generator_options, publication_options
from .overwrite import WouldOverwrite
from .registry import load_registry
from .report.findings import finding_text

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
                click.echo(finding_text(finding), err=True)
            sys.exit(EXIT_INPUT)
        except WouldOverwrite as exc:
            for path in exc.paths:
                click.echo(messages.msg("cli.exists", path=path), err=True)
            click.echo(messages.msg("cli.nothing_written"), err=True)
            sys.exit(EXIT_INPUT)

    return wrapper


force_option = click.option(
    "--force", is_flag=True, help="Replace files that exist (what is in them is lost)."
)


DEFAULT_REGISTRY = "data/registry.yaml"


def registry_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The registry YAML, as ``-r/--registry FILE`` or positionally (``seloste lint FILE``).

    Users type ``seloste validate data/registry.yaml`` as naturally as the option, so both
    are accepted; giving two different files is a usage error.
    """

    @click.argument(
        "registry_file", required=False, metavar="[REGISTRY]", type=click.Path(dir_okay=False)
    )
    @click.option(
        "--registry",
        "-r",
        "registry_flag",
        default=None,
        type=click.Path(dir_okay=False),
        help=f"The registry YAML (also accepted positionally). [default: {DEFAULT_REGISTRY}]",
    )
    @wraps(func)
    def wrapper(
        *args: Any, registry_file: str | None, registry_flag: str | None, **kwargs: Any
    ) -> Any:
        if registry_file and registry_flag and registry_file != registry_flag:
            raise click.UsageError(
                messages.msg("cli.two_registries", file=registry_file, flag=registry_flag)
            )
        return func(*args, registry=registry_file or registry_flag or DEFAULT_REGISTRY, **kwargs)

    return wrapper


class HintingCommand(LocalisedCommand):
    """A command whose "unexpected extra argument" error says what the command does take."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            extra = re.match(r"Got unexpected extra arguments? \((.*)\)$", exc.message)
            if extra:
                takes = " ".join(
                    metavar(p.make_metavar(ctx))
                    for p in self.params
                    if isinstance(p, click.Argument)
                )
                facts = {"args": extra.group(1), "command": self.name, "takes": takes}
                one = " " not in extra.group(1)
                if not takes:
                    text = messages.msg(
                        "cli.extra_argument.none" if one else "cli.extra_arguments.none", **facts
                    )
                else:
                    text = messages.msg(
                        "cli.extra_argument" if one else "cli.extra_arguments", **facts
                    )
                raise click.UsageError(text, ctx=exc.ctx) from None
            raise


class SelosteGroup(LocalisedGroup):
    command_class = HintingCommand


languages_option = click.option(
    "--lang",
    "languages",
    multiple=True,
    help="A language the site is built in (repeat: --lang fi --lang en); every text needs "
    "each of these languages that Seloste has notice wording for; the others show the "
    "fallback notice, as in the MkDocs plugin. Default: the registry's `languages:`, else fi "
    "and en.",
)


def load_for_site(registry: str, languages: tuple[str, ...]):
    """The registry checked in the notice languages of a site built in ``languages``,
    exactly as the MkDocs plugin decides them (languages.py); says which languages
    borrow the fallback's notice (on stderr, so JSON output stays clean)."""
    if not languages:
        return load_registry(registry, None)
    from .languages import plan_languages, read_declared_languages

    plan = plan_languages(languages, declared=read_declared_languages(registry))
    if plan.info():
        click.echo(f"{registry}: {plan.info()}", err=True)  # info() is in the language in use
    return load_registry(registry, plan.notices)


SCAN_FORMATS_HELP = (
    "text (grouped per service), json (one object), github (annotations), junit (XML)."
)
FINDING_FORMATS_HELP = (
    "text (one line per finding), json (one object), github (annotations), junit (XML)."
)


def format_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "github", "junit"]),
        default="text",
        show_default=True,
        help=help_text,
    )


signatures_option = click.option(
    "--signatures",
    "signature_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Your own signature YAML (same shape as Seloste's signatures.yaml); repeatable.",
)
allow_hosts_option = click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A host that is yours, not a third party (its subdomains too); repeatable.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors."
)


def fail_level(strict: bool) -> Severity:
    """The severity from which findings make the command exit 1."""
    return Severity.warning if strict else Severity.error


@click.group(cls=SelosteGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="seloste")
@click.option(
    "--messages",
    "messages_language",
    type=click.Choice(messages.LANGUAGES),
    help="The language of messages, findings and fixes (fi, en, sv). Default: "
    "SELOSTE_MESSAGES, else the locale (LANG=fi_FI.UTF-8 gives Finnish), else English. "
    "Codes and paths are the same in every language.",
)
def main(messages_language: str | None) -> None:
    """Keep a website's privacy and cookie notices true."""
    messages.use(messages.choose(messages_language))


@main.command()
@registry_option
@languages_option
@reports_input_errors
def validate(registry: str, languages: tuple[str, ...]) -> None:
    """Check that the registry YAML is well-formed and complete in every language."""
    loaded = load_for_site(registry, languages)
    click.echo(
        messages.msg(
            "cli.validate.ok",
            registry=registry,
            registers=len(loaded.registry.registers),
            services=len(loaded.registry.services),
            languages=", ".join(loaded.languages),
        )
    )


@main.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the schema to this file (e.g. .vscode/seloste-registry.schema.json).",
)
@force_option
@reports_input_errors
def schema(output: str | None, force: bool) -> None:
    """Print (or write) the registry's JSON Schema, for editor completion.

    A file already at --output with other content is kept (exit 2) unless --force:
    it may be an older schema the editor settings point to, or another file.
    """
    from pathlib import Path

    from .overwrite import write_files
    from .registry.schema import schema_json

    if output is None:
        click.echo(schema_json(), nl=False)
        return
    write_files([(Path(output), schema_json())], force=force)
    click.echo(messages.msg("cli.schema.written", path=output), err=True)


@main.command()
@click.argument("directory", type=click.Path())
@format_option(SCAN_FORMATS_HELP)
@signatures_option
@allow_hosts_option
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
    """Scan a built site (e.g. site/) for trackers and third-party hosts.

    Reports only: exit 0 whatever it finds (use `seloste check` to fail CI), 2 when the
    directory, any file or folder in it, or a signature file cannot be read.
    """
    from pathlib import Path

    from .report import format_scan
    from .scan import scan_directory, scanner_for

    if not Path(directory).is_dir():
        raise SelosteError(
            [
                finding(
                    "S102",
                    messages.msg("S102.not_a_directory"),
                    directory,
                    fix=messages.msg("S102.not_a_directory.fix"),
                    origin="input",
                )
            ]
        )
    loaded = load_registry(registry_path) if registry_path else None
    scanner = scanner_for(loaded.registry if loaded else None, signature_files, allow_hosts)
    result = scan_directory(directory, scanner)
    sources = _project_sources(directory, registry_path)
    unloaded = _unloaded_files(directory, result)
    names = None
    if loaded is not None:  # services the registry declares go by its names
        from .declared import resolve

        language = messages.language()
        names = {s.id: s.name_in(language) for s in resolve(loaded).unique()}
    click.echo(
        format_scan(result, fmt, root=directory, sources=sources, unloaded=unloaded, names=names)
    )
    if not result.complete:  # CI never passes on a partial scan
        for problem in result.problems:
            click.echo(finding_text(problem), err=True)
        sys.exit(EXIT_INPUT)


@main.command()
@registry_option
@click.option(
    "--output",
    "-o",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder to write into, e.g. your Hugo site's content/ or Jekyll's site root. "
    "Default with --generator: its source folder (docs/, content/, the project root).",
)
@click.option(
    "--lang",
    "languages",
    multiple=True,
    help="Language to render (repeat: --lang fi --lang en). Default: the registry's "
    "`languages:`, else fi and en.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help="md: Markdown (attr_list headings, as MkDocs Material); html: ready HTML. "
    "Default: html for --generator hugo (Hugo's Markdown drops raw HTML), else md.",
)
@click.option(
    "--default-lang",
    default=None,
    help="Language whose pages go to the site root. Default: fi if rendered, else the first.",
)
@click.option(
    "--front-matter/--no-front-matter",
    default=True,
    show_default=True,
    help="Start each file with YAML front matter (title, lang), as Hugo and Jekyll expect.",
)
@generator_options
@reports_input_errors
def render(
    registry: str,
    output: str | None,
    languages: tuple[str, ...],
    fmt: str | None,
    default_lang: str | None,
    front_matter: bool,
    generator: str | None,
    layout: str,
    page_layout: str | None,
    force: bool,
) -> None:
    """Write the privacy (and cookie) notice pages per language, for any site generator.

    With --generator the pages follow that generator's conventions (front matter,
    i18n layout, links that resolve after its build); see docs/en/generators.md.
    """
    from .notices.common import wording
    from .notices.privacy import write_notice_pages

    for lang in languages:
        wording(lang)  # a language Seloste has no wording for: say so before anything else
    loaded = load_registry(registry, languages or None)
    langs = list(languages or loaded.languages)
    fmt = fmt or ("html" if generator == "hugo" else "md")
    if generator:
        from .generators.cli import render_for_generator

        pages = render_for_generator(
            loaded, output, generator, layout, langs, default_lang, fmt, page_layout, force
        )
    elif output is None:
        raise click.UsageError(messages.msg("cli.render.no_output"))
    else:
        pages = write_notice_pages(
            loaded, output, langs, fmt, default_lang, front_matter, force=force
        )
    for page in pages:
        if page.kind == "privacy":
            click.echo(messages.msg("cli.render.privacy", path=page.path, lang=page.lang))
        else:
            click.echo(messages.msg("cli.render.cookies", path=page.path, lang=page.lang))


@main.command()
@click.argument("directory", type=click.Path())
@registry_option
@languages_option
@format_option(FINDING_FORMATS_HELP)
@signatures_option
@allow_hosts_option
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    help="A code (T105) or a code for one service or host (T102:google-ads) to leave out; "
    "repeatable. Standing decisions belong in the registry's `lint: ignore:` with a reason.",
)
@click.option(
    "--severity",
    "severity",
    multiple=True,
    metavar="CODE=LEVEL",
    help="Change a code's severity for this run, e.g. T105=error (error, warning or info); "
    "repeatable.",
)
@click.option(
    "--config-file",
    "-f",
    "config_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="The site's mkdocs.yml, for the notices' paths, the pages switched off and the "
    "default language set in the seloste plugin's options. Default: ./mkdocs.yml when "
    "DIRECTORY is its site_dir.",
)
@strict_option
@publication_options
@reports_input_errors
def check(
    directory: str,
    registry: str,
    languages: tuple[str, ...],
    fmt: str,
    signature_files: tuple[str, ...],
    allow_hosts: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    strict: bool,
    publication: str = "auto",
    generator: str | None = None,
    config_file: str | None = None,
) -> None:
    """Scan a built site (e.g. site/) and compare what it loads with the registry.

    Exit 0 when clean (warnings allowed unless --strict), 1 on error-level
    findings, 2 when the registry, the directory or any part of it cannot be read.
    """
    from .audit import AuditConfig
    from .audit.config import parse_severities
    from .audit.site import check_site
    from .report import format_findings

    try:
        levels = parse_severities(severity)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--severity") from None
    site = _site_notices(config_file, directory)
    loaded = load_registry(registry, languages or None)
    checked = check_site(
        directory,
        loaded,
        signature_files=signature_files,
        allow_hosts=allow_hosts,
        config=AuditConfig.from_options(severity=levels, ignore=ignore),
        publication=publication,
        generator=generator,
        site=site,
    )
    fail_on = fail_level(strict)
    click.echo(format_findings(checked.findings, fmt, root=directory, fail_on=fail_on))
    if not checked.complete:  # part of the site could not be read (S103–S105)
        sys.exit(EXIT_INPUT)
    if checked.fails(strict):
        sys.exit(EXIT_FINDINGS)


def _project_sources(directory: str, registry_path: str | None):
    """The project that built ``directory`` (found as ``seloste check`` finds it), so each
    detection can name the template, page or config line it came from; None if unknown."""
    from .sitesources import for_project

    return for_project(directory, exclude=[registry_path] if registry_path else [])


def _unloaded_files(directory: str, result) -> set[str]:
    """The site's JS/CSS files with detections that no page, script or stylesheet loads."""
    from .scan.references import unreferenced

    paths = {d.path for d in result.detections} | {u.path for u in result.unknown_hosts}
    return unreferenced(directory, paths)


def _site_notices(config_file: str | None, directory: str):
    """Where mkdocs.yml's seloste options put the notices: the given file's, or
    ./mkdocs.yml's when ``directory`` is what it builds (None: Seloste's defaults)."""
    from pathlib import Path

    from .site_config import SiteConfigError, read_site_notices

    if config_file is not None and not Path(config_file).is_file():
        raise click.BadParameter(
            messages.msg("cli.check.no_config", path=config_file), param_hint="--config-file"
        )
    if config_file is None and not Path("mkdocs.yml").is_file():
        return None
    try:
        site = read_site_notices(config_file or "mkdocs.yml")
    except SiteConfigError as exc:
        if config_file is None:
            return None  # a broken mkdocs.yml nobody named: check with the defaults
        raise click.BadParameter(str(exc), param_hint="--config-file") from None
    if config_file is None and site is not None and not site.builds(directory):
        return None  # ./mkdocs.yml builds another folder: not this site's settings
    return site


@main.command("lint")
@registry_option
@languages_option
@format_option(FINDING_FORMATS_HELP)
@strict_option
@reports_input_errors
def lint_command(registry: str, languages: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check the registry's notice text against Finnish and EU law (codes L1xx).

    Exit 0 when clean (warnings allowed unless --strict), 1 on error-level
    findings, 2 when the registry cannot be read. Rules are switched off or
    re-levelled in the registry's `lint:` section, with a reason.
    """
    from .lint import lint
    from .report import format_findings

    findings = lint(load_for_site(registry, languages))
    fail_on = fail_level(strict)
    click.echo(format_findings(findings, fmt, fail_on=fail_on))
    if any(f.severity.rank >= fail_on.rank for f in findings):
        sys.exit(EXIT_FINDINGS)


@main.command("import")
@click.argument("notice", type=click.Path(dir_okay=False))
@click.option(
    "--output",
    "-o",
    default="data/registry.yaml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the draft registry.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@reports_input_errors
def import_(notice: str, output: str, force: bool) -> None:
    """Draft a registry from an existing privacy notice (NOTICE.txt, .html or .md).

    Writes the draft with TODO comments, then lists what `seloste lint` finds
    in it: what the old notice was missing. Exit 0 when the draft was written
    (lint findings included), 2 when the notice cannot be read or the output
    exists (use --force).
    """
    from pathlib import Path

    from .importer import import_file
    from .lint import lint
    from .report import format_findings

    target = Path(output)
    if target.exists() and not force:
        click.echo(messages.msg("cli.import.exists", path=output), err=True)
        sys.exit(EXIT_INPUT)
    result = import_file(notice)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.yaml, encoding="utf-8")
    click.echo(
        messages.msg(
            "cli.import.written",
            path=output,
            notice=notice,
            languages=", ".join(result.languages),
            services=", ".join(result.services) or messages.msg("cli.none"),
            unsorted=result.unsorted_count,
        )
    )
    findings = lint(load_registry(target, result.languages, draft=True))
    if findings:
        click.echo("\n" + messages.msg("cli.import.lacks", count=len(findings)))
        click.echo(format_findings(findings, "text"))
    click.echo("\n" + messages.msg("cli.import.next", path=output))
    from .importer.report import report as import_report

    click.echo("\n" + import_report(result).text())


@main.command("consent")
@registry_option
@click.option("--lang", "lang", default="fi", show_default=True, help="Language of the banner.")
@click.option(
    "--cookie-page",
    default=None,
    help="Address of the cookie notice, the same from every page (e.g. /evasteet/). "
    "Default: Seloste's path for the language, as the plugin and `seloste render` place it.",
)
@click.option(
    "--privacy-page",
    default=None,
    help="Address of the privacy notice, the same from every page (e.g. /tietosuojaseloste/). "
    "Default: Seloste's path for the language.",
)
@click.option(
    "--default-lang",
    default=None,
    help="Language whose pages are at the site root. Default: fi if the registry has it, "
    "else its first language.",
)
@click.option(
    "--site-url",
    default=None,
    help="The site's address (mkdocs.yml site_url), when it is served below a path, "
    "e.g. https://example.fi/docs/.",
)
@click.option(
    "--analytics",
    is_flag=True,
    help="The site sets Material's extra.analytics (Material then adds its own analytics box).",
)
@click.option("--repo-url", default=None, help="mkdocs.yml repo_url (GitHub adds a box).")
@click.option(
    "--script",
    "script_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the consent gating script here (e.g. docs/assets/javascripts/seloste-consent.js).",
)
@click.option(
    "--own-banner",
    "banner_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write Seloste's own banner (HTML for the end of <body>, for themes and "
    "generators without Material's banner) here.",
)
@click.option(
    "--config",
    "config_format",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="mkdocs: YAML for mkdocs.yml (`extra:`); zensical: tables for zensical.toml "
    "(`[project.extra.consent]`).",
)
@force_option
@reports_input_errors
def consent_command(
    registry: str,
    lang: str,
    cookie_page: str | None,
    privacy_page: str | None,
    default_lang: str | None,
    site_url: str | None,
    analytics: bool,
    repo_url: str | None,
    script_path: str | None,
    banner_path: str | None,
    config_format: str = "mkdocs",
    force: bool = False,
) -> None:
    """Print Material's `extra.consent` for one language and the gating script's tag.

    For sites the plugin does not build (Zensical, or a hand-kept mkdocs.yml):
    paste the YAML under `extra:`, and load the gating script in <head> with the
    printed tag, where the printed advice says (without Material: the --own-banner
    HTML before </body>). Both are what the MkDocs plugin
    makes for the same registry and language. Exit 1 when a declared cookie has no
    category (C101).
    """
    from pathlib import Path

    import yaml

    from .consent import consent_revision, cookie_findings, gating_script
    from .notices.common import wording
    from .overwrite import would_overwrite, write_files
    from .publish import Layout, consent_extra, consent_tag, placement_advice
    from .report import format_findings

    wording(lang)  # a language Seloste has no wording for: say so before anything else
    loaded = load_registry(registry)
    layout = Layout.for_site(loaded.languages, default_lang=default_lang, site_url=site_url)
    given = {k: {lang: v} for k, v in (("cookies", cookie_page), ("privacy", privacy_page)) if v}
    if given:
        layout = Layout(layout.default_lang, given, "/")
    planned: list[tuple[Path, str]] = []
    if script_path:
        planned.append((Path(script_path), gating_script()))
    if banner_path:
        from .consent import banner_html

        pages = {kind: layout.absolute(layout.page(kind, lang)) for kind in ("privacy", "cookies")}
        banner = banner_html(loaded, lang, pages["cookies"], privacy_url=pages["privacy"])
        planned.append((Path(banner_path), banner))
    if planned and not force and would_overwrite(planned):
        raise WouldOverwrite(would_overwrite(planned))  # before anything is printed
    config, _ = consent_extra(loaded, lang, layout, analytics=analytics, repo_url=repo_url)
    revision = consent_revision(loaded)
    if config_format == "zensical":
        from .generators.zensical import zensical_consent

        facts = {"lang": lang, "registry": registry, "revision": revision}
        click.echo("# " + messages.msg("cli.consent.zensical", **facts))
        click.echo(
            zensical_consent(config) if config else "# " + messages.msg("cli.consent.no_banner")
        )
        click.echo("# " + messages.msg("cli.consent.after_zensical"))
    else:
        facts = {"lang": lang, "registry": registry, "revision": revision}
        click.echo("# " + messages.msg("cli.consent.mkdocs", **facts))
        if config:
            click.echo(
                yaml.safe_dump({"extra": {"consent": config}}, allow_unicode=True, sort_keys=False),
                nl=False,
            )
        else:
            click.echo("# " + messages.msg("cli.consent.nothing"))
        tag = consent_tag(loaded, lang, layout, analytics=analytics)
        click.echo("# " + messages.msg("cli.consent.tag"))
        click.echo(f"# {tag}")
        click.echo("\n".join(f"# {line}".rstrip() for line in placement_advice(tag).splitlines()))
    if planned:
        write_files(planned, force=True)  # checked above
        for path, _ in planned:
            if str(path) == script_path:
                click.echo(messages.msg("cli.consent.script_written", path=path), err=True)
            else:
                click.echo(messages.msg("cli.consent.banner_written", path=path), err=True)
    findings = cookie_findings(loaded)
    if findings:
        click.echo(format_findings(findings, "text"), err=True)
    if any(f.severity.value == "error" for f in findings):
        sys.exit(EXIT_FINDINGS)


@main.command("services")
@click.option(
    "--category",
    type=click.Choice(["necessary", "preferences", "statistics", "marketing"]),
    default=None,
    help="Only the services of this cookie category.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text (a table) or json (one object per service, with its cookies).",
)
def services_command(category: str | None, fmt: str) -> None:
    """List Seloste's service catalogue: the ids to write under `services:` in the registry."""
    from .catalog.listing import catalogue_rows, rows_json, rows_text

    rows = catalogue_rows(category)
    click.echo(rows_json(rows) if fmt == "json" else rows_text(rows))


@main.command("verify")
@click.argument("directory", type=click.Path())
@registry_option
@languages_option
@format_option(FINDING_FORMATS_HELP)
@click.option(
    "--page",
    "pages",
    multiple=True,
    help="Also open this page (e.g. /en/blog/ or en/blog/index.html); repeatable.",
)
@click.option(
    "--per-template",
    default=1,
    show_default=True,
    type=click.IntRange(1),
    help="Pages opened per template (pages that load the same scripts and embeds).",
)
@click.option(
    "--max-pages",
    default=50,
    show_default=True,
    type=click.IntRange(1),
    help="At most this many pages (notice pages and --page always count).",
)
@click.option("--all-pages", is_flag=True, help="Open every page of the site (slow).")
@click.option(
    "--network",
    is_flag=True,
    help="Let requests to third parties through, so vendor scripts and the tags added in "
    "Google Tag Manager's web interface really run. Default: answered locally, empty.",
)
@click.option(
    "--stub",
    "stubs",
    multiple=True,
    metavar="HOST[/PATH]=FILE",
    help="Offline, answer requests to HOST (and PATH prefix) with this script; repeatable.",
)
@signatures_option
@allow_hosts_option
@strict_option
@reports_input_errors
def verify_command(
    directory: str,
    registry: str,
    languages: tuple[str, ...],
    fmt: str,
    pages: tuple[str, ...],
    per_template: int,
    max_pages: int,
    all_pages: bool,
    network: bool,
    stubs: tuple[str, ...],
    signature_files: tuple[str, ...],
    allow_hosts: tuple[str, ...],
    strict: bool,
) -> None:
    """Open the built site in headless Chromium and compare what really loads with the registry.

    Each page is visited before any choice, after Reject and with each consent category
    accepted; requests to other hosts, cookies and storage keys are compared with the
    declarations (codes V1xx). Offline by default. Exit 0 when clean, 1 on error-level
    findings, 2 when the site, the registry or the browser cannot be used.
    """
    from .report import format_findings
    from .verify.cli import run_verify

    loaded = load_registry(registry, languages or None)
    result = run_verify(
        directory,
        loaded,
        pages=pages,
        per_template=per_template,
        max_pages=max_pages,
        every_page=all_pages,
        network=network,
        stubs=stubs,
        signature_files=signature_files,
        allow_hosts=allow_hosts,
    )
    fail_on = fail_level(strict)
    click.echo(format_findings(result.findings, fmt, root=directory, fail_on=fail_on))
    if result.fails(strict):
        sys.exit(EXIT_FINDINGS)


from .generators.cli import inject_command  # noqa: E402

main.add_command(inject_command)
