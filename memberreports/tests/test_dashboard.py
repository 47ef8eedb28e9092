from django.urls import reverse


def test_it_shows_the_office_what_waits_and_the_reports_by_country(client, login, world,
                                                                   sent_report):
    login(world.user("coalition_office"))
    body = client.get(reverse("coalitions:dashboard", kwargs={"uid": world.coalition.uid})
                      ).content.decode()

    assert "Member reports" in body and "Waiting for review" in body
    assert reverse("memberreports:detail", kwargs={"uid": sent_report.uid}) in body
    assert "<svg" in body and "<td><bdi>Nowhere</bdi></td><td>1</td>" in body
