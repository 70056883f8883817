"""Spelling and grammar of notice text: Voikko for Finnish, Hunspell for English.

Voikko (Debian ``libvoikko1`` + ``voikko-fi``, Python binding ``libvoikko``) spells
every Finnish word and runs its grammar checker; two checks of our own use its
morphology for faults its grammar checker lets through: an attribute that does not
agree in number with its noun ("edellyttämässä rajoissa") and a compound written
apart ("internet sivuilta"). English goes through Hunspell (``hunspell-en-us``): by
libhunspell itself (``libhunspell-1.7-0``, ``hunspell.py``), or by pyenchant
(``libenchant-2-2``) where that is not found. Everything runs offline.

Words the dictionaries cannot know are allowed: the built-in list ``words.yaml``
(product and company names that notices use), the catalogue's service and provider
names, the registry's own names, and the registry's ``lint.words`` list. Mixed-case
words (``LinkedIn``, ``localStorage``) and acronyms with a case ending (``EU:n``)
are taken as names. Without the dictionaries the checkers are ``None`` and the lint
rule says how to install them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from typing import Any

from .. import catalog, forked
from ..fields_repr import FieldsRepr
from ..messages import language, msg
from .rulebook import read_data


class _Install(Mapping[str, str]):
    """How to install a language's dictionary, in the message language (``INSTALL["fi"]``)."""

    def __getitem__(self, lang: str) -> str:
        if lang == "fi":
            return msg("L157.install-fi.fix")
        if lang == "en":
            return msg("L157.install-en.fix")
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(("fi", "en"))

    def __len__(self) -> int:
        return 2


INSTALL: Mapping[str, str] = _Install()

#: Voikko grammar errors that only say a text is a fragment (a list item, a label, a
#: table cell): missing final punctuation (9), lower-case start (7), no main verb (17),
#: a start character (5); and its capitalisation hint (6), which names and headings
#: trip. Notice texts are full of legitimate fragments.
FRAGMENT_ERRORS = frozenset({5, 6, 7, 9, 17})

_WORD = re.compile(r"[^\W\d_]+(?:[-:’'][^\W\d_]+)*")
# Linear on any text (issue #8): an address or a host name is tried only where a run of
# its characters starts, and a tag or link target ends at the next one's start; tried at
# every position inside a run, they took 23 s on 50 KB of letters without a space.
_SKIP = re.compile(
    r"https?://\S+|(?<![\w.+-])[\w.+-]+@[\w.-]+|`[^`]*`|<[^<>]+>|\{[a-z_]+\}"
    r"|\]\([^)\]]*\)|&\w+;"
    r"|(?<![\w.-])(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:fi|com|org|net|eu|io|example)\b\S*"
)
_FI_ENDING = re.compile(r"^(:?[a-zäö]{1,4})$")
_PAIR_WORD = re.compile(r"([^\W\d_]+(?:-[^\W\d_]+)*)")


