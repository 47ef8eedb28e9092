"""The voter keys a congress adds to the electorate (``ballots/electorate.py`` finds this
module by name): ``"delegate:<credential uid>"`` for each confirmed credential of a mandate of
the user's own person.

Ballots keep keys, never a relation to the voter, so the key names the credential (the
congress's record) and not the person (the sending unit's)."""

from __future__ import annotations

from congresses.models import Congress, Delegate, Mandate


def delegate_keys_for(user) -> set[str]:
    """The delegate keys of the user's own person: confirmed credentials only."""
    person_id = getattr(user, "person_id", None)
    if not getattr(user, "is_authenticated", False) or person_id is None:
        return set()
    credentials = (Mandate.objects.filter(person_id=person_id,
                                          credential__status=Delegate.Status.CONFIRMED)
                   .values_list("credential__uid", flat=True))
    return {f"delegate:{uid}" for uid in credentials}


def confirmed_delegate_keys(congress: Congress) -> list[str]:
    """Every confirmed delegate's key at ``congress``, in credential order: the electorate of
    a vote of the congress."""
    return [d.voter_key for d in congress.delegates.filter(status=Delegate.Status.CONFIRMED)
            .order_by("number")]


# The provider ballots/electorate.py calls; the name is the module's contract.
voter_keys = delegate_keys_for
