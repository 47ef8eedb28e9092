"""Members assess contacts only where the unit's secretary allows it (Unit.members_assess,
read by Assessment's anchor: member_right "assess")."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fieldwork.models import Assessment
from organizations.actions import do_update_unit

pytestmark = pytest.mark.django_db


def _assess(fw, contact):
    return reverse("fieldwork:assess", kwargs={"uid": contact.uid})


def test_it_refuses_a_member_until_the_unit_allows_it(fw, login):
    contact = fw.contact("c-assess-1")
    # Contacted, not assessed: the wall chart's "?" list offers to assess them.
    fw.activity(timezone.localdate(), contacts=[contact])
    member = fw.world.user("cell_member")
    wall = reverse("fieldwork:wall_chart", kwargs={"uid": fw.field.uid})
    assert login(member).get(_assess(fw, contact)).status_code == 404
    assert _assess(fw, contact) not in login(member).get(wall).content.decode()
    do_update_unit(acting_user=fw.secretary, unit=fw.world.units["cell_a"],
                   data={"members_assess": True})
    client = login(member)
    assert _assess(fw, contact) in client.get(wall).content.decode()
    response = client.post(_assess(fw, contact), {
        "level": "2", "assessed_on": timezone.localdate().isoformat(), "note": ""})
    assert response.status_code == 302
    assert Assessment.objects.get(person=contact).assessed_by == member


def test_it_never_lets_a_committee_member_assess_the_cells_contacts(fw, login):
    contact = fw.contact("c-assess-1")
    do_update_unit(acting_user=fw.secretary, unit=fw.world.units["cell_a"],
                   data={"members_assess": True})
    for name in ("overseer", "committee_member"):
        assert login(fw.world.user(name)).get(_assess(fw, contact)).status_code == 404
