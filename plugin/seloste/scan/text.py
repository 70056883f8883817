"""Bytes of a site file as text, the way a browser reads them."""

from __future__ import annotations

import codecs

#: Byte-order marks, longest first (UTF-32 LE starts with UTF-16 LE's mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """A site file's text: UTF-8 unless a byte-order mark says UTF-16 or UTF-32.

    Browsers honour the mark before anything else, so a UTF-16 page with a tracker
    loads it; read as UTF-8 it would be noise and the tracker missed.
    """
    if data[:1] in (b"\xef", b"\xff", b"\xfe", b"\x00"):
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                return data[len(bom) :].decode(encoding, "replace")
    return data.decode("utf-8", "replace")
