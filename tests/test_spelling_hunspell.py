"""English spelling through libhunspell itself (``lint/hunspell.py``) gives pyenchant's answers,
and a build that checks English spelling no longer loads Enchant and its providers (issue #9:
they cost a cold build ~40 ms and stayed mapped, several MiB, for the rest of it)."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, copy_demo
from seloste.lint import hunspell, lint, spelling
from seloste.registry import load_registry

IN_CI = bool(os.environ.get("SELOSTE_REQUIRE_SPELLING"))


def _enchant(tag: str):
    return spelling._enchant_dictionary(tag)


needs_both_ways = pytest.mark.skipif(
    not IN_CI and (hunspell.open_dictionary("en_US") is None or _enchant("en_US") is None),
    reason="needs libhunspell, hunspell-en-us and pyenchant (installed in CI by .ci/run)",
)

_WORD = re.compile(r"[^\W\d_]+(?:[-:’'][^\W\d_]+)*")


def _sample() -> list[str]:
    """Tens of thousands of distinct words: every word of the repository's registries, seeds,
    Seloste's wording and messages and the docs (Finnish, English, Swedish), in several
    cases, with apostrophes and hyphens, decomposed, and words made to break the rules."""
    texts = []
    for pattern in ("**/*.yaml", "**/*.md", "**/*.txt"):
        for folder in ("data", "examples", "docs", "tests/fixtures", "plugin/seloste"):
            for path in sorted((ROOT / folder).glob(pattern)):
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
    words = sorted({w for text in texts for w in _WORD.findall(text)})
    extra = []
    for word in words[::7]:
        extra += [word.upper(), word.title(), word.lower(), f"{word}'s", f"{word}’s", f"{word}-"]
    rng = random.Random(9)
    for _ in range(500):
        a, b = rng.choice(words), rng.choice(words)
        extra += [f"{a}-{b}", f"{a}'{b}", f"{a}:{b}"]
    extra += [
        "don't",
        "don’t",
        "customer's",
        "customers'",
        "'tis",
        "café",
        unicodedata.normalize("NFD", "café"),
        "naïve",
        unicodedata.normalize("NFD", "naïve"),
        "résumé",
        "Ångström",
        "façade",
        "kakor",
        "personuppgifter",
        "överföring",
        "hyväksyt",
        "evästeitä",
        "ÄÖÅ",
        "straße",
        "Øresund",
        "İstanbul",
        "ǅemal",
        "ﬁle",  # a ligature (NFC keeps it)
        "Ω",
        "日本語",
        "emoji😀",
        "a" * 299,
        "a" * 300,
        "a" * 301,
        "é" * 150,
        "é" * 151,
        "ab" * 200,
        "e-mail",
        "co-operation",
        "-",
        "'",
        "’",
        "a",
        "I",
        "x",
        "EU:n",
        "e.g.",
        "etc.",
        "1st",
        "21st",
        "100",
        "two words",
        "tab\tword",
    ]
    return sorted(set(words + extra))


@needs_both_ways
@pytest.mark.parametrize("tag", ["en_US", "en_GB"])
def test_libhunspell_knows_the_words_pyenchant_knows(tag) -> None:
    direct, enchant = hunspell.open_dictionary(tag), _enchant(tag)
    if direct is None and enchant is None and tag == "en_GB":
        pytest.skip("en_GB is not installed")
    assert direct is not None and enchant is not None
    words = _sample()
    assert len(words) > 20_000
    differ = [w for w in words if direct.check(w) != enchant.check(w)]
    assert differ == []
    # both ways accept and reject some of them
    answers = {direct.check(w) for w in words}
    assert answers == {True, False}
    direct.close()


@needs_both_ways
@pytest.mark.parametrize("tag", ["en_US", "en_GB"])
def test_libhunspell_suggests_what_pyenchant_suggests(tag) -> None:
    direct, enchant = hunspell.open_dictionary(tag), _enchant(tag)
    if direct is None and enchant is None and tag == "en_GB":
        pytest.skip("en_GB is not installed")
    assert direct is not None and enchant is not None
    rng = random.Random(157)
    wrong = [w for w in _sample() if len(w) < 40 and not direct.check(w)]
    # Hunspell takes ~0.1 s a suggestion: a sample
    asked = [
        *rng.sample(wrong, 12 if tag == "en_US" else 4),
        "custmer",
        "cafe\u0301",
        "Naive",
        "recieve",
        "a" * 301,
        "x",
    ]
    for word in asked:
        assert direct.suggest(word) == enchant.suggest(word), word
    direct.close()


@needs_both_ways
def test_words_pyenchant_refuses_are_refused_alike() -> None:
    direct, enchant = hunspell.open_dictionary("en_US"), _enchant("en_US")
    for ask in ("check", "suggest"):
        for word, error in (("", ValueError), ("a\udc80b", UnicodeEncodeError)):
            with pytest.raises(error):
                getattr(enchant, ask)(word)
            with pytest.raises(error):
                getattr(direct, ask)(word)
    direct.close()


def test_a_closed_dictionary_is_freed_once(monkeypatch) -> None:
    """``release`` frees the dictionary (``Hunspell_destroy``), and only once."""
    english = spelling.hunspell_en()
    if not isinstance(getattr(english, "us", None), hunspell.Dictionary):
        pytest.skip("English is not checked through libhunspell here")
    freed = []
    destroy = hunspell._load().Hunspell_destroy
    monkeypatch.setattr(
        english.us._lib,
        "Hunspell_destroy",
        lambda handle: (freed.append(handle), destroy(handle)),
        raising=False,
    )
    handle = english.us._handle
    spelling.release("en")
    # en_US, and en_GB if a test opened it
    assert handle in freed and len(set(freed)) == len(freed) and english.us._handle is None
    english.close()
    assert len(set(freed)) == len(freed)
    assert spelling.hunspell_en.cache_info().currsize == 0


def test_the_files_are_those_enchants_hunspell_provider_opens(tmp_path, monkeypatch) -> None:
    """Enchant's user folder first, then each system data folder's ``hunspell``."""
    user, system = tmp_path / "user", tmp_path / "share"
    for folder in (user / "hunspell", system / "hunspell"):
        folder.mkdir(parents=True)
    monkeypatch.setenv("ENCHANT_CONFIG_DIR", str(user))
    monkeypatch.setenv("XDG_DATA_DIRS", f"{tmp_path / 'none'}:{system}")
    assert hunspell.find("xx_YY") is None
    (system / "hunspell" / "xx_YY.dic").write_text("1\nfoo\n")
    assert hunspell.find("xx_YY") is None  # no .aff: the provider skips it
    (system / "hunspell" / "xx_YY.aff").write_text("SET UTF-8\n")
    assert hunspell.find("xx_YY") == (
        str(system / "hunspell" / "xx_YY.aff"),
        str(system / "hunspell" / "xx_YY.dic"),
    )
    (user / "hunspell" / "xx_YY.dic").write_text("1\nbar\n")
    (user / "hunspell" / "xx_YY.aff").write_text("SET UTF-8\n")
    assert hunspell.find("xx_YY")[1] == str(user / "hunspell" / "xx_YY.dic")
    monkeypatch.delenv("ENCHANT_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert hunspell._user_config_dir() == str(tmp_path / "enchant")


def test_personal_words_leave_english_to_pyenchant(tmp_path, monkeypatch) -> None:
    """Enchant creates empty personal lists; a word in one changes its answers, so then the
    dictionary is pyenchant's."""
    if hunspell.find("en_US") is None or hunspell._load() is None:
        pytest.skip("needs libhunspell and hunspell-en-us")
    for tag in ("en_US", "en_GB"):
        for ending in ("dic", "exc"):
            (tmp_path / f"{tag}.{ending}").write_text("")
    monkeypatch.setenv("ENCHANT_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_DIRS", "/usr/local/share/:/usr/share/")
    assert not hunspell.has_personal_words("en_US")
    assert hunspell.open_dictionary("en_US") is not None
    (tmp_path / "en_US.dic").write_text("Zqxwv\n")
    assert hunspell.has_personal_words("en_US")
    assert hunspell.open_dictionary("en_US") is None
    spelling.release("en")
    try:
        english = spelling.hunspell_en()
        if english is not None:  # pyenchant installed: its answer, with the personal word
            assert not isinstance(english.us, hunspell.Dictionary)
            assert english.check("Zqxwv")
    finally:
        spelling.release("en")


