"""Organ records for the tests and the URL walk: in each of Cell A, Cell B, the North
Committee and the Other Party's Cell X a held meeting with minutes, an agenda item, the
attendance of both members, a motion adopted openly (hence a decision), a named-vote motion
still open and a resolution published on the organization's profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from organs import actions
from organs.models import Meeting, Motion, Resolution

HELD_ON = date(2024, 3, 8)
MINUTES = "Minutes Qvzx: the comrade from the dye house spoke first."


@dataclass
class OrganWorld:
    meetings: dict[str, Meeting] = field(default_factory=dict)
    motions: dict[str, Motion] = field(default_factory=dict)
    named: dict[str, Motion] = field(default_factory=dict)
    resolutions: dict[str, Resolution] = field(default_factory=dict)


def hold_meeting(world, key: str, *, present: int = 2) -> Meeting:
    unit = world.units[key]
    meeting = actions.do_create_meeting(acting_user=None, unit=unit, data={
        "held_on": HELD_ON, "kind": "regular", "status": "held", "minutes": MINUTES})
    members = list(unit.people.filter(kind="member").order_by("alias"))
    actions.do_set_attendance(acting_user=None, meeting=meeting, presences={
        p: "present" if i < present else "excused" for i, p in enumerate(members)})
    return meeting


def add_organ_world(world) -> OrganWorld:
    out = OrganWorld()
    for key in ("cell_a", "cell_b", "north", "cell_x"):
        meeting = hold_meeting(world, key)
        item = actions.do_add_agenda_item(acting_user=None, meeting=meeting,
                                          data={"title": "The strike fund"})
        motion = actions.do_propose_motion(acting_user=None, agenda_item=item, data={
            "title": "Open a strike fund", "text": "The unit opens a strike fund."})
        actions.do_count_open_vote(acting_user=None, motion=motion, data={
            "votes_for": 2, "votes_against": 0, "abstentions": 0})
        out.named[key] = actions.do_propose_motion(acting_user=None, agenda_item=item, data={
            "title": "Meet weekly", "text": "The unit meets every week.", "vote_mode": "named"})
        resolution = actions.do_create_resolution(
            acting_user=None, unit=world.units[key],
            data={"title": "On the strike fund", "points": ["We collect.", "We report."],
                  "decision": motion.decision, "signatories": "A. Public\nB. Public"})
        actions.do_publish_resolution(acting_user=None, resolution=resolution)
        resolution.refresh_from_db()
        out.meetings[key], out.motions[key], out.resolutions[key] = meeting, motion, resolution
    return out
