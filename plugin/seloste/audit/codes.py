"""The audit's finding codes (T family): a view of the one table, ``seloste.codes``.

Codes are a public contract (users ignore them by code in ``lint.ignore`` and
CI scripts grep for them): add new ones to ``codes.yaml``, never renumber. Each
is documented in ``docs/{fi,en}/codes-audit.md`` under a heading whose anchor
is the code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..codes import CODES as ALL_CODES
from ..codes import Code, family


class _AuditCodes(Mapping[str, Code]):
    def __getitem__(self, key: str) -> Code:
        if not key.startswith("T"):
            raise KeyError(key)
        return ALL_CODES[key]

    def __iter__(self) -> Iterator[str]:
        return iter(family("T"))

    def __len__(self) -> int:
        return len(family("T"))


CODES: Mapping[str, Code] = _AuditCodes()

__all__ = ["CODES", "Code", "doc_anchor"]


def doc_anchor(code: str) -> str:
    return ALL_CODES[code].anchor
