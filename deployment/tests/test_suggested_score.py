"""The suggested score of a field: its total and the parts it is made of."""

import pytest
from django.utils import timezone

from deployment.services import suggested_scores
from fieldwork.actions import (
    do_assess,
    do_create_contact,
    do_create_field,
    do_create_tie,
    ensure_default_scale,
)

pytestmark = pytest.mark.django_db


def test_it_adds_workers_strategic_sector_ties_and_support(world):
    ensure_default_scale(world.orgs["rp"])
    field = do_create_field(acting_user=None, unit=world.units["cell_a"], data={
        "name": "Power Plant", "headcount": 1000, "strategic": True,
        "strategic_sector": "energy"})
    contacts = [do_create_contact(acting_user=None, field=field, alias=f"c-power-{n}").person
                for n in range(4)]
    for contact, level in zip(contacts[:3], (1, 2, 4), strict=True):
        do_assess(acting_user=None, person=contact, level_value=level,
                  assessed_on=timezone.localdate())
    for alias, contact in (("alias-cella-1", contacts[0]), ("alias-cella-2", contacts[1]),
                           ("alias-cella-1", contacts[2])):
        do_create_tie(acting_user=None, from_person=world.people[alias], to_person=contact,
                      kind="in_touch")
    score = suggested_scores(world.user("overseer"), [field])[field.pk]
    parts = {p.key: p.value for p in score.parts}
    assert parts == {"headcount": 1.5, "strategic": 1.0, "ties": 0.5, "support": 0.67}
    assert score.total == pytest.approx(3.67)
    details = {p.key: p.detail for p in score.parts}
    assert details["ties"] == "2 members in touch with its contacts"
    assert details["support"] == "2 of 3 assessed contacts supportive"
    assert details["strategic"] == "Energy production and distribution"


def test_an_empty_field_scores_nothing(world):
    field = do_create_field(acting_user=None, unit=world.units["cell_b"],
                            data={"name": "Empty Yard"})
    score = suggested_scores(world.user("sibling_secretary"), [field])[field.pk]
    assert score.total == 0 and len(score.parts) == 4


def test_counts_stay_within_what_the_user_may_count(world):
    field = do_create_field(acting_user=None, unit=world.units["cell_a"],
                            data={"name": "Far Mill", "headcount": 10})
    contact = do_create_contact(acting_user=None, field=field, alias="c-far-1").person
    do_create_tie(acting_user=None, from_person=world.people["alias-cella-1"],
                  to_person=contact, kind="in_touch")
    # Cell B's secretary counts nothing of Cell A.
    score = suggested_scores(world.user("sibling_secretary"), [field])[field.pk]
    assert {p.key: p.value for p in score.parts}["ties"] == 0
