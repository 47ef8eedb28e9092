"""Writes for the deployment of forces: validated, one transaction, audited with old and new
values (``audit.log.record``; the audit row's unit comes from each record's anchor).

As everywhere in Nucleus, callers (views, commands) fetch the objects through the access layer
first; these functions do the work. Applying a plan also re-checks that the acting user may
change every member and field it touches, because a plan is made once and may be applied by
someone else. One module per responsibility; everything public is importable from here.
"""

from deployment.actions.areas import do_create_area, do_update_area
from deployment.actions.common import (
    AREA_FIELDS,
    CAPACITY_FIELDS,
    EDIT_OPS,
    NEED_FIELDS,
    RUN_BULK,
    SEALED_CAPACITY_FIELDS,
    TEAM_FIELDS,
    WEIGHT_FIELDS,
)
from deployment.actions.plans import apply_preview, do_apply_plan, do_edit_plan, planned_pairs
from deployment.actions.records import (
    do_assign_member,
    do_set_capacity,
    do_set_field_need,
    may_set_weight,
    reveal_capacity,
)
from deployment.actions.runs import do_fail_run, do_form_team, do_record_run_result, do_start_run
from deployment.actions.teams import dissolve_expired_teams

__all__ = [
    "AREA_FIELDS", "CAPACITY_FIELDS", "EDIT_OPS", "NEED_FIELDS", "RUN_BULK",
    "SEALED_CAPACITY_FIELDS", "TEAM_FIELDS", "WEIGHT_FIELDS",
    "apply_preview", "dissolve_expired_teams", "do_apply_plan", "do_assign_member",
    "do_create_area", "do_edit_plan", "do_fail_run", "do_form_team", "do_record_run_result",
    "do_set_capacity", "do_set_field_need", "do_start_run", "do_update_area",
    "may_set_weight", "planned_pairs", "reveal_capacity",
]
