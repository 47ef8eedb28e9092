"""Shared by the organization pages: which linked records the user may open, and the unit
tree as nested nodes. (The form-to-action plumbing is ``nucleus.web``; people counts per
subtree are ``organizations.queries.subtree_counts``.)"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from organizations.models import Unit


def visible_ids(model: type[models.Model], user, ids: Iterable[int | None]) -> set[int]:
    """Which of these records the user may view: to link names only where a link works."""
    wanted = {i for i in ids if i}
    if not wanted:
        return set()
    visible = model.objects.restrict(user)  # type: ignore[attr-defined]
    return set(visible.filter(pk__in=wanted).values_list("pk", flat=True))


@dataclass
class Node:
    unit: Unit
    count: int
    children: list[Node] = field(default_factory=list)


def unit_forest(units: Iterable[Unit], counts: dict[int, int]) -> list[Node]:
    """Nest the visible units; a unit whose parent is not visible starts a tree of its own.
    Trees and siblings in the order of their names (ids in the path say nothing to a reader)."""
    nodes = {u.pk: Node(u, counts.get(u.pk, 0)) for u in units}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id) if node.unit.parent_id else None
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.unit.name.casefold())
    roots.sort(key=lambda n: n.unit.name.casefold())
    return roots
