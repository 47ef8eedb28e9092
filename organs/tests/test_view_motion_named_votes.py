"""A named vote: each voting member present votes once; saving decides the motion."""

import pytest
from django.urls import reverse

from organs.models import NamedVote

pytestmark = pytest.mark.django_db


def test_it_records_each_members_vote_and_decides(world, organs, login):
    motion = organs.named["cell_a"]
    one, two = world.people["alias-cella-1"], world.people["alias-cella-2"]
    url = reverse("organs:motion_named_votes", kwargs={"uid": motion.uid})
    client = login(world.user("cell_secretary"))
    assert set(client.get(url).context["form"].fields) == {str(one.uid), str(two.uid)}
    assert client.post(url, {str(one.uid): "for", str(two.uid): "against"}
                       ).status_code == 302
    motion.refresh_from_db()
    assert (motion.status, motion.votes_for, motion.votes_against) == ("rejected", 1, 1)
    assert NamedVote.objects.filter(motion=motion).count() == 2
    page = client.get(reverse("organs:motion_detail", kwargs={"uid": motion.uid}))
    assert "alias-cella-1" in page.content.decode()