@dataclass(frozen=True, repr=False)
class Problem(FieldsRepr):
    """One spelling or grammar fault in a text: what, where (offset) and a suggestion.

    ``reason`` and ``facts`` say what is wrong; ``message`` words it in the message
    language when it is read, so a cached check serves users of every language.
    """

    kind: str  # "spelling" or "grammar"
    text: str
    start: int
    #: "unknown-word", "agreement", "compound" or "voikko" (Voikko's own grammar rules)
    reason: str
    facts: tuple[tuple[str, Any], ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        facts = dict(self.facts)
        if self.reason == "unknown-word":
            return msg("L157.unknown-word", word=self.text, lang=facts["lang"])
        if self.reason == "agreement":
            return msg("L158.agreement", attr=facts["attr"], noun=facts["noun"])
        if self.reason == "compound":
            return msg("L158.compound", words=self.text)
        if _voikko_language() == "fi":
            return str(facts["fi"])
        if "en" in facts:  # worded when checked: reading it needs no dictionary
            return str(facts["en"])
        return voikko_description(facts["text"], facts["code"], facts["at"], "en")


def _voikko_language() -> str:
    """Voikko describes its grammar errors in Finnish and English."""
    return "fi" if language() == "fi" else "en"


@lru_cache(maxsize=256)
def voikko_description(text: str, code: int, at: int, lang: str) -> str:
    """Voikko's short description of its grammar error ``code`` at ``at`` in ``lang``."""
    v = voikko()
    if v is not None:  # only texts with an error get here: asking again is cheap
        for error in v.grammarErrors(text, lang):
            if error.errorCode == code and error.startPos == at:
                return str(error.shortDescription)
    return str(code)


@cache
def voikko() -> Any | None:
    """Voikko's Finnish checker, or None when the library or dictionary is missing."""
    try:
        import libvoikko

        return libvoikko.Voikko("fi")
    except Exception:  # ImportError, OSError (no libvoikko1), VoikkoException (no voikko-fi)
        return None


class _English:
    """Hunspell's en_US, and en_GB when installed: Finnish companies write both.

    en_GB (~10 MiB, 0.05 s to open) is opened only when en_US rejects a word: a word
    en_US knows is right in either, so most registries never need it.
    """

    def __init__(self, us: Any, gb: Callable[[], Any] | None = None) -> None:
        self.us = us
        self._gb_open = gb
        self._gb: Any = None

    @property
    def dicts(self) -> list[Any]:
        """The dictionaries asked, en_US first (en_GB opened if installed)."""
        return [self.us, *([gb] if (gb := self._british()) is not None else [])]

    def _british(self) -> Any:
        if self._gb is None and self._gb_open is not None:
            self._gb, self._gb_open = self._gb_open(), None
        return self._gb

    def check(self, word: str) -> bool:
        if self.us.check(word):
            return True
        gb = self._british()
        return gb is not None and bool(gb.check(word))

    def suggest(self, word: str) -> list[str]:
        return list(self.us.suggest(word))

    def close(self) -> None:
        """Free the dictionaries opened through libhunspell (pyenchant's free themselves
        when no longer referenced)."""
        for opened in (self.us, self._gb):
            close = getattr(opened, "close", None)
            if close is not None:
                close()


@cache
def hunspell_en() -> Any | None:
    """Hunspell's English dictionaries, or None when en_US is missing: through libhunspell
    itself when that gives Enchant's answers (``hunspell.py``: no Enchant providers and their
    libraries loaded), otherwise through pyenchant (a Mac without libhunspell, a dictionary
    only Enchant finds, personal word lists)."""
    from . import hunspell

    us = hunspell.open_dictionary("en_US")
    if us is None:
        return _enchant_english()
    gb: Callable[[], Any] | None
    if hunspell.find("en_GB") is not None and not hunspell.has_personal_words("en_GB"):
        gb = partial(hunspell.open_dictionary, "en_GB")
    else:  # what Enchant would answer for en_GB, asked only when en_US rejects a word
        gb = partial(_enchant_dictionary, "en_GB")
    return _English(us, gb)


def _enchant_english() -> Any | None:
    """Hunspell's English dictionaries through pyenchant."""
    try:
        import enchant  # type: ignore[import-untyped]

        broker = enchant.Broker()
        for tag in ("en_US", "en_GB"):
            broker.set_ordering(tag, "hunspell")
        if not broker.dict_exists("en_US"):
            return None
        us = broker.request_dict("en_US")
        if us.tag != "en_US":
            return None
        gb = partial(broker.request_dict, "en_GB") if broker.dict_exists("en_GB") else None
        return _English(us, gb)
    except Exception:  # ImportError (no libenchant), enchant errors
        return None


def _enchant_dictionary(tag: str) -> Any | None:
    """``tag``'s dictionary through pyenchant (Hunspell's first), or None."""
    try:
        import enchant

        broker = enchant.Broker()
        broker.set_ordering(tag, "hunspell")
        return broker.request_dict(tag) if broker.dict_exists(tag) else None
    except Exception:  # ImportError (no libenchant), enchant errors
        return None


def release(lang: str) -> None:
    """Close ``lang``'s dictionary and give its memory back to the system (it is opened
    again when asked for). Lint checks one language's texts at a time and closes its
    dictionary before the next one opens, so Voikko and Hunspell are never in memory
    together, and neither stays for the rest of the build."""
    opener = {"fi": voikko, "en": hunspell_en}.get(lang)
    info = getattr(opener, "cache_info", None)
    if opener is None or info is None or not info().currsize:
        return  # not open (or replaced, as in tests)
    checker = opener()
    opener.cache_clear()
    if lang == "fi":
        _analyses.cache_clear()  # its keys hold the Voikko instance
        if checker is not None:
            checker.terminate()
    elif checker is not None:
        checker.close()
    del checker
    _return_freed_memory()


def _return_freed_memory() -> None:
    """glibc keeps freed memory for the process; ``malloc_trim`` hands it back, so a closed
    dictionary's tens of MiB do not stay in the build's resident memory."""
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return
    trim(0)


def checker_for(lang: str) -> Any | None:
    opener = {"fi": voikko, "en": hunspell_en}.get(lang)
    if opener is None:
        return None
    if _opening_refused:
        info = getattr(opener, "cache_info", None)
        if info is not None and not info().currsize:
            raise _MustOpen(lang)
    return opener()


class _MustOpen(Exception):
    """A dictionary was to be opened while ``check_texts`` answered from the kept results."""


#: Set while ``check_texts`` tries to answer a language from the kept results alone.
_opening_refused = False


@cache
def builtin_words() -> frozenset[str]:
    """Names every notice may use: words.yaml plus the catalogue's names and providers."""
    words = {str(w) for w in read_data("words.yaml")["words"]}
    for info in catalog.services().values():
        for name in (info.name, info.provider, *info.aliases):
            words |= set(_WORD.findall(name))
    return frozenset(words)


def allowed_words(extra: Iterable[str]) -> frozenset[str]:
    words = set(builtin_words())
    for item in extra:
        words |= set(_WORD.findall(str(item)))
    return frozenset(words)


@lru_cache(maxsize=32)
def _lowercase_allowed(allowed: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in allowed if w.islower())


def _is_name(word: str, allowed: frozenset[str]) -> bool:
    if word in allowed or word.lower() in _lowercase_allowed(allowed):
        return True
    if any(c.isupper() for c in word[1:]) and "-" not in word:
        return True  # LinkedIn, localStorage, EU:n, IP
    # An inflected name: Metan, LinkedInin, Googlen, ETA:n. An ending is 1–5 characters
    # (":" and up to four letters), so only the word's five shortest heads can be the name:
    # looked up, not compared with every allowed name (that was most of a cold lint's time).
    for cut in range(max(len(word) - 5, 3), len(word)):
        if word[:cut] in allowed and _FI_ENDING.match(word[cut:]):
            return True
    return False


def _word_ok(word: str, lang: str, check: Callable[[str], bool], allowed: frozenset[str]) -> bool:
    if _is_name(word, allowed):
        return True
    if check(word):
        return True
    if "-" in word:
        # "Meta-pikseli", "IP-osoitteesi": the name part is a name, the last part a word.
        *heads, last = word.split("-")
        return all(_is_name(h, allowed) or check(h) for h in heads) and (
            check(last) or _is_name(last, allowed)
        )
    if lang == "en" and "'" in word:
        return check(word.split("'")[0])
    return False


#: Every match of ``_SKIP`` holds one of these: a text without any is prose as it is.
_SKIP_MARKS = (
    "http",
    "@",
    "`",
    "<",
    "{",
    "](",
    "&",
    ".fi",
    ".com",
    ".org",
    ".net",
    ".eu",
    ".io",
    ".example",
)


def prose(text: str) -> str:
    """The text with addresses, code, placeholders and markup blanked (offsets kept)."""
    if not any(mark in text for mark in _SKIP_MARKS):
        return text
    return _SKIP.sub(lambda m: " " * len(m.group(0)), text)


#: Words kept per language in a store (``KeptResults.words``): past it, only the words the
#: last build asked about stay (a registry's vocabulary is a few thousand words).
WORDS_KEPT = 50_000


class KeptResults:
    """``check_text``'s results, the dictionaries' answers per word and which checkers are
    installed, kept between builds.

    The MkDocs plugin keeps them in its build cache folder (``lint/spelling_store.py``).
    A text checked before is answered from ``results`` (per text, language and allowed
    words). A new or edited text, or every text after the allowed words changed (a
    name in the registry), is checked again, but its words are looked up in ``words``
    (per language: word → whether the dictionary knows it) and ``suggestions`` (per
    misspelt word) and, for Finnish, ``grammar`` (per text, whatever the allowed words):
    a dictionary is opened only for a word it was never asked about, and Voikko for the
    grammar of a new Finnish text. What the answers depend on
    besides the word and its language (the dictionaries installed, Seloste itself) is
    in the store's file name.
    """

    def __init__(
        self,
        results: dict[str, tuple[Problem, ...]] | None = None,
        available: dict[str, bool] | None = None,
        words: dict[str, dict[str, bool]] | None = None,
        suggestions: dict[str, dict[str, tuple[str, ...]]] | None = None,
        grammar: dict[str, tuple[Problem, ...]] | None = None,
    ) -> None:
        self.results = dict(results or {})
        self.available = dict(available or {})
        self.words = {lang: dict(answers) for lang, answers in (words or {}).items()}
        self.suggestions = {lang: dict(kept) for lang, kept in (suggestions or {}).items()}
        self.grammar = dict(grammar or {})
        self.used: set[str] = set()
        self.grammar_used: set[str] = set()
        #: Words asked about in this build, per language (kept when a store outgrows
        #: ``WORDS_KEPT``).
        self.words_used: dict[str, set[str]] = {}
        self.changed = False

    def check(self, text: str, lang: str, allowed: frozenset[str]) -> tuple[Problem, ...]:
        key = hashlib.sha256(
            f"{lang}\0{_allowed_digest(allowed)}\0{text}".encode("utf-8", "surrogatepass")
        ).hexdigest()
        self.used.add(key)
        found = self.results.get(key)
        if found is None:
            found = ()
            if self.has_checker(lang):
                try:
                    found = _problems(text, lang, allowed, _KeptAnswers(lang, self))
                except _Unavailable:  # gone since the store said it was there: as without
                    self.available[lang] = False
            self.results[key] = found
            self.changed = True
        return found

    def pruned_words(
        self,
    ) -> tuple[dict[str, dict[str, bool]], dict[str, dict[str, tuple]], dict[str, tuple]]:
        """``words``, ``suggestions`` and ``grammar`` as they are to be stored: all of them,
        unless they outgrew ``WORDS_KEPT``; then what this build asked about."""
        grammar = self.grammar
        if len(grammar) > WORDS_KEPT:
            grammar = {k: v for k, v in grammar.items() if k in self.grammar_used}
        words, suggestions = {}, {}
        for lang, answers in self.words.items():
            used = self.words_used.get(lang, set())
            keep = len(answers) <= WORDS_KEPT
            words[lang] = answers if keep else {w: a for w, a in answers.items() if w in used}
            kept = self.suggestions.get(lang, {})
            suggestions[lang] = {w: s for w, s in kept.items() if w in words[lang]}
        return words, suggestions, grammar

    def mark(self, lang: str) -> tuple[int, ...]:
        """How much ``lang``'s answers hold now (``additions`` gives what came after)."""
        return (
            len(self.results),
            len(self.words.get(lang, {})),
            len(self.suggestions.get(lang, {})),
            len(self.grammar),
        )

    def additions(self, lang: str, mark: tuple[int, ...]) -> dict[str, Any]:
        """What checking ``lang``'s texts added since ``mark`` (dictionaries keep their order:
        new entries are the last ones; nothing is changed or removed meanwhile)."""

        def tail(kept: dict, start: int) -> dict:
            return dict(list(kept.items())[start:])

        return {
            "results": tail(self.results, mark[0]),
            "words": tail(self.words.get(lang, {}), mark[1]),
            "suggestions": tail(self.suggestions.get(lang, {}), mark[2]),
            "grammar": tail(self.grammar, mark[3]),
            "available": self.available.get(lang),
            "used": self.used,
            "grammar_used": self.grammar_used,
            "words_used": self.words_used.get(lang, set()),
            "changed": self.changed,
        }

    def add(self, lang: str, additions: dict[str, Any]) -> None:
        """``additions`` made in another process (``check_texts``'s child)."""
        self.results.update(additions["results"])
        self.words.setdefault(lang, {}).update(additions["words"])
        self.suggestions.setdefault(lang, {}).update(additions["suggestions"])
        self.grammar.update(additions["grammar"])
        if additions["available"] is not None:
            self.available[lang] = additions["available"]
        self.used |= additions["used"]
        self.grammar_used |= additions["grammar_used"]
        self.words_used.setdefault(lang, set()).update(additions["words_used"])
        self.changed = self.changed or additions["changed"]

    def has_checker(self, lang: str) -> bool:
        if lang not in self.available:
            self.available[lang] = checker_for(lang) is not None
            self.changed = True
        return self.available[lang]


#: Set while the plugin lints with kept results (``spelling_store.kept_in``).
_kept: KeptResults | None = None


def has_checker(lang: str) -> bool:
    """Whether ``lang``'s dictionary is installed (opened only when not known already)."""
    return checker_for(lang) is not None if _kept is None else _kept.has_checker(lang)


@lru_cache(maxsize=8)
def _allowed_digest(allowed: frozenset[str]) -> str:
    return hashlib.sha256("\n".join(sorted(allowed)).encode("utf-8", "surrogatepass")).hexdigest()


def check_text(text: str, lang: str, allowed: frozenset[str]) -> tuple[Problem, ...]:
    """Spelling and grammar problems of one text in ``lang`` (empty when no checker);
    from the kept results when the plugin has them (see ``KeptResults``)."""
    if _kept is not None:
        return _kept.check(text, lang, allowed)
    return _check_text(text, lang, allowed)


def check_texts(
    texts: list[str], lang: str, allowed: frozenset[str]
) -> tuple[bool, list[tuple[Problem, ...]]]:
    """Whether ``lang``'s dictionary is installed (``has_checker``) and, if it is, each
    text's ``check_text``: one language's whole spelling step.

    With kept results (the plugin, ``KeptResults``) a step that opens a dictionary runs in
    a forked child process (``forked.in_child``) where it can (Linux, one thread): the dictionary
    and its libraries (Hunspell's ~9 MiB, Voikko's ICU, libxml2…) are never loaded into the
    build's process, so the pages built after lint start from a smaller process, and
    nothing is to be freed (the child exits). The child's answers and what it added to the
    kept results come back through a pipe, so findings and the store are as without it.
    A step the kept results answer alone (no new word, no new Finnish text) runs here.
    """

    def step() -> tuple[bool, list[tuple[Problem, ...]]]:
        if not has_checker(lang):
            return False, []
        return True, [check_text(text, lang, allowed) for text in texts]

    kept = _kept
    if kept is None or not forked.can_fork():
        return step()
    global _opening_refused
    _opening_refused = True
    try:
        return step()
    except _MustOpen:
        pass  # a dictionary is needed: in a child
    finally:
        _opening_refused = False
    done = forked.in_child(lambda: _with_additions(kept, lang, step))
    if done is None:  # the child failed: here, as without it
        return step()
    answer, additions = done[0]
    kept.add(lang, additions)
    return answer


def _with_additions(
    kept: KeptResults, lang: str, step: Callable[[], Any]
) -> tuple[Any, dict[str, Any]]:
    """``step()``'s answer and what it added to ``kept`` (``KeptResults.additions``)."""
    mark = kept.mark(lang)
    answer = step()
    return answer, kept.additions(lang, mark)


class _Unavailable(Exception):
    """A dictionary the kept results say is installed could not be opened."""


def _spells(checker: Any, lang: str, word: str) -> bool:
    """Whether ``lang``'s dictionary knows ``word`` (Voikko's ``spell``, Hunspell's ``check``)."""
    return bool(checker.spell(word) if lang == "fi" else checker.check(word))


class _DirectAnswers:
    """A language's dictionary as ``_problems`` asks it, with nothing kept between builds."""

    def __init__(self, lang: str, checker: Any) -> None:
        self.lang = lang
        self.checker = checker

    def check(self, word: str) -> bool:
        return _spells(self.checker, self.lang, word)

    def suggestions(self, word: str) -> tuple[str, ...]:
        return tuple(_suggest(self.checker, self.lang, word))

    def grammar(self, plain: str) -> tuple[Problem, ...]:
        return tuple(_finnish_grammar(self.checker, plain))


class _KeptAnswers:
    """A language's checker as ``_problems`` asks it, answering spelling questions from
    the kept per-word answers (``KeptResults.words``): the dictionary is opened only for
    a word it was never asked about, and for Finnish grammar (``grammarErrors``,
    ``analyze``). It holds no reference to the dictionary, so ``release`` closes it."""

    def __init__(self, lang: str, kept: KeptResults) -> None:
        self.lang = lang
        self.kept = kept
        self.answers = kept.words.setdefault(lang, {})
        self.used = kept.words_used.setdefault(lang, set())

    def _real(self) -> Any:
        checker = checker_for(self.lang)
        if checker is None:  # the store said it is installed
            raise _Unavailable(self.lang)
        return checker

    def check(self, word: str) -> bool:
        self.used.add(word)
        known = self.answers.get(word)
        if known is None:
            known = self.answers[word] = _spells(self._real(), self.lang, word)
            self.kept.changed = True
        return known

    def suggestions(self, word: str) -> tuple[str, ...]:
        kept = self.kept.suggestions.setdefault(self.lang, {})
        found = kept.get(word)
        if found is None:
            found = kept[word] = tuple(_suggest(self._real(), self.lang, word))
            self.kept.changed = True
        return found

    def grammar(self, plain: str) -> tuple[Problem, ...]:
        """Voikko's grammar and our own checks of a Finnish text (``prose``): they depend
        on the text alone, not on the allowed words, so a new name checks none again."""
        key = hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()
        self.kept.grammar_used.add(key)
        found = self.kept.grammar.get(key)
        if found is None:
            found = self.kept.grammar[key] = tuple(_finnish_grammar(self._real(), plain))
            self.kept.changed = True
        return found


@lru_cache(maxsize=256)
def _check_text(text: str, lang: str, allowed: frozenset[str]) -> tuple[Problem, ...]:
    """Spelling and grammar problems of one text in ``lang`` (empty when no checker).
    Cached: the spelling and the grammar rule both read the same text's problems."""
    checker = checker_for(lang)
    if checker is None:
        return ()
    return _problems(text, lang, allowed, _DirectAnswers(lang, checker))


Answers = _DirectAnswers | _KeptAnswers


def _problems(
    text: str, lang: str, allowed: frozenset[str], answers: Answers
) -> tuple[Problem, ...]:
    """Spelling and grammar problems of one text in ``lang``, asking ``answers`` (the
    dictionary itself, or the answers kept between builds).

    Each misspelt word is reported once per text (its first place): a pasted English
    sentence repeated through a Finnish text is one mistake to fix, not thousands, and the
    dictionary is asked once per distinct word.
    """
    plain = prose(text)
    # The dictionary is asked once per distinct word; the text is walked again (for
    # where each misspelt word first stands) only when there is one, until all are found.
    distinct = dict.fromkeys(_WORD.findall(plain))
    wrong = {word for word in distinct if not _word_ok(word, lang, answers.check, allowed)}
    reported: set[str] = set()
    problems: list[Problem] = []
    for m in _WORD.finditer(plain) if wrong else ():
        word = m.group(0)
        if word not in wrong or word in reported:
            continue
        if _abbreviation(plain, m, answers.check):
            continue
        reported.add(word)
        problems.append(
            Problem(
                "spelling",
                word,
                m.start(),
                "unknown-word",
                (("lang", lang),),
                answers.suggestions(word),
            )
        )
        if len(reported) == len(wrong):
            break
    if lang == "fi":
        problems += answers.grammar(plain)
    return tuple(problems)


def _abbreviation(text: str, match: re.Match[str], check: Callable[[str], bool]) -> bool:
    """ "esim." and "mm." are words only with their full stop."""
    if text[match.end() : match.end() + 1] != ".":
        return False
    return check(match.group(0) + ".")


def _suggest(checker: Any, lang: str, word: str) -> list[str]:
    try:
        own = list(checker.suggest(word))
        if lang == "fi":
            # Voikko's suggestions for a compound miss what the writer meant
            # ("tietosuojasetusta" → "tietosuojastusta"): a compound of a known head whose
            # word is one Seloste's own legal wording uses comes first ("tietosuoja-asetusta").
            known = _known_compounds(checker)
            own = [
                c for c in _compound_candidates(checker, word) if _bases(checker, c) & known
            ] + own
        return list(dict.fromkeys(own))[:3]
    except Exception:
        return []


def _compound_candidates(v: Any, word: str) -> list[str]:
    """``word`` read as a compound head (``compound_heads``) and a misspelt rest: the head
    joined to each of Voikko's suggestions for the rest, as one word or with a hyphen
    (parts meeting with the same vowel take one: "tietosuoja-asetus"), where Voikko
    accepts the whole."""
    out: list[str] = []
    low = word.lower()
    for head in sorted(compound_heads()):
        if not low.startswith(head) or len(word) - len(head) < 3:
            continue
        first, rest = word[: len(head)], word[len(head) :].lstrip("-")
        for tail in v.suggest(rest):
            if not (tail.isalpha() and tail.islower()):
                continue  # a name ("Eetusta") or two words
            for joined in (f"{first}{tail}", f"{first}-{tail}"):
                if joined != word and joined not in out and v.spell(joined):
                    out.append(joined)
    return out


def _bases(v: Any, word: str) -> set[str]:
    """Voikko's base forms of ``word``, lower-case ("tietosuoja-asetusta" → tietosuoja-asetus)."""
    return {str(a["BASEFORM"]).lower() for a in _analyses(v, word) if a.get("BASEFORM")}


#: Base forms of the compounds in Seloste's Finnish wording, worked out on first need.
_KNOWN_COMPOUNDS: frozenset[str] | None = None


def _known_compounds(v: Any) -> frozenset[str]:
    """The compounds (of a ``compound_heads`` head) that Seloste's own Finnish legal wording
    uses, as base forms: the vocabulary a notice's misspelt compound most likely meant."""
    global _KNOWN_COMPOUNDS
    if _KNOWN_COMPOUNDS is None:
        from ..wording import wording

        heads = compound_heads()
        words: set[str] = set()
        for text in _strings(wording("fi")):
            for word in _WORD.findall(text):
                low = word.lower()
                if any(low.startswith(h) and len(low) > len(h) for h in heads):
                    words.add(word)
        _KNOWN_COMPOUNDS = frozenset(b for word in sorted(words) for b in _bases(v, word))
    return _KNOWN_COMPOUNDS


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _finnish_grammar(v: Any, text: str) -> Iterator[Problem]:
    # YAML line breaks and indents are not the writer's spaces, nor the gap a blanked
    # link target leaves before a comma.
    flat = re.sub(r" ([,.;:!?])", r"\1", " ".join(text.split()))
    errors = [e for e in v.grammarErrors(flat, "fi") if e.errorCode not in FRAGMENT_ERRORS]
    # Voikko's English wording of the same errors, asked now: the dictionary is closed
    # after the check (``release``), and a message is worded when it is read.
    english: dict[tuple[int, int], str] = {}
    for error in v.grammarErrors(flat, "en") if errors else ():
        english.setdefault((error.errorCode, error.startPos), str(error.shortDescription))
    for error in errors:
        wrong = flat[error.startPos : error.startPos + error.errorLen]
        facts = (
            ("text", flat),
            ("code", error.errorCode),
            ("at", error.startPos),
            ("fi", error.shortDescription),
            ("en", english.get((error.errorCode, error.startPos), str(error.errorCode))),
        )
        yield Problem("grammar", wrong, error.startPos, "voikko", facts, tuple(error.suggestions))
    # [gap, word, gap, word, …, gap]: two words are a pair when one space is between.
    parts = _PAIR_WORD.split(flat)
    words, gaps = parts[1::2], parts[2::2]
    # What a pair gives depends on its two words alone: each distinct pair is analysed
    # once (a long text repeats its pairs; Voikko's analysis is the cost).
    pairs = {(a, b) for a, gap, b in zip(words, gaps, words[1:], strict=False) if gap == " "}
    found = {pair: [*_agreement(v, *pair, 0), *_split_compound(v, *pair, 0)] for pair in pairs}
    if not any(found.values()):
        return
    at = len(parts[0])
    for a, gap, b in zip(words, gaps, words[1:], strict=False):
        if gap == " ":
            for problem in found[(a, b)]:
                yield replace(problem, start=at)
        at += len(a) + len(gap)


@cache
def compound_heads() -> frozenset[str]:
    """First parts that Finnish web text often writes apart from the rest of the compound."""
    return frozenset(str(w) for w in read_data("words.yaml")["compound_heads"])


@lru_cache(maxsize=4096)
def _analyses(v: Any, word: str) -> tuple[dict, ...]:
    return tuple(dict(x) for x in v.analyze(word))


def _agreement(v: Any, attr: str, noun: str, at: int) -> Iterator[Problem]:
    """An attribute in another number than its noun: "edellyttämässä rajoissa".

    Only where Voikko's analysis leaves no doubt: the noun has one case and one number,
    the attribute (an agent participle or an adjective; a verb reading is allowed
    beside it) is in that case in the other number, and neither has a possessive suffix.
    """
    attr_all, noun_all = _analyses(v, attr), _analyses(v, noun)
    if any(x.get("POSSESSIVE") for x in (*attr_all, *noun_all)):
        return
    attrs = [x for x in attr_all if x.get("PARTICIPLE") == "agent" or x.get("CLASS") == "laatusana"]
    if not attrs or any(x not in attrs and x.get("CLASS") != "teonsana" for x in attr_all):
        return
    forms = {(x.get("CLASS"), x.get("SIJAMUOTO"), x.get("NUMBER")) for x in noun_all}
    if len(forms) != 1 or next(iter(forms))[0] != "nimisana":
        return
    _, case, number = next(iter(forms))
    if all(x.get("SIJAMUOTO") == case and x.get("NUMBER") != number for x in attrs):
        yield Problem(
            "grammar", f"{attr} {noun}", at, "agreement", (("attr", attr), ("noun", noun))
        )


def _split_compound(v: Any, first: str, second: str, at: int) -> Iterator[Problem]:
    """A compound written as two words: "internet sivuilta" (internetsivuilta)."""
    if first.lower() not in compound_heads():
        return
    heads = _analyses(v, first)
    if not heads or any(
        x.get("CLASS") not in ("nimisana", "nimi")
        or x.get("SIJAMUOTO") != "nimento"
        or x.get("NUMBER") != "singular"
        for x in heads
    ):
        return
    if not any(x.get("CLASS") == "nimisana" for x in _analyses(v, second)):
        return
    for joined in (f"{first}{second}", f"{first}-{second}"):
        if v.spell(joined):
            yield Problem(
                "grammar",
                f"{first} {second}",
                at,
                "compound",
                suggestions=(joined,),
            )
            return
