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


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class Located:
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
                "an alias ('*') refers to the value that contains it, which never ends",
                _pos(node.start_mark),
                "remove the alias",
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
        what = f"more than {MAX_NODES} values" if self.count > MAX_NODES else "too much text"
        if self.aliased:
            return YamlProblem(
                "R101",
                f"the file expands to {what} through '*' aliases repeating '&' anchors "
                f"(at most {EXPANSION_FACTOR}× the file's own text, {MAX_BUDGET // 1_000_000} MB "
                "in all)",
                _pos(node.start_mark),
                "write the values out instead of repeating them with aliases",
            )
        return YamlProblem(
            "R101",
            f"the file holds {what} for a registry (at most {MAX_NODES:,} values)".replace(
                ",", " "
            ),
            _pos(node.start_mark),
            "a registry needs a few hundred values; split long lists, or check that this is "
            "the registry file",
        )

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(key_node.start_mark)
            if key_node.tag == MERGE_TAG:
                raise YamlProblem(
                    "R101",
                    "YAML merge keys ('<<') are not supported",
                    key_pos,
                    "write the keys out in full",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
                raise YamlProblem(
                    "R101",
                    "a key must be a word such as 'name' (this one is a list, a mapping or empty)",
                    key_pos,
                    "write `key: value`; put a text that starts with '[', '{' or '?' in quotes",
                )
            # The key as written: `no:` (Norwegian) stays 'no', `1:` stays '1'.
            key = key_node.value
            self.budget -= len(key)
            if key in first_seen:
                first = first_seen[key]
                self.duplicates.append(
                    YamlProblem(
                        "R102",
                        f"duplicate key '{key}' (first at line {first.line}); YAML would "
                        "silently keep only the last one",
                        key_pos,
                        "merge the two into one key, or rename one of them",
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

INDENT_FIX = "indent keys of the same level with the same number of spaces"


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str = "") -> YamlProblem:
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    pos = _pos(mark) if mark else Pos(1, 1)
    opened = _pos(exc.context_mark) if exc.context_mark else None
    if "'\\t'" in problem:
        return YamlProblem(
            "R101",
            "YAML syntax error: a tab character; YAML indents with spaces only",
            pos,
            "replace the tab with spaces (most editors can show tabs and convert them)",
        )
    if "quoted scalar" in context and opened:
        return YamlProblem(
            "R101",
            "YAML syntax error: the quote that starts here is never closed",
            opened,
            "add the closing quote (\" or ') at the end of the text",
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
            "YAML syntax error: a ':' that YAML cannot place; either a text contains ': ' "
            "without quotes, or this line is indented more than the key above it",
            pos,
            'quote the text (name: "Kespet: Oy") or ' + INDENT_FIX,
        )
    if problem.startswith("expected <block end>") or "block mapping" in context:
        where = f" (the block starts at line {opened.line})" if opened else ""
        return YamlProblem(
            "R101",
            f"YAML syntax error: the indentation of this line does not match the lines above"
            f"{where}",
            pos,
            INDENT_FIX + "; list items start with '- ' at the same column",
        )
    if "another document" in problem:
        return YamlProblem(
            "R101",
            "YAML syntax error: the file holds more than one document (a line '---' or '...')",
            pos,
            "keep one registry per file: remove the '---' line and merge the parts",
        )
    if "undefined alias" in problem:
        return YamlProblem(
            "R101",
            f"YAML syntax error: {problem}; '*name' repeats a value marked '&name' earlier",
            pos,
            "put a text that starts with '*' or '&' in quotes",
        )
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return YamlProblem(
        "R101",
        message,
        pos,
        "check the indentation and quote texts that contain ': ' or start with a special character",
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
    what = "a list" if bracket == "[" else "a mapping"
    where = (
        "the file ends before it"
        if at_end
        else f"the text breaks off at line {lost.line}, column {lost.col}"
    )
    return YamlProblem(
        "R101",
        f"YAML syntax error: {what} started with '{bracket}' on line {opened.line} is never "
        f"closed with '{closer}' ({where})",
        opened,
        f"close it with '{closer}' on the same line, and quote texts that contain ',' or ':'",
    )


def _reader_problem(exc: yaml.YAMLError, text: str) -> YamlProblem:
    index = getattr(exc, "position", 0) or 0
    before = text[:index]
    pos = Pos(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)
    char = getattr(exc, "character", None)  # a code point (int) for text input
    if isinstance(char, str) and char:
        char = ord(char)
    code = f"U+{char:04X}" if isinstance(char, int) else "a control character"
    return YamlProblem(
        "R101",
        f"YAML syntax error: the file contains {code}, a character YAML does not allow",
        pos,
        "delete it (it is invisible in most editors; retype the line)",
    )


def _too_deep() -> YamlProblem:
    return YamlProblem(
        "R101",
        "YAML syntax error: values are nested too deeply",
        Pos(1, 1),
        "the registry needs only a few levels of indentation; check for stray '[' or '{'",
    )
