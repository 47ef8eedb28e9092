"""Publishing continuity on small cases computed by hand: missed and late issues, issues out
of schedule, pending due dates, the longest interruption, a title that stopped; and the
due dates a status history gives."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from publications.actions import do_add_issue, do_add_status, do_create_periodical
from publications.continuity import continuity
from publications.models import StatusPeriod
from publications.reports import (
    LATE,
    NO_ISSUES,
    NO_SCHEDULE,
    ON_SCHEDULE,
    STOPPED,
    due_dates,
    periodicals_continuity,
)
from publications.schedule import Schedule
from publications.schedule import due_dates as schedule_dates

# Fridays from 3 January to 28 February 2025; the report is made on Wednesday 5 March.
FRIDAYS = schedule_dates(Schedule("weekly", weekday=4), date(2025, 1, 3), date(2025, 3, 5))
TODAY = date(2025, 3, 5)


def d(month: int, day: int) -> date:
    return date(2025, month, day)


def test_it_counts_missed_late_and_out_of_schedule_issues():
    issues = [d(1, 3), d(1, 11), d(1, 17), d(2, 5), d(2, 7), d(2, 14), d(2, 15), d(3, 2)]
    report = continuity(FRIDAYS, issues, TODAY, tolerance=3)
    assert len(FRIDAYS) == len(report.decided) == 9
    assert report.appeared == 6
    assert [x.on for x in report.missed] == [d(1, 24), d(1, 31), d(2, 21)]
    # A day late for the 10th of January, two for the 28th of February.
    assert [(x.on, x.days_late) for x in report.late] == [(d(1, 10), 1), (d(2, 28), 2)]
    assert report.most_days_late == 2
    # Five days after the 31st of January is beyond the tolerance; the 15th of February is
    # a second issue for the 14th.
    assert report.out_of_schedule == [d(2, 5), d(2, 15)]
    # 24 January to the issue of 5 February; the other one, 21 February to 2 March, is 9.
    assert (report.longest_interruption, report.interruption_from) == (12, d(1, 24))
    assert not report.stopped
    assert [int(x.appeared is not None) for x in report.timeline] == [1, 1, 1, 0, 0, 1, 1, 0, 1]


def test_it_says_a_title_stopped_when_nothing_appeared_since_a_missed_due_date():
    report = continuity(FRIDAYS, [d(1, 3), d(1, 10), d(1, 17), d(1, 24), d(1, 31), d(2, 7)],
                        TODAY, tolerance=3)
    assert [x.on for x in report.missed] == [d(2, 14), d(2, 21), d(2, 28)]
    assert report.stopped
    assert (report.longest_interruption, report.interruption_from) == (19, d(2, 14))


def test_it_waits_for_an_issue_still_within_its_tolerance():
    saturday = d(3, 1)
    report = continuity([x for x in FRIDAYS if x <= saturday], FRIDAYS[:-1], saturday,
                        tolerance=3)
    assert report.due[-1].pending and not report.missed
    assert len(report.decided) == 8 and not report.stopped


def test_it_counts_a_daily_paper_without_tolerance():
    days = [d(1, 1) + timedelta(days=n) for n in range(5)]
    report = continuity(days, [d(1, 1), d(1, 2), d(1, 4), d(1, 5)], d(1, 5), tolerance=0)
    assert [x.on for x in report.missed] == [d(1, 3)]
    assert report.longest_interruption == 1 and not report.stopped


@pytest.fixture
def weekly(world):
    periodical = do_create_periodical(acting_user=None, organization=world.orgs["rp"],
                                      data={"title": "Red Star", "languages": ["fa"]})
    return periodical


def _period(periodical, **data) -> StatusPeriod:
    return do_add_status(acting_user=None, periodical=periodical, data=data)


def test_it_follows_the_schedule_in_force_on_each_day(weekly):
    _period(weekly, frequency="weekly", weekday=1, since=d(1, 1))  # Tuesdays
    _period(weekly, frequency="weekly", weekday=4, since=d(2, 1))  # then Fridays
    dates, tolerance = due_dates(list(weekly.status_periods.all()), d(1, 14), d(2, 20))
    assert dates == [d(1, 14), d(1, 21), d(1, 28), d(2, 7), d(2, 14)]
    assert tolerance == 3


def test_it_counts_nothing_for_a_past_schedule_that_ended_on_an_unknown_day(weekly):
    _period(weekly, frequency="weekly", weekday=1)  # "used to be published every Tuesday"
    _period(weekly, status="suspended")
    assert due_dates(list(weekly.status_periods.all()), d(1, 1), d(3, 1)) == ([], 0)


def test_it_lists_stopped_and_late_titles_first(world, weekly):
    rp = world.orgs["rp"]
    today = timezone.localdate()
    titles = {}
    for title, issue_weeks in (("On time", range(6)), ("Stopped", range(3, 8)),
                               ("Late", (0, 1, 3, 4)), ("Unrecorded", ()),
                               ("Irregular", (2,))):
        periodical = do_create_periodical(acting_user=None, organization=rp,
                                          data={"title": title, "languages": ["fa"]})
        _period(periodical, frequency="irregular" if title == "Irregular" else "weekly",
                weekday=today.weekday())
        for week in issue_weeks:
            do_add_issue(acting_user=None, edition=periodical.editions.get(),
                         data={"number": 100 - week,
                               "published_on": today - timedelta(weeks=week)})
        titles[title] = periodical
    rows = periodicals_continuity(titles.values(), today)
    assert [(r.periodical.title, r.state) for r in rows] == [
        ("Stopped", STOPPED), ("Late", LATE), ("On time", ON_SCHEDULE),
        ("Unrecorded", NO_ISSUES), ("Irregular", NO_SCHEDULE)]
    # Due two and one weeks ago, missed; today's issue may still come.
    stopped = rows[0].editions[0].report
    assert stopped.longest_interruption == 14 and len(stopped.missed) == 2
    assert stopped.due[-1].pending
