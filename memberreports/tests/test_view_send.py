import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from memberreports.models import MemberReport, SentReport
from memberreports.tests.conftest import face_png, gps_jpeg


def _post(client, campaign, world, **files):
    return client.post(reverse("memberreports:send", kwargs={"uid": campaign.uid}), {
        "organization": world.orgs["rp"].uid, "component": campaign.components.first().uid,
        "text": "Leaflets at the gate", "date": "2022-12-02", "city": "Nowhere City",
        "country": "Nowhere", **files})


def test_it_sends_a_report_with_photos_stripped_and_blurred(client, login, world, campaign,
                                                             sender):
    login(sender)
    response = _post(client, campaign, world, uploads=[
        SimpleUploadedFile("gate.jpg", gps_jpeg()), SimpleUploadedFile("crowd.png", face_png())])

    report = SentReport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{report.uid}/")
    assert report.media.count() == 2 and report.media.filter(faces=1).count() == 1
    assert MemberReport.objects.get().sent_copy == report
    photo = report.media.get(faces=0)
    served = client.get(reverse("memberreports:media", kwargs={"uid": photo.uid}))
    assert not Image.open(io.BytesIO(served.content)).getexif()


def test_it_refuses_a_file_of_the_wrong_type_and_saves_nothing(client, login, world, campaign,
                                                               sender):
    login(sender)
    response = _post(client, campaign, world, uploads=[
        SimpleUploadedFile("photo.jpg", b"this is not a photo")])

    assert response.status_code == 200
    assert "Only photos (JPEG, PNG, WebP) and videos" in response.content.decode()
    assert not SentReport.objects.exists() and not MemberReport.objects.exists()


def test_it_tells_a_user_who_acts_for_no_member_organization(client, login, world, campaign):
    login(world.user("cell_member"))
    response = client.get(reverse("memberreports:send", kwargs={"uid": campaign.uid}))

    assert "You do not act for a member organization" in response.content.decode()
    assert _post(client, campaign, world).status_code == 200
    assert not SentReport.objects.exists()


def test_it_sends_at_once_and_shows_the_jobs_progress_until_the_media_are_attached(
        client, login, world, campaign, sender, queued, monkeypatch):
    from jobs.models import Job
    from jobs.tests.inprocess import run_worker

    login(sender)
    response = _post(client, campaign, world,
                     uploads=[SimpleUploadedFile("gate.jpg", gps_jpeg())])

    report = SentReport.objects.get()
    job = Job.objects.get(subject_uid=report.uid)
    page = reverse("memberreports:detail", kwargs={"uid": report.uid})
    job_page = reverse("jobs:job_detail", kwargs={"uid": job.uid})
    assert response.status_code == 302 and response["Location"] == page
    body = client.get(page).content.decode()
    assert f'hx-get="{job_page}"' in body and "Waiting to process the photos and videos" in body
    assert '<meta http-equiv="refresh" content="2">' in body and not report.media.exists()

    run_worker(monkeypatch)

    assert client.get(job_page, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert f'href="{page}"' in client.get(job_page).content.decode()  # the result's link
    body = client.get(page).content.decode()
    shown = reverse("memberreports:media", kwargs={"uid": report.media.get().uid})
    assert "hx-get" not in body and shown in body
    served = client.get(shown)
    assert not Image.open(io.BytesIO(served.content)).getexif()


def test_it_shows_the_sender_why_the_files_were_refused_after_sending(client, login, world,
                                                                      campaign, sender, queued,
                                                                      monkeypatch):
    from jobs.tests.inprocess import run_worker

    login(sender)
    _post(client, campaign, world, uploads=[
        SimpleUploadedFile("gate.jpg", b"\xff\xd8\xff\xe0" + b"x" * 200)])
    run_worker(monkeypatch)

    report = SentReport.objects.get()
    body = client.get(reverse("memberreports:detail", kwargs={"uid": report.uid})
                      ).content.decode()
    assert "sent without its photos and videos" in body and 'role="alert"' in body
    assert not report.media.exists()
