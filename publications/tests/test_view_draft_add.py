"""Preparing an issue: the editorial unit's record, for those who hold that unit's records."""

from datetime import date

import pytest

from audit.models import AuditEvent
from publications.models import Issue, IssueDraft
from publications.tests.helpers import periodical, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(world):
    """Published by Cell A, whose secretary is in the cast."""
    return periodical(world.orgs["rp"], "Cell Bulletin", publishing_unit=world.units["cell_a"])


def _post(client, bulletin, **data):
    form = {"edition": bulletin.editions.get().uid, "number": "7",
            "planned_on": "2025-02-07", "status": "preparing", "note": "",
            "contents": "Wages at the mill|  A. Kargar \n\nThe strike, day three\n"}
    return client.post(url("draft_add", bulletin), {**form, **data})


def test_it_prepares_an_issue_on_the_publishing_unit(world, login, bulletin):
    response = _post(login(world.user("cell_secretary")), bulletin)
    assert response.status_code == 302 and response.url == url("periodical_detail", bulletin)
    draft = IssueDraft.objects.get()
    assert (draft.unit, draft.edition, draft.number, draft.planned_on) == (
        world.units["cell_a"], bulletin.editions.get(), 7, date(2025, 2, 7))
    assert draft.contents == "Wages at the mill | A. Kargar\nThe strike, day three"
    assert AuditEvent.objects.filter(model="publications.IssueDraft", action="create",
                                     unit=world.units["cell_a"]).count() == 1
    assert not Issue.objects.exists()


def test_it_tells_who_sees_the_periodical_but_not_the_unit_and_saves_nothing(
        world, login, bulletin):
    client = login(world.user("sibling_secretary"))
    assert "not available" in client.get(url("draft_add", bulletin)).context["notice"]
    response = _post(client, bulletin)
    assert response.status_code == 200
    assert "That one is not available here." in str(response.context["form"].non_field_errors())
    assert not IssueDraft.objects.exists()


def test_it_404s_outside_the_organization(world, login, bulletin):
    assert _post(login(world.user("outsider")), bulletin).status_code == 404
    assert not IssueDraft.objects.exists()
