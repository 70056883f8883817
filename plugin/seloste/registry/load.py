"""Load a registry file and turn every problem into a message a marketer can act on.

Each error names the file, line and column, the field path
(``registers[0].purposes[1].legal_basis``) and what to write instead. All the
problems of a file are reported together, sorted by line, so one run of
``seloste validate`` shows everything to fix. Codes are documented in
``docs/*/registry.md`` (anchors ``#R100``…).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..catalog import services as catalogue
from ..codes import finding
from ..findings import Finding, SelosteError
from ..messages import msg
from ..yamlpos import Located, PathKey, Pos, YamlProblem, load_located
from . import quick
from .loaded import LoadedRegistry, format_path, registry_finding
from .terms import key_words, suggest, terms_for
from .textcheck import text_problems
from .values import is_language_code

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .model import Registry

# pydantic and the models (model.py) are imported when a registry is validated with them
# (see ``parse_registry``): a build whose registry ``quick.py`` validates never loads them.

DEFAULT_LANGUAGES = ["fi", "en"]


def load_registry(
    path: str | Path,
    languages: Sequence[str] | None = None,
    display_path: str | None = None,
    *,
    draft: bool = False,
    records: quick.Records | None = None,
) -> LoadedRegistry:
    """Load and validate ``path``; raise SelosteError with every problem found.

    ``languages`` are the languages the site builds; every text must have them.
    The registry's own ``languages:`` wins when the site does not say. ``draft`` and
    ``records``: see ``parse_registry``.
    """
    shown = display_path or str(path)
    text = _read(Path(path), shown)
    return parse_registry(text, shown, languages, draft=draft, records=records)


#: A registry is a few to a few hundred KB; anything this big is not one (or a mistake).
MAX_FILE_BYTES = 10_000_000


def _read(path: Path, shown: str) -> str:
    """The file's text. Only a regular file is read, and at most MAX_FILE_BYTES of it:
    ``/dev/zero`` would fill the memory and a named pipe would wait forever."""

    def unreadable(message: str, fix: str) -> SelosteError:
        return SelosteError([finding("R100", message, shown, fix=fix, origin="input")])

    try:
        data = _read_regular_file(path)
    except FileNotFoundError:
        raise unreadable(msg("R100.not_found"), msg("R100.not_found.fix")) from None
    except IsADirectoryError:
        raise unreadable(msg("R100.folder"), msg("R100.folder.fix")) from None
    except _NotRegular as exc:
        raise unreadable(
            msg("R100.not_regular", kind=exc.args[0]), msg("R100.not_regular.fix")
        ) from None
    except _TooBig:
        raise unreadable(
            msg("R100.too_big", mb=MAX_FILE_BYTES // 1_000_000), msg("R100.too_big.fix")
        ) from None
    except OSError as exc:
        raise unreadable(
            msg("R100.unreadable", reason=exc.strerror or exc), msg("R100.unreadable.fix")
        ) from None
    try:
        # utf-8-sig: Windows editors may start the file with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SelosteError(
            [
                finding(
                    "R100",
                    msg("R100.not_utf8", byte=f"0x{exc.object[exc.start]:02x}", line=line),
                    shown,
                    line,
                    fix=msg("R100.not_utf8.fix"),
                    origin="input",
                )
            ]
        ) from None


class _NotRegular(OSError):
    pass


class _TooBig(OSError):
    pass


def _read_regular_file(path: Path) -> bytes:
    # O_NONBLOCK: opening a named pipe must not wait for a writer; the type is then checked
    # on the open file itself, so nothing can swap the file in between.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(str(path))
        if not stat.S_ISREG(mode):
            raise _NotRegular(_file_kind(mode))
        chunks = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise _TooBig()
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return msg("R100.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("R100.kind.device")
    if stat.S_ISSOCK(mode):
        return msg("R100.kind.socket")
    return msg("R100.kind.other")


def parse_registry(
    text: str,
    shown: str,
    languages: Sequence[str] | None = None,
    *,
    draft: bool = False,
    records: quick.Records | None = None,
) -> LoadedRegistry:
    """Validate registry YAML ``text``; ``shown`` is the file name used in messages.

    ``draft=True`` (for ``seloste import``) lets texts written empty (``name: ""``) and
    line breaks in one-line fields (R117; the renderers show them on one line) pass: a
    draft leaves them for the marketer, and ``seloste validate`` then reports each one.

    ``records`` (the MkDocs build passes ``buildcache._record``) first tries ``quick.py``:
    a registry it is certain of, with nothing to report, comes back without pydantic,
    its models made by ``records`` (the build cache's read-only ``Record``\\ s); anything
    else is validated here as without it, so every message stays the same.
    """
    try:
        located = load_located(text)
    except YamlProblem as exc:
        raise SelosteError(
            [
                finding(p.code, p.message, shown, p.pos.line, p.pos.col, p.fix, origin="registry")
                for p in exc.all
            ]
        ) from None
    if not isinstance(located.data, dict):
        raise SelosteError([_not_a_mapping(located, shown)])
    data = located.data
    langs = list(languages or _declared_languages(data) or DEFAULT_LANGUAGES)
    if records is not None:
        loaded = _quick(located, text, shown, langs, records, draft=draft)
        if loaded is not None:
            return loaded

    from pydantic import ValidationError

    from .model import Registry

    findings: list[Finding] = []
    registry: Registry | None = None
    try:
        registry = Registry.model_validate(data)
    except ValidationError as exc:
        findings.extend(_translate(exc, located, shown))
    # Every finding of the model's validation is at a registry path (registry_finding); the
    # empty path (the whole file) covers everything.
    reported = {f.field for f in findings if f.origin == "registry"}
    for extra in (
        *_language_problems(data, langs, located, shown),
        *_value_problems(data, langs, located, shown, draft=draft),
        *_service_problems(data, located, shown),
        *text_problems(located, text, shown, _is_language_of_text, draft=draft),
    ):
        if not any(extra.field[: len(p)] == p for p in reported):
            findings.append(extra)
    if findings or registry is None:
        findings.sort(key=lambda f: (f.line or 0, f.col or 0))
        summaries = _language_summaries(findings, data, located, shown, from_site=bool(languages))
        raise SelosteError([*summaries, *findings])
    return LoadedRegistry(registry, shown, located, langs, text)


def _quick(
    located: Located,
    text: str,
    shown: str,
    langs: list[str],
    records: quick.Records,
    *,
    draft: bool,
) -> LoadedRegistry | None:
    """The registry validated by ``quick.py``, when it is sure and nothing is to be said."""
    registry = quick.validate(located.data, records)
    if registry is None:
        return None
    data = located.data
    for _ in chain(
        _language_problems(data, langs, located, shown),
        _value_problems(data, langs, located, shown, draft=draft),
        _service_problems(data, located, shown),
        text_problems(located, text, shown, _is_language_of_text, draft=draft),
    ):
        return None  # a finding: the full validation reports it with everything else
    return LoadedRegistry(cast("Registry", registry), shown, located, langs, text)


def _declared_languages(data: dict) -> list[str] | None:
    value = data.get("languages")
    if isinstance(value, list) and value and all(is_language_code(v) for v in value):
        return value
    return None


def _not_a_mapping(located: Located, shown: str) -> Finding:
    data = located.data
    if data is None:
        message = msg("R114.empty")
    elif isinstance(data, list):
        message = msg("R114.list")
    else:
        message = msg("R114.scalar", value=_describe(data))
    return finding(
        "R114",
        message,
        shown,
        1,
        1,
        fix=msg("R114.fix"),
        origin="registry",
    )


# --- pydantic errors -> findings -------------------------------------------------------------


def _translate(exc: ValidationError, located: Located, shown: str) -> list[Finding]:
    findings: dict[PathKey, Finding] = {}
    for err in exc.errors():
        data_path, tags = _data_path(located.data, err["loc"])
        if _string_branch(tags) and isinstance(err.get("input"), dict):
            continue  # the {fi: …} branch of a text says what is wrong inside the mapping
        if data_path in findings:
            continue  # a union reports every branch; one message per place is enough
        if err.get("input") is None and _is_language_of_text(data_path):
            continue  # `{fi: …, en: }`: the language checks say which language is missing
        findings[data_path] = _finding_for(dict(err), data_path, tags, located, shown)
    return list(findings.values())


def _data_path(data: Any, loc: tuple) -> tuple[PathKey, list[str]]:
    """Drop pydantic's union-branch tags from a loc, keeping only real data keys."""
    path: list[str | int] = []
    tags: list[str] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and not tags
            and isinstance(part, str)
            and part not in node
            and _looks_like_field(part)
        ):
            path.append(part)  # a missing key
            node = None
        else:
            tags.append(str(part))
    return tuple(path), tags


