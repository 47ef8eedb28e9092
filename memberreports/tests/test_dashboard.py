from django.urls import reverse


def test_it_shows_the_office_what_waits_and_the_reports_by_country(client, login, world,
                                                                   sent_report):
    login(world.user("coalition_office"))
    body = client.get(reverse("coalitions:dashboard", kwargs={"uid": world.coalition.uid})
                      ).content.decode()

    assert "Member reports" in body and "Waiting for review" in body
    assert reverse("memberreports:detail", kwargs={"uid": sent_report.uid}) in body
    assert "<svg" in body and "<td><bdi>Nowhere</bdi></td><td>1</td>" in body


def test_a_report_being_processed_does_not_wait_for_review_yet(client, login, world, send,
                                                               queued):
    from memberreports.actions import Upload
    from memberreports.tests.conftest import gps_jpeg

    report = send(Upload(gps_jpeg()))
    login(world.user("coalition_office"))
    body = client.get(reverse("coalitions:dashboard", kwargs={"uid": world.coalition.uid})
                      ).content.decode()

    assert "No report waits for review." in body
    assert reverse("memberreports:detail", kwargs={"uid": report.uid}) not in body
