"""Fix hints in each generator's own terms (its commands, folders and configuration).

The wording is in messages/G.yaml (``G.hint.*``), in the language in use: the audit's
T112–T115 and T101/T108 fixes put these hints inside their own sentences.
"""

from __future__ import annotations

from ..messages import msg
from . import GENERATORS

#: How the notices are made, per generator.
RENDER = {
    "mkdocs": "G.hint.render.mkdocs",
    "zensical": "G.hint.render.zensical",
    "hugo": "G.hint.render.hugo",
    "jekyll": "G.hint.render.jekyll",
}
#: Where a site-wide link belongs, per generator.
FOOTER = {
    "mkdocs": "G.hint.footer.mkdocs",
    "zensical": "G.hint.footer.zensical",
    "hugo": "G.hint.footer.hugo",
    "jekyll": "G.hint.footer.jekyll",
}
#: Analytics the generator or its usual theme adds from configuration.
THEME_ANALYTICS = {
    "hugo": "G.hint.analytics.hugo",
    "jekyll": "G.hint.analytics.jekyll",
    "zensical": "G.hint.analytics.zensical",
}
#: Google Fonts loaded by the theme, per generator (MkDocs: the audit's Material hint).
FONTS = {
    "zensical": "G.hint.fonts.zensical",
    "hugo": "G.hint.fonts.hugo",
    "jekyll": "G.hint.fonts.jekyll",
}


def inject_step(generator: str | None) -> str:
    gen = GENERATORS.get(generator or "")
    if gen is None:
        return msg("G.hint.inject.any")
    build = {"mkdocs": "mkdocs build", "zensical": "zensical build"}.get(gen.name, gen.name)
    if gen.name == "jekyll":
        build = "jekyll build"
    return msg("G.hint.inject", output=gen.output_dir, build=build)


def render_hint(generator: str | None) -> str:
    key = RENDER.get(generator or "")
    return msg(key) if key else msg("G.hint.render.any")


def footer_hint(generator: str | None) -> str:
    key = FOOTER.get(generator or "")
    if generator == "mkdocs" and key:
        return msg("G.hint.footer.mkdocs_plugin")
    step = inject_step(generator)
    return msg("G.hint.footer.or", step=step, own=msg(key)) if key else step


def theme_analytics_hint(generator: str | None, category: str) -> str | None:
    key = THEME_ANALYTICS.get(generator or "")
    return msg(key, category=category) if key else None


def fonts_hint(generator: str | None) -> str | None:
    key = FONTS.get(generator or "")
    return msg(key) if key else None
