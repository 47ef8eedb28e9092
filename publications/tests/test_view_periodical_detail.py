"""A periodical's page: its public facts, editions with their continuity, its status history
(the current status on top), its issues; a publishing unit named only to those who see it,
its issues in preparation only to those who hold the editorial unit's records."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from publications.actions import (
    do_add_edition,
    do_add_issue,
    do_add_status,
    do_set_programme_languages,
)
from publications.drafts import do_create_draft
from publications.tests.helpers import founder, periodical, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def iskra(world):
    paper = periodical(world.orgs["rp"], "Red Spark", publishing_unit=world.units["north"],
                       pages=8, url="https://spark.example.org", started_on=date(2006, 3, 1),
                       started_precision="month", original_title="The World Paper")
    do_add_status(acting_user=None, periodical=paper,
                  data={"frequency": "weekly", "weekday": 1, "note": "Tuesdays"})
    do_add_status(acting_user=None, periodical=paper,
                  data={"status": "suspended", "since": date(2024, 5, 1)})
    do_add_edition(acting_user=None, periodical=paper, data={"language": "de",
                                                             "title": "Roter Funke"})
    do_add_issue(acting_user=None, edition=paper.editions.get(language="fa"),
                 data={"number": 7, "published_on": date(2024, 4, 2)})
    return paper


def test_it_shows_the_public_facts_and_the_history(world, login, iskra):
    page = login(world.user("cell_member")).get(url("periodical_detail", iskra))
    assert page.status_code == 200
    text = page.content.decode()
    for fact in ("Red Spark", "Red Party", "https://spark.example.org", "2006-03",
                 "The World Paper", "Roter Funke", "Weekly on Tuesday", "Tuesdays",
                 "Suspended", "2024-04-02"):
        assert fact in text, fact
    # The latest period is the current one, listed first and marked so.
    history = text[text.index("Status and schedule history"):]
    assert history.index("Suspended") < history.index("Weekly on Tuesday")
    assert page.context["report"].status.status == "suspended"


def test_it_names_the_publishing_unit_only_to_those_who_see_it(world, login, iskra):
    assert "North Committee" not in login(world.user("cell_member")).get(
        url("periodical_detail", iskra)).content.decode()
    assert "North Committee" in login(world.user("overseer")).get(
        url("periodical_detail", iskra)).content.decode()


def test_it_answers_the_coalition_office_and_404s_outside(world, login, iskra):
    assert login(world.user("coalition_office")).get(
        url("periodical_detail", iskra)).status_code == 200
    assert login(world.user("outsider")).get(
        url("periodical_detail", iskra)).status_code == 404


def test_it_shows_the_continuity_of_each_edition(world, login):
    weekly = periodical(world.orgs["rp"], "Weekly Worker")
    today = timezone.localdate()
    do_add_status(acting_user=None, periodical=weekly,
                  data={"frequency": "weekly", "weekday": today.weekday()})
    for weeks, number in ((4, 1), (3, 2), (1, 3), (0, 4)):
        do_add_issue(acting_user=None, edition=weekly.editions.get(),
                     data={"number": number, "published_on": today - timedelta(weeks=weeks)})
    response = login(world.user("cell_member")).get(url("periodical_detail", weekly))
    [edition] = response.context["report"].editions
    assert edition.state == "late"
    assert [d.on for d in edition.report.missed] == [today - timedelta(weeks=2)]
    assert "Longest interruption" in response.content.decode()


def test_it_shows_the_programme_languages_of_a_channel(world, login):
    channel = periodical(world.orgs["rp"], "Red TV", kind="tv", languages=["fa", "en"])
    do_set_programme_languages(acting_user=None, periodical=channel,
                               rows=[("fa", "main", None), ("en", "some", None)])
    text = login(world.user("cell_member")).get(
        url("periodical_detail", channel)).content.decode()
    assert "Mainly" in text and "Some programming" in text


def test_it_offers_the_forms_to_whoever_may_change_it(world, login, iskra):
    text = login(founder()).get(url("periodical_detail", iskra)).content.decode()
    for name in ("periodical_edit", "issue_add", "edition_add", "status_add"):
        assert url(name, iskra) in text
    text = login(world.user("cell_secretary")).get(
        url("periodical_detail", iskra)).content.decode()
    assert url("issue_add", iskra) not in text


def test_it_shows_dates_in_the_persian_calendar(world, login, iskra):
    text = login(world.user("cell_member")).get(url("periodical_detail", iskra),
                                                headers={"Accept-Language": "fa"}).content.decode()
    assert "۱۴۰۳/۰۱/۱۴" in text  # 2 April 2024, the issue's date


def test_it_shows_issues_in_preparation_only_to_the_editorial_unit(world, login):
    bulletin = periodical(world.orgs["rp"], "Cell Bulletin", publishing_unit=world.units["cell_a"])
    draft = do_create_draft(acting_user=None, periodical=bulletin, data={
        "edition": bulletin.editions.get(), "number": 4, "note": "the front page"})
    page = login(world.user("cell_secretary")).get(url("periodical_detail", bulletin))
    assert url("draft_edit", draft) in page.content.decode()
    assert url("draft_add", bulletin) in page.content.decode()
    other = login(world.user("sibling_secretary")).get(url("periodical_detail", bulletin))
    assert other.status_code == 200
    assert "the front page" not in other.content.decode()
    assert url("draft_add", bulletin) not in other.content.decode()
