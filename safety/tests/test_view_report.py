"""The exposure report of a frozen account: what it revealed, downloaded and could see,
within the reader's own compartments, and reading it is audited."""

from __future__ import annotations

from uuid import uuid4

import pytest
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from safety.models import Freeze

pytestmark = pytest.mark.django_db


def _report(freeze: Freeze) -> str:
    return reverse("safety:freeze_report", kwargs={"uid": freeze.uid})


@pytest.fixture
def frozen(world, login, arrested, settings, tmp_path) -> Freeze:
    """The arrested account revealed one person in Cell A and one in Cell B and exported
    Cell A's contacts (a job, run inline here), all through the pages, before Cell A's
    secretary froze it."""
    settings.DATA_DIR = tmp_path
    for alias in ("alias-cella-1", "alias-cellb-1"):
        response = arrested.client.post(reverse("people:person_reveal",
                                                kwargs={"uid": world.people[alias].uid}))
        assert response.status_code == 200
    response = arrested.client.post(reverse("fieldwork:export_contacts",
                                            kwargs={"uid": world.units["cell_a"].uid}))
    assert response.status_code == 302
    login(world.user("cell_secretary")).post(
        reverse("safety:freeze", kwargs={"uid": arrested.role_a.uid}), {"reason": "Arrested."})
    return Freeze.objects.get()


def _section(body: str, heading_id: str) -> str:
    start = body.index(f'id="{heading_id}"')
    return body[start:body.index("</section>", start)]


def test_it_lists_the_reveal_and_the_export_the_account_made(world, login, frozen):
    response = login(world.user("cell_secretary")).get(_report(frozen))
    assert response.status_code == 200
    body = response.content.decode()
    assert "alias-cella-1" in _section(body, "identities-heading")
    exports = _section(body, "exports-heading")
    assert "Cell A" in exports
    assert "It downloaded no export" not in exports
    # Whom it could see: Cell A and its two people, by alias for this reader.
    seen = _section(body, "seen-heading")
    assert "Cell A" in seen and "alias-cella-2" in seen


def test_it_shows_nothing_outside_the_readers_compartment(world, login, frozen):
    body = login(world.user("cell_secretary")).get(_report(frozen)).content.decode()
    # Cell B is beside Cell A: its reveal, its people and the unit itself stay unnamed.
    assert "alias-cellb-1" not in body
    assert "Cell B" not in body
    assert world.identities["alias-cella-1"].legal_name not in body


def test_it_shows_a_secretary_above_every_compartment_below(world, login, frozen):
    founder = User.objects.get(username="founder")
    body = login(founder).get(_report(frozen)).content.decode()
    identities = _section(body, "identities-heading")
    assert "alias-cella-1" in identities and "alias-cellb-1" in identities
    assert "Cell B" in _section(body, "seen-heading")


@pytest.mark.parametrize("name", ["cell_member", "sibling_secretary", "overseer",
                                  "committee_member", "coalition_office", "outsider"])
def test_it_answers_404_outside_the_freezing_secretarys_scope(world, login, frozen, name):
    client = login(world.user(name))
    assert client.get(_report(frozen)).status_code == 404
    assert client.get(reverse("safety:freeze_report", kwargs={"uid": uuid4()})
                      ).status_code == 404
    assert not AuditEvent.objects.filter(model="safety.Freeze", object_id=frozen.pk,
                                         action=AuditEvent.Action.SECURITY).exists()


def test_it_records_who_read_the_report(world, login, frozen):
    secretary = world.user("cell_secretary")
    login(secretary).get(_report(frozen))
    event = AuditEvent.objects.get(model="safety.Freeze", object_id=frozen.pk,
                                   action=AuditEvent.Action.SECURITY)
    assert event.actor == secretary
    assert event.unit_id == world.units["cell_a"].pk


def test_it_lists_the_freeze_for_its_secretaries_only(world, login, frozen):
    listed = login(world.user("cell_secretary")).get(reverse("safety:freeze_list"))
    assert "arrested" in listed.content.decode()
    other = login(world.user("sibling_secretary")).get(reverse("safety:freeze_list"))
    assert other.status_code == 200
    assert "arrested" not in other.content.decode()
