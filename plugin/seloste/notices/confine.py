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

from ..findings import Finding, SelosteError, Severity
from .paths import DEFAULT_PATHS, page_path

#: Characters that have a meaning in a URL or a file name and none in a page path.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\\:*?\"<>|#%]")


def path_problem(value: object) -> str | None:
    """Why a configured page path cannot be used, or None."""
    if not isinstance(value, str):
        return "is not a text"
    if _FORBIDDEN.search(value):
        char = _FORBIDDEN.search(value).group()  # type: ignore[union-attr]
        return f"contains {char!r}, which has no place in a page path"
    parts = value.strip("/").split("/")
    if parts == [""]:
        return "is the home page; Seloste never replaces it"
    if any(part in {"", ".", ".."} for part in parts):
        which = next(p for p in parts if p in {"", ".", ".."})
        return (
            "leaves its folder ('..')"
            if which == ".."
            else f"has an empty or '{which}' segment ('//', '/./')"
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
                            f"is also the address of the {_name(other)} ({options[other]})",
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
    return "privacy notice" if kind == "privacy" else "cookie notice"


def _finding(option: str, lang: str, value: object, problem: str, kind: str) -> Finding:
    default = DEFAULT_PATHS[kind].get(lang) or DEFAULT_PATHS[kind]["en"]
    return Finding(
        "R119",
        Severity.error,
        f"plugin option seloste {option}.paths.{lang}: {value!r} {problem}",
        "mkdocs.yml",
        fix=f"write a path inside the site, relative to the language's root, e.g. "
        f"`{option}: {{paths: {{{lang}: {default}}}}}`",
    )
