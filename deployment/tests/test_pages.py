"""The deployment pages: scope (404 outside and for missing, viewing is not changing), aliases
only, and the planning flow from the planning page to an applied plan. That every page
sends anonymous users to log in is proven by tests/test_url_access.py."""

from decimal import Decimal
from uuid import uuid4

import pytest
from django.urls import reverse

from deployment.models import DeploymentAssignment, MemberCapacity, PlanRun
from jobs.models import Job
from jobs.runner import execute

pytestmark = pytest.mark.django_db


def url(name, uid):
    return reverse(f"deployment:{name}", kwargs={"uid": uid})


def test_it_answers_404_outside_the_scope_and_for_a_missing_object(north, login):
    run = north.plan()
    client = login(north.planner)
    assert client.get(url("planning", north.world.units["south"].uid)).status_code == 404
    assert client.get(url("planning", uuid4())).status_code == 404
    assert client.get(url("capacity_edit", north.person("alias-cellc-1").uid)).status_code == 404
    assert client.get(url("need_edit", north.fields["port"].uid)).status_code == 404
    assert client.get(url("run_detail", uuid4())).status_code == 404
    client = login(north.world.user("sibling_secretary"))
    assert client.get(url("run_detail", run.uid)).status_code == 404
    assert client.post(url("run_apply", run.uid), {"revision": 0}).status_code == 404
    # Viewing is not changing: the overseer sees the plan but may not edit or apply it.
    client = login(north.world.user("overseer"))
    assert client.get(url("run_detail", run.uid)).status_code == 200
    assert client.post(url("run_apply", run.uid), {"revision": 0}).status_code == 404
    assert client.get(url("capacity_edit", north.person("alias-cella-1").uid)).status_code == 404


def test_the_planning_page_shows_needs_scores_capacities_and_plans(north, login):
    run = north.plan()
    body = login(north.planner).get(url("planning", north.unit.uid)).content.decode()
    for text in ("Steel Mill", "Bus Depot", "Print Shop", "alias-cella-1", "alias-cellb-1",
                 "Suggested score", "Workers", "Members in touch", "Support",
                 "exactly 2 members, or nobody", "No capacity recorded", f"#{run.short_uid}",
                 url("run_start", north.unit.uid), url("team_create", north.unit.uid),
                 url("need_edit", north.fields["steel"].uid),
                 url("capacity_edit", north.person("alias-north-2").uid)):
        assert text in body, text
    assert "South Port" not in body and "alias-cellc" not in body and "Legal" not in body


def test_a_viewer_sees_only_the_aliases_of_their_records(north, login):
    north.plan()
    body = login(north.world.user("committee_member")).get(
        url("planning", north.unit.uid)).content.decode()
    assert "alias-north-1" in body and "Steel Mill" in body
    assert "alias-cella" not in body and "alias-cellb" not in body
    assert url("run_start", north.unit.uid) not in body  # may not plan
    assert "member you may not see" in body  # the Print Shop's team is counted


def test_planning_from_the_page_to_an_applied_plan(north, login):
    client = login(north.planner)
    response = client.post(url("run_start", north.unit.uid),
                           {"time_limit_s": "5", "stability_weight": "0.5"})
    run = PlanRun.objects.get()
    assert response.status_code == 302 and response["Location"] == url("run_detail", run.uid)
    body = client.get(url("run_detail", run.uid)).content.decode()
    for text in ("Objective", "Bound", "Gap", "greedy", "Steel Mill", "alias-cella-1",
                 "weight 5 (#1 of 3)", "Fields gained", "Apply this plan",
                 "proven the best plan among the assignments considered",
                 url("run_edit", run.uid)):
        assert text in body, text
    assert "field " + str(north.fields["steel"].pk) + " weight" not in body
    response = client.post(url("run_apply", run.uid), {"revision": run.revision}, follow=True)
    assert "The plan is in force." in response.content.decode()
    run.refresh_from_db()
    assert run.status == PlanRun.Status.APPLIED
    assert DeploymentAssignment.objects.filter(plan_run=run).exists()


def test_a_bad_plan_request_is_explained(north, login):
    response = login(north.planner).post(url("run_start", north.unit.uid),
                                         {"time_limit_s": "0", "stability_weight": "0.5"},
                                         follow=True)
    assert "The time limit must be more than 0" in response.content.decode()
    assert not PlanRun.objects.exists()


def test_a_refused_edit_is_explained_and_changes_nothing(north, login):
    run = north.plan()
    client = login(north.planner)
    response = client.post(url("run_edit", run.uid), {
        "op": "remove", "field": north.fields["steel"].pk,
        "member": north.person("alias-cella-1").pk}, follow=True)
    assert "“Steel Mill” team 1 below min team 2" in response.content.decode()
    run.refresh_from_db()
    assert run.revision == 0
    response = client.post(url("run_edit", run.uid), {
        "op": "remove_field", "field": north.fields["depot"].pk}, follow=True)
    assert "The plan was changed." in response.content.decode()
    # The page loaded before the edit can no longer apply the plan.
    response = client.post(url("run_apply", run.uid), {"revision": 0}, follow=True)
    assert "changed since you opened it" in response.content.decode()


