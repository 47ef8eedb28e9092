"""Adding lineage events, sister links, public offices and affiliates (periodicals:
publications/tests)."""

import pytest
from django.utils import timezone

from organizations.models import (
    LineageEvent,
    Organization,
    PublicOffice,
    SisterLink,
)
from organizations.tests.helpers import audits, form_errors, founder, url

pytestmark = pytest.mark.django_db

NEXT_YEAR = str(timezone.localdate().year + 1)

# name of the URL, model, good input, [(bad input, field, message)]
FORMS = {
    "lineage_add": (LineageEvent, {"kind": "split_from", "other_name": "Old Party",
                                   "year": "1980"}, [
        ({"other_name": ""}, "other_name", "Name the other organization."),
        ({"year": NEXT_YEAR}, "year", "The year cannot be in the future."),
        ({"date": "1979-02-11"}, "year", "Does not match the date."),
    ]),
    "sister_link_add": (SisterLink, {"sister_name": "Green Party", "note": "since 1990"}, [
        ({"sister_name": ""}, "sister_name", "Name the sister organization."),
    ]),
    "public_office_add": (PublicOffice, {"title": "Chair", "holder": "A. Public",
                                         "since_year": "2010"}, [
        ({"holder": ""}, "holder", "This field is required."),
        ({"since_year": NEXT_YEAR}, "since_year", "The year cannot be in the future."),
    ]),
    "affiliate_add": (Organization, {"affiliation": "youth", "name": "Red Youth"}, [
        ({"affiliation": ""}, "affiliation", "This field is required."),
        ({"name": ""}, "name", "This field is required."),
    ]),
}


@pytest.mark.parametrize("name", FORMS)
def test_it_requires_login(world, client, name):
    model, good, _ = FORMS[name]
    before = model.objects.count()
    response = client.post(url(name, world.orgs["rp"]), good)
    assert response.status_code == 302 and response.url.startswith("/login/")
    assert model.objects.count() == before


@pytest.mark.parametrize("name", FORMS)
def test_it_404s_without_change_access(world, login, name):
    model, good, _ = FORMS[name]
    before = model.objects.count()
    for who in ("cell_secretary", "coalition_office"):
        client = login(world.user(who))
        assert client.get(url(name, world.orgs["rp"])).status_code == 404
        assert client.post(url(name, world.orgs["rp"]), good).status_code == 404
    assert model.objects.count() == before


@pytest.mark.parametrize(("name", "case"), [(n, i) for n, f in FORMS.items()
                                            for i in range(len(f[2]))])
def test_it_rejects_bad_input_and_changes_nothing(world, login, name, case):
    model, good, bad = FORMS[name]
    change, field, message = bad[case]
    before = model.objects.count()
    response = login(founder()).post(url(name, world.orgs["rp"]), {**good, **change})
    assert message in " ".join(form_errors(response)[field])
    assert model.objects.count() == before


@pytest.mark.parametrize("name", FORMS)
def test_it_adds_and_audits(world, login, name):
    model, good, _ = FORMS[name]
    rp = world.orgs["rp"]
    response = login(founder()).post(url(name, rp), good)
    assert response.status_code == 302 and response.url == url("organization_detail", rp)
    added = model.objects.latest("pk")
    assert audits(added, "create").get().actor == founder()
    page = login(founder()).get(url("organization_detail", rp)).content.decode()
    assert (good.get("title") or good.get("name") or good.get("other_name")
            or good["sister_name"]) in page


def test_it_offers_only_visible_organizations_as_the_other_one(world, login):
    rp, op = world.orgs["rp"], world.orgs["op"]
    client = login(founder())
    for name, field in (("lineage_add", "other"), ("sister_link_add", "sister")):
        choices = client.get(url(name, rp)).context["form"].fields[field].queryset
        assert rp not in choices and op not in choices
        response = client.post(url(name, rp), {**FORMS[name][1], field: op.pk})
        assert "Select a valid choice" in form_errors(response)[field][0]


def test_it_keeps_an_affiliate_of_an_office_kept_profile_with_the_office(world, login):
    profile = world.orgs["profile"]
    office = world.user("coalition_office")
    response = login(office).post(url("affiliate_add", profile),
                                  {"affiliation": "union", "name": "Profile Union"})
    assert response.status_code == 302
    union = Organization.objects.get(name="Profile Union")
    assert (union.parent_organization, union.registered_by) == (profile, world.coalition)
    assert not union.units.exists()


def test_it_makes_the_founder_secretary_of_a_new_affiliate(world, login):
    login(founder()).post(url("affiliate_add", world.orgs["rp"]),
                          {"affiliation": "youth", "name": "Red Youth"})
    youth = Organization.objects.get(name="Red Youth")
    assert youth.parent_organization == world.orgs["rp"]
    assert youth.units.get().roles.get().user == founder()
