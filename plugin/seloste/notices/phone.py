"""Phone numbers as people read them: ``+358504130787`` → ``+358 50 413 0787``.

libphonenumber (``phonenumbers``) knows each country's area codes; the subscriber part is
then grouped the Finnish way (Kotus' recommendation: from the end, the last group of four,
the rest in threes), which is also easy to read in other languages. Numbers it cannot
parse are shown exactly as written: the registry is the user's text.
"""

from __future__ import annotations


def format_phone(text: str | None, *, region: str = "FI") -> str | None:
    """The number in international form with readable groups; ``text`` when not a number."""
    if not text:
        return text
    import phonenumbers  # ~0.1 s to import: only when a notice shows a phone number

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    if number.country_code != 358:
        # Other countries have their own grouping conventions: libphonenumber knows them.
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.national_significant_number(number)
    area_length = phonenumbers.length_of_national_destination_code(number)
    area, subscriber = national[:area_length], national[area_length:]
    return " ".join(part for part in ("+358", area, _group(subscriber)) if part)


def _group(digits: str) -> str:
    """``4130787`` → ``413 0787``; ``12345678`` → ``1 234 5678``."""
    if len(digits) <= 5:
        return digits
    head, tail = digits[:-4], digits[-4:]
    groups: list[str] = []
    while head:
        groups.insert(0, head[-3:])
        head = head[:-3]
    return " ".join([*groups, tail])