def _string_branch(tags: list[str]) -> bool:
    """The plain-string branch of a text's union (pydantic tags it 'str' or 'constrained-str')."""
    return any(tag in {"str", "constrained-str"} for tag in tags)


def _looks_like_field(part: str) -> bool:
    return part.isidentifier() and part not in {"str", "dict", "list"}


FINNISH_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def _finding_for(
    err: dict, path: PathKey, tags: list[str], located: Located, shown: str
) -> Finding:
    kind = err["type"]
    where = format_path(path)
    value = err.get("input")
    if kind == "extra_forbidden" or ("[key]" in tags and kind in {"enum", "literal_error"}):
        return _unknown_key(path, located, shown)
    if is_placeholder(value):
        return _placeholder(path, str(value), located, shown)
    if isinstance(value, str) and not value.strip():
        value = None  # `role: ""` is as empty as `role:`
    if value is None and kind in {"string_type", "dict_type"} and _expects_string(path):
        return _empty(path, located, shown)
    if kind == "too_short" and path == ("registers",):
        return registry_finding(
            "R108",
            msg("R108.no_registers"),
            shown,
            located.pos(path),
            path,
            msg("R108.no_registers.fix"),
        )
    if kind == "missing":
        key = path[-1]
        help_ = _field_help(path)
        return registry_finding(
            "R104",
            msg("R104.missing", field=where, key=key),
            shown,
            located.pos(path[:-1]),
            path,
            msg("R104.missing.fix_help", key=key, help=help_)
            if help_
            else msg("R104.missing.fix", key=key),
        )
    pos = located.pos(path)
    if kind in {"enum", "literal_error"}:
        allowed = quick.allowed_values(path)
        guess = suggest(value, allowed)
        choices = ", ".join(allowed)
        if value is None:
            message = msg("R105.empty", field=where, allowed=choices)
        elif guess:
            message = msg(
                "R105.not_allowed_guess",
                field=where,
                value=_describe(value),
                allowed=choices,
                guess=guess,
                gloss=_gloss(guess, allowed),
            )
        else:
            message = msg("R105.not_allowed", field=where, value=_describe(value), allowed=choices)
        return registry_finding(
            "R105",
            message,
            shown,
            pos,
            path,
            msg("R105.fix_guess", key=path[-1], guess=guess)
            if guess
            else msg("R105.fix", allowed=choices),
        )
    if kind.startswith("date") or kind.startswith("datetime"):
        return registry_finding(
            "R106",
            msg("R106.not_date", field=where, value=_describe(value))
            if value is not None
            else msg("R106.empty", field=where),
            shown,
            pos,
            path,
            _date_fix(value),
        )
    if kind == "email":
        return registry_finding(
            "R107",
            msg("R107.email", field=where, value=_ctx_value(err)),
            shown,
            pos,
            path,
            msg("R107.email.fix"),
        )
    if kind == "business_id":
        given = _ctx_value(err)
        return registry_finding(
            "R111",
            msg("R111.check_digit", field=where, value=given)
            if re.fullmatch(r"\d{7}-\d", given)
            else msg("R111.format", field=where, value=given),
            shown,
            pos,
            path,
            msg("R111.fix"),
        )
    if kind == "language":
        language = err.get("ctx", {}).get("value")
        return registry_finding(
            "R112",
            msg("R112.language", field=where, value=_ctx_value(err)),
            shown,
            located.pos(_index_of(path, located.data, language)),
            path,
            msg("R112.language.fix"),
        )
    if kind == "string_unicode":
        return registry_finding(
            "R108",
            msg("R108.surrogate", field=where),
            shown,
            pos,
            path,
            msg("R108.surrogate.fix"),
        )
    if kind in {"string_type", "dict_type"} and _expects_text(path):
        return registry_finding(
            "R108",
            msg("R108.text_expected", field=where, value=_describe(value)),
            shown,
            pos,
            path,
            msg("R108.text_expected.fix"),
        )
    return registry_finding(
        "R108",
        msg("R108.type", field=where, expected=_expected(kind, path, err), value=_describe(value)),
        shown,
        pos,
        path,
        _type_fix(kind, path),
    )


