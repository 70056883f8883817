"""What Seloste needs to know about the site's MkDocs theme.

Material (and themes built on it, which keep its ``partials/consent.html``)
shows the consent banner from ``extra.consent``. Other themes (``mkdocs``,
``readthedocs``, third-party ones) have no banner: there Seloste must bring its
own, and a finding's fix must not tell anyone to set ``extra.consent``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def theme_name(config: MkDocsConfig) -> str:
    return str(config.theme.name or "") if config.theme else ""


def theme_language(config: MkDocsConfig) -> str | None:
    """``theme.language`` (Material) or ``theme.locale`` (mkdocs, readthedocs) as a code."""
    if not config.theme:
        return None
    value = config.theme.get("language") or config.theme.get("locale")
    if not value:
        return None
    # Locale('pt', 'BR') → "pt"; Material's "pt-BR" → "pt"; Seloste's wording is per language.
    code = str(getattr(value, "language", value) or "")
    return code.replace("_", "-").split("-")[0].lower() or None


def custom_dir(config: MkDocsConfig) -> str | None:
    return config.theme.custom_dir if config.theme else None
