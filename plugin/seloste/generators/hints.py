"""Fix hints in each generator's own terms (its commands, folders and configuration)."""

from __future__ import annotations

from . import GENERATORS

#: How the notices are made, per generator.
RENDER = {
    "mkdocs": "enable the seloste plugin in mkdocs.yml (`plugins: [seloste]`, ProperDocs too); "
    "without it: `seloste render --generator mkdocs` before `mkdocs build`",
    "zensical": "run `seloste render --generator zensical` (writes docs/<lang>/) before "
    "`zensical build`",
    "hugo": "run `seloste render --generator hugo` (writes content/) before `hugo`",
    "jekyll": "run `seloste render --generator jekyll -o .` before `jekyll build`",
}
#: Where a site-wide link belongs, per generator.
FOOTER = {
    "mkdocs": "list the notices in `nav:` of mkdocs.yml (or in overrides/partials/footer.html)",
    "zensical": "list the notices in `nav` of zensical.toml (or in overrides/partials/footer.html)",
    "hugo": "link them in your theme's footer partial (layouts/partials/footer.html), e.g. "
    '`{{ with site.GetPage "/tietosuojaseloste" }}<a href="{{ .RelPermalink }}">{{ .Title }}'
    "</a>{{ end }}`",
    "jekyll": "link them in your layout's footer (_includes/footer.html), e.g. "
    "`<a href=\"{{ '/tietosuojaseloste/' | relative_url }}\">Tietosuojaseloste</a>`",
}
#: Analytics the generator or its usual theme adds from configuration.
THEME_ANALYTICS = {
    "hugo": "if it comes from Hugo's internal template (`{{ template "
    '"_internal/google_analytics.html" . }}` with `googleAnalytics` or '
    "`services.googleAnalytics.id` in hugo.toml): remove that template call from your "
    'layouts and load the snippet from a partial as `<script type="text/plain" '
    'data-category="{category}" …>`',
    "jekyll": "if it comes from your theme's analytics include (e.g. minima's "
    "`_includes/google-analytics.html` with `google_analytics:` in _config.yml): remove "
    "`google_analytics:` and load the snippet from your own include as "
    '`<script type="text/plain" data-category="{category}" …>`',
    "zensical": "if it comes from `[project.extra.analytics]` in zensical.toml: add "
    "`[project.extra.consent]` (`seloste consent --config zensical`): the theme then runs "
    "its analytics only after consent",
}


def inject_step(generator: str | None) -> str:
    gen = GENERATORS.get(generator or "")
    if gen is None:
        return "run `seloste inject SITE/` after the build"
    build = {"mkdocs": "mkdocs build", "zensical": "zensical build"}.get(gen.name, gen.name)
    if gen.name == "jekyll":
        build = "jekyll build"
    return f"run `seloste inject {gen.output_dir}/` after `{build}`"


def render_hint(generator: str | None) -> str:
    return RENDER.get(generator or "", "run `seloste render --generator …` before the build")


def footer_hint(generator: str | None) -> str:
    own = FOOTER.get(generator or "")
    step = inject_step(generator)
    if generator == "mkdocs" and own:
        return own + "; the seloste plugin adds them to the nav itself"
    return f"{step} (it adds the links), or {own}" if own else step


def theme_analytics_hint(generator: str | None, category: str) -> str | None:
    hint = THEME_ANALYTICS.get(generator or "")
    return hint.replace("{category}", category) if hint else None


#: Google Fonts loaded by the theme, per generator (MkDocs: the audit's Material hint).
FONTS = {
    "zensical": "host the fonts yourself: set `font = false` under `[project.theme]` in "
    "zensical.toml (the system fonts are used) or serve your own font files",
    "hugo": "host the fonts yourself: remove the fonts.googleapis.com `<link>` from your layouts "
    "(or the theme's font option in hugo.toml) and serve the font files from static/",
    "jekyll": "host the fonts yourself: remove the fonts.googleapis.com `<link>` from your "
    "layouts or _includes and serve the font files from assets/",
}


def fonts_hint(generator: str | None) -> str | None:
    return FONTS.get(generator or "")