def _unknown_key(path: PathKey, located: Located, shown: str) -> Finding:
    key = str(path[-1]) if path else "?"
    allowed = quick.allowed_keys(path[:-1])
    guess = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    meant = key_words().get(" ".join(key.lower().replace("_", " ").split()))
    home = _where_key_belongs(key, path[:-1])
    above = _empty_section_above(path, located)
    if above is not None:
        section, line = above
        hint = msg("R103.indent", key=key, section=section, line=line)
        fix = msg("R103.indent.fix", key=key, section=section)
    elif meant in allowed:
        hint, fix = msg("R103.guess", guess=meant), msg("R103.english.fix", guess=meant)
    elif guess:
        hint, fix = msg("R103.guess", guess=guess[0]), msg("R103.guess.fix", guess=guess[0])
    elif home is not None:
        hint = msg("R103.belongs", key=key, home=format_path(home))
        fix = msg("R103.belongs.fix", home=format_path(home))
    else:
        hint = msg("R103.allowed", allowed=", ".join(allowed)) if allowed else msg("R103.nothing")
        fix = msg("R103.allowed.fix")
    return registry_finding(
        "R103",
        msg("R103.unknown", field=format_path(path), key=key, hint=hint),
        shown,
        located.key_pos(path),
        path,
        fix,
    )


