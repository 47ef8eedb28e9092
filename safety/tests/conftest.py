"""Fixtures of the safety tests: an account that held roles in Cell A and Cell B, revealed
an identity in each, and is then frozen by the Cell A secretary."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from access.actions import do_grant_role
from access.models import Role
from accounts.models import User
from accounts.tests.second_factor import pass_second_factor
from tests.cast import PASSWORD


@dataclass
class Arrested:
    user: User
    role_a: Role
    role_b: Role
    client: Client


@pytest.fixture
def arrested(world) -> Arrested:
    """A member of Cell A (identity access) and organizer of Cell B, logged in on a client
    of its own: the live session that a freeze must end."""
    user = User.objects.create_user("arrested", password=PASSWORD)
    role_a = do_grant_role(acting_user=None, user=user, unit=world.units["cell_a"],
                           kind="member", identity_access=True)
    role_b = do_grant_role(acting_user=None, user=user, unit=world.units["cell_b"],
                           kind="organizer", identity_access=True)
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)  # its identity roles need it
    return Arrested(user=user, role_a=role_a, role_b=role_b, client=client)
