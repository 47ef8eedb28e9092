"""Due dates from a schedule: month ends, leap years, weekdays, every N weeks, year ends,
impossible schedules; and a due date in the reader's calendar (Gregorian and Jalali)."""

from datetime import date

import pytest
from django.utils import translation

from nucleus.templatetags.nucleus_dates import ndate
from publications import schedule as sched
from publications.schedule import Schedule, due_dates, tolerance_days


def test_it_gives_every_day_of_a_daily_paper_across_the_year_end():
    days = due_dates(Schedule(sched.DAILY), date(2024, 12, 30), date(2025, 1, 2))
    assert days == [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 2)]


def test_it_gives_the_fridays_of_a_weekly_paper():
    fridays = due_dates(Schedule(sched.WEEKLY, weekday=4), date(2024, 12, 25), date(2025, 1, 17))
    assert fridays == [date(2024, 12, 27), date(2025, 1, 3), date(2025, 1, 10), date(2025, 1, 17)]
    assert {d.weekday() for d in fridays} == {4}


def test_it_includes_a_start_that_falls_on_the_weekday():
    assert due_dates(Schedule(sched.WEEKLY, weekday=1), date(2025, 3, 4),
                     date(2025, 3, 10)) == [date(2025, 3, 4)]


def test_it_counts_every_n_weeks_from_the_anchor_before_and_after_it():
    every_two = Schedule(sched.EVERY_N_WEEKS, interval_weeks=2, anchor=date(2025, 1, 10))
    assert due_dates(every_two, date(2024, 12, 20), date(2025, 2, 10)) == [
        date(2024, 12, 27), date(2025, 1, 10), date(2025, 1, 24), date(2025, 2, 7)]
    # N = 1 is weekly on the anchor's weekday.
    weekly = Schedule(sched.EVERY_N_WEEKS, interval_weeks=1, anchor=date(2025, 1, 10))
    assert due_dates(weekly, date(2025, 1, 1), date(2025, 1, 20)) == [
        date(2025, 1, 3), date(2025, 1, 10), date(2025, 1, 17)]


def test_it_moves_a_monthly_day_beyond_the_month_to_its_last_day():
    on_31st = Schedule(sched.MONTHLY, day_of_month=31)
    assert due_dates(on_31st, date(2023, 1, 1), date(2023, 5, 31)) == [
        date(2023, 1, 31), date(2023, 2, 28), date(2023, 3, 31), date(2023, 4, 30),
        date(2023, 5, 31)]


def test_it_knows_the_29th_of_february_of_a_leap_year():
    on_30th = Schedule(sched.MONTHLY, day_of_month=30)
    assert due_dates(on_30th, date(2024, 2, 1), date(2024, 3, 31)) == [
        date(2024, 2, 29), date(2024, 3, 30)]
    on_29th = Schedule(sched.MONTHLY, day_of_month=29)
    assert due_dates(on_29th, date(2100, 2, 1), date(2100, 2, 28)) == [date(2100, 2, 28)]


def test_it_crosses_the_year_end_monthly():
    assert due_dates(Schedule(sched.MONTHLY, day_of_month=15), date(2024, 11, 20),
                     date(2025, 2, 1)) == [date(2024, 12, 15), date(2025, 1, 15)]


def test_it_gives_no_due_dates_where_none_can_be_told():
    start, end = date(2025, 1, 1), date(2025, 3, 1)
    for schedule in (Schedule(sched.IRREGULAR), Schedule(sched.CONTINUOUS),
                     Schedule(sched.WEEKLY), Schedule(sched.MONTHLY)):
        assert due_dates(schedule, start, end) == []
    assert due_dates(Schedule(sched.DAILY), end, start) == []


@pytest.mark.parametrize(("schedule", "code", "field"), [
    (Schedule(sched.WEEKLY, weekday=7), sched.NO_SUCH_WEEKDAY, "weekday"),
    (Schedule(sched.WEEKLY, weekday=-1), sched.NO_SUCH_WEEKDAY, "weekday"),
    (Schedule(sched.EVERY_N_WEEKS, interval_weeks=0, anchor=date(2025, 1, 1)),
     sched.NO_SUCH_INTERVAL, "interval_weeks"),
    (Schedule(sched.EVERY_N_WEEKS, interval_weeks=2), sched.NO_ANCHOR, "anchor"),
    (Schedule(sched.MONTHLY, day_of_month=32), sched.NO_SUCH_DAY, "day_of_month"),
    (Schedule(sched.MONTHLY, day_of_month=0), sched.NO_SUCH_DAY, "day_of_month"),
    (Schedule("fortnightly"), sched.NO_SUCH_FREQUENCY, "frequency"),
])
def test_it_refuses_a_schedule_no_calendar_satisfies(schedule, code, field):
    with pytest.raises(sched.ScheduleError) as refused:
        due_dates(schedule, date(2025, 1, 1), date(2025, 2, 1))
    assert (refused.value.code, refused.value.field) == (code, field)


def test_it_drops_what_the_frequency_does_not_use():
    left_over = Schedule(sched.WEEKLY, weekday=2, day_of_month=31, interval_weeks=3)
    assert left_over.normalized() == Schedule(sched.WEEKLY, weekday=2)


def test_it_tolerates_half_a_period():
    assert [tolerance_days(s) for s in (
        Schedule(sched.DAILY), Schedule(sched.WEEKLY, weekday=4),
        Schedule(sched.EVERY_N_WEEKS, interval_weeks=2, anchor=date(2025, 1, 1)),
        Schedule(sched.MONTHLY, day_of_month=1), Schedule(sched.IRREGULAR))] == [0, 3, 7, 15, 0]


def test_it_shows_a_due_date_in_the_readers_calendar():
    # The last day of February 2024, a leap year, is the 10th of Esfand 1402.
    [due] = due_dates(Schedule(sched.MONTHLY, day_of_month=31), date(2024, 2, 1),
                      date(2024, 2, 29))
    assert ndate(due) == "2024-02-29"
    with translation.override("fa"):
        assert ndate(due) == "۱۴۰۲/۱۲/۱۰"
    # A Friday across the turn of the Persian year: Nowruz 1404, the 1st of Farvardin.
    [friday] = due_dates(Schedule(sched.WEEKLY, weekday=4), date(2025, 3, 17),
                         date(2025, 3, 23))
    with translation.override("fa"):
        assert ndate(friday) == "۱۴۰۴/۰۱/۰۱"
