"""The organization's drafts for a coalition: its own drafts only; the coalition's office and
the other members' users see none of them."""

import pytest
from django.urls import reverse

from coalitions.tests.drafts import draft

pytestmark = pytest.mark.django_db


def test_it_lists_the_drafts_to_the_organization_only(world, login):
    proposal = draft(world)
    url = reverse("coalitions:proposal_drafts", kwargs={"uid": world.coalition.uid})
    page = login(world.user("cell_member")).get(url).content.decode()
    assert proposal.title in page
    assert reverse("coalitions:propose", kwargs={"uid": world.coalition.uid}) in page
    for name in ("coalition_office", "outsider"):
        response = login(world.user(name)).get(url)
        assert response.status_code == 200 and proposal.title not in response.content.decode()
