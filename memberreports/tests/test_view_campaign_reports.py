from django.urls import reverse


def test_it_lists_the_campaigns_reports(client, login, world, sent_report):
    login(world.user("coalition_office"))
    body = client.get(reverse("memberreports:campaign_reports",
                              kwargs={"uid": sent_report.campaign.uid})).content.decode()

    assert "Nowhere City" in body and "waiting for review" in body
