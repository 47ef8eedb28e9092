"""Circles, criteria and classifications through the actions: history, the decision a
circle may require, and the refusals that leave nothing behind."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from alliances.actions import (
    Assessment,
    do_add_circle,
    do_add_criterion,
    do_classify,
    do_end_classification,
)
from alliances.models import Circle, Classification, CriterionAssessment
from alliances.tests.conftest import decision_of
from audit.models import AuditEvent
from organizations.actions import do_create_organization

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return (Classification.objects.count(), CriterionAssessment.objects.count(),
            AuditEvent.objects.count())


@pytest.fixture
def ally():
    return do_create_organization(acting_user=None, data={"name": "Friendly Group"})


def test_it_adds_circles_from_the_furthest_to_the_nearest(allied):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest")
    positions = list(Circle.objects.filter(unit=allied.units["north"])
                     .values_list("name", "position"))
    assert positions == [("Far circle", 1), ("Near circle", 2), ("Nearest", 3)]
    first = do_add_criterion(acting_user=None, circle=nearest, text="First")
    second = do_add_criterion(acting_user=None, circle=nearest, text="Second")
    assert (first.position, second.position) == (1, 2)


def test_it_refuses_a_circle_without_a_name(allied):
    with pytest.raises(ValidationError) as refused:
        do_add_circle(acting_user=None, unit=allied.units["north"], name="  ")
    assert "name" in refused.value.message_dict


def test_it_keeps_the_history_when_an_organization_is_reclassified(allied, ally):
    far, near = allied.circles["far"], allied.circles["near"]
    first = do_classify(acting_user=None, circle=far, organization=ally,
                        since=date(2024, 1, 1))
    second = do_classify(acting_user=None, circle=near, organization=ally,
                         since=date(2024, 6, 1),
                         assessments=[Assessment(criterion=near.criteria.get(), holds=True,
                                                 why="Weekly meetings")])
    first.refresh_from_db()
    assert first.until == date(2024, 6, 1)
    assert second.is_open and second.unit_id == allied.units["north"].pk
    assessment = second.assessments.get()
    assert (assessment.holds, assessment.why) == (True, "Weekly meetings")
    ended = AuditEvent.objects.filter(model="alliances.Classification", object_id=first.pk,
                                      action="update").get()
    assert ended.changes["until"] == [None, "2024-06-01"]


def test_it_refuses_a_second_open_classification_in_the_same_circle(allied):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        do_classify(acting_user=None, circle=allied.circles["far"],
                    organization=allied.orgs["op"], since=date(2024, 9, 1))
    assert "already in this circle" in refused.value.message_dict["circle"][0]
    assert _counts() == before


def test_it_refuses_a_reclassification_before_the_open_one_began(allied):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        do_classify(acting_user=None, circle=allied.circles["near"],
                    organization=allied.orgs["op"], since=date(2023, 1, 1))
    assert "since" in refused.value.message_dict
    assert _counts() == before
    assert Classification.objects.get(organization=allied.orgs["op"],
                                      unit=allied.units["north"]).is_open


def test_it_refuses_to_classify_the_organization_itself(allied):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        do_classify(acting_user=None, circle=allied.circles["far"],
                    organization=allied.orgs["rp"], since=date(2024, 1, 1))
    assert refused.value.message_dict["organization"] == [
        "An organization is not its own ally: choose another one."]
    assert _counts() == before


def test_it_refuses_a_date_in_the_future(allied, ally):
    with pytest.raises(ValidationError) as refused:
        do_classify(acting_user=None, circle=allied.circles["far"], organization=ally,
                    since=timezone.localdate() + timedelta(days=1))
    assert "since" in refused.value.message_dict


def test_it_refuses_a_circle_requiring_a_decision_without_one(allied, ally):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest",
                            requires_decision=True)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        do_classify(acting_user=None, circle=nearest, organization=ally,
                    since=date(2024, 5, 2))
    assert refused.value.message_dict["decision"] == [
        "This circle requires a decision of the organ: cite it."]
    assert _counts() == before


def test_it_classifies_by_a_decision_of_the_organization(allied, ally):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest",
                            requires_decision=True)
    # A decision of another organ of the same organization is the organization's own.
    decision = decision_of(allied.units["rp_cc"])
    made = do_classify(acting_user=None, circle=nearest, organization=ally,
                       since=date(2024, 5, 2), decision=decision)
    assert made.decision == decision


def test_it_refuses_a_decision_of_another_organization(allied, ally):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest",
                            requires_decision=True)
    foreign = decision_of(allied.units["op_congress"])
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        do_classify(acting_user=None, circle=nearest, organization=ally,
                    since=date(2024, 5, 2), decision=foreign)
    assert refused.value.message_dict["decision"] == [
        "The decision cited is not one of this organization's."]
    assert _counts() == before


def test_it_refuses_an_assessment_of_another_circles_criterion(allied, ally):
    other = allied.circles["near"].criteria.get()
    before = _counts()
    with pytest.raises(ValidationError):
        do_classify(acting_user=None, circle=allied.circles["far"], organization=ally,
                    since=date(2024, 1, 1),
                    assessments=[Assessment(criterion=other, holds=True)])
    assert _counts() == before


def test_it_ends_a_classification_once(allied):
    open_one = Classification.objects.get(organization=allied.orgs["op"],
                                          unit=allied.units["north"])
    do_end_classification(acting_user=None, classification=open_one, until=date(2024, 7, 1))
    open_one.refresh_from_db()
    assert open_one.until == date(2024, 7, 1)
    with pytest.raises(ValidationError):
        do_end_classification(acting_user=None, classification=open_one,
                              until=date(2024, 8, 1))


def test_it_refuses_an_end_before_the_beginning(allied):
    open_one = Classification.objects.get(organization=allied.orgs["op"],
                                          unit=allied.units["north"])
    with pytest.raises(ValidationError) as refused:
        do_end_classification(acting_user=None, classification=open_one,
                              until=date(2020, 1, 1))
    assert "until" in refused.value.message_dict
