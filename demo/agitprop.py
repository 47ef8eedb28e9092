"""Agitation and propaganda in the demo (fictional): copies of Anternasional's latest issue
handed out at the Sanandaj textile mill's gate, and a worker correspondence from the mill
sent to Anternasional under a pen name. Through the actions, dates counted back from the
day the demo is loaded; when the mill already has its correspondence nothing is added
(loading the demo twice changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from agitprop.actions import (
    do_record_distribution,
    do_send_correspondence,
    do_write_correspondence,
)
from agitprop.models import Correspondence
from demo.fieldwork import MILL
from fieldwork.models import Field
from organizations.models import Unit
from people.models import Person
from publications.models import Issue, Periodical

PEN_NAME = "A weaver of Sanandaj"
GATE_COPIES = 40
LETTER = ("Fictional: three months of wages are owed at the mill. On Saturday the weaving "
          "hall stopped for an hour; the foremen promised payment by the end of the month. "
          "Workers are collecting signatures for the syndicate's demand.")


def build_agitprop(units: dict[str, Unit], people: dict[str, Person], periodical: Periodical,
                   today: date, say: Callable[[str], None] = lambda _m: None) -> int:
    """Create the distribution and the sent correspondence; returns how many records."""
    mill = Field.objects.filter(unit=units["sanandaj"], name=MILL).first()
    if mill is None or Correspondence.objects.filter(field=mill).exists():
        return 0
    issue = Issue.objects.filter(edition__periodical=periodical).order_by(
        "-published_on").first()
    if issue is None:
        return 0
    members = [people[a] for a in ("Cell-Sara", "Cell-Hiwa")]
    readers = list(Person.objects.filter(unit=mill.unit, alias__in=("Mill-Parvin",
                                                                    "Mill-Jamal")))
    do_record_distribution(acting_user=None, unit=mill.unit, field=mill, quantity=GATE_COPIES,
                           distributed_on=max(issue.published_on, today - timedelta(days=1)),
                           issue=issue, members=members, contacts=readers,
                           notes="Demo data: at the mill's gate, at the change of shift.")
    letter = do_write_correspondence(
        acting_user=None, unit=mill.unit, field=mill, periodical=periodical,
        data={"pen_name": PEN_NAME, "text": LETTER, "written_on": today - timedelta(days=2)})
    do_send_correspondence(acting_user=None, correspondence=letter)
    say(f"{MILL}: {GATE_COPIES} copies of {periodical.title} {issue.number} at the gate, "
        f"a worker correspondence sent to {periodical.title}.")
    return 4