def _empty_section_above(path: PathKey, located: Located) -> tuple[str, int] | None:
    """``automated_decisions:`` left empty, then ``used:`` at its level: the key belongs inside.

    The nearest known key above the unknown one (other misplaced keys are skipped) is
    empty and takes the unknown key: the unknown key was meant to be indented under it.
    """
    parent, key = path[:-1], path[-1]
    node = _node_at(located.data, parent)
    if not isinstance(node, dict) or key not in node:
        return None
    allowed = quick.allowed_keys(parent)
    keys = list(node)
    for above in reversed(keys[: keys.index(key)]):
        if above not in allowed:
            continue  # another key of the section that lost its indentation
        if node[above] is None and key in quick.allowed_keys((*parent, above)):
            return str(above), located.key_pos((*parent, above)).line
        return None
    return None


def _node_at(data: Any, path: PathKey) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _where_key_belongs(key: str, parent: PathKey) -> PathKey | None:
    """A known key written one level too deep (wrong indentation) belongs to an ancestor."""
    for cut in range(len(parent) - 1, -1, -1):
        if key in quick.allowed_keys(parent[:cut]):
            return parent[:cut]
    return None


def _index_of(path: PathKey, data: Any, value: Any) -> PathKey:
    """``languages: [fi, em]``: point at the bad item, not at the list."""
    node: Any = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return path
    if isinstance(node, list) and value in node:
        return (*path, node.index(value))
    return path


