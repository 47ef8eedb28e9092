"""A unit's congresses page: what it convenes, where it sends delegates, its mandates."""

from __future__ import annotations

from datetime import date

from audit.models import AuditEvent
from congresses.actions import do_give_mandate
from congresses.models import Delegate
from congresses.tests.helpers import conference


def test_it_lists_the_cells_mandates_with_their_credentials(world, login):
    congress = conference(world)
    do_give_mandate(acting_user=world.user("cell_secretary"), congress=congress,
                    unit=world.units["cell_a"], person=world.people["alias-cella-1"],
                    selection="elected", on=date(2026, 2, 1))
    page = login(world.user("cell_secretary")).get(
        f"/units/{world.units['cell_a'].uid}/congresses/").content.decode()
    assert "Conference 2 of North Committee: 2 seats" in page
    assert "alias-cella-1" in page and "Submitted" in page
    assert "Elect or appoint a delegate" in page


def test_it_files_the_credential_without_naming_who_sent_it(world):
    congress = conference(world)
    do_give_mandate(acting_user=world.user("cell_secretary"), congress=congress,
                    unit=world.units["cell_a"], person=world.people["alias-cella-1"],
                    selection="elected", on=date(2026, 2, 1))
    row = AuditEvent.objects.get(model="congresses.Delegate", action="create")
    assert row.actor is None and row.unit == world.units["north"]
    assert "person" not in row.changes


def test_it_shows_a_member_of_the_committee_the_congress_but_no_mandate_form(world, login):
    conference(world)
    client = login(world.user("committee_member"))
    page = client.get(f"/units/{world.units['north'].uid}/congresses/").content.decode()
    assert "Conference 2" in page and "Call a congress" not in page
    assert client.get(f"/units/{world.units['north'].uid}/mandates/new/").status_code == 404
    assert not Delegate.objects.exists()
