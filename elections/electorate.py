"""Who may stand and who may vote in an election.

The organ's voting members are the ``Person`` rows of the electing unit with ``kind=member``
and ``status=member``: candidates for membership have a voice, no vote, and cannot stand.
Voters are named to the ballot box by their voter key (``person:<uid>``), never by a
relation (see ballots/electorate.py).
"""

from __future__ import annotations

from django.db.models import QuerySet

from elections.models import Election
from people.models import Person


def person_key(person: Person) -> str:
    return f"person:{person.uid}"


def voting_members(election: Election) -> QuerySet[Person]:
    return Person.objects.filter(unit_id=election.unit_id, kind=Person.Kind.MEMBER,
                                 status=Person.Status.MEMBER)


def voter_keys(election: Election) -> set[str]:
    """The electorate as the ballot box knows it."""
    return {person_key(p) for p in voting_members(election)}


def is_voting_member(election: Election, person: Person | None) -> bool:
    return person is not None and voting_members(election).filter(pk=person.pk).exists()
