"""YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` forgets positions and silently keeps the last of two
duplicate keys (losing what a marketer wrote first). We compose the node tree
ourselves, so every key and value keeps its line and column, and a duplicate
key is an error naming both lines.

Scalars are kept as the text the marketer wrote (only an empty value or
``null`` becomes None). YAML 1.1 would otherwise turn ``phone: +358501234567``
into a number, ``postal_code: 00530`` into the octal 352, ``country: NO`` into
false and ``2021-13-01`` into a crash; the model converts text to dates and
booleans itself, with messages that name the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .fields_repr import FieldsRepr
from .messages import msg

PathKey = tuple[str | int, ...]

try:  # libyaml composes the same nodes, with the same marks, much faster
    from yaml import CSafeLoader as _CLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CLoader = None  # type: ignore[assignment, misc]
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE

NULL_TAG = "tag:yaml.org,2002:null"
MERGE_TAG = "tag:yaml.org,2002:merge"
#: Anchors can multiply a small file into a huge tree ("billion laughs"): the values of the
#: expanded document are counted, and so is their text, since one '*alias' of a 1 MB text
#: repeated 150,000 times is few values but 150 GB.
MAX_NODES = 200_000
#: The expanded document may hold at most this many times the file's own text ...
EXPANSION_FACTOR = 10
#: ... but always at least MIN_BUDGET (a small file repeating a paragraph a few times is
#: fine) and never more than MAX_BUDGET characters.
MIN_BUDGET = 1_000_000
MAX_BUDGET = 20_000_000


def text_budget(text: str) -> int:
    """How many characters of keys and values the expanded document of ``text`` may hold."""
    return min(MAX_BUDGET, max(MIN_BUDGET, EXPANSION_FACTOR * len(text)))


@dataclass(frozen=True, repr=False)
class Pos(FieldsRepr):
    line: int  # 1-based
    col: int  # 1-based


@dataclass(repr=False)
class Located(FieldsRepr):
    """Parsed data plus, for every path, where its key and its value start."""

    data: Any
    keys: dict[PathKey, Pos]
    values: dict[PathKey, Pos]

    def pos(self, path: PathKey) -> Pos:
        """Best position for a path: the value, else its key, else the nearest parent."""
        for cut in range(len(path), -1, -1):
            sub = path[:cut]
            if sub in self.values and cut == len(path):
                return self.values[sub]
            if sub in self.keys:
                return self.keys[sub]
            if sub in self.values:
                return self.values[sub]
        return Pos(1, 1)

    def key_pos(self, path: PathKey) -> Pos:
        return self.keys.get(path) or self.pos(path)


class YamlProblem(Exception):
    """The first problem of a file; ``more`` holds the others (every duplicate key is listed)."""

    def __init__(self, code: str, message: str, pos: Pos, fix: str | None = None):
        self.code, self.message, self.pos, self.fix = code, message, pos, fix
        self.more: list[YamlProblem] = []
        super().__init__(message)

    @property
    def all(self) -> list[YamlProblem]:
        return [self, *self.more]


def _pos(mark: yaml.Mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _fast_compose(text: str) -> tuple[bool, yaml.Node | None]:
    """The node tree by libyaml (several times faster), when it is there and the text is
    plain: (False, None) sends anything unusual to the pure-Python parser, whose error
    messages and character checks are the ones users see."""
    if _CLoader is None or _NON_PRINTABLE.search(text):
        return False, None
    loader = _CLoader(text)
    try:
        return True, loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return False, None
    finally:
        loader.dispose()


def load_located(text: str) -> Located:
    loader = None
    try:
        done, node = _fast_compose(text)
        if not done:
            loader = yaml.SafeLoader(text)  # checks for forbidden characters right away
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        raise _reader_problem(exc, text) from None
    except RecursionError:
        raise _too_deep() from None
    finally:
        if loader is not None:
            loader.dispose()
    located = Located(None, {}, {})
    if node is None:
        return located
    builder = _Builder(located, text_budget(text))
    try:
        located.data = builder.build(node, ())
    except RecursionError:
        raise _too_deep() from None
    if builder.duplicates:
        first, *more = builder.duplicates
        first.more = more
        raise first
    return located


class _Builder:
    def __init__(self, out: Located, budget: int = MAX_BUDGET):
        self.out = out
        self.count = 0
        self.budget = budget  # characters of text the expanded document may still hold
        self.seen: set[int] = set()  # nodes built once: seeing one again means an alias
        self.aliased = False
        self.open: set[int] = set()  # nodes being built: an alias to one of them is a cycle
        self.duplicates: list[YamlProblem] = []  # all of them, so one run shows every one

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if id(node) in self.seen:
            self.aliased = True
        else:
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            self.budget -= len(node.value)
        if self.count > MAX_NODES or self.budget < 0:
            raise self._too_big(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == NULL_TAG:
                if node.value:  # `~` or `null` written out; an empty value is found by its key
                    self.out.values.setdefault(path, _pos(node.start_mark))
                return None
            self.out.values.setdefault(path, _pos(node.start_mark))
            return node.value
        self.out.values.setdefault(path, _pos(node.start_mark))
        if id(node) in self.open:
            raise YamlProblem(
                "R101",
                msg("R101.alias_loop"),
                _pos(node.start_mark),
                msg("R101.alias_loop.fix"),
            )
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            assert isinstance(node, yaml.SequenceNode)
            return self._sequence(node, path)
        finally:
            self.open.discard(id(node))

    def _too_big(self, node: yaml.Node) -> YamlProblem:
        """R101 naming what made the document too big: aliases only when the file has some."""
        what = (
            msg("R101.what.values", max=MAX_NODES)
            if self.count > MAX_NODES
            else msg("R101.what.text")
        )
        if self.aliased:
            return YamlProblem(
                "R101",
                msg(
                    "R101.expands",
                    what=what,
                    factor=EXPANSION_FACTOR,
                    mb=MAX_BUDGET // 1_000_000,
                ),
                _pos(node.start_mark),
                msg("R101.expands.fix"),
            )
        return YamlProblem(
            "R101",
            msg("R101.too_many", what=what, max=f"{MAX_NODES:,}".replace(",", " ")),
            _pos(node.start_mark),
            msg("R101.too_many.fix"),
        )

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(key_node.start_mark)
            if key_node.tag == MERGE_TAG:
                raise YamlProblem(
                    "R101",
                    msg("R101.merge"),
                    key_pos,
                    msg("R101.merge.fix"),
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
                raise YamlProblem(
                    "R101",
                    msg("R101.key"),
                    key_pos,
                    msg("R101.key.fix"),
                )
            # The key as written: `no:` (Norwegian) stays 'no', `1:` stays '1'.
            key = key_node.value
            self.budget -= len(key)
            if key in first_seen:
                first = first_seen[key]
                self.duplicates.append(
                    YamlProblem(
                        "R102",
                        msg("R102.duplicate", key=key, first=first.line),
                        key_pos,
                        msg("R102.duplicate.fix"),
                    )
                )
                continue
            first_seen[key] = key_pos
            child = (*path, key)
            self.out.keys[child] = key_pos
            result[key] = self.build(value_node, child)
        return result

    def _sequence(self, node: yaml.SequenceNode, path: PathKey) -> list[Any]:
        items = []
        for index, item in enumerate(node.value):
            self.out.keys[(*path, index)] = _pos(item.start_mark)
            items.append(self.build(item, (*path, index)))
        return items


# --- syntax errors in words a marketer can act on ----------------------------------------------


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str = "") -> YamlProblem:
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    pos = _pos(mark) if mark else Pos(1, 1)
    opened = _pos(exc.context_mark) if exc.context_mark else None
    if "'\\t'" in problem:
        return YamlProblem(
            "R101",
            msg("R101.tab"),
            pos,
            msg("R101.tab.fix"),
        )
    if "quoted scalar" in context and opened:
        return YamlProblem(
            "R101",
            msg("R101.quote"),
            opened,
            msg("R101.quote.fix"),
        )
    flow = None
    if ("flow sequence" in context or "flow mapping" in context) and opened:
        flow = ("[" if "sequence" in context else "{"), opened
    elif "flow" in context or "<stream end>" in problem:
        # `languages: [fi, en,` at the end of the file: PyYAML names no bracket; find it.
        flow = _unclosed_flow(text, mark.index if mark else len(text))
    if flow is not None:
        at_end = not text[mark.index :].strip() if mark else True
        return _unclosed_flow_problem(*flow, pos, at_end=at_end)
    if problem.startswith("mapping values are not allowed"):
        return YamlProblem(
            "R101",
            msg("R101.colon"),
            pos,
            msg("R101.colon.fix"),
        )
    if problem.startswith("expected <block end>") or "block mapping" in context:
        return YamlProblem(
            "R101",
            msg("R101.indent_block", line=opened.line) if opened else msg("R101.indent"),
            pos,
            msg("R101.indent.fix"),
        )
    if "another document" in problem:
        return YamlProblem(
            "R101",
            msg("R101.documents"),
            pos,
            msg("R101.documents.fix"),
        )
    if "undefined alias" in problem:
        return YamlProblem(
            "R101",
            msg("R101.undefined_alias", problem=problem),
            pos,
            msg("R101.undefined_alias.fix"),
        )
    message = (
        msg("R101.syntax_context", problem=problem, context=context)
        if context
        else msg("R101.syntax", problem=problem)
    )
    return YamlProblem(
        "R101",
        message,
        pos,
        msg("R101.syntax.fix"),
    )


def _unclosed_flow(text: str, upto: int) -> tuple[str, Pos] | None:
    """The innermost '[' or '{' still open at ``upto`` (a character index into ``text``)."""
    stack: list[tuple[str, Pos]] = []
    try:
        for token in yaml.scan(text):
            if token.start_mark.index >= upto:
                break
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                bracket = "[" if isinstance(token, yaml.FlowSequenceStartToken) else "{"
                stack.append((bracket, _pos(token.start_mark)))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and stack:
                stack.pop()
    except yaml.YAMLError:
        pass
    return stack[-1] if stack else None


def _unclosed_flow_problem(bracket: str, opened: Pos, lost: Pos, *, at_end: bool) -> YamlProblem:
    closer = "]" if bracket == "[" else "}"
    what = msg("R101.unclosed.list") if bracket == "[" else msg("R101.unclosed.mapping")
    where = (
        msg("R101.unclosed.at_end")
        if at_end
        else msg("R101.unclosed.breaks_off", line=lost.line, col=lost.col)
    )
    return YamlProblem(
        "R101",
        msg(
            "R101.unclosed",
            what=what,
            bracket=bracket,
            line=opened.line,
            closer=closer,
            where=where,
        ),
        opened,
        msg("R101.unclosed.fix", closer=closer),
    )


def _reader_problem(exc: yaml.YAMLError, text: str) -> YamlProblem:
    index = getattr(exc, "position", 0) or 0
    before = text[:index]
    pos = Pos(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)
    char = getattr(exc, "character", None)  # a code point (int) for text input
    if isinstance(char, str) and char:
        char = ord(char)
    return YamlProblem(
        "R101",
        msg("R101.control", char=f"U+{char:04X}")
        if isinstance(char, int)
        else msg("R101.control.unnamed"),
        pos,
        msg("R101.control.fix"),
    )


def _too_deep() -> YamlProblem:
    return YamlProblem(
        "R101",
        msg("R101.too_deep"),
        Pos(1, 1),
        msg("R101.too_deep.fix"),
    )
