"""The writes and their refusals: an impossible schedule, a number used twice in an edition,
editions and programme languages; nothing is half saved, every write is audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from publications.actions import (
    ArticleLine,
    do_add_edition,
    do_add_issue,
    do_add_status,
    do_set_programme_languages,
    do_update_periodical,
)
from publications.models import Article, Edition, Issue, ProgrammeLanguage, StatusPeriod
from publications.tests.helpers import periodical
from publications.tests.images import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def red_star(world):
    return periodical(world.orgs["rp"])


def test_it_makes_the_main_edition_in_the_first_language(world):
    briefing = periodical(world.orgs["rp"], "Briefing", languages=["en", "de"])
    assert [(e.language, e.title) for e in briefing.editions.all()] == [("en", "")]
    assert AuditEvent.objects.filter(model="publications.Edition", action="create").exists()


def test_it_refuses_a_weekly_schedule_on_an_eighth_weekday(red_star):
    with pytest.raises(ValidationError) as refused:
        do_add_status(acting_user=None, periodical=red_star,
                      data={"frequency": "weekly", "weekday": 7})
    assert refused.value.message_dict == {
        "weekday": ["A week has seven days: choose one from Monday to Sunday."]}
    assert not StatusPeriod.objects.filter(periodical=red_star).exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"frequency": "every_n_weeks", "interval_weeks": 0, "anchor_date": date(2025, 1, 3)},
     "interval_weeks", "Every how many weeks?"),
    ({"frequency": "every_n_weeks", "interval_weeks": 2}, "anchor_date", "one date it appeared"),
    ({"frequency": "monthly", "day_of_month": 32}, "day_of_month", "at most 31 days"),
    ({"frequency": "daily", "since": timezone.localdate() + timedelta(days=2)}, "since",
     "cannot be in the future"),
])
def test_it_refuses_other_impossible_schedules(red_star, data, field, message):
    with pytest.raises(ValidationError) as refused:
        do_add_status(acting_user=None, periodical=red_star, data=data)
    assert message in " ".join(refused.value.message_dict[field])
    assert not StatusPeriod.objects.filter(periodical=red_star).exists()


def test_the_database_refuses_an_eighth_weekday_written_past_the_action(red_star):
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusPeriod.objects.create(periodical=red_star, frequency="weekly", weekday=7)


def test_it_keeps_only_what_the_frequency_uses(red_star):
    period = do_add_status(acting_user=None, periodical=red_star, data={
        "frequency": "weekly", "weekday": 4, "day_of_month": 31, "interval_weeks": 2})
    assert (period.weekday, period.day_of_month, period.interval_weeks) == (4, None, None)


def test_it_refuses_an_issue_number_twice_in_one_edition_and_saves_nothing(red_star):
    edition = red_star.editions.get()
    do_add_issue(acting_user=None, edition=edition,
                 data={"number": 12, "published_on": date(2025, 1, 3)})
    with pytest.raises(ValidationError) as refused:
        do_add_issue(acting_user=None, edition=edition,
                     data={"number": 12, "published_on": date(2025, 1, 10)},
                     articles=[ArticleLine("Wages", "A. Writer")], upload=pdf())
    assert refused.value.message_dict == {
        "number": ["Issue number 12 of this edition is already recorded."]}
    assert Issue.objects.filter(edition=edition).count() == 1
    assert not Article.objects.exists()


def test_the_database_refuses_a_number_twice_in_one_edition(red_star):
    edition = red_star.editions.get()
    Issue.objects.create(edition=edition, number=3, published_on=date(2025, 1, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.create(edition=edition, number=3, published_on=date(2025, 1, 10))


def test_it_numbers_each_edition_on_its_own(red_star):
    german = do_add_edition(acting_user=None, periodical=red_star, data={"language": "de"})
    for edition in (red_star.editions.get(language="fa"), german):
        do_add_issue(acting_user=None, edition=edition,
                     data={"number": 1, "published_on": date(2025, 1, 3)})
    assert Issue.objects.filter(number=1).count() == 2
    red_star.refresh_from_db()
    assert red_star.languages == ["fa", "de"]


def test_it_refuses_a_second_edition_in_one_language(red_star):
    with pytest.raises(ValidationError, match="edition in this language already"):
        do_add_edition(acting_user=None, periodical=red_star, data={"language": "fa"})
    assert Edition.objects.filter(periodical=red_star).count() == 1


def test_it_refuses_a_file_that_is_not_clean_and_saves_no_issue(red_star):
    with pytest.raises(ValidationError) as refused:
        do_add_issue(acting_user=None, edition=red_star.editions.get(),
                     data={"number": 1, "published_on": date(2025, 1, 3)},
                     upload=pdf(b"<< /Author (A. Member) >>", trailer=b"/Info 3 0 R"))
    assert "carries metadata" in refused.value.message_dict["file"][0]
    assert not Issue.objects.exists()


def test_it_replaces_the_programme_languages(red_star):
    do_set_programme_languages(acting_user=None, periodical=red_star,
                               rows=[("fa", "main", 80), ("en", "some", 10)])
    do_set_programme_languages(acting_user=None, periodical=red_star,
                               rows=[("fa", "main", None), ("ku", "some", None)])
    assert list(ProgrammeLanguage.objects.filter(periodical=red_star).values_list(
        "language", "share", "percent")) == [("fa", "main", None), ("ku", "some", None)]
    with pytest.raises(ValidationError, match="more than 100 percent"):
        do_set_programme_languages(acting_user=None, periodical=red_star,
                                   rows=[("fa", "main", 80), ("en", "some", 30)])


def test_it_refuses_a_unit_of_another_organization(world, red_star):
    with pytest.raises(ValidationError, match="belongs to another organization"):
        do_update_periodical(acting_user=None, periodical=red_star,
                             data={"publishing_unit": world.units["cell_x"]})
    red_star.refresh_from_db()
    assert red_star.publishing_unit is None
