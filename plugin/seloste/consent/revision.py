"""The consent revision: a short hash of the declared cookie list.

Returning visitors are asked again when it changes (the gating script compares
it with the revision stored beside Material's ``__consent``). Only facts that
change what a visitor consents to go in: names, categories, who sets them, how
long they last. Rewording a purpose does not re-ask everyone.
"""

from __future__ import annotations

import hashlib
import json

from ..catalog.cookies import Duration
from ..registry.loaded import LoadedRegistry
from .declared import consent_categories, effective_cookies


def consent_revision(loaded: LoadedRegistry) -> str:
    """Eight hex digits that change exactly when the declared cookie list does."""
    rows = sorted(
        (
            row.name,
            row.service_id or "",
            row.category or "",
            row.party or "",
            row.domain or "",
            _duration_key(row.duration),
            row.technology,
        )
        for row in effective_cookies(loaded)
    )
    facts = {"cookies": rows, "categories": consent_categories(loaded)}
    digest = hashlib.sha256(json.dumps(facts, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:8]


def _duration_key(duration: object) -> str:
    if isinstance(duration, Duration):
        return duration.key
    return json.dumps(duration, sort_keys=True)
