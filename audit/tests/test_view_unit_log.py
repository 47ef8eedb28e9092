"""The unit audit log page: its secretaries read the rows of their units (with oversight,
of the subtree), and the logins of the people holding roles there; everyone else gets 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actions import do_grant_role
from audit.log import record_security_event
from audit.models import AuditEvent
from audit.views import PAGE_SIZE
from people.actions import do_update_person

pytestmark = pytest.mark.django_db


def _url(unit, **query):
    url = reverse("audit:unit_log", kwargs={"uid": unit.uid})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _seqs(response):
    return [line.event.seq for line in response.context["lines"]]


def test_it_requires_access(world, login):
    cell_a = world.units["cell_a"]
    for name in ("cell_member", "sibling_secretary", "overseer", "committee_member",
                 "coalition_office", "outsider"):
        assert login(world.user(name)).get(_url(cell_a)).status_code == 404, name
    assert login(None).get(_url(cell_a)).status_code == 302


def test_it_shows_only_the_rows_of_the_secretarys_unit(world, login):
    secretary = world.user("cell_secretary")
    cell_a, cell_b = world.units["cell_a"], world.units["cell_b"]
    do_update_person(acting_user=secretary, person=world.people["alias-cella-1"],
                     data={"alias": "alias-cella-1-renamed"})
    do_update_person(acting_user=world.user("sibling_secretary"),
                     person=world.people["alias-cellb-1"], data={"alias": "alias-cellb-1-x"})
    response = login(secretary).get(_url(cell_a))
    assert response.status_code == 200
    shown = AuditEvent.objects.filter(seq__in=_seqs(response))
    assert shown.filter(unit=cell_a, action="update", model="people.Person").exists()
    assert not shown.filter(unit=cell_b).exists()
    assert set(shown.exclude(unit=None).values_list("unit_id", flat=True)) == {cell_a.pk}
    body = response.content.decode()
    assert "alias-cella-1-renamed" in body and "alias-cellb-1" not in body
    # The unit page links here for those who may read it, and only for them.
    unit_page = reverse("organizations:unit_detail", kwargs={"uid": cell_a.uid})
    assert _url(cell_a) in login(secretary).get(unit_page).content.decode()
    assert _url(cell_a) not in login(world.user("cell_member")).get(unit_page).content.decode()


def test_it_shows_the_subtree_to_a_secretary_with_oversight(world, login):
    north, cell_a, cell_b = world.units["north"], world.units["cell_a"], world.units["cell_b"]
    overseer = world.user("overseer")
    do_grant_role(acting_user=None, user=overseer, unit=north, kind="secretary",
                  oversight=True, identity_access=False)
    client = login(overseer)
    shown = AuditEvent.objects.filter(seq__in=_seqs(client.get(_url(north))))
    assert {cell_a.pk, cell_b.pk} <= set(shown.values_list("unit_id", flat=True))
    assert not shown.filter(unit=world.units["south"]).exists()
    # Above or beside the role: 404.
    assert client.get(_url(world.units["rp_cc"])).status_code == 404
    assert client.get(_url(world.units["cell_c"])).status_code == 404


def test_it_shows_the_logins_of_the_units_role_holders_only(world, login):
    member, other = world.user("cell_member"), world.user("sibling_secretary")
    mine = record_security_event(kind=AuditEvent.Action.LOGIN, actor=member)
    theirs = record_security_event(kind=AuditEvent.Action.LOGIN, actor=other)
    unknown = record_security_event(kind=AuditEvent.Action.LOGIN_FAILED, actor=None,
                                    detail={"username": "nobody"})
    seqs = _seqs(login(world.user("cell_secretary")).get(_url(world.units["cell_a"])))
    assert mine.seq in seqs
    assert theirs.seq not in seqs and unknown.seq not in seqs


def test_it_names_actors_outside_the_readers_units_without_their_alias(world, login):
    from accounts.models import User

    founder = User.objects.get(username="founder")
    founder.person = world.people["alias-rpcc-1"]
    founder.save()
    do_update_person(acting_user=founder, person=world.people["alias-cella-2"],
                     data={"alias": "alias-cella-2-b"})
    response = login(world.user("cell_secretary")).get(_url(world.units["cell_a"]))
    body = response.content.decode()
    assert "alias-rpcc-1" not in body and "founder" not in body
    assert "someone outside your units" in body


def test_it_filters_by_person_action_and_days(world, login):
    secretary = world.user("cell_secretary")
    cell_a = world.units["cell_a"]
    person = world.people["alias-cella-2"]
    do_update_person(acting_user=secretary, person=person, data={"alias": "alias-cella-2-c"})
    client = login(secretary)
    by_person = AuditEvent.objects.filter(seq__in=_seqs(client.get(_url(cell_a,
                                                                        person=person.uid))))
    assert by_person.exists()
    assert set(by_person.values_list("object_id", flat=True)) == {person.pk}
    updates = AuditEvent.objects.filter(seq__in=_seqs(client.get(_url(cell_a, action="update"))))
    assert updates.exists() and set(updates.values_list("action", flat=True)) == {"update"}
    today = timezone.localdate()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert _seqs(client.get(_url(cell_a, since=tomorrow))) == []
    assert _seqs(client.get(_url(cell_a, since=today.isoformat(), until=today.isoformat())))
    # A person outside the unit is no choice: the filter is refused, nothing is widened.
    outside = world.people["alias-cellb-1"]
    response = client.get(_url(cell_a, person=outside.uid))
    assert response.context["form"].errors and "alias-cellb-1" not in response.content.decode()


def test_it_pages_the_log(world, login):
    member = world.user("cell_member")
    for _n in range(PAGE_SIZE + 5):
        record_security_event(kind=AuditEvent.Action.LOGIN, actor=member)
    client = login(world.user("cell_secretary"))
    first = client.get(_url(world.units["cell_a"]))
    assert len(_seqs(first)) == PAGE_SIZE and first.context["page"].has_next()
    second = client.get(_url(world.units["cell_a"], page=2))
    assert second.status_code == 200 and set(_seqs(first)).isdisjoint(_seqs(second))
    assert _seqs(first) == sorted(_seqs(first), reverse=True)
