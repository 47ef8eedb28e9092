"""The organization and unit pages link to the fieldwork pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_unit_page_links_to_its_dashboard_fields_and_forms(fw, login):
    unit = fw.field.unit
    body = login(fw.secretary).get(
        reverse("organizations:unit_detail", kwargs={"pk": unit.pk})).content.decode()
    for name, pk in (("unit_dashboard", unit.pk), ("continuity", unit.pk),
                     ("field_create", unit.pk), ("wall_chart", fw.field.pk)):
        assert reverse(f"fieldwork:{name}", kwargs={"pk": pk}) in body, name
    member = login(fw.world.user("committee_member")).get(
        reverse("organizations:unit_detail", kwargs={"pk": unit.pk})).content.decode()
    assert reverse("fieldwork:field_create", kwargs={"pk": unit.pk}) not in member


def test_the_organization_page_links_to_the_dashboard_of_its_members_only(fw, login):
    rp = fw.world.orgs["rp"]
    url = reverse("organizations:organization_detail", kwargs={"pk": rp.pk})
    dashboard = reverse("fieldwork:organization_dashboard", kwargs={"pk": rp.pk})
    assert dashboard in login(fw.secretary).get(url).content.decode()
    assert dashboard not in login(fw.world.user("coalition_office")).get(url).content.decode()
