"""Classifying an organization into a circle: the criteria checklist with reasons, the
decision a circle may require, and what the form offers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliances.actions import do_add_circle
from alliances.models import Classification
from alliances.tests.conftest import decision_of
from organizations.actions import do_create_organization

pytestmark = pytest.mark.django_db


def _url(circle) -> str:
    return reverse("alliances:classify", kwargs={"uid": circle.uid})


def _post(client, circle, org, **extra):
    data = {"organization": str(org.uid), "since": "2024-06-01", "note": "", **extra}
    return client.post(_url(circle), data)


def test_it_classifies_with_the_criteria_checklist(allied, login, north_secretary):
    near = allied.circles["near"]
    criterion = near.criteria.get()
    response = _post(login(north_secretary), near, allied.orgs["profile"],
                     **{f"holds_{criterion.uid}": "on",
                        f"why_{criterion.uid}": "Meets us every month"})
    made = Classification.objects.get(circle=near)
    assert response.status_code == 302
    assert response["Location"] == reverse("alliances:history", kwargs={"uid": made.uid})
    assessment = made.assessments.get()
    assert (assessment.holds, assessment.why) == (True, "Meets us every month")
    old = Classification.objects.get(circle=allied.circles["far"],
                                     organization=allied.orgs["profile"])
    assert str(old.until) == "2024-06-01"


def test_it_offers_the_organizations_already_classified_but_not_its_own(
        allied, login, north_secretary):
    # The Other Party is outside the secretary's directory, but the organ classified it.
    text = login(north_secretary).get(_url(allied.circles["near"])).content.decode()
    assert str(allied.orgs["op"].uid) in text
    assert str(allied.orgs["rp"].uid) not in text


def test_it_refuses_an_organization_not_offered(allied, login, north_secretary):
    stranger = do_create_organization(acting_user=None, data={"name": "Stranger"})
    response = _post(login(north_secretary), allied.circles["near"], stranger)
    assert response.status_code == 200
    assert not Classification.objects.filter(organization=stranger).exists()


def test_it_refuses_a_circle_requiring_a_decision_without_one(allied, login, north_secretary):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest",
                            requires_decision=True)
    response = _post(login(north_secretary), nearest, allied.orgs["profile"])
    assert response.status_code == 200
    assert "This circle requires a decision of the organ: cite it." in response.content.decode()
    assert not Classification.objects.filter(circle=nearest).exists()


def test_it_classifies_by_a_decision(allied, login, north_secretary):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest",
                            requires_decision=True)
    decision = decision_of(allied.units["north"])
    response = _post(login(north_secretary), nearest, allied.orgs["profile"],
                     decision=str(decision.uid))
    assert response.status_code == 302
    assert Classification.objects.get(circle=nearest).decision == decision


def test_it_does_not_offer_a_decision_of_another_organization(allied, login,
                                                              north_secretary):
    nearest = do_add_circle(acting_user=None, unit=allied.units["north"], name="Nearest",
                            requires_decision=True)
    foreign = decision_of(allied.units["op_congress"])
    response = _post(login(north_secretary), nearest, allied.orgs["profile"],
                     decision=str(foreign.uid))
    assert response.status_code == 200
    assert not Classification.objects.filter(circle=nearest).exists()
