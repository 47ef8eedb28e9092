"""Which object each congresses URL is about, for tests/test_url_access.py.

``extend_world`` adds a conference of the North Committee with a credential from Cell A and
one from Cell B (the first confirmed), and a congress of the Other Party with one from Cell X,
so every reader has a congress and a credential inside and outside their scope."""

from __future__ import annotations

from datetime import date

from congresses.models import ClassPosition, Congress, Delegate
from organizations.models import Unit
from tests.url_walk import Case

CASES = {
    "congresses:unit_congresses": Case(model=Unit, action="view"),
    # Calling a congress and giving a mandate need the right to add records to the unit.
    "congresses:congress_create": Case(model=Unit, action="add"),
    "congresses:mandate_create": Case(model=Unit, action="add"),
    # An aggregate: it flows up to every role that counts the unit.
    "congresses:unit_composition": Case(model=Unit, action="view"),
    "congresses:class_positions": Case(model=Unit, action="view"),
    "congresses:class_position_edit": Case(model=ClassPosition, action="change"),
    "congresses:congress_detail": Case(model=Congress, action="view"),
    "congresses:congress_edit": Case(model=Congress, action="change"),
    "congresses:key_edit": Case(model=Congress, action="change"),
    "congresses:credential": Case(model=Delegate, action="change"),
}


def add_congress_world(world) -> dict:
    from congresses.actions import (
        do_confirm_credential,
        do_create_congress,
        do_give_mandate,
        do_set_key,
    )
    from congresses.catalogue import ensure_default_positions

    made = {}
    for key, convening, senders in (("north", "north", ("cell_a", "cell_b")),
                                    ("op", "op_congress", ("cell_x",))):
        congress = do_create_congress(acting_user=None, unit=world.units[convening], data={
            "kind": "conference", "number": 1, "starts_on": date(2026, 1, 10)})
        do_set_key(acting_user=None, congress=congress, data={
            "kind": "per_members_cells", "members_per_delegate": 1})
        for n, sender in enumerate(senders):
            mandate = do_give_mandate(
                acting_user=None, congress=congress, unit=world.units[sender],
                person=world.people[f"alias-{sender.replace('_', '')}-1"],
                selection="elected", on=date(2026, 1, 5))
            if n == 0:
                do_confirm_credential(acting_user=None, credential=mandate.credential)
        made[key] = congress
    for org in world.orgs.values():
        ensure_default_positions(org)
    return made


def extend_world(world) -> None:
    world.congresses = add_congress_world(world)
