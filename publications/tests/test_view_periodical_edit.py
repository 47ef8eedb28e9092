"""Editing a periodical: its facts change with an audit row; an edit over a newer version is
refused; a unit of another organization is refused."""

import pytest

from audit.models import AuditEvent
from publications.actions import do_update_periodical
from publications.models import Periodical
from publications.tests.helpers import founder, periodical, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def star(world):
    return periodical(world.orgs["rp"], kind="newspaper")


def _form(star, **changes):
    return {"title": star.title, "kind": star.kind, "languages": "fa",
            "started_precision": "day", "first_issue_precision": "day",
            "version": star.version, **changes}


def test_it_changes_the_facts_and_audits_them(world, login, star):
    response = login(founder()).post(url("periodical_edit", star),
                                     _form(star, pages="12", schedule_text="twice a month"))
    assert response.status_code == 302
    star.refresh_from_db()
    assert (star.pages, star.schedule_text) == (12, "twice a month")
    event = AuditEvent.objects.filter(model="publications.Periodical", object_id=star.pk,
                                      action="update").get()
    assert {"pages", "schedule_text"} <= set(event.fields)


def test_it_refuses_to_save_over_a_newer_version(world, login, star):
    client = login(founder())
    opened = _form(star, pages="4")
    do_update_periodical(acting_user=None, periodical=star, data={"pages": 16})
    response = client.post(url("periodical_edit", star), opened)
    assert "changed since you opened it" in str(response.context["form"].errors)
    star.refresh_from_db()
    assert star.pages == 16


def test_it_links_a_translation_only_to_a_visible_periodical(world, login, star):
    other = periodical(world.orgs["op"], "Other Voice")
    response = login(founder()).post(url("periodical_edit", star),
                                     _form(star, translation_of=other.uid))
    assert "Select a valid choice" in str(response.context["form"].errors["translation_of"])
    assert Periodical.objects.get(pk=star.pk).translation_of is None


def test_it_404s_for_who_may_not_change_it(world, login, star):
    for who in ("cell_secretary", "outsider"):
        assert login(world.user(who)).get(url("periodical_edit", star)).status_code == 404
