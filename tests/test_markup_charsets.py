"""markup.py's character classes are written as the characters they match (a class with a
range up to U+10FFFF costs Python's regex compiler milliseconds in every build); these tests
hold them to their definitions over every code point."""

from __future__ import annotations

import string

from seloste.markup import _URL_UNSAFE, safe_url

#: What a URL keeps as written: ASCII letters and digits, the URL punctuation that neither
#: ends a Markdown link target nor leaves an HTML attribute, and every letter beyond ASCII.
URL_KEPT = set(string.ascii_letters + string.digits + "/:?#&=%~.-_+!*,;@$")


def test_url_unsafe_is_every_other_character_up_to_nbsp():
    for code in range(0x110000):
        char = chr(code)
        expected = code <= 0xA0 and char not in URL_KEPT
        assert bool(_URL_UNSAFE.match(char)) is expected, hex(code)


def test_unsafe_url_characters_are_percent_encoded_and_letters_kept():
    assert safe_url("https://example.fi/a(b)[c]{d}|e^f'g") == (
        "https://example.fi/a%28b%29%5Bc%5D%7Bd%7D%7Ce%5Ef%27g"
    )
    assert safe_url("https://ääkköset.fi/sivu?x=1&y=2") == "https://ääkköset.fi/sivu?x=1&y=2"
