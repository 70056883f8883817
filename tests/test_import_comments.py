"""Comments of the import draft wrap at spaces only: a hyphenated word stays whole."""

from __future__ import annotations

import re

from seloste.importer.yaml_out import Note, dump


def _comment_words(text: str) -> list[str]:
    return [w for line in text.splitlines() if line.lstrip().startswith("#") for w in line.split()]


def test_hyphenated_words_in_comments_are_not_split_across_lines() -> None:
    # Before: textwrap broke "tietosuoja-asiat" after "tietosuoja-" at the line end.
    comment = (
        "TODO: tarkista yhteystiedot ja Y-tunnus; tietosuoja-asiat hoitaa "
        + "tietosuojavastaava " * 3
        + "ja henkilötietojen käsittely-ympäristö on kuvattu "
        + "erikseen tietosuoja-asiat-sivulla "
    )
    for shift in range(12):  # every line-end position for the hyphenated words
        text = dump({"controller": Note({"name": "Oy"}, ["x" * shift + " " + comment])})
        words = _comment_words(text)
        assert "Y-tunnus" in words or "Y-tunnus;" in words
        assert "tietosuoja-asiat" in words
        assert "käsittely-ympäristö" in words
        assert not [w for w in words if w.endswith("-")], text


def test_a_long_address_in_a_comment_stays_on_one_line() -> None:
    url = "https://www.esimerkki.fi/tietosuoja-asiat/" + "hyvin-pitka-osoite-" * 8 + "loppu"
    text = dump({"controller": Note({"name": "Oy"}, [f"lähde: {url}"])})
    assert re.search(r"#\s+" + re.escape(url) + "$", text, re.M), text
