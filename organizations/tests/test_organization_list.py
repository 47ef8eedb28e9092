"""The organization directory: visible organizations only, search, filters, htmx."""

import pytest

from organizations.actions import do_update_organization
from organizations.tests.helpers import url

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [o.name for o in response.context["page"].object_list]


@pytest.fixture
def tagged(world):
    do_update_organization(acting_user=None, org=world.orgs["rp"],
                           data={"native_name": "حزب سرخ", "native_language": "fa"},
                           tags=["socialist"])
    do_update_organization(acting_user=None, org=world.orgs["profile"],
                           data={"country": "Elsewhere", "status": "banned"},
                           tags=["anarchist"])
    return world


def test_it_lists_only_visible_organizations(world, login):
    assert _names(login(world.user("cell_member")).get(url("organization_list"))) == [
        "Red Party"]
    assert _names(login(world.user("coalition_office")).get(url("organization_list"))) == [
        "Profile Org", "Red Party"]
    assert _names(login(world.user("outsider")).get(url("organization_list"))) == [
        "Other Party"]


@pytest.mark.parametrize("term", ["red", "RP", "سرخ"])
def test_it_searches_name_acronym_and_native_name(tagged, login, term):
    client = login(tagged.user("coalition_office"))
    assert _names(client.get(url("organization_list"), {"q": term})) == ["Red Party"]


@pytest.mark.parametrize("params", [{"country": "Elsewhere"}, {"status": "banned"}])
def test_it_filters_by_country_and_status(tagged, login, params):
    client = login(tagged.user("coalition_office"))
    assert _names(client.get(url("organization_list"), params)) == ["Profile Org"]


def test_it_filters_by_ideology_and_coalition(tagged, login):
    from organizations.models import IdeologyTag

    client = login(tagged.user("coalition_office"))
    tag = IdeologyTag.objects.get(name="anarchist")
    assert _names(client.get(url("organization_list"), {"tag": tag.uid})) == ["Profile Org"]
    assert _names(client.get(url("organization_list"),
                             {"coalition": tagged.coalition.uid})) == ["Profile Org", "Red Party"]


def test_it_offers_only_choices_from_visible_records(tagged, login):
    form = login(tagged.user("cell_member")).get(url("organization_list")).context["form"]
    assert [c for c, _ in form.fields["country"].choices] == ["", "Nowhere"]
    assert [t.name for t in form.fields["tag"].queryset] == ["socialist"]
    outsider_form = login(tagged.user("outsider")).get(url("organization_list")).context["form"]
    assert not outsider_form.fields["coalition"].queryset.exists()


def test_it_reports_a_filter_it_cannot_apply(tagged, login):
    client = login(tagged.user("outsider"))
    response = client.get(url("organization_list"), {"coalition": tagged.coalition.uid})
    assert "Select a valid choice" in response.content.decode()
    assert _names(response) == ["Other Party"]


def test_it_answers_htmx_with_the_results_only(tagged, login):
    client = login(tagged.user("coalition_office"))
    response = client.get(url("organization_list"), {"q": "profile"},
                          headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "Profile Org" in page and "Red Party" not in page
    assert "HX-Request" in response["Vary"]
    full = client.get(url("organization_list"), {"q": "profile"}).content.decode()
    assert "<html" in full and 'hx-get="/organizations/"' in full
    restored = client.get(url("organization_list"), {"q": "profile"}, headers={
        "HX-Request": "true", "HX-History-Restore-Request": "true"}).content.decode()
    assert "<html" in restored
