from django.urls import reverse


def test_it_lists_the_campaigns_reports(client, login, world, sent_report):
    login(world.user("coalition_office"))
    body = client.get(reverse("memberreports:campaign_reports",
                              kwargs={"uid": sent_report.campaign.uid})).content.decode()

    assert "Nowhere City" in body and "waiting for review" in body


def test_it_marks_a_report_whose_files_are_being_processed(client, login, world, send, queued):
    from memberreports.actions import Upload
    from memberreports.tests.conftest import gps_jpeg

    report = send(Upload(gps_jpeg()))
    login(world.user("coalition_office"))
    body = client.get(reverse("memberreports:campaign_reports",
                              kwargs={"uid": report.campaign.uid})).content.decode()

    assert "Nowhere City" in body and "photos and videos being processed" in body
