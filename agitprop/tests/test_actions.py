"""The actions' refusals and the secrecy of the sent correspondence."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from access.actions import do_grant_role
from agitprop.actions import (
    do_record_distribution,
    do_send_correspondence,
    do_write_correspondence,
)
from agitprop.models import Correspondence, SentCorrespondence
from agitprop.tests.helpers import field, leaflet, letter, paper
from audit.models import AuditEvent
from fieldwork.models import Activity

pytestmark = pytest.mark.django_db


def test_it_refuses_a_field_the_unit_does_not_work(world):
    other_field, material = field(world, "cell_b", "School"), leaflet(world)
    with pytest.raises(ValidationError) as error:
        do_record_distribution(acting_user=world.user("cell_secretary"),
                               unit=world.units["cell_a"], field=other_field, quantity=10,
                               distributed_on=timezone.localdate(), material=material)
    assert "worked by another unit" in str(error.value)
    assert not Activity.objects.exists()


def test_it_refuses_a_pen_name_that_is_an_alias(world):
    mill, (periodical, _) = field(world), paper(world)
    with pytest.raises(ValidationError) as error:
        do_write_correspondence(acting_user=None, unit=mill.unit, field=mill,
                                periodical=periodical, data={
                                    "pen_name": "ALIAS-CELLA-1", "text": "x",
                                    "written_on": timezone.localdate()})
    assert "alias" in str(error.value)
    assert not Correspondence.objects.exists()


def test_the_editors_see_the_text_and_pen_name_and_nothing_of_the_writer(world):
    mill, (periodical, _) = field(world), paper(world)
    writer = world.user("cell_secretary")
    sent = do_send_correspondence(acting_user=writer,
                                  correspondence=letter(world, mill, periodical))
    # The editorial unit is the party's top unit: its roles see the copy.
    assert sent.editorial_unit == world.units["rp_congress"]
    # An editor: a secretary of the top unit without oversight of the cells below.
    editor = type(writer).objects.create_user("editor")
    do_grant_role(acting_user=None, user=editor, unit=world.units["rp_congress"],
                  kind="secretary")
    visible = SentCorrespondence.objects.restrict(editor).get()
    assert (visible.text, visible.pen_name, visible.field_name) == (
        "The furnace crew has not been paid.", "A steelworker", "Steel mill")
    # No relation from the copy to a unit other than the editors', a person or a user.
    targets = {f.related_model for f in SentCorrespondence._meta.get_fields()
               if f.is_relation and f.concrete}
    assert {m._meta.label for m in targets} == {"publications.Periodical",
                                                 "organizations.Unit"}
    # The sending is the unit's audit row; the copy's own row names nobody.
    sending = AuditEvent.objects.get(model="agitprop.Correspondence", action="update")
    assert sending.actor == writer and sending.unit == world.units["cell_a"]
    received = AuditEvent.objects.get(model="agitprop.SentCorrespondence")
    assert received.actor is None and received.unit == world.units["rp_congress"]
    editors = AuditEvent.objects.restrict(editor)
    assert not editors.filter(pk=sending.pk).exists()
    # The writer's cell does not see what the editors received.
    assert not SentCorrespondence.objects.restrict(writer).exists()


def test_it_sends_once(world):
    mill, (periodical, _) = field(world), paper(world)
    draft = letter(world, mill, periodical)
    do_send_correspondence(acting_user=None, correspondence=draft)
    with pytest.raises(ValidationError):
        do_send_correspondence(acting_user=None, correspondence=draft)
    assert SentCorrespondence.objects.count() == 1
    assert draft.sent_on == timezone.localdate()
    assert draft.written_on > timezone.localdate() - timedelta(days=1)
