"""Mandates and credentials: seats, voting membership, one mandate per person, the
credentials committee; a refusal saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from congresses.actions import (
    do_confirm_credential,
    do_give_mandate,
    do_record_attendance,
    do_refuse_credential,
    do_update_congress,
)
from congresses.models import Delegate, Mandate
from congresses.seats import seat_table, seats_for_members
from congresses.tests.helpers import conference, members
from people.actions import do_create_person


def _give(world, congress, unit, person):
    return do_give_mandate(acting_user=world.user("cell_secretary"), congress=congress,
                           unit=world.units[unit], person=person, selection="elected",
                           on=date(2026, 2, 1))


@pytest.mark.parametrize(("members_", "per", "rounding", "seats"), [
    (0, 2, "up", 0), (1, 2, "up", 1), (3, 2, "up", 2), (3, 2, "down", 1), (4, 2, "down", 2),
    (1, 5, "down", 1), (5, 2, "nearest", 3), (4, 3, "nearest", 1)])
def test_it_rounds_seats_as_the_key_says(members_, per, rounding, seats):
    assert seats_for_members(members_, per, rounding) == seats


def test_it_computes_the_seats_of_each_cell(world):
    congress = conference(world, per=2)
    members(world, "cell_a", 2, "seat")
    table = {row.unit.name: (row.members, row.seats) for row in seat_table(congress.key)}
    assert table == {"Cell A": (4, 2), "Cell B": (2, 1)}


def test_it_writes_a_credential_that_names_no_person(world):
    congress = conference(world)
    mandate = _give(world, congress, "cell_a", world.people["alias-cella-1"])
    credential = mandate.credential
    assert (credential.number, credential.sending_unit, credential.status) == (
        1, world.units["cell_a"], Delegate.Status.SUBMITTED)
    assert not any(f.related_model and f.related_model.__name__ == "Person"
                   for f in Delegate._meta.get_fields())
    assert _give(world, congress, "cell_a", world.people["alias-cella-2"]).credential.number == 2


def test_it_refuses_a_delegate_over_the_seats(world):
    congress = conference(world, per=2)  # Cell A: 2 voting members, 1 seat
    _give(world, congress, "cell_a", world.people["alias-cella-1"])
    with pytest.raises(ValidationError, match="All 1 seats of this unit are taken"):
        _give(world, congress, "cell_a", world.people["alias-cella-2"])
    assert Mandate.objects.count() == 1 and Delegate.objects.count() == 1


def test_it_refuses_a_person_without_the_vote(world):
    congress = conference(world)
    candidate = do_create_person(acting_user=None, unit=world.units["cell_a"],
                                 data={"alias": "cand-1", "status": "candidate"})
    with pytest.raises(ValidationError, match="voting member"):
        _give(world, congress, "cell_a", candidate)
    with pytest.raises(ValidationError, match="voting member"):
        _give(world, congress, "cell_a", world.people["alias-cellb-1"])  # of another cell
    assert not Delegate.objects.exists()


def test_it_refuses_a_second_mandate_for_the_same_person(world):
    congress = conference(world)
    _give(world, congress, "cell_a", world.people["alias-cella-1"])
    with pytest.raises(ValidationError, match="already has a mandate"):
        _give(world, congress, "cell_a", world.people["alias-cella-1"])
    assert Delegate.objects.count() == 1


def test_it_refuses_a_unit_without_seats_and_a_closed_congress(world):
    congress = conference(world)
    with pytest.raises(ValidationError, match="sends no delegate"):
        _give(world, congress, "cell_c", world.people["alias-cellc-1"])
    do_update_congress(acting_user=None, congress=congress, data={"status": "closed"})
    with pytest.raises(ValidationError, match="closed"):
        _give(world, congress, "cell_a", world.people["alias-cella-1"])


def test_it_frees_the_seat_of_a_refused_credential(world):
    congress = conference(world, per=2)
    first = _give(world, congress, "cell_a", world.people["alias-cella-1"]).credential
    with pytest.raises(ValidationError, match="Say why"):
        do_refuse_credential(acting_user=None, credential=first, reason=" ")
    do_refuse_credential(acting_user=None, credential=first, reason="Not elected by a meeting.")
    second = _give(world, congress, "cell_a", world.people["alias-cella-2"]).credential
    with pytest.raises(ValidationError, match="confirmed credential"):
        do_record_attendance(acting_user=None, credential=second, attendance="present")
    do_confirm_credential(acting_user=None, credential=second)
    do_record_attendance(acting_user=None, credential=second, attendance="present")
    second.refresh_from_db()
    assert (second.status, second.attendance) == ("confirmed", "present")
