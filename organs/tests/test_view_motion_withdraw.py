"""Withdrawing an open motion; a decided one stays decided, with a message."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _post(login, world, motion):
    return login(world.user("cell_secretary")).post(
        reverse("organs:motion_withdraw", kwargs={"uid": motion.uid}), follow=True)


def test_it_withdraws_an_open_motion(world, organs, login):
    motion = organs.named["cell_a"]
    assert "The motion is withdrawn." in _post(login, world, motion).content.decode()
    motion.refresh_from_db()
    assert motion.status == "withdrawn"


def test_it_refuses_to_withdraw_a_decided_motion(world, organs, login):
    motion = organs.motions["cell_a"]
    assert "already decided or withdrawn" in _post(login, world, motion).content.decode()
    motion.refresh_from_db()
    assert motion.status == "adopted"
