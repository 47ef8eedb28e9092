"""The registry of figure providers: every figure is prepared into the review, shown in the
providers' order, and a later app adds one without touching the others."""

from __future__ import annotations

from datetime import date

import pytest

from reviews import figures
from reviews.figures import FigureProvider, Period, prepare, providers, register, shown

# This app's five, then the one the publications app adds (publications/review_figures.py).
BUILT_IN = ["stopped_fields", "concentration", "unmoved_tests", "demands_never_raised",
            "open_follow_ups", "missed_issues"]


@pytest.fixture
def extra_provider():
    """A provider as another app's ``review_figures`` module would register it."""
    calls = []

    def leaflets_left(user, unit, period, today):
        calls.append((user, unit, period, today))
        return {"missed": 2}

    provider = register(FigureProvider(key="leaflets_left", title="Leaflets left",
                                       explains="Leaflets printed and not distributed.",
                                       compute=leaflets_left, order=45))
    yield provider, calls
    figures._PROVIDERS.pop("leaflets_left")


def test_it_registers_the_figures_in_order():
    assert [p.key for p in providers()] == BUILT_IN
    assert providers()[0].template == "reviews/figures/stopped_fields.html"


def test_it_prepares_every_figure_and_a_later_one(world, extra_provider):
    provider, calls = extra_provider
    unit, user = world.units["cell_a"], world.user("cell_secretary")
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    snapshot = prepare(user, unit, period, today=date(2026, 4, 2))
    assert list(snapshot["figures"]) == [*BUILT_IN[:4], "leaflets_left", *BUILT_IN[4:]]
    assert snapshot["figures"]["leaflets_left"] == {"missed": 2}
    assert calls == [(user, unit, period, date(2026, 4, 2))]
    assert snapshot["today"] == "2026-04-02"


def test_it_shows_a_figure_added_after_the_review_was_prepared_as_missing(world,
                                                                          extra_provider):
    stored = {"figures": {"stopped_fields": {"rows": []}, "gone_provider": {"x": 1}}}
    rows = {s.provider.key: s.data for s in shown(stored)}
    assert rows["stopped_fields"] == {"rows": []}
    assert rows["leaflets_left"] is None  # prepared before it existed
    assert "gone_provider" not in rows
