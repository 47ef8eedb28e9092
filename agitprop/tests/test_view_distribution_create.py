"""Recording a distribution from a field's page: an issue or a material, in the work log and
the field's continuity."""

import pytest
from django.urls import reverse
from django.utils import timezone

from agitprop.models import Distribution
from agitprop.tests.helpers import contact, field, leaflet, paper, url
from fieldwork.continuity import continuity
from fieldwork.models import Activity

pytestmark = pytest.mark.django_db


def _post(client, the_field, **data):
    today = timezone.localdate().isoformat()
    return client.post(url("distribution_create", the_field),
                       {"quantity": 40, "distributed_on": today, **data})


def test_it_records_an_issue_distributed_with_its_readers(world, login):
    mill, (_, issue) = field(world), paper(world)
    reader = contact(mill)
    part = mill.parts.create(name="Gate")
    response = _post(login(world.user("cell_secretary")), mill, issue=issue.uid,
                     part=part.uid, contacts=[reader.uid])
    assert response.status_code == 302
    distribution = Distribution.objects.get()
    activity = distribution.activity
    assert (distribution.issue, distribution.part, activity.kind, activity.quantity,
            activity.field, activity.unit) == (issue, part, Activity.Kind.DISTRIBUTION, 40,
                                               mill, world.units["cell_a"])
    assert list(activity.contacts.all()) == [reader]


def test_it_shows_in_the_work_log_and_the_continuity(world, login):
    mill, material = field(world), leaflet(world)
    client = login(world.user("cell_secretary"))
    assert _post(client, mill, material=material.uid).status_code == 302
    page = client.get(reverse("fieldwork:field_detail", kwargs={"uid": mill.uid}))
    assert "Distribution" in page.content.decode()
    [row] = [r for r in continuity(world.user("cell_secretary"), world.units["cell_a"]).fields
             if r.field_id == mill.pk]
    assert row.days_since_last == 0 and row.day_mask & 1


def test_it_refuses_neither_or_both_and_saves_nothing(world, login):
    mill, material, (_, issue) = field(world), leaflet(world), paper(world)
    client = login(world.user("cell_secretary"))
    for data in ({}, {"issue": issue.uid, "material": material.uid}):
        response = _post(client, mill, **data)
        assert response.status_code == 200
        assert "one of them" in str(response.context["form"].non_field_errors())
    assert not Activity.objects.filter(field=mill).exists()


def test_it_refuses_another_units_material_and_a_future_date(world, login):
    mill, other = field(world), leaflet(world, "cell_b")
    client = login(world.user("cell_secretary"))
    response = _post(client, mill, material=other.uid)
    assert "material" in response.context["form"].errors
    tomorrow = timezone.localdate().toordinal() + 1
    from datetime import date
    response = _post(client, mill, material=leaflet(world).uid,
                     distributed_on=date.fromordinal(tomorrow).isoformat())
    assert "distributed_on" in response.context["form"].errors
    assert not Distribution.objects.exists()


def test_it_404s_outside_the_unit(world, login):
    mill = field(world)
    assert _post(login(world.user("sibling_secretary")), mill,
                 material=leaflet(world).uid).status_code == 404
    assert not Distribution.objects.exists()