def test_the_status_is_followed_while_the_planner_works(north, login, queued):
    run = north.plan()
    client = login(north.planner)
    body = client.get(url("run_detail", run.uid)).content.decode()
    assert 'hx-trigger="every 2s"' in body and f'hx-get="{url("run_detail", run.uid)}"' in body
    assert f'href="{url("run_detail", run.uid)}"' in body  # reload without JavaScript
    assert '<progress max="100" value="0">' in body
    partial = client.get(url("run_detail", run.uid), HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<div id="run-status"')
    assert "HX-Refresh" not in partial
    execute(Job.objects.get(subject_uid=run.uid).pk)
    partial = client.get(url("run_detail", run.uid), HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"


def test_a_failed_run_shows_its_reason_with_aliases(north, login):
    MemberCapacity.objects.filter(person=north.person("alias-cella-2")).update(
        hours_per_week=-3)
    run = north.plan()
    body = login(north.planner).get(url("run_detail", run.uid)).content.decode()
    assert "alias-cella-2: hours must be &gt;= 0" in body


def test_editing_a_capacity(north, login):
    person = north.person("alias-north-2")
    client = login(north.planner)
    planning = url("planning", north.unit.uid)
    assert client.get(url("capacity_edit", person.uid)).status_code == 200
    response = client.post(f"{url('capacity_edit', person.uid)}?next={planning}", {
        "hours_per_week": "5", "skills": ["agitation", "writing"], "languages": "fa, ku",
        "max_distance_km": "12", "excluded_fields": [north.fields["print"].uid],
        "notes": "evenings"})
    assert response.status_code == 302 and response["Location"] == planning
    capacity = MemberCapacity.objects.get(person=person)
    assert capacity.hours_per_week == Decimal("5") and capacity.skills == "agitation, writing"
    assert list(capacity.excluded_fields.all()) == [north.fields["print"]]
    response = client.post(url("capacity_edit", person.uid), {"hours_per_week": "-1"})
    assert "Hours cannot be negative." in response.content.decode()
    # Off-site addresses are never followed.
    response = client.post(f"{url('capacity_edit', person.uid)}?next=https://evil.example/",
                           {"hours_per_week": "4"})
    assert response["Location"] == url("planning", person.unit.uid)


def test_the_weight_is_offered_to_the_responsible_committee_only(north, login):
    steel = north.fields["steel"]
    body = login(north.world.user("cell_secretary")).get(url("need_edit", steel.uid)).content
    assert b'name="weight_source"' not in body and b"responsible committee sets" in body
    client = login(north.planner)
    assert b'name="weight_source"' in client.get(url("need_edit", steel.uid)).content
    response = client.post(url("need_edit", steel.uid), {
        "min_team": 3, "max_team": 4, "hours_per_member": "2.5",
        "required_skills": ["agitation"], "required_languages": "", "weight_source": "own",
        "weight": "8"})
    assert response.status_code == 302
    steel.need.refresh_from_db()
    assert (steel.need.min_team, steel.need.weight) == (3, Decimal("8"))


def test_forming_a_team_from_the_page(north, login):
    client = login(north.world.user("overseer"))
    body = client.get(url("team_create", north.unit.uid)).content.decode()
    assert "You may change the deployment of no member" in body
    assert "<form" not in body.split('<main id="main">')[1]
    client = login(north.planner)
    data = {"name": "Depot strike", "needed_members": "3", "hours_per_member": "4",
            "max_member_hours": "10", "start_date": "2030-01-01", "end_date": "2030-01-05",
            "required_skills": [], "required_languages": "", "time_limit_s": "5",
            "stability_weight": "0.5"}
    body = client.post(url("team_create", north.unit.uid), data).content.decode()
    assert "Cap on member-hours taken from the basic organizations" in body
    response = client.post(url("team_create", north.unit.uid),
                           {**data, "needed_members": "1"})
    run = PlanRun.objects.get()
    assert response["Location"] == url("run_detail", run.uid) and run.team.name == "Depot strike"


def test_the_unit_page_links_to_the_planning_page(north, login):
    body = login(north.planner).get(
        reverse("organizations:unit_detail", kwargs={"uid": north.unit.uid})).content.decode()
    assert url("planning", north.unit.uid) in body


def test_the_pages_render_in_persian(north, login, settings):
    run = north.plan()
    client = login(north.planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    for page in (url("planning", north.unit.uid), url("run_detail", run.uid),
                 url("team_create", north.unit.uid), url("need_edit", north.fields["steel"].uid),
                 url("capacity_edit", north.person("alias-cella-1").uid)):
        response = client.get(page)
        assert response.status_code == 200, page
        assert 'dir="rtl"' in response.content.decode(), page


def test_the_reasons_of_a_plan_are_shown_in_the_readers_language(north, login, settings):
    run = north.plan()
    client = login(north.planner)
    english = client.get(url("run_detail", run.uid)).content.decode()
    assert "“Steel Mill” weight 5 (#1 of 3)" in english and " h left" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    persian = client.get(url("run_detail", run.uid)).content.decode()
    # Persian digits on a Persian page (nucleus/digits.py).
    assert "“Steel Mill” با وزن ۵ (رتبهٔ ۱ از ۳)" in persian
    assert "ساعت مانده" in persian and " h left" not in persian and "weight 5" not in persian
