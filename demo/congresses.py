"""Congresses in the demo, through the congresses actions.

* WPI's 4th Congress (001: Modaressi stood down "in favor of Hamid Taqvaee who, as the only
  candidate, was then appointed automatically"), convened by the party's Congress unit,
  closed and historical: the seed names no delegates, so none are recorded (the elections
  demo adds its chair election). The seed dates it only between the Central Committee's vote
  of 2002 and the split of August 2004; ``FOURTH_CONGRESS_ON`` is a stand-in, said so in
  docs/demo.md.
* A fictional conference of the Kurdistan Committee's cells: one delegate per 2 voting
  members of each cell, rounded up (the mill cell's 4 members send 2, Mahabad's 3 send 2),
  delegates elected by the cells, credentials confirmed, attendance recorded.
* Fictional class positions in the WPI members' sealed identities: three groups of five in
  the Central Committee's subtree (its report is shown), fewer in the Kurdistan Committee's
  (refused: a group would have fewer than 5) and four delegates at the conference (refused:
  the total itself is below the threshold).

Finds before creating: loading twice creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from congresses.actions import (
    do_confirm_credential,
    do_create_congress,
    do_give_mandate,
    do_record_attendance,
    do_set_key,
)
from congresses.catalogue import ensure_default_positions
from congresses.models import Congress, Delegate, DelegateKey, Mandate
from organizations.models import Unit
from people.actions import do_update_person
from people.models import Person

FOURTH_CONGRESS_ON = date(2003, 1, 1)
CONFERENCE_ON = date(2026, 5, 1)
# (unit key, alias, attendance): elected by their cells.
DELEGATES = (("sanandaj", "Cell-Sara", "present"), ("sanandaj", "Cell-Leyla", "present"),
             ("mahabad", "Cell-Rojin", "present"), ("mahabad", "Cell-Soran", "excused"))
# Fictional: class position (a default label) and sector of each WPI member.
POSITIONS = {
    "Industrial worker": ("textiles", ("Cell-Sara", "Cell-Hiwa", "Cell-Leyla", "Cell-Azad",
                                       "Cell-Soran")),
    "Other wage worker": ("services", ("Cell-Rojin", "Cell-Bahar", "Cell-Mina", "Cell-Farhad",
                                       "Cell-Golnar")),
    "Office or technical employee": ("health", ("CC-Dara", "CC-Omid", "CC-Nasrin",
                                                "KC-Shirin", "KC-Kawa")),
}


def _congress(unit: Unit, kind: str, number: int, data: dict) -> tuple[Congress, int]:
    found = Congress.objects.filter(unit=unit, kind=kind, number=number).first()
    if found is not None:
        return found, 0
    return do_create_congress(acting_user=None, unit=unit,
                              data={"kind": kind, "number": number, **data}), 1


def _positions(organization, people: dict[str, Person]) -> int:
    labels = {p.label: p for p in ensure_default_positions(organization)}
    changed = 0
    for label, (sector, aliases) in POSITIONS.items():
        uid = str(labels[label].uid)
        for alias in aliases:
            person = Person.objects.get(pk=people[alias].pk)
            identity = person.unseal_identity()
            if (identity.class_position, identity.sector) != (uid, sector):
                do_update_person(acting_user=None, person=person, data={},
                                 identity_changes={"class_position": uid, "sector": sector})
                changed += 1
    return changed


def _conference(units: dict[str, Unit], people: dict[str, Person]) -> int:
    conference, created = _congress(units["kurdistan"], Congress.Kind.CONFERENCE, 1, {
        "name": "Conference of the Kurdistan cells", "starts_on": CONFERENCE_ON,
        "status": Congress.Status.IN_SESSION})
    if not DelegateKey.objects.filter(congress=conference).exists():
        do_set_key(acting_user=None, congress=conference, data={
            "kind": DelegateKey.Kind.PER_MEMBERS_CELLS, "members_per_delegate": 2,
            "rounding": DelegateKey.Rounding.UP})
        created += 1
    for unit_key, alias, attendance in DELEGATES:
        person = people[alias]
        if Mandate.objects.filter(congress=conference, person=person).exists():
            continue
        mandate = do_give_mandate(acting_user=None, congress=conference, unit=units[unit_key],
                                  person=person, selection=Delegate.Selection.ELECTED,
                                  on=CONFERENCE_ON)
        credential = do_confirm_credential(acting_user=None, credential=mandate.credential)
        do_record_attendance(acting_user=None, credential=credential, attendance=attendance)
        created += 2
    return created


def build_congresses(units: dict[str, Unit], people: dict[str, Person],
                     say: Callable[[str], object]) -> int:
    """WPI's 4th Congress, the Kurdistan conference and the members' class positions."""
    _fourth, created = _congress(units["congress"], Congress.Kind.CONGRESS, 4, {
        "name": "4th Congress",
        "starts_on": FOURTH_CONGRESS_ON, "status": Congress.Status.CLOSED})
    created += _positions(units["congress"].organization, people)
    created += _conference(units, people)
    say("Congresses: WPI's 4th Congress; a conference of the Kurdistan cells with 4 delegates.")
    return created
