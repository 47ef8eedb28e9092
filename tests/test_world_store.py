"""The shared world (tests/world_store.py): committed once beneath the tests, and each test
gets its own copy of its objects, without cached access scopes."""

from __future__ import annotations

from django.db import connection

from access.scope import _ATTR, scope_for
from accounts.models import User
from tests import world_store
from tests.world_store import copy_world


def test_it_gives_each_test_its_own_copy(world):
    other = world_store.ACTIVE.copy()
    assert other is not world
    assert other.user("cell_secretary") is not world.user("cell_secretary")
    assert other.user("cell_secretary") == world.user("cell_secretary")
    # An object reached two ways stays one object in the copy.
    user = world.user("cell_member")
    copied = copy_world({"a": user, "b": [user]})
    assert copied["a"] is copied["b"][0] and copied["a"] is not user


def test_it_copies_no_cached_scope(world):
    scope_for(world.user("cell_secretary"))
    assert hasattr(world.user("cell_secretary"), _ATTR)
    again = copy_world(world)
    assert not [name for name, user in again.users.items()
                if user is not None and hasattr(user, _ATTR)]


def test_it_lets_a_test_change_the_world(world):
    # The test runs in its own transaction, with the world's rows already beneath it.
    assert connection.in_atomic_block
    User.objects.filter(username="cell_member").delete()
    User.objects.filter(username="cell_secretary").update(first_name="Changed")
    world.user("cell_secretary").first_name = "Changed"


def test_it_gives_the_next_test_the_world_as_built(world):
    # Runs after the test above (same module, same worker): its writes were rolled back and
    # its change to the objects stayed in its own copy.
    assert User.objects.filter(username="cell_member").exists()
    assert User.objects.get(username="cell_secretary").first_name == ""
    assert world.user("cell_secretary").first_name == ""
