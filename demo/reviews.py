"""The mill cell's quarterly review in the demo: the last 90 days of its work, prepared from
the demo's fieldwork (its figures show the real interruption at the mill, nothing from 57 to
38 days ago, in the weeks of the strike), with one finding, its reasons and conditions, and a
measure with a responsible member and a due date.

Written through the actions as the cell's secretary (the figures are what that login sees),
after the members' assignments the concentration figure counts. It stays a draft, so that
the secretary can write more, conclude it and send it up to the Kurdistan Committee in the
pages. The step runs once: when the cell has a review, it leaves everything as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from demo.fieldwork import MILL, NEIGHBOURHOOD
from deployment.actions import do_assign_member
from fieldwork.models import Field
from organizations.models import Unit
from people.models import Person
from reviews.actions import do_add_finding, do_add_measure, do_prepare_review
from reviews.models import Finding, Review

REVIEW_DAYS = 90
FINDING = ("Our daily work at the mill stopped for 20 days, in the very weeks the workers "
           "went on strike for their wages: no one-to-one talk, no leaflet at the gate, from "
           "before the strike until well after it.")
REASONS = ("The two members who hold most of the talks stayed away while the security "
           "forces watched the gate, and the others waited for them instead of taking their "
           "talks over. Nobody noticed the gap until the strike was over.")
CONDITIONS = ("The strike brought police to the industrial zone; the cell had no rule for who "
              "steps in when a member cannot go, and looked at its continuity only at the "
              "monthly meeting.")
MEASURE = ("Look at the mill's continuity at every weekly meeting; when a member cannot go to "
           "the gate, name who takes over their talks that same week.")
RESPONSIBLE = "Cell-Leyla"
SECRETARY_LOGIN = "secretary"


def build_review(units: dict[str, Unit], people: dict[str, Person],
                 say: Callable[[str], None], today: date | None = None) -> int:
    """Create the mill cell's review; returns how many records it created (0 when present)."""
    cell = units["sanandaj"]
    if Review.objects.filter(unit=cell).exists():
        return 0
    today = today or timezone.localdate()

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    # Where the members' hours go: two on the mill (priority 3), one helping the Mahabad
    # neighbourhood (no priority, another cell's field).
    mill = Field.objects.get(unit=cell, name=MILL)
    neighbourhood = Field.objects.get(unit=units["mahabad"], name=NEIGHBOURHOOD)
    for alias, field, since in (("Cell-Sara", mill, 120), ("Cell-Hiwa", mill, 120),
                                ("Cell-Azad", neighbourhood, 100)):
        do_assign_member(acting_user=None, member=people[alias], field=field, since=ago(since))

    secretary = User.objects.get(username=SECRETARY_LOGIN)
    review = do_prepare_review(acting_user=secretary, unit=cell, data={
        "kind": Review.Kind.QUARTER, "starts_on": ago(REVIEW_DAYS - 1), "ends_on": today,
        "summary": "The quarter of the wage strike at the mill."})
    finding = do_add_finding(acting_user=secretary, review=review, data={
        "kind": Finding.Kind.MISTAKE, "text": FINDING, "reasons": REASONS,
        "conditions": CONDITIONS})
    do_add_measure(acting_user=secretary, finding=finding, data={
        "text": MEASURE, "responsible": people[RESPONSIBLE], "due_on": ago(-30)})
    say("Reviews: the mill cell's quarterly review (a draft) with one finding and a measure.")
    return 6
