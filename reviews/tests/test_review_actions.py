"""The review actions: what they write, and the bad input they refuse with a message and
nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User
from audit.models import AuditEvent
from fieldwork.tests.conftest import days_ago
from reviews import actions
from reviews.models import Finding, Measure, Review
from reviews.tests.world import review_with_measure


def _user(world, name: str):
    return User.objects.get(username="founder") if name == "founder" else world.user(name)


def _prepare(world, start: int, end: int, unit="cell_a", user="cell_secretary", **data):
    return actions.do_prepare_review(acting_user=_user(world, user), unit=world.units[unit],
                                     data={"kind": "quarter", "starts_on": days_ago(start),
                                           "ends_on": days_ago(end), **data})


def _measure(world, finding, alias="alias-cella-1", due=-30, **data):
    return actions.do_add_measure(acting_user=world.user("cell_secretary"), finding=finding,
                                  data={"text": "Meet every week.",
                                        "responsible": world.people.get(alias),
                                        "due_on": days_ago(due), **data})


def _finding(world, review, kind="mistake"):
    return actions.do_add_finding(acting_user=world.user("cell_secretary"), review=review,
                                  data={"kind": kind, "text": "The work stopped."})


def test_it_prepares_a_draft_with_its_figures(world):
    review = _prepare(world, 89, 0, summary="The strike quarter.")
    assert (review.status, review.days, review.prepared_by) == (
        "draft", 90, world.user("cell_secretary"))
    assert set(review.figures["figures"]) == {
        "stopped_fields", "concentration", "unmoved_tests", "demands_never_raised",
        "open_follow_ups", "missed_issues"}  # the last one added by publications
    event = AuditEvent.objects.get(model="reviews.Review", object_id=review.pk)
    assert (event.action, event.unit_id) == ("create", world.units["cell_a"].pk)


@pytest.mark.parametrize(("start", "end"), [(100, 50), (60, 40), (120, 100), (89, 0)])
def test_it_refuses_a_period_that_overlaps_another_review(world, start, end):
    _prepare(world, 100, 60)
    with pytest.raises(ValidationError, match="overlaps the unit's review from") as refusal:
        _prepare(world, start, end)
    assert "starts_on" in refusal.value.message_dict
    assert Review.objects.count() == 1


def test_it_takes_the_next_day_and_another_unit_as_no_overlap(world):
    _prepare(world, 100, 60)
    _prepare(world, 59, 0)
    _prepare(world, 100, 60, unit="cell_b", user="sibling_secretary")
    assert Review.objects.count() == 3


@pytest.mark.parametrize(("start", "end", "message"), [
    (10, 20, "cannot end before it starts"), (10, -1, "cannot end after today")])
def test_it_refuses_a_period_that_cannot_be_reviewed(world, start, end, message):
    with pytest.raises(ValidationError, match=message):
        _prepare(world, start, end)
    assert not Review.objects.exists()


def test_it_refuses_a_measure_without_a_responsible_member(world):
    finding = _finding(world, _prepare(world, 89, 0))
    with pytest.raises(ValidationError) as refusal:
        _measure(world, finding, alias=None)
    assert refusal.value.message_dict["responsible"] == [
        "Name the member responsible for this measure."]
    assert not Measure.objects.exists()


@pytest.mark.parametrize("alias", ["alias-cellb-1", "alias-north-1"])
def test_it_refuses_a_responsible_member_outside_the_unit(world, alias):
    finding = _finding(world, _prepare(world, 89, 0))
    with pytest.raises(ValidationError) as refusal:
        _measure(world, finding, alias=alias)
    assert refusal.value.message_dict["responsible"] == [
        "The responsible member must be a member of Cell A."]
    assert not Measure.objects.exists()


def test_it_refuses_a_contact_as_responsible_and_a_measure_due_before_the_period_ends(fw):
    world = fw.world
    finding = _finding(world, _prepare(world, 89, 10))
    with pytest.raises(ValidationError, match="must be a member of Cell A"):
        actions.do_add_measure(acting_user=fw.secretary, finding=finding, data={
            "text": "Talk to her.", "responsible": fw.contact("steel-contact"),
            "due_on": days_ago(0)})
    with pytest.raises(ValidationError, match="due after the period it rectifies"):
        _measure(world, finding, due=20)
    assert not Measure.objects.exists()


def test_it_writes_findings_and_measures_only_into_a_draft(world):
    review, finding, measure = review_with_measure(
        world, "a", "cell_a", "cell_secretary", "alias-cella-1", start=89, end=0, due=-30)
    actions.do_conclude_review(acting_user=world.user("cell_secretary"), review=review)
    secretary = world.user("cell_secretary")
    for write in (lambda: _finding(world, review),
                  lambda: actions.do_update_finding(acting_user=secretary, finding=finding,
                                                    data={"text": "Changed."}),
                  lambda: _measure(world, finding),
                  lambda: actions.do_update_measure(acting_user=secretary, measure=measure,
                                                    data={"text": "Changed."}),
                  lambda: actions.do_update_review(acting_user=secretary, review=review,
                                                   data={"summary": "Changed."}),
                  lambda: actions.do_prepare_figures_again(acting_user=secretary,
                                                           review=review),
                  lambda: actions.do_conclude_review(acting_user=secretary, review=review)):
        with pytest.raises(ValidationError, match="This review is concluded"):
            write()
    assert (Finding.objects.count(), Measure.objects.get().text) == (1, measure.text)


def test_it_concludes_only_a_review_whose_mistakes_have_measures(world):
    secretary = world.user("cell_secretary")
    review = _prepare(world, 89, 0)
    with pytest.raises(ValidationError, match="at least one finding"):
        actions.do_conclude_review(acting_user=secretary, review=review)
    _finding(world, review, kind="success")  # a success needs no measure
    weakness = _finding(world, review, kind="weakness")
    with pytest.raises(ValidationError, match="needs a measure to rectify it: 1 have none"):
        actions.do_conclude_review(acting_user=secretary, review=review)
    _measure(world, weakness)
    review = actions.do_conclude_review(acting_user=secretary, review=review)
    assert (review.status, review.concluded_on) == ("concluded", days_ago(0))


def test_it_sends_up_only_a_concluded_review_of_a_unit_below_a_committee(world):
    secretary = world.user("cell_secretary")
    review, _finding_, _m = review_with_measure(
        world, "a", "cell_a", "cell_secretary", "alias-cella-1", start=89, end=0, due=-30)
    with pytest.raises(ValidationError, match="Conclude the review before sending it up"):
        actions.do_send_up_review(acting_user=secretary, review=review)
    actions.do_conclude_review(acting_user=secretary, review=review)
    review = actions.do_send_up_review(acting_user=secretary, review=review)
    assert review.status == "sent_up" and review.sent_up_at is not None
    with pytest.raises(ValidationError, match="already been sent up"):
        actions.do_send_up_review(acting_user=secretary, review=review)
    top = _prepare(world, 89, 0, unit="rp_congress", user="founder")
    Review.objects.filter(pk=top.pk).update(status="concluded")
    with pytest.raises(ValidationError, match="no committee above it"):
        actions.do_send_up_review(acting_user=_user(world, "founder"),
                                  review=Review.objects.get(pk=top.pk))
    assert Review.objects.get(pk=top.pk).status == "concluded"


def test_it_follows_a_measure_up_at_any_time(world):
    secretary = world.user("cell_secretary")
    review, _f, measure = review_with_measure(
        world, "a", "cell_a", "cell_secretary", "alias-cella-1", start=89, end=0, due=-30)
    actions.do_conclude_review(acting_user=secretary, review=review)
    actions.do_send_up_review(acting_user=secretary, review=review)
    done = actions.do_follow_up_measure(acting_user=secretary, measure=measure, status="done")
    assert (done.status, done.status_on) == ("done", days_ago(0))
    with pytest.raises(ValidationError, match="cannot be in the future"):
        actions.do_follow_up_measure(acting_user=secretary, measure=measure, status="dropped",
                                     on=days_ago(-1))
    assert Measure.objects.get().status == "done"
    reopened = actions.do_follow_up_measure(acting_user=secretary, measure=measure,
                                            status="open", on=days_ago(3))
    assert (reopened.status, reopened.status_on) == ("open", None)
    changes = AuditEvent.objects.filter(model="reviews.Measure", action="update")
    assert changes.count() == 2


def test_it_prepares_the_figures_again_when_the_period_changes(fw):
    secretary = fw.secretary
    review = _prepare(fw.world, 29, 0)
    assert review.figures["figures"]["stopped_fields"]["fields"] == 1
    fw.new_field("Depot")
    review = actions.do_update_review(acting_user=secretary, review=review,
                                      data={"summary": "Only the summary."})
    assert review.figures["figures"]["stopped_fields"]["fields"] == 1
    review = actions.do_update_review(acting_user=secretary, review=review,
                                      data={"starts_on": days_ago(59)})
    assert (review.days, review.figures["figures"]["stopped_fields"]["fields"]) == (60, 2)


def test_it_keeps_a_measure_whose_responsible_member_was_deleted(world):
    from people.actions import do_delete_person

    secretary = world.user("cell_secretary")
    _review, _f, measure = review_with_measure(
        world, "a", "cell_a", "cell_secretary", "alias-cella-1", start=89, end=0, due=-30)
    do_delete_person(acting_user=secretary, person=world.people["alias-cella-1"])
    measure = Measure.objects.get(pk=measure.pk)
    assert measure.responsible is None
    # Its follow-up is still recorded; a new measure needs a member again.
    assert actions.do_follow_up_measure(acting_user=secretary, measure=measure,
                                        status="done").status == "done"
