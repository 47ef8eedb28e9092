"""A workflow across the organ's pages, as its secretary and members see them: Cell A holds
a meeting with quorum and adopts a motion by an open count (a numbered decision on the
organ's page); elects a 3-seat bureau by STV (nominations, the vote opened, ballots cast by
each member's own login, a paper stack entered by two tellers who first disagree, the count
with its quota and rounds, the published office terms); and its class composition report
shows counts only, refused below the threshold."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actions import do_grant_role
from accounts.models import User
from ballots.models import Ballot, PaperCount
from ballots.tests.helpers import make_voters
from congresses.tests.helpers import place, positions
from elections.models import Election, OfficeTerm
from organs.models import Decision, Meeting, Motion
from tests.cast import PASSWORD

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return response.content.decode()


def test_it_runs_a_meeting_an_election_and_a_composition_report(world, login):
    unit = world.units["cell_a"]
    secretary = world.user("cell_secretary")
    voters = make_voters(world, "cell_a", n=5)  # full members of Cell A, each with a login
    members = list(unit.people.filter(kind="member", status="member").order_by("alias"))
    assert len(members) == 7

    # The meeting: recorded, an agenda item, everyone's attendance (quorum).
    client = login(secretary)
    organ_url = reverse("organs:organ", kwargs={"uid": unit.uid})
    assert reverse("organs:meeting_create", kwargs={"uid": unit.uid}) in _body(
        client.get(organ_url))
    response = client.post(reverse("organs:meeting_create", kwargs={"uid": unit.uid}), {
        "held_on": timezone.localdate().isoformat(), "date_precision": "day",
        "kind": "regular", "status": "held", "minutes": "We met after the shift."})
    meeting = Meeting.objects.get(unit=unit)
    assert response.status_code == 302
    meeting_url = reverse("organs:meeting_detail", kwargs={"uid": meeting.uid})
    assert response.url == meeting_url
    response = client.post(reverse("organs:agenda_item_create", kwargs={"uid": meeting.uid}),
                           {"title": "The night shift"})
    assert response.status_code == 302
    item = meeting.agenda.get()
    attendance_url = reverse("organs:attendance", kwargs={"uid": meeting.uid})
    assert set(client.get(attendance_url).context["form"].fields) == {
        str(p.uid) for p in members}
    presences = {str(p.uid): "present" for p in members[:5]}
    presences.update({str(p.uid): "absent" for p in members[5:]})
    assert client.post(attendance_url, presences).status_code == 302
    assert "The night shift" in _body(client.get(meeting_url))

    # A motion, adopted by an open count: a numbered decision on the organ's page.
    response = client.post(reverse("organs:motion_create", kwargs={"uid": item.uid}), {
        "title": "Leaflets for the night shift", "text": "We print 300 leaflets.",
        "proposer": str(members[0].uid), "vote_mode": "open", "majority": ""})
    assert response.status_code == 302
    motion = Motion.objects.get(title="Leaflets for the night shift")
    count_url = reverse("organs:motion_count", kwargs={"uid": motion.uid})
    # More votes than voting members present are refused, nothing decided.
    page = client.post(count_url, {"votes_for": 5, "votes_against": 1, "abstentions": 0})
    assert page.status_code == 200 and page.context["form"].non_field_errors()
    assert Motion.objects.get(pk=motion.pk).status == "proposed"
    response = client.post(count_url, {"votes_for": 4, "votes_against": 1, "abstentions": 0})
    assert response.status_code == 302
    decision = Decision.objects.get(motion=motion)
    assert decision.number == 1
    member_client = login(world.user("cell_member"))
    organ_page = _body(member_client.get(organ_url))
    assert re.search(r'<td class="num">1</td>.*?Leaflets for the night shift</bdi>', organ_page,
                     re.S)
    assert reverse("organs:decision_detail", kwargs={"uid": decision.uid}) in organ_page
    decision_page = _body(member_client.get(
        reverse("organs:decision_detail", kwargs={"uid": decision.uid})))
    assert "Decision No. 1" in decision_page and "4 for, 1 against, 0 abstaining" in (
        decision_page)

    # The election of a 3-seat bureau by STV.
    client = login(secretary)
    response = client.post(reverse("elections:election_create", kwargs={"uid": unit.uid}), {
        "kind": "body", "title": "Cell bureau", "seats": "3", "method": "stv",
        "held_on": timezone.localdate().isoformat()})
    election = Election.objects.get(title="Cell bureau")
    election_url = reverse("elections:election_detail", kwargs={"uid": election.uid})
    assert response.status_code == 302 and response.url == election_url
    standing = [voters[0].person, voters[1].person, voters[2].person, voters[3].person]
    for person in standing[:3]:
        response = client.post(reverse("elections:nominate", kwargs={"uid": election.uid}),
                               {"candidate": str(person.uid), "self_nominated": "on"})
        assert response.status_code == 302
    # Nominated by another member: the candidate accepts through her own login.
    client.post(reverse("elections:nominate", kwargs={"uid": election.uid}), {
        "candidate": str(standing[3].uid), "nominated_by": str(standing[0].uid)})
    proposed = election.nominations.get(candidate=standing[3])
    assert proposed.status == "proposed"
    page = client.post(reverse("elections:open_vote", kwargs={"uid": election.uid}),
                       follow=True)
    assert "still awaits" in _body(page)
    do_grant_role(acting_user=None, user=voters[3], unit=unit, kind="member")
    response = login(voters[3]).post(
        reverse("elections:nomination_accept", kwargs={"uid": proposed.uid}), follow=True)
    assert "The nomination is accepted." in _body(response)

    # A member who is no secretary cannot open the vote.
    open_url = reverse("elections:open_vote", kwargs={"uid": election.uid})
    close_url = reverse("elections:close_vote", kwargs={"uid": election.uid})
    assert login(world.user("cell_member")).post(open_url).status_code == 404
    assert Election.objects.get(pk=election.pk).status != "voting"
    response = login(secretary).post(open_url, follow=True)
    assert "The vote is open." in _body(response)
    election = Election.objects.get(pk=election.pk)
    assert election.status == "voting"
    box = election.box
    key = {p.pk: str(n.uid) for n in election.nominations.all() for p in [n.candidate]}
    cast_url = reverse("ballots:cast", kwargs={"uid": box.uid})

    # Each voter casts her own ranking through the cast page.
    a, b, c, d = (key[p.pk] for p in standing)
    rankings = [[a, b, c], [a, b], [a, c], [b, d], [c, d]]
    for voter, ranking in zip(voters, rankings, strict=True):
        voter_client = login(voter)
        assert voter_client.get(cast_url).status_code == 200
        response = voter_client.post(cast_url, {f"rank_{i}": k for i, k in
                                                enumerate(ranking, start=1)}, follow=True)
        assert "Your ballot is in the box." in _body(response)
    assert "You have voted in this ballot." in _body(login(voters[0]).get(cast_url))
    assert login(world.user("cell_member")).post(close_url).status_code == 404
    assert Ballot.objects.filter(box=box).count() == 5

    # The paper stack of the two members without a login, by two tellers.
    teller_b = User.objects.create_user("teller-b", password=PASSWORD)
    do_grant_role(acting_user=None, user=teller_b, unit=unit, kind="secretary")
    paper_url = reverse("ballots:paper_first", kwargs={"uid": box.uid})
    letters = _letters(_body(login(secretary).get(paper_url)), election)
    stack = f"{letters[a]} {letters[d]}\n{letters[b]}\n"
    response = login(secretary).post(paper_url, {"ballots": stack})
    count = PaperCount.objects.get(box=box)
    second_url = reverse("ballots:paper_second", kwargs={"uid": count.uid})
    assert response.status_code == 302 and response["Location"] == second_url
    page = login(teller_b).post(second_url, {"ballots": f"{letters[a]} {letters[d]}\n"
                                                        f"{letters[c]}\n"})
    assert "The two entries differ in 1 ballot: nothing was added to the box." in _body(page)
    assert Ballot.objects.filter(box=box).count() == 5
    response = login(secretary).post(paper_url, {"ballots": stack})
    recount = PaperCount.objects.filter(box=box).exclude(pk=count.pk).get()
    response = login(teller_b).post(
        reverse("ballots:paper_second", kwargs={"uid": recount.uid}),
        {"ballots": stack.lower()}, follow=True)
    assert "the paper ballots are in the box" in _body(response)
    assert Ballot.objects.filter(box=box).count() == 7

    # Closed and counted: the results page shows the quota and the rounds.
    response = login(secretary).post(close_url, follow=True)
    assert "The vote is closed and counted." in _body(response)
    election = Election.objects.get(pk=election.pk)
    assert election.status == "counted" and election.result["quota"] == 2
    page = _body(login(secretary).get(election_url))
    assert re.search(r"<dt>Quota</dt><dd>2</dd>", page)
    assert "Round 1" in page and "Round 2" in page
    names = {standing[i].alias for i in range(3)}
    assert set(election.result["elected"]) == {a, b, c}

    # Published: the winners' office terms.
    response = login(secretary).post(reverse("elections:publish", kwargs={"uid": election.uid}),
                                     follow=True)
    assert "The results are published to the organ." in _body(response)
    terms = OfficeTerm.objects.filter(election=election)
    assert {t.holder for t in terms} == set(standing[:3])
    page = _body(login(world.user("cell_member")).get(election_url))
    assert "Office terms" in page
    terms_html = page.split("Office terms", 1)[1]
    for alias in names:
        assert alias in terms_html
    assert standing[3].alias not in terms_html

    # The class composition report: counts only, refused below the threshold.
    composition_url = reverse("congresses:unit_composition", kwargs={"uid": unit.uid})
    entries = positions(world)
    for person in members:
        place(person, entries["Industrial worker"])
    response = login(world.user("committee_member")).get(composition_url)
    page = _body(response)
    assert response.status_code == 200
    assert "Industrial worker" in page and "100.0%" in page
    for person in members:
        assert person.alias not in page
    for person in members[:2]:
        place(person, entries["Student"])
    page = _body(login(world.user("committee_member")).get(composition_url))
    assert "who could be identified by elimination" in page
    assert "Student" not in page
    for person in members:
        assert person.alias not in page


def _letters(page: str, election: Election) -> dict[str, str]:
    """The letter of each candidate's nomination, as the tellers' page lists them."""
    out = {}
    for nomination in election.nominations.all():
        match = re.search(r"<tr><td>([A-Z])</td><td>" + re.escape(nomination.name()) + "</td>",
                          page)
        assert match, nomination.name()
        out[str(nomination.uid)] = match.group(1)
    return out
