"""The class composition of a body: counts and shares per class position, never who.

004 judges a party by "the class composition of its organisations and members from its
executive organs to its basic organisations". A body is a congress's confirmed delegates or
the voting members of a unit (a central committee, a cell). The positions are sealed in the
members' identities, so counting decrypts them — here, in memory, and nothing but the counts
leaves this module.

A count is itself an identity when the group is small: in a body of twelve where one person
is a student, everyone who knows the body knows who. So the breakdown is refused when any
non-empty group is smaller than the threshold (``NUCLEUS_COMPOSITION_THRESHOLD``, default
5), and only the total is shown; a total below the threshold shows nothing but the refusal.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from access import dbwall
from audit.log import record_security_event
from audit.models import AuditEvent
from congresses.catalogue import positions_for
from congresses.models import Congress, Delegate, Mandate
from organizations.models import Organization, Unit
from people.models import Person


@dataclass(frozen=True)
class Group:
    label: str
    count: int
    share: float  # percent of the total, one decimal


@dataclass(frozen=True)
class Report:
    threshold: int
    total: int | None  # None: the total itself is below the threshold
    groups: list[Group] = field(default_factory=list)
    refusal: str = ""

    @property
    def shown(self) -> bool:
        return not self.refusal


def threshold() -> int:
    return int(getattr(settings, "NUCLEUS_COMPOSITION_THRESHOLD", 5))


def refusal_message(limit: int) -> str:
    return _("Not shown: a group would have fewer than %(threshold)s people, who could be "
             "identified by elimination.") % {"threshold": limit}


def breakdown(positions: list[str], labels: dict[str, str], *, limit: int,
              unknown: str) -> Report:
    """The report from the positions of a body's people (one entry each, "" when not
    recorded): pure, so the threshold's boundaries are tested without a database."""
    total = len(positions)
    if total < limit:
        return Report(threshold=limit, total=None, refusal=refusal_message(limit))
    counts = Counter(p if p in labels else "" for p in positions)
    if any(0 < n < limit for n in counts.values()):
        return Report(threshold=limit, total=total, refusal=refusal_message(limit))
    order = [*labels, ""]
    groups = [Group(labels.get(key, unknown), counts[key], round(100 * counts[key] / total, 1))
              for key in order if counts[key]]
    return Report(threshold=limit, total=total, groups=groups)


def _positions(people: list[Person]) -> list[str]:
    # Decrypted one at a time; only the position is kept, the rest of the identity is
    # dropped at once.
    return [person.unseal_identity().class_position for person in people]


def _report(organization: Organization, people: list[Person]) -> Report:
    labels = {str(p.uid): p.label for p in positions_for(organization)}
    return breakdown(_positions(people), labels, limit=threshold(),
                     unknown=_("Not recorded"))


def congress_report(user, congress: Congress) -> Report:
    """The confirmed delegates of a congress. The caller has fetched the congress with the
    view right (the convening unit's records). The delegates' people are other compartments'
    records, behind their database wall: read under the system scope, and only their count
    per position leaves. The reading is audited on the congress."""
    with dbwall.system_scope():
        people = list(Person.objects.filter(
            pk__in=Mandate.objects.filter(congress=congress,
                                          credential__status=Delegate.Status.CONFIRMED)
            .values("person_id")).select_related("unit"))
        report = _report(congress.unit.organization, people)
    _audit(user, congress)
    return report


def unit_report(user, unit: Unit, *, below: bool = False) -> Report:
    """The voting members of a unit (with ``below``, of its whole subtree). The caller has
    fetched the unit with the view right: an aggregate flows up to every role that counts
    the unit, and the database wall of those roles already holds the rows counted."""
    voting = Person.objects.filter(kind=Person.Kind.MEMBER, status=Person.Status.MEMBER)
    voting = (voting.filter(unit__path__startswith=unit.path) if below
              else voting.filter(unit=unit))
    report = _report(unit.organization, list(voting.select_related("unit")))
    _audit(user, unit)
    return report


def _audit(user, subject) -> None:
    # Like the exposure report: who read an aggregate of sealed values, and of what.
    record_security_event(kind=AuditEvent.Action.SECURITY, actor=user, subject=subject,
                          detail={"read": "composition report"})
