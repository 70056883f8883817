"""Roles of the services' providers: processor, controller or joint controller (L150).

An ad pixel on the site makes the site a joint controller with the vendor for the
collection and transmission of the data (CJEU C-40/17 Fashion ID), and Art. 26(2)
requires the essence of their arrangement to be available. The notice states it
from the role (``notices/roles.py``); this check reports a pixel whose role nobody
has given, and a joint controller without the arrangement to point readers to.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..messages import msg
from ..registry.values import Category
from .context import LintContext
from .rulebook import Hit, rule

#: Kinds of service that collect data on the site for the provider (not embeds or fonts).
PIXEL_KINDS = frozenset({"tracker", "tag_manager"})


def is_pixel(ctx: LintContext, index: int) -> bool:
    """A tracker or an advertising service: a custom marketing service counts too."""
    service = ctx.declared.services[index]
    if service.in_catalog:
        return service.kind in PIXEL_KINDS
    return service.category in (Category.marketing, Category.statistics)


@rule("L150")
def joint_controller_role(ctx: LintContext) -> Iterable[Hit]:
    for service in ctx.declared.services:
        index = service.index
        name = service.name_in(ctx.languages[0])
        role = service.role
        path = ("services", index, "id")
        if role is None and is_pixel(ctx, index):
            yield Hit(
                path,
                msg("L150.no-role", index=index, name=name),
                msg("L150.no-role.fix"),
                data={"service": service.id},
            )
        elif role == "joint_controller" and not service.arrangement:
            yield Hit(
                path,
                msg("L150.no-arrangement", index=index, name=name),
                msg("L150.no-arrangement.fix"),
                data={"service": service.id},
            )
