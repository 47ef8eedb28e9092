"""Every write of the organs app: one module per responsibility, re-exported here.

Callers load what they pass through the access layer; the actions check what the records
must be and refuse with a message, nothing written. Each runs in one transaction and leaves
audit rows."""

from organs.actions.decisions import do_record_decision
from organs.actions.meetings import (
    do_add_agenda_item,
    do_create_meeting,
    do_set_attendance,
    do_set_organ_rules,
    do_update_meeting,
    reveal_minutes,
)
from organs.actions.motions import (
    decide_motion,
    do_cast_named_vote,
    do_close_named_vote,
    do_count_open_vote,
    do_propose_motion,
    do_withdraw_motion,
)
from organs.actions.resolutions import (
    do_create_resolution,
    do_publish_resolution,
    do_update_resolution,
)

__all__ = ["decide_motion", "do_add_agenda_item", "do_cast_named_vote", "do_close_named_vote",
           "do_count_open_vote", "do_create_meeting", "do_create_resolution",
           "do_propose_motion", "do_publish_resolution", "do_record_decision",
           "do_set_attendance", "do_set_organ_rules", "do_update_meeting",
           "do_update_resolution", "do_withdraw_motion", "reveal_minutes"]
