"""Elections for the URL walk: Cell A's published chair election (two self-nominations,
one withdrawn in favour of the other, the sole candidate appointed, a term), a Cell A
election still taking nominations, and one of the Other Party's Cell X."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from elections.actions import (
    do_appoint_sole_candidate,
    do_create_election,
    do_nominate,
    do_withdraw_nomination,
)
from elections.models import Election
from elections.terms import do_publish_results


@dataclass
class ElectionWorld:
    elections: dict[str, Election]


def _office(unit, title: str) -> Election:
    return do_create_election(acting_user=None, unit=unit, data={
        "title": title, "sole_candidate_rule": True, "held_on": timezone.localdate()})


def add_election_world(world) -> ElectionWorld:
    chair = _office(world.units["cell_a"], "Chairperson")
    ana = do_nominate(acting_user=None, election=chair,
                      candidate=world.people["alias-cella-1"], self_nominated=True)
    ben = do_nominate(acting_user=None, election=chair,
                      candidate=world.people["alias-cella-2"], self_nominated=True)
    do_withdraw_nomination(acting_user=None, nomination=ben, in_favour_of=ana)
    do_appoint_sole_candidate(acting_user=None, election=chair)
    do_publish_results(acting_user=None, election=chair)
    open_one = _office(world.units["cell_a"], "Treasurer")
    do_nominate(acting_user=None, election=open_one, candidate=world.people["alias-cella-2"],
                nominated_by=world.people["alias-cella-1"])
    other = _office(world.units["cell_x"], "Chairperson")
    do_nominate(acting_user=None, election=other, candidate=world.people["alias-cellx-1"],
                self_nominated=True)
    return ElectionWorld(elections={"chair": chair, "open": open_one, "other": other})