def test_without_libhunspell_english_is_pyenchants(monkeypatch) -> None:
    monkeypatch.setattr(hunspell, "_library", None)
    monkeypatch.setattr(hunspell, "LIBRARY", "libhunspell-does-not-exist.so.0")
    assert hunspell.open_dictionary("en_US") is None
    spelling.release("en")
    try:
        english = spelling.hunspell_en()
        assert english is None or not isinstance(english.us, hunspell.Dictionary)
        if english is not None:
            assert english.check("information") and not english.check("custmer")
    finally:
        spelling.release("en")


@needs_both_ways
def test_lint_findings_are_those_pyenchant_gives(monkeypatch, tmp_path) -> None:
    """The whole rule on registries with English mistakes, both ways."""
    text = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")
    text = text.replace("customer relationship.", "custmer relashionship, organisation’s.")
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    registries = [
        path,
        ROOT / "tests" / "fixtures" / "lint" / "seed000-original.yaml",
        *sorted(ROOT.glob("examples/*/data/registry.yaml")),
    ]

    def shown() -> list[str]:
        out = []
        for registry in registries:
            spelling._check_text.cache_clear()
            found = lint(load_registry(registry))
            out += [f"{f.code} {f.line}:{f.col} {f.message} | {f.fix}" for f in found]
        return out

    spelling.release("en")
    direct = shown()
    assert any("custmer" in line for line in direct)
    monkeypatch.setattr(hunspell, "open_dictionary", lambda tag: None)
    spelling.release("en")
    try:
        assert not isinstance(spelling.hunspell_en().us, hunspell.Dictionary)
        assert shown() == direct
    finally:
        spelling.release("en")
        spelling._check_text.cache_clear()


