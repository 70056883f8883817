"""What every check gets: the registry, its texts with their paths, and the catalogue facts.

Texts are collected once from the parsed YAML (not the model) so that each one
keeps its exact path, e.g. ``registers[0].purposes[1].description.fi``, and
with it its line and column in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..declared import Declared, resolve
from ..fields_repr import FieldsRepr
from ..registry import LoadedRegistry
from ..registry.values import is_language_code, text_in
from ..yamlpos import PathKey, Pos, YamlProblem, load_located
from .prefilter import Phrase
from .rulebook import phrases

if TYPE_CHECKING:  # no pydantic in a build whose registry quick.py validated
    from ..registry.model import Registry

#: Keys whose values are codes, addresses or settings, not prose a reader sees.
NOT_PROSE = frozenset(
    {
        "id",
        "ids",
        "register",
        "email",
        "contact_email",
        "website",
        "privacy_url",
        "hosts",
        "domain",
        "category",
        "legal_basis",
        "origin",
        "role",
        "mechanism",
        "required",
        "technology",
        "party",
        "business_id",
        "postal_code",
        "phone",
        "languages",
        "first_party_hosts",
        "lint",
        "date",
        "created",
        "updated",
        "version",
        "used",
        "arrangement",
    }
)


@dataclass(frozen=True, repr=False)
class TextValue(FieldsRepr):
    """One reader-visible string: where it is and which language it is in (None: all)."""

    path: PathKey
    lang: str | None
    text: str

    @cached_property
    def flat(self) -> str:
        """Whitespace collapsed, so phrases match across YAML line breaks."""
        return " ".join(self.text.split())


@dataclass(repr=False)
class LintContext(FieldsRepr):
    loaded: LoadedRegistry
    texts: list[TextValue] = field(default_factory=list)

    @classmethod
    def build(cls, loaded: LoadedRegistry) -> LintContext:
        ctx = cls(loaded)
        ctx.texts = list(_texts(loaded.located.data, ()))
        return ctx

    @property
    def registry(self) -> Registry:
        return self.loaded.registry

    @property
    def languages(self) -> list[str]:
        return self.loaded.languages

    def where(self, path: PathKey) -> Pos:
        return self.loaded.where(path)

    def purpose_label(self, r_index: int, p_index: int) -> str:
        """``registers[0].purposes[1] ('Uutiskirje')``: the path plus the start of its text."""
        purpose = self.registry.registers[r_index].purposes[p_index]
        text = text_in(purpose.description, self.languages[0]) or ""
        words = " ".join(text.split())
        short = words if len(words) <= 50 else words[:49].rstrip() + "…"
        return f"registers[{r_index}].purposes[{p_index}] ('{short}')"

    def patterns(self, name: str) -> list[Phrase]:
        return _compiled(name)

    @cached_property
    def source_lines(self) -> list[str] | None:
        """The registry file's lines, to point at a phrase inside a long text (None if unreadable).

        ``loaded.path`` is the path as shown to users, which under MkDocs is relative
        to mkdocs.yml, not to the working directory; a file found there is only used
        when it parses to the very same data (it may be another site's registry).
        """
        source = getattr(self.loaded, "source", None)
        if isinstance(source, str):
            return source.splitlines()
        try:
            text = Path(self.loaded.path).read_text(encoding="utf-8-sig")
            if load_located(text).data != self.loaded.located.data:
                return None
        except (OSError, UnicodeDecodeError, YamlProblem):
            return None
        return text.splitlines()

    def _lower_line(self, index: int) -> str:
        """Line ``index`` in lower case, once per line (a 1 MB text is one long line)."""
        lowered = self.__dict__.setdefault("_lower_lines", {})
        if index not in lowered:
            lowered[index] = (self.source_lines or [])[index].lower()
        return lowered[index]

    def locate_in_text(self, path: PathKey, snippet: str) -> tuple[int, int] | None:
        """Line and column of ``snippet`` inside the text at ``path``, when it can be found.

        Searches the value's own lines only (up to the next key). A phrase the YAML
        wraps over two lines is found by its start; failing that, the value's own
        position is used.
        """
        lines = self.source_lines
        flat = " ".join(snippet.split()).lower()
        if not lines or not flat:
            return None
        start = self.where(path)
        following = [p.line for p in self.loaded.located.keys.values() if p.line > start.line]
        end = min([len(lines), *following])
        words = flat.split(" ")
        needles = [flat[:40], " ".join(words[:2]), words[0] if len(words[0]) >= 6 else None]
        for needle in filter(None, needles):
            for index in range(start.line - 1, end):
                from_col = start.col - 1 if index == start.line - 1 else 0
                col = self._lower_line(index).find(needle, from_col)
                if col >= 0:
                    return index + 1, col + 1
        return None

    # --- services and consent ---------------------------------------------------------------

    @cached_property
    def declared(self) -> Declared:
        """The declared view: each service's category, name and consent need, resolved once."""
        return resolve(self.loaded)

    def consent_services(self) -> list[int]:
        """Indexes of declared services that need consent (not strictly necessary, not cookieless)."""
        return [s.index for s in self.declared.services if s.needs_consent]

    def site_needs_consent(self) -> bool:
        """Whether ``seloste consent`` shows a banner: the declared view's one rule."""
        return bool(self.declared.consent_categories)

    def consent_cookies(self) -> list[int]:
        """Indexes of the registry's own ``cookies:`` that need consent."""
        return [
            int(row.path[1])
            for row in self.declared.cookies
            if row.origin == "registry" and row.path[:1] == ("cookies",) and row.needs_consent
        ]

    def uses_consent(self) -> bool:
        return any(
            purpose.legal_basis is not None and purpose.legal_basis.value == "consent"
            for register in self.registry.registers
            for purpose in register.purposes
        )


def _texts(node: Any, path: PathKey):
    if isinstance(node, str):
        if node.strip():
            yield TextValue(path, None, node)
        return
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, (*path, index))
        return
    if not isinstance(node, dict):
        return
    if is_text_mapping(node):
        for lang, text in node.items():
            if isinstance(text, str) and text.strip():
                yield TextValue((*path, lang), lang, text)
        return
    for key, value in node.items():
        if key in NOT_PROSE:
            continue
        yield from _texts(value, (*path, key))


def is_text_mapping(node: Any) -> bool:
    """``{fi: …, en: …}``: every key a language code, every value a string."""
    return (
        isinstance(node, dict)
        and bool(node)
        and all(isinstance(k, str) and is_language_code(k) for k in node)
        and all(isinstance(v, str) for v in node.values())
    )


_CACHE: dict[str, list[Phrase]] = {}


def _compiled(name: str) -> list[Phrase]:
    """The phrases of ``name``, case-insensitive, each skipping texts it cannot match."""
    if name not in _CACHE:
        _CACHE[name] = [Phrase.compile(p) for p in phrases()[name]]
    return _CACHE[name]
