"""Publishing continuity: which issues were due and did not appear, how late the others
were, and the longest interruption. Pure Python over dates; the database side (which
periods, which issues) is ``publications/reports.py``.

The rules, documented here once:

* An issue counts for the **nearest due date on or before it**, if it appeared at most
  ``tolerance`` days after that date (``schedule.tolerance_days``: half the interval between
  due dates). Its lateness is the days between the two (0: on time). Two issues for one
  due date: the first counts, the other is out of schedule, like an issue beyond the
  tolerance or before the first due date.
* A due date is **missed** when no issue counts for it and its tolerance has run out; a due
  date still within its tolerance today is **pending** and counted neither way.
* An **interruption** is a run of consecutive missed due dates: it lasts from the first of
  them until the next issue appeared (of any kind), or until today when none has since. The
  longest one is reported in days (0: nothing missed).
* A title has **stopped** when the last decided due date was missed and nothing appeared
  since.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

TIMELINE = 12  # due dates on the timeline of a title, like the 12 weeks of the fieldwork


@dataclass(frozen=True)
class DueDate:
    on: date
    appeared: date | None  # the issue that counts for it
    pending: bool = False  # within its tolerance today, no issue yet

    @property
    def missed(self) -> bool:
        return self.appeared is None and not self.pending

    @property
    def days_late(self) -> int | None:
        return (self.appeared - self.on).days if self.appeared else None


@dataclass
class Continuity:
    today: date
    tolerance: int
    due: list[DueDate] = field(default_factory=list)  # oldest first, pending ones included
    out_of_schedule: list[date] = field(default_factory=list)
    longest_interruption: int = 0  # days
    interruption_from: date | None = None  # the first missed due date of the longest one
    last_issue: date | None = None

    @property
    def decided(self) -> list[DueDate]:
        return [d for d in self.due if not d.pending]

    @property
    def missed(self) -> list[DueDate]:
        return [d for d in self.due if d.missed]

    @property
    def late(self) -> list[DueDate]:
        return [d for d in self.due if d.days_late]

    @property
    def appeared(self) -> int:
        return sum(1 for d in self.due if d.appeared is not None)

    @property
    def most_days_late(self) -> int:
        return max((d.days_late or 0 for d in self.due), default=0)

    @property
    def stopped(self) -> bool:
        decided = self.decided
        if not decided or not decided[-1].missed:
            return False
        return self.last_issue is None or self.last_issue < decided[-1].on

    @property
    def timeline(self) -> list[DueDate]:
        return self.decided[-TIMELINE:]


def continuity(due_dates: Sequence[date], issues: Sequence[date], today: date,
               tolerance: int) -> Continuity:
    """The figures of one edition: ``due_dates`` (oldest first, up to today) against the
    dates its ``issues`` appeared on (any order)."""
    issues = sorted(issues)
    report = Continuity(today=today, tolerance=tolerance,
                        last_issue=issues[-1] if issues else None)
    counted: set[int] = set()  # indexes into issues
    for i, on in enumerate(due_dates):
        until = on.toordinal() + tolerance
        if i + 1 < len(due_dates):  # nearer to the next due date from there on
            until = min(until, due_dates[i + 1].toordinal() - 1)
        first = bisect_left(issues, on)
        appeared = issues[first] if first < len(issues) \
            and issues[first].toordinal() <= until else None
        if appeared is not None:
            counted.add(first)
        report.due.append(DueDate(on=on, appeared=appeared,
                                  pending=appeared is None and today.toordinal() <= until))
    report.out_of_schedule = [d for i, d in enumerate(issues) if i not in counted]
    report.longest_interruption, report.interruption_from = _longest_interruption(
        report.due, issues, today)
    return report


def _longest_interruption(due: Sequence[DueDate], issues: Sequence[date],
                          today: date) -> tuple[int, date | None]:
    longest, since = 0, None
    i = 0
    while i < len(due):
        if not due[i].missed:
            i += 1
            continue
        start = due[i].on
        while i < len(due) and due[i].missed:
            i += 1
        # The next issue on or after the first missed due date ends the interruption.
        nxt = bisect_left(issues, start)
        end = issues[nxt] if nxt < len(issues) else today
        days = (end - start).days
        if days > longest:
            longest, since = days, start
    return longest, since
