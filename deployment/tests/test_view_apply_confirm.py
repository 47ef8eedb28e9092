"""Applying a plan: the plan's page links to a confirmation page listing the assignments
that start and those that end (aliases and fields); only its POST applies. An empty plan
offers no button and the action refuses it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from deployment.actions import do_apply_plan, do_edit_plan
from deployment.models import DeploymentAssignment, PlanRun

pytestmark = pytest.mark.django_db


def url(name, run):
    return reverse(f"deployment:{name}", kwargs={"uid": run.uid})


def _in_force():
    return set(DeploymentAssignment.objects.filter(until=None)
               .values_list("member__alias", "field__name"))


def _taking_print_from_cellb(north) -> PlanRun:
    """A plan that moves alias-cellb-1 off the Print Shop (it ends) and staffs the rest."""
    run = north.plan()
    do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                 field_id=north.fields["print"].pk)
    run.refresh_from_db()
    return run


def test_it_lists_what_starts_and_ends_and_changes_nothing_on_get(north, login):
    run = _taking_print_from_cellb(north)
    before = _in_force()
    client = login(north.planner)
    detail = client.get(url("run_detail", run)).content.decode()
    apply_url = url("run_apply", run)
    # A link to the confirmation, not a form that applies at the first click.
    assert apply_url in detail and f'method="post" action="{apply_url}"' not in detail
    page = client.get(url("run_apply", run)).content.decode()
    starts = page[page.index("Assignments that start today"):page.index("Assignments that end")]
    ends = page[page.index("Assignments that end today"):]
    assert "alias-cella-1" in starts and "Steel Mill" in starts
    assert "alias-cellb-1" not in starts
    assert "alias-cellb-1" in ends and "Print Shop" in ends
    assert 'name="revision"' in page
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE and _in_force() == before


def test_it_applies_only_on_post(north, login):
    run = _taking_print_from_cellb(north)
    response = login(north.planner).post(url("run_apply", run), {"revision": run.revision})
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == PlanRun.Status.APPLIED
    assert ("alias-cellb-1", "Print Shop") not in _in_force()
    assert ("alias-cella-1", "Steel Mill") in _in_force()


def test_an_empty_plan_offers_no_apply_button_and_is_refused(north, login):
    run = north.plan()
    for key in ("steel", "depot", "print"):
        do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                     field_id=north.fields[key].pk)
    run.refresh_from_db()
    assert not run.assignments.exists()
    client = login(north.planner)
    detail = client.get(url("run_detail", run)).content.decode()
    assert url("run_apply", run) not in detail and "Apply this plan" not in detail
    page = client.get(url("run_apply", run)).content.decode()
    assert "there is nothing to apply" in page and 'name="revision"' not in page
    response = client.post(url("run_apply", run), {"revision": run.revision}, follow=True)
    assert "This plan sends nobody anywhere: there is nothing to apply." in (
        response.content.decode())
    with pytest.raises(ValidationError, match="nothing to apply"):
        do_apply_plan(acting_user=north.planner, run=run, revision=run.revision)
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE
    assert ("alias-cellb-1", "Print Shop") in _in_force()


def test_the_confirmation_page_is_for_who_may_change_the_plan(north, login):
    run = north.plan()
    assert login(north.world.user("overseer")).get(url("run_apply", run)).status_code == 404
    assert login(north.world.user("sibling_secretary")).get(
        url("run_apply", run)).status_code == 404
