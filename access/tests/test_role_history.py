"""Roles keep their history: revoking ends a role, a change opens a new one, and who held
which role on a day stays answerable."""

import datetime

import pytest
from django.utils import timezone

from access.actions import do_grant_role, do_revoke_role
from access.models import CoalitionOffice, Role
from access.scope import forget_scope
from audit.models import AuditEvent
from people.models import Person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
MONTH_AGO = TODAY - datetime.timedelta(days=30)


def test_it_ends_the_old_role_and_opens_a_new_one_on_a_change(world):
    user, unit = world.user("cell_member"), world.units["cell_a"]
    old = user.roles.get()
    Role.objects.filter(pk=old.pk).update(since=MONTH_AGO)
    new = do_grant_role(acting_user=world.user("cell_secretary"), user=user, unit=unit,
                        kind="organizer")
    old.refresh_from_db()
    assert (old.kind, old.since, old.until) == ("member", MONTH_AGO, TODAY)
    assert (new.kind, new.since, new.until) == ("organizer", TODAY, None)
    ten_days_ago = TODAY - datetime.timedelta(days=10)
    assert list(Role.objects.active(ten_days_ago).filter(user=user).values_list(
        "kind", flat=True)) == ["member"]
    assert list(Role.objects.active().filter(user=user).values_list("kind", flat=True)) == [
        "organizer"]
    # The new role decides access from now on: an organizer may add records.
    forget_scope(user)
    assert Person.objects.restrict(user, "add").filter(unit=unit).exists()


def test_it_changes_a_role_begun_today_in_place(world):
    user, unit = world.user("cell_member"), world.units["cell_a"]
    role = user.roles.get()
    again = do_grant_role(acting_user=None, user=user, unit=unit, kind="observer")
    assert again.pk == role.pk
    assert Role.objects.filter(user=user, unit=unit).count() == 1
    event = AuditEvent.objects.filter(model="access.Role", object_id=role.pk,
                                      action="update").latest("id")
    assert event.changes["kind"] == ["member", "observer"]


def test_it_keeps_a_revoked_role_and_takes_its_access_away(world):
    user = world.user("cell_member")
    role = user.roles.get()
    Role.objects.filter(pk=role.pk).update(since=MONTH_AGO)
    role.refresh_from_db()
    assert Person.objects.restrict(user).exists()
    do_revoke_role(acting_user=world.user("cell_secretary"), role=role)
    forget_scope(user)
    assert not Person.objects.restrict(user).exists()
    assert Role.objects.filter(pk=role.pk, until=TODAY).exists()
    assert Role.objects.active(MONTH_AGO).filter(pk=role.pk).exists()


def test_it_grants_again_after_a_revocation(world):
    user, unit = world.user("cell_member"), world.units["cell_a"]
    role = user.roles.get()
    Role.objects.filter(pk=role.pk).update(since=MONTH_AGO)
    role.refresh_from_db()
    do_revoke_role(acting_user=None, role=role)
    do_grant_role(acting_user=None, user=user, unit=unit, kind="member")
    assert Role.objects.filter(user=user, unit=unit).count() == 2
    assert Role.objects.active().filter(user=user, unit=unit).count() == 1


def test_it_audits_the_founders_grant_and_the_coalition_office(world):
    from organizations.actions import do_create_coalition, do_create_organization

    founder = world.user("outsider")
    org = do_create_organization(acting_user=founder, data={"name": "Third Party"})
    role = Role.objects.get(user=founder, unit__organization=org)
    assert AuditEvent.objects.filter(model="access.Role", object_id=role.pk, action="create",
                                     actor=founder, unit=role.unit).exists()
    coalition = do_create_coalition(acting_user=founder, data={"name": "Another Coalition"})
    office = CoalitionOffice.objects.get(user=founder, coalition=coalition)
    assert AuditEvent.objects.filter(model="access.CoalitionOffice", object_id=office.pk,
                                     action="create").exists()


def test_the_role_page_lists_roles_in_force_and_ended_ones_apart(world, login):
    from django.urls import reverse

    role = world.user("cell_member").roles.get()
    Role.objects.filter(pk=role.pk).update(since=MONTH_AGO)
    role.refresh_from_db()
    do_revoke_role(acting_user=None, role=role)
    page = login(world.user("cell_secretary")).get(
        reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid})).content.decode()
    current, _, ended = page.partition("Ended roles")
    assert "cell_member" not in current.split("<table", 1)[-1].split("</table>")[0]
    assert "cell_member" in ended
