"""What a site's mkdocs.yml says about the notices, read without MkDocs.

``seloste check site/`` audits a site the plugin built; when ``mkdocs.yml`` moves
the notices (the plugin's ``privacy_page: paths:``), switches one off
(``cookie_page: enabled: false``) or makes another language the default
(mkdocs-static-i18n's ``default: true``), the check must look where the plugin
put them, or it reports notices missing that are there (T112). This reads just
those facts with PyYAML, so the core never imports mkdocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fields_repr import FieldsRepr
from .messages import msg
from .yamldata import SafeLoader

#: The plugin option of each notice kind (mkdocs_config.py).
PAGE_OPTIONS = {"privacy": "privacy_page", "cookies": "cookie_page"}


class _TolerantLoader(SafeLoader):
    """Safe loading; tags MkDocs understands (``!ENV``, ``!!python/name:``) become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True, repr=False)
class SiteNotices(FieldsRepr):
    """Where a MkDocs site's seloste plugin puts the notices."""

    source: str
    #: Per notice kind, the paths per language set in the plugin options (the rest default).
    paths: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Notice kinds the site switched off (``enabled: false``).
    disabled: frozenset[str] = frozenset()
    #: The site's default language (static-i18n's ``default: true``, else ``theme.language``).
    default_language: str | None = None
    #: Where ``mkdocs build`` writes the site (``site_dir``, resolved against mkdocs.yml).
    site_dir: Path | None = None

    def builds(self, directory: str | Path) -> bool:
        """Whether ``directory`` is this configuration's built site."""
        return self.site_dir is not None and self.site_dir == Path(directory).resolve()


class SiteConfigError(ValueError):
    """mkdocs.yml cannot be read or is not a mapping."""


def read_site_notices(path: str | Path) -> SiteNotices | None:
    """The seloste plugin's notice settings in ``path``; None when the site has no seloste."""
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)  # noqa: S506
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SiteConfigError(msg("cli.site_config.unreadable", path=path, reason=reason)) from None
    except UnicodeDecodeError:
        raise SiteConfigError(msg("cli.site_config.not_utf8", path=path)) from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise SiteConfigError(msg("cli.site_config.syntax", path=path, problem=problem)) from None
    if not isinstance(data, Mapping):
        raise SiteConfigError(msg("cli.site_config.not_mapping", path=path))
    plugins = _plugins(data.get("plugins"))
    if "seloste" not in plugins:
        return None
    options = plugins["seloste"]
    paths: dict[str, dict[str, str]] = {}
    disabled = set()
    for kind, option in PAGE_OPTIONS.items():
        page = options.get(option)
        if not isinstance(page, Mapping):
            continue
        if page.get("enabled") is False:
            disabled.add(kind)
        given = page.get("paths")
        if isinstance(given, Mapping):
            paths[kind] = {str(k): str(v) for k, v in given.items() if isinstance(v, str)}
    site_dir = data.get("site_dir")
    site_dir = site_dir if isinstance(site_dir, str) else "site"
    return SiteNotices(
        str(path),
        paths,
        frozenset(disabled),
        _default_language(data, plugins),
        (path.resolve().parent / site_dir).resolve(),
    )


def _plugins(value: Any) -> dict[str, Mapping[str, Any]]:
    """``plugins:`` as a list (``- seloste: {…}`` or ``- search``) or a mapping."""
    items: list[tuple[Any, Any]] = []
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, list):
        for entry in value:
            if isinstance(entry, str):
                items.append((entry, {}))
            elif isinstance(entry, Mapping):
                items.extend(entry.items())
    return {str(k): (v if isinstance(v, Mapping) else {}) for k, v in items}


def _default_language(data: Mapping[str, Any], plugins: dict[str, Mapping[str, Any]]) -> str | None:
    for entry in plugins.get("i18n", {}).get("languages") or []:
        if isinstance(entry, Mapping) and entry.get("default") and entry.get("locale"):
            return str(entry["locale"])
    theme = data.get("theme")
    if isinstance(theme, Mapping):
        for key in ("language", "locale"):
            if isinstance(theme.get(key), str):
                return str(theme[key])
    return None
