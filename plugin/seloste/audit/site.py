"""``seloste check``: scan a built site directory and audit it against the registry.

The MkDocs plugin does not use this (it scans pages as MkDocs renders them);
this serves CI and every other static site generator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..codes import finding
from ..fields_repr import FieldsRepr
from ..findings import Finding, SelosteError, Severity
from ..messages import msg
from ..registry.loaded import LoadedRegistry
from ..scan import scan_directory, scanner_for
from ..scan.model import ScanResult
from ..site_config import SiteNotices
from . import AuditConfig, audit
from .config import apply_settings
from .publication import check_publication


@dataclass(frozen=True, repr=False)
class SiteCheck(FieldsRepr):
    scan: ScanResult
    findings: list[Finding]
    #: The generator that built the site, when known (see generators/detect.py).
    generator: str | None = None

    def fails(self, strict: bool = False) -> bool:
        """Errors fail the check; under ``strict`` warnings do too (info never does)."""
        threshold = Severity.warning if strict else Severity.error
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    @property
    def complete(self) -> bool:
        """Whether every part of the site could be read (else the command exits 2)."""
        return self.scan.complete


def check_site(
    directory: str | Path,
    loaded: LoadedRegistry,
    *,
    signature_files: Sequence[str | Path] = (),
    allow_hosts: Iterable[str] = (),
    config: AuditConfig | None = None,
    publication: str = "auto",
    generator: str | None = None,
    site: SiteNotices | None = None,
) -> SiteCheck:
    root = Path(directory)
    if not root.is_dir():
        raise SelosteError([_no_site(str(directory), msg("T100.not-a-directory"))])
    # The controller's own website is first-party, as the MkDocs plugin treats it.
    website = urlsplit(loaded.registry.controller.website or "").hostname
    allow_hosts = (*allow_hosts, *([website] if website else []))
    scanner = scanner_for(loaded.registry, signature_files, allow_hosts)
    result = scan_directory(root, scanner)
    if result.files_scanned == 0:
        raise SelosteError(
            [
                *result.problems,
                _no_site(str(directory), msg("T100.no-files")),
            ]
        )
    config = config or AuditConfig()
    config = replace(config, allow_hosts=(*config.allow_hosts, *allow_hosts))
    # Built pages as messages name them: under the folder the user named (`site/blogi/…`),
    # as the reports' locations are (report/paths.py); nothing before them for `check .`.
    under = PurePosixPath(root.as_posix()).as_posix()
    shown_under = "" if under == "." else under + "/"
    published = check_publication(
        root,
        loaded,
        mode=publication,
        generator=generator,
        max_pages=config.max_pages,
        site=site,
        shown_under=shown_under,
    )
    config = replace(
        config,
        generator=published.generator or "",
        sources=config.sources or _project_sources(root, loaded, generator, site),
        site_prefix=shown_under,
        site_dir=str(root),
    )
    # What could not be read comes first: the rest of the report covers only part of the site.
    findings = [*result.problems, *audit(loaded, result, config=config)]
    findings += apply_settings(published.findings, loaded.registry.lint, config)
    return SiteCheck(result, findings, published.generator)


def _project_sources(
    root: Path, loaded: LoadedRegistry, generator: str | None, site: SiteNotices | None
):
    """The project that built ``root`` (its mkdocs.yml, zensical.toml, Hugo or Jekyll config
    beside the site folder or in the working directory): findings then point at its files."""
    from ..sitesources import for_project

    exclude = [loaded.path] if loaded.path else []
    return for_project(
        root, config_file=site.source if site else None, generator=generator, exclude=exclude
    )


def _no_site(shown: str, message: str) -> Finding:
    return finding("T100", message, shown, fix=msg("T100.no-site.fix"), origin="input")
