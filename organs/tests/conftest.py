from __future__ import annotations

import pytest

from organs.tests.world import OrganWorld, add_organ_world


@pytest.fixture
def organs(world) -> OrganWorld:
    return add_organ_world(world)
