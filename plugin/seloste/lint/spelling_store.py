"""The spelling checks' results kept in the MkDocs plugin's build cache folder.

A build cache entry holds a registry's whole lint result, so an unchanged registry
is not linted again. After an edit the registry is linted in full; what makes that
build slow and big is the spelling rule (L157/L158): opening Voikko's Finnish and
Hunspell's English dictionaries (tens of MiB) and asking them about every text. So
this store keeps, across registry edits, in one file whose name is a digest of what
else they depend on (Seloste's files and version, Python, and the dictionaries
installed: ``buildcache.spelling_environment``):

- each text's results, per text, language and allowed words (only those the last
  build used): an unchanged text is not checked again;
- the dictionaries' answers per word (known or not, and a misspelt word's
  suggestions): an edited text, or every text after a name in the registry changed,
  is checked again without opening a dictionary unless one of its words was never
  asked about;
- Finnish grammar per text, whatever the allowed words: a new name needs no Voikko
  (a new or edited Finnish text does, for its grammar).

The file is read like a build cache entry (``buildcache.read_value``): damaged,
foreign or code-running content is ignored, and the texts are checked as without it.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import buildcache
from . import spelling

PREFIX = "spelling-"
SUFFIX = ".spelling"
#: Stores kept per folder (one per Seloste version and dictionary set a site was built with).
KEEP = 2


def store_path(folder: str | Path) -> Path:
    """The store for this Seloste, this Python and the dictionaries installed now."""
    digest = hashlib.sha256(
        repr(
            (
                buildcache.FORMAT,
                buildcache.package_digest(),
                sys.version_info[:2],
                buildcache.spelling_environment(),
            )
        ).encode()
    ).hexdigest()
    return Path(folder) / f"{PREFIX}{digest}{SUFFIX}"


@contextmanager
def kept_in(folder: str | Path | None) -> Iterator[spelling.KeptResults | None]:
    """Lint inside this block reads and adds to the results kept in ``folder`` (None: none)."""
    if folder is None:
        yield None
        return
    path = store_path(folder)
    key = path.stem
    content = buildcache.read_value(path, key)
    kept = spelling.KeptResults()
    if isinstance(content, dict):
        results, available = content.get("results"), content.get("available")
        words, suggestions = content.get("words"), content.get("suggestions")
        grammar = content.get("grammar")
        if (
            isinstance(results, dict)
            and isinstance(available, dict)
            and _per_language(words)
            and _per_language(suggestions)
            and isinstance(grammar, dict)
        ):
            kept = spelling.KeptResults(results, available, words, suggestions, grammar)
    previous, spelling._kept = spelling._kept, kept
    try:
        yield kept
    finally:
        spelling._kept = previous
    if kept.changed or len(kept.used) != len(kept.results):
        used = {k: v for k, v in kept.results.items() if k in kept.used}
        words, suggestions, grammar = kept.pruned_words()
        content = {
            "results": used,
            "available": kept.available,
            "words": words,
            "suggestions": suggestions,
            "grammar": grammar,
        }
        if buildcache.write_value(path, key, content):
            buildcache.prune(path.parent, path.stem, SUFFIX, KEEP)


def _per_language(value: object) -> bool:
    """A store's ``words`` or ``suggestions``: language → {word: answer}."""
    return isinstance(value, dict) and all(
        isinstance(lang, str) and isinstance(answers, dict) for lang, answers in value.items()
    )
