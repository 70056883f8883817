"""The ``seloste`` MkDocs plugin's entry point: MkDocs 1.x first, in one line if not.

MkDocs 2 has no plugins and no ``mkdocs.config``; without this check, loading
the plugin there (or where MkDocs is missing) ends in a ``ModuleNotFoundError``
traceback. This module is what ``[project.entry-points."mkdocs.plugins"]``
names, so the check runs before any MkDocs import.
"""

from __future__ import annotations

import importlib.metadata

DOCS = "https://seloste.example/en/properdocs/"


def mkdocs_problem() -> str | None:
    """Why the plugin cannot run here, or None with MkDocs 1.x (or ProperDocs' MkDocs 1.6)."""
    try:
        import mkdocs

        version = getattr(mkdocs, "__version__", None) or _installed_version()
    except ImportError:
        version = None
    try:
        import mkdocs.config.base  # noqa: F401  (absent in MkDocs 2)
        import mkdocs.plugins  # noqa: F401
    except ImportError:
        from .messages import msg

        found = f"MkDocs {version}" if version else msg("plugin.mkdocs.none")
        return msg("plugin.mkdocs.no_plugins", found=found, docs=DOCS)
    if version and not version.startswith("1."):
        from .messages import msg

        return msg("plugin.mkdocs.version", version=version, docs=DOCS)
    return None


def _installed_version() -> str | None:
    try:
        return importlib.metadata.version("mkdocs")
    except importlib.metadata.PackageNotFoundError:
        return None


_problem = mkdocs_problem()
if _problem is not None:
    raise SystemExit(_problem)

from .mkdocs_plugin import SelostePlugin  # noqa: E402

__all__ = ["SelostePlugin"]
