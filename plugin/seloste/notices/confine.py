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
from .paths import DEFAULT_PATHS

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
    """The page's path from the site root (``en/privacy/``), checked to stay inside the site."""
    table = {**DEFAULT_PATHS[kind], **(paths or {})}
    local = table.get(lang) or table.get("en") or f"{kind}/"
    problem = path_problem(local) or (None if lang == default_lang else path_problem(lang))
    if problem is not None:
        raise SelosteError([_finding(f"{kind} page", lang, local, problem, kind)])
    local = str(local).strip("/") + "/"
    return local if lang == default_lang else f"{lang}/{local}"


def dest_uri_of(dest_dir: str, use_directory_urls: bool) -> str:
    """The output file of a page at ``dest_dir`` (``en/privacy/`` → ``en/privacy/index.html``),
    as MkDocs names it; a static file there would be overwritten by the page."""
    dest = dest_dir.strip("/")
    if use_directory_urls:
        return f"{dest}/index.html" if dest else "index.html"
    return f"{dest}.html" if dest else "index.html"


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
