"""Who may found (#9): by default only install administrators found organizations and
coalitions; others need a one-time invitation code, which founds once. Before, any user
could found an organization, become its secretary and use the role form to test
usernames."""

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from access.models import CoalitionOffice, Role
from accounts.models import FoundingInvitation
from audit.models import AuditEvent
from organizations.models import Coalition, Organization
from organizations.tests.helpers import form_errors, url

pytestmark = pytest.mark.django_db

ORG = {"name": "Blue Union", "country": "Nowhere", "status": "active"}
COALITION = {"name": "Workers Front", "kind": "front"}


def _invitation(*args: str) -> str:
    out = StringIO()
    call_command("founding_invitation", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_a_plain_user_cannot_found_an_organization(world, login):
    user = world.user("cell_member")
    response = login(user).post(url("organization_create"), ORG)
    assert "invitation" in form_errors(response)
    assert not Organization.objects.filter(name="Blue Union").exists()
    # No organization of their own, so no role form to test usernames with.
    assert not Role.objects.filter(user=user, kind="secretary").exists()


def test_a_plain_user_cannot_found_a_coalition(world, login):
    response = login(world.user("outsider")).post(url("coalition_create"), COALITION)
    assert "invitation" in form_errors(response)
    assert not Coalition.objects.filter(name="Workers Front").exists()


def test_the_api_refuses_founding_to_a_plain_user(world, login):
    client = login(world.user("cell_member"))
    org = client.post("/api/organizations/", ORG, content_type="application/json")
    coalition = client.post("/api/coalitions/", COALITION, content_type="application/json")
    assert org.status_code == coalition.status_code == 403
    assert not Organization.objects.filter(name="Blue Union").exists()
    assert not Coalition.objects.filter(name="Workers Front").exists()


def test_an_install_administrator_founds_without_invitation(world, login):
    admin = world.user("cell_member")
    admin.is_superuser = True
    admin.save()
    form = login(admin).get(url("organization_create")).context["form"]
    assert "invitation" not in form.fields
    assert login(admin).post(url("organization_create"), ORG).status_code == 302
    assert Organization.objects.filter(name="Blue Union").exists()


def test_anyone_founds_when_the_install_says_so(world, login, settings):
    settings.NUCLEUS_FOUNDERS = "anyone"
    assert login(world.user("outsider")).post(url("coalition_create"),
                                              COALITION).status_code == 302
    assert CoalitionOffice.objects.filter(coalition__name="Workers Front").exists()


def test_an_invitation_founds_once(world, login):
    code = _invitation("--note", "for the metal workers")
    invitation = FoundingInvitation.objects.get()
    assert invitation.code_hash == hashlib.sha256(code.encode()).hexdigest()
    user = world.user("cell_member")
    response = login(user).post(url("organization_create"), {**ORG, "invitation": code})
    assert response.status_code == 302
    org = Organization.objects.get(name="Blue Union")
    assert Role.objects.get(user=user, unit__organization=org).kind == "secretary"
    invitation.refresh_from_db()
    assert (invitation.used_by, invitation.used_for) == (user, f"organizations.Organization:"
                                                               f"{org.pk}")
    assert AuditEvent.objects.filter(model="accounts.FoundingInvitation",
                                     action="update").exists()
    again = login(user).post(url("coalition_create"), {**COALITION, "invitation": code})
    assert form_errors(again)["invitation"] == ["This invitation code is not valid."]
    assert not Coalition.objects.filter(name="Workers Front").exists()


def test_an_invitation_founds_a_coalition(world, login):
    code = _invitation()
    user = world.user("outsider")
    assert login(user).post(url("coalition_create"),
                            {**COALITION, "invitation": code}).status_code == 302
    assert CoalitionOffice.objects.filter(user=user, coalition__name="Workers Front").exists()


@pytest.mark.parametrize("code", ["", "made-up-code"])
def test_a_wrong_invitation_founds_nothing(world, login, code):
    _invitation()
    response = login(world.user("cell_member")).post(url("organization_create"),
                                                     {**ORG, "invitation": code})
    assert "invitation" in form_errors(response)
    assert not Organization.objects.filter(name="Blue Union").exists()
    assert not FoundingInvitation.objects.filter(used_at__isnull=False).exists()


def test_an_expired_invitation_founds_nothing(world, login):
    code = _invitation()
    FoundingInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = login(world.user("cell_member")).post(url("organization_create"),
                                                     {**ORG, "invitation": code})
    assert form_errors(response)["invitation"] == ["This invitation code is not valid."]
    assert not Organization.objects.filter(name="Blue Union").exists()
