"""The congress page, the mandate form and the credentials committee's page."""

from __future__ import annotations

from congresses.models import Delegate, Mandate
from congresses.tests.helpers import committee_secretary, conference


def test_it_sends_a_delegate_from_the_cell_and_shows_only_the_credential(world, login):
    congress = conference(world)
    client = login(world.user("cell_secretary"))
    form = client.get(f"/units/{world.units['cell_a'].uid}/mandates/new/").content.decode()
    assert "Conference 2 of North Committee (2 seats)" in form
    response = client.post(f"/units/{world.units['cell_a'].uid}/mandates/new/", {
        "congress": str(congress.uid), "person": str(world.people["alias-cella-1"].uid),
        "selection": "elected", "on": "2026-02-01"})
    assert response.status_code == 302
    mandate = Mandate.objects.get()
    assert mandate.credential.sending_unit == world.units["cell_a"]

    secretary = committee_secretary(world)
    page = login(secretary).get(f"/congresses/{congress.uid}/").content.decode()
    assert "Cell A" in page and "alias-cella-1" not in page
    assert "Cell A: 2 voting members → 2 seats" in page


def test_it_lets_the_credentials_committee_confirm_and_record_attendance(world, login):
    congress = conference(world)
    client = login(world.user("cell_secretary"))
    client.post(f"/units/{world.units['cell_a'].uid}/mandates/new/", {
        "congress": str(congress.uid), "person": str(world.people["alias-cella-2"].uid),
        "selection": "appointed", "on": "2026-02-01"})
    credential = Delegate.objects.get()
    committee = login(committee_secretary(world))
    url = f"/credentials/{credential.uid}/"
    assert committee.post(url, {"decision": "refuse", "reason": ""}).status_code == 200
    credential.refresh_from_db()
    assert credential.status == "submitted"
    assert committee.post(url, {"decision": "confirm"}).status_code == 302
    assert committee.post(url, {"attendance": "present"}).status_code == 302
    credential.refresh_from_db()
    assert (credential.status, credential.attendance) == ("confirmed", "present")
    page = committee.get(f"/congresses/{congress.uid}/").content.decode()
    assert "1 confirmed delegate" in page and "Present 1" in page


def test_it_keeps_the_credentials_page_from_a_member_without_the_change_right(world, login):
    congress = conference(world)
    from congresses.actions import do_give_mandate

    mandate = do_give_mandate(acting_user=None, congress=congress, unit=world.units["cell_b"],
                              person=world.people["alias-cellb-1"], selection="elected",
                              on=congress.starts_on)
    client = login(world.user("committee_member"))
    assert client.get(f"/congresses/{congress.uid}/").status_code == 200
    assert client.get(f"/credentials/{mandate.credential.uid}/").status_code == 404
