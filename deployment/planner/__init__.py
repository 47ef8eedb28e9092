"""Deployment-of-forces planner: pure optimization core (no Django imports)."""

from .checks import violations
from .cpsat import solve
from .exact import solve_exact
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
