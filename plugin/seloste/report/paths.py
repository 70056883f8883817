"""Where a finding points, as the reader's shell or CI sees it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..findings import Finding, location

__all__ = ["location", "shown_path"]


def shown_path(finding: Finding, root: str | Path | None) -> str | None:
    """Page paths are relative to the scanned site; prefix them with the directory the
    user named (``site/en/index.html``) so editors and CI can open them. Registry paths
    are already as the user gave them."""
    if not finding.path or root is None or finding.origin != "site":
        return finding.path
    return str(PurePosixPath(Path(root).as_posix()) / finding.path)
