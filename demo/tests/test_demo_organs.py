"""The organs in the demo (demo/organs.py): WPI's 2002 decision and founding declaration,
the RMP's resolution on MIM in eight points, the mill cell's meeting — and what the demo
logins see of them on the pages."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from demo.builder import SANANDAJ_CELL, build_demo
from demo.organs import FOUNDING_TITLE, LEADERSHIP_DECISION, MILL_MOTION, MIM_NAME
from organs.members import quorum_of
from organs.models import Decision, Meeting, Motion, PublishedResolution, Resolution
from publications.models import Precision


@pytest.fixture(autouse=True)
def _demo_install(settings, tmp_path):
    settings.NUCLEUS_DEMO = True
    settings.NUCLEUS_DEMO_MARKER = tmp_path / "demo-install"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def test_it_records_the_wpi_central_committees_decision_without_counts(built):
    decision = Decision.objects.get(title=LEADERSHIP_DECISION)
    assert decision.unit.name == "Central Committee"
    assert decision.motion is None
    assert (decision.decided_on.year, decision.date_precision) == (2002, Precision.YEAR)
    assert decision.text == ("The Central Committee subsequently voted for immediate "
                             "election of a leader.")
    meeting = Meeting.objects.get(unit=decision.unit)
    assert [i.title for i in meeting.agenda.all()] == [
        "The leadership of the party after the death of Mansoor Hekmat"]


def test_it_publishes_the_founding_declaration_with_its_four_signatures(built):
    published = PublishedResolution.objects.get(title=FOUNDING_TITLE)
    assert published.signatory_names == ["Mansoor Hekmat", "Koorosh Modarresi",
                                         "Reza Moghadam", "Iraj Azarin"]
    assert published.organization.acronym == "WPI"


def test_it_publishes_the_rmp_resolution_on_mim_in_eight_points(built):
    resolution = Resolution.objects.get(unit__name="RMP Central Committee")
    assert resolution.title == "Resolution Regarding the Maoist Internationalist Movement (MIM)"
    points = [p.text for p in resolution.points.all()]
    assert len(points) == 8
    assert points[0].startswith("MIM’s accusations against the RCP USA")
    assert "Maoist Anti-imperialist Club (Moldova)" in points[7]
    assert [o.name for o in resolution.about.all()] == [MIM_NAME]
    assert resolution.decision.number == 1 and resolution.decision.decided_on is None
    copy = resolution.published
    assert copy.organization.acronym == "RMP" and copy.points.count() == 8


def test_it_holds_the_mill_cells_meeting_with_quorum_and_an_adopted_motion(built):
    meeting = Meeting.objects.get(unit__name=SANANDAJ_CELL)
    quorum = quorum_of(meeting)
    assert (quorum.members, quorum.present, quorum.needed) == (4, 3, 3)
    assert meeting.attendance.filter(presence="excused").count() == 1
    assert meeting.has_minutes and "Cell-Azad" not in meeting.minutes_sealed
    motion = Motion.objects.get(title=MILL_MOTION)
    assert (motion.status, motion.votes_for) == (Motion.Status.ADOPTED, 3)
    assert motion.decision.number == 1


def test_the_mill_cells_member_sees_the_meeting_but_not_its_minutes(built, client):
    meeting = Meeting.objects.get(unit__name=SANANDAJ_CELL)
    client.force_login(User.objects.get(username="member"))
    page = client.get(reverse("organs:meeting_detail", kwargs={"uid": meeting.uid}))
    assert page.status_code == 200
    assert "Quorum reached: 3 of 4 voting members present, needed 3." in page.content.decode()
    minutes = reverse("organs:meeting_minutes", kwargs={"uid": meeting.uid})
    assert client.post(minutes).status_code == 404


def test_the_rmp_profile_lists_its_published_resolution(built, client):
    rmp = User.objects.get(username="rmp")
    client.force_login(rmp)
    copy = PublishedResolution.objects.get(organization__acronym="RMP")
    profile = client.get(reverse("organizations:organization_detail",
                                 kwargs={"uid": copy.organization.uid}))
    assert copy.title in profile.content.decode()
    page = client.get(reverse("organs:published_detail", kwargs={"uid": copy.uid}))
    assert "labour aristocracy" in page.content.decode()
