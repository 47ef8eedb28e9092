from django.urls import reverse


def test_it_shows_the_office_the_review_and_the_face_choice(client, login, world, sent_report):
    login(world.user("coalition_office"))
    body = client.get(reverse("memberreports:detail", kwargs={"uid": sent_report.uid})
                      ).content.decode()

    assert "Leaflets at the gate" in body and "Red Party" in body
    assert "Save the review" in body and "Keep the faces blurred" in body


def test_it_shows_the_sending_organization_no_office_forms(client, login, world, sent_report):
    login(world.user("cell_member"))
    body = client.get(reverse("memberreports:detail", kwargs={"uid": sent_report.uid})
                      ).content.decode()

    assert "Leaflets at the gate" in body
    assert "Save the review" not in body and "Keep the faces blurred" not in body


def test_it_answers_404_outside_the_coalition(client, login, world, sent_report):
    from accounts.models import User

    login(User.objects.get(username="outsider"))
    url = reverse("memberreports:detail", kwargs={"uid": sent_report.uid})

    assert client.get(url).status_code == 404


def test_it_shows_another_member_the_report_only_once_published(client, login, world,
                                                                 sent_report):
    from accounts.models import User
    from memberreports.actions import do_review_report, do_set_report_published
    from organizations.actions import do_set_membership

    office = world.user("coalition_office")
    do_set_membership(acting_user=office, coalition=world.coalition, organization=world.orgs["op"],
                      data={"status": "member"})
    login(User.objects.get(username="outsider"))
    url = reverse("memberreports:detail", kwargs={"uid": sent_report.uid})
    assert client.get(url).status_code == 404

    do_review_report(acting_user=office, report=sent_report, status="accepted")
    do_set_report_published(acting_user=office, report=sent_report, published=True)

    body = client.get(url).content.decode()
    assert "Leaflets at the gate" in body and "Keep the faces blurred" not in body



def test_it_shows_the_office_a_report_being_processed_without_its_review(client, login, world,
                                                                         send, queued):
    from memberreports.actions import Upload
    from memberreports.tests.conftest import gps_jpeg

    report = send(Upload(gps_jpeg()))
    login(world.user("coalition_office"))
    body = client.get(reverse("memberreports:detail", kwargs={"uid": report.uid})
                      ).content.decode()

    assert "Leaflets at the gate" in body and "photos and videos being processed" in body
    assert "still being processed" in body
    assert "Save the review" not in body and "Publish" not in body
    assert "job-status" not in body  # the job is the sending unit's, not the office's


def test_it_answers_404_outside_for_a_report_being_processed_and_its_job(client, login, send,
                                                                         queued):
    from accounts.models import User
    from jobs.models import Job
    from memberreports.actions import Upload
    from memberreports.tests.conftest import gps_jpeg

    report = send(Upload(gps_jpeg()))
    job = Job.objects.get(subject_uid=report.uid)
    login(User.objects.get(username="outsider"))

    assert client.get(reverse("memberreports:detail", kwargs={"uid": report.uid})
                      ).status_code == 404
    assert client.get(reverse("jobs:job_detail", kwargs={"uid": job.uid})).status_code == 404
