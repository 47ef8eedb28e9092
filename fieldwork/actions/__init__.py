"""Writes for work among the masses: validated, one transaction, audited with old and new
values (``audit.log.record``; the audit row's unit comes from each record's anchor).

As everywhere in Nucleus, callers (views, API, commands, the CSV import) check access first
with ``.restrict(user, action)`` / ``access.helpers.access_object``; these functions do the
work. Keyword-only arguments and an ``acting_user`` on every write. One module per
responsibility; everything public is importable from here, as before.
"""

from fieldwork.actions.activities import (
    do_create_activity,
    do_mark_follow_up_done,
    do_record_one_to_one,
    do_update_activity,
    reveal_activity_notes,
    reveal_assessment_notes,
)
from fieldwork.actions.common import as_stored
from fieldwork.actions.contacts import (
    DEFAULT_SCALE,
    do_assess,
    do_create_assessment_level,
    do_create_contact,
    do_create_tie,
    do_delete_assessment,
    do_set_contact_profile,
    do_update_assessment,
    do_update_assessment_level,
    do_update_contact_profile,
    do_update_fieldwork_settings,
    do_update_tie,
    ensure_default_scale,
)
from fieldwork.actions.deleting import DELETABLE, do_delete
from fieldwork.actions.pulse import (
    DEFAULT_DEMANDS,
    do_create_demand,
    do_create_struggle,
    do_raise_demand,
    do_record_mood,
    do_update_demand,
    do_update_demand_raised,
    do_update_mood,
    do_update_struggle,
    ensure_default_demands,
)
from fieldwork.actions.structure import (
    do_create_field,
    do_create_field_part,
    do_create_mass_organization,
    do_create_structure_test,
    do_record_participation,
    do_remove_participation,
    do_set_field_priority,
    do_set_union_presence,
    do_update_field,
    do_update_field_part,
    do_update_mass_organization,
    do_update_structure_test,
)

__all__ = [
    "DEFAULT_DEMANDS", "DEFAULT_SCALE", "DELETABLE", "as_stored", "do_assess",
    "do_create_activity", "do_create_assessment_level", "do_create_contact", "do_create_demand",
    "do_create_field", "do_create_field_part", "do_create_mass_organization",
    "do_create_structure_test", "do_create_struggle", "do_create_tie", "do_delete",
    "do_delete_assessment", "do_mark_follow_up_done", "do_raise_demand", "do_record_mood",
    "do_record_one_to_one", "do_record_participation", "do_remove_participation",
    "do_set_contact_profile", "do_set_field_priority", "do_set_union_presence",
    "do_update_activity", "do_update_assessment", "do_update_assessment_level",
    "do_update_contact_profile", "do_update_demand", "do_update_demand_raised", "do_update_field",
    "do_update_field_part", "do_update_fieldwork_settings", "do_update_mass_organization",
    "do_update_mood", "do_update_structure_test", "do_update_struggle", "do_update_tie",
    "ensure_default_demands", "ensure_default_scale", "reveal_activity_notes",
    "reveal_assessment_notes",
]
