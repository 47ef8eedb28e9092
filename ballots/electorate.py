"""Voter keys: who a user may vote as, and an organ's voting members.

A voter key is a string, ``"person:<uid>"`` for a member of an organ, ``"delegate:<uid>"``
for a congress delegate's credential (added by ``congresses``). A box keeps the keys of its
electorate, never a foreign key to a voter. ``voter_keys_for(user)`` is the user's own
person's key plus what the providers add: another app registers one in a module named
``ballot_voters`` (found by ``ballots.apps``), with ``register(provider)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Provider = Callable[[Any], Iterable[str]]

_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider of voter keys (usable as a decorator); registering twice is a no-op."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def register_module(module: Any) -> None:
    """A ``ballot_voters`` module found by ``ballots.apps``: its ``voter_keys`` function, if
    it names one, is registered (a module may also call ``register`` itself)."""
    provider = getattr(module, "voter_keys", None)
    if callable(provider):
        register(provider)


def person_key(person: Any) -> str:
    return f"person:{person.uid}"


def voter_keys_for(user: Any) -> set[str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    keys: set[str] = set()
    if user.person_id is not None:
        from access import dbwall
        from people.models import Person

        # A member without a role on their own unit does not see their person row behind
        # PostgreSQL's wall: only its uid is read, for the user's own person.
        with dbwall.system_scope():
            uid = Person.objects.filter(pk=user.person_id).values_list("uid", flat=True).first()
        if uid is not None:
            keys.add(f"person:{uid}")
    for provider in _PROVIDERS:
        keys.update(provider(user))
    return keys


def organ_voter_keys(unit: Any) -> list[str]:
    """The organ's voting members: its people of kind member with status member (a
    candidate member has a voice, no vote)."""
    from people.models import Person

    people = Person.objects.filter(unit=unit, kind=Person.Kind.MEMBER,
                                   status=Person.Status.MEMBER).order_by("uid")
    return [person_key(p) for p in people]


def box_for_voter(user: Any, uid: Any) -> Any:
    """The box named by ``uid``, for whoever sees the organ's records or is one of its
    voters (a congress delegate casts without a role on the organ); else Http404, as for a
    missing box. The cast page and the API's ``cast`` use it, nothing else."""
    from django.http import Http404

    from access import dbwall
    from ballots.models import BallotBox

    seen = BallotBox.objects.restrict(user).filter(uid=uid).first()
    if seen is not None:
        return seen
    # Past PostgreSQL's wall (a delegate holds no role on the organ): the box is read only
    # to compare its electorate with the user's own keys.
    with dbwall.system_scope():
        box = BallotBox.objects.filter(uid=uid).first()
    if box is None or not voter_keys_for(user) & set(box.electorate):
        raise Http404("No ballot box matches the given query.")
    return box
