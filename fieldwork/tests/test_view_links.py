"""The organization and unit pages link to the fieldwork pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_unit_page_links_to_its_dashboard_fields_and_forms(fw, login):
    unit = fw.field.unit
    body = login(fw.secretary).get(
        reverse("organizations:unit_detail", kwargs={"uid": unit.uid})).content.decode()
    for name, uid in (("unit_dashboard", unit.uid), ("continuity", unit.uid),
                      ("field_create", unit.uid), ("wall_chart", fw.field.uid)):
        assert reverse(f"fieldwork:{name}", kwargs={"uid": uid}) in body, name
    member = login(fw.world.user("committee_member")).get(
        reverse("organizations:unit_detail", kwargs={"uid": unit.uid})).content.decode()
    assert reverse("fieldwork:field_create", kwargs={"uid": unit.uid}) not in member


def test_the_organization_page_links_to_the_dashboard_of_its_members_only(fw, login):
    rp = fw.world.orgs["rp"]
    url = reverse("organizations:organization_detail", kwargs={"uid": rp.uid})
    dashboard = reverse("fieldwork:organization_dashboard", kwargs={"uid": rp.uid})
    assert dashboard in login(fw.secretary).get(url).content.decode()
    assert dashboard not in login(fw.world.user("coalition_office")).get(url).content.decode()
