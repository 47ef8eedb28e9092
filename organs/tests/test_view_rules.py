"""The organ's rules: quorum and majority, used by its motions."""

import pytest
from django.urls import reverse

from organs.models import OrganRules

pytestmark = pytest.mark.django_db


def test_it_sets_the_organs_rules(world, login):
    unit = world.units["cell_a"]
    login(world.user("cell_secretary")).post(reverse("organs:rules", kwargs={"uid": unit.uid}),
                                             {"quorum": "two_thirds", "majority": "absolute"})
    rules = OrganRules.objects.get(unit=unit)
    assert (rules.quorum, rules.majority) == ("two_thirds", "absolute")
