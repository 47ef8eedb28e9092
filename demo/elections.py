"""Elections in the demo, through the elections actions (after the organs' and congresses'
demos).

* WPI's Central Committee, after the founder's death (001): the election of a leader,
  recorded from the public record — Taqvaee and Modaressi nominated themselves, Koroosh
  Modaressi was chosen. Public figures: named, never persons. It cites the organs demo's
  decision for an immediate election when there is one.
* WPI's 4th Congress (001): Modaressi did not stand again, in favour of Hamid Taqvaee, who
  as the only candidate was appointed automatically — a withdrawal in favour and the
  sole-candidate rule. The two terms of the Chairperson are kept on the Central Committee;
  the 4th Congress's is published first, so that the profile names only the current holder
  (the profile keeps no end of an office) and the 2002 term ends where it began.
* The Kurdistan cells' conference (congresses demo): an STV election of a 3-seat committee
  among its four confirmed delegates, two ballots cast in the app (the ``secretary`` and
  ``neighbour`` logins are delegates) and one paper ballot entered by two tellers (two
  logins without a password, secretaries of the Kurdistan Committee for the count only).
  The committee's terms give no role, so the demo logins see what docs/demo.md says.

Finds before creating: loading twice creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.conf import settings

from access.actions import do_grant_role, do_revoke_role
from accounts.models import User
from ballots.actions import do_cast_ballot
from ballots.paper import do_enter_first_count, do_enter_second_count
from congresses.models import Congress, Mandate
from demo.seeds import read_seed
from demo.seeds_elections import LeaderElections, parse_leader_elections
from elections.actions import (
    do_accept_nomination,
    do_appoint_sole_candidate,
    do_create_election,
    do_nominate,
    do_record_outcome,
    do_withdraw_nomination,
)
from elections.models import Election, Nomination
from elections.terms import do_publish_results
from elections.voting import do_close_vote, do_open_vote
from organizations.models import Unit
from organs.models import Decision
from people.models import Person

CHAIRPERSON = "Chairperson"
# The seed gives only the year of the Central Committee's vote: a stand-in day.
LEADER_ELECTION_DAY = (7, 1)
COMMITTEE = "Kurdistan Committee"
# (alias of the candidate, alias of the nominating delegate or None for a self-nomination)
CANDIDATES = (("Cell-Sara", None), ("Cell-Rojin", None), ("Cell-Leyla", "Cell-Rojin"),
              ("Cell-Soran", "Cell-Sara"))
# Rankings by candidate alias: two cast in the app by the delegates with a login, one on
# paper (Cell-Soran was excused).
APP_BALLOTS = (("secretary", ("Cell-Sara", "Cell-Leyla", "Cell-Rojin")),
               ("neighbour", ("Cell-Rojin", "Cell-Sara", "Cell-Soran")))
PAPER_BALLOT = ("Cell-Sara", "Cell-Soran", "Cell-Leyla")
TELLERS = ("conference-teller-1", "conference-teller-2")


def _leaders() -> LeaderElections:
    name, text = read_seed(settings.NUCLEUS_SEEDS_DIR, "001")
    return parse_leader_elections(text, source=name)


def _election(unit: Unit, title: str, held_on: date, **data) -> tuple[Election, bool]:
    found = Election.objects.filter(unit=unit, title=title, held_on=held_on).first()
    if found is not None:
        return found, False
    return do_create_election(acting_user=None, unit=unit, data={
        "title": title, "held_on": held_on, **data}), True


def _public(election: Election, name: str, self_nominated: bool = True) -> Nomination:
    return do_nominate(acting_user=None, election=election, public_name=name,
                       self_nominated=self_nominated, on=election.held_on)


def _leader_election(units: dict[str, Unit], seed: LeaderElections) -> tuple[Election, int]:
    cc = units["cc"]
    decision = Decision.objects.filter(unit=cc, title__icontains="election").first()
    election, new = _election(cc, CHAIRPERSON, date(seed.year, *LEADER_ELECTION_DAY),
                              method="recorded", called_by=decision, note=(
                                  "The Central Committee voted for the immediate election "
                                  "of a leader; both candidates nominated themselves."))
    if not new:
        return election, 0
    nominations = {name: _public(election, name) for name in seed.self_nominated}
    do_record_outcome(acting_user=None, election=election,
                      elected=[nominations[seed.chosen]])
    return election, 1 + len(nominations)


def _fourth_congress(units: dict[str, Unit], seed: LeaderElections) -> tuple[Election, int]:
    fourth = Congress.objects.get(unit=units["congress"], kind=Congress.Kind.CONGRESS,
                                  number=4)
    election, new = _election(units["congress"], CHAIRPERSON, fourth.starts_on,
                              method="recorded", congress=fourth, seat_unit=units["cc"],
                              sole_candidate_rule=True, note=(
                                  "Modaressi did not nominate himself again, standing down "
                                  "in favour of Taqvaee, the only candidate."))
    if not new:
        return election, 0
    sole = _public(election, seed.sole_candidate, self_nominated=False)
    do_accept_nomination(acting_user=None, nomination=sole)
    stood_down = _public(election, seed.stood_down, self_nominated=False)
    do_withdraw_nomination(acting_user=None, nomination=stood_down, in_favour_of=sole,
                           on=election.held_on)
    do_appoint_sole_candidate(acting_user=None, election=election)
    return election, 3


def _tellers(unit: Unit) -> list[User]:
    tellers = []
    for username in TELLERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username)  # no password: never logs in
        tellers.append(user)
    return tellers


def _paper(box, unit: Unit, marks: list[str]) -> None:
    """Two tellers enter the stack; their roles last only for the count."""
    first, second = _tellers(unit)
    roles = [do_grant_role(acting_user=None, user=u, unit=unit, kind="secretary")
             for u in (first, second)]
    letters = {key: chr(ord("A") + i) for i, key in enumerate(box.option_keys())}
    line = " ".join(letters[key] for key in marks)
    count = do_enter_first_count(acting_user=first, box=box, text=line)
    do_enter_second_count(acting_user=second, count=count, text=line)
    for role in roles:
        do_revoke_role(acting_user=None, role=role)


def _conference_committee(units: dict[str, Unit], people: dict[str, Person]) -> int:
    conference = Congress.objects.filter(unit=units["kurdistan"],
                                         kind=Congress.Kind.CONFERENCE, number=1).first()
    if conference is None:
        return 0
    election, new = _election(units["kurdistan"], COMMITTEE, conference.starts_on,
                              kind="body", seats=3, method="stv", congress=conference)
    if not new:
        return 0
    credential = {m.person.alias: m.credential for m in Mandate.objects.filter(
        congress=conference).select_related("person", "credential")}
    nominations = {}
    for alias, by in CANDIDATES:
        nomination = do_nominate(
            acting_user=None, election=election, delegate=credential[alias],
            self_nominated=by is None,
            nominated_by_delegate=credential[by] if by else None)
        if nomination.status == Nomination.Status.PROPOSED:
            do_accept_nomination(acting_user=None, nomination=nomination)
        nominations[alias] = str(nomination.uid)
    box = do_open_vote(acting_user=None, election=election).box
    assert box is not None  # the vote is open
    for username, ranking in APP_BALLOTS:
        do_cast_ballot(acting_user=User.objects.get(username=username), box=box,
                       marks=[nominations[a] for a in ranking])
    _paper(box, units["kurdistan"], [nominations[a] for a in PAPER_BALLOT])
    election = do_close_vote(acting_user=None, election=election)
    do_publish_results(acting_user=None, election=election)
    return 1 + len(CANDIDATES) + 3


def build_elections(units: dict[str, Unit], people: dict[str, Person],
                    say: Callable[[str], object]) -> int:
    """WPI's leader elections (001) and the conference's STV election; returns how many
    records it created (0 when present)."""
    seed = _leaders()
    leader, created = _leader_election(units, seed)
    fourth, more = _fourth_congress(units, seed)
    created += more
    for election in (fourth, leader):  # newest first: see the module's docstring
        election.refresh_from_db()
        if election.status == Election.Status.COUNTED:
            do_publish_results(acting_user=None, election=election)
    created += _conference_committee(units, people)
    say("Elections: WPI's Chairperson in 2002 and at the 4th Congress; the conference's "
        "STV election of the Kurdistan Committee.")
    return created
