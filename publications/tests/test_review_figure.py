"""The review figure "publications that missed issues" (publications/review_figures.py): a
unit's own periodicals whose due issues did not appear in the review's period."""

from datetime import date, timedelta

import pytest

from publications.actions import do_add_issue, do_add_status, do_create_periodical
from publications.review_figures import missed_issues
from publications.tests.helpers import founder
from reviews.figures import Period, providers

pytestmark = pytest.mark.django_db

FIRST = date(2025, 1, 3)  # a Friday
TODAY = date(2025, 3, 5)


def _weekly_paper(world, unit, title: str, skipped: set[int]):
    paper = do_create_periodical(acting_user=None, organization=world.orgs["rp"],
                                 data={"title": title, "languages": ["fa"],
                                       "publishing_unit": unit})
    do_add_status(acting_user=None, periodical=paper,
                  data={"status": "current", "frequency": "weekly", "weekday": 4, "since": FIRST})
    for week in range(9):
        if week not in skipped:
            do_add_issue(acting_user=None, edition=paper.editions.get(),
                         data={"number": week + 1,
                               "published_on": FIRST + timedelta(weeks=week)})
    return paper


def test_it_counts_the_missed_issues_of_the_units_papers_in_the_period(world):
    cell, sibling = world.units["cell_a"], world.units["cell_b"]
    _weekly_paper(world, cell, "Cell paper", skipped={3, 4, 7})  # 24 Jan, 31 Jan, 21 Feb
    _weekly_paper(world, sibling, "Other cell's paper", skipped={2})
    february = Period(date(2025, 2, 1), date(2025, 2, 28))
    figure = missed_issues(founder(), cell, february, TODAY)
    # Only 21 February falls in the period (24 and 31 January are before it); the sibling
    # cell's paper is not the reviewing unit's.
    assert figure == {"periodicals": 1, "missed": 1, "rows": [
        {"title": "Cell paper", "uid": figure["rows"][0]["uid"], "language": "fa",
         "missed": 1, "first": "2025-02-21", "last": "2025-02-21"}]}
    january = Period(date(2025, 1, 1), date(2025, 1, 31))
    assert missed_issues(founder(), cell, january, TODAY)["missed"] == 2


def test_it_shows_nothing_the_preparing_user_may_not_see(world):
    _weekly_paper(world, world.units["cell_a"], "Cell paper", skipped={7})
    period = Period(date(2025, 2, 1), date(2025, 2, 28))
    assert missed_issues(world.user("outsider"), world.units["cell_a"], period, TODAY) == {
        "periodicals": 0, "missed": 0, "rows": []}


def test_the_review_registry_knows_the_figure():
    assert "missed_issues" in [p.key for p in providers()]
