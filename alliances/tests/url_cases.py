"""URL patterns of circles of allies and splits (see tests/url_walk.py); the world gets the
circles and splits of alliances/tests/world.py."""

from __future__ import annotations

from alliances.models import Circle, Classification, Criterion, Split
from organizations.models import Organization, Unit
from tests.url_walk import Case

CASES = {
    "alliances:circles": Case(model=Unit),
    "alliances:circle": Case(model=Circle),
    "alliances:criterion_add": Case(model=Circle, action="add"),
    "alliances:classify": Case(model=Circle, action="add"),
    "alliances:history": Case(model=Classification),
    "alliances:classification_end": Case(model=Classification, action="change"),
    "alliances:splits": Case(model=Organization),
    "alliances:split_record": Case(model=Organization, action="change"),
    "alliances:split": Case(model=Split),
    "circle-list": Case(model=None),
    "circle-detail": Case(model=Circle),
    "circle-criterion-list": Case(model=None),
    "circle-criterion-detail": Case(model=Criterion),
    "classification-list": Case(model=None),
    "classification-detail": Case(model=Classification),
}


def extend_world(world) -> None:
    from alliances.tests.world import build_alliances

    build_alliances(world)
