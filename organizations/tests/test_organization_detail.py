"""The organization profile and its unit tree with counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.actions import (
    do_add_lineage_event,
    do_add_public_office,
    do_add_sister_link,
    do_create_unit,
    do_update_organization,
)
from organizations.tests.helpers import founder, url
from publications.actions import do_create_periodical

pytestmark = pytest.mark.django_db


def test_it_404s_outside_the_scope(world, login):
    client = login(world.user("outsider"))
    assert client.get(url("organization_detail", world.orgs["rp"])).status_code == 404
    client = login(world.user("cell_member"))
    assert client.get(url("organization_detail", world.orgs["profile"])).status_code == 404


def test_it_shows_the_profile(world, login):
    rp, op = world.orgs["rp"], world.orgs["op"]
    do_update_organization(acting_user=None, org=rp, data={
        "native_name": "حزب سرخ", "native_language": "fa", "founded_year": 1979,
        "website": "https://rp.example.org"}, tags=["socialist"])
    do_add_lineage_event(acting_user=None, organization=rp,
                         data={"kind": "split_from", "other_name": "Old Party", "year": 1979})
    do_add_sister_link(acting_user=None, organization=rp, data={"sister": op})
    do_add_public_office(acting_user=None, organization=rp,
                         data={"title": "Spokesperson", "holder": "A. Public"})
    do_create_periodical(acting_user=None, organization=rp,
                         data={"title": "Red Star", "kind": "newspaper", "languages": ["fa"]})
    response = login(world.user("cell_member")).get(url("organization_detail", rp))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<span lang="fa" dir="rtl">حزب سرخ</span>' in page
    for text in ("1979", "https://rp.example.org", "socialist", "Split from", "Old Party",
                 "Other Party", "Spokesperson", "A. Public", "Red Star", "Test Coalition"):
        assert text in page, text
    # The sister is named but not linked: the member cannot open it.
    assert url("organization_detail", op) not in page
    assert url("organization_edit", rp) not in page


def test_it_shows_only_the_visible_unit_tree_with_subtree_counts(world, login):
    response = login(world.user("overseer")).get(url("organization_detail", world.orgs["rp"]))
    [root] = response.context["tree"]
    assert root.unit.name == "North Committee" and root.count == 6
    assert [(n.unit.name, n.count) for n in root.children] == [("Cell A", 2), ("Cell B", 2)]
    page = response.content.decode()
    assert "South Committee" not in page and "Central Committee" not in page


def test_it_counts_in_a_fixed_number_of_queries(world, login):
    user = founder()
    client = login(user)
    address = url("organization_detail", world.orgs["rp"])
    client.get(address)
    with CaptureQueriesContext(connection) as before:
        client.get(address)
    for n in range(5):
        do_create_unit(acting_user=user, organization=world.orgs["rp"],
                       parent=world.units["south"],
                       data={"name": f"Cell S{n}", "kind": "cell", "field_kind": "school"})
    with CaptureQueriesContext(connection) as after:
        response = client.get(address)
    assert "Cell S4" in response.content.decode()
    assert len(after.captured_queries) == len(before.captured_queries)


def test_it_offers_editing_to_the_top_secretary(world, login):
    page = login(founder()).get(url("organization_detail", world.orgs["rp"])).content.decode()
    assert reverse("publications:periodical_create", kwargs={"uid": world.orgs["rp"].uid}) \
        in page
    for name in ("organization_edit", "lineage_add", "sister_link_add",
                 "public_office_add", "affiliate_add"):
        assert url(name, world.orgs["rp"]) in page


def test_it_orders_separate_trees_by_name(world, login):
    from access.actions import do_grant_role

    user = world.user("cell_secretary")
    # Created last (the largest id in its path), named first.
    aa = do_create_unit(acting_user=founder(), organization=world.orgs["rp"],
                        parent=world.units["south"],
                        data={"name": "Aa cell", "kind": "cell", "field_kind": "school"})
    do_grant_role(acting_user=founder(), user=user, unit=aa, kind="member")
    response = login(user).get(url("organization_detail", world.orgs["rp"]))
    assert [n.unit.name for n in response.context["tree"]] == ["Aa cell", "Cell A"]
