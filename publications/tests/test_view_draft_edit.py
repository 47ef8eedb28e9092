"""Editing an issue in preparation: the editorial unit's record, 404 for anyone else."""

import pytest

from publications.drafts import do_create_draft
from publications.models import IssueDraft
from publications.tests.helpers import periodical, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    bulletin = periodical(world.orgs["rp"], "Cell Bulletin",
                          publishing_unit=world.units["cell_a"])
    return do_create_draft(acting_user=None, periodical=bulletin,
                           data={"edition": bulletin.editions.get(), "number": 3})


def _post(client, draft, **data):
    form = {"edition": draft.edition.uid, "number": "3", "planned_on": "2025-02-07",
            "status": "ready", "note": "front page late", "contents": "Wages | A. Kargar",
            "version": draft.version}
    return client.post(url("draft_edit", draft), {**form, **data})


def test_it_marks_the_issue_ready(world, login, draft):
    response = _post(login(world.user("cell_secretary")), draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.note, draft.contents) == (
        IssueDraft.Status.READY, "front page late", "Wages | A. Kargar")


def test_it_404s_for_who_does_not_hold_the_unit(world, login, draft):
    for name in ("sibling_secretary", "outsider"):
        assert _post(login(world.user(name)), draft).status_code == 404
    draft.refresh_from_db()
    assert draft.status == IssueDraft.Status.PREPARING
