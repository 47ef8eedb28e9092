from django.urls import reverse

from audit.models import AuditEvent
from memberreports.models import ReportMedia


def test_it_keeps_the_faces_by_the_offices_recorded_choice(client, login, world, sent_report):
    item = sent_report.media.get(faces=1)
    office = world.user("coalition_office")
    login(office)
    held = client.get(reverse("memberreports:held", kwargs={"uid": item.uid}))
    assert held.status_code == 200 and held["Cache-Control"] == "private, no-store"

    client.post(reverse("memberreports:faces", kwargs={"uid": item.uid}), {"keep": "1"})

    item.refresh_from_db()
    assert item.face_decision == ReportMedia.Faces.KEPT and item.held_sha256 == ""
    rows = AuditEvent.objects.filter(model="memberreports.ReportMedia", object_id=item.pk,
                                     actor=office)
    assert any("face_decision" in row.fields for row in rows)


def test_it_lets_no_member_see_or_decide_on_the_faces(client, login, world, sent_report):
    item = sent_report.media.get(faces=1)
    login(world.user("cell_secretary"))

    assert client.get(reverse("memberreports:held", kwargs={"uid": item.uid})).status_code == 404
    client.post(reverse("memberreports:faces", kwargs={"uid": item.uid}), {"keep": "1"})
    item.refresh_from_db()
    assert item.face_decision == ReportMedia.Faces.PENDING
