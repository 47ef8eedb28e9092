"""When a periodical is due: its schedule as structure, and the due dates it gives.

Pure Python (no Django, no database), so that the rules are tested on their own and used the
same way by the pages, the API and the periodic review:

* daily: every day;
* weekly on a weekday (0 Monday ... 6 Sunday, like ``date.weekday()``);
* every N weeks, counted from an anchor date (the weekday is the anchor's);
* monthly on a day of the month; a day beyond the month's length means its last day (the
  31st is the 28th or 29th in February, the 30th in April);
* irregular, continuous (a 24-hour channel): no due dates.

A weekly schedule whose weekday is not known (the source says "weekly" and no more), and a
monthly one without its day, are kept as such but give no due dates: guessing the day would
count issues as late that were not.

``tolerance_days`` is how late an issue may appear and still count for its due date (see
``publications/continuity.py``): half the interval between two due dates, rounded down.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

DAILY = "daily"
WEEKLY = "weekly"
EVERY_N_WEEKS = "every_n_weeks"
MONTHLY = "monthly"
IRREGULAR = "irregular"
CONTINUOUS = "continuous"
FREQUENCIES = (DAILY, WEEKLY, EVERY_N_WEEKS, MONTHLY, IRREGULAR, CONTINUOUS)

# Problems with a schedule, as codes: the model turns them into messages for the reader.
NO_SUCH_FREQUENCY = "no_such_frequency"
NO_SUCH_WEEKDAY = "no_such_weekday"
NO_SUCH_INTERVAL = "no_such_interval"
NO_ANCHOR = "no_anchor"
NO_SUCH_DAY = "no_such_day"


class ScheduleError(ValueError):
    """A schedule that cannot be satisfied; ``field`` names the part that is wrong."""

    def __init__(self, code: str, field: str) -> None:
        super().__init__(f"{code}: {field}")
        self.code = code
        self.field = field


@dataclass(frozen=True)
class Schedule:
    frequency: str
    weekday: int | None = None  # weekly: 0 Monday ... 6 Sunday
    interval_weeks: int | None = None  # every N weeks: N >= 1
    anchor: date | None = None  # every N weeks: one due date, the others N weeks apart
    day_of_month: int | None = None  # monthly: 1 ... 31

    def check(self) -> None:
        """Raise ScheduleError for a schedule no calendar can satisfy."""
        if self.frequency not in FREQUENCIES:
            raise ScheduleError(NO_SUCH_FREQUENCY, "frequency")
        if self.frequency == WEEKLY and self.weekday is not None \
                and not 0 <= self.weekday <= 6:
            raise ScheduleError(NO_SUCH_WEEKDAY, "weekday")
        if self.frequency == EVERY_N_WEEKS:
            if self.interval_weeks is None or self.interval_weeks < 1:
                raise ScheduleError(NO_SUCH_INTERVAL, "interval_weeks")
            if self.anchor is None:
                raise ScheduleError(NO_ANCHOR, "anchor")
        if self.frequency == MONTHLY and self.day_of_month is not None \
                and not 1 <= self.day_of_month <= 31:
            raise ScheduleError(NO_SUCH_DAY, "day_of_month")

    def normalized(self) -> Schedule:
        """The same schedule without the parts its frequency does not use (a day of the
        month left in a form switched to weekly, say)."""
        return Schedule(
            frequency=self.frequency,
            weekday=self.weekday if self.frequency == WEEKLY else None,
            interval_weeks=self.interval_weeks if self.frequency == EVERY_N_WEEKS else None,
            anchor=self.anchor if self.frequency == EVERY_N_WEEKS else None,
            day_of_month=self.day_of_month if self.frequency == MONTHLY else None)

    @property
    def has_due_dates(self) -> bool:
        if self.frequency == WEEKLY:
            return self.weekday is not None
        if self.frequency == MONTHLY:
            return self.day_of_month is not None
        return self.frequency in (DAILY, EVERY_N_WEEKS)


def due_dates(schedule: Schedule, start: date, end: date) -> list[date]:
    """Every due date from ``start`` to ``end``, both included, oldest first."""
    schedule.check()
    if end < start or not schedule.has_due_dates:
        return []
    return list(_due(schedule, start, end))


def _due(schedule: Schedule, start: date, end: date) -> Iterator[date]:
    if schedule.frequency == DAILY:
        yield from _stepping(start, end, 1)
    elif schedule.frequency == WEEKLY:
        assert schedule.weekday is not None  # has_due_dates
        first = start + timedelta(days=(schedule.weekday - start.weekday()) % 7)
        yield from _stepping(first, end, 7)
    elif schedule.frequency == EVERY_N_WEEKS:
        assert schedule.anchor is not None and schedule.interval_weeks  # check()
        step = 7 * schedule.interval_weeks
        # The first due date on or after start, on the anchor's grid (before it or after).
        first = schedule.anchor + timedelta(days=-((schedule.anchor - start).days // step)
                                            * step)
        yield from _stepping(first, end, step)
    elif schedule.frequency == MONTHLY:
        assert schedule.day_of_month is not None  # has_due_dates
        yield from _monthly(schedule.day_of_month, start, end)


def _stepping(first: date, end: date, days: int) -> Iterator[date]:
    day = first
    while day <= end:
        yield day
        day += timedelta(days=days)


def day_in_month(year: int, month: int, day_of_month: int) -> date:
    """The ``day_of_month`` of that month, or its last day when the month is shorter."""
    return date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def _monthly(day_of_month: int, start: date, end: date) -> Iterator[date]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        day = day_in_month(year, month, day_of_month)
        if start <= day <= end:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def interval_days(schedule: Schedule) -> int | None:
    """Days between two due dates (a month counts 30); None without due dates."""
    if not schedule.has_due_dates:
        return None
    return {DAILY: 1, WEEKLY: 7, MONTHLY: 30}.get(
        schedule.frequency, 7 * (schedule.interval_weeks or 1))


def tolerance_days(schedule: Schedule) -> int:
    """How many days after its due date an issue still counts for it: half the interval,
    rounded down (daily 0, weekly 3, every two weeks 7, monthly 15). Later than that, the
    due date counts as missed and the issue as out of schedule."""
    interval = interval_days(schedule)
    return interval // 2 if interval else 0
