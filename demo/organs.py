"""The organs in the demo, through the organs' actions:

* WPI (001): the Central Committee's meeting in 2002 after the founder's death, with its one
  agenda item, and its decision for an immediate election of a leader, recorded directly
  (the text gives no counts, and no day: the meeting and the decision are dated to the year);
  the party's founding declaration with its four signatures, a resolution of the party's top
  unit published on its profile (the declaration's own text is not in the sources).
* RMP (002): its resolution on MIM in eight points (the circles of allies are point 8),
  about MIM, adopted by a decision of the RMP Central Committee (undated: the text gives no
  date) and published on the RMP's profile.
* The Sanandaj mill cell (fictional): a meeting two weeks ago with 3 members present and 1
  excused, sealed minutes, and a motion adopted openly, so that ``secretary`` and ``member``
  see a meeting, a motion and a decision.

Each part is looked up before it is made, so loading twice creates nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone

from accounts.models import User
from demo.seed_text import SeedError
from demo.seeds import read_seed
from demo.seeds_organs import RmpPoints, WpiOrgans, parse_rmp_points, parse_wpi_organs
from organizations.models import Organization, Unit
from organs import actions
from organs.models import Decision, Meeting, Resolution
from people.models import Person
from publications.models import Precision

LEADERSHIP_ITEM = "The leadership of the party after the death of Mansoor Hekmat"
LEADERSHIP_DECISION = "Immediate election of a leader"
FOUNDING_TITLE = "Founding declaration of the Worker-communist Party of Iran"
FOUNDING_NOTE = "The declaration's own text is not in the sources of this demo."
MIM_NAME = "Maoist Internationalist Movement"
RMP_DECISION_TEXT = ("The Central Committee adopts the resolution regarding the Maoist "
                     "Internationalist Movement in eight points. The text gives no date.")
MILL_ITEM = "The strike fund after the wage strike"
MILL_MOTION = "A monthly collection for the strike fund"
MILL_MOTION_TEXT = ("Every member collects for the strike fund once a month at the gate; "
                    "Cell-Leyla keeps the account and reports at each meeting.")
MILL_MINUTES = ("Cell-Sara opened the meeting. Cell-Hiwa reported on the workers' mood after "
                "the strike; Cell-Azad sent word that he could not come. The cell agreed to a "
                "monthly collection for the strike fund.")
MILL_PRESENT = ("Cell-Sara", "Cell-Hiwa", "Cell-Leyla")
MILL_EXCUSED = ("Cell-Azad",)
SECRETARY_LOGIN = "secretary"


def _wpi(units: dict[str, Unit], seed: WpiOrgans, say: Callable[[str], None]) -> int:
    created = 0
    cc = units["cc"]
    if not Decision.objects.filter(unit=cc, title=LEADERSHIP_DECISION).exists():
        year = date(seed.founder_died_on.year, 1, 1)
        meeting = actions.do_create_meeting(acting_user=None, unit=cc, data={
            "held_on": year, "date_precision": Precision.YEAR,
            "kind": Meeting.Kind.EXTRAORDINARY, "status": Meeting.Status.HELD})
        actions.do_add_agenda_item(acting_user=None, meeting=meeting,
                                   data={"title": LEADERSHIP_ITEM})
        actions.do_record_decision(acting_user=None, unit=cc, data={
            "decided_on": year, "date_precision": Precision.YEAR,
            "title": LEADERSHIP_DECISION, "text": seed.cc_vote})
        created += 3
    top = units["congress"]
    if not Resolution.objects.filter(unit=top, title=FOUNDING_TITLE).exists():
        founding = actions.do_create_resolution(acting_user=None, unit=top, data={
            "title": FOUNDING_TITLE, "preamble": f"{seed.founding} {FOUNDING_NOTE}",
            "signatories": "\n".join(seed.signatories),
            "signature_count": seed.signature_count})
        actions.do_publish_resolution(acting_user=None, resolution=founding)
        created += 2
    if created:
        say(f"Organs: WPI's Central Committee decides on an immediate election of a leader "
            f"({seed.founder_died_on.year}); the founding declaration with "
            f"{seed.signature_count} signatures, published.")
    return created


def _rmp(units: dict[str, Unit], seed: RmpPoints, say: Callable[[str], None]) -> int:
    organ = units["rmp_cc"]
    if Resolution.objects.filter(unit=organ, title=seed.title).exists():
        return 0
    mim = Organization.objects.filter(name=MIM_NAME).order_by("pk").first()
    if mim is None:
        raise SeedError(f"002: the organization {MIM_NAME!r} is not in the directory")
    decision = actions.do_record_decision(acting_user=None, unit=organ, data={
        "decided_on": None, "title": seed.title, "text": RMP_DECISION_TEXT})
    resolution = actions.do_create_resolution(acting_user=None, unit=organ, data={
        "title": seed.title, "points": list(seed.points), "about": [mim],
        "decision": decision})
    actions.do_publish_resolution(acting_user=None, resolution=resolution)
    say(f"Organs: the RMP's resolution on MIM in {len(seed.points)} points, published.")
    return 3


def _mill(units: dict[str, Unit], people: dict[str, Person], today: date,
          say: Callable[[str], None]) -> int:
    cell = units["sanandaj"]
    if Meeting.objects.filter(unit=cell).exists():
        return 0
    secretary = User.objects.get(username=SECRETARY_LOGIN)
    meeting = actions.do_create_meeting(acting_user=secretary, unit=cell, data={
        "held_on": today - timedelta(days=14), "kind": Meeting.Kind.REGULAR,
        "status": Meeting.Status.HELD, "minutes": MILL_MINUTES})
    actions.do_set_attendance(acting_user=secretary, meeting=meeting, presences={
        **{people[a]: "present" for a in MILL_PRESENT},
        **{people[a]: "excused" for a in MILL_EXCUSED}})
    item = actions.do_add_agenda_item(acting_user=secretary, meeting=meeting,
                                      data={"title": MILL_ITEM})
    motion = actions.do_propose_motion(acting_user=secretary, agenda_item=item, data={
        "title": MILL_MOTION, "text": MILL_MOTION_TEXT, "proposer": people["Cell-Leyla"]})
    actions.do_count_open_vote(acting_user=secretary, motion=motion, data={
        "votes_for": 3, "votes_against": 0, "abstentions": 0})
    say("Organs: the mill cell's meeting (3 present, 1 excused) adopts a motion openly.")
    return 9


def build_organs(units: dict[str, Unit], people: dict[str, Person], seeds_dir: Path,
                 say: Callable[[str], None], today: date | None = None) -> int:
    """Build the organs' demo records; returns how many it created (0 when present)."""
    name, text = read_seed(seeds_dir, "001")
    wpi = parse_wpi_organs(text, source=name)
    name, text = read_seed(seeds_dir, "002")
    rmp = parse_rmp_points(text, source=name)
    return (_wpi(units, wpi, say) + _rmp(units, rmp, say)
            + _mill(units, people, today or timezone.localdate(), say))
