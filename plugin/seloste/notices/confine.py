"""Page paths the user configures stay inside the site, off the home page, apart.

``privacy_page: {paths: {fi: …}}`` decides where Seloste writes a page. A build
must never write outside the site (``../docs/fi/pwned`` wrote into ``docs/``,
``../../outside`` outside the project), never replace the home page (``/``), and
never put both notices, or a notice and a page of the user's own, at one
address. Each problem is one error naming the option and what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..codes import finding
from ..findings import Finding, SelosteError
from ..messages import msg
from .paths import DEFAULT_PATHS, page_path

#: Characters that have a meaning in a URL or a file name and none in a page path.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|#%]")


def path_problem(value: object) -> str | None:
    """Why a configured page path cannot be used, or None."""
    if not isinstance(value, str):
        return msg("R119.problem.not_text")
    if _FORBIDDEN.search(value):
        char = _FORBIDDEN.search(value).group()  # type: ignore[union-attr]
        return msg("R119.problem.char", char=repr(char))
    parts = value.strip("/").split("/")
    if parts == [""]:
        return msg("R119.problem.home")
    if any(part in {"", ".", ".."} for part in parts):
        which = next(p for p in parts if p in {"", ".", ".."})
        return (
            msg("R119.problem.parent")
            if which == ".."
            else msg("R119.problem.segment", segment=which)
        )
    return None


def check_page_paths(
    paths_by_kind: Mapping[str, Mapping[str, object]],
    languages: Iterable[str],
    default_lang: str,
    *,
    options: Mapping[str, str] | None = None,
) -> None:
    """Raise one SelosteError when a configured path leaves the site, is the home page,
    or gives both notices the same address in some language.

    ``options`` names the option of each kind (``privacy_page``) for the message.
    """
    options = options or {"privacy": "privacy_page", "cookies": "cookie_page"}
    problems: list[Finding] = []
    for kind, paths in paths_by_kind.items():
        for lang, value in (paths or {}).items():
            problem = path_problem(value)
            if problem is not None:
                problems.append(_finding(options[kind], str(lang), value, problem, kind))
    if problems:
        raise SelosteError(problems)
    kinds = list(paths_by_kind)
    for lang in languages:
        seen: dict[str, str] = {}
        for kind in kinds:
            where = confined(kind, lang, default_lang, paths_by_kind[kind])
            if where in seen:
                other = seen[where]
                raise SelosteError(
                    [
                        _finding(
                            options[kind],
                            lang,
                            where,
                            msg("R119.problem.also", name=_name(other), option=options[other]),
                            kind,
                        )
                    ]
                )
            seen[where] = kind


def confined(kind: str, lang: str, default_lang: str, paths: Mapping[str, object] | None) -> str:
    """``page_path``, checked to stay inside the site (also against a language code that is
    a path, such as ``..``)."""
    for value in (*(paths or {}).values(), *(() if lang == default_lang else (lang,))):
        problem = path_problem(value)
        if problem is not None:
            raise SelosteError([_finding(f"{kind} page", lang, value, problem, kind)])
    return page_path(kind, lang, default_lang, paths)  # type: ignore[arg-type]


def _name(kind: str) -> str:
    return msg("R119.name.privacy") if kind == "privacy" else msg("R119.name.cookies")


def _finding(option: str, lang: str, value: object, problem: str, kind: str) -> Finding:
    default = DEFAULT_PATHS[kind].get(lang) or DEFAULT_PATHS[kind]["en"]
    return finding(
        "R119",
        msg("R119.path", option=option, lang=lang, value=repr(value), problem=problem),
        "mkdocs.yml",
        fix=msg("R119.path.fix", option=option, lang=lang, default=default),
        origin="config",
    )
