"""The theme's templates compiled once per process, not once per language.

MkDocs makes a new Jinja environment for every build (``Theme.get_env``), and
mkdocs-static-i18n builds each language as a build of its own: every template of the
theme (Material's ~40) is lexed, parsed, turned into Python source and compiled again
for each language, and again on every `mkdocs serve` rebuild. On a 20-page fi/en
Material site the second language's compilations are ~1.3 G instructions, a fifth of the
whole build, for code identical to the first language's (the language shows only when a
template runs: ``lang.t``, gettext).

``TemplateCode`` is a Jinja bytecode cache kept in memory by the plugin: an environment
compiles a template only when no environment with the same compile settings has
compiled the same source from the same file before. Everything of an environment that
changes the code Jinja generates is part of the key (``compile_settings``): its syntax,
extensions, the filters and tests with how each is called, ``autoescape``,
``finalize``, async, policies. The source is compared by digest, so a template edited
under `mkdocs serve` is compiled again, and its old code is dropped.
"""

from __future__ import annotations

import hashlib
from types import CodeType
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

#: What Jinja's lexer takes from the environment.
_SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
)
#: What its parser and code generator (and the i18n extension's parser) read.
_COMPILER = (
    "optimized",
    "is_async",
    "sandboxed",
    "autoescape",
    "finalize",
    "code_generator_class",
    "intercepted_binops",
    "intercepted_unops",
    "newstyle_gettext",
)


def compile_settings(env: Environment) -> tuple:
    """Everything of ``env`` the code Jinja generates for a template depends on: two
    environments with equal settings compile a source to the same code."""
    return (
        type(env),
        tuple(getattr(env, name, None) for name in _SYNTAX + _COMPILER),
        frozenset((name, type(ext)) for name, ext in env.extensions.items()),
        # A filter or test is looked up when compiled, and how it is called (with the
        # context, the environment…) is written into the code.
        frozenset((name, getattr(f, "jinja_pass_arg", None)) for name, f in env.filters.items()),
        frozenset((name, getattr(t, "jinja_pass_arg", None)) for name, t in env.tests.items()),
        tuple(sorted((key, repr(value)) for key, value in env.policies.items())),
    )


class TemplateCode(BytecodeCache):
    """Compiled templates shared by the environments of one process (see above)."""

    def __init__(self) -> None:
        #: (settings, name, file) → (digest of the source, its code).
        self._code: dict[Any, tuple[str, CodeType]] = {}  # (Jinja types the key as str)

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        key: Any = (compile_settings(environment), name, filename)
        digest = hashlib.sha1(source.encode("utf-8", "surrogatepass"), usedforsecurity=False)
        bucket = Bucket(environment, key, digest.hexdigest())
        kept = self._code.get(key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self._code[bucket.key] = (bucket.checksum, bucket.code)

    def load_bytecode(self, bucket: Bucket) -> None:  # get_bucket does it
        raise NotImplementedError

    def dump_bytecode(self, bucket: Bucket) -> None:  # set_bucket does it
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._code)


def share(env: Environment, code: TemplateCode) -> bool:
    """Let ``env`` take its templates' code from ``code`` (and add what it compiles);
    False when it already has a bytecode cache of its own (someone else's: kept)."""
    if env.bytecode_cache is not None and env.bytecode_cache is not code:
        return False
    env.bytecode_cache = code
    return True
