"""do_apply_plan: the whole plan in force in one transaction, or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from deployment.actions import do_apply_plan, do_assign_member
from deployment.actions import plans as actions
from deployment.models import DeploymentAssignment, PlannedAssignment, PlanRun

pytestmark = pytest.mark.django_db


def _in_force():
    return set(DeploymentAssignment.objects.filter(until=None)
               .values_list("member_id", "field_id"))


def test_it_puts_the_plan_in_force(north):
    run = north.plan()
    planned = set(PlannedAssignment.objects.filter(run=run).values_list("member_id", "field_id"))
    kept = (north.person("alias-cellb-1").pk, north.fields["print"].pk)
    assert kept in planned
    do_apply_plan(acting_user=north.planner, run=run, revision=run.revision)
    run.refresh_from_db()
    assert run.status == PlanRun.Status.APPLIED and run.applied_by == north.planner
    assert _in_force() == planned
    created = DeploymentAssignment.objects.filter(plan_run=run)
    assert set(created.values_list("member_id", "field_id")) == planned - {kept}
    assert set(created.values_list("since", flat=True)) == {timezone.localdate()}
    audited = AuditEvent.objects.filter(model="deployment.DeploymentAssignment",
                                        action="create", actor=north.planner)
    assert set(audited.values_list("object_id", flat=True)) == set(
        created.values_list("pk", flat=True))
    last = AuditEvent.objects.filter(model="deployment.PlanRun", object_id=run.pk).first()
    assert last.actor == north.planner and "applied_by" in last.fields
    assert last.changes["status"] == ["done", "applied"]
    assert last.changes["applied_by"] == [None, north.planner.pk]
    assert last.unit_id == north.unit.pk
    for a in created:  # each in the member's own compartment, with its values
        event = audited.get(object_id=a.pk)
        assert event.unit_id == a.member.unit_id
        assert event.changes["member"] == [None, a.member_id]
        assert event.changes["plan_run"] == [None, run.pk]


def test_it_ends_assignments_the_plan_does_not_keep(north):
    run = north.plan()
    actions.do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                         field_id=north.fields["print"].pk)
    run.refresh_from_db()
    do_apply_plan(acting_user=north.planner, run=run)
    old = DeploymentAssignment.objects.get(member=north.person("alias-cellb-1"),
                                           field=north.fields["print"])
    assert old.until == timezone.localdate() and old.ended_at is not None
    event = AuditEvent.objects.get(model="deployment.DeploymentAssignment", object_id=old.pk,
                                   action="update")
    assert event.actor == north.planner and event.unit_id == old.member.unit_id
    assert event.fields == ["ended_at", "until"]
    assert event.changes["until"] == [None, timezone.localdate().isoformat()]
    assert event.changes["ended_at"][0] is None


def test_it_is_one_transaction(north, monkeypatch):
    run = north.plan(stability_weight=0)
    actions.do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                         field_id=north.fields["print"].pk)
    run.refresh_from_db()
    before = list(DeploymentAssignment.objects.values_list("pk", "member_id", "field_id",
                                                           "until"))
    audits = AuditEvent.objects.count()
    calls = {"n": 0}
    real = actions.record

    def failing_record(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:  # after ending one assignment and creating another
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(actions, "record", failing_record)
    with pytest.raises(RuntimeError):
        do_apply_plan(acting_user=north.planner, run=run)
    assert calls["n"] == 3
    assert list(DeploymentAssignment.objects.values_list("pk", "member_id", "field_id",
                                                         "until")) == before
    assert AuditEvent.objects.count() == audits
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE and run.applied_at is None


def test_it_refuses_a_plan_made_before_the_deployment_changed(north):
    run = north.plan()
    do_assign_member(acting_user=None, member=north.person("alias-north-1"),
                     field=north.fields["print"])
    with pytest.raises(ValidationError, match="changed after this plan was made"):
        do_apply_plan(acting_user=north.planner, run=run)


def test_it_refuses_someone_who_may_not_change_every_member(north):
    run = north.plan()
    with pytest.raises(ValidationError, match="may not change"):
        do_apply_plan(acting_user=north.world.user("cell_secretary"), run=run)
    assert not DeploymentAssignment.objects.filter(plan_run=run).exists()


def test_it_refuses_an_outdated_page_and_a_second_apply(north):
    run = north.plan()
    with pytest.raises(ValidationError, match="changed since you opened it"):
        do_apply_plan(acting_user=north.planner, run=run, revision=run.revision + 1)
    do_apply_plan(acting_user=north.planner, run=run)
    with pytest.raises(ValidationError, match="not been applied"):
        do_apply_plan(acting_user=north.planner, run=run)