def _libraries_after_build(root: Path) -> tuple[list[str], list[str], str]:
    """The shared libraries mapped and the modules imported when a real ``mkdocs build`` in
    ``root`` ends (``/proc/self/maps``, ``sys.modules``), and what it logged."""
    script = (
        "import sys\n"
        "from mkdocs.__main__ import cli\n"
        "try:\n"
        "    cli(['build'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "maps = {l.split()[-1] for l in open('/proc/self/maps') if '.so' in l}\n"
        "print(' '.join(sorted(maps)))\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    libraries, modules = run.stdout.splitlines()[-2:]
    return libraries.split(), modules.split(), run.stderr


#: Faults in the demo registry: an English and a Finnish misspelling, a Finnish number fault.
FAULTS = (
    ("and managing the customer relationship.", "and managing the custmer relationship."),
    ("sekä asiakassuhteen hoitaminen.", "sekä asiakasuhteen hoitaminen."),
    ("sallimissa ja edellyttämissä rajoissa.", "sallimissa ja edellyttämässä rajoissa."),
)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc")
def test_a_cold_build_loads_no_spelling_library(tmp_path) -> None:
    """A first build (no ``.cache/``) checks spelling and grammar, yet Enchant, its
    providers, libhunspell, Voikko and their libraries (ICU, libxml2…) are never loaded
    into the build's process: English goes through libhunspell, not Enchant, and each
    language's dictionary is opened in a forked child (``spelling.check_texts``)."""
    if spelling.voikko() is None or hunspell.open_dictionary("en_US") is None:
        if IN_CI:
            pytest.fail("libhunspell, hunspell-en-us and Voikko are installed in CI")
        pytest.skip("needs libhunspell, hunspell-en-us and Voikko")
    site = copy_demo(tmp_path)
    registry = site / "data" / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    for old, new in FAULTS:
        assert old in text
        text = text.replace(old, new)
    registry.write_text(text, encoding="utf-8")
    assert not (site / ".cache").exists()
    libraries, modules, log = _libraries_after_build(site)
    for expected in ("L157", "custmer", "asiakasuhteen", "L158", "edellyttämässä"):
        assert expected in log  # English and Finnish were checked
    loaded = [lib for lib in libraries if re.search(r"enchant|aspell|hunspell|voikko|icu", lib)]
    assert loaded == []
    assert "enchant" not in modules and "libvoikko" not in modules
    assert list((site / ".cache").glob("**/spelling-*"))  # its answers were kept
