"""``restrict()`` and ``countable()`` agree with the grant rules on random unit trees and roles.

The rules (access/scope.py, docs/architecture.md "Access model") are restated here as a small
model over parent links, independent of the materialized paths the querysets match on:

* a role on a unit gives the unit's records; with oversight, the records of its whole
  subtree. Which records a role gives depends on the action: any role kind may view, a
  secretary or an organizer may add and change, only a secretary may delete, and a reveal
  also needs the role's identity flag;
* every unit at or below a role unit is visible as structure and counted, whatever the kind
  and the oversight; changing structure (add, change, delete) is for secretaries, on their
  unit and, with oversight, its subtree;
* nothing above or beside a role unit, nothing at all for anonymous users.

The records are written through the actions; hypothesis draws a few organizations, each a
random tree, people in random units and users with random roles, and shrinks a failure to
a small case.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.actions import do_grant_role
from accounts.models import User
from organizations.actions import do_create_organization, do_create_unit
from organizations.models import Unit
from people.actions import do_create_person
from people.models import Person

KINDS = ("secretary", "organizer", "member", "observer")
# Which role kinds may do what with a unit's records (a reveal also needs the identity flag).
RECORD_RIGHTS = {
    "view": set(KINDS),
    "add": {"secretary", "organizer"},
    "change": {"secretary", "organizer"},
    "delete": {"secretary"},
    "reveal": set(KINDS),
}
STRUCTURE_ACTIONS = ("view", "add", "change", "delete")


@dataclass(frozen=True)
class RoleSpec:
    kind: str
    oversight: bool
    identity: bool


@dataclass(frozen=True)
class Plan:
    # Per unit (by index): its parent's index, None for the top unit of an organization.
    parents: tuple[int | None, ...]
    organization: tuple[int, ...]
    # Per person: the index of their unit.
    people: tuple[int, ...]
    # Per user: unit index -> the role there.
    roles: tuple[dict[int, RoleSpec], ...]


@st.composite
def plans(draw) -> Plan:
    parents: list[int | None] = []
    organization: list[int] = []
    for org in range(draw(st.integers(1, 3))):
        top = len(parents)
        parents.append(None)
        organization.append(org)
        # Each new unit hangs below a random earlier unit of its organization: random depth
        # and branching (shrinking towards a flat tree under the top unit).
        for _ in range(draw(st.integers(0, 6))):
            parents.append(draw(st.integers(top, len(parents) - 1)))
            organization.append(org)
    unit = st.integers(0, len(parents) - 1)
    role = st.builds(RoleSpec, kind=st.sampled_from(KINDS), oversight=st.booleans(),
                     identity=st.booleans())
    return Plan(parents=tuple(parents), organization=tuple(organization),
                people=tuple(draw(st.lists(unit, max_size=12))),
                roles=tuple(draw(st.lists(st.dictionaries(unit, role, max_size=3),
                                          min_size=1, max_size=3))))


# --- the model ---

def _at_or_below(plan: Plan, unit: int, top: int) -> bool:
    current: int | None = unit
    while current is not None:
        if current == top:
            return True
        current = plan.parents[current]
    return False


def _gives(plan: Plan, role_unit: int, role: RoleSpec, unit: int) -> bool:
    """The unit itself, or its subtree with oversight."""
    return unit == role_unit or (role.oversight and _at_or_below(plan, unit, role_unit))


def expected_people(plan: Plan, roles: dict[int, RoleSpec], action: str) -> set[int]:
    return {i for i, unit in enumerate(plan.people)
            if any(role.kind in RECORD_RIGHTS[action]
                   and (action != "reveal" or role.identity)
                   and _gives(plan, role_unit, role, unit)
                   for role_unit, role in roles.items())}


def expected_units(plan: Plan, roles: dict[int, RoleSpec], action: str) -> set[int]:
    units = range(len(plan.parents))
    if action == "view":
        return expected_countable_units(plan, roles)
    return {u for u in units if any(role.kind == "secretary" and _gives(plan, role_unit, role, u)
                                    for role_unit, role in roles.items())}


def expected_countable_units(plan: Plan, roles: dict[int, RoleSpec]) -> set[int]:
    return {u for u in range(len(plan.parents))
            if any(_at_or_below(plan, u, role_unit) for role_unit in roles)}


def expected_countable_people(plan: Plan, roles: dict[int, RoleSpec]) -> set[int]:
    counted = expected_countable_units(plan, roles)
    return {i for i, unit in enumerate(plan.people) if unit in counted}


# --- the database ---

def _build(plan: Plan):
    orgs = [do_create_organization(acting_user=None, data={"name": f"Property Org {n}"})
            for n in range(max(plan.organization) + 1)]
    units: list[Unit] = []
    for i, (parent, org) in enumerate(zip(plan.parents, plan.organization, strict=True)):
        units.append(do_create_unit(
            acting_user=None, organization=orgs[org],
            parent=None if parent is None else units[parent],
            data={"name": f"Unit {i}", "kind": "congress" if parent is None else "committee"}))
    people = [do_create_person(acting_user=None, unit=units[unit],
                               data={"alias": f"property-{i}", "status": "member"})
              for i, unit in enumerate(plan.people)]
    users = []
    for n, roles in enumerate(plan.roles):
        user = User.objects.create_user(f"property-user-{n}")
        for unit, role in roles.items():
            do_grant_role(acting_user=None, user=user, unit=units[unit], kind=role.kind,
                          oversight=role.oversight, identity_access=role.identity)
        users.append(user)
    return units, people, users


def _pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


# Each example writes and rolls back its own savepoint inside the test's transaction, so the
# function-scoped ``db`` fixture is rightly shared by the examples.
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans())
def test_it_restricts_and_counts_exactly_what_the_roles_grant(db, plan):
    with transaction.atomic():
        units, people, users = _build(plan)
        for user, roles in zip(users, plan.roles, strict=True):
            for action in RECORD_RIGHTS:
                assert _pks(Person.objects.restrict(user, action)) == {
                    people[i].pk for i in expected_people(plan, roles, action)}, action
            for action in STRUCTURE_ACTIONS:
                assert _pks(Unit.objects.restrict(user, action)) == {
                    units[u].pk for u in expected_units(plan, roles, action)}, action
            assert _pks(Person.objects.countable(user)) == {
                people[i].pk for i in expected_countable_people(plan, roles)}
            assert _pks(Unit.objects.countable(user)) == {
                units[u].pk for u in expected_countable_units(plan, roles)}
        # Anonymous users are granted nothing.
        for action in RECORD_RIGHTS:
            assert not Person.objects.restrict(None, action).exists(), action
        for action in STRUCTURE_ACTIONS:
            assert not Unit.objects.restrict(None, action).exists(), action
        assert not Person.objects.countable(None).exists()
        assert not Unit.objects.countable(None).exists()
        transaction.set_rollback(True)
