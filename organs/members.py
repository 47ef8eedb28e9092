"""The members of an organ and the quorum of a meeting, read from the records.

An organ's members are its unit's persons of kind member; its voting members those of them
with status member (candidates have a voice, no vote). ``quorum_of`` counts the voting
members marked present at a meeting against the organ's quorum rule."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from organizations.models import Unit
from organs import rules
from organs.models import Attendance, Meeting, OrganRules
from people.models import Person


def members_of(unit: Unit) -> QuerySet[Person]:
    return Person.objects.filter(unit=unit, kind=Person.Kind.MEMBER).exclude(
        status=Person.Status.LEFT)


def voting_members_of(unit: Unit) -> QuerySet[Person]:
    return Person.objects.filter(unit=unit, kind=Person.Kind.MEMBER,
                                 status=Person.Status.MEMBER)


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    needed: int

    @property
    def reached(self) -> bool:
        return self.present >= self.needed


def quorum_of(meeting: Meeting) -> Quorum:
    members = voting_members_of(meeting.unit)
    present = Attendance.objects.filter(meeting=meeting, presence=Attendance.Presence.PRESENT,
                                        person__in=members).count()
    count = members.count()
    return Quorum(members=count, present=present,
                  needed=rules.quorum_needed(OrganRules.of(meeting.unit).quorum, count))
