"""Per organization: its mass organizations, its assessment scale, its fieldwork settings."""

import pytest
from django.urls import reverse

from accounts.models import User
from fieldwork.models import AssessmentLevel, Demand, FieldworkSettings, MassOrganization

pytestmark = pytest.mark.django_db


def _url(name, org):
    return reverse(f"fieldwork:{name}", kwargs={"uid": org.uid})


@pytest.fixture
def founder(world):
    """The secretary of the Red Party's top unit (who founded it)."""
    return User.objects.get(username="founder")


def test_it_adds_a_mass_organization(fw, login):
    rp = fw.world.orgs["rp"]
    response = login(fw.secretary).post(_url("mass_organization_create", rp), {
        "name": "Metal Workers Union", "kind": "trade_union", "orientation": "class"})
    assert response.status_code == 302
    assert MassOrganization.objects.get(organization=rp).name == "Metal Workers Union"


def test_it_rejects_a_second_mass_organization_of_the_same_name(fw, login):
    rp = fw.world.orgs["rp"]
    client = login(fw.secretary)
    client.post(_url("mass_organization_create", rp), {"name": "Union", "kind": "trade_union"})
    response = client.post(_url("mass_organization_create", rp),
                           {"name": "Union", "kind": "association"})
    assert "already exists" in response.content.decode()
    assert MassOrganization.objects.count() == 1


def test_it_lists_but_offers_no_form_to_a_member(fw, login):
    client = login(fw.world.user("cell_member"))
    body = client.get(_url("mass_organization_create", fw.world.orgs["rp"])).content.decode()
    assert 'name="name"' not in body
    client.post(_url("mass_organization_create", fw.world.orgs["rp"]),
                {"name": "Union", "kind": "trade_union"})
    assert not MassOrganization.objects.exists()


def _scale_data(levels, changes=None):
    changes = changes or {}
    data = {"level-TOTAL_FORMS": str(len(levels)), "level-INITIAL_FORMS": str(len(levels))}
    for i, lv in enumerate(levels):
        row = {"id": lv.pk, "label": lv.label, "colour": lv.colour, "position": lv.position}
        if lv.retired:
            row["retired"] = "on"
        row.update(changes.get(lv.value, {}))
        data.update({f"level-{i}-{k}": v for k, v in row.items() if v is not None})
    return data


def _levels(org):
    return list(AssessmentLevel.objects.filter(organization=org).order_by("position", "value"))


def test_it_relabels_retires_and_adds_levels(fw, login, founder):
    rp = fw.world.orgs["rp"]
    data = _scale_data(_levels(rp), {2: {"label": "Sympathizer", "colour": "#00ff00"},
                                      4: {"retired": "on"}})
    data.update({"new-value": "6", "new-label": "Unknown", "new-colour": "#000000",
                 "new-position": "6"})
    response = login(founder).post(_url("scale_edit", rp), data)
    assert response.status_code == 302
    levels = {lv.value: lv for lv in _levels(rp)}
    assert (levels[2].label, levels[2].colour) == ("Sympathizer", "#00ff00")
    assert levels[4].retired and levels[6].label == "Unknown"


def test_it_rejects_a_colour_that_is_not_a_colour(fw, login, founder):
    rp = fw.world.orgs["rp"]
    data = _scale_data(_levels(rp), {1: {"colour": "green", "label": "Leader"}})
    response = login(founder).post(_url("scale_edit", rp), data)
    assert "A colour is written #rrggbb." in response.content.decode()
    assert _levels(rp)[0].label == "Committed leader"


def test_it_rejects_a_new_level_with_a_value_already_used(fw, login, founder):
    rp = fw.world.orgs["rp"]
    data = _scale_data(_levels(rp), {1: {"label": "Leader"}})
    data.update({"new-value": "2", "new-label": "Twice", "new-colour": "#000000"})
    response = login(founder).post(_url("scale_edit", rp), data)
    assert "already exists" in response.content.decode()
    assert _levels(rp)[0].label == "Committed leader" and len(_levels(rp)) == 5


def test_it_starts_a_scale_from_the_default(fw, login):
    op = fw.world.orgs["op"]
    client = login(fw.world.user("outsider"))
    assert "Start from the default scale" in client.get(_url("scale_edit", op)).content.decode()
    client.post(_url("scale_edit", op), {"defaults": "yes"})
    assert [lv.value for lv in _levels(op)] == [1, 2, 3, 4, 5]


def test_it_saves_the_settings(fw, login, founder):
    rp = fw.world.orgs["rp"]
    response = login(founder).post(_url("settings_edit", rp), {
        "majority_percent": "50", "supermajority_percent": "75", "supportive_max_value": "2",
        "stale_days": "14"})
    assert response.status_code == 302
    assert FieldworkSettings.objects.get(organization=rp).stale_days == 14


def test_it_rejects_a_supermajority_below_the_majority(fw, login, founder):
    rp = fw.world.orgs["rp"]
    response = login(founder).post(_url("settings_edit", rp), {
        "majority_percent": "60", "supermajority_percent": "55", "supportive_max_value": "2",
        "stale_days": "14"})
    assert "The supermajority cannot be below the majority threshold." in (
        response.content.decode())
    assert not FieldworkSettings.objects.exists()


def test_it_sets_up_the_default_demands(fw, login):
    op = fw.world.orgs["op"]
    client = login(fw.world.user("outsider"))
    client.post(_url("settings_edit", op), {"demands": "defaults"})
    assert Demand.objects.filter(organization=op).count() == 7
