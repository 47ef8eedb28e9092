"""The campaigns' panel on the coalition office's dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.tests.helpers import announce, campaign

pytestmark = pytest.mark.django_db


def test_the_office_sees_what_waits_and_the_table(world, login):
    made = campaign(world)
    announce(world, made, what="Fictional: rally A", published=True)
    announce(world, made, what="Fictional: rally B")
    text = login(world.user("coalition_office")).get(reverse(
        "coalitions:dashboard", kwargs={"uid": world.coalition.uid})).content.decode()
    assert "Campaigns: announced actions" in text and made.title in text
    assert "1 action waiting to be published." in text
    assert "<td><bdi>Nowhere</bdi></td>" in text
