"""The one ``__repr__`` of Seloste's dataclasses (``FieldsRepr``).

Python 3.11 compiles every method ``@dataclass`` writes for a class from source when the
class is created: ~0.2 ms each, and a build creates some fifty of Seloste's dataclasses in
its first moments. ``__repr__``, which only debugging and test failures read, was 52 of a
cold build's 238 such compilations (~12 ms of every build and of every ``seloste``
command). So each dataclass is declared ``@dataclass(repr=False)`` and derives from
``FieldsRepr``, whose ``__repr__`` writes the same text from the fields when asked.
``tests/test_fields_repr.py`` holds every dataclass of the package to this.
"""

from __future__ import annotations

import reprlib
from dataclasses import fields
from typing import Any


class FieldsRepr:
    """Base of Seloste's dataclasses: ``Name(field=value, …)``, as ``@dataclass`` writes it."""

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        record: Any = self  # a dataclass instance (every subclass is one)
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(record) if f.repr)
        return f"{type(self).__qualname__}({shown})"
