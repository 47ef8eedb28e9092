"""An issue's page: its date, contents with pen names and the link to its file."""

from datetime import date

import pytest

from publications.actions import ArticleLine, do_add_issue
from publications.tests.helpers import periodical, url

pytestmark = pytest.mark.django_db


def test_it_shows_the_issue_and_its_contents(world, login):
    star = periodical(world.orgs["rp"])
    issue = do_add_issue(acting_user=None, edition=star.editions.get(),
                         data={"number": 5, "published_on": date(2025, 1, 3)},
                         articles=[ArticleLine("Wages at the mill", "A. Kargar")])
    text = login(world.user("cell_member")).get(url("issue_detail", issue)).content.decode()
    for fact in ("Red Star", "2025-01-03", "Wages at the mill", "A. Kargar"):
        assert fact in text
    assert url("issue_file", issue) not in text  # no file


def test_it_404s_outside(world, login):
    star = periodical(world.orgs["rp"])
    issue = do_add_issue(acting_user=None, edition=star.editions.get(),
                         data={"number": 5, "published_on": date(2025, 1, 3)})
    assert login(world.user("outsider")).get(url("issue_detail", issue)).status_code == 404
