"""A publisher's continuity page: its periodicals, stopped and late titles first, each
edition with the timeline of its last due dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from publications.actions import do_add_issue, do_add_status
from publications.tests.helpers import founder, periodical, url

pytestmark = pytest.mark.django_db


def _weekly(org, title, weeks_with_issues):
    paper = periodical(org, title)
    today = timezone.localdate()
    do_add_status(acting_user=None, periodical=paper,
                  data={"frequency": "weekly", "weekday": today.weekday()})
    for number, weeks in enumerate(weeks_with_issues, start=1):
        do_add_issue(acting_user=None, edition=paper.editions.get(),
                     data={"number": number, "published_on": today - timedelta(weeks=weeks)})
    return paper


def test_it_lists_stopped_titles_first_with_their_timeline(world, login):
    rp = world.orgs["rp"]
    _weekly(rp, "Aa On Time", [3, 2, 1, 0])
    _weekly(rp, "Zz Stopped", [6, 5, 4])
    response = login(world.user("cell_member")).get(url("continuity", rp))
    assert response.status_code == 200
    assert [r.periodical.title for r in response.context["rows"]] == ["Zz Stopped",
                                                                     "Aa On Time"]
    assert response.context["stopped"] == 1
    text = response.content.decode()
    assert text.count("<svg") == 2 and "missed" in text
    assert "1 of 2 titles have stopped." in text


def test_it_shows_only_the_organizations_own_titles(world, login):
    _weekly(world.orgs["rp"], "Red Weekly", [0])
    _weekly(world.orgs["op"], "Other Weekly", [0])
    text = login(world.user("cell_member")).get(
        url("continuity", world.orgs["rp"])).content.decode()
    assert "Red Weekly" in text and "Other Weekly" not in text


def test_it_404s_outside_and_offers_adding_to_the_top_secretary(world, login):
    rp = world.orgs["rp"]
    assert login(world.user("outsider")).get(url("continuity", rp)).status_code == 404
    assert url("periodical_create", rp) in login(founder()).get(
        url("continuity", rp)).content.decode()
    assert url("periodical_create", rp) not in login(world.user("cell_secretary")).get(
        url("continuity", rp)).content.decode()


def test_it_shows_the_missed_due_date_in_the_persian_calendar(world, login):
    paper = _weekly(world.orgs["rp"], "Red Weekly", [3, 2, 0])
    text = login(world.user("cell_member")).get(
        url("continuity", paper.organization),
        headers={"Accept-Language": "fa"}).content.decode()
    from django.utils import translation

    from nucleus.templatetags.nucleus_dates import ndate

    missed = timezone.localdate() - timedelta(weeks=1)
    with translation.override("fa"):
        assert ndate(missed) in text
