"""The exposure report of a frozen account, read from the audit log.

Every row the account wrote as actor is sorted into what it says about exposure: identities
revealed (people), notes revealed (other records), exports, lookups, changes, logins. The
reader is shown each row through their own scope, as everywhere else: a row the audit log's
own rule lets them read (``AuditEvent.objects.restrict``: their units' rows, the account's
logins) in full, with the person's alias only when they may see that person; in a unit they
see only in the tree, a count for that unit; elsewhere nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from access.models import Role
from audit.models import AuditEvent
from organizations.models import Unit
from people.lookup import LOOKUP_FIELD
from people.models import Person
from safety.exposure import SeenUnit, seen_units
from safety.models import Freeze

PERSON = "people.Person"
IDENTITY, NOTE, EXPORT, LOOKUP, CHANGE, OTHER = (
    "identity", "note", "export", "lookup", "change", "other")
CHANGES = frozenset({"create", "update", "delete", "move", "merge"})


def category_of(event: AuditEvent) -> str:
    if event.action == "reveal":
        # A lookup by phone or email is written as a reveal marked "lookup" (people.lookup).
        if LOOKUP_FIELD in event.fields:
            return LOOKUP
        return IDENTITY if event.model == PERSON else NOTE
    if event.action in (EXPORT, LOOKUP):
        return event.action
    return CHANGE if event.action in CHANGES else OTHER


@dataclass
class Line:
    """One audit row the reader may see in full."""

    event: AuditEvent
    category: str
    what: str
    unit: Unit | None
    person: Person | None = None

    @property
    def action(self) -> str:
        # Exports and lookups are not actions of their own in the audit log's choices.
        if self.category == EXPORT:
            return _("Downloaded")
        if self.category == LOOKUP:
            return _("Looked up by phone or email")
        return str(self.event.get_action_display())


@dataclass
class UnitTally:
    """What the account did in one unit, by category (in units the reader sees only in the
    tree, this is all the reader is shown)."""

    unit: Unit
    detailed: bool = False
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class Report:
    freeze: Freeze
    lines: list[Line]
    units: list[UnitTally]
    seen: list[SeenUnit]
    # The roles the freeze suspended that the reader may see.
    roles: list[Role]

    def of(self, category: str) -> list[Line]:
        return [line for line in self.lines if line.category == category]

    @property
    def identities(self) -> list[Line]:
        return self.of(IDENTITY)

    @property
    def notes(self) -> list[Line]:
        return self.of(NOTE)

    @property
    def exports(self) -> list[Line]:
        return self.of(EXPORT)

    @property
    def lookups(self) -> list[Line]:
        return self.of(LOOKUP)

    @property
    def changes(self) -> list[Line]:
        return self.of(CHANGE)

    @property
    def other(self) -> list[Line]:
        return self.of(OTHER)

    @property
    def people(self) -> list[Person]:
        """The people whose records the account touched, as far as the reader sees them."""
        found = {line.person.pk: line.person for line in self.lines if line.person}
        return sorted(found.values(), key=lambda p: p.alias)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _label(event: AuditEvent) -> str:
    model = _model(event.model)
    if model is None:
        return event.model
    return str(model._meta.verbose_name).capitalize()


def build_report(reader: Any, freeze: Freeze) -> Report:
    """The report of ``freeze`` for ``reader`` (who reached it through
    ``Freeze.objects.restrict(reader, "change")``)."""
    events = list(AuditEvent.objects.filter(actor_id=freeze.user_id).order_by("at", "id"))
    # The rows the reader may read in full: the audit log's own access rule.
    readable = set(AuditEvent.objects.restrict(reader).filter(actor_id=freeze.user_id)
                   .values_list("pk", flat=True))
    tree = {u.pk: u for u in Unit.objects.restrict(reader)}
    people = {p.pk: p for p in Person.objects.restrict(reader).filter(
        pk__in={e.object_id for e in events if e.model == PERSON})}
    lines: list[Line] = []
    tallies: dict[int, UnitTally] = {}
    for event in events:
        category = category_of(event)
        if event.unit_id is not None and event.unit_id in tree:
            tally = tallies.setdefault(event.unit_id, UnitTally(unit=tree[event.unit_id]))
            tally.counts[category] += 1
            tally.detailed = tally.detailed or event.pk in readable
        if event.pk not in readable:
            continue
        person = people.get(event.object_id) if event.model == PERSON else None
        what = person.alias if person else (
            _("a person no longer in your units") if event.model == PERSON else _label(event))
        lines.append(Line(event=event, category=category, what=what, person=person,
                          unit=tree.get(event.unit_id) if event.unit_id else None))
    return Report(freeze=freeze, lines=lines,
                  units=sorted(tallies.values(), key=lambda t: t.unit.path),
                  seen=seen_units(reader, freeze.exposure),
                  roles=list(Role.objects.restrict(reader).filter(
                      pk__in=freeze.suspended_roles.values("pk")).select_related("unit")))
