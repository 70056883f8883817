"""Phone numbers in the notices are grouped as Finnish readers expect."""

from __future__ import annotations

import pytest

from seloste.notices.phone import format_phone


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("+358504130787", "+358 50 413 0787"),
        ("050 4130787", "+358 50 413 0787"),
        ("+358 9 1234567", "+358 9 123 4567"),
        ("09-1234 567", "+358 9 123 4567"),
        ("+358 20 1234567", "+358 20 123 4567"),
        ("+46701234567", "+46 70 123 45 67"),  # Swedish grouping from libphonenumber
    ],
)
def test_numbers_are_grouped(given, shown):
    assert format_phone(given) == shown


@pytest.mark.parametrize("text", ["vaihde", "+358", "ks. verkkosivut", "12"])
def test_what_is_not_a_number_is_shown_as_written(text):
    assert format_phone(text) == text
