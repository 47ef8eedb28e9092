from django.urls import reverse

from memberreports.models import SentReport


def _review(client, report, **data):
    return client.post(reverse("memberreports:review", kwargs={"uid": report.uid}), data)


def test_it_asks_for_changes_with_a_note_back(client, login, world, sent_report):
    login(world.user("coalition_office"))
    _review(client, sent_report, status="changes", note="Add the second city.")

    report = SentReport.objects.get(pk=sent_report.pk)
    assert (report.status, report.office_note) == ("changes", "Add the second city.")
    login(world.user("cell_member"))
    body = client.get(reverse("memberreports:detail", kwargs={"uid": report.uid})
                      ).content.decode()
    assert "Add the second city." in body


def test_it_refuses_changes_without_a_note(client, login, world, sent_report):
    login(world.user("coalition_office"))
    response = _review(client, sent_report, status="changes", note="")

    assert response.status_code == 302
    assert SentReport.objects.get(pk=sent_report.pk).status == "sent"


def test_it_lets_only_the_office_review(client, login, world, sent_report):
    login(world.user("cell_secretary"))

    assert _review(client, sent_report, status="accepted").status_code == 404
    assert SentReport.objects.get(pk=sent_report.pk).status == "sent"
