"""/api/review-measures/: measures with a responsible member of the unit (shown to who may
see that member), and their follow-up at any time."""

import pytest

from fieldwork.tests.conftest import days_ago
from reviews.models import Measure

pytestmark = pytest.mark.django_db

LIST = "/api/review-measures/"


def _new(world, finding, alias):
    person = world.people.get(alias)
    return {"finding": str(finding.uid), "text": "Meet weekly.",
            "responsible": str(person.uid) if person else None,
            "due_on": days_ago(-10).isoformat()}


def test_it_hides_a_responsible_member_the_caller_may_not_see(world, reviews, login):
    measure = reviews.measures["a_sent"]
    mine = login(world.user("cell_member")).get(f"{LIST}{measure.uid}/").json()
    assert mine["responsible"] == str(world.people["alias-cella-1"].uid)
    theirs = login(world.user("committee_member")).get(f"{LIST}{measure.uid}/").json()
    assert theirs["responsible"] is None and theirs["text"] == measure.text


def test_it_adds_a_measure_with_a_member_of_the_unit(world, reviews, login):
    response = login(world.user("cell_secretary")).post(
        LIST, _new(world, reviews.findings["a_draft"], "alias-cella-1"),
        content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "open"


@pytest.mark.parametrize(("alias", "message"), [
    (None, "Name the member responsible for this measure."),
    ("alias-north-1", "The responsible member must be a member of Cell A.")])
def test_it_refuses_a_measure_without_a_member_of_the_unit(world, reviews, login, alias,
                                                           message):
    # The overseer's secretary colleague: may change North and its cells, sees North's people.
    from access.actions import do_grant_role
    from accounts.models import User

    planner = User.objects.create_user("north_secretary")
    do_grant_role(acting_user=None, user=planner, unit=world.units["north"], kind="secretary",
                  oversight=True)
    response = login(planner).post(LIST, _new(world, reviews.findings["a_draft"], alias),
                                   content_type="application/json")
    assert response.status_code == 400
    assert response.json()["responsible"] == [message]
    assert Measure.objects.count() == 4


def test_it_follows_a_sent_reviews_measure_up(world, reviews, login):
    measure = reviews.measures["a_sent"]
    client = login(world.user("cell_secretary"))
    done = client.patch(f"{LIST}{measure.uid}/", {"status": "done"},
                        content_type="application/json")
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["status_on"]) == ("done", days_ago(0).isoformat())
    rewrite = client.patch(f"{LIST}{measure.uid}/", {"text": "Other."},
                           content_type="application/json")
    assert rewrite.status_code == 400
    assert Measure.objects.get(pk=measure.pk).text == measure.text
    assert login(world.user("committee_member")).patch(
        f"{LIST}{measure.uid}/", {"status": "dropped"},
        content_type="application/json").status_code == 404