def _gloss(value: str, allowed: list[str]) -> str:
    term = terms_for(allowed).get(value)
    return f" ({term.fi})" if term else ""


def _date_fix(value: Any) -> str:
    match = FINNISH_DATE.match(value) if isinstance(value, str) else None
    if match:
        day, month, year = (int(g) for g in match.groups())
        return msg("R106.fix_date", date=f"{year:04d}-{month:02d}-{day:02d}")
    return msg("R106.fix")


def _ctx_value(err: dict) -> str:
    """The value a custom pydantic error names (``{value}`` in model.py's texts)."""
    value = err.get("ctx", {}).get("value", err.get("input"))
    return str(value)


def _expected(kind: str, path: PathKey, err: dict) -> str:
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        keys = quick.allowed_keys(path)
        shown = ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
        return msg("R108.expected.keys", keys=shown) if keys else msg("R108.expected.mapping")
    if kind == "too_short":
        return msg("R108.expected.item")
    if kind == "list_type":
        return msg("R108.expected.list")
    if kind == "string_type":
        return msg("R108.expected.text")
    if kind in {"bool_type", "bool_parsing"}:
        return msg("R108.expected.bool")
    if kind in {"int_type", "int_parsing"}:
        return msg("R108.expected.int")
    return str(err["msg"])


def _type_fix(kind: str, path: PathKey) -> str | None:
    if kind == "list_type":
        return msg("R108.list.fix")
    if kind in {"bool_type", "bool_parsing"}:
        return msg("R108.bool.fix")
    if kind == "too_short":
        return msg("R108.item.fix")
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return msg("R108.mapping.fix")
    if kind == "string_type":
        return msg("R108.text.fix")
    return None


def _describe(value: Any) -> str:
    if value is None:
        return msg("R.nothing")
    if isinstance(value, dict):
        return msg("R.a_mapping")
    if isinstance(value, list):
        return msg("R.a_list")
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "…"
    return repr(text)


def _field_help(path: PathKey) -> str:
    field = quick.model_field(path, by_alias=False)
    model = quick.model_name(path[:-1])
    if field and model and field.get("description"):
        return field_help(model, str(path[-1]), field["description"]).rstrip(".")
    return ""


def field_help(model: str, field: str, english: str) -> str:
    """A field's description (registry/model.py) in the language in use:
    ``R.help.<Model>.<field>`` in messages/R.yaml (tests/test_messages_registry.py keeps
    the English entries equal to the descriptions)."""
    from ..messages import catalogue

    key = f"R.help.{model}.{field}"
    return msg(key) if key in catalogue() else english


# --- what the model expects where ------------------------------------------------------------


def _expects_text(path: PathKey) -> bool:
    # On quick_spec (no pydantic), like every question below of what the models expect
    # where; tests/test_registry_quick.py proves the answers equal to the models' own.
    return quick.expects_text(path)


# --- languages ------------------------------------------------------------------------------


