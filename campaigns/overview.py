"""The office's view of a campaign's actions: a timeline of the announced actions by week
(an SVG from ``fieldwork/charts.py``) and a table by country and component. Both count
organizations' actions, never people, from what the reader may see."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from fieldwork import charts

#: At most this many weeks are drawn (a long campaign shows its last ones).
WEEKS_SHOWN = 26


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_counts(dates: Sequence[date], start: date, end: date) -> list[tuple[date, int]]:
    """(first day of the week, actions in it) for every week from ``start`` to ``end``."""
    first, last = week_start(start), week_start(max(end, start))
    counts = Counter(week_start(d) for d in dates)
    weeks = []
    week = first
    while week <= last:
        weeks.append((week, counts.get(week, 0)))
        week += timedelta(days=7)
    return weeks[-WEEKS_SHOWN:]


def timeline_svg(dates: Sequence[date], start: date, end: date, digits: Any = str) -> str:
    weeks = weekly_counts(dates, start, end)
    return charts.timeline([n for _w, n in weeks], title=_("Announced actions by week"),
                           labels=[w.isoformat() for w, _n in weeks],
                           width=max(132, 12 * len(weeks)), height=40, digits=digits)


@dataclass(frozen=True)
class CountryRow:
    country: str
    cells: list[int]  # per component, in the order of the columns; the last: no component
    total: int


def by_country_and_component(actions: Sequence[Any], components: Sequence[Any]
                             ) -> list[CountryRow]:
    """One row per country (most actions first), one column per component and one for
    actions without a component."""
    order = {c.pk: i for i, c in enumerate(components)}
    rows: dict[str, list[int]] = {}
    for action in actions:
        cells = rows.setdefault(action.country.strip() or "?", [0] * (len(components) + 1))
        cells[order.get(action.component_id, len(components))] += 1
    table = [CountryRow(country, cells, sum(cells)) for country, cells in rows.items()]
    return sorted(table, key=lambda row: (-row.total, row.country))
