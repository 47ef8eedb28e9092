"""The delegate keys a congress adds to the electorate."""

from __future__ import annotations

from datetime import date

from congresses.actions import do_confirm_credential, do_give_mandate
from congresses.ballot_voters import confirmed_delegate_keys, delegate_keys_for
from congresses.tests.helpers import conference


def test_it_gives_the_users_person_the_keys_of_confirmed_credentials_only(world):
    congress = conference(world)
    user = world.user("cell_member")
    user.person = world.people["alias-cella-1"]
    user.save()
    mandate = do_give_mandate(acting_user=None, congress=congress, unit=world.units["cell_a"],
                              person=user.person, selection="elected", on=date(2026, 2, 1))
    other = do_give_mandate(acting_user=None, congress=congress, unit=world.units["cell_b"],
                            person=world.people["alias-cellb-1"], selection="appointed",
                            on=date(2026, 2, 1))
    assert delegate_keys_for(user) == set()
    do_confirm_credential(acting_user=None, credential=mandate.credential)
    do_confirm_credential(acting_user=None, credential=other.credential)
    assert delegate_keys_for(user) == {f"delegate:{mandate.credential.uid}"}
    assert confirmed_delegate_keys(congress) == [f"delegate:{mandate.credential.uid}",
                                                 f"delegate:{other.credential.uid}"]


def test_it_gives_nothing_to_a_user_without_a_person(world):
    assert delegate_keys_for(world.user("cell_secretary")) == set()
    assert delegate_keys_for(world.user("anonymous")) == set()
