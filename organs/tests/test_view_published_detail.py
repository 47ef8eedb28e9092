"""A published resolution on an organization's profile: its text and public names, never
the organ, its decision or its people."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_coalition_office_reads_a_members_published_resolution(world, organs, login):
    copy = organs.resolutions["cell_a"].published
    client = login(world.user("coalition_office"))
    page = client.get(reverse("organs:published_detail", kwargs={"uid": copy.uid}))
    body = page.content.decode()
    assert page.status_code == 200 and "We collect." in body and "A. Public" in body
    assert "Cell A" not in body and "alias-cella" not in body
    profile = client.get(reverse("organizations:organization_detail",
                                 kwargs={"uid": world.orgs["rp"].uid})).content.decode()
    assert reverse("organs:published_detail", kwargs={"uid": copy.uid}) in profile


def test_the_outsider_does_not_read_it(world, organs, login):
    copy = organs.resolutions["cell_a"].published
    page = login(world.user("outsider")).get(reverse("organs:published_detail",
                                                     kwargs={"uid": copy.uid}))
    assert page.status_code == 404
