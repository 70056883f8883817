"""Services an old notice names: site trackers (→ ``services:``) and processors (→ recipients)."""

from __future__ import annotations

from dataclasses import dataclass

from ..fields_repr import FieldsRepr
from .tables import NamePattern, feature_notes, processor_names, tracker_names


@dataclass(frozen=True, repr=False)
class Mention(FieldsRepr):
    key: str  # catalogue id (trackers) or display name (processors)
    name: str  # as the notice wrote it
    note: str | None = None


def find_mentions(text: str, names: list[NamePattern]) -> list[Mention]:
    """Every name found, in order of first appearance; a longer name hides a shorter one inside it."""
    found: list[tuple[int, Mention]] = []
    taken: list[tuple[int, int]] = []
    for name in names:  # longest first
        for match in name.pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((match.start(), Mention(name.key, match.group(0).strip())))
    found.sort(key=lambda pair: pair[0])
    return [mention for _, mention in found]


def trackers_in(text: str) -> list[Mention]:
    out = []
    for mention in find_mentions(text, tracker_names()):
        note = next(
            (
                n
                for feature, n in feature_notes(mention.key).items()
                if feature.lower() in mention.name.lower()
            ),
            None,
        )
        out.append(Mention(mention.key, mention.name, note))
    return out


def processors_in(text: str) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for mention in find_mentions(text, processor_names()):
        seen.setdefault(mention.key, mention)
    return list(seen.values())
