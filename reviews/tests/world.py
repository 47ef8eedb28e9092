"""Reviews on top of the named cast (tests/cast.py), written through the actions.

``add_review_world(world)`` gives every review page a record inside some users' scope and
one outside: Cell A has a review of an earlier quarter, concluded and sent up to the North
Committee, and a draft of the last quarter; Cell B has a draft; the Other Party's Cell X a
review of its own. Each has one finding with one measure, its responsible member a member of
the reviewing cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from reviews.actions import (
    do_add_finding,
    do_add_measure,
    do_conclude_review,
    do_prepare_review,
    do_send_up_review,
)
from reviews.models import Finding, Measure, Review


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@dataclass
class ReviewWorld:
    reviews: dict[str, Review] = field(default_factory=dict)
    findings: dict[str, Finding] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)


def review_with_measure(world, key: str, unit_key: str, user_name: str, alias: str, *,
                        start: int, end: int, due: int, kind: str = "mistake"
                        ) -> tuple[Review, Finding, Measure]:
    """A review of ``unit_key`` for the days ``start`` to ``end`` days ago, with one finding
    and its measure (``alias`` responsible, due ``due`` days ago: negative is ahead)."""
    user = world.user(user_name)
    review = do_prepare_review(acting_user=user, unit=world.units[unit_key], data={
        "kind": "quarter", "starts_on": days_ago(start), "ends_on": days_ago(end)})
    finding = do_add_finding(acting_user=user, review=review, data={
        "kind": kind, "text": f"Finding {key}: the work stopped.",
        "reasons": f"Reasons {key}", "conditions": f"Conditions {key}"})
    measure = do_add_measure(acting_user=user, finding=finding, data={
        "text": f"Measure {key}: meet every week.", "responsible": world.people[alias],
        "due_on": days_ago(due)})
    return review, finding, measure


def add_review_world(world) -> ReviewWorld:
    out = ReviewWorld()
    for key, unit_key, user_name, alias, start, end, due in [
        ("a_sent", "cell_a", "cell_secretary", "alias-cella-1", 200, 111, 100),
        ("a_draft", "cell_a", "cell_secretary", "alias-cella-2", 90, 1, -30),
        ("b_draft", "cell_b", "sibling_secretary", "alias-cellb-1", 90, 1, -30),
        ("x_draft", "cell_x", "outsider", "alias-cellx-1", 90, 1, -30),
    ]:
        review, finding, measure = review_with_measure(world, key, unit_key, user_name, alias,
                                                       start=start, end=end, due=due)
        out.reviews[key], out.findings[key], out.measures[key] = review, finding, measure
    secretary = world.user("cell_secretary")
    do_conclude_review(acting_user=secretary, review=out.reviews["a_sent"])
    out.reviews["a_sent"] = do_send_up_review(acting_user=secretary,
                                              review=out.reviews["a_sent"])
    return out
