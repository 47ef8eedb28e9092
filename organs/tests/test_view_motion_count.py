"""The count of an open vote: adopted by the organ's rule, a decision with its number; a
vote without quorum or after the motion is decided is refused with nothing saved."""

import pytest
from django.urls import reverse

from organs import actions
from organs.models import Decision, Motion
from organs.tests.world import hold_meeting

pytestmark = pytest.mark.django_db


def _motion(world, present=2):
    meeting = hold_meeting(world, "cell_a", present=present)
    item = actions.do_add_agenda_item(acting_user=None, meeting=meeting, data={"title": "x"})
    return actions.do_propose_motion(acting_user=None, agenda_item=item,
                                     data={"title": "Leaflets", "text": "Print leaflets."})


def _post(login, world, motion, f, a, ab=0):
    return login(world.user("cell_secretary")).post(
        reverse("organs:motion_count", kwargs={"uid": motion.uid}),
        {"votes_for": f, "votes_against": a, "abstentions": ab})


def test_it_adopts_the_motion_as_a_numbered_decision(world, login):
    motion = _motion(world)
    assert _post(login, world, motion, 2, 0).status_code == 302
    decision = Decision.objects.get(motion=motion)
    page = login(world.user("cell_member")).get(
        reverse("organs:decision_detail", kwargs={"uid": decision.uid}))
    assert "Decision No. 1" in page.content.decode()
    assert "2 for, 0 against, 0 abstaining" in page.content.decode()


def test_it_refuses_a_count_without_quorum(world, login):
    motion = _motion(world, present=1)
    page = _post(login, world, motion, 1, 0)
    assert page.status_code == 200
    assert "The meeting has no quorum: 1 of 2 voting members present, 2 needed." in str(
        page.context["form"].non_field_errors())
    assert Motion.objects.get(pk=motion.pk).status == "proposed"


def test_it_refuses_a_second_count(world, organs, login):
    page = _post(login, world, organs.motions["cell_a"], 0, 2)
    assert "already decided or withdrawn" in str(page.context["form"].non_field_errors())
    assert Decision.objects.filter(unit=world.units["cell_a"]).count() == 1
