"""Proposing a motion on an agenda item, and an amendment to it."""

import pytest
from django.urls import reverse

from organs.models import Motion

pytestmark = pytest.mark.django_db


def test_it_offers_the_organs_members_as_proposers_and_saves(world, organs, login):
    item = organs.motions["cell_a"].agenda_item
    url = reverse("organs:motion_create", kwargs={"uid": item.uid})
    client = login(world.user("cell_secretary"))
    labels = [label for _v, label in client.get(url).context["form"].fields["proposer"].choices]
    assert labels == ["The organ's secretariat", "alias-cella-1", "alias-cella-2"]
    client.post(url, {"title": "Meet at night", "text": "After the shift.",
                      "proposer": str(world.people["alias-cella-2"].uid),
                      "vote_mode": "open", "majority": ""})
    motion = Motion.objects.get(title="Meet at night")
    assert motion.proposer == world.people["alias-cella-2"] and motion.majority == ""


def test_it_proposes_an_amendment_to_an_open_motion(world, organs, login):
    motion = organs.named["cell_a"]
    url = reverse("organs:amendment_create", kwargs={"uid": motion.uid})
    login(world.user("cell_secretary")).post(url, {"title": "Fortnightly", "text": "Every "
                                                   "two weeks.", "vote_mode": "open"})
    assert Motion.objects.get(title="Fortnightly").amends == motion
