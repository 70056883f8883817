"""What the audit compares evidence with: the declared view (``seloste.declared``).

Kept as the audit's own names for the declared view's types, so the rules read
as "declarations vs evidence"; nothing is computed here.
"""

from __future__ import annotations

from ..declared import Declared as Declarations
from ..declared import DeclaredService as Declared
from ..declared import host_matches, resolve

__all__ = ["Declarations", "Declared", "declarations_of", "host_matches"]

declarations_of = resolve
