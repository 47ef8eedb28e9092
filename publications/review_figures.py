"""The review's publications figure (#12, item 4: "publications that missed issues"):
periodicals the reviewing unit publishes (itself or a unit below it; the top unit also the
organization's own) whose due issues did not appear in the period. Found by
``reviews.apps`` (``autodiscover_modules("review_figures")``); shown by
``reviews/figures/missed_issues.html``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import Unit
from publications.models import Periodical
from publications.reports import periodicals_continuity
from reviews.figures import FigureProvider, Period, iso, register


def unit_periodicals(user: Any, unit: Unit):
    published_here = Q(publishing_unit__path__startswith=unit.path)
    if unit.parent_id is None:
        published_here |= Q(organization_id=unit.organization_id, publishing_unit=None)
    return Periodical.objects.restrict(user).filter(published_here).order_by("title")


def missed_issues(user: Any, unit: Unit, period: Period, today: date) -> dict[str, Any]:
    # As known today: an issue due at the period's end may have come a day later; only a due
    # date still within its tolerance today is pending rather than missed.
    rows = []
    for row in periodicals_continuity(unit_periodicals(user, unit), today=today):
        for edition in row.editions:
            missed = [d.on for d in (edition.report.missed if edition.report else [])
                      if d.on in period]
            if missed:
                rows.append({"title": row.periodical.title, "uid": str(row.periodical.uid),
                             "language": edition.edition.language, "missed": len(missed),
                             "first": iso(missed[0]), "last": iso(missed[-1])})
    return {"periodicals": len({r["uid"] for r in rows}), "missed": sum(r["missed"] for r in rows),
            "rows": rows}


register(FigureProvider(
    key="missed_issues", title=_("Publications that missed issues"),
    explains=_("Periodicals of the unit whose issues were due in the period by their "
               "schedule and did not appear."),
    compute=missed_issues, order=60))
