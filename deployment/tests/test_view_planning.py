"""The planning page in an organizer's order: the priority fields and their needs, the
members' hours and what they can do, then the plans (in words); the solver's settings wait
under "Advanced" with plain-language help."""

import re

import pytest
from django.urls import reverse

from deployment.actions import do_edit_plan

pytestmark = pytest.mark.django_db


def _page(north, login) -> str:
    url = reverse("deployment:planning", kwargs={"uid": north.unit.uid})
    return login(north.planner).get(url).content.decode()


def test_it_starts_with_the_fields_and_the_members_then_the_plans(north, login):
    north.plan()
    body = _page(north, login)
    at = 0
    for text in ("Fields and their needs", "Steel Mill", "exactly 2 members, or nobody",
                 "Members and what they can give", "alias-cella-1", "6 h a week", "Agitation",
                 ">Plans<", "Make a plan"):
        at = body.index(text, at)  # each after the one before
    assert body.index("Members and what they can give") > body.rindex("exactly 2 members")


def test_it_keeps_the_solver_settings_under_advanced_with_plain_help(north, login):
    body = _page(north, login)
    advanced = re.search(r'<details class="advanced">(.*?)</details>', body, re.S)
    assert advanced is not None
    inside = advanced.group(1)
    for text in ('name="time_limit_s"', 'name="stability_weight"',
                 "How long the planner may search",
                 "How much to prefer keeping people where they already work"):
        assert text in inside, text
    outside = body.replace(advanced.group(0), "")
    assert "time_limit_s" not in outside and "stability_weight" not in outside


def test_it_says_in_words_how_many_needs_a_plan_covers(north, login):
    run = north.plan()
    assert "covers 3 of 3 needs" in _page(north, login)
    do_edit_plan(acting_user=north.planner, run=run, op="remove_field",
                 field_id=north.fields["depot"].pk)
    body = _page(north, login)
    assert "covers 2 of 3 needs" in body
    assert "Objective" not in body and "Gap" not in body


def test_it_tells_how_far_members_travel_and_never_shows_their_area(north, login, settings):
    from decimal import Decimal

    from deployment.actions import do_create_area, do_set_capacity

    area = do_create_area(acting_user=None, organization=north.world.orgs["rp"], data={
        "name": "Hidden Quarter", "kind": "district", "latitude": Decimal("35.7"),
        "longitude": Decimal("51.4")})
    do_set_capacity(acting_user=None, person=north.person("alias-cella-2"),
                    data={"area": area, "max_distance_km": Decimal("12")})
    body = _page(north, login)
    assert "travels up to 12 km" in body
    assert "Hidden Quarter" not in body
