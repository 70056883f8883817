"""Material's consent banner rendered once per build instead of once per page.

Material renders ``partials/consent.html`` (the banner Seloste fills through
``extra.consent``) into every page. What it writes depends on the site's configuration
alone: ``extra.consent`` (title, description, cookies, actions), ``extra.analytics``,
``repo_url`` and the theme's language (``lang.t`` for the buttons), never on the page.
Rendering it costs ~0.5 M instructions a page (its three ``lang.t`` calls each build
Material's table of ~100 translations): on a 1,000-page site more than half a second of
every build, for the same text each time.

So the build's Jinja environment gets the partial's text from its first render for the
rest of the build, as long as that configuration is the same (the same objects: MkDocs
makes the configuration once per build, mkdocs-static-i18n once per language). Only
Material's own file is kept: a ``custom_dir`` override of the partial may show anything,
the page too, and is rendered for every page as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

#: Material's partials whose text depends on the configuration alone (see above).
KEPT = ("partials/consent.html",)


def keep_config_partials(env: Any, config: Any) -> int:
    """Make ``env`` render each of Material's ``KEPT`` partials once per configuration;
    how many it found to keep (0 for other themes and for partials a custom_dir overrides)."""
    own = _material_templates()
    if own is None:
        return 0
    kept = 0
    for name in KEPT:
        try:
            template = env.get_template(name)
        except Exception:  # noqa: BLE001 (jinja2.TemplateNotFound and the like: nothing to keep)
            continue
        filename = getattr(template, "filename", None)
        render = getattr(template, "root_render_func", None)
        if not filename or render is None or isinstance(render, _Kept):
            continue
        if os.path.dirname(os.path.dirname(os.path.realpath(filename))) != own:
            continue  # a custom_dir override (or another theme's file of that name)
        template.root_render_func = _Kept(render)
        kept += 1
    return kept


def _material_templates() -> str | None:
    """The real path of Material's templates folder, or None without Material."""
    from importlib.util import find_spec

    spec = find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.realpath(os.path.join(list(spec.submodule_search_locations)[0], "templates"))


class _Kept:
    """A template's render function that renders once per configuration, then repeats."""

    def __init__(self, render: Callable[[Any], Iterator[str]]) -> None:
        self.render = render
        self.texts: dict[tuple, str] = {}

    def __call__(self, context: Any) -> Iterator[str]:
        key = _key(context)
        if key is None:
            yield from self.render(context)
            return
        text = self.texts.get(key)
        if text is None:
            text = "".join(self.render(context))
            self.texts[key] = text
        yield text


def _key(context: Any) -> tuple | None:
    """What the partial reads, by identity (the same objects for a whole build), or None
    when the context is not a build's (then it is rendered as usual)."""
    config = context.get("config")
    try:
        extra, theme = config["extra"], config["theme"]
        return (
            id(config),
            id(extra.get("consent")),
            id(extra.get("analytics")),
            config.get("repo_url"),
            theme["language"],
        )
    except (TypeError, KeyError, AttributeError):
        return None
