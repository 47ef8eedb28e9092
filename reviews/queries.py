"""Read side of the reviews for pages, the API and actions, through the access layer.

What a review shows by name comes from ``restrict`` (the unit's own roles; the committee
above once it was sent up); what the committee above learns of the reviews below it before
that comes from ``countable`` and is numbers only (``counts_below``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from organizations.models import Unit
from reviews.models import Finding, Measure, Review


def overlapping(review: Review) -> QuerySet[Review]:
    """The unit's other reviews sharing a day with ``review``'s period (all of them, seen or
    not: a period is reviewed once)."""
    return (Review._base_manager.filter(unit_id=review.unit_id,
                                        starts_on__lte=review.ends_on,
                                        ends_on__gte=review.starts_on)
            .exclude(pk=review.pk).order_by("starts_on"))


def unit_reviews(user: Any, unit: Unit) -> QuerySet[Review]:
    """The unit's reviews the user may read, newest period first, with their counts."""
    return (Review.objects.restrict(user).filter(unit=unit)
            .annotate(finding_count=Count("findings", distinct=True),
                      measure_count=Count("findings__measures", distinct=True),
                      open_count=Count("findings__measures", distinct=True,
                                       filter=Q(findings__measures__status=Measure.Status.OPEN)))
            .order_by("-starts_on", "-id"))


def previous_review(user: Any, review: Review) -> Review | None:
    """The unit's last review before this one's period, if the user may read it."""
    return (Review.objects.restrict(user)
            .filter(unit_id=review.unit_id, ends_on__lt=review.starts_on)
            .order_by("-ends_on", "-id").first())


def measures_of(user: Any, review: Review) -> QuerySet[Measure]:
    """The review's measures with their findings; the responsible member is loaded through
    the access layer (None when the user may not see them, or they moved away)."""
    return (Measure.objects.restrict(user).filter(finding__review=review)
            .select_related("finding").with_related(user, "responsible")
            .order_by("finding_id", "due_on", "id"))


def findings_of(user: Any, review: Review) -> list[Finding]:
    """The review's findings in order, each with ``shown_measures``."""
    findings = list(Finding.objects.restrict(user).filter(review=review).order_by("id"))
    by_finding: dict[int, list[Measure]] = defaultdict(list)
    for measure in measures_of(user, review):
        by_finding[measure.finding_id].append(measure)
    for finding in findings:
        finding.shown_measures = by_finding[finding.pk]  # type: ignore[attr-defined]
    return findings


# --- what the committee above counts ---

@dataclass
class ReviewCounts:
    """Numbers only, never a text: reviews by status, findings by kind, measures followed
    up and overdue."""

    unit_uid: Any = None
    name: str = ""
    reviews: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        Review.Status.values, 0))
    findings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        Finding.Kind.values, 0))
    measures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        Measure.Status.values, 0))
    overdue: int = 0
    last_review_end: date | None = None

    @property
    def review_total(self) -> int:
        return sum(self.reviews.values())


def _group(path: str, groups: list[Unit]) -> Unit | None:
    for group in groups:
        if path.startswith(group.path):
            return group
    return None


def counts_below(user: Any, unit: Unit, today: date | None = None
                 ) -> tuple[ReviewCounts, list[ReviewCounts]]:
    """The reviews of the units below ``unit`` (not its own) that the user may count, in
    total and per visible child unit's subtree: four queries."""
    today = today or timezone.localdate()
    children = list(Unit.objects.restrict(user).filter(parent=unit).order_by("name"))
    rows = {c.pk: ReviewCounts(c.uid, c.name) for c in children}
    total = ReviewCounts(unit.uid, unit.name)

    def add(path: str, apply: Any) -> None:
        apply(total)
        group = _group(path, children)
        if group is not None:
            apply(rows[group.pk])

    for r in (Review.objects.countable(user)
              .filter(unit__path__startswith=unit.path).exclude(unit=unit)
              .order_by().values("unit__path", "status")
              .annotate(n=Count("pk"), last=Max("ends_on"))):
        add(r["unit__path"], _adder("reviews", r["status"], r["n"], last=r["last"]))
    for r in (Finding.objects.countable(user)
              .filter(review__unit__path__startswith=unit.path).exclude(review__unit=unit)
              .order_by().values("review__unit__path", "kind").annotate(n=Count("pk"))):
        add(r["review__unit__path"], _adder("findings", r["kind"], r["n"]))
    for r in (Measure.objects.countable(user)
              .filter(finding__review__unit__path__startswith=unit.path)
              .exclude(finding__review__unit=unit)
              .order_by().values("finding__review__unit__path", "status")
              .annotate(n=Count("pk"), late=Count("pk", filter=Q(
                  status=Measure.Status.OPEN, due_on__lt=today)))):
        add(r["finding__review__unit__path"],
            _adder("measures", r["status"], r["n"], overdue=r["late"]))
    return total, list(rows.values())


def _adder(name: str, key: str, n: int, *, last: date | None = None,
           overdue: int = 0) -> Any:
    """Adds one grouped row to a ReviewCounts (the total's and its child unit's)."""
    def apply(counts: ReviewCounts) -> None:
        getattr(counts, name)[key] += n
        counts.overdue += overdue
        if last is not None and (counts.last_review_end is None or last > counts.last_review_end):
            counts.last_review_end = last
    return apply


def readable_below(user: Any, unit: Unit) -> QuerySet[Review]:
    """Reviews of the units below ``unit`` that the user may read: those sent up to it by the
    units directly below, and, with oversight, every review of the subtree."""
    return (Review.objects.restrict(user).filter(unit__path__startswith=unit.path)
            .exclude(unit=unit).select_related("unit").order_by("-ends_on", "unit__name"))
