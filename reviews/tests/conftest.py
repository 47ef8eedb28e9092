"""Fixtures of the review tests: the fieldwork tests' workplace of Cell A (``fw``, see
fieldwork/tests/conftest.py) and the reviews of reviews/tests/world.py (``reviews``)."""

from __future__ import annotations

import pytest

from fieldwork.tests.conftest import _english, fw  # noqa: F401 (fixtures used here)
from reviews.tests.world import ReviewWorld, add_review_world


@pytest.fixture
def reviews(world) -> ReviewWorld:
    return add_review_world(world)