def _language_problems(
    node: Any, langs: list[str], located: Located, shown: str, path: PathKey = ()
) -> Iterator[Finding]:
    """A ``{fi: …}`` text without ``en`` (or any language the site builds) is an error."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _language_problems(item, langs, located, shown, (*path, index))
        return
    if not isinstance(node, dict):
        return
    if _expects_text(path):
        yield from _text_problems(node, path, langs, located, shown)
        return
    for key, value in node.items():
        yield from _language_problems(value, langs, located, shown, (*path, key))


def _text_problems(
    text: dict, path: PathKey, langs: list[str], located: Located, shown: str
) -> Iterator[Finding]:
    strange = [key for key in text if not is_language_code(key)]
    for key in strange:
        guess = difflib.get_close_matches(key.lower(), langs, n=1, cutoff=0.5)
        field = format_path((*path, key))
        yield registry_finding(
            "R112",
            msg("R112.not_code_guess", field=field, key=key, guess=guess[0])
            if guess
            else msg("R112.not_code", field=field, key=key),
            shown,
            located.key_pos((*path, key)),
            (*path, key),
            msg("R112.not_code.fix", languages=", ".join(langs)),
        )
    missing = [lang for lang in langs if not str(text.get(lang) or "").strip()]
    if not missing:
        return
    have = [k for k in text if str(text.get(k) or "").strip()]
    extra = [k for k in have if k not in langs and k not in strange]
    renamed = difflib.get_close_matches(missing[0], extra, n=1, cutoff=0.5) if extra else []
    facts = {
        "field": format_path(path),
        "missing": ", ".join(missing),
        "have": ", ".join(have) or msg("R.none"),
        "languages": ", ".join(langs),
    }
    found = registry_finding(
        "R109",
        msg("R109.missing_rename", **facts, old=renamed[0], new=missing[0])
        if renamed
        else msg("R109.missing", **facts),
        shown,
        located.pos(path),
        path,
        msg("R109.missing.fix", lang=missing[0]),
    )
    found.data["missing"] = missing
    yield found


#: From this many texts without the same language on, one summary comes first.
SUMMARY_FROM = 3


def _language_summaries(
    findings: list[Finding], data: dict, located: Located, shown: str, *, from_site: bool
) -> list[Finding]:
    """``languages: [fi, en, sv]`` without any sv texts: say so once, before the long list."""
    missing: dict[str, list[Finding]] = {}
    for found in findings:
        if found.code == "R109":
            for lang in found.data.get("missing", ()):
                missing.setdefault(lang, []).append(found)
    out = []
    for lang, texts in missing.items():
        if len(texts) < SUMMARY_FROM:
            continue
        declared = data.get("languages")
        if not from_site and isinstance(declared, list) and lang in declared:
            path: PathKey = ("languages", declared.index(lang))
            pos = located.pos(path)
            message = msg("R109.summary.remove", lang=lang, line=pos.line)
        else:
            path, pos = ("languages",), Pos(texts[0].line or 1, texts[0].col or 1)
            message = msg("R109.summary.without", lang=lang)
        out.append(
            registry_finding(
                "R109",
                msg("R109.summary", count=len(texts), lang=lang, action=message),
                shown,
                pos,
                path,
                msg("R109.summary.fix", lang=lang),
            )
        )
    return out


# --- empty values and placeholders --------------------------------------------------------

_PLACEHOLDER = re.compile(r"\A\s*(…|\.\.\.)[\s.…]*\Z")  # anchored: linear under search() too


def is_placeholder(value: Any) -> bool:
    """``…`` or ``...`` as the whole value, as copied from an example (``name: …``)."""
    return isinstance(value, str) and _PLACEHOLDER.fullmatch(value) is not None


def _value_problems(
    node: Any,
    langs: list[str],
    located: Located,
    shown: str,
    path: PathKey = (),
    *,
    draft: bool = False,
) -> Iterator[Finding]:
    """Empty texts (``name: ""``) and placeholders (``name: …``) where a value belongs."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _value_problems(item, langs, located, shown, (*path, index), draft=draft)
    elif isinstance(node, dict):
        if path and _expects_text(path):
            for lang, value in node.items():
                child = (*path, lang)
                if is_placeholder(value):
                    yield _placeholder(child, value, located, shown)
                elif _blank(value) and lang not in langs and is_language_code(lang):
                    yield _empty(child, located, shown)  # a built language is R109's
            return
        for key, value in node.items():
            yield from _value_problems(value, langs, located, shown, (*path, key), draft=draft)
    elif is_placeholder(node):
        yield _placeholder(path, node, located, shown)
    elif _blank(node) and node is not None and not draft and _expects_string(path):
        yield _empty(path, located, shown)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _empty(path: PathKey, located: Located, shown: str) -> Finding:
    where, key = format_path(path), path[-1]
    help_ = _field_help(path) if isinstance(key, str) else ""
    if isinstance(key, int):
        message, fix = msg("R104.empty_item", field=where), msg("R104.empty_item.fix")
    elif _is_language_of_text(path):
        message = msg("R104.empty_text", field=where, lang=key)
        fix = msg("R104.empty_text.fix", lang=key)
    elif _is_required(path):
        message = msg("R104.empty_required", field=where)
        fix = (
            msg("R104.empty_required.fix_help", key=key, help=help_)
            if help_
            else msg("R104.empty_required.fix", key=key)
        )
    else:
        message = msg("R104.empty", field=where)
        fix = (
            msg("R104.empty.fix_help", key=key, help=help_)
            if help_
            else msg("R104.empty.fix", key=key)
        )
    return registry_finding("R104", message, shown, located.pos(path), path, fix)


