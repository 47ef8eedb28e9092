"""Panels other apps add to a coalition office's dashboard ("reports waiting for review",
"actions by country and component"), without this app knowing them.

An app adds panels in a module ``coalition_dashboard`` of its own, found at the first
dashboard page, calling ``register``::

    from coalitions.dashboard import Panel, register

    register(Panel("campaigns/_dashboard_actions.html", actions_context))

``context(user, coalition)`` returns the template's context, or None to show nothing; it reads
through the access layer like any page (the office user is ``user``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


_PANELS: list[Panel] = []
_DISCOVERED = False


def register(panel: Panel) -> Panel:
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def panels(user: Any, coalition: Any) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of every registered panel that has something to show."""
    global _DISCOVERED
    if not _DISCOVERED:
        autodiscover_modules("coalition_dashboard")
        _DISCOVERED = True
    shown = []
    for panel in sorted(_PANELS, key=lambda p: p.order):
        context = panel.context(user, coalition)
        if context is not None:
            shown.append((panel.template, context))
    return shown
