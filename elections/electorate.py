"""Who may stand and who may vote in an election.

An organ's voting members are the ``Person`` rows of the electing unit with ``kind=member``
and ``status=member``: candidates for membership have a voice, no vote, and cannot stand.
At a congress the confirmed delegates vote and stand instead, named by their credential
(which names no person). Voters are named to the ballot box by their voter key
(``person:<uid>``, ``delegate:<uid>``), never by a relation (see ballots/electorate.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from congresses.ballot_voters import confirmed_delegate_keys
from congresses.models import Delegate, Mandate
from elections.models import Election
from people.models import Person


def person_key(person: Person) -> str:
    return f"person:{person.uid}"


def voting_members(election: Election) -> QuerySet[Person]:
    return Person.objects.filter(unit_id=election.unit_id, kind=Person.Kind.MEMBER,
                                 status=Person.Status.MEMBER)


def confirmed_delegates(election: Election) -> QuerySet[Delegate]:
    if election.congress_id is None:
        return Delegate.objects.none()
    return Delegate.objects.filter(congress_id=election.congress_id,
                                   status=Delegate.Status.CONFIRMED)


def voter_keys(election: Election) -> list[str]:
    """The electorate as the ballot box knows it."""
    if election.congress is not None:
        return confirmed_delegate_keys(election.congress)
    return sorted(person_key(p) for p in voting_members(election))


def is_voting_member(election: Election, person: Person | None) -> bool:
    return person is not None and voting_members(election).filter(pk=person.pk).exists()


def is_confirmed_delegate(election: Election, delegate: Delegate | None) -> bool:
    return delegate is not None and confirmed_delegates(election).filter(
        pk=delegate.pk).exists()


def own_delegate(user: Any, election: Election) -> Delegate | None:
    """The credential of the user's own person at the election's congress."""
    person_id = getattr(user, "person_id", None)
    if person_id is None or election.congress_id is None:
        return None
    mandate = (Mandate.objects.filter(person_id=person_id, congress_id=election.congress_id)
               .select_related("credential").first())
    return mandate.credential if mandate else None


def delegate_person(delegate: Delegate) -> Person | None:
    """The person a credential's mandate names (the sending unit's record): for granting
    the role of an elected delegate, never for showing."""
    mandate = Mandate.objects.filter(credential=delegate).select_related("person").first()
    return mandate.person if mandate else None
