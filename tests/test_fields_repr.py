"""Every dataclass of the package takes its ``__repr__`` from ``FieldsRepr``
(``@dataclass(repr=False)``): Python 3.11 compiles each method a dataclass gets when the
class is made, and a build makes some fifty of them before anything else (``fields_repr.py``)."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import seloste
from seloste.fields_repr import FieldsRepr


def _package_dataclasses() -> list[type]:
    """The dataclasses of every module of the package, nested ones included."""
    for module in pkgutil.walk_packages(seloste.__path__, "seloste."):
        importlib.import_module(module.name)
    seen: set[type] = set()
    stack: list[type] = [object]
    while stack:  # every class there is, through __subclasses__
        cls = stack.pop()
        if cls not in seen:
            seen.add(cls)
            stack.extend(
                type.__subclasses__(cls) if issubclass(cls, type) else cls.__subclasses__()
            )
    return [
        c
        for c in seen
        if str(c.__dict__.get("__module__", "")).startswith("seloste")
        and dataclasses.is_dataclass(c)
    ]


def test_every_dataclass_of_the_package_uses_the_shared_repr():
    classes = _package_dataclasses()
    assert len(classes) > 60  # the walk found them (89 when this was written)
    own = [
        f"{c.__module__}.{c.__qualname__}"
        for c in classes
        if c.__dataclass_params__.repr or not issubclass(c, FieldsRepr)  # type: ignore[attr-defined]
    ]
    assert own == [], "declare them @dataclass(..., repr=False) and derive from FieldsRepr"


def test_the_shared_repr_is_the_one_dataclass_writes():
    @dataclasses.dataclass(frozen=True)
    class Plain:
        name: str
        items: tuple = ()
        hidden: int = dataclasses.field(default=0, repr=False)

    @dataclasses.dataclass(frozen=True, repr=False)
    class Shared(FieldsRepr):
        name: str
        items: tuple = ()
        hidden: int = dataclasses.field(default=0, repr=False)

    assert repr(Shared("a", (1, "b"), 3)) == repr(Plain("a", (1, "b"), 3)).replace(
        "Plain", "Shared"
    )
    assert "hidden" not in repr(Shared("a"))


def test_a_record_that_holds_itself_is_shown_without_recursion():
    @dataclasses.dataclass(repr=False)
    class Node(FieldsRepr):
        children: list

    node = Node([])
    node.children.append(node)
    assert repr(node).endswith("Node(children=[...])")
