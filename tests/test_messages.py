"""Messages in the user's language: the catalogues are complete and the choice of language works.

Every message key has every language with the same fields, every key the code names
exists, and no key is left unused; a Finnish user (option, SELOSTE_MESSAGES, locale or
a Finnish site under MkDocs) sees Finnish, a CI runner with a C locale sees English.
"""

from __future__ import annotations

import ast
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_REGISTRY, ROOT
from seloste import messages

PACKAGE = ROOT / "plugin" / "seloste"

#: Keys the code builds at run time (``f"cli.{command}.help"``) rather than names literally;
#: each such family has its own completeness test where the keys are built.
#: cli.help.*: command-line help, looked up per command and option (tests/test_cli_help.py).
#: R.help.*: the registry fields' descriptions in fixes (tests/test_messages_registry.py).
#: I.draft.note.*: named in importer/services.yaml (tests/test_messages_review.py).
DYNAMIC_PREFIXES: tuple[str, ...] = ("cli.help.", "R.help.", "I.draft.note.")


def test_every_message_has_every_language_with_the_same_fields() -> None:
    problems = []
    for key, templates in messages.catalogue().items():
        missing = [lang for lang in messages.LANGUAGES if not (templates.get(lang) or "").strip()]
        if missing:
            problems.append(f"{key}: no {', '.join(missing)}")
            continue
        extra = sorted(set(templates) - set(messages.LANGUAGES))
        if extra:
            problems.append(f"{key}: unknown language(s) {', '.join(extra)}")
        english = messages.fields(templates["en"])
        for lang in messages.LANGUAGES:
            if messages.fields(templates[lang]) != english:
                problems.append(
                    f"{key}: {lang} has fields {sorted(messages.fields(templates[lang]))}, "
                    f"en has {sorted(english)}"
                )
    assert not problems, "\n".join(problems)


def _has_words(template: str) -> bool:
    """Whether a template has words of its own: text outside its {fields} and `code`."""
    literal = "".join(text for text, _, _, _ in string.Formatter().parse(template))
    prose = re.sub(r"`[^`]*`", " ", literal)
    return re.search(r"[^\W\d_]{2,}", prose) is not None


def test_every_translation_differs_from_the_english() -> None:
    """A Finnish or Swedish template equal to the English one is an untranslated copy,
    unless it has no words of its own (``{where}: {quote}``)."""
    copies = [
        f"{key}: {lang} is the English text"
        for key, templates in messages.catalogue().items()
        for lang in ("fi", "sv")
        if templates.get(lang) == templates.get("en") and _has_words(templates.get("en") or "")
    ]
    assert not copies, "\n".join(copies)


def test_has_words() -> None:
    assert _has_words("{registry}: ok ({registers} register(s))")
    assert not _has_words("{field}: {problem}")
    assert not _has_words("`actions: [accept, reject, manage]`")


def _string_literals() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def _named_keys() -> dict[str, str]:
    """Keys given literally to msg()/msg_in() anywhere in the package → where."""
    keys: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            position = {"msg": 0, "msg_in": 1}.get(name or "")
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys[arg.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return keys


def test_every_key_the_code_names_exists() -> None:
    catalogue = messages.catalogue()
    missing = {k: where for k, where in _named_keys().items() if k not in catalogue}
    assert not missing, f"messages without a catalogue entry: {missing}"


def test_no_message_is_left_unused() -> None:
    literals = _string_literals()
    unused = [
        key
        for key in messages.catalogue()
        if key not in literals and not key.startswith(DYNAMIC_PREFIXES or ("\0",))
    ]
    assert not unused, f"catalogue entries no code uses: {unused}"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("fi_FI.UTF-8", "fi"),
        ("sv_FI.utf8", "sv"),
        ("en-GB", "en"),
        ("fi", "fi"),
        ("C.UTF-8", None),
        ("POSIX", None),
        ("de_DE.UTF-8", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise(tag: str | None, expected: str | None) -> None:
    assert messages.normalise(tag) == expected


def test_choice_order() -> None:
    env = {"SELOSTE_MESSAGES": "sv", "LANG": "fi_FI.UTF-8"}
    # The command-line option first, then the environment variable, then mkdocs.yml.
    assert messages.choose("fi", environ=env) == "fi"
    assert messages.choose(None, configured="en", site_default="fi", environ=env) == "sv"
    assert messages.choose(None, configured="en", site_default="fi", environ={}) == "en"
    # Under MkDocs the site's default language beats the locale of the machine building it.
    assert messages.choose(None, site_default="fi", environ={"LANG": "en_US.UTF-8"}) == "fi"
    # On the command line the locale decides; a C locale (CI runners) gives English.
    assert messages.choose(None, environ={"LANG": "fi_FI.UTF-8"}) == "fi"
    assert messages.choose(None, environ={"LC_ALL": "C.UTF-8", "LANG": "fi_FI.UTF-8"}) == "en"
    assert messages.choose(None, environ={"LANGUAGE": "de:sv", "LANG": "fi_FI"}) == "sv"
    # A site in a language without messages speaks English.
    assert messages.choose(None, site_default="de", environ={}) == "en"


def _validate(tmp_path: Path, env: dict[str, str], *args: str) -> str:
    registry = tmp_path / "registry.yaml"
    registry.write_text(MINIMAL_REGISTRY, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "seloste", *args, "validate", str(registry)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return run.stdout


@pytest.fixture
def plain_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("SELOSTE_MESSAGES", "LANGUAGE")}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    return env


def test_a_finnish_locale_gets_finnish_and_a_c_locale_english(
    tmp_path: Path, plain_env: dict[str, str]
) -> None:
    finnish = _validate(tmp_path, {**plain_env, "LANG": "fi_FI.UTF-8"})
    assert "kunnossa (rekistereitä 1, palveluja 0" in finnish
    assert ": ok (1 register(s)" in _validate(tmp_path, {**plain_env, "LANG": "C.UTF-8"})
    swedish = _validate(tmp_path, {**plain_env, "LANG": "C.UTF-8"}, "--messages", "sv")
    assert "tjänster: 0, språk: fi, en" in swedish
    forced = _validate(tmp_path, {**plain_env, "LANG": "fi_FI.UTF-8", "SELOSTE_MESSAGES": "en"})
    assert ": ok (1 register(s)" in forced
