"""The need-to-know scope of one user: the single place where access is decided.

A role on a unit grants its records (people and everything they own) for that unit; with
oversight, for its whole subtree. Every unit below a role unit is visible as structure with
aggregate counts only. Nothing above or beside a role unit is visible. Coalition office users
see the coalition, its member organizations' public profiles, and what is sent to the coalition
(``Scope.coalition_sent_q``: also read by the sender and, where shared, by the members).
A record whose anchor declares ``sent_up`` (a unit's review) is also read by the roles of the
unit directly above once the unit has sent it up (``Scope.sent_up_q``). A record whose anchor
declares a ``member_right`` (activities, assessments) is also added by the members of its unit,
who change and delete the rows they recorded themselves (``Scope.member_q``).

Every model declares its ``Anchor`` (``access/anchor.py``); ``Scope.q_for(anchor, action)``
turns it into the one filter that lists, detail pages, form choices, API endpoints, search,
exports and commands all use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from access import anchor as kinds
from access.anchor import Anchor

if TYPE_CHECKING:
    from organizations.models import Unit

NOTHING = Q(pk__in=[])

SECRETARY, ORGANIZER, MEMBER, OBSERVER = "secretary", "organizer", "member", "observer"
ROLE_KINDS = (SECRETARY, ORGANIZER, MEMBER, OBSERVER)
# Which role kinds may do what with a unit's records.
RECORD_ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLE_KINDS),
    "add": frozenset({SECRETARY, ORGANIZER}),
    "change": frozenset({SECRETARY, ORGANIZER}),
    "delete": frozenset({SECRETARY}),
    "reveal": frozenset(ROLE_KINDS),  # and the role's identity flag, see Grant.allows
}
# What a member right (Anchor.member_right) adds to a member's role.
MEMBER_ACTIONS = frozenset({"add", "change", "delete"})
# The coalition membership statuses whose organizations read what is shared with the members.
SHARING_STATUSES = ("member", "signatory")
# Changing structure (units, roles) is for secretaries.
STRUCTURE_ACTIONS: dict[str, frozenset[str]] = {
    "view": frozenset(ROLE_KINDS),
    "change": frozenset({SECRETARY}),
    "add": frozenset({SECRETARY}),
    "delete": frozenset({SECRETARY}),
}


@dataclass(frozen=True)
class Grant:
    unit_id: int
    path: str
    organization_id: int
    kind: str
    oversight: bool
    identity: bool
    # The unit's secretary lets its members assess contacts (organizations.Unit).
    members_assess: bool = False

    def allows(self, action: str, table: dict[str, frozenset[str]] = RECORD_ACTIONS) -> bool:
        if action not in table:
            raise ValueError(f"unknown action {action!r}")
        if action == "reveal" and not self.identity:
            return False
        return self.kind in table[action]

    def covers(self, path: str, unit_id: int) -> bool:
        return unit_id == self.unit_id or (self.oversight and path.startswith(self.path))

    def member_may(self, right: str | None) -> bool:
        """A member's own right on the records of their unit (never of the units below:
        oversight widens what a role sees, not what a member records)."""
        if self.kind != MEMBER or right is None:
            return False
        return right == kinds.LOG or (right == kinds.ASSESS and self.members_assess)


def _any(qs: list[Q]) -> Q:
    return reduce(or_, qs) if qs else NOTHING


class Scope:
    """Loaded once per request (two queries) and cached on the user object."""

    def __init__(self, user: Any) -> None:
        from access.models import CoalitionOffice, Role

        self.user = user
        self.authenticated = bool(user and user.is_authenticated)
        self.grants: tuple[Grant, ...] = ()
        self.office_coalition_ids: frozenset[int] = frozenset()
        # Unit ids per action, for checks without a query (Scope.permits).
        self._unit_ids: dict[str, frozenset[int]] = {}
        if self.authenticated:
            # Only the columns a grant holds: every request of a logged-in user builds this,
            # and Role and Unit instances (all their columns) cost more than the query.
            self.grants = tuple(
                Grant(*row) for row in Role.objects.filter(user=user)
                .active(timezone.localdate()).values_list(
                    "unit_id", "unit__path", "unit__organization_id", "kind", "oversight",
                    "identity_access", "unit__members_assess"))
            self.office_coalition_ids = frozenset(
                CoalitionOffice.objects.filter(user=user).values_list("coalition_id", flat=True))

    # --- the one entry point: an anchor declaration and an action ---
    def q_for(self, anchor: Anchor, action: str) -> Q:
        prefix, kind = anchor.prefix, anchor.kind
        if kind == kinds.RECORD:
            if anchor.sent_up is not None and action == "view":
                return self.records_q(prefix, action) | self.sent_up_q(prefix, anchor.sent_up)
            if anchor.member_right is not None and action in MEMBER_ACTIONS:
                return _any([q for q in (self.records_q(prefix, action),
                                         self.member_q(anchor, action)) if q is not NOTHING])
            return self.records_q(prefix, action)
        if kind == kinds.STRUCTURE:
            return (self.units_q(prefix, "view") if action == "view"
                    else self.records_q(prefix, action))
        if kind == kinds.UNIT:
            return self.units_q(prefix, action)
        if kind == kinds.ROLE:
            return self.records_q(prefix, "view" if action == "view" else "delete")
        if kind == kinds.CATALOGUE:
            if action == "view":
                return Q(**{f"{prefix}id__in": self.organization_ids})
            return self.organizations_q(prefix, action)
        if kind == kinds.ORGANIZATION_WIDE:
            if action == "view":
                return Q(**{f"{prefix}id__in": self.organization_ids})
            return Q(**{f"{prefix}id__in": {g.organization_id for g in self.grants
                                             if g.allows(action)}})
        if kind == kinds.ORGANIZATION:
            return self.organizations_q(prefix, action)
        if kind == kinds.COALITION:
            return self.coalitions_q(prefix, action)
        if kind == kinds.COALITION_SENT:
            return self.coalition_sent_q(anchor, action)
        if kind == kinds.PUBLIC:
            return Q() if self.authenticated and action == "view" else NOTHING
        raise ValueError(f"no access rule for anchor kind {kind!r}")

    def countable_q(self, anchor: Anchor) -> Q:
        """Rows that may be counted (never listed): for unit anchors everything below a role
        unit; for organization-level rows exactly what may be viewed."""
        if not anchor.has_unit:
            return self.q_for(anchor, "view")
        path = anchor.count_path if anchor.count_path is not None else anchor.path
        return self.counts_q(f"{path}__" if path else "")

    def strictly_below_q(self, prefix: str, action: str) -> Q:
        """Units strictly below a unit where the user holds an ``action`` role with
        oversight: where a responsible committee decides (a field's priority)."""
        return _any([Q(**{f"{prefix}path__startswith": g.path}) & ~Q(**{f"{prefix}id": g.unit_id})
                     for g in self.grants if g.oversight and g.allows(action)])

    # --- records owned by a unit (people, and later contacts, activities ...) ---
    def records_q(self, prefix: str = "unit__", action: str = "view") -> Q:
        parts = []
        for g in self.grants:
            if g.allows(action):
                parts.append(Q(**{f"{prefix}path__startswith": g.path}) if g.oversight
                             else Q(**{f"{prefix}id": g.unit_id}))
        return _any(parts)

    def member_units(self, right: str | None) -> list[int]:
        return [g.unit_id for g in self.grants if g.member_may(right)]

    def member_q(self, anchor: Anchor, action: str) -> Q:
        """A member's own field work (``anchor.member_right``): adding in their unit;
        changing and deleting what they recorded themselves (``anchor.own``)."""
        units = self.member_units(anchor.member_right)
        if not units or action not in MEMBER_ACTIONS:
            return NOTHING
        q = Q(**{f"{anchor.prefix}id__in": units})
        if action == "add":
            return q
        if anchor.own is None:
            return NOTHING
        return q & Q(**{anchor.own: self.user.pk})

    def record_units_q(self, anchor: Anchor, action: str, prefix: str = "") -> Q:
        """Units where the user may ``action`` the records an anchor declares; for "add",
        the units a new such record may go to (a member's own field work included)."""
        if anchor.kind not in (kinds.RECORD, kinds.STRUCTURE):
            raise ValueError(f"no unit of records for anchor kind {anchor.kind!r}")
        q = self.records_q(prefix, action)
        units = self.member_units(anchor.member_right) if action == "add" else []
        if not units:
            return q
        member = Q(**{f"{prefix}id__in": units})
        return member if q is NOTHING else q | member

    def _record_unit_ids(self, action: str) -> frozenset[int]:
        # One query per action and request, only for grants with oversight.
        if action not in self._unit_ids:
            ids = {g.unit_id for g in self.grants if g.allows(action) and not g.oversight}
            paths = [g.path for g in self.grants if g.allows(action) and g.oversight]
            if paths:
                from django.apps import apps

                units = apps.get_model("organizations", "Unit").objects
                ids.update(units.filter(_any([Q(path__startswith=p) for p in paths]))
                           .values_list("id", flat=True))
            self._unit_ids[action] = frozenset(ids)
        return self._unit_ids[action]

    def permits(self, anchor: Anchor, action: str, unit_id: int | None,
                owner_id: int | None = None) -> bool | None:
        """Whether ``restrict(user, action)`` holds a record of ``anchor`` on that unit
        (recorded by ``owner_id``), decided from the grants without a query per record;
        None where only the query can tell (views, organization-level kinds)."""
        if action == "view" or anchor.kind not in (kinds.RECORD, kinds.STRUCTURE, kinds.ROLE):
            return None
        if unit_id is None:
            return False
        table_action = "delete" if anchor.kind == kinds.ROLE else action
        if unit_id in self._record_unit_ids(table_action):
            return True
        if anchor.kind != kinds.RECORD or unit_id not in self.member_units(anchor.member_right):
            return False
        return action == "add" or (action in MEMBER_ACTIONS and anchor.own is not None
                                   and owner_id is not None and owner_id == self.user.pk)

    def sent_up_q(self, prefix: str, sent_up: str) -> Q:
        """Records sent up (``sent_up`` set) by a unit directly below a unit where the user
        holds a role: the committee a review was sent to reads it, whatever its role's kind
        and oversight; nobody further up does (with oversight they see it as a record)."""
        parents = {g.unit_id for g in self.grants if g.allows("view")}
        if not parents:
            return NOTHING
        return Q(**{f"{prefix}parent_id__in": parents, f"{sent_up}__isnull": False})

    def sees_records_of(self, unit: Unit, action: str = "view") -> bool:
        return any(g.allows(action) and g.covers(unit.path, unit.id) for g in self.grants)

    # --- structure: units visible as names and counts ---
    def units_q(self, prefix: str = "", action: str = "view") -> Q:
        parts = []
        for g in self.grants:
            if not g.allows(action, STRUCTURE_ACTIONS):
                continue
            if action == "view" or g.oversight:
                parts.append(Q(**{f"{prefix}path__startswith": g.path}))
            else:
                parts.append(Q(**{f"{prefix}id": g.unit_id}))
        return _any(parts)

    def counts_q(self, prefix: str = "unit__") -> Q:
        """Records that may be counted (never listed): everything below a role unit."""
        return _any([Q(**{f"{prefix}path__startswith": g.path}) for g in self.grants])

    # --- organizations and coalitions ---
    @property
    def organization_ids(self) -> frozenset[int]:
        return frozenset(g.organization_id for g in self.grants)

    def organizations_q(self, prefix: str = "", action: str = "view") -> Q:
        if not self.authenticated:
            return NOTHING
        if action == "view":
            return (Q(**{f"{prefix}id__in": self.organization_ids})
                    | Q(**{f"{prefix}parent_organization_id__in": self.organization_ids})
                    | Q(**{f"{prefix}coalition_memberships__coalition_id__in":
                           self.office_coalition_ids})
                    | Q(**{f"{prefix}registered_by_id__in": self.office_coalition_ids}))
        if action == "reveal":
            # Somewhere in the organization the user may see identities: the lookup by phone
            # or email is offered (and answers) only there.
            return Q(**{f"{prefix}id__in": {g.organization_id for g in self.grants
                                             if g.allows("reveal")}})
        # Editing a profile: a secretary of the organization's top unit, or the coalition
        # office that registered an organization which has no users of its own.
        top = [g.organization_id for g in self.grants
               if g.kind == SECRETARY and g.path.count("/") == 2]
        return (Q(**{f"{prefix}id__in": top})
                | Q(**{f"{prefix}registered_by_id__in": self.office_coalition_ids}))

    def coalitions_q(self, prefix: str = "", action: str = "view") -> Q:
        if not self.authenticated:
            return NOTHING
        office = Q(**{f"{prefix}id__in": self.office_coalition_ids})
        if action == "view":
            return office | Q(**{f"{prefix}memberships__organization_id__in":
                                 self.organization_ids})
        return office

    def coalition_sent_q(self, anchor: Anchor, action: str) -> Q:
        """What an organization sent to a coalition: read by the coalition's office, by the
        sending organization's users (any role in it) and, where the record's ``shared``
        field is true, by the users of the coalition's member and signatory organizations.
        Only the office changes it (through its actions): a sent record is not edited by its
        sender, a correction is sent anew."""
        if not self.authenticated:
            return NOTHING
        prefix = anchor.prefix
        office = Q(**{f"{prefix}id__in": self.office_coalition_ids})
        if action != "view":
            return office
        assert anchor.sender is not None  # Anchor.__post_init__ requires it for this kind
        seen = office | Q(**{f"{anchor.sender}__id__in": self.organization_ids})
        if anchor.shared is not None and self.organization_ids:
            # Membership statuses as organizations.CoalitionMembership names them (the access
            # layer imports no domain app): observers, suspended and former members do not read.
            seen |= Q(**{anchor.shared: True,
                         f"{prefix}memberships__organization_id__in": self.organization_ids,
                         f"{prefix}memberships__status__in": SHARING_STATUSES})
        return seen


_ATTR = "_nucleus_scope"


def scope_for(user: Any) -> Scope:
    scope = getattr(user, _ATTR, None) if user is not None else None
    if scope is None:
        # The user's own roles are read past the database wall (PostgreSQL), as the wall
        # reads them to draw itself: under the user's wall, this scope's first query would
        # make the wall build a second scope of the same user before this one is kept.
        from access import dbwall

        with dbwall.system_scope():
            scope = Scope(user)
        if user is not None and user.is_authenticated:
            setattr(user, _ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Call after changing a user's roles within the same request."""
    if hasattr(user, _ATTR):
        delattr(user, _ATTR)