def _placeholder(path: PathKey, value: str, located: Located, shown: str) -> Finding:
    where, key = format_path(path), path[-1]
    help_ = _field_help(path) if isinstance(key, str) else ""
    placeholder = value.strip()
    if _is_language_of_text(path):
        message = msg("R115.placeholder_text", field=where, value=placeholder, lang=key)
        fix = msg("R115.placeholder_text.fix", lang=key)
    else:
        message = msg("R115.placeholder", field=where, value=placeholder)
        fix = msg("R115.placeholder.fix_help", help=help_) if help_ else msg("R115.placeholder.fix")
    return registry_finding(
        "R115",
        message,
        shown,
        located.pos(path),
        path,
        fix,
    )


def _is_language_of_text(path: PathKey) -> bool:
    return bool(path) and isinstance(path[-1], str) and _expects_text(path[:-1])


def _expects_string(path: PathKey) -> bool:
    return quick.expects_string(path)


def _is_required(path: PathKey) -> bool:
    field = quick.model_field(path)
    return field is not None and bool(field.get("required"))


# --- services -------------------------------------------------------------------------------


def _service_problems(data: dict, located: Located, shown: str) -> Iterator[Finding]:
    """A service id must be in the catalogue, or describe a custom service (name and hosts)."""
    items = data.get("services")
    if not isinstance(items, list):
        return
    known = catalogue()
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        if _blank(item["id"]) or is_placeholder(item["id"]):
            continue  # reported as empty or as a placeholder
        service_id = item["id"]
        if service_id in known or (item.get("name") and item.get("hosts")):
            continue
        path = ("services", index, "id")
        guess = _guess_service(service_id)
        field = format_path(path)
        if guess:
            message = msg("R113.guess", field=field, id=service_id, guess=guess)
            fix = msg("R113.guess.fix", guess=guess)
        elif item.get("name"):
            message = msg("R113.no_hosts", field=field, id=service_id)
            fix = msg("R113.no_hosts.fix")
        else:
            message = msg("R113.unknown", field=field, id=service_id)
            fix = msg("R113.unknown.fix")
        yield registry_finding("R113", message, shown, located.pos(path), path, fix)


def _guess_service(given: str) -> str | None:
    def slug(text: str) -> str:
        return "-".join(re.findall(r"[a-z0-9]+", text.lower()))

    spelled: dict[str, str] = {}
    for service_id, info in catalogue().items():
        for word in (service_id, info.name, *info.aliases):
            spelled.setdefault(slug(word), service_id)
    norm = slug(given)
    if norm in spelled:
        return spelled[norm]
    # The vendor's name alone (`linkedin`, `meta`) names the service when only one id starts
    # with it; difflib's ratio is too low for such short prefixes.
    prefixed = {sid for word, sid in spelled.items() if norm and word.startswith(norm + "-")}
    if len(prefixed) == 1:
        return prefixed.pop()
    if prefixed:
        return None  # `google` starts several ids: a wrong guess is worse than none
    close = difflib.get_close_matches(norm, list(spelled), n=1, cutoff=0.75)
    return spelled[close[0]] if close else None
