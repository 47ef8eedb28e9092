"""Publishing continuity from the database: per edition of each visible periodical, the due
dates its status history gives within the last WINDOW_DAYS against the issues recorded
(the rules are ``publications/continuity.py``'s, the dates ``publications/schedule.py``'s).

Due dates are counted from the edition's first recorded issue on: before it the record says
nothing either way. A period whose start is known only to the month or year starts counting
at that first issue too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Min
from django.utils import timezone

from organizations.models import Organization, Unit
from publications import schedule as sched
from publications.continuity import Continuity, continuity
from publications.models import Edition, Issue, Periodical, Precision, StatusPeriod

WINDOW_DAYS = 365

# How a title or an edition stands; the continuity page lists the worst first.
STOPPED, LATE, ON_SCHEDULE, NO_ISSUES, NO_SCHEDULE = (
    "stopped", "late", "on_schedule", "no_issues", "no_schedule")
WORST_FIRST = {state: n for n, state in enumerate(
    (STOPPED, LATE, ON_SCHEDULE, NO_ISSUES, NO_SCHEDULE))}


@dataclass
class EditionContinuity:
    edition: Edition
    state: str
    report: Continuity | None = None  # None: no issue recorded, or nothing was due


@dataclass
class PeriodicalContinuity:
    periodical: Periodical
    status: StatusPeriod | None  # the current one (the latest), None: none recorded
    editions: list[EditionContinuity] = field(default_factory=list)

    @property
    def state(self) -> str:
        return min((e.state for e in self.editions), key=WORST_FIRST.__getitem__,
                   default=NO_SCHEDULE)


def current_status(periods: Sequence[StatusPeriod]) -> StatusPeriod | None:
    """The latest of a periodical's periods (they come in the model's order)."""
    return periods[-1] if periods else None


def due_dates(periods: Sequence[StatusPeriod], first_issue: date, today: date,
              window_days: int = WINDOW_DAYS) -> tuple[list[date], int]:
    """The due dates from ``first_issue`` (or the window's start) to today, and the tolerance
    of the schedule in force at the end. ``periods`` in the model's order."""
    start = max(first_issue, today - timedelta(days=window_days))
    dates: list[date] = []
    tolerance = 0
    for i, period in enumerate(periods):
        if period.status != StatusPeriod.Status.CURRENT or not period.frequency:
            continue
        end = today
        if i + 1 < len(periods):
            nxt = _known_day(periods[i + 1])
            if nxt is None:  # it ended, but when is not known: nothing can be counted
                continue
            end = nxt - timedelta(days=1)
        begin = _known_day(period) or start
        schedule = period.schedule
        if not schedule.has_due_dates:
            continue
        dates += sched.due_dates(schedule, max(start, begin), min(end, today))
        tolerance = sched.tolerance_days(schedule)
    return sorted(set(dates)), tolerance


def _known_day(period: StatusPeriod) -> date | None:
    return period.since if period.since and period.since_precision == Precision.DAY else None


def _state(report: Continuity | None, has_issues: bool) -> str:
    if not has_issues:
        return NO_ISSUES
    if report is None or not report.due:
        return NO_SCHEDULE
    if report.stopped:
        return STOPPED
    if report.missed or report.late:
        return LATE
    return ON_SCHEDULE


def edition_continuity(edition: Edition, periods: Sequence[StatusPeriod],
                       issues: Sequence[date], first_issue: date | None,
                       today: date) -> EditionContinuity:
    if first_issue is None:
        return EditionContinuity(edition=edition, state=NO_ISSUES)
    due, tolerance = due_dates(periods, first_issue, today)
    report = continuity(due, issues, today, tolerance) if due else None
    return EditionContinuity(edition=edition, state=_state(report, True), report=report)


def periodicals_continuity(periodicals: Iterable[Periodical],
                           today: date | None = None) -> list[PeriodicalContinuity]:
    """Continuity of each periodical and its editions (four queries for any number),
    stopped and late titles first."""
    today = today or timezone.localdate()
    periodicals = list(periodicals)
    ids = [p.pk for p in periodicals]
    editions: dict[int, list[Edition]] = defaultdict(list)
    for edition in Edition.objects.filter(periodical_id__in=ids).order_by("created_at"):
        editions[edition.periodical_id].append(edition)
    periods: dict[int, list[StatusPeriod]] = defaultdict(list)
    for period in StatusPeriod.objects.filter(periodical_id__in=ids):
        periods[period.periodical_id].append(period)
    firsts = dict(Issue.objects.filter(edition__periodical_id__in=ids).values("edition_id")
                  .annotate(first=Min("published_on")).values_list("edition_id", "first"))
    dates: dict[int, list[date]] = defaultdict(list)
    since = today - timedelta(days=WINDOW_DAYS + 31)  # and the month before, for the gaps
    for edition_id, day in Issue.objects.filter(
            edition__periodical_id__in=ids, published_on__gte=since).values_list(
            "edition_id", "published_on"):
        dates[edition_id].append(day)
    rows = []
    for periodical in periodicals:
        history = periods[periodical.pk]
        row = PeriodicalContinuity(periodical=periodical, status=current_status(history))
        row.editions = [edition_continuity(e, history, dates[e.pk], firsts.get(e.pk), today)
                        for e in editions[periodical.pk]]
        rows.append(row)
    return sorted(rows, key=lambda r: (WORST_FIRST[r.state], r.periodical.title.casefold()))


def publisher_periodicals(user, organization: Organization):
    """The periodicals of an organization the user may see (its units' ones included)."""
    return (Periodical.objects.restrict(user).filter(organization=organization)
            .select_related("organization", "publishing_unit"))


def visible_unit_ids(user, periodicals: Iterable[Periodical]) -> set[int]:
    """The publishing units the user may see: a unit's name is shown only to them (the
    others read the organization's name)."""
    wanted = {p.publishing_unit_id for p in periodicals if p.publishing_unit_id}
    if not wanted:
        return set()
    return set(Unit.objects.restrict(user).filter(pk__in=wanted).values_list("pk", flat=True))
