"""The catalogue as a list for people (``seloste services``): id, name, category, cookies."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..fields_repr import FieldsRepr
from . import services
from .cookies import cookies_for


@dataclass(frozen=True, repr=False)
class CatalogueRow(FieldsRepr):
    id: str
    name: str
    provider: str
    category: str
    kind: str
    transfer: str | None
    cookies: tuple[str, ...]


def catalogue_rows(category: str | None = None) -> list[CatalogueRow]:
    """Every catalogue service (of one category), in id order."""
    rows = []
    for service_id, info in sorted(services().items()):
        if category and info.category != category:
            continue
        facts = cookies_for(service_id) or ()
        rows.append(
            CatalogueRow(
                id=service_id,
                name=info.name,
                provider=info.provider,
                category=info.category,
                kind=info.kind,
                transfer=info.transfer.country if info.transfer else None,
                cookies=tuple(fact.name for fact in facts),
            )
        )
    return rows


def rows_json(rows: list[CatalogueRow]) -> str:
    return json.dumps({"services": [asdict(row) for row in rows]}, ensure_ascii=False, indent=2)


def rows_text(rows: list[CatalogueRow]) -> str:
    """A plain table: id first (what goes into the registry), then what it is."""
    from ..messages import msg

    header = (
        msg("cli.services.id"),
        msg("cli.services.name"),
        msg("cli.services.category"),
        msg("cli.services.cookies"),
    )
    table = [header] + [
        (row.id, row.name, row.category, ", ".join(row.cookies) or "-") for row in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line[:3])) + "  " + line[3]
        for line in table
    ]
    lines.append("\n" + msg("cli.services.total", count=len(rows)))
    return "\n".join(lines)
