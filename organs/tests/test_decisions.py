from datetime import date

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from organs.actions import do_record_decision
from organs.decisions import require_decision
from organs.models import Decision


def _decision(world, unit="rp_cc", title="Hold a congress"):
    return do_record_decision(acting_user=None, unit=world.units[unit],
                              data={"decided_on": date(2002, 7, 10), "title": title,
                                    "text": "The committee calls the congress."})


def test_it_numbers_decisions_in_sequence_per_organ(world):
    first, second = _decision(world), _decision(world, title="Elect a leader")
    other = _decision(world, unit="north")
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert AuditEvent.objects.filter(object_id=first.pk, model="organs.Decision",
                                     action="create").exists()


def test_it_refuses_a_decision_in_the_future(world):
    with pytest.raises(ValidationError):
        do_record_decision(acting_user=None, unit=world.units["rp_cc"],
                           data={"decided_on": date(2999, 1, 1), "title": "Later"})
    assert not Decision.objects.exists()


def test_it_accepts_a_decision_of_the_same_organization(world):
    decision = _decision(world, unit="north")
    assert require_decision(decision, organization=world.orgs["rp"]) == decision
    assert require_decision(None, organization=world.orgs["rp"]) is None


def test_it_refuses_a_decision_of_another_organization(world):
    decision = _decision(world, unit="cell_x")
    with pytest.raises(ValidationError, match="not one of this organization's"):
        require_decision(decision, organization=world.orgs["rp"])
