"""A campaign's page: the office sees every announced action, a timeline and the table by
country and component; a member organization's users see their own and the published ones."""

from __future__ import annotations

import pytest

from campaigns.tests.helpers import announce, campaign, url
from organizations.actions import do_set_membership

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_timeline_and_the_table(world, login):
    made = campaign(world)
    announce(world, made, what="Fictional: rally A", published=True)
    announce(world, made, what="Fictional: rally B")
    text = login(world.user("coalition_office")).get(url("campaigns:detail", made)) \
        .content.decode()
    assert "rally A" in text and "rally B" in text
    assert '<svg' in text and "Announced actions by week" in text
    assert "By country and component" in text and "<td><bdi>Nowhere</bdi></td>" in text
    assert "Publish the public page" not in text and "Take the public page down" in text


def test_a_member_sees_its_own_and_the_published_actions_of_others(world, login):
    made = campaign(world)
    do_set_membership(acting_user=None, coalition=world.coalition,
                      organization=world.orgs["op"], data={"status": "member"})
    announce(world, made, what="Fictional: our rally")
    announce(world, made, what="Fictional: their published rally", org="op", published=True)
    announce(world, made, what="Fictional: their draft rally", org="op")
    text = login(world.user("cell_member")).get(url("campaigns:detail", made)).content.decode()
    assert "our rally" in text and "their published rally" in text
    assert "their draft rally" not in text and "<svg" not in text
    assert "Announce an action" in text


def test_it_answers_404_outside_the_coalition(world, login):
    made = campaign(world)
    assert login(world.user("outsider")).get(url("campaigns:detail", made)).status_code == 404
