"""Resolutions: the decision cited must be the organization's own; publishing writes a copy
with the text and public names only, and needs an adopting decision or signatories."""

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from organs import actions
from organs.models import PublishedResolution, Resolution

pytestmark = pytest.mark.django_db


def test_it_refuses_a_decision_of_another_organization(world, organs):
    with pytest.raises(ValidationError, match="not one of this organization's"):
        actions.do_create_resolution(acting_user=None, unit=world.units["cell_a"], data={
            "title": "Borrowed", "points": ["One."],
            "decision": organs.motions["cell_x"].decision})
    assert not Resolution.objects.filter(title="Borrowed").exists()


def test_it_publishes_a_signed_declaration_without_a_decision(world):
    declaration = actions.do_create_resolution(
        acting_user=None, unit=world.units["rp_congress"],
        data={"title": "Founding", "preamble": "We found the party.",
              "signatories": "A. One\nB. Two", "signature_count": 2})
    copy = actions.do_publish_resolution(acting_user=None, resolution=declaration)
    assert (copy.organization, copy.dated, copy.signatory_names) == (
        world.orgs["rp"], None, ["A. One", "B. Two"])
    row = AuditEvent.objects.get(model="organs.PublishedResolution", object_id=copy.pk)
    assert row.actor is None and row.unit_id is None


def test_it_refuses_to_publish_a_resolution_without_text(world, organs):
    empty = actions.do_create_resolution(acting_user=None, unit=world.units["cell_a"], data={
        "title": "Empty", "decision": organs.motions["cell_a"].decision})
    with pytest.raises(ValidationError, match="without text"):
        actions.do_publish_resolution(acting_user=None, resolution=empty)
    assert PublishedResolution.objects.filter(title="Empty").count() == 0
