"""Why Finnish grammar answers are kept per text, not per sentence (issue #9, edit builds).

Keeping Voikko's grammar answers per sentence would let an edit re-check only the changed
sentence, but Voikko's answer for a sentence depends on the text around it: its own
sentence splitter ends a sentence inside "(esim. …)", and that piece checked alone gets an
error (a misplaced bracket) the whole text does not have. Answers put together from
sentences would then differ from the whole text's, so they are kept per text (a text is one
paragraph: ``_finnish_grammar`` joins its lines), and an edit checks the edited text.
"""

from __future__ import annotations

import pytest

from seloste.lint import spelling
from seloste.lint.spelling import FRAGMENT_ERRORS

needs_voikko = pytest.mark.skipif(spelling.voikko() is None, reason=spelling.INSTALL["fi"])

#: From examples/000-kespet-2021 (seed 000), as ``_finnish_grammar`` checks it.
TEXT = (
    "Rekisterin henkilötietoja kerätään suoraan rekisteröidyltä itseltään esimerkiksi "
    "yhteydenotoissa puhelimella, sähköpostilla tai tapaamisella tai messuilla ja muissa "
    "tapahtumissa tai yrityksen Internet-sivuilla täytettävien lomakkeiden (esim. "
    "yhteydenottolomakkeet) avulla."
)


def _errors(v, text: str, at: int = 0) -> list[tuple[int, int, int]]:
    return sorted(
        (e.errorCode, at + e.startPos, e.errorLen)
        for e in v.grammarErrors(text, "fi")
        if e.errorCode not in FRAGMENT_ERRORS
    )


@needs_voikko
def test_voikkos_grammar_of_a_sentence_depends_on_the_text_around_it() -> None:
    v = spelling.voikko()
    sentences = [s.sentenceText for s in v.sentences(TEXT)]
    assert len(sentences) == 2 and "".join(sentences) == TEXT  # split inside "(esim. …)"
    whole = _errors(v, TEXT)
    pieced = sorted(
        error
        for index, sentence in enumerate(sentences)
        for error in _errors(v, sentence, len("".join(sentences[:index])))
    )
    assert whole == []
    assert pieced != whole  # the second sentence alone: a misplaced bracket (12)
    assert {code for code, _, _ in pieced} == {12}
    # so the kept answers are the whole text's
    assert [p for p in spelling._finnish_grammar(v, TEXT) if p.reason == "voikko"] == []
