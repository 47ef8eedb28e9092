"""Deployment-of-forces planner: pure optimization core (no Django imports).

The solvers load on first use: OR-Tools (with pandas) and HiGHS cost about 0.4 s and 100 MB
a process, and web workers and commands that never plan should not pay it.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .checks import violations
from .explain import compare, explain_plan
from .feasibility import candidate_pairs, explain_infeasible
from .greedy import solve_greedy
from .model import (
    Assignment,
    FieldNeed,
    Instance,
    Member,
    Plan,
    PlanningInputError,
    validate,
)

if TYPE_CHECKING:
    from .cpsat import solve
    from .exact import solve_exact

_SOLVERS = {"solve": ".cpsat", "solve_exact": ".exact"}


def __getattr__(name: str) -> Any:
    if name in _SOLVERS:
        value = getattr(import_module(_SOLVERS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Assignment",
    "FieldNeed",
    "Instance",
    "Member",
    "Plan",
    "PlanningInputError",
    "candidate_pairs",
    "compare",
    "explain_infeasible",
    "explain_plan",
    "solve",
    "solve_exact",
    "solve_greedy",
    "validate",
    "violations",
]
