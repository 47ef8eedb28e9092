"""URL patterns of the fieldwork pages (see tests/url_walk.py), and the fieldwork records the
walk needs: the cast's world has no field, activity or structure test of its own, and a Case
needs one inside and one outside each user's scope (``extend_world``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from fieldwork.models import Activity, Assessment, Field, SavedList, StructureTest, Tie
from fieldwork.tasks import EXPORT_KIND, enqueue_export
from jobs.models import Job
from organizations.models import Organization, Unit
from people.models import Person
from tests.url_walk import Case


@dataclass(frozen=True)
class OwnExport(Case):
    """An export's file answers who started the export only: every other job is a 404."""

    def allowed(self, user):
        return Job.objects.restrict(user).filter(kind=EXPORT_KIND, created_by=user)


CASES = {
    # Per organization. The dashboard and the mass organizations answer whoever sees the
    # organization (a coalition office gets a page saying its work is not shown).
    "fieldwork:organization_dashboard": Case(model=Organization),
    "fieldwork:mass_organization_create": Case(model=Organization),
    "fieldwork:scale_edit": Case(model=Organization, action="change"),
    "fieldwork:settings_edit": Case(model=Organization, action="change"),
    # Per unit
    "fieldwork:unit_dashboard": Case(model=Unit),
    "fieldwork:continuity": Case(model=Unit),
    "fieldwork:field_create": Case(model=Unit, action="add"),
    "fieldwork:activity_create": Case(model=Unit, adds=Activity),
    # A page with a button first (GET); the file's job by POST.
    "fieldwork:export_contacts": Case(model=Unit),
    "fieldwork:export_identities": Case(model=Unit),
    # Per export (a job): its file, to who started it.
    "fieldwork:export_download": OwnExport(model=Job),
    # Contact lists: whoever sees the unit or field gets the page (its contacts only for who
    # sees its records); bulk actions check each contact; saving needs "add" on the unit.
    "fieldwork:unit_contacts": Case(model=Unit),
    "fieldwork:contacts_bulk": Case(model=Unit, method="POST"),
    "fieldwork:saved_list_create": Case(model=Unit, action="add"),
    "fieldwork:field_contacts": Case(model=Field),
    "fieldwork:saved_list": Case(model=SavedList),
    "fieldwork:saved_list_delete": Case(model=SavedList, action="delete", method="POST"),
    # Per field. The priority page answers whoever sees the field; only the responsible
    # committee (Field.objects.prioritizable) gets the form.
    "fieldwork:field_detail": Case(model=Field),
    "fieldwork:wall_chart": Case(model=Field),
    "fieldwork:field_priority": Case(model=Field),
    "fieldwork:field_edit": Case(model=Field, action="change"),
    "fieldwork:part_create": Case(model=Field, action="add"),
    "fieldwork:contact_create": Case(model=Field, action="add"),
    "fieldwork:import_contacts": Case(model=Field, action="add"),
    "fieldwork:one_to_one": Case(model=Field, adds=Activity),
    "fieldwork:structure_test_create": Case(model=Field, action="add"),
    "fieldwork:mood_create": Case(model=Field, action="add"),
    "fieldwork:demand_raise": Case(model=Field, action="add"),
    "fieldwork:struggle_create": Case(model=Field, action="add"),
    # Per person, activity, structure test
    "fieldwork:contact": Case(model=Person),
    "fieldwork:contact_edit": Case(model=Person, action="change"),
    "fieldwork:assess": Case(model=Person, adds=Assessment),
    "fieldwork:tie_create": Case(model=Person, action="add"),
    "fieldwork:follow_up_done": Case(model=Activity, action="change", method="POST"),
    # Sealed notes and outcomes: the reveal right on the record's unit, by POST.
    "fieldwork:activity_notes": Case(model=Activity, action="reveal", method="POST"),
    "fieldwork:assessment_notes": Case(model=Person, action="reveal", method="POST"),
    "fieldwork:participation": Case(model=StructureTest, action="change"),
    # Corrections: an edit form, and a removal's confirmation page (GET; POST removes).
    "fieldwork:activity_edit": Case(model=Activity, action="change"),
    "fieldwork:activity_delete": Case(model=Activity, action="delete"),
    "fieldwork:assessment_edit": Case(model=Assessment, action="change"),
    "fieldwork:assessment_delete": Case(model=Assessment, action="delete"),
    "fieldwork:tie_edit": Case(model=Tie, action="change"),
    "fieldwork:tie_delete": Case(model=Tie, action="delete"),
}


def extend_world(world) -> None:
    """A field with a part, a contact (assessed, in touch with a member), an activity with notes
    and a structure test in Cell A,
    Cell B and Cell X (the other party), written through the actions like any record."""
    from fieldwork.actions import (
        do_assess,
        do_create_contact,
        do_create_field,
        do_create_field_part,
        do_create_structure_test,
        do_create_tie,
        do_record_mood,
        do_record_one_to_one,
        ensure_default_demands,
        ensure_default_scale,
    )
    from fieldwork.actions.lists import do_save_list

    today = timezone.localdate()
    for org in (world.orgs["rp"], world.orgs["op"]):
        ensure_default_scale(org)
        ensure_default_demands(org)
    for key, name in (("cell_a", "Walk Steelworks"), ("cell_b", "Walk School"),
                      ("cell_x", "Walk Farm")):
        unit = world.units[key]
        field = do_create_field(acting_user=None, unit=unit, data={"name": name,
                                                                   "headcount": 30})
        part = do_create_field_part(acting_user=None, field=field,
                                    data={"name": f"{name} part", "headcount": 10})
        alias = f"alias-fw-{key.replace('_', '')}"
        contact = do_create_contact(acting_user=None, field=field, alias=alias,
                                    profile={"part": part, "leader": True}).person
        world.people[alias] = contact
        do_assess(acting_user=None, person=contact, level_value=2, assessed_on=today)
        member = world.people[f"alias-{key.replace('_', '')}-1"]
        do_record_one_to_one(acting_user=None, unit=unit, contact=contact, member=member,
                             date=today - timedelta(days=3), outcome="will come",
                             follow_up_on=today - timedelta(days=1), notes="walk notes")
        do_create_tie(acting_user=None, from_person=member, to_person=contact, kind="in_touch")
        do_create_structure_test(acting_user=None, field=field, data={
            "kind": "petition", "title": f"{name} petition", "held_on": today})
        do_record_mood(acting_user=None, field=field, data={"value": 3, "taken_on": today,
                                                            "note": f"mood of {alias}"})
        do_save_list(acting_user=None, unit=unit, name=f"{name} leaders", query="leader=true")
    # An export of each cell by its secretary, left queued: the walk writes no file.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        for key, user in (("cell_a", "cell_secretary"), ("cell_b", "sibling_secretary"),
                          ("cell_x", "outsider")):
            enqueue_export(acting_user=world.user(user), unit=world.units[key])
