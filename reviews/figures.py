"""The figures a review is prepared with: a small registry of figure providers.

A provider computes one named figure of a unit's work in a period, for the user preparing
the review, through the access layer (``restrict`` for what is shown by name, ``countable``
for what is only counted), and returns plain JSON: numbers, dates as ISO text, and the uids
and public names of fields needed to show and link them — never an alias. The review keeps
the figures as prepared (``Review.figures``), so the committee a review is sent to reads the
same numbers the unit discussed; a draft may be prepared again.

This app's providers live in ``figures_work`` (fieldwork) and ``figures_forces``
(deployment). Another app adds one without touching these: a ``review_figures`` module of its
own (found by ``reviews.apps``) that calls ``register`` with a provider and ships the
template that shows it (``reviews/figures/<key>.html``, given ``data``, the stored figure)::

    register(FigureProvider(key="missed_issues", title=_("Publications that missed issues"),
                            explains=_("..."), compute=missed_issues, order=60))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise

from organizations.models import Unit

FIGURES_VERSION = 1


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(self.days)]


# compute(user, unit, period, today) -> the figure as JSON.
Compute = Callable[[Any, Unit, Period, date], dict[str, Any]]


@dataclass(frozen=True)
class FigureProvider:
    key: str
    title: str | Promise
    # What the figure measures, in one or two sentences shown with it.
    explains: str | Promise
    compute: Compute
    order: int = 100

    @property
    def template(self) -> str:
        return f"reviews/figures/{self.key}.html"


_PROVIDERS: dict[str, FigureProvider] = {}


def register(provider: FigureProvider) -> FigureProvider:
    """Add a provider (again under the same key: replaced, so a reload does not double)."""
    _PROVIDERS[provider.key] = provider
    return provider


def providers() -> list[FigureProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.key))


def prepare(user: Any, unit: Unit, period: Period, today: date | None = None) -> dict[str, Any]:
    """Every registered figure for ``unit`` in ``period``, as the user may see them: what a
    review stores."""
    today = today or timezone.localdate()
    return {"version": FIGURES_VERSION, "computed_at": timezone.now().isoformat(),
            "today": today.isoformat(),
            "figures": {p.key: p.compute(user, unit, period, today) for p in providers()}}


@dataclass(frozen=True)
class ShownFigure:
    provider: FigureProvider
    data: dict[str, Any] | None  # None: not prepared with this review (a later provider)


def shown(snapshot: dict[str, Any]) -> list[ShownFigure]:
    """The stored figures in the providers' order; a figure whose provider is gone is not
    shown (its data stays in the review)."""
    stored = snapshot.get("figures", {}) if snapshot else {}
    return [ShownFigure(p, stored.get(p.key)) for p in providers()]


def iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
