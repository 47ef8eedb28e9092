from django.urls import reverse

from memberreports.models import ReportMedia, SentReport


def _publish(client, report, published="1"):
    return client.post(reverse("memberreports:publish", kwargs={"uid": report.uid}),
                       {"published": published})


def test_it_publishes_an_accepted_report_with_its_faces_blurred(client, login, world,
                                                                sent_report):
    login(world.user("coalition_office"))
    client.post(reverse("memberreports:review", kwargs={"uid": sent_report.uid}),
                {"status": "accepted"})
    _publish(client, sent_report)

    assert SentReport.objects.get(pk=sent_report.pk).is_published
    assert sent_report.media.get(faces=1).face_decision == ReportMedia.Faces.BLURRED


def test_it_does_not_publish_a_report_not_accepted(client, login, world, sent_report):
    login(world.user("coalition_office"))
    response = _publish(client, sent_report)

    assert response.status_code == 302
    assert not SentReport.objects.get(pk=sent_report.pk).is_published
